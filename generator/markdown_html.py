"""Card Markdown to safe HTML: Python-Markdown renders, nh3 sanitizes, links are rewritten."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from html import escape as html_escape
from urllib.parse import quote, urlsplit

import markdown
import nh3
from pygments.token import STANDARD_TYPES

ID_PREFIX = "card-"
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "*": {"id"},
}
# Only the classes highlighting writes: a card may not borrow the classes the site's own script looks for.
_CLASSES = {"div": {"highlight"}, "span": {name for name in STANDARD_TYPES.values() if name}}
_SCHEMES = {"http", "https", "mailto"}

# Rewrites a URL relative to the card's folder into one relative to the rendered page.
LinkResolver = Callable[[str], str | None]


def make_converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "toc", "sane_lists"],
        extension_configs={
            "codehilite": {"guess_lang": False, "css_class": "highlight"},
            "toc": {"permalink": False, "baselevel": 2},
        },
        output_format="html",
    )


# Python-Markdown recurses once per nesting level: a body nested deeper than this is shown as text.
MAX_NESTING = 40


def nesting_depth(text: str) -> int:
    """A cheap upper bound of how deep lists, quotes and indented blocks nest."""
    deepest = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped) + line[: len(line) - len(stripped)].count("\t") * 3
        quotes = len(stripped) - len(stripped.lstrip("> "))
        deepest = max(deepest, indent // 2, quotes)
    return deepest


def render_markdown(text: str, converter: markdown.Markdown, resolve: LinkResolver) -> str:
    if nesting_depth(text) > MAX_NESTING:
        return f"<pre>{html_escape(text)}</pre>"
    converter.reset()
    try:
        html = converter.convert(text)
    except RecursionError:
        return f"<pre>{html_escape(text)}</pre>"
    cleaner = nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        url_relative=lambda url: _relative(url, resolve),
        id_prefix=ID_PREFIX,
        allowed_classes=_CLASSES,
        link_rel="noopener noreferrer",
        attribute_filter=_drop_remote_images,
    )
    return cleaner.clean(html)


def _drop_remote_images(tag: str, attribute: str, value: str) -> str | None:
    # A remote image is a request to another site each time a page is viewed: the site makes none.
    if tag == "img" and attribute == "src" and value.strip().lower().startswith(("http:", "https:", "//")):
        return None
    return value


def _relative(url: str, resolve: LinkResolver) -> str | None:
    if url.startswith("#"):
        return "#" + ID_PREFIX + url[1:] if url != "#" else url
    if url.startswith(("/", "\\")):
        return None  # site-absolute paths break under a sub-path; link to files beside the card instead
    return resolve(url)


def folder_resolver(
    card_dir: str, published: dict[str, str], model_dirs: frozenset[str], page_dir: str
) -> LinkResolver:
    """Map links in a card body to pages and files of the site.

    card_dir: the model folder, relative to the catalog root. published: file path relative to the
    catalog root -> site URI. model_dirs: every model folder. page_dir: the site folder of the page.
    """

    def resolve(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return url
        target = posixpath.normpath(posixpath.join(card_dir, parts.path)) if parts.path else card_dir
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target in published:
            uri = published[target]
            if uri.startswith(("https://", "http://")):
                return uri + fragment
            return _relative_uri(uri, page_dir) + fragment
        folder = target.removesuffix("/model.md")
        if folder in model_dirs:
            return _relative_uri(f"models/{folder}/index.html", page_dir) + fragment
        return url

    return resolve


def _relative_uri(target_uri: str, page_dir: str) -> str:
    return quote(posixpath.relpath(target_uri, page_dir or "."), safe="/#")
