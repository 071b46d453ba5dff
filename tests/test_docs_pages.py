"""`zoocat docs`: the zoo as Markdown pages, built by Zensical, MkDocs and ProperDocs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve, watch
from click.testing import CliRunner
from conftest import REPO, card, tree, write_files
from hostile import write_hostile
from playwright.sync_api import Browser, Page

from generator.cli import main
from generator.errors import DocsError
from generator.integrations.docs_pages import MARKER, write_docs

GOLDEN = REPO / "tests" / "golden" / "catalog"
TABLE = "zoo/models/cv/classification/"
MODEL = "zoo/models/cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned-moderate/"
BASE = "cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none"
# Each engine, its command and its theme, offline (by default MkDocs' own theme loads highlight.js from a CDN,
# Zensical's its fonts from Google).
OFFLINE_MKDOCS_THEME = "theme: {name: mkdocs, highlightjs: false}\n"
ENGINES = {
    "mkdocs": ([sys.executable, "-m", "mkdocs", "build", "--strict"], OFFLINE_MKDOCS_THEME),
    "properdocs": ([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], OFFLINE_MKDOCS_THEME),
    "zensical": ([sys.executable, "-m", "zensical", "build"], "theme: {font: false}\n"),  # no Google Fonts
}


# A page of the docs project's own, with the directive of the `zoocat` Markdown extension: a table, a view of it
# (kept off the URL) and a model's figures. A page below the root, with front matter, and the syntax shown as code.
GUIDE = f"""---
title: Our models
---

# Our models

<!-- zoocat: table cv/classification -->

## Pruned only

<!-- zoocat: table cv/classification?VIEW -->

## The dense one

<!-- zoocat: model {BASE} -->

The syntax, as code:

```markdown
<!-- zoocat: table cv/classification -->
```
"""
GUIDE_URI = "guide/models/"


def make_docs(
    root: Path, engine: str, catalog: Path, view: str = "tag=pruned&sort=-top1_accuracy", card_errors: int = 0
) -> Path:
    """A docs project of its own (mkdocs.yml, docs/index.md, a page with directives) with the catalog in docs/zoo;
    built, its site. With card_errors, the extension's one warning about them is expected (and not strict)."""
    write_files(root, {
        "mkdocs.yml": f"site_name: Engine test\n{ENGINES[engine][1]}markdown_extensions:\n  - zoocat: {{catalog: {catalog}}}\n",
        "docs/index.md": "# Home\n\nThe [model zoo](zoo/index.md).\n",
        "docs/guide/models.md": GUIDE.replace("VIEW", view),
    })  # fmt: skip
    write_docs(str(catalog), str(root / "docs" / "zoo"))
    command = [word for word in ENGINES[engine][0] if not (card_errors and word == "--strict")]
    built = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Error" not in built.stdout, built.stdout
    warned = [line for line in (built.stdout + built.stderr).splitlines() if "zoocat:" in line]
    expected = [
        f"WARNING -  zoocat: {catalog}: {card_errors} card(s) with errors are left out; `zoocat validate` lists them"
    ]
    assert warned == (expected if card_errors else []), warned
    return root / "site"


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return request.param, make_docs(tmp_path_factory.mktemp(request.param), request.param, GOLDEN)


@pytest.fixture
def site(engine_site: tuple[str, Path]) -> Path:
    return engine_site[1]


def test_every_page_is_built_by_the_engine_inside_its_theme(site: Path) -> None:
    for uri in ["zoo/", "zoo/models/cv/", TABLE, MODEL, f"{MODEL}recipes/original/", "zoo/tags/pruned/"]:
        html = (site / uri / "index.html").read_text()
        assert 'class="zoocat zoocat-mkdocs zoocat-docs"' in html, uri
        assert "Engine test" in html, uri  # the engine's theme drew the page
    # The card's model.md is a file to download, not a page of the docs site.
    files = site / MODEL / "files"
    assert (files / "model.md.txt").is_file() and not (files / "model.md").exists()
    assert not (files / "model").exists()
    page = (site / MODEL / "index.html").read_text()
    assert 'href="files/model.md.txt"' in page


