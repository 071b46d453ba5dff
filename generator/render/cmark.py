"""GitHub Flavored Markdown to HTML by cmark-gfm's C library, freeing what the library allocates.

cmarkgfm's `github_flavored_markdown_to_html` frees neither the parsed document nor the HTML it returns
(theacodes/cmarkgfm#53): a build's workers grew by about 11 kB a card body, over 1 GB each at 100,000 models.
The library cmarkgfm ships exports cmark-gfm's whole C API, so this module calls it through ctypes with the same
extensions and options, and frees both. (ctypes, not cffi: cffi parses C declarations at every start of zoocat,
which bench/RESULTS.md measures.) Where those symbols cannot be found (another build of cmarkgfm, a platform
without a C library to open), it falls back to cmarkgfm's function: the same HTML, with the leak.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import cmarkgfm
from cmarkgfm import _cmark

# What github_flavored_markdown_to_html attaches: GitHub's own set.
EXTENSIONS = (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist")
GITHUB_PRE_LANG: int = _cmark.lib.CMARK_OPT_GITHUB_PRE_LANG

_POINTER, _INT, _TEXT, _SIZE = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t
# name: (what it returns, its arguments); pointers are kept as numbers, so that what cmark allocates can be freed.
_FUNCTIONS: dict[str, tuple[Any, tuple[Any, ...]]] = {
    "cmark_gfm_core_extensions_ensure_registered": (None, ()),
    "cmark_find_syntax_extension": (_POINTER, (_TEXT,)),
    "cmark_parser_new": (_POINTER, (_INT,)),
    "cmark_parser_attach_syntax_extension": (_INT, (_POINTER, _POINTER)),
    "cmark_parser_feed": (None, (_POINTER, _TEXT, _SIZE)),
    "cmark_parser_finish": (_POINTER, (_POINTER,)),
    "cmark_parser_get_syntax_extensions": (_POINTER, (_POINTER,)),
    "cmark_render_html": (_POINTER, (_POINTER, _INT, _POINTER)),
    "cmark_node_free": (None, (_POINTER,)),
    "cmark_parser_free": (None, (_POINTER,)),
}


def _declared(library: ctypes.CDLL, name: str, returns: Any, arguments: tuple[Any, ...]) -> Any:
    function = getattr(library, name)  # AttributeError when the library lacks it
    function.restype, function.argtypes = returns, arguments
    return function


class _Library:
    """cmark-gfm's functions from cmarkgfm's shared library, and the C library's free."""

    def __init__(self) -> None:
        library = ctypes.CDLL(_cmark.__file__)
        self.cmark = {name: _declared(library, name, *types) for name, types in _FUNCTIONS.items()}
        self.free = _declared(ctypes.CDLL(None), "free", None, (_POINTER,))
        self.cmark["cmark_gfm_core_extensions_ensure_registered"]()
        self.extensions = [self.cmark["cmark_find_syntax_extension"](name) for name in EXTENSIONS]
        if None in self.extensions:
            raise LookupError("cmark-gfm's GitHub extensions are not registered")

    def to_html(self, text: str, options: int) -> str:
        cmark, options = self.cmark, options | GITHUB_PRE_LANG
        parser = cmark["cmark_parser_new"](options)
        try:
            for extension in self.extensions:
                cmark["cmark_parser_attach_syntax_extension"](parser, extension)
            data = text.encode("utf-8")
            cmark["cmark_parser_feed"](parser, data, len(data))
            root = cmark["cmark_parser_finish"](parser)
            try:
                extensions = cmark["cmark_parser_get_syntax_extensions"](parser)
                html = cmark["cmark_render_html"](root, options, extensions)
            finally:
                cmark["cmark_node_free"](root)
        finally:
            cmark["cmark_parser_free"](parser)
        try:
            return ctypes.string_at(html).decode("utf-8")
        finally:
            self.free(html)


def _converter() -> tuple[Callable[[str, int], str], bool]:
    try:
        return _Library().to_html, True
    except (OSError, AttributeError, LookupError):
        return cmarkgfm.github_flavored_markdown_to_html, False


# FREES says which one is in use: the tests hold it to True where zoocat is developed and tested.
gfm_to_html, FREES = _converter()
