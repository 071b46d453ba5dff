"""The built pages in a real browser: Chromium driven by Playwright."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import crawl, serve, watch
from conftest import REPO, CatalogWriter, card
from playwright.sync_api import Browser, expect

from generator.build import BuildOptions, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example zoo built into www/zoo/, to be served under the /zoo/ sub-path like GitHub Pages."""
    www = tmp_path_factory.mktemp("www")
    result = build(BuildOptions(str(REPO / "catalog"), str(www / "zoo")))
    assert result.written
    return www


def test_crawl_every_page_under_a_sub_path(browser: Browser, example_site: Path) -> None:
    """From the home page, follow every link: no broken link, missing asset or outside request."""
    with serve(example_site) as origin:
        crawled = crawl(browser, origin, "zoo/")
    model_pages = [url for url in crawled.visited if re.search(r"/zoo/models/([^/]+/){7}index\.html$", url)]
    assert len(model_pages) == len(json.loads((example_site / "zoo" / "catalog.json").read_text())["models"])
    assert len(crawled.visited) > 100


def test_file_url_page_has_style_and_a_working_copy_button(browser: Browser, example_site: Path) -> None:
    catalog = json.loads((example_site / "zoo" / "catalog.json").read_text())
    model = catalog["models"][0]
    context = browser.new_context()
    page = context.new_page()
    seen = watch(page)
    page.goto((example_site / "zoo" / model["page"]).as_uri())
    header = page.locator(".site-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "")
    button = page.locator(".stub-box button.copy")
    assert button.is_visible()
    button.click()
    # file:// has no clipboard API: the fallback copies through a selected text area.
    page.wait_for_function("document.querySelector('.stub-box button.copy').textContent !== 'Copy stub'")
    assert button.text_content() in ("Copied", "Press Ctrl+C")
    assert page.locator("#stub").text_content() == model["stub"]
    assert seen["errors"] == []
    context.close()


def test_copy_stub_puts_the_stub_on_the_clipboard(browser: Browser, example_site: Path) -> None:
    catalog = json.loads((example_site / "zoo" / "catalog.json").read_text())
    model = catalog["models"][0]
    with serve(example_site) as origin:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(urljoin(origin, "zoo/" + model["page"]))
        page.locator(".stub-box button.copy").click()
        page.wait_for_function("document.querySelector('.stub-box button.copy').textContent === 'Copied'")
        assert page.evaluate("navigator.clipboard.readText()") == "zoo:" + model["stub"]
        context.close()


def test_each_command_gets_a_button_copying_its_own_text(browser: Browser, example_site: Path) -> None:
    catalog = json.loads((example_site / "zoo" / "catalog.json").read_text())
    model = next(m for m in catalog["models"] if "commands-h" in (example_site / "zoo" / m["page"]).read_text())
    with serve(example_site) as origin:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(urljoin(origin, "zoo/" + model["page"]))
        commands = page.locator(".commands li")
        assert commands.count() > 1
        assert commands.locator("button.copy").count() == commands.count()
        last = commands.last
        line = last.locator("pre code").text_content()
        assert line and line in (example_site / "zoo" / model["page"]).read_text()
        button = last.locator("button.copy")
        assert button.text_content() == "Copy"
        button.click()
        expect(button).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == line
        context.close()


def test_the_figures_of_a_model_page_are_right_aligned_by_column(browser: Browser, example_site: Path) -> None:
    page = browser.new_page()
    stub = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned_quant-moderate"
    page.goto((example_site / "zoo" / "models" / stub / "index.html").as_uri())
    columns = {"metric-table": [2], "baseline-table": [2, 3], "family-table": [3, 4, 5], "files": [3]}
    for table, numbers in columns.items():
        aligned = page.evaluate(
            """(table) => [...document.querySelectorAll(`table.${table} tbody tr`)].filter(row => row.cells.length > 1)
                .map(row => [...row.cells].map(cell => getComputedStyle(cell).textAlign === "right"
                    && getComputedStyle(cell).fontVariantNumeric === "tabular-nums"))""",
            table,
        )
        assert aligned, table
        assert all(row == [place + 1 in numbers for place in range(len(row))] for row in aligned), table
    page.close()


def test_a_model_pages_header_cells_head_their_rows_and_columns(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    """Without a scope on each, a screen reader still hears which header a figure belongs to: the roles Chromium
    gives are those the scopes gave (a group's title keeps its scope="rowgroup")."""
    family = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
    metrics = "metrics:\n" + "".join(
        f"  - {{name: top1_accuracy, value: {value}, units: '%', dataset: {dataset}}}\n"
        for value, dataset in ((76.1, "imagenet"), (93.2, "imagenette"))
    )
    root = write_catalog({
        f"{family}/base-none/model.md": card("display_name: Base\n" + metrics),
        f"{family}/pruned-moderate/model.md": card("display_name: Pruned\n" + metrics.replace("76.1", "75.9")),
    })  # fmt: skip
    build(BuildOptions(str(root), str(tmp_path / "site")))
    path = tmp_path / "site" / "models" / family / "pruned-moderate" / "index.html"
    assert "scope=" not in path.read_text()
    page = browser.new_page()
    page.goto(path.as_uri())
    metrics_table = page.locator("table.metric-table").aria_snapshot()
    assert '- columnheader "Metric"' in metrics_table and '- columnheader "Value"' in metrics_table
    assert '- rowheader "Top1 accuracy"' in metrics_table
    assert '- cell "75.9%"' in metrics_table
    for table, header, row in (("baseline-table", "Baseline", "Top1 accuracy"), ("family-table", "Recovery", "Base")):
        snapshot = page.locator(f"table.{table}").aria_snapshot()
        assert f'- columnheader "{header}"' in snapshot and f'- rowheader "{row}"' in snapshot, snapshot
    assert '- columnheader "Size"' in page.locator("table.files").aria_snapshot()
    page.close()


def test_without_javascript_the_table_is_complete_and_script_controls_hidden(
    browser: Browser, example_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    table_dir = example_site / "zoo" / "models" / "cv" / "classification"
    page.goto((table_dir / "index.html").as_uri())
    expected = len(json.loads((table_dir / "models.json").read_text()))  # fewer than a page of rows
    assert page.locator("table.models tbody tr[data-stub]").count() == expected
    assert page.locator("table.models tbody tr:visible").count() == expected
    page.locator("table.models tbody th a").first.click()
    assert page.locator("code[data-copy-label]").count() > 0  # the script's copy buttons are not drawn
    assert page.locator("button.copy").count() == 0
    context.close()


def test_embedded_table_reports_its_height_and_opens_links_on_top(browser: Browser, example_site: Path) -> None:
    host = example_site / "host.html"
    host.write_text(
        "<!DOCTYPE html><title>host</title>"
        '<iframe id="zoo" src="zoo/tables/models/cv/classification/" width="100%" height="500"></iframe>'
        "<script>window.heights = []; window.addEventListener('message', e => {"
        " if (e.data && e.data.type === 'zoocat:height') { window.heights.push(e.data.height);"
        " document.getElementById('zoo').style.height = e.data.height + 'px'; } });</script>"
    )
    with serve(example_site) as origin:
        page = browser.new_page()
        page.goto(urljoin(origin, "host.html"))
        page.wait_for_function("window.heights.length > 0")
        tall = page.evaluate("window.heights[window.heights.length - 1]")
        assert tall > 500
        frame = page.frame_locator("#zoo")
        frame.get_by_label("Search").fill("no model is called this")
        page.wait_for_function(f"window.heights[window.heights.length - 1] < {tall} - 300")  # the frame shrinks too
        frame.get_by_label("Search").fill("")
        first_link = frame.locator("table.models tbody a").first
        name = first_link.text_content()
        first_link.click()
        page.wait_for_url(re.compile(r"/zoo/models/cv/classification/.+/index\.html$"))
        assert page.locator("h1").text_content() == name
        page.close()


def test_hostile_card_runs_nothing(browser: Browser, write_catalog: CatalogWriter, tmp_path: Path) -> None:
    stub = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
    hostile = (
        '---\ndisplay_name: "<script>alert(1)</script>"\ntags: ["<img src=x onerror=alert(2)>"]\n'
        'description: "<svg onload=alert(3)>"\n---\n'
        "<script>alert(4)</script>\n<img src=x onerror=alert(5)>\n<svg onload=alert(6)></svg>\n"
        '<iframe src="javascript:alert(7)"></iframe>\n[link](javascript:alert(8))\n'
        "![img](data:image/svg+xml,<svg onload=alert(9)>)\n"
    )
    root = write_catalog({f"{stub}/model.md": hostile, f'{stub}/"><script>alert(10)</script>.txt': "x"})
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    page = browser.new_page()
    seen = watch(page)
    for html in sorted(out.rglob("*.html")):
        page.goto(html.as_uri())
        for link in page.locator("a[href^='javascript:']").all():
            pytest.fail(f"javascript: link in {html}: {link}")
    assert seen["dialogs"] == []
    assert all(request.startswith("file://") for request in seen["requests"])
    page.close()
