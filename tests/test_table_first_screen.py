"""The table pages' first screen: results first, the figures visitors come for in view, at desktop and phone
sizes, light and dark (issue 21). Layout is checked on the example zoo; sorting and datasets on a zoo of our own."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import REPO, card
from playwright.sync_api import Browser, Page
from site_data import table_data

from generator.build import BuildOptions, build

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 900), "phone": (360, 740)}
CLS = "cv/classification"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The example zoo served under /zoo/, and the table pages to look at, by kind."""
    www = tmp_path_factory.mktemp("www")
    assert build(BuildOptions(str(REPO / "catalog"), str(www / "zoo"))).written
    models = json.loads((www / "zoo" / "catalog.json").read_text())["models"]
    tag = Counter(tag for model in models for tag in model["tags"]).most_common(1)[0][0]
    three = ",".join(model["stub"] for model in models if model["sub_domain"] == "classification")
    pages = {
        "table": f"models/{CLS}/index.html",
        "embed": f"tables/models/{CLS}/index.html",
        "tag": f"tags/{tag}/index.html",
        "compare": f"models/{CLS}/index.html?compare={','.join(three.split(',')[:3])}",
    }
    with serve(www) as origin:
        yield origin + "zoo/", pages


def open_page(browser: Browser, url: str, size: str, scheme: str = "light") -> Page:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url)
    if "/tags/" not in url:  # a tag's page lists its models and links to tables: no table of its own
        page.wait_for_selector(".table-count")
    return page


def box(page: Page, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
    )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("kind", ["table", "embed", "tag", "compare"])
def test_the_first_screen_shows_results(
    browser: Browser, example: tuple[str, dict[str, str]], kind: str, size: str, scheme: str
) -> None:
    origin, pages = example
    page = open_page(browser, origin + pages[kind], size, scheme)
    height = page.evaluate("innerHeight")
    # Nothing is wider than the screen: wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    if kind == "compare":
        panel = page.locator("section.compare")
        assert panel.is_visible() and abs(box(page, "section.compare")["top"]) < 5  # the link opens on it
        heads = panel.locator("table").first.locator("thead th a")
        assert heads.count() == 3
        scroller = box(page, "section.compare .compare-scroll")
        for index in range(3):
            head = heads.nth(index).evaluate("a => a.closest('th').getBoundingClientRect().toJSON()")
            assert head["top"] < height
            if size == "desktop":  # all three side by side; on a phone they wrap or scroll inside the box
                assert scroller["left"] <= head["left"] and head["right"] <= scroller["right"] + 1
    elif kind == "tag":
        # The way to the interactive tables and the first models listed are on the first screen.
        for selector in (".tag-tables li a", ".tag-models li a"):
            assert 0 < box(page, selector)["bottom"] <= height, selector
    else:
        first = box(page, "table.models tbody tr[data-stub]")
        assert first["top"] > 0 and first["bottom"] <= height
        if size == "desktop":
            metric = box(page, "table.models thead th[data-key='top1_accuracy']")
            scroller = box(page, ".table-scroll")
            assert metric["right"] <= scroller["right"] and metric["right"] <= page.evaluate("innerWidth")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()