def shown(page: Page) -> list[str]:
    return page.eval_on_selector_all("table.models tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.stub)")


@pytest.mark.browser
def test_home_table_and_model_page_work_in_the_engine(engine_site: tuple[str, Path], browser: Browser) -> None:
    engine, site = engine_site
    # zoocat's parts take their colours from the theme; MkDocs' own theme (also ProperDocs') has link and text
    # colours below 4.5:1 on its own pages, which zoocat does not restyle. Zensical's theme passes.
    rules = {"color-contrast": {"enabled": engine == "zensical"}}
    with serve(site) as origin:
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        seen = watch(page)
        page.goto(origin)  # the docs site's own home page, the engine's theme: no script error
        for uri in ["zoo/", TABLE, MODEL]:
            page.goto(urljoin(origin, uri))
            # zoocat's part of the page; the engines' own themes have findings of their own (contrast, landmarks).
            results = Axe().run(page, context={"include": [".zoocat"]}, options={"rules": rules})
            assert results.violations_count == 0, results.generate_report()
        page.goto(urljoin(origin, TABLE))
        page.wait_for_selector(".table-count")
        assert len(shown(page)) == 2
        page.locator(".zoocat").get_by_label("Search models").fill("pruned")
        assert len(shown(page)) == 1
        page.locator(".zoocat").get_by_label("Search models").fill("")
        header = page.locator('th[data-key="top1_accuracy"]')
        header.get_by_role("button").click()  # the first click puts the best first
        assert header.get_attribute("aria-sort") == "descending"
        assert shown(page)[0].endswith("base-none")
        header.get_by_role("button").click()
        assert shown(page)[0].endswith("pruned-moderate")
        assert seen["errors"] == [] and seen["failed"] == []
        context.close()


def test_the_directives_are_drawn_by_the_extension_in_the_engine(site: Path) -> None:
    html = (site / GUIDE_URI / "index.html").read_text()
    assert html.count('<div class="zoocat zoocat-mkdocs zoocat-docs zoocat-embed"') == 3
    assert 'data-zoocat-view="tag=pruned&amp;sort=-top1_accuracy"' in html
    assert 'aria-label="tag pruned, sort -top1_accuracy: Image Classification models"' in html
    assert html.count("assets/zoocat.js") == 1 and html.count("assets/zoocat-parts.css") == 1
    assert "&lt;!-- zoocat: table cv/classification --&gt;" in html  # shown as code, not drawn
    assert "<!-- zoocat" not in html
    # Every link of the parts is relative and leads to a file of the site: it works offline and under a sub-path.
    parts = html[html.index("zoocat-embed") : html.index("The syntax, as code")]
    links = set(re.findall(r'(?:href|src)="([^"#?]+)', parts))  # the tables' data files among them
    assert len(links) > 5 and not [link for link in links if link.startswith("/") or ":" in link]
    missing = [link for link in links if not (site / GUIDE_URI / link).resolve().exists()]
    assert missing == [], missing


