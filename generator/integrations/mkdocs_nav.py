"""Where the catalog's pages sit in an MkDocs site's navigation, and what a theme needs to draw them as its own.

MkDocs links the pages of its navigation (parents, previous and next) and reads a page's table of contents from
the Markdown it renders. zoocat's pages are drawn by zoocat, and most of them (models, recipes, tags) are not in
the navigation: this module places the catalog's section, links its pages as MkDocs links its own, gives every
other page of the catalog a parent section (for a theme's active tab and breadcrumbs) and neighbours, and reads
a table of contents from a drawn page's headings.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from html import escape, unescape
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

PLACES = ("end", "start")


class NavPlaceError(ValueError):
    """The navigation has no section of the name the plugin's nav_parent gives."""


def place_section(nav: Navigation, section: Section, home_src_uri: str, parent_title: str | None, at: str) -> None:
    """Put the catalog's section into nav: in place of the user's own entry for the catalog's home page when
    their `nav:` lists it, else at the start or end of the section titled parent_title, or of the navigation."""
    if _replace_entry(nav.items, section, home_src_uri, None):
        return
    items: list[Any] = nav.items
    parent = None
    if parent_title is not None:
        parent = _find_section(nav.items, parent_title)
        if parent is None:
            titles = ", ".join(repr(s.title) for s in _sections(nav.items)) or "none"
            raise NavPlaceError(f"nav_parent '{parent_title}' names no section of the navigation; it has {titles}")
        items = parent.children
    section.parent = parent
    items.insert(0 if at == "start" else len(items), section)


def _replace_entry(items: list[Any], section: Section, home_src_uri: str, parent: Section | None) -> bool:
    for index, item in enumerate(items):
        if isinstance(item, Page) and item.file.src_uri == home_src_uri:
            items[index] = section
            section.parent = parent
            return True
        if isinstance(item, Section) and _replace_entry(item.children, section, home_src_uri, item):
            return True
    return False


def _sections(items: Iterable[Any]) -> Iterable[Section]:
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _find_section(items: Iterable[Any], title: str) -> Section | None:
    return next((section for section in _sections(items) if section.title == title), None)


def link_pages(nav: Navigation) -> None:
    """Parents, and previous/next across the whole navigation, as MkDocs sets them for its own pages."""

    def walk(items: Iterable[Any], parent: Section | None) -> list[Page]:
        pages = []
        for item in items:
            item.parent = parent
            pages += [item] if isinstance(item, Page) else walk(item.children or [], item) if item.is_section else []
        return pages

    nav.pages = walk(nav.items, None)
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before
    if nav.pages:
        nav.pages[0].previous_page = nav.pages[-1].next_page = None


def adopt(pages: dict[str, Page], listed: set[int]) -> None:
    """Give each of the pages (site path -> page) that is not listed in the navigation (by id) the parent section
    of the listed page whose folder holds it most closely: a model's page belongs where its table does, a tag's
    where the zoo's home page does."""
    sections = {posixpath.dirname(uri): page.parent for uri, page in pages.items() if id(page) in listed}
    for uri, page in pages.items():
        if id(page) in listed:
            continue
        folder = posixpath.dirname(uri)
        while folder and folder not in sections:
            folder = posixpath.dirname(folder)
        page.parent = sections.get(folder)


def chain(pages: Sequence[Page], before: Page | None) -> None:
    """Previous and next through pages in their order (a table's models), the first coming after `before`."""
    for previous, page in zip([before, *pages], pages, strict=False):
        page.previous_page = previous
        if previous is not None and previous is not before:
            previous.next_page = page


# A heading of a drawn page with its id: zoocat's own sections, and a card's headings, which nh3 gave an id.
_HEADING = re.compile(r'<h([23])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def toc_of(html: str) -> TableOfContents:
    """The table of contents of a drawn page, from its h2 and h3 headings (the h1 is the page's title)."""
    tokens: list[Any] = []
    for match in _HEADING.finditer(html):
        level, anchor, inner = int(match.group(1)), match.group(2), match.group(3)
        # Themes insert these unescaped: the text is escaped again, the id kept as the page escaped it.
        name = escape(" ".join(unescape(_TAG.sub("", _PERMALINK.sub("", inner))).split()))
        token: dict[str, Any] = {"level": level, "id": anchor, "name": name, "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return get_toc(tokens)
