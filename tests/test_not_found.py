"""404.html: the site's own page for a missing URL, whose links work at any depth and under a sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve
from conftest import CatalogWriter, card
from playwright.sync_api import Browser

from generator.build import BuildOptions, build

pytestmark = pytest.mark.browser

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
SUB_PATH = "one/two/zoo/"  # a site three folders deep, as a GitHub Pages project under a custom path
MISSING = "models/cv/classification/gone/index.html"


def _site(write_catalog: CatalogWriter, tmp_path: Path, config: str = "") -> Path:
    files = {f"{BASE}/model.md": card("display_name: ResNet-50\nmetrics:\n  - {name: top1, value: 76.1, units: '%'}")}
    root = write_catalog({**files, **({"catalog.yml": config} if config else {})})
    site = tmp_path / "www" / SUB_PATH
    assert build(BuildOptions(str(root), str(site))).written
    return site


def _open_missing(browser: Browser, site: Path, **context: object) -> tuple[str, dict[str, object]]:
    with serve(site.parent.parent.parent, not_found=site / "404.html") as origin:
        page = browser.new_page(**context)  # type: ignore[arg-type]
        response = page.goto(origin + SUB_PATH + MISSING)
        assert response is not None and response.status == 404
        if context.get("java_script_enabled", True):  # the page is hidden until its style sheet has loaded
            page.wait_for_function("getComputedStyle(document.documentElement).visibility === 'visible'")
            # The search script draws its box on its own time, after or before the style sheet: wait for it (a box
            # never drawn times out, and fails the test).
            page.wait_for_selector(".search-box:not([hidden])", state="attached", timeout=10_000)
        seen = page.evaluate(
            """() => ({
              home: document.querySelector('.home-link').href,
              brand: document.querySelector('.brand').href,
              nav: [...document.querySelectorAll('.nav-list a')].map(a => a.href),
              sheets: [...document.styleSheets].filter(s => s.cssRules.length).length,
              headerBackground: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
              search: !!document.querySelector('.search-box:not([hidden])'),
            })"""
        )
        page.close()
        return origin, seen


def test_404_finds_the_site_under_a_sub_path_at_any_depth(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    site = _site(write_catalog, tmp_path)
    origin, seen = _open_missing(browser, site)
    home = origin + SUB_PATH + "index.html"
    assert seen["home"] == home and seen["brand"] == home
    assert seen["nav"] == [origin + SUB_PATH + "models/cv/index.html"]
    assert seen["sheets"] == 2  # zoocat.css and zoocat-parts.css, from the site's folder
    assert seen["headerBackground"] != "rgba(0, 0, 0, 0)"  # styled like every other page
    assert seen["search"]  # the search script ran: the box replaces its no-script link


def test_404_links_start_at_base_url_when_set(browser: Browser, write_catalog: CatalogWriter, tmp_path: Path) -> None:
    site = _site(write_catalog, tmp_path, f"base_url: https://example.org/{SUB_PATH}\n")
    html = (site / "404.html").read_text()
    assert f'href="/{SUB_PATH}index.html"' in html and "<script>" not in html  # nothing to find
    origin, seen = _open_missing(browser, site)
    assert seen["home"] == origin + SUB_PATH + "index.html" and seen["search"]


def test_404_without_script_links_to_the_server_root(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    site = _site(write_catalog, tmp_path)
    origin, seen = _open_missing(browser, site, java_script_enabled=False)
    assert seen["home"] == origin + "index.html"  # the best a page with no script can know
