"""The plugin in a Material for MkDocs site as its users set one up (tabs, sections, a palette toggle, search,
the usual Markdown extensions), in Chromium: cards read like the site's own pages, models are found first, and a
card's Markdown extensions run no script. Each test runs in the test environment's MkDocs and Material, and in the
oldest that pyproject.toml allows (tests/oldest.py)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import serve, watch
from conftest import card, write_files
from oldest import oldest_python
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from test_mkdocs_plugin import BASE, CATALOG, PRUNED, mkdocs

MATERIAL = """site_name: Material zoo
site_url: https://example.org/docs/
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.path, navigation.footer,
             search.suggest, content.code.copy]
  palette:
    - scheme: default
      toggle: {icon: material/brightness-4, name: Dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-7, name: Light mode}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - toc:
      permalink: true
plugins:
  - search
  - zoocat:
      catalog: catalog
"""
USER_PAGE = '# Guide\n\n!!! note "Ours"\n    The site\'s own admonition.\n\n```python\nprint("ours")\n```\n'
CARD_BODY = """# Overview

!!! note "Before use"
    Fine-tune it first.

## Usage

```python
print("theirs")
```
"""


VERSIONS = ("current", "oldest")


@pytest.fixture(scope="module", params=VERSIONS)
def python(request: pytest.FixtureRequest) -> str:
    """The Python whose MkDocs and Material build the site: the test environment's, or the oldest allowed."""
    return sys.executable if request.param == "current" else oldest_python()


def material_site(root: Path, catalog: dict[str, str | bytes], python: str) -> Path:
    write_files(root / "catalog", catalog)
    write_files(root, {"mkdocs.yml": MATERIAL, "docs/index.md": "# Home\n", "docs/guide.md": USER_PAGE})
    result = mkdocs(root, "build", "--strict", python=python)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, python: str) -> Path:
    catalog = {
        **CATALOG,
        f"{BASE}/model.md": card("display_name: ResNet-50 base\ntags: [resnet]", CARD_BODY),
        # Tags named like parts of the stub: their pages' titles are words of the stub's search.
        f"{PRUNED}/model.md": card("display_name: ResNet-50 pruned\ntags: [resnet, moderate, pruned]"),
    }
    return material_site(tmp_path_factory.mktemp("material"), catalog, python)


# What makes an admonition look like one in Material: its frame, its title's band and icon.
LOOK = """el => {
  const box = getComputedStyle(el), title = getComputedStyle(el.querySelector('.admonition-title'));
  const icon = getComputedStyle(el.querySelector('.admonition-title'), '::before');
  return [box.borderTopWidth, box.borderTopColor, box.borderRadius, box.boxShadow, box.fontSize,
          title.backgroundColor, title.fontWeight, icon.maskImage || icon.webkitMaskImage, icon.backgroundColor];
}"""


def admonition_look(page: Page, selector: str) -> list[str]:
    look: list[str] = page.locator(selector).first.evaluate(LOOK)
    return look


@pytest.mark.browser
def test_a_cards_admonition_looks_like_the_sites_own_in_both_palettes(browser: Browser, site: Path) -> None:
    with serve(site) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        seen = watch(page)
        looks: dict[str, list[list[str]]] = {"ours": [], "card": []}
        for name, uri, selector in [("ours", "guide/", "article .admonition"),
                                    ("card", f"zoo/models/{BASE}/", ".card-body .admonition")]:  # fmt: skip
            page.goto(urljoin(origin, uri))
            looks[name].append(admonition_look(page, selector))
            page.locator('label[title="Dark mode"]').click()
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
            looks[name].append(admonition_look(page, selector))
            page.locator('label[title="Light mode"]').click()
            page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        assert looks["card"] == looks["ours"]
        assert looks["card"][0][0] != "0px", "the admonition has its frame"
        assert seen["errors"] == [] and seen["failed"] == []
        page.close()


