"""Card Markdown to safe HTML: cmark-gfm renders, Pygments highlights, nh3 sanitizes, links are rewritten.

Cards are written for GitHub and Hugging Face, so their bodies are read as GitHub Flavored Markdown, by
GitHub's own C parser (cmark-gfm): lists without a blank line before them, autolinks and strikethrough work
as their authors saw them, and a body renders fast.
"""

from __future__ import annotations

import posixpath
import re
import threading
from collections.abc import Callable
from functools import cache, partial
from html import escape as html_escape
from html import unescape
from typing import Any
from urllib.parse import quote, urlsplit

import nh3
from cmarkgfm.cmark import Options
from pygments import highlight
from pygments.filter import Filter
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Text, Whitespace
from pygments.util import ClassNotFound

from ..read.markdown_nesting import MAX_NESTING, nesting_depth
from .cmark import gfm_to_html
from .emoji import replace_shortcodes

ID_PREFIX = "card-"
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "align"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "span": {"title"},
    # GitHub keeps `align` on these: cards center their logo and title with it.
    **{tag: {"align"} for tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6")},
    "*": {"id"},
}
# The values of `align` the theme's style sheet lays out; any other value is dropped.
_ALIGNMENTS = frozenset(("left", "center", "right", "justify", "top", "middle", "bottom"))
# Only the classes highlighting and zoocat write: a card may not borrow the classes the site's own script looks for.
_CLASSES = {
    "div": {"highlight"},
    "span": {"external-image", *(name for name in STANDARD_TYPES.values() if name)},
    "a": {"external-image"},
    "blockquote": {"alert", *(f"alert-{kind}" for kind in ("note", "tip", "important", "warning", "caution"))},
    "p": {"alert-title"},
}
_SCHEMES = {"http", "https", "mailto"}

# Rewrites a URL relative to the card's folder into one relative to the rendered page.
LinkResolver = Callable[[str], str | None]
# A card body's Markdown, and the resolver of its links, to safe HTML.
BodyRenderer = Callable[[str, LinkResolver, bool], str]  # body, links, whether remote images are shown


# Raw HTML is kept for nh3 to sanitize; a fence's language is kept for highlighting.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG
# These run over the HTML of a card body, in which raw HTML is kept: none may scan past the next place a try starts,
# or a long run of '<pre><code>', '<h1>' or '<' is scanned once per run. cmark writes a code block's '<' as '&lt;',
# so its code holds none; a heading's text holds tags, but no other heading's.
_CODE = re.compile(r'<pre(?: lang="([^"<]*)")?><code>([^<]*)</code></pre>')
# A Markdown heading (`<h2>`) or a raw HTML one, with its attributes (`<h1 align="center">`).
_HEADING = re.compile(r"<h([1-6])((?:\s[^<>]*)?)>((?:[^<]|<(?!/?h[1-6][\s/>]))*?)</h\1\s*>", re.I)
_HAS_ID = re.compile(r"(?:^|\s)id\s*=", re.I)
_TAG = re.compile(r"<[^<>]*>")
_NOT_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")


@cache
def _formatter() -> HtmlFormatter:  # type: ignore[type-arg]
    # Built once: making a formatter builds its whole style sheet.
    return HtmlFormatter(cssclass="highlight", wrapcode=True)


@cache
def _lexer(name: str) -> Lexer | None:
    try:
        lexer = get_lexer_by_name(name)
    except ClassNotFound:
        return None
    lexer.add_filter(_StandardTokens())
    return lexer


class _StandardTokens(Filter):
    """Tokens as the kinds a style colours. Runs of spaces become plain text: Pygments wraps each in a
    <span class="w">, which no style can make visible (a space has no ink). A finer kind than the standard ones
    (YAML's Literal.Scalar.Plain) becomes its standard ancestor, which the style sheets colour: one class ("l")
    instead of the whole line of descent ("l l-Scalar l-Scalar-Plain"). Together, a third of a highlighted
    recipe's markup (bench/RESULTS.md)."""

    def filter(self, lexer: Lexer | None, stream: Any) -> Any:
        for token, value in stream:
            if token in Whitespace:
                token = Text
            while token not in STANDARD_TYPES:
                token = token.parent
            yield token, value


def highlight_code(code: str, language: str = "") -> str:
    """Code as a highlighted block; a language Pygments does not know is shown plain, in the same frame."""
    lexer = _lexer(language.lower()) if language else None
    if lexer is None:
        return f'<div class="highlight"><pre><span></span><code>{html_escape(code, quote=False)}</code></pre></div>\n'
    return focusable(str(highlight(code, lexer, _formatter())))


