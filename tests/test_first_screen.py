"""Every page kind but the tables, as a visitor first sees it: at desktop and phone size, light and dark, nothing
wider than the window, no accessibility violation axe knows, and the figures on the first screen where the page
has any. (The table pages have tests of their own, in test_tables.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import REPO
from playwright.sync_api import Browser, Page

from generator.build import BuildOptions, build

pytestmark = pytest.mark.browser

SUB_PATH = "zoo/"
SIZES = [(1280, 900), (360, 740)]
SCHEMES = ["light", "dark"]


@dataclass(frozen=True)
class Kind:
    name: str
    figure: str | None  # a selector of the figure that must be on the first screen, None for a page without


KINDS = [
    Kind("home", ".card-best .figure"),
    Kind("domain", "table.leaders td.num"),
    Kind("model", ".headline-figure .figure"),
    Kind("recipe", None),
    Kind("404", None),
    Kind("search-open", None),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example zoo, built into www/zoo/ to be served under a sub-path as GitHub Pages serves a project."""
    www = tmp_path_factory.mktemp("www")
    assert build(BuildOptions(str(REPO / "catalog"), str(www / SUB_PATH))).written
    return www / SUB_PATH


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site.parent, not_found=site / "404.html") as url:
        yield url + SUB_PATH


def _model_page(site: Path) -> str:
    """A model page with all the parts that were wrong: metrics, code blocks and a table in its card, files."""
    for path in sorted(site.glob("models/*/*/*/*/*/*/*/index.html")):
        html = path.read_text()
        if all(part in html for part in ('class="metric-table"', "<pre", '<table tabindex="0">', 'class="files"')):
            return path.relative_to(site).as_posix()
    raise AssertionError("no model page of the example zoo has metrics, code, a table and files")


def page_path(site: Path, kind: str) -> str:
    if kind == "model":
        return _model_page(site)
    if kind == "recipe":
        return sorted(path.relative_to(site).as_posix() for path in site.glob("models/**/recipes/*/index.html"))[0]
    if kind == "domain":
        return sorted(path.relative_to(site).as_posix() for path in site.glob("models/*/index.html"))[0]
    if kind == "404":
        return "models/cv/no-such-table/gone/index.html"  # three folders deep, below the site's own sub-path
    return "index.html"


def open_page(browser: Browser, origin: str, site: Path, kind: str, size: tuple[int, int], scheme: str) -> Page:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(origin + page_path(site, kind))
    page.wait_for_function("getComputedStyle(document.documentElement).visibility === 'visible'")  # 404's script
    page.wait_for_function("document.querySelector('.search-box') && !document.querySelector('.search-box').hidden")
    if kind == "search-open":
        page.click("#zoocat-search")
        page.keyboard.type("resnet")
        page.wait_for_function("document.querySelectorAll('#zoocat-search-results [role=option]').length > 0")
        page.keyboard.press("ArrowDown")
    return page


def on_first_screen(page: Page, selector: str) -> bool:
    """Whether the first element matching selector is drawn inside the window, not scrolled away nor covered."""
    return bool(
        page.evaluate(
            """(selector) => {
              const element = document.querySelector(selector);
              if (!element) return false;
              const box = element.getBoundingClientRect();
              if (box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) return false;
              const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return element === seen || element.contains(seen);
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_page_fits_passes_axe_and_shows_its_figures(
    browser: Browser, origin: str, site: Path, kind: Kind, size: tuple[int, int], scheme: str
) -> None:
    page = open_page(browser, origin, site, kind.name, size, scheme)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page is wider than the window"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    if kind.figure:
        assert on_first_screen(page, kind.figure), f"no figure ({kind.figure}) on the first screen"
    page.close()


def test_model_page_code_and_card_tables_take_focus_and_file_names_stay_whole(
    browser: Browser, origin: str, site: Path
) -> None:
    page = open_page(browser, origin, site, "model", (360, 740), "light")
    assert on_first_screen(page, "#metrics-h")  # the metrics table starts on a phone's first screen too
    unfocusable = page.eval_on_selector_all(
        ".card-body pre, .card-body table, .commands pre", "els => els.filter(e => e.tabIndex !== 0).length"
    )
    assert unfocusable == 0
    # A file's name is never cut across lines (the card's own model.md was cut as 'model.m' / 'd').
    lines = page.eval_on_selector_all(
        "table.files td:first-child a", "els => els.map(e => [e.textContent, e.getClientRects().length])"
    )
    assert any(name == "model.md" for name, _ in lines)
    assert [name for name, count in lines if "/" not in name and count != 1] == []
    page.close()


def test_home_page_says_a_shared_date_once(browser: Browser, origin: str, site: Path) -> None:
    html = (site / "index.html").read_text()
    days = re.findall(r'<time datetime="([^"]+)"', html.split('id="newest-h"', 1)[1].split("</section>", 1)[0])
    assert len(days) == len(set(days)), "a date is shown more than once in the newest additions"
