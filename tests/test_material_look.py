"""The plugin in a Material for MkDocs site set up as its users set it up: tabs, instant navigation, a palette toggle.

zoocat's content looks like the rest of the site and leaves the site's own pages as they are: the site's code keeps
Material's colours in both palettes, catalog text has Material's sizes, zoocat's assets load only where its
content is, and its tables keep their controls when Material swaps pages without loading them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import serve
from conftest import card, write_files
from playwright.sync_api import Browser, Page

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
PRUNED = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
CODE = "```python\nimport os\n\ndef size(path):\n    return os.path.getsize(path)  # bytes\n```\n"
CATALOG = {
    "catalog.yml": "title: Material zoo\nnames:\n  cv: Computer Vision\n  classification: Image Classification\n",
    f"{BASE}/model.md": card(
        'display_name: ResNet-50 base\nmetrics:\n  - {name: top1_accuracy, value: 76.1, units: "%"}',
        f"# ResNet-50\n\nThe dense model, loaded so:\n\n{CODE}",
    ),
    f"{PRUNED}/model.md": card(
        'display_name: ResNet-50 pruned\nmetrics:\n  - {name: top1_accuracy, value: 75.9, units: "%"}'
    ),
}
# The site's own pages: a page without zoocat content, and one with the site's code beside a zoocat table.
DOCS = {
    "index.md": f"# Home\n\nSee [our models](guide/models.md).\n\n{CODE}\n| Size | Files |\n|---|---|\n| 4 | 2 |\n",
    "guide/models.md": (
        f"# Our models\n\n{CODE}\n<!-- zoocat: table cv/classification -->\n\n"
        '<p><a href="../../downloads/index.html">Downloads</a></p>\n'
    ),
}
CONFIG = """site_name: Material site
site_url: {origin}
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.instant]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Dark}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Light}}
markdown_extensions: [pymdownx.highlight, pymdownx.superfences]
plugins:
  - search
{plugin}"""
PLUGIN = "  - zoocat:\n      catalog: catalog\n"
TABLE = "zoo/models/cv/classification/"
MODEL = f"zoo/models/{BASE}/"
# Pygments classes in both code blocks: a keyword (`import`, `def`), a builtin-like name, a comment.
TOKENS = (".kn", ".k", ".c1")
ASSETS = re.compile(r'(?:href|src)="[^"]*zoocat[^"]*\.(?:css|js)"')


def build(project: Path, origin: str, plugin: str) -> None:
    """The site, built in strict mode for a server at origin: Material's instant navigation reads site_url."""
    write_files(project / "docs", dict(DOCS))
    write_files(project / "catalog", dict(CATALOG))
    (project / "mkdocs.yml").write_text(CONFIG.format(origin=origin, plugin=plugin))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The site with the plugin and the same site without it, each served; their origins, by "with" and "without"."""
    with_plugin, without = tmp_path_factory.mktemp("with"), tmp_path_factory.mktemp("without")
    with serve(with_plugin / "site") as with_origin, serve(without / "site") as without_origin:
        build(with_plugin, with_origin, PLUGIN)
        build(without, without_origin, "")
        yield {"with": with_origin, "without": without_origin, "folder": str(with_plugin / "site")}


def colours(page: Page, scope: str) -> dict[str, str]:
    """The colour of each token class in the first code block under scope, and that block's background."""
    return dict(
        page.evaluate(
            """([scope, tokens]) => {
                const block = document.querySelector(scope + ' .highlight');
                const found = {background: getComputedStyle(block.querySelector('pre, code')).backgroundColor};
                for (const token of tokens) {
                    const span = block.querySelector(token);
                    found[token] = span ? getComputedStyle(span).color : 'none';
                }
                return found;
            }""",
            [scope, list(TOKENS)],
        )
    )


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sites_own_code_keeps_materials_colours_in_both_palettes(
    browser: Browser, sites: dict[str, str], scheme: str
) -> None:
    seen: dict[str, dict[str, dict[str, str]]] = {}
    for name in ("with", "without"):
        context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
        page = context.new_page()
        seen[name] = {}
        for uri in ("", "guide/models/"):
            page.goto(urljoin(sites[name], uri))
            seen[name][uri] = colours(page, ".md-content")
        page.goto(urljoin(sites[name], ""))
        table = page.locator(".md-typeset table:not([class])").first
        seen[name]["table"] = {"size": table.evaluate("e => getComputedStyle(e).fontSize")}
        if name == "with":
            # The page with a zoocat table has zoocat's stylesheets: they do not reach the site's code beside it.
            page.goto(urljoin(sites[name], "guide/models/"))
            assert page.locator(".zoocat table.models").count() == 1
            assert page.evaluate("getComputedStyle(document.querySelector('.zoocat')).getPropertyValue('--bg')")
        context.close()
    assert seen["with"] == seen["without"]
    assert "none" not in seen["with"][""].values(), "every token class is in the code block"