def test_the_engines_search_leaves_the_tables_rows_out(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    if engine == "zensical":  # its search honours the mark, and takes it out of the page
        index = (site / "search.json").read_text()
        assert "Image Classification" in index and "Image Classification: 2 models" not in index
        return
    # MkDocs' own search does not know the mark (Material's does): it stays in the page.
    table = (site / TABLE / "index.html").read_text()
    assert '<div class="zoocat-table" data-search-exclude data-table="cv/classification">' in table
    assert '<link rel="preload" href="rows.js" as="script" class="zoocat-rows">' in table
    guide = (site / GUIDE_URI / "index.html").read_text()
    assert guide.count('<div class="zoocat-table" data-search-exclude ') == 2


def embedded(page: Page, number: int) -> list[str]:
    return (
        page.locator(".zoocat-embed")
        .nth(number)
        .locator("table.models tbody tr[data-stub]:not([hidden])")
        .evaluate_all("rows => rows.map(r => r.dataset.stub)")
    )


@pytest.mark.browser
def test_the_directives_parts_work_in_the_engine(engine_site: tuple[str, Path], browser: Browser) -> None:
    engine, site = engine_site
    rules = {"color-contrast": {"enabled": engine == "zensical"}}  # as above: MkDocs' own theme's colours
    with serve(site) as origin:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        seen = watch(page)
        page.goto(urljoin(origin, GUIDE_URI))
        page.wait_for_selector(".zoocat-embed .table-count")
        # A view leaves some filter values with no match: their checkboxes are disabled and faded (opacity 0.5),
        # which WCAG exempts as inactive controls but axe cannot tell from their labels.
        scope = {"include": [".zoocat-embed"], "exclude": [".facet-values li.empty"]}
        results = Axe().run(page, context=scope, options={"rules": rules})
        assert results.violations_count == 0, results.generate_report()
        table, view = page.locator(".zoocat-embed").nth(0), page.locator(".zoocat-embed").nth(1)
        # The plain table follows the page's URL, filters and sorts.
        assert len(embedded(page, 0)) == 2
        table.get_by_role("searchbox").fill("pruned")
        assert [stub.rsplit("/", 1)[1] for stub in embedded(page, 0)] == ["pruned-moderate"]
        assert "q=pruned" in page.evaluate("location.search")
        table.get_by_role("searchbox").fill("")
        header = table.locator('th[data-key="top1_accuracy"]')
        header.get_by_role("button").click()
        order = header.get_attribute("aria-sort")  # which way a first click sorts is the table's to choose
        assert order in ("ascending", "descending")
        assert embedded(page, 0)[0].endswith("pruned-moderate" if order == "ascending" else "base-none")
        header.get_by_role("button").click()
        assert header.get_attribute("aria-sort") != order
        assert embedded(page, 0)[0].endswith("base-none" if order == "ascending" else "pruned-moderate")
        # The view shows what its directive says, and keeps its changes off the URL.
        assert [stub.rsplit("/", 1)[1] for stub in embedded(page, 1)] == ["pruned-moderate"]
        assert view.locator('th[data-key="top1_accuracy"]').get_attribute("aria-sort") == "descending"
        search = page.evaluate("location.search")
        view.get_by_role("searchbox").fill("base")
        assert embedded(page, 1) == [] and page.evaluate("location.search") == search
        # The model's figures link its page.
        figures = page.locator(".zoocat-embed").nth(2)
        assert "70.9%" in figures.locator(".headline-figure").inner_text()
        figures.get_by_role("link", name="MobileNet V1 base").click()
        page.wait_for_url(f"**/zoo/models/{BASE}/**")
        assert page.locator(".zoocat h1").inner_text() == "MobileNet V1 base"
        assert seen["errors"] == [] and seen["failed"] == []
        assert all(url.startswith(origin) for url in seen["requests"])
        context.close()


@pytest.mark.browser
def test_the_first_row_is_on_the_first_screen(engine_site: tuple[str, Path], browser: Browser) -> None:
    _engine, site = engine_site
    with serve(site) as origin:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(urljoin(origin, TABLE))
        page.wait_for_selector(".table-count")
        box = page.locator("table.models tbody tr").first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080, box
        page.close()


HOSTILE_TEXT = '</title><img src=x onerror=window.pwned=1>" onmouseover="window.pwned=2" &lt;b&gt;'


@pytest.mark.browser
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_hostile_catalog_runs_no_script_in_the_engine(
    engine: str, tmp_path: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOCAT_DEBUG", raising=False)
    catalog = write_hostile(tmp_path / "catalog")
    write_files(catalog, {
        "catalog.yml": f"title: '{HOSTILE_TEXT}'\nlimits: {{tag_length: 200}}\n",
        f"{BASE}/model.md": card(f"display_name: '{HOSTILE_TEXT}'\ndescription: '{HOSTILE_TEXT}'\ntags: ['{HOSTILE_TEXT}']"),
    })  # fmt: skip
    site = make_docs(tmp_path / "project", engine, catalog, view="sort=display_name", card_errors=12)
    pages = sorted(site.rglob("index.html"))
    assert "zoocat-embed" in (site / GUIDE_URI / "index.html").read_text()  # the extension drew the hostile card
    assert len(pages) > 8
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(site) as origin:
        for path in pages:
            uri = path.parent.relative_to(site).as_posix() + "/"
            page.goto(urljoin(origin, "" if uri == "./" else uri))
            page.evaluate("document.querySelectorAll('*').forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))")
            assert page.evaluate("window.pwned") is None, uri
            # No element carries an event handler (a sanitized body keeps `<img src="x">`, inert, as the site does).
            handlers = page.evaluate(
                "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
                ".filter(n => n.startsWith('on'))"
            )
            assert handlers == [], uri
            # In zoocat's part of the page, only its own script file and data blocks.
            scripts = page.eval_on_selector_all(".zoocat script", "els => els.map(e => e.src ? 'src' : e.type)")
            assert set(scripts) <= {"src", "application/json"}, uri
        page.goto(urljoin(origin, f"zoo/models/{BASE}/"))
        assert "\u2039/title\u203a\u2039img src=x" in page.title()
    page.wait_for_timeout(200)
    assert dialogs == []
    context.close()
    assert not Path("/tmp/zoocat-pwned").exists()


def test_no_file_of_the_folder_is_a_page_but_zoocats(tmp_path: Path) -> None:
    catalog = write_files(tmp_path / "catalog", {
        f"{BASE}/model.md": card("display_name: Base"),
        f"{BASE}/README.markdown": "# Notes\n<script>alert(1)</script>\n",
        f"{BASE}/notes.MD": "# Notes\n",
    })  # fmt: skip
    out = tmp_path / "docs" / "zoo"
    write_docs(str(catalog), str(out))
    files = out / "models" / BASE / "files"
    assert sorted(p.name for p in files.iterdir()) == ["README.markdown.txt", "model.md.txt", "notes.MD.txt"]
    pages = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix.lower() in (".md", ".markdown")]
    assert all(p.endswith("index.md") for p in pages), pages
    page = (out / "models" / BASE / "index.md").read_text()
    assert page.startswith("---\ntitle: Base\ndescription: Base\n---\n\n<div class=")


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_second_run_rewrites_only_what_changed(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(GOLDEN, catalog)
    out = tmp_path / "docs" / "zoo"
    first = write_docs(str(catalog), str(out))
    assert first.written and not first.removed
    before, contents = stats(out), tree(out)
    again = write_docs(str(catalog), str(out))
    assert again.written == [] and again.removed == [] and stats(out) == before and tree(out) == contents
    # One card's text changes: its page and its copy of the card change, and catalog.json, which gives the card's
    # size; no other page, and no table's data (its cells do not show the card's text).
    card_path = catalog / BASE / "model.md"
    card_path.write_text(card_path.read_text() + "\nA new last line.\n")
    changed = write_docs(str(catalog), str(out))
    assert changed.written == [
        "catalog.json",
        f"models/{BASE}/files/model.md.txt",
        f"models/{BASE}/index.md",
    ]
    after = stats(out)
    assert [path for path in after if after[path] != before[path]] == changed.written
    # A deleted model's pages and files go; so does a file left in the folder by hand.
    (out / "stray.md").write_text("# Stray\n")
    shutil.rmtree(catalog / "nlp")
    removed = write_docs(str(catalog), str(out))
    assert "stray.md" in removed.removed
    assert not (out / "models" / "nlp").exists() and not (out / "tables" / "models" / "nlp").exists()
    assert {path for path in removed.removed if path.startswith("models/nlp/")} >= {
        "models/nlp/index.md",
        "models/nlp/question_answering/index.md",
    }
    assert (out / MARKER).is_file()


def test_the_output_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    write_docs(str(GOLDEN), str(tmp_path / "one"))
    write_docs(str(GOLDEN), str(tmp_path / "two"))
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_a_folder_that_is_not_zoocats_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_files(out, {"index.md": "# Mine\n"})
    with pytest.raises(DocsError, match="is not empty and was not written by `zoocat docs`"):
        write_docs(str(GOLDEN), str(out))
    assert tree(out) == {"index.md": b"# Mine\n"}
    result = CliRunner().invoke(main, ["docs", str(GOLDEN), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {out} is not empty and was not written by `zoocat docs`; zoocat will not replace it. "
        "Choose another output folder or empty this one\n"
    )


def test_the_command_prints_what_it_did_and_what_to_configure(tmp_path: Path) -> None:
    out = tmp_path / "zoo"
    result = CliRunner().invoke(main, ["docs", str(GOLDEN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[-4]
        == f"Wrote 89 files into {out}, removed 0, 0 unchanged: 35 pages for 10 models (0 errors, 2 warnings)."
    )
    assert lines[-3].startswith("The pages need nothing in mkdocs.yml: they link their own stylesheets and script")
    assert lines[-3].endswith(
        "add these two lines to mkdocs.yml (the second alone under a `markdown_extensions:` it has already):"
    )
    # No mkdocs.yml above the output: paths from the current folder, the output's name as the zoo's folder.
    assert lines[-2:] == ["markdown_extensions:", f"  - zoocat: {{catalog: {os.path.relpath(GOLDEN)}, path: zoo}}"]
    again = CliRunner().invoke(main, ["docs", str(GOLDEN), "-o", str(out)])
    assert "Wrote 0 files into" in again.output and "89 unchanged" in again.output


def test_the_two_lines_give_paths_as_the_projects_mkdocs_yml_reads_them(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {"mkdocs.yml": "site_name: A\n", "docs/index.md": "# A\n"})
    shutil.copytree(GOLDEN, project / "models")
    result = CliRunner().invoke(
        main, ["docs", str(project / "models"), "-o", str(project / "docs" / "reference" / "zoo")]
    )
    assert result.output.splitlines()[-2:] == [
        "markdown_extensions:",
        "  - zoocat: {catalog: models, path: reference/zoo}",
    ]
    # No mkdocs.yml yet: the folder that holds `docs` is the project.
    (project / "mkdocs.yml").unlink()
    result = CliRunner().invoke(main, ["docs", str(project / "models"), "-o", str(project / "docs" / "zoo")])
    assert result.output.splitlines()[-1] == "  - zoocat: {catalog: models, path: zoo}"


def test_zensical_is_told_that_the_plugin_does_nothing_there(tmp_path: Path) -> None:
    # Zensical never imports a MkDocs plugin (python -X importtime shows no module of zoocat loaded), so the
    # plugin cannot say it; the extension, which Zensical runs, says it once.
    write_files(tmp_path, {
        "mkdocs.yml": (
            "site_name: A\ntheme: {font: false}\nplugins:\n  - search\n  - zoocat:\n      catalog: catalog\n"
            "markdown_extensions:\n  - toc:\n      permalink: !!python/name:builtins.str\n  - zoocat\n"
        ),
        "docs/index.md": "# A\n",
        "docs/other.md": "# B\n",
    })  # fmt: skip
    built = subprocess.run(
        ENGINES["zensical"][0], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300
    )
    assert built.returncode == 0, built.stdout + built.stderr
    warned = [line for line in (built.stdout + built.stderr).splitlines() if "zoocat" in line]
    assert warned == [
        "WARNING -  zoocat: Zensical runs no MkDocs plugin: `zoocat` under `plugins` in mkdocs.yml does nothing here, "
        "and the zoo's pages come only from `zoocat docs CATALOG -o docs/zoo` (see zoocat's docs/engines.md)"
    ]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_bad_directive_is_a_warning_with_page_and_line_in_the_engine(engine: str, tmp_path: Path) -> None:
    write_files(tmp_path, {
        "mkdocs.yml": f"site_name: A\n{ENGINES[engine][1]}markdown_extensions:\n  - zoocat: {{catalog: {GOLDEN}}}\n",
        "docs/index.md": "# A\n",
        "docs/guide/page.md": "---\ntitle: A page\n---\n\n# A page\n\n<!-- zoocat: table cv/classification?tag=pruned&sort=speed -->\n",
    })  # fmt: skip
    write_docs(str(GOLDEN), str(tmp_path / "docs" / "zoo"))
    built = subprocess.run(ENGINES[engine][0], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    warned = [line for line in (built.stdout + built.stderr).splitlines() if "zoocat:" in line]
    assert len(warned) == 1, warned
    assert warned[0].startswith(
        "WARNING -  zoocat: docs/guide/page.md:7: the view of table 'cv/classification': sort='speed': the table has "
        "no column 'speed'; it has display_name, "
    )
    assert "top1_accuracy" in warned[0]
    assert warned[0].endswith("(in `<!-- zoocat: table cv/classification?tag=pruned&sort=speed -->`)")
    # MkDocs and ProperDocs count it, so --strict fails; Zensical counts no warning of a Markdown extension.
    assert built.returncode == (0 if engine == "zensical" else 1), built.stdout + built.stderr


@pytest.mark.browser
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_example_zoo_reads_in_the_engine(engine: str, tmp_path: Path, browser: Browser) -> None:
    """The example zoo (catalog/, 45 models with their figures) as a user of each engine meets it, at 1280 x 900."""
    write_files(tmp_path, {
        "mkdocs.yml": f"site_name: Example zoo docs\n{ENGINES[engine][1]}",
        "docs/index.md": "# Home\n\nThe [model zoo](zoo/index.md).\n",
    })  # fmt: skip
    write_docs(str(REPO / "catalog"), str(tmp_path / "docs" / "zoo"))
    built = subprocess.run(ENGINES[engine][0], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    rules = {"color-contrast": {"enabled": engine == "zensical"}}  # as above: MkDocs' own theme's colours
    with serve(tmp_path / "site") as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        seen = watch(page)
        for uri in ["zoo/", "zoo/models/cv/", "zoo/models/cv/classification/"]:
            page.goto(urljoin(origin, uri))
            results = Axe().run(page, context={"include": [".zoocat"]}, options={"rules": rules})
            assert results.violations_count == 0, results.generate_report()
        page.wait_for_selector(".table-count")
        first = page.locator("table.models tbody tr[data-stub]").first
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, box
        rows = page.locator("table.models tbody tr[data-stub]:not([hidden])")
        everything = rows.count()
        page.locator(".zoocat").get_by_label("Search models").fill("mobilenet")
        assert 0 < rows.count() < everything
        page.locator(".zoocat").get_by_label("Search models").fill("")
        header = page.locator('th[data-key="top1_accuracy"]')
        header.get_by_role("button").click()
        assert header.get_attribute("aria-sort") == "descending"  # best first
        best = rows.first.locator("a").first
        name = best.inner_text()
        best.click()
        page.wait_for_selector(".zoocat h1")
        assert page.locator(".zoocat h1").inner_text() == name
        results = Axe().run(page, context={"include": [".zoocat"]}, options={"rules": rules})
        assert results.violations_count == 0, results.generate_report()
        assert seen["errors"] == [] and seen["failed"] == []
        page.close()
