"""`zoocat docs`: the zoo as Markdown pages, built by Zensical, MkDocs and ProperDocs."""

from __future__ import annotations

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


def make_docs(root: Path, engine: str, catalog: Path) -> Path:
    """A docs project of its own (mkdocs.yml, docs/index.md) with the catalog in docs/zoo; built, its site."""
    write_files(root, {
        "mkdocs.yml": f"site_name: Engine test\n{ENGINES[engine][1]}",
        "docs/index.md": "# Home\n\nThe [model zoo](zoo/index.md).\n",
    })  # fmt: skip
    write_docs(str(catalog), str(root / "docs" / "zoo"))
    built = subprocess.run(ENGINES[engine][0], cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Error" not in built.stdout, built.stdout
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
    site = make_docs(tmp_path / "project", engine, catalog)
    pages = sorted(site.rglob("index.html"))
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
    # One card's text changes: its page and its copy of the card change, and the data files that give the card's
    # size; no other page.
    card_path = catalog / BASE / "model.md"
    card_path.write_text(card_path.read_text() + "\nA new last line.\n")
    changed = write_docs(str(catalog), str(out))
    assert changed.written == [
        "catalog.json",
        f"models/{BASE}/files/model.md.txt",
        f"models/{BASE}/index.md",
        "models/cv/classification/models.json",
        "tags/dense/models.json",
        "tags/mobilenet/models.json",
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
        lines[-2] == f"Wrote 83 files into {out}, removed 0, 0 unchanged: 27 pages for 8 models (0 errors, 2 warnings)."
    )
    assert lines[-1].startswith("Add nothing to mkdocs.yml")
    again = CliRunner().invoke(main, ["docs", str(GOLDEN), "-o", str(out)])
    assert "Wrote 0 files into" in again.output and "83 unchanged" in again.output