@pytest.mark.browser
def test_code_in_a_card_follows_materials_palette_toggle_not_the_system(
    browser: Browser, sites: dict[str, str]
) -> None:
    """The system says dark; the reader toggles Material to light: the card's code is drawn in Material's light."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(urljoin(sites["with"], ""))
    dark = colours(page, ".md-content")
    page.locator('label.md-header__button[title="Light"]').click()  # Material's toggle, to its light palette
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    light = colours(page, ".md-content")
    assert light != dark
    page.goto(urljoin(sites["with"], MODEL))  # the palette chosen is kept from page to page
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert colours(page, ".zoocat .card-body") == light
    context.close()


@pytest.mark.browser
def test_catalog_text_has_materials_body_size_and_tables_its_table_size(
    browser: Browser, sites: dict[str, str]
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(urljoin(sites["with"], ""))
    body = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize")
    table = page.evaluate("getComputedStyle(document.querySelector('.md-typeset table:not([class])')).fontSize")
    assert (body, table) == ("16px", "12.8px")  # Material's: .8rem and .64rem of a 20 px root
    size = "e => getComputedStyle(e).fontSize"
    for uri in (TABLE, MODEL, "guide/models/"):
        page.goto(urljoin(sites["with"], uri))
        assert page.locator(".zoocat").first.evaluate(size) == body, uri
        assert page.locator(".zoocat table").first.evaluate(size) == table, uri
    page.goto(urljoin(sites["with"], MODEL))
    assert page.locator(".zoocat .card-body p").first.evaluate(size) == body
    page.close()


def test_zoocat_assets_are_only_on_pages_with_zoocat_content(sites: dict[str, str]) -> None:
    site = Path(sites["folder"])
    assert ASSETS.findall((site / "index.html").read_text()) == []
    assert ASSETS.findall((site / "404.html").read_text()) == []
    for uri in ("guide/models/", TABLE, MODEL):
        found = ASSETS.findall((site / uri / "index.html").read_text())
        assert any("zoocat.js" in link for link in found), uri
        assert any("zoocat-parts.css" in link for link in found), uri


def test_the_sites_own_html_beside_a_table_is_left_as_written(sites: dict[str, str]) -> None:
    """zoocat's links become folder URLs for instant navigation; the site's own stay as its author wrote them."""
    html = (Path(sites["folder"]) / "guide/models/index.html").read_text()
    assert '<a href="../../downloads/index.html">Downloads</a>' in html
    assert re.search(r'<a href="\.\./\.\./zoo/models/[^"]+/base-none/">ResNet-50 base</a>', html)


@pytest.mark.browser
def test_tables_keep_their_controls_through_instant_navigation(browser: Browser, sites: dict[str, str]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch_errors(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(urljoin(sites["with"], ""))
    # Material swaps in only the pages its sitemap.xml lists, fetched after the page loads: a click before that is
    # a plain load (seen on a busy machine).
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "zoocat" in url], "the site's own page loads nothing of zoocat's"
    page.evaluate("window.sameDocument = true")  # gone if a page is loaded instead of swapped in

    def table_works() -> None:
        search = page.locator(".zoocat-table input[type=search]")
        search.wait_for()
        search.fill("pruned")
        page.wait_for_function("document.querySelectorAll('table.models tbody tr[data-stub]').length === 1")
        search.fill("")
        page.wait_for_function("document.querySelectorAll('table.models tbody tr[data-stub]').length === 2")
        page.locator("table.models thead th.num button.sort").first.click()
        assert page.locator("table.models thead th[aria-sort]").count() == 1

    page.get_by_role("link", name="our models").click()  # a page of the site's own with a zoocat table
    page.wait_for_url("**/guide/models/")
    table_works()
    page.get_by_role("link", name="ResNet-50 pruned").click()
    page.wait_for_url(f"**/{PRUNED}/")
    page.go_back()
    page.wait_for_url("**/guide/models/**")
    table_works()
    page.locator(".md-tabs").get_by_role("link", name="Model zoo").click()
    page.wait_for_url("**/zoo/")
    page.locator(f'.zoocat a[href$="{TABLE.removeprefix("zoo/")}"], .zoocat a[href*="classification/"]').first.click()
    page.wait_for_url(f"**/{TABLE}**")
    table_works()
    assert page.evaluate("window.sameDocument") is True, "Material swapped every page in"
    assert page.evaluate("document.querySelectorAll('.zoocat-table').length") == 1
    assert errors == []
    page.close()