# A block that may scroll sideways (code, a card's table) and the header cells a card left empty, as nh3 writes
# them: tags of its allowed attributes only, so a card's own text (escaped, '&lt;pre') never matches.
_SCROLLER = re.compile(r"<(pre|table)(?=[ >])")
_EMPTY_HEADER = re.compile(r'<th((?: [a-z]+="[^"<>]*")*)>\s*</th>')


def focusable(html: str) -> str:
    """Code blocks and tables that keyboard users can scroll: a region that scrolls must take focus. An empty
    header cell (a card's table with no corner label) becomes a data cell: a header must name something."""
    return _EMPTY_HEADER.sub(r"<td\1></td>", _SCROLLER.sub(r'<\1 tabindex="0"', html))


# GitHub's alerts: a quote whose first line is only [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION].
_ALERT = re.compile(r"<blockquote>\n<p>\[!(note|tip|important|warning|caution)\][ \t]*(\n|</p>\n)", re.I)


def _alert(match: re.Match[str]) -> str:
    kind = match.group(1).lower()
    title = f'<blockquote class="alert alert-{kind}">\n<p class="alert-title">{kind.capitalize()}</p>\n'
    return title + "<p>" if match.group(2) == "\n" else title


def _highlight_block(match: re.Match[str]) -> str:
    return highlight_code(unescape(match.group(2)), match.group(1) or "").removesuffix("\n")


