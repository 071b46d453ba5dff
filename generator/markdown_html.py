"""Card Markdown to safe HTML: Python-Markdown renders, nh3 sanitizes, links are rewritten."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import quote, urlsplit

import markdown
import nh3

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
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "*": {"id"},
}
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


def render_markdown(text: str, converter: markdown.Markdown, resolve: LinkResolver) -> str:
    converter.reset()
    html = converter.convert(text)
    cleaner = nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        url_relative=lambda url: _relative(url, resolve),
        id_prefix=ID_PREFIX,
        link_rel="noopener noreferrer",
    )
    return cleaner.clean(html)


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
            return _relative_uri(published[target], page_dir) + fragment
        folder = target.removesuffix("/model.md")
        if folder in model_dirs:
            return _relative_uri(f"models/{folder}/index.html", page_dir) + fragment
        return url

    return resolve


def _relative_uri(target_uri: str, page_dir: str) -> str:
    return quote(posixpath.relpath(target_uri, page_dir or "."), safe="/#")
