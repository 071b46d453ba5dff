"""GitHub Flavored Markdown to HTML by cmark-gfm's C library, freeing what the library allocates.

cmarkgfm's `github_flavored_markdown_to_html` frees neither the parsed document nor the HTML it returns
(theacodes/cmarkgfm#53): a build's workers grew by about 11 kB a card body, over 1 GB each at 100,000 models.
The library cmarkgfm ships exports cmark-gfm's whole C API, so this module calls it through cffi with the same
extensions and options, and frees both. Where those symbols cannot be found (another build of cmarkgfm, a
platform without a C library to open), it falls back to cmarkgfm's function: the same HTML, with the leak.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cffi
import cmarkgfm
from cmarkgfm import _cmark

# What github_flavored_markdown_to_html attaches: GitHub's own set.
EXTENSIONS = (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist")
GITHUB_PRE_LANG: int = _cmark.lib.CMARK_OPT_GITHUB_PRE_LANG

_DECLARATIONS = """
void cmark_gfm_core_extensions_ensure_registered(void);
void *cmark_find_syntax_extension(const char *name);
void *cmark_parser_new(int options);
int cmark_parser_attach_syntax_extension(void *parser, void *extension);
void cmark_parser_feed(void *parser, const char *buffer, size_t len);
void *cmark_parser_finish(void *parser);
void *cmark_parser_get_syntax_extensions(void *parser);
char *cmark_render_html(void *root, int options, void *extensions);
void cmark_node_free(void *node);
void cmark_parser_free(void *parser);
void free(void *pointer);
"""


class _Library:
    """cmark-gfm's functions from cmarkgfm's shared library, and the C library's free."""

    def __init__(self) -> None:
        self.ffi = cffi.FFI()
        self.ffi.cdef(_DECLARATIONS)
        self.cmark: Any = self.ffi.dlopen(_cmark.__file__)
        self.libc: Any = self.ffi.dlopen(None)
        self.cmark.cmark_gfm_core_extensions_ensure_registered()
        self.extensions = [self.cmark.cmark_find_syntax_extension(name) for name in EXTENSIONS]
        if any(extension == self.ffi.NULL for extension in self.extensions):
            raise LookupError("cmark-gfm's GitHub extensions are not registered")
        self.libc.free  # noqa: B018  (looked up now, so that a missing symbol falls back here)

    def to_html(self, text: str, options: int) -> str:
        cmark, options = self.cmark, options | GITHUB_PRE_LANG
        parser = cmark.cmark_parser_new(options)
        try:
            for extension in self.extensions:
                cmark.cmark_parser_attach_syntax_extension(parser, extension)
            data = text.encode("utf-8")
            cmark.cmark_parser_feed(parser, data, len(data))
            root = cmark.cmark_parser_finish(parser)
            try:
                html = cmark.cmark_render_html(root, options, cmark.cmark_parser_get_syntax_extensions(parser))
            finally:
                cmark.cmark_node_free(root)
        finally:
            cmark.cmark_parser_free(parser)
        try:
            return str(self.ffi.string(html).decode("utf-8"))
        finally:
            self.libc.free(html)


def _converter() -> tuple[Callable[[str, int], str], bool]:
    try:
        return _Library().to_html, True
    except (OSError, AttributeError, LookupError):
        return cmarkgfm.github_flavored_markdown_to_html, False


# FREES says which one is in use: the tests hold it to True where zoocat is developed and tested.
gfm_to_html, FREES = _converter()
