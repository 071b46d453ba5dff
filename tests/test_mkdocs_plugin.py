"""The MkDocs plugin: the catalog's pages inside an MkDocs site, in MkDocs' theme and in Material for MkDocs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import free_port, serve, wait_for
from conftest import REPO, card, write_files
from playwright.sync_api import Browser

from generator.integrations.mkdocs_plugin import rebase_links
from generator.integrations.mkdocs_texts import engine_problem

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
PRUNED = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
QA = "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none"
TABLE = "zoo/models/cv/classification/index.html"

CATALOG = {
    "catalog.yml": "title: Plugin zoo\nnames:\n  cv: Computer Vision\n  classification: Image Classification\n",
    f"{BASE}/model.md": card(
        'display_name: ResNet-50 base\ntags: [resnet]\nmetrics:\n  - {name: top1_accuracy, value: 76.1, units: "%"}',
        "# ResNet-50\n\nThe dense model; see [the card](model.md).\n",
    ),
    f"{BASE}/model.onnx.tar.gz": b"\x1f\x8b" + b"0" * 100,
    f"{PRUNED}/model.md": card(
        'display_name: ResNet-50 pruned\ntags: [resnet]\nmetrics:\n  - {name: top1_accuracy, value: 76.1, units: "%"}'
    ),
    f"{QA}/model.md": card("display_name: BERT base\ntags: [bert]"),
}
USER_PAGE = """# Our models

Some text before.

<!-- zoocat: table cv/classification -->

The embeddable form:

<iframe src="../../zoo/tables/models/cv/classification/" title="Image classification models" width="100%" height="400">
<a href="../../zoo/models/cv/classification/index.html">Image classification models</a>
</iframe>
"""
# Both themes fetch from other sites unless told not to (highlight.js from a CDN, Google's fonts): an offline
# site turns that off, as the docs say.
THEMES = {
    "mkdocs": "theme:\n  name: mkdocs\n  highlightjs: false\n",
    "material": (
        "theme:\n  name: material\n  font: false\n  palette:\n"
        '    - media: "(prefers-color-scheme: light)"\n      scheme: default\n'
        '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n'
    ),
}


def make_project(root: Path, theme: str = "mkdocs", catalog: dict[str, str | bytes] | None = None,
                 options: str = "", page: str = USER_PAGE) -> Path:  # fmt: skip
    write_files(root / "catalog", catalog or CATALOG)
    write_files(root / "docs", {"index.md": "# Home\n\nWelcome.\n", "guide/models.md": page})
    plugin = f"  - zoocat:\n      catalog: catalog\n{options}"
    (root / "mkdocs.yml").write_text(f"site_name: Plugin test\n{THEMES[theme]}plugins:\n  - search\n{plugin}")
    return root


def mkdocs(
    project: Path, *args: str, temporary: Path | None = None, python: str = sys.executable
) -> subprocess.CompletedProcess[str]:
    """mkdocs ARGS in the project, run by `python`; with temporary, its temporary files go to that new folder of
    the test's."""
    environment = dict(os.environ)
    if temporary is not None:
        temporary.mkdir()
        environment["TMPDIR"] = str(temporary)
    command = [python, "-m", "mkdocs", *args]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, check=False, timeout=300, env=environment
    )


