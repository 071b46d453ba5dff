"""The stylesheets the MkDocs plugin loads style zoocat's own elements only, never the site's own content."""

from __future__ import annotations

import pytest
from conftest import REPO
from css_selectors import is_inside, selectors

from generator.integrations.mkdocs_plugin import MKDOCS_CSS

THEME = REPO / "themes/default"


@pytest.mark.parametrize("uri", MKDOCS_CSS)
def test_every_selector_the_plugin_loads_stays_inside_zoocat(uri: str) -> None:
    found = selectors((THEME / uri).read_text(encoding="utf-8"))
    assert len(found) > 10, "the stylesheet was read"
    assert [selector for selector in found if not is_inside(selector, "zoocat")] == []


def test_code_colours_are_left_to_the_mkdocs_theme() -> None:
    """Pygments' classes are the theme's inside MkDocs: Material colours them per palette, zoocat per OS scheme."""
    for uri in MKDOCS_CSS:
        css = (THEME / uri).read_text(encoding="utf-8")
        assert not [selector for selector in selectors(css) if ".highlight ." in selector], uri


def test_the_reader_finds_rules_in_media_blocks_and_keeps_lists_inside_functions() -> None:
    css = """/* a { color: red } */
    @media (max-width: 600px) { .a, .b :is(.c, .d) { x: 1; } @supports (display: grid) { .e > f { y: 2; } } }
    @property --size { syntax: "<length>"; inherits: true; initial-value: 0px; }
    .g[data-x="1 , 2"] { z: 3; }"""
    assert selectors(css) == [".a", ".b :is(.c, .d)", ".e > f", '.g[data-x="1 , 2"]']


@pytest.mark.parametrize(
    ("selector", "inside"),
    [
        (".zoocat .card", True),
        (".zoocat.zoocat-mkdocs :is(ul.cards, ul.tags) > li", True),
        ("html.zoocat-js .zoocat .copy-row:hover", True),
        (".zoocat > table th", True),
        (".card", False),
        (".zoocat-mkdocs .card", False),  # another class that starts with the same word
        (".zoocat + p", False),  # a sibling of zoocat's element is the site's
        (".zoocat ~ div .x", False),
        (":not(.zoocat) p", False),
        ("[class~=zoocat] .x", False),
    ],
)
def test_inside_means_the_zoocat_element_and_what_it_contains(selector: str, inside: bool) -> None:
    assert is_inside(selector, "zoocat") is inside