@pytest.mark.browser
def test_a_model_page_has_its_table_of_contents_and_its_place(browser: Browser, site: Path, python: str) -> None:
    with serve(site) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(urljoin(origin, f"zoo/models/{BASE}/"))
        toc = page.locator("nav.md-nav--secondary")
        links = toc.locator("a.md-nav__link")
        assert links.all_inner_texts()[:2] == ["Model", "Family"]
        usage = toc.locator('a[href="#card-usage"]')
        assert usage.is_visible() and usage.inner_text() == "Usage"
        usage.click()
        page.wait_for_url("**#card-usage")
        # The model's tab is the active one; its breadcrumbs lead to its domain; the footer goes on to the next model.
        assert page.locator(".md-tabs__item--active").inner_text().strip() == "Model zoo"
        if python == sys.executable:  # breadcrumbs (navigation.path) are in Material from 9.7.0, the oldest has none
            assert page.locator(".md-path__list").inner_text().split() == ["Home", "Model", "zoo", "Computer", "Vision"]
        assert page.locator(".md-footer__link--next").get_attribute("href", timeout=2000) is not None
        page.locator(".md-footer__link--next").click()
        page.wait_for_url(f"**/{PRUNED}/")
        page.close()


@pytest.mark.browser
def test_search_for_an_exact_stub_puts_its_model_first(browser: Browser, site: Path) -> None:
    with serve(site) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(origin)
        box = page.locator("input.md-search__input")
        for stub in (PRUNED, BASE):
            box.click()
            box.fill("")
            box.press_sequentially(stub)  # as a reader types: Material searches on each key
            expected = urljoin(origin, f"zoo/models/{stub}/")
            # The list shows each key's results in turn: wait for the whole stub's (those of a part of it may
            # come first), then read it.
            with contextlib.suppress(PlaywrightTimeoutError):
                page.wait_for_function(f"document.querySelector('.md-search-result__item a')?.href === {expected!r}")
            found = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
            assert found[:1] == [expected], found
            page.keyboard.press("Escape")
        page.close()


HOSTILE_BODY = """# Overview

!!! note "<img src=x onerror=window.pwned=1>"
    Text {: onmouseover="window.pwned=2" }

A paragraph.
{: onclick="window.pwned=3" .md-search data-md-component="search" style="position:fixed" }

<div markdown="1" onmouseover="window.pwned=4">
**bold** <script>window.pwned=5</script>
</div>

## Heading <img src=y onerror=window.pwned=6> {: #evil onfocus="window.pwned=7" }

??? danger "<svg onload=window.pwned=8>"
    Hidden <iframe src="javascript:window.pwned=9"></iframe>

[link](javascript:window.pwned=10){: .md-button }
"""


@pytest.mark.browser
def test_a_cards_extension_syntax_runs_no_script(browser: Browser, tmp_path: Path, python: str) -> None:
    catalog = {**CATALOG, f"{BASE}/model.md": card("display_name: ResNet-50 base", HOSTILE_BODY)}
    site = material_site(tmp_path, catalog, python)
    with serve(site) as origin:
        page = browser.new_page()
        seen = watch(page)
        page.goto(urljoin(origin, f"zoo/models/{BASE}/"))
        page.evaluate("document.querySelectorAll('*').forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))")
        page.locator(".card-body a").last.click()
        page.locator(".card-body details summary").click()
        assert page.evaluate("window.pwned") is None
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
            ".filter(n => n.startsWith('on'))"
        )
        assert handlers == []
        body = page.locator(".card-body")
        assert body.locator("script, iframe, svg, [style], [data-md-component], .md-search, .md-button").count() == 0
        # What extensions make is kept: the admonition, the details, the heading's permalink.
        assert body.locator(".admonition.note, details.danger, h3 a.headerlink").count() == 3
        # The heading's text, hostile as it is, shows as text in the table of contents.
        assert page.locator("nav.md-nav--secondary img").count() == 0
        assert seen["dialogs"] == []
        page.close()