@pytest.fixture(scope="module", params=sorted(THEMES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built in strict mode with one theme; returns its site folder."""
    project = make_project(tmp_path_factory.mktemp(request.param), request.param)
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def stubs_in(html: str) -> list[str]:
    return re.findall(r'<tr data-stub="([^"]+)"', html)


def test_catalog_pages_are_in_the_site_and_its_navigation(built: Path) -> None:
    table = (built / TABLE).read_text()
    assert stubs_in(table) == [BASE, PRUNED]
    assert "Image Classification" in table
    model = built / "zoo/models" / PRUNED / "index.html"
    assert "ResNet-50 pruned" in model.read_text()
    # The theme draws the page: its navigation lists the zoo, its domains and sub-domains.
    home = (built / "index.html").read_text()
    assert "Model zoo" in home
    assert re.search(r'href="zoo/models/cv/classification/(index\.html)?"', home), "sub-domain table in the nav"
    # Data files, the embeddable table and the published files come along as they are.
    assert (built / "zoo/models/cv/classification/models.json").is_file()
    assert (built / "zoo/tables/models/cv/classification/index.html").read_text().count("<tr data-stub=") == 2
    assert (built / "zoo/models" / BASE / "files/model.onnx.tar.gz").read_bytes() == CATALOG[
        f"{BASE}/model.onnx.tar.gz"
    ]
    # A card published as a file stays a file: MkDocs must not make a page of it.
    assert (built / "zoo/models" / BASE / "files/model.md").read_text() == CATALOG[f"{BASE}/model.md"]


def test_search_reads_what_a_model_is_looked_up_by_and_no_table_rows(built: Path) -> None:
    docs = json.loads((built / "search/search_index.json").read_text())["docs"]
    texts = {entry["location"]: entry["text"] for entry in docs if entry["location"].startswith("zoo/")}
    assert "imagenet/base-none" in texts[f"zoo/models/{BASE}/"] and "resnet" in texts[f"zoo/models/{BASE}/"]
    assert "Files" not in texts[f"zoo/models/{BASE}/"]  # a section of the page, not what it is looked up by
    # A table's rows are its models, each indexed on its own page; the table is found by its title.
    assert re.sub(r"<[^>]+>", "", texts["zoo/models/cv/classification/"]) == "Image Classification"
    assert not any("ResNet-50 pruned" in text for text in texts.values())
    # What the search read is not what the page shows.
    assert PRUNED in stubs_in((built / TABLE).read_text())
    assert "Files" in (built / "zoo/models" / BASE / "index.html").read_text()


def test_marker_places_the_table_with_working_links(built: Path) -> None:
    page = built / "guide/models/index.html"
    html = page.read_text()
    assert "<!-- zoocat" not in html and "zoocat-table-" not in html
    assert stubs_in(html) == [BASE, PRUNED]
    links = re.findall(r'<tr data-stub="[^"]+"><th scope="row" class="name"><a href="([^"]+)"', html)
    assert len(links) == 2
    for href in links:
        # A folder's URL, as MkDocs writes its own links (Material's instant navigation knows pages by them).
        assert href.endswith("/"), href
        target = (page.parent / href / "index.html").resolve()
        assert target.is_file(), href
        assert target.is_relative_to((built / "zoo/models").resolve())


@pytest.mark.browser
def test_table_works_in_the_browser_inside_the_theme(browser: Browser, built: Path) -> None:
    with serve(built) as origin:
        page = browser.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(urljoin(origin, "guide/models/"))
        # The table script enhances the table the marker placed: facets (behind the Filters button in a content
        # column narrower than the side column needs), then filtering by one.
        page.locator(".filters > summary").click()
        page.locator("fieldset.facet").first.wait_for()
        page.locator(".zoocat-table input[type=search]").fill("pruned")
        page.wait_for_function("document.querySelectorAll('table.models tbody tr:not([hidden])').length === 1")
        page.get_by_role("link", name="ResNet-50 pruned").click()
        page.wait_for_url("**/pruned-moderate/**")
        assert "ResNet-50 pruned" in page.title()
        # The iframe form of the seed document shows the bare table.
        page.goto(urljoin(origin, "guide/models/"))
        rows = page.frame_locator("iframe").locator("tr[data-stub]")
        rows.first.wait_for()
        assert rows.count() == 2
        page.close()
        assert errors == []
        assert [url for url in requests if not url.startswith(origin)] == []


def test_strict_fails_on_a_card_warning_and_names_the_file(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{QA}/model.md": card("display_name: BERT base\ndomain: cv")}
    project = make_project(tmp_path, catalog=catalog)
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert f"zoocat: {project / 'catalog'}/{QA}/model.md:" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert mkdocs(project, "build").returncode == 0


def test_card_error_stops_the_build_with_the_file_named(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{QA}/model.md": "---\ndisplay_name: [unclosed\n---\n"}
    result = mkdocs(make_project(tmp_path, catalog=catalog), "build")
    assert result.returncode == 1
    assert "zoocat: 1 card error in" in result.stderr
    assert f"/catalog/{QA}/model.md:3: error[card.yaml-syntax]: the front matter is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_checks_option_sets_a_code_level(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{QA}/model.md": card("display_name: BERT base\ndomain: cv")}
    options = "      checks:\n        card.stub-mismatch: ignore\n"
    result = mkdocs(make_project(tmp_path / "a", catalog=catalog, options=options), "build", "--strict")
    assert result.returncode == 0, result.stderr
    options = "      checks:\n        card.stub-mismatch: error\n"
    result = mkdocs(make_project(tmp_path / "b", catalog=catalog, options=options), "build")
    assert result.returncode == 1
    assert f"{QA}/model.md:3: error[card.stub-mismatch]: front matter says domain: 'cv'" in result.stderr


def test_unknown_table_in_a_marker_names_the_page_and_line(tmp_path: Path) -> None:
    page = "# Models\n\n<!-- zoocat: table cv/clasification -->\n"
    result = mkdocs(make_project(tmp_path, page=page), "build")
    assert result.returncode == 1
    assert (
        "guide/models.md:3: no table 'cv/clasification' in the catalog; tables are cv/classification" in result.stderr
    )


def test_files_in_the_way_are_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    write_files(project / "docs", {"zoo/index.md": "# Mine\n"})
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "docs/zoo/index.md is in the way of the catalog's pages" in result.stderr


def test_rebase_links_moves_relative_links_only() -> None:
    html = '<a href="../x/index.html?a=1#t">x</a><a href="https://e.org/">e</a><a href="#top">t</a><img src="a b.png">'
    moved = rebase_links(html, "zoo/models/cv/index.html", "guide/models/index.html")
    assert moved == (
        '<a href="../../zoo/models/x/index.html?a=1#t">x</a><a href="https://e.org/">e</a>'
        '<a href="#top">t</a><img src="../../zoo/models/cv/a%20b.png">'
    )


def test_mkdocs_serve_rebuilds_when_a_card_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/zoo/models/{PRUNED}/"
        assert wait_for(url, "ResNet-50 pruned", 60), "mkdocs serve did not come up"
        path = project / "catalog" / PRUNED / "model.md"
        path.write_text(path.read_text().replace("ResNet-50 pruned", "ResNet-50 sparse"))
        assert wait_for(url, "ResNet-50 sparse", 60), "the changed card did not show up"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_theme_dir_overrides_a_template_in_the_mkdocs_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path, options="      theme_dir: my-theme\n")
    write_files(project / "my-theme", {
        "model.html": '{% extends "default/model.html" %}{% block model_body %}<p class="notice">Ours.</p>{% endblock %}',
    })  # fmt: skip
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = (project / "site/zoo/models" / BASE / "index.html").read_text()
    assert '<p class="notice">Ours.</p>' in page and "The dense model" not in page


def test_a_big_catalog_is_drawn_on_disk_and_leaves_nothing_behind(tmp_path: Path) -> None:
    # Enough units for the worker processes; the pages come to MkDocs from a temporary folder, removed at the end.
    project = make_project(tmp_path, page="# Models\n")
    shutil.rmtree(project / "catalog")
    stubs = generate(80, project / "catalog")
    result = mkdocs(project, "build", "--strict", temporary=tmp_path / "tmp")
    assert result.returncode == 0, result.stderr
    for stub in stubs:
        page = (project / "site/zoo/models" / stub / "index.html").read_text()
        # The body went through the site's Markdown (fenced code, no highlighting extension) in a worker.
        assert (
            f'<code id="stub" data-copy-label="Copy stub" data-copy-prefix="zoo:">{stub}</code>' in page
            and '<pre tabindex="0"><code class="language-' in page
        ), stub
        assert (project / "site/zoo/models" / stub / "files/model.md").is_file(), stub
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_broken_template_names_itself_and_leaves_nothing_behind(tmp_path: Path) -> None:
    project = make_project(tmp_path, options="      theme_dir: my-theme\n")
    broken = "{% extends layout %}\n{% block content %}{{ 1 / 0 }}{% endblock %}"
    write_files(project / "my-theme", {"model.html": broken})
    result = mkdocs(project, "build", "--strict", temporary=tmp_path / "tmp")
    assert result.returncode != 0
    assert "model.html:2" in result.stderr and "division by zero" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


# Text that runs script wherever a theme inserts it as HTML: in an element, in an attribute, or once unescaped.
PAYLOAD = (
    '</title><img src=x onerror=window.pwned=1>" onmouseover="window.pwned=2" &lt;img src=y onerror=window.pwned=3&gt;'
)
HOSTILE_CATALOG: dict[str, str | bytes] = {
    # The payload is longer than a tag may be by default: the catalog raises the limit, as its maintainer may.
    "catalog.yml": f"title: '{PAYLOAD}'\nnames:\n  cv: '{PAYLOAD} cv'\n  classification: '{PAYLOAD} cls'\n"
    "limits: {tag_length: 200}\n",
    f"{BASE}/model.md": card(f"display_name: '{PAYLOAD}'\ntags: ['{PAYLOAD}']"),
    f"{PRUNED}/model.md": card("display_name: A neighbour"),
}


@pytest.mark.browser
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_card_and_catalog_text_stays_text_in_the_theme(browser: Browser, tmp_path: Path, theme: str) -> None:
    """Page titles and navigation sections come from cards and catalog.yml: the theme shows them, never runs them."""
    project = make_project(tmp_path, theme, HOSTILE_CATALOG, options="      nav_title: 'Zoo <b>&amp;</b>'\n")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    model_page = f"zoo/models/{BASE}/"
    tag_pages = sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.glob("zoo/tags/*/index.html"))
    assert tag_pages, "the hostile tag has a page"
    with serve(site) as origin:
        page = browser.new_page()
        for uri in ["", "guide/models/", "zoo/", "zoo/models/cv/", "zoo/models/cv/classification/", model_page,
                    *tag_pages]:  # fmt: skip
            page.goto(urljoin(origin, uri))
            # An attribute that broke out would wait for the pointer: pass it over every element.
            page.evaluate("document.querySelectorAll('*').forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))")
            assert page.evaluate("window.pwned") is None, uri
            assert page.locator("img[src=x], img[src=y], [onmouseover]").count() == 0, uri
        # The text is shown as the card wrote it, angle brackets as lookalikes.
        page.goto(urljoin(origin, model_page))
        assert "\u2039/title\u203a\u2039img src=x onerror=window.pwned=1\u203a" in page.title()
        page.close()


def test_the_plugin_names_an_engine_it_is_not_made_for() -> None:
    assert engine_problem("mkdocs", "1.6.1") is None
    assert engine_problem("properdocs", "1.6.7") is None
    assert engine_problem("mkdocs", "1.7.0") == (
        "zoocat: the plugin is made for mkdocs 1.6 and properdocs 1.6, and this is mkdocs 1.7.0: if the zoo's pages "
        "are missing or wrong, write them with `zoocat docs CATALOG -o docs/zoo` instead (see zoocat's docs/engines.md)"
    )
    assert engine_problem("someforkdocs", "1.6.1") is not None


VIEW_PAGE = f"""---
title: Views
---

# Views

<!-- zoocat: table cv/classification?tag=resnet&sort=-top1_accuracy -->

<!-- zoocat: model {PRUNED} -->

```markdown
<!-- zoocat: table shown/as-code -->
```
"""


def test_the_plugin_runs_in_properdocs_and_places_views_and_model_figures(tmp_path: Path) -> None:
    project = make_project(tmp_path, page=VIEW_PAGE)
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "zoocat:" not in result.stderr  # no warning: ProperDocs 1.6 is an engine the plugin is made for
    site = project / "site"
    assert (site / TABLE).is_file()
    html = (site / "guide/models/index.html").read_text()
    assert '<div class="zoocat zoocat-mkdocs" data-zoocat-view="tag=resnet&amp;sort=-top1_accuracy">' in html
    assert stubs_in(html) == [BASE, PRUNED]  # every row is in the page; the view is the script's to apply
    link = re.search(r'<p class="model-figures-name"><a href="([^"]+)">ResNet-50 pruned</a>', html)
    assert link is not None and link.group(1).endswith("/")  # a folder's URL, as MkDocs writes its own
    assert (site / "guide/models" / link.group(1) / "index.html").resolve().is_file()
    assert "&lt;!-- zoocat: table shown/as-code --&gt;" in html
    assert "zoocat-table-" not in html and "<!-- zoocat" not in html


def test_a_bad_view_stops_the_plugins_build_with_page_line_and_options(tmp_path: Path) -> None:
    page = "---\ntitle: A\n---\n\n# A\n\n<!-- zoocat: table cv/classification?sort=speed -->\n"
    result = mkdocs(make_project(tmp_path, page=page), "build")
    assert result.returncode == 1
    assert (
        "guide/models.md:7: the view of table 'cv/classification': sort='speed': the table has no column 'speed'; "
        "it has display_name, " in result.stderr
    )
