"""The directive's grammar (directives.py), what a view may say (embeds.check_view), and the Python-Markdown
extension outside any engine: one catalog read per process, warnings that name the page and line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from conftest import REPO, card, write_files

from generator.build import load_catalog
from generator.integrations import md_extension
from generator.integrations.directives import Directive, find_directives, line_in_source, parse_directive
from generator.integrations.embeds import check_view, searchless_tables
from generator.model.catalog import Table

BASE = "cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none"
PRUNED = "cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned-moderate"
METRIC = 'metrics:\n  - {name: top1_accuracy, value: VALUE, units: "%"}'
# A scratch catalog of its own: the messages below name every tag and model of its table.
CARDS = {
    f"{BASE}/model.md": card(
        f"display_name: MobileNet V1 base\ntags: [mobilenet, dense]\n{METRIC.replace('VALUE', '70.9')}"
    ),
    f"{PRUNED}/model.md": card(
        f"display_name: MobileNet V1 pruned\ntags: [mobilenet, pruned]\n{METRIC.replace('VALUE', '70.1')}"
    ),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("directives") / "catalog", CARDS)


def found(text: str) -> list[tuple[int, Directive | None, str | None]]:
    return [(item.index, item.directive, item.problem) for item in find_directives(text.split("\n"))]


def test_a_table_a_view_and_a_model() -> None:
    assert parse_directive(" table cv/classification ") == Directive("table", "cv/classification")
    assert parse_directive("table cv/classification?tag=pruned&sort=-top1_accuracy") == Directive(
        "table", "cv/classification", (("tag", "pruned"), ("sort", "-top1_accuracy")), "tag=pruned&sort=-top1_accuracy"
    )
    assert parse_directive(f"model zoo:{PRUNED}") == Directive("model", PRUNED)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "the directive names nothing; write `<!-- zoocat: table DOMAIN/SUB_DOMAIN[?VIEW] -->` or"),
        ("tabel cv/classification", "unknown directive 'tabel'; write `<!-- zoocat: table"),
        ("table cv/classification ?tag=pruned", "`table` takes one argument, DOMAIN/SUB_DOMAIN[?VIEW], with no spaces"),
        ("model", "`model` takes one argument, STUB, with no spaces in it; got 0"),
        (f"model {PRUNED}?tag=x", "`model` takes no view (nothing after `?`)"),
        ("table cv/classification?tag", "the view '?tag' is not a URL query such as `?tag=pruned&sort=-top1_accuracy`"),
    ],
)
def test_a_bad_directive_says_what_to_write(body: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_directive(body)
    assert str(raised.value).startswith(message)


def test_directive_lines_are_found_outside_code_only() -> None:
    page = "\n".join([
        "# Page",  # 0
        "<!-- zoocat: table cv/classification -->",  # 1
        "```markdown",  # 2
        "<!-- zoocat: table shown/as-code -->",  # 3
        "````",  # 4: a longer fence closes a shorter one
        "   <!-- zoocat:model a/b -->  ",  # 5: up to three spaces before it
        "    <!-- zoocat: table indented/code -->",  # 6: four make it code
        "~~~~",  # 7
        "<!-- zoocat: table in/tildes -->",  # 8
        "```",  # 9: does not close a tilde fence
        "~~~~",  # 10
        "<!-- zoocat table no/colon -->",  # 11
        "Text <!-- zoocat: table in/a-paragraph -->",  # 12
        "!!! note",  # 13: other extensions' syntax is not a directive
        "::: module.name",
        "--8<-- 'file.md'",
        "{: .class }",
        "<!-- zoocat-docs: card-fields -->",  # another tool's comment
        "<!-- zoocatalog: table x/y -->",
    ])  # fmt: skip
    assert found(page) == [
        (1, Directive("table", "cv/classification"), None),
        (5, Directive("model", "a/b"), None),
        (
            11,
            None,
            "a directive starts `<!-- zoocat:` (with the colon); write `<!-- zoocat: table DOMAIN/SUB_DOMAIN[?VIEW] -->` or `<!-- zoocat: model STUB -->`",
        ),
    ]


def test_the_line_is_the_files_whatever_front_matter_the_engine_took_off(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text("---\ntitle: A\n---\n\n\n# A\n\n<!-- zoocat: table x/y -->\n")
    lines = ["# A", "", "<!-- zoocat: table x/y -->", ""]
    assert line_in_source(str(source), lines, 2) == 8
    assert line_in_source(None, lines, 2) == 3  # no file: the line in what the engine gave
    assert line_in_source(str(tmp_path / "gone.md"), lines, 2) == 3


def classification(catalog: Path) -> Table:
    loaded, _ = load_catalog(str(catalog))
    return next(table for table in loaded.tables if table.key == "cv/classification")


def test_a_view_is_checked_against_the_table(catalog: Path) -> None:
    table = classification(catalog)
    good = (("tag", "pruned"), ("sort", "-top1_accuracy"), ("sparse_name", "pruned,base"), ("min_top1_accuracy", "70"))
    assert check_view(table, good) == []
    assert check_view(table, (("cols", "top1_accuracy"), ("q", "anything"), ("speed_context", "0"))) == []
    problems = check_view(
        table,
        (
            ("tag", "prunde"),
            ("sort", "accuracy"),
            ("framework", "keras"),
            ("max_top1_accuracy", "high"),
            ("colour", "red"),
        ),
    )
    assert problems[0] == "no model of the table has tag 'prunde' (it has dense, mobilenet, pruned)"
    assert problems[1].startswith("sort='accuracy': the table has no column 'accuracy'; it has display_name, ")
    assert problems[2] == "no model of the table has framework 'keras' (it has pytorch)"
    assert problems[3] == "max_top1_accuracy='high' is not a number"
    assert problems[4].startswith("unknown option 'colour'; the options are the table's URL parameters: domain, ")


def convert(text: str, catalog: Path, **options: str) -> str:
    md = markdown.Markdown(
        extensions=["zoocat", "toc"], extension_configs={"zoocat": {"catalog": str(catalog), **options}}
    )
    return md.convert(text)


def test_the_extension_reads_the_catalog_once_per_process(monkeypatch: pytest.MonkeyPatch, catalog: Path) -> None:
    monkeypatch.setattr(md_extension, "_embedders", {})
    reads: list[str] = []
    real = md_extension.load_catalog
    monkeypatch.setattr(md_extension, "load_catalog", lambda path: reads.append(path) or real(path))
    assert convert("# No directive\n", catalog) == '<h1 id="no-directive">No directive</h1>'
    assert reads == []  # a page without a directive reads nothing
    for _ in range(3):
        html = convert("# Models\n\n<!-- zoocat: table cv/classification?tag=pruned -->\n", catalog)
        assert '<div class="zoocat zoocat-mkdocs zoocat-docs zoocat-embed" data-zoocat-view="tag=pruned">' in html
        assert '<a href="zoo/models/cv/classification/mobilenet_v1-1.0/' in html  # the page is at the site's root
    assert reads == [str(catalog)]


def test_assets_come_with_the_first_part_of_a_page_only(catalog: Path) -> None:
    html = convert(
        f"<!-- zoocat: model {PRUNED} -->\n\n<!-- zoocat: table cv/classification -->\n", catalog, path="models"
    )
    assert html.count('<script src="models/assets/zoocat.js">') == 1
    assert html.count('href="models/assets/zoocat-parts.css"') == 1
    assert html.index("zoocat.js") < html.index("zoocat-table")
    assert f'<p class="model-figures-name"><a href="models/models/{PRUNED}/index.html">MobileNet V1 pruned</a>' in html
    assert 'aria-label="MobileNet V1 pruned: metrics"' in html


@pytest.fixture
def warned() -> Iterator[list[str]]:
    """The extension's warnings outside any engine (it prints them on the `zoocat` logger's own handler)."""
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("zoocat")
    logger.addHandler(handler)
    yield seen
    logger.removeHandler(handler)


def test_a_bad_directive_is_a_warning_and_stays_a_comment(warned: list[str], catalog: Path) -> None:
    html = convert(
        "# Models\n\n<!-- zoocat: model cv/classification/nope/pytorch/sparseml/imagenet/base-none -->\n", catalog
    )
    assert "<!-- zoocat: model" in html and "zoocat-embed" not in html
    assert warned == [
        "zoocat: a Markdown page:3: no model 'cv/classification/nope/pytorch/sparseml/imagenet/base-none' in the "
        "catalog; models of cv/classification are "
        "cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none, "
        f"{PRUNED} (in `<!-- zoocat: model cv/classification/nope/pytorch/sparseml/imagenet/base-none -->`)"
    ]


def test_a_missing_catalog_is_one_warning(warned: list[str], tmp_path: Path) -> None:
    page = "<!-- zoocat: table cv/classification -->\n"
    for _ in range(2):
        html = convert(page, tmp_path / "none")
        assert html == "<!-- zoocat: table cv/classification -->"
    assert len(warned) == 1 and "set the extension's `catalog` option" in warned[0], warned


def test_every_option_of_the_extension_is_in_the_docs() -> None:
    text = (REPO / "docs" / "engines.md").read_text()
    options = md_extension.ZoocatExtension().getConfigs()
    assert [name for name in options if f"| `{name}` |" not in text] == []


def test_tables_and_charts_are_left_out_of_the_engines_search() -> None:
    html = '<p>Kept</p><div class="zoocat-table" data-table="a/b">rows</div><figure class="chart" data-chart="x">'
    assert searchless_tables(html) == (
        '<p>Kept</p><div class="zoocat-table" data-search-exclude data-table="a/b">rows</div>'
        '<figure class="chart" data-search-exclude data-chart="x">'
    )