def test_the_skip_link_lands_on_the_results(browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    origin, pages = example
    for kind in ("table", "tag"):
        page = open_page(browser, origin + pages[kind], "desktop")
        target = page.locator("a.skip-link").get_attribute("href") or ""
        assert target == "#results"
        assert page.locator(f"{target} :is(table.models, .tag-models)").count() >= 1
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "results"
        page.context.close()


def test_filters_beside_the_table_or_behind_a_button(browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    origin, pages = example
    page = open_page(browser, origin + pages["table"], "desktop")
    filters, table = box(page, ".filters"), box(page, ".table-scroll")
    assert filters["right"] <= table["left"] and filters["top"] < table["top"]  # a side column
    # Facet groups show their most common values, the rest one click away; counts stay.
    group = page.locator('fieldset[data-facet="sub_architecture"]')
    listed = group.locator("li").count()
    assert listed > 5 and group.locator("li:visible").count() == 5
    assert group.locator("li:visible .facet-count").first.text_content()
    group.get_by_role("button", name=f"Show all {listed}").click()
    assert group.locator("li:visible").count() == listed
    page.context.close()

    page = open_page(browser, origin + pages["table"], "phone")
    toggle = page.locator(".filters > summary")
    assert toggle.text_content() == "Filters" and not page.locator('fieldset[data-facet="framework"]').is_visible()
    toggle.click()
    page.locator('fieldset[data-facet="framework"] input[value="keras"]').click()
    assert toggle.text_content() == "Filters (1)"
    # The active filter is a chip above the table; removing it clears the filter.
    chip = page.locator(".chips button")
    assert chip.count() == 1 and "keras" in (chip.text_content() or "")
    assert box(page, ".chips")["bottom"] <= box(page, ".table-scroll")["top"]
    chip.click()
    assert page.locator(".chips button").count() == 0 and "framework" not in page.url
    page.context.close()


def test_a_filter_matching_nothing_says_so(browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    origin, pages = example
    page = open_page(browser, origin + pages["table"], "desktop")
    page.get_by_label("Search models").fill("no model is called this")
    row = page.locator("table.models tbody tr.no-match")
    assert row.is_visible() and "No model matches" in (row.text_content() or "")
    row.get_by_role("button", name="Clear all filters").click()
    assert not row.is_visible() and page.locator("table.models tbody tr[data-stub]").count() > 0
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_column_menu_fits_and_closes(browser: Browser, example: tuple[str, dict[str, str]], size: str) -> None:
    origin, pages = example
    page = open_page(browser, origin + pages["table"], size)
    menu = page.locator(".columns-menu")
    menu.locator("summary").click()
    assert page.locator(".column-list").is_visible()
    assert box(page, ".column-list")["right"] <= page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.keyboard.press("Escape")
    assert not menu.evaluate("d => d.open")
    assert page.evaluate("document.activeElement === document.querySelector('.columns-menu summary')")
    menu.locator("summary").click()
    page.locator("h1").click()  # a click elsewhere
    assert not menu.evaluate("d => d.open")
    page.context.close()


# A zoo of our own: one metric on three datasets, a lower-is-better metric, and published throughput.
OWN = {
    f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/base-none": ("top1_accuracy", 76.1, 500),
    f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate": ("top1_accuracy", 75.9, 1200),
    f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/pruned_quant-moderate": ("top1_accuracy", 75.5, 2400),
    f"{CLS}/resnet_v1-9/pytorch/sparseml/imagenette/base-none": ("top1_accuracy", 99.1, None),
    f"{CLS}/resnet_v1-9/pytorch/sparseml/imagenette/pruned-moderate": ("top1_accuracy", 98.9, None),
    f"{CLS}/mobilenet_v1-1.0/pytorch/sparseml/cifar_10/base-none": ("top1_accuracy", 93.0, None),
    "audio/speech_recognition/whisper-tiny/pytorch/openai/librispeech/base-none": ("wer", 7.5, None),
    "audio/speech_recognition/whisper-tiny/pytorch/openai/librispeech/pruned-moderate": ("wer", 7.9, None),
    "audio/speech_recognition/whisper-base/pytorch/openai/librispeech/base-none": ("wer", 5.0, None),
}


def own_card(metric: str, value: float, speed: int | None) -> str:
    lines = [f'  - {{name: {metric}, value: {value}, units: "%", primary: true}}']
    # A second figure on another dataset, not primary: a card's many results make no columns.
    lines.append(f'  - {{name: top5_accuracy, value: {value}, units: "%", dataset: imagenet_v2}}')
    if speed is not None:
        lines.append(f"  - {{name: throughput, value: {speed}, units: items/sec, engine: deepsparse, cores: 4}}")
    return card("metrics:\n" + "\n".join(lines))


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("own") / "catalog"
    for stub, figures in OWN.items():
        (root / stub).mkdir(parents=True)
        (root / stub / "model.md").write_text(own_card(*figures))
    (root / "catalog.yml").write_text("names:\n  imagenet: ImageNet\n  imagenette: Imagenette\n")
    out = root.parent / "www" / "zoo"
    assert build(BuildOptions(str(root), str(out))).written
    with serve(out.parent) as origin:
        yield out, origin + "zoo/"


def test_no_metric_column_holds_two_datasets(own: tuple[Path, str]) -> None:
    out, _ = own
    data = table_data(out, CLS)
    labels = {column["key"]: column["label"] for column in data["columns"]}
    assert labels["top1_accuracy"] == "Top1 accuracy (ImageNet)"  # the most common dataset keeps the plain key
    assert labels["top1_accuracy@imagenette"] == "Top1 accuracy (Imagenette)"
    assert labels["top1_accuracy@cifar_10"] == "Top1 accuracy (cifar 10)"
    assert not any(key.startswith("top5") for key in labels)  # only primary figures become columns
    rows = list(csv.DictReader(io.StringIO((out / "models" / CLS / "models.csv").read_text())))
    for key in ("top1_accuracy", "top1_accuracy@imagenette", "top1_accuracy@cifar_10"):
        dataset = key.partition("@")[2] or "imagenet"
        holders = {row["stub"].split("/")[5] for row in rows if row[key]}
        assert holders == {dataset}, key


BEST = [  # table, metric, its best model: higher is better for accuracy, lower for a word error rate
    (CLS, "top1_accuracy", f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/base-none"),
    ("audio/speech_recognition", "wer", "audio/speech_recognition/whisper-base/pytorch/openai/librispeech/base-none"),
]


def test_the_first_click_on_a_metric_puts_the_best_first(browser: Browser, own: tuple[Path, str]) -> None:
    _, origin = own
    for table, key, best in BEST:
        page = open_page(browser, f"{origin}models/{table}/index.html", "desktop")
        header = page.locator(f"th[data-key='{key}']")
        header.get_by_role("button").click()
        assert page.locator("table.models tbody tr").first.get_attribute("data-stub") == best
        assert header.get_attribute("aria-sort") == ("ascending" if key == "wer" else "descending")
        page.context.close()


def test_the_chart_keeps_to_one_dataset_and_reads_at_phone_width(browser: Browser, own: tuple[Path, str]) -> None:
    out, origin = own
    html = (out / "models" / CLS / "index.html").read_text()
    assert "Top1 accuracy (ImageNet, %) against throughput" in html
    page = open_page(browser, f"{origin}models/{CLS}/index.html", "phone")
    sizes = page.locator(".chart-svg text").evaluate_all(
        "els => els.map(t => parseFloat(getComputedStyle(t).fontSize)"
        " * t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width)"
    )
    assert sizes and min(sizes) >= 11
    page.context.close()


def test_a_name_without_breaks_leaves_the_figure_on_a_phone_screen(browser: Browser, tmp_path: Path) -> None:
    """A name with nowhere to break (underscores only, as Hub and MMPretrain names often are) wraps anywhere on a
    phone rather than pushing the figures off the screen."""
    root = tmp_path / "catalog"
    for index, name in enumerate(("toyclip_resnet50_zeroshot_classifier_cifar100_finetuned_twice", "short")):
        stub = f"{CLS}/toynet/pytorch/toyrepo/imagenet/pruned{80 + index}-none"
        (root / stub).mkdir(parents=True)
        metrics = "metrics:\n  - {name: top1_accuracy, value: 76.1, units: '%'}"
        (root / stub / "model.md").write_text(card(f"display_name: {name}\n{metrics}"))
    out = tmp_path / "www" / "zoo"
    assert build(BuildOptions(str(root), str(out))).written
    with serve(out.parent) as origin:
        for scheme in ("light", "dark"):
            page = open_page(browser, f"{origin}zoo/models/{CLS}/index.html", "phone", scheme)
            figure = box(page, "table.models thead th[data-key='top1_accuracy']")
            assert figure["left"] > 0 and figure["right"] <= page.evaluate("innerWidth")
            page.context.close()


def test_a_collapsed_filter_shows_its_values_whole(browser: Browser, tmp_path: Path) -> None:
    """A long value that wraps in a collapsed filter group is shown whole, not cut by the group's scroll box."""
    root = tmp_path / "catalog"
    subs = [
        "12layer_pruned80_quantized_with_distillation_long",
        "a_long_value_that_wraps_on_two_lines_at_least",
        *"bcdef",
    ]
    for index, sub in enumerate(subs):
        stub = f"{CLS}/toynet-{sub}/pytorch/toyrepo/imagenet/pruned{80 + index}-none"
        (root / stub).mkdir(parents=True)
        (root / stub / "model.md").write_text(card(f"display_name: m{index}"))
    out = tmp_path / "www" / "zoo"
    assert build(BuildOptions(str(root), str(out))).written
    with serve(out.parent) as origin:
        page = open_page(browser, f"{origin}zoo/models/{CLS}/index.html", "desktop")
        values = page.locator('fieldset[data-facet="sub_architecture"] .facet-values')
        assert values.locator("li:visible").count() == 5
        assert values.evaluate("ul => ul.scrollHeight <= ul.clientHeight")  # nothing hidden below its edge
        page.context.close()


def test_rows_without_a_shown_figure_come_after_those_with_one(tmp_path: Path) -> None:
    """A model whose figure is on another dataset (a column in the Columns menu) does not open the table with '--'."""
    root = tmp_path / "catalog"
    figures = {"aaa": "cifar_100", "bbb": None, "ccc": None, "ddd": None, "eee": None}
    for arch, dataset in figures.items():
        stub = f"{CLS}/{arch}/pytorch/toyrepo/imagenet/base-none"
        (root / stub).mkdir(parents=True)
        on = f", dataset: {dataset}" if dataset else ""
        (root / stub / "model.md").write_text(card(f"metrics:\n  - {{name: top1_accuracy, value: 70, units: '%'{on}}}"))
    out = tmp_path / "site"
    result = build(BuildOptions(str(root), str(out)))
    assert result.catalog is not None
    [table] = result.catalog.tables
    assert [model.stub.architecture for model in table.models] == ["bbb", "ccc", "ddd", "eee", "aaa"]
    rows = [row[0] for row in table_data(out, CLS)["rows"]]
    assert [stub.split("/")[2] for stub in rows] == ["bbb", "ccc", "ddd", "eee", "aaa"]  # the data file's order too