class _Headings:
    """Demotes headings one level (the page's title is the h1) and gives each a unique id."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, match: re.Match[str]) -> str:
        level = min(int(match.group(1)) + 1, 6)
        attributes, text = match.group(2), match.group(3)
        if _HAS_ID.search(attributes):  # the author's own anchor, which their links name, is kept
            return f"<h{level}{attributes}>{text}</h{level}>"
        slug = _SPACES.sub("-", _NOT_WORD.sub("", unescape(_TAG.sub("", text))).strip().lower()) or "section"
        count = self.seen.get(slug, 0)
        self.seen[slug] = count + 1
        unique = f"{slug}-{count}" if count else slug
        return f'<h{level} id="{unique}"{attributes}>{text}</h{level}>'


def render_markdown(text: str, resolve: LinkResolver, remote_images: bool = False) -> str:
    """A card body as safe HTML; remote_images keeps images from other sites (catalog.yml's `remote_images`)."""
    if nesting_depth(text) > MAX_NESTING:
        return f'<pre tabindex="0">{html_escape(text)}</pre>'
    html = replace_shortcodes(gfm_to_html(text, _OPTIONS))
    if not remote_images:
        html = link_remote_images(html)
    html = _HEADING.sub(_Headings(), _CODE.sub(_highlight_block, _ALERT.sub(_alert, html)))
    # tabindex is added after nh3, which keeps no such attribute of the card's own.
    return focusable(_sanitizer(remote_images).clean(html, resolve))


class _Sanitizer:
    """One nh3 cleaner, told which page's links it is rewriting: making a cleaner per body is not free.

    with_classes: keep the classes a Markdown extension writes (an admonition's, a permalink's), as the MkDocs
    plugin's bodies need, but none of those the site's own script and MkDocs Material's look for."""

    def __init__(self, remote_images: bool, with_classes: bool = False) -> None:
        self.resolve: LinkResolver | None = None
        others = _known_alignment if remote_images else _local_attribute
        classes: dict[str, Any] = (
            {
                "attributes": {**_ATTRIBUTES, "*": {"id", "class"}},
                "attribute_filter": partial(_keep_own_classes, others),
            }
            if with_classes
            else {"attributes": _ATTRIBUTES, "allowed_classes": _CLASSES, "attribute_filter": others}
        )
        self.cleaner = nh3.Cleaner(
            tags=_TAGS,
            url_schemes=_SCHEMES,
            url_relative=self._relative,
            id_prefix=ID_PREFIX,
            link_rel="noopener noreferrer",
            **classes,
        )

    def _relative(self, url: str) -> str | None:
        assert self.resolve is not None  # set by clean, the only caller
        return _relative(url, self.resolve)

    def clean(self, html: str, resolve: LinkResolver) -> str:
        self.resolve = resolve
        try:
            # nh3 takes time growing with the square of the number of '&' in one text, and cmark writes each '&' of
            # the card as '&amp;': they go through as a character HTML gives no meaning to, and come back after.
            # The card's own such characters, which mean nothing, are dropped first.
            cleaned = self.cleaner.clean(html.replace(_AMPERSAND, "").replace("&amp;", _AMPERSAND))
            return cleaned.replace(_AMPERSAND, "&amp;")
        finally:
            self.resolve = None


# A Unicode noncharacter, which no text means to hold, and nh3 keeps as it is.
_AMPERSAND = "\ufdd0"
_THREAD = threading.local()
AttributeFilter = Callable[[str, str, str], "str | None"]


def _sanitizer(remote_images: bool, with_classes: bool = False) -> _Sanitizer:
    # One per thread: the resolver it holds is the page its thread is drawing (zoocat serve draws in a thread).
    name = f"sanitizer_{remote_images}_{with_classes}"
    sanitizer: _Sanitizer | None = getattr(_THREAD, name, None)
    if sanitizer is None:
        sanitizer = _Sanitizer(remote_images, with_classes)
        setattr(_THREAD, name, sanitizer)
    return sanitizer


def sanitize_with_classes(html: str, resolve: LinkResolver, remote_images: bool = False) -> str:
    """HTML that a Markdown other than cmark made of a card body, through the same policy as render_markdown's,
    classes aside (see _Sanitizer), and made keyboard-scrollable as its output is."""
    if not remote_images:
        html = link_remote_images(html)
    return focusable(_sanitizer(remote_images, with_classes=True).clean(html, resolve))


# Classes the site's script looks elements up by or toggles, and the prefixes of zoocat's and MkDocs Material's
# own: a card that took one could stand in for a part of the page.
_RESERVED_CLASSES = frozenset(("models", "chart", "sort-mark", "speed-context-name", "copy", "copy-row", "embed",
                               "pick", "dim", "empty"))  # fmt: skip
_RESERVED_PREFIXES = ("zoocat", "md-")


def _keep_own_classes(others: AttributeFilter, tag: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return others(tag, attribute, value)
    kept = [name for name in value.split() if name not in _RESERVED_CLASSES and not name.startswith(_RESERVED_PREFIXES)]
    return " ".join(kept) or None


def _local_attribute(tag: str, attribute: str, value: str) -> str | None:
    # A remote image is a request to another site each time a page is viewed: the site makes none. (Those
    # link_remote_images found became links already; this catches any its pattern could not read.)
    if tag == "img" and attribute == "src" and _is_remote(value):
        return None
    return _known_alignment(tag, attribute, value)


def _known_alignment(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "align" and tag not in ("td", "th"):
        value = value.strip().lower()
        return value if value in _ALIGNMENTS else None
    return value


def _is_remote(url: str) -> bool:
    return url.strip().lower().startswith(("http:", "https:", "//"))


# Raw HTML may write a tag in any case, and attributes quoted or not; cmark writes its own with double quotes.
# A quoted value may hold '>' (cmark's tag filter writes '<script>' in one as '&lt;script>') but no '<', so that no
# try scans past the next tag; a tag it cannot read is left to the sanitizer, which drops a remote image's src.
_IMAGE_OR_LINK = re.compile(r"""<(img|a)\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>|</a\s*>""", re.I)
_IMAGE_START = re.compile(r"<img\b", re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def link_remote_images(html: str) -> str:
    """Each image from another site becomes a visible link to it, its alt text marked as an external image
    (inside a link already, just the marked text: a link may not hold another)."""
    if _IMAGE_START.search(html) is None:
        return html
    depth = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal depth
        tag = (match.group(1) or "").lower()
        if tag != "img":
            depth = depth + 1 if tag == "a" else max(depth - 1, 0)
            return match.group(0)
        attributes = _attributes(match.group(2))
        src = attributes.get("src", "")
        if not _is_remote(src):
            return match.group(0)
        alt = html_escape(attributes.get("alt", "").strip() or "image", quote=False)
        url = "https:" + src.strip() if src.strip().startswith("//") else src.strip()
        title = "External image, not loaded: open it on its site"
        if depth:
            return f'<span class="external-image" title="{title}">{alt}</span>'
        return f'<a class="external-image" href="{html_escape(url)}" title="{title}">{alt}</a>'

    return _IMAGE_OR_LINK.sub(replace, html)


def _attributes(text: str) -> dict[str, str]:
    """An HTML tag's attributes by lower-case name, values unescaped; the first of a repeated name wins."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3) or match.group(4) or ""
        found.setdefault(match.group(1).lower(), unescape(value))
    return found


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
