"""A big table: its page carries its first rows as HTML and reads the rest from the table's data file; static
numbered pages of rows reach every row without script; a tag's page lists its models a page at a time."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import CatalogWriter, card
from playwright.sync_api import Browser
from site_data import table_data

from generator.build import BuildOptions, build
from generator.integrations.docs_pages import write_docs
from generator.render import charts
from generator.render.table_views import ROWS_PER_PAGE

KEY = "cv/classification"
COUNT = 2 * ROWS_PER_PAGE + ROWS_PER_PAGE // 2  # two full pages and half a third
STUBS = [f"{KEY}/net{index:03d}/pytorch/sparseml/imagenet/base-none" for index in range(COUNT)]
ROW = re.compile(r'<tr data-stub="([^"]+)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rows") / "catalog"
    for index, stub in enumerate(STUBS):
        folder = root / stub
        folder.mkdir(parents=True)
        metric = f'  - {{name: top1_accuracy, value: {60 + index / 10}, units: "%"}}'
        (folder / "model.md").write_text(card(f"display_name: Net {index:03d}\ntags: [common]\nmetrics:\n{metric}"))
    out = root.parent / "www" / "zoo"
    result = build(BuildOptions(str(root), str(out), base_url="https://example.org/zoo/"))
    assert result.written and result.problems == []
    return out


def page_rows(site: Path, number: int) -> list[str]:
    folder = site / "models" / KEY
    page = folder / "index.html" if number == 1 else folder / "page" / str(number) / "index.html"
    return ROW.findall(page.read_text(encoding="utf-8"))


def test_every_row_is_on_exactly_one_static_page_in_order(site: Path) -> None:
    pages = [page_rows(site, number) for number in (1, 2, 3)]
    assert [len(rows) for rows in pages] == [ROWS_PER_PAGE, ROWS_PER_PAGE, ROWS_PER_PAGE // 2]
    assert [stub for rows in pages for stub in rows] == STUBS
    assert not (site / "models" / KEY / "page" / "4").exists() and not (site / "models" / KEY / "page" / "1").exists()
    # The data file has every row, and the bare embeddable page only the first page's, as the table page.
    assert [row[0] for row in table_data(site, KEY)["rows"]] == STUBS
    assert ROW.findall((site / "tables" / "models" / KEY / "index.html").read_text()) == STUBS[:ROWS_PER_PAGE]
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://example.org/zoo/models/cv/classification/page/3/</loc>" in sitemap


def test_a_pages_links_go_to_the_others(site: Path) -> None:
    second = (site / "models" / KEY / "page" / "2" / "index.html").read_text()
    pager = second.split('<nav class="pager"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="../../index.html" rel="prev">Previous</a>' in pager
    assert '<a href="../3/index.html" rel="next">Next</a>' in pager
    assert '<span aria-current="page">2</span>' in pager and "101\u2013200 of 250" in pager
    # A static page is no interactive table: it names none of the table's data.
    assert "zoocat-rows" not in second and 'href="../../index.html">filter, sort and export' in second


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site.parent) as url:
        yield url + "zoo/"


@pytest.mark.browser
def test_without_script_the_pages_reach_every_row(browser: Browser, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}models/{KEY}/index.html")
    seen: list[str] = []
    while True:
        seen += page.eval_on_selector_all("table.models tbody tr", "rows => rows.map(r => r.dataset.stub)")
        following = page.locator('.pager a[rel="next"]')
        if following.count() == 0:
            break
        following.click()
    assert seen == STUBS
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("bare", [False, True])
def test_the_script_holds_every_row_from_the_data_file(browser: Browser, origin: str, bare: bool) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{origin}{'tables/' if bare else ''}models/{KEY}/index.html")
    page.wait_for_selector(".table-count")
    assert page.locator(".table-count").text_content() == f"{COUNT} of {COUNT} models"
    assert page.locator(".pager").is_hidden()  # the table has every row: no pages to turn
    # A row far past the page's own HTML: found, drawn from the data, its link to its page.
    page.locator(".table-tools input[type=search]").fill("net 240")
    row = page.locator("table.models tbody tr[data-stub]")
    assert row.count() == 1 and row.get_attribute("data-stub") == STUBS[240]
    href = row.locator("th a").get_attribute("href")
    assert href is not None and href.endswith(f"models/{STUBS[240]}/index.html")
    with page.expect_navigation():
        row.locator("th a").click()
    assert page.locator("h1").text_content() == "Net 240"
    page.close()
    assert errors == []


def test_a_big_tags_page_lists_its_models_a_page_at_a_time(site: Path) -> None:
    folder = site / "tags" / "common"
    pages = [folder / "index.html", folder / "page/2/index.html", folder / "page/3/index.html"]
    link = re.compile(r'<li><a href="(?:\.\./)+models/(.+?)/index\.html">')
    lists = [page.read_text().split('<ul class="tag-models">', 1)[1].split("</ul>", 1)[0] for page in pages]
    listed = [link.findall(html) for html in lists]
    assert [len(stubs) for stubs in listed] == [ROWS_PER_PAGE, ROWS_PER_PAGE, ROWS_PER_PAGE // 2]
    assert [stub for stubs in listed for stub in stubs] == STUBS
    assert "page 3 of 3" in pages[2].read_text()


def test_zoocat_docs_writes_the_pages_of_rows_as_pages(site: Path, tmp_path: Path) -> None:
    """In a docs tree, a static page of rows is a Markdown page like the table's own (the engine's theme draws it),
    never a bare HTML file."""
    catalog = site.parent.parent / "catalog"
    out = tmp_path / "docs" / "zoo"
    write_docs(str(catalog), str(out))
    second = out / "models" / KEY / "page" / "2" / "index.md"
    assert second.read_text().startswith("---\ntitle: Image Classification, page 2\n")
    assert ROW.findall(second.read_text()) == STUBS[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]
    assert (out / "tags" / "common" / "page" / "3" / "index.md").is_file()
    # The only HTML files are the bare tables, made for iframes.
    assert {path.parent.relative_to(out).parts[0] for path in out.rglob("index.html")} == {"tables"}


@pytest.mark.browser
def test_the_mkdocs_plugin_draws_the_pages_of_rows_in_the_sites_theme(site: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    shutil.copytree(site.parent.parent / "catalog", project / "catalog")
    (project / "mkdocs.yml").write_text(
        "site_name: Rows\ntheme:\n  name: mkdocs\nplugins:\n  - zoocat:\n      catalog: catalog\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    second = (project / "site" / "zoo" / "models" / KEY / "page" / "2" / "index.html").read_text()
    # The theme's page (its navigation bar, the site's name) around zoocat's content.
    assert '<div class="zoocat' in second and 'class="navbar-brand"' in second and ">Rows</a>" in second
    assert ROW.findall(second) == STUBS[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]
    assert 'href="../3/"' in second  # MkDocs' folder URLs, as its own links


def test_a_chart_of_more_points_than_it_draws_shows_the_frontier_on_its_own_axes(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "MAX_POINTS", 4)
    speed = "  - {{name: throughput, value: {}, units: items/sec, engine: deepsparse, cores: 4, batch_size: 1}}"
    # Accuracy falls as speed rises: every model is a best trade-off but two slow, poor ones far from the others.
    figures = [(80, 100), (79, 200), (78, 400), (77, 800), (50, 90), (40, 80), (76, 1600), (30, 50)]
    root = write_catalog({
        f"{KEY}/net{n}/pytorch/sparseml/imagenet/base-none/model.md": card(
            f'metrics:\n  - {{name: top1_accuracy, value: {top1}, units: "%"}}\n' + speed.format(items)
        )
        for n, (top1, items) in enumerate(figures)
    })  # fmt: skip
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    html = (out / "models" / KEY / "index.html").read_text()
    chart = html.split('<figure class="chart" data-chart="speed"', 1)[1].split("</figure>", 1)[0]
    drawn = re.findall(r'data-stub="[^"]*/net(\d)/[^"]*" cx="([\d.]+)" cy="([\d.]+)"', chart)
    assert sorted(n for n, _, _ in drawn) == ["0", "1", "2", "3", "6"]  # the frontier only
    assert "the best trade-offs of 8 models" in chart
    # On axes of their own: the frontier spans the plot, not a corner of axes made for every model.
    xs, ys = [float(x) for _, x, _ in drawn], [float(y) for _, _, y in drawn]
    assert max(xs) - min(xs) > 400 and max(ys) - min(ys) > 200


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"models/{KEY}/page/2/index.html", "tags/common/page/2/index.html"])
@pytest.mark.parametrize("width", [1280, 360])
def test_a_page_of_rows_fits_the_screen_and_axe_finds_nothing(
    browser: Browser, origin: str, path: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(origin + path)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # wide tables scroll in their box
    first = page.locator("table.models tbody tr, .tag-models li").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= 740  # the first row on the first screen
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.close()
