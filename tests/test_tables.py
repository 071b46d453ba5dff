"""The interactive tables, driven through the page in Chromium."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import card
from playwright.sync_api import Browser, Page

from generator.build import BuildOptions, build

pytestmark = pytest.mark.browser

P = "cv/classification"
MODELS = {
    # stub tail: (framework, repo, dataset, sparse tag, top1, throughput, tags)
    "resnet_v1-50/pytorch/sparseml/imagenet/base-none": (76.1, 500.0, ["resnet", "dense"]),
    "resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate": (75.6, 1200.0, ["resnet", "pruned"]),
    "resnet_v1-50/pytorch/sparseml/imagenet/pruned_quant-moderate": (75.4, 2400.0, ["resnet", "pruned", "quantized"]),
    "resnet_v1-50/keras/sparseml/imagenet/base-none": (76.1, None, ["resnet", "dense"]),
    "resnet_v1-50/keras/sparseml/imagenet/pruned-conservative": (76.1, None, ["resnet", "pruned"]),
    "mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none": (70.9, 900.0, ["mobilenet", "dense"]),
    "mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned-moderate": (70.5, None, ["mobilenet", "pruned"]),
    "vgg-19/pytorch/torchvision/imagenet/base-none": (None, None, []),
    "resnet_v1-50/pytorch/sparseml/imagenet-augmented/pruned_quant-aggressive-vnni": (
        76.1,
        3000.0,
        ["resnet", "quantized"],
    ),
}
ALL = sorted(f"{P}/{tail}" for tail in MODELS)


def card_for(tail: str, top1: float | None, speed: float | None, tags: list[str]) -> str:
    metrics = []
    if top1 is not None:
        metrics.append(f'  - {{name: top1_accuracy, value: {top1}, units: "%", primary: true}}')
    if speed is not None:
        metrics.append(
            f"  - {{name: throughput, value: {speed}, units: items/sec, engine: deepsparse, cores: 4, batch_size: 1}}"
        )
    lines = [
        f"display_name: {tail.split('/')[0]} {tail.split('/')[-1]} {tail.split('/')[1]}",
        f"tags: {json.dumps(tags)}",
    ]
    if metrics:
        lines += ["metrics:", *metrics]
    return card("\n".join(lines))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tables") / "catalog"
    for tail, (top1, speed, tags) in MODELS.items():
        folder = root / P / tail
        folder.mkdir(parents=True)
        (folder / "model.md").write_text(card_for(tail, top1, speed, tags))
    out = root.parent / "www" / "zoo"
    result = build(BuildOptions(str(root), str(out)))
    assert result.problems == [] and result.written
    return out


@pytest.fixture
def origin(site: Path) -> Iterator[str]:
    with serve(site.parent) as url:
        yield url + "zoo/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def open_table(page: Page, origin: str, query: str = "", embed: bool = False) -> None:
    prefix = "tables/" if embed else ""
    page.goto(f"{origin}{prefix}models/{P}/index.html{query}")
    page.wait_for_selector(".table-count")


def shown(page: Page) -> list[str]:
    return page.eval_on_selector_all("table.models tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.stub)")


def query(page: Page) -> dict[str, list[str]]:
    return {key: values[0].split(",") for key, values in parse_qs(urlsplit(page.url).query).items()}


def facet(page: Page, key: str, value: str) -> None:
    page.locator(f'fieldset[data-facet="{key}"] input[value="{value}"]').click()


def facet_count(page: Page, key: str, value: str) -> str:
    box = page.locator(f'fieldset[data-facet="{key}"] li', has=page.locator(f'input[value="{value}"]'))
    return box.locator(".facet-count").text_content() or ""


def test_facets_or_within_and_across_groups_with_live_counts(page: Page, origin: str) -> None:
    open_table(page, origin)
    assert sorted(shown(page)) == ALL
    assert page.locator(".table-count").text_content() == "9 of 9 models"
    groups = page.eval_on_selector_all("fieldset[data-facet]", "els => els.map(e => e.dataset.facet)")
    # Stub fields with one value here (domain, sub-domain, dataset) have no group; tags do.
    assert groups == [
        "architecture",
        "sub_architecture",
        "framework",
        "repo",
        "training_scheme",
        "sparse_name",
        "sparse_category",
        "sparse_target",
        "tag",
    ]
    labels = page.eval_on_selector_all(
        'fieldset[data-facet="framework"] .facet-value', "els => els.map(e => e.textContent)"
    )
    assert labels == ["pytorch", "keras"]  # by frequency
    assert facet_count(page, "training_scheme", "N/A") == "8"

    facet(page, "framework", "keras")
    assert sorted(shown(page)) == [s for s in ALL if "/keras/" in s]
    assert query(page) == {"framework": ["keras"]}
    # Counts in other groups follow the framework filter; the framework group's own counts do not.
    assert facet_count(page, "sparse_name", "base") == "1"
    assert facet_count(page, "framework", "pytorch") == "7"

    facet(page, "framework", "pytorch")  # OR within a group
    assert len(shown(page)) == 9
    facet(page, "sparse_name", "base")  # AND across groups
    assert sorted(shown(page)) == sorted(s for s in ALL if s.endswith("/base-none"))
    assert query(page) == {"framework": ["keras", "pytorch"], "sparse_name": ["base"]}
    assert page.locator(".table-count").text_content() == "4 of 9 models"

    page.get_by_role("button", name="Clear all filters").click()
    assert len(shown(page)) == 9 and query(page) == {}


def test_tag_facet_and_search(page: Page, origin: str) -> None:
    open_table(page, origin)
    facet(page, "tag", "quantized")
    assert sorted(shown(page)) == sorted(s for s in ALL if "quant" in s)
    facet(page, "tag", "quantized")
    page.get_by_label("Search").fill("mobilenet pruned")
    assert shown(page) == [f"{P}/mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned-moderate"]
    assert query(page) == {"q": ["mobilenet pruned"]}
    page.get_by_label("Search").fill("dense")  # a tag
    assert sorted(shown(page)) == sorted(s for s in ALL if s.endswith("base-none") and "vgg" not in s)


def test_numeric_ranges(page: Page, origin: str) -> None:
    open_table(page, origin)
    page.get_by_label("Top1 accuracy (imagenet) minimum").fill("75.35")
    expected = sorted(f"{P}/{t}" for t, (top1, _, _) in MODELS.items() if top1 is not None and top1 >= 75.35)
    assert sorted(shown(page)) == expected
    page.get_by_label("Throughput maximum").fill("2400")
    assert sorted(shown(page)) == sorted(
        f"{P}/{t}"
        for t, (top1, speed, _) in MODELS.items()
        if top1 is not None and top1 >= 75.35 and speed is not None and speed <= 2400
    )
    assert query(page) == {"min_top1_accuracy": ["75.35"], "max_throughput": ["2400"]}


def test_sort_numbers_missing_last_and_aria_sort(page: Page, origin: str) -> None:
    open_table(page, origin, "?cols=top1_accuracy,throughput")
    header = page.locator('th[data-key="throughput"]')
    header.get_by_role("button").click()  # the first click puts the fastest first
    order = shown(page)
    speeds = [MODELS[s.removeprefix(P + "/")][1] for s in order]
    known = [v for v in speeds if v is not None]
    assert known == sorted(known, reverse=True) and speeds[len(known) :] == [None] * (9 - len(known))
    assert header.get_attribute("aria-sort") == "descending" and query(page)["sort"] == ["-throughput"]
    header.get_by_role("button").click()
    speeds = [MODELS[s.removeprefix(P + "/")][1] for s in shown(page)]
    assert [v for v in speeds if v is not None] == sorted(known) and speeds[-1] is None
    assert header.get_attribute("aria-sort") == "ascending" and query(page)["sort"] == ["throughput"]
    # Ties keep the table's order: the three 76.1% models stay in stub order.
    page.locator('th[data-key="top1_accuracy"]').get_by_role("button").click()
    ties = [s for s in shown(page) if MODELS[s.removeprefix(P + "/")][0] == 76.1]
    assert ties == sorted(ties)
    assert header.get_attribute("aria-sort") is None


def test_columns_can_be_hidden(page: Page, origin: str) -> None:
    open_table(page, origin)
    # The figures show (throughput too: more than a quarter of the models have one); the stub fields wait in the
    # column chooser.
    assert page.locator('th[data-key="throughput"]').is_visible()
    assert not page.locator('th[data-key="framework"]').is_visible()
    page.locator(".columns-menu summary").click()
    page.get_by_label("Framework", exact=True).check()
    assert page.locator('th[data-key="framework"]').is_visible()
    cols = query(page)["cols"]
    assert "framework" in cols and "top1_accuracy" in cols
    page.locator('.column-list input[id$="-col-top1_accuracy"]').uncheck()
    assert not page.locator('th[data-key="top1_accuracy"]').is_visible()
    assert "top1_accuracy" not in query(page)["cols"]


def test_a_url_restores_the_view_and_back_forward_work(page: Page, origin: str) -> None:
    open_table(
        page, origin, "?repo=torchvision,sparseml&framework=pytorch&sort=-top1_accuracy&cols=top1_accuracy&q=resnet"
    )
    expected = [s for s in ALL if "/pytorch/" in s and "resnet" in s]
    assert sorted(shown(page)) == sorted(expected)
    assert page.locator('fieldset[data-facet="repo"] input[value="torchvision"]').is_checked()
    assert page.get_by_label("Search").input_value() == "resnet"
    assert page.locator('th[data-key="top1_accuracy"]').get_attribute("aria-sort") == "descending"
    assert not page.locator('th[data-key="framework"]').is_visible()
    facet(page, "sparse_category", "moderate")
    assert len(shown(page)) == 2
    page.go_back()
    page.wait_for_function("document.querySelector('.table-count').textContent.startsWith('4 of')")
    assert sorted(shown(page)) == sorted(expected)
    page.go_forward()
    page.wait_for_function("document.querySelector('.table-count').textContent.startsWith('2 of')")


def test_old_sparsezoo_query_form(page: Page, origin: str) -> None:
    open_table(page, origin, "?domain=cv&repo=torchvision", embed=True)
    assert shown(page) == [f"{P}/vgg-19/pytorch/torchvision/imagenet/base-none"]


def test_export_matches_the_rows_shown(page: Page, origin: str) -> None:
    open_table(page, origin, "?framework=pytorch&sort=-throughput&cols=throughput")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text())))
    assert rows[0] == ["stub", "display_name", "throughput"]
    assert [row[0] for row in rows[1:]] == shown(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export JSON").click()
    records = json.loads(Path(info.value.path()).read_text())
    assert [r["stub"] for r in records] == shown(page)
    assert set(records[0]) == {"stub", "display_name", "throughput"}
    assert records[0]["throughput"] == 3000.0


def test_copy_stub_button_per_row(page: Page, origin: str) -> None:
    open_table(page, origin)
    row = page.locator("table.models tbody tr").first
    row.get_by_role("button", name="Copy stub").click()
    assert page.evaluate("navigator.clipboard.readText()") == "zoo:" + (row.get_attribute("data-stub") or "")


def test_without_javascript_no_controls(browser: Browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "models" / P / "index.html").as_uri())
    assert page.locator("table.models tbody tr:visible").count() == 9
    assert page.locator(".table-tools").count() == 0
    assert page.locator("button:visible").count() == 0
    context.close()


def test_file_url_works(browser: Browser, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "models" / P / "index.html").as_uri() + "?framework=keras")
    page.wait_for_selector(".table-count")
    assert len(shown(page)) == 2
    facet(page, "sparse_name", "base")
    assert len(shown(page)) == 1
    page.close()


@pytest.mark.parametrize(
    "path", ["index.html", f"models/{P}/index.html", f"tables/models/{P}/index.html", f"models/{ALL[0]}/index.html"]
)
def test_axe_finds_nothing(browser: Browser, origin: str, path: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(origin + path)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        context.close()


def test_big_tables_draw_rows_as_the_reader_scrolls(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    for index in range(70):
        folder = root / P / f"resnet_v1-{index}" / "pytorch/sparseml/imagenet/base-none"
        folder.mkdir(parents=True)
        (folder / "model.md").write_text(card(f"metrics:\n  - {{name: top1, value: {index}, units: '%'}}"))
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    page = browser.new_page(viewport={"width": 1280, "height": 600})
    page.goto((out / "models" / P / "index.html").as_uri() + "?sort=-top1")
    page.wait_for_selector(".table-count")
    assert page.locator(".table-count").text_content() == "70 of 70 models"
    assert len(shown(page)) == 20
    assert shown(page)[0].endswith("resnet_v1-69/pytorch/sparseml/imagenet/base-none")
    assert page.locator("button.more").text_content() == "Show more (50 not shown yet)"
    # Scrolling near the end draws more, until every row is there.
    for _ in range(40):
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(50)
        if len(shown(page)) == 70:
            break
    assert len(shown(page)) == 70
    assert page.locator("button.more").is_hidden()
    page.get_by_label("Search").fill("resnet_v1-1")  # 1 and 10-19
    assert len(shown(page)) == 11
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    assert len(Path(info.value.path()).read_text().splitlines()) == 1 + 11
    page.get_by_label("Search").fill("")
    assert len(shown(page)) == 20  # a new view starts with one screenful again
    with page.expect_download() as info:
        page.get_by_role("button", name="Export JSON").click()
    assert len(json.loads(Path(info.value.path()).read_text())) == 70
    page.close()


def test_keyboard_alone_sorts_and_filters(page: Page, origin: str) -> None:
    open_table(page, origin)
    page.get_by_label("Search").focus()
    page.keyboard.type("keras")
    assert len(shown(page)) == 2
    page.locator('th[data-key="top1_accuracy"] button').focus()
    page.keyboard.press("Enter")  # best first: accuracy is higher-is-better
    assert page.locator('th[data-key="top1_accuracy"]').get_attribute("aria-sort") == "descending"
    box = page.locator('fieldset[data-facet="sparse_name"] input[value="base"]')
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked() and len(shown(page)) == 1
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


def test_speed_figures_come_from_one_context_at_a_time(browser: Browser, tmp_path: Path) -> None:
    a, b = "engine: deepsparse, cores: 4, batch_size: 1", "engine: onnxruntime, cores: 4, batch_size: 1"
    speeds = {"m1": [(a, 100), (b, 50)], "m2": [(a, 300)], "m3": [(b, 900), (a, 200)], "m4": [(b, 10)]}
    root = tmp_path / "catalog"
    for name, figures in speeds.items():
        folder = root / P / f"{name}/pytorch/sparseml/imagenet/base-none"
        folder.mkdir(parents=True)
        lines = [f"  - {{name: throughput, value: {value}, units: items/sec, {context}}}" for context, value in figures]
        lines.append(f"  - {{name: top1_accuracy, value: {70 + len(name)}, units: '%'}}")
        (folder / "model.md").write_text(card("tags: [speedy]\nmetrics:\n" + "\n".join(lines)))
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    page = browser.new_page()
    page.goto((out / "models" / P / "index.html").as_uri() + "?sort=-throughput&cols=top1_accuracy,throughput")
    page.wait_for_selector(".table-count")
    # deepsparse has three figures, onnxruntime three too: ties go by name, so deepsparse comes first.
    assert page.locator(".speed-context-name").text_content() == "deepsparse, 4 cores, batch 1"
    names = lambda: [s.split("/")[2] for s in shown(page)]  # noqa: E731
    assert names() == ["m2", "m3", "m1", "m4"]  # m4 has no deepsparse figure: missing, last
    charts = page.locator('figure[data-chart="speed"]')
    assert charts.count() == 2 and charts.nth(0).is_visible() and charts.nth(1).is_hidden()
    page.get_by_label("Throughput measured with").select_option(label="onnxruntime, 4 cores, batch 1")
    assert names() == ["m3", "m1", "m4", "m2"]
    assert charts.nth(0).is_hidden() and charts.nth(1).is_visible()
    assert sorted(
        charts.nth(1).locator("circle").evaluate_all("els => els.map(e => e.dataset.stub.split('/')[2])")
    ) == ["m1", "m3", "m4"]
    assert query(page)["speed_context"] == ["1"]
    column = page.locator('th[data-key="throughput"]').evaluate("th => th.cellIndex")
    cell = page.locator(f'tr[data-stub="{P}/m3/pytorch/sparseml/imagenet/base-none"] > *').nth(column)
    assert cell.text_content() == "900 items/sec"
    page.go_back()
    page.wait_for_function("document.querySelector('.speed-context-name').textContent.startsWith('deepsparse')")
    assert names() == ["m2", "m3", "m1", "m4"]
    # A tag on a model page links to the tag's page, which lists its models and opens their table on the tag.
    page.goto((out / "models" / P / "m1/pytorch/sparseml/imagenet/base-none/index.html").as_uri())
    page.get_by_role("link", name="speedy").click()
    assert page.url.endswith("/tags/speedy/index.html") and page.locator(".tag-models li").count() == 4
    page.locator(".tag-tables a").click()
    page.wait_for_selector(".table-count")
    assert query(page)["tag"] == ["speedy"] and len(shown(page)) == 4
    page.close()


def test_chart_points_frontier_and_linking(page: Page, origin: str, site: Path) -> None:
    open_table(page, origin)
    with_both = sorted(f"{P}/{t}" for t, (top1, speed, _) in MODELS.items() if top1 is not None and speed is not None)
    chart = page.locator('figure[data-chart="speed"]')
    points = chart.locator("circle[data-stub]")
    assert sorted(points.evaluate_all("els => els.map(e => e.dataset.stub)")) == with_both
    # Frontier: no other model both more accurate and faster. By hand: 3000 items/sec at 76.1% beats every other.
    frontier = chart.locator("circle.on-frontier").evaluate_all("els => els.map(e => e.dataset.stub)")
    assert frontier == [f"{P}/resnet_v1-50/pytorch/sparseml/imagenet-augmented/pruned_quant-aggressive-vnni"]
    assert "Best trade-offs" in (chart.locator("desc").text_content() or "")
    facet(page, "framework", "keras")  # no keras model has a speed figure: every point dims
    assert chart.locator("circle.dim").count() == len(with_both)
    facet(page, "framework", "keras")
    assert chart.locator("circle.dim").count() == 0
    stub = with_both[0]
    chart.locator(f'circle[data-stub="{stub}"]').hover()
    assert "highlight" in (page.locator(f'tr[data-stub="{stub}"]').get_attribute("class") or "")
    chart.locator(f'circle[data-stub="{stub}"]').click()
    page.wait_for_url(f"**/models/{stub}/index.html")


def test_pareto_frontier() -> None:
    from generator.render.charts import Point, pareto

    class M:
        def __init__(self, name: str) -> None:
            self.stub = SimpleNamespace(text=name)

    points = [Point(M(n), x, y) for n, x, y in [("a", 1, 90), ("b", 2, 85), ("c", 3, 85), ("d", 4, 70), ("e", 2, 60)]]  # type: ignore[arg-type]
    assert [p.stub for p in pareto(points, higher_x_is_better=True)] == ["a", "c", "d"]
    assert [p.stub for p in pareto(points, higher_x_is_better=False)] == ["a"]
    # A lower-is-better metric (a word error rate): the frontier runs along the lowest figures.
    assert [p.stub for p in pareto(points, higher_x_is_better=True, higher_y_is_better=False)] == ["e", "d"]


@pytest.mark.parametrize("xs", [(9.7e6, 30.1e6, 170e6), (3.3e6, 8.4e6, 24.8e6), (12e6, 120e6), (5e6, 5e6)])
def test_every_point_of_a_chart_lies_inside_its_plot(xs: tuple[float, ...]) -> None:
    """The axis reaches past the largest value: a 170 MB model once sat beyond a size axis ending at 150."""
    from generator.render.charts import Point, _chart

    def model(i: int) -> SimpleNamespace:
        return SimpleNamespace(stub=SimpleNamespace(text=f"m{i}"), display_name=f"M{i}", page_uri="x")

    points = [Point(model(i), x, 70.0 + i) for i, x in enumerate(xs)]  # type: ignore[arg-type]
    chart = _chart("size", "t", points, "y", "x", higher_x_is_better=False)
    plot = chart["plot"]
    assert isinstance(plot, dict) and isinstance(chart["points"], list)
    for point in chart["points"]:
        assert plot["left"] <= point["cx"] <= plot["right"] and plot["top"] <= point["cy"] <= plot["bottom"]


def test_compare_selected_models_and_restore_from_url(page: Page, origin: str) -> None:
    open_table(page, origin)
    base = f"{P}/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
    pruned = f"{P}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
    page.locator(f'input.pick[data-stub="{base}"]').check()
    assert page.get_by_role("button", name="Compare selected (1)").is_disabled()
    page.locator(f'input.pick[data-stub="{pruned}"]').check()
    page.get_by_role("button", name="Compare selected (2)").click()
    assert query(page)["compare"] == [base, pruned]
    panel = page.locator("section.compare")
    assert panel.is_visible()
    heads = panel.locator("table").first.locator("thead th a").all_text_contents()
    assert heads == ["resnet_v1-50 base-none pytorch", "resnet_v1-50 pruned-moderate pytorch"]
    differing = panel.locator("tr.differs th").all_text_contents()
    assert "sparse name" in differing and "sparse category" in differing and "Top1 accuracy (imagenet)" in differing
    assert "architecture" not in differing and "framework" not in differing
    same = panel.locator("tr", has=page.locator("th", has_text="framework")).locator("td").all_text_contents()
    assert same == ["pytorch", "pytorch"]
    # Differing rows come first; the identical ones are folded below them.
    first = panel.locator("table").first.locator("tbody tr")
    assert first.count() == panel.locator("tr.differs").count() > 0
    folded = panel.locator("details.compare-same")
    assert not folded.evaluate("d => d.open") and folded.locator("tbody th", has_text="framework").count() == 1
    # The link alone restores the comparison.
    url = page.url
    page.goto(origin + "index.html")
    page.goto(url)
    page.wait_for_selector(".table-count")
    assert page.locator("section.compare").is_visible()
    # ...and opens on it: the comparison is on the first screen, not far below.
    top = page.locator("section.compare").evaluate("el => el.getBoundingClientRect().top")
    assert abs(top) < 5
    assert page.locator(f'input.pick[data-stub="{pruned}"]').is_checked()
    page.get_by_role("button", name="Close comparison").click()
    assert page.locator("section.compare").is_hidden() and "compare" not in query(page)
