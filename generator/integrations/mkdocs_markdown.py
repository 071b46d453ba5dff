"""Card bodies through an MkDocs site's own Markdown: Python-Markdown with the site's `markdown_extensions`.

Inside MkDocs a card body reads as every page of the site reads: admonitions, attribute lists, permalinks and the
site's own extensions work in it. Only Markdown extensions run, never other plugins' page hooks (a macro plugin
would run a card's text as a template), and extensions that read files or run code while building are left out:
card text is untrusted. What Python-Markdown writes then goes through the same nh3 policy as cmark-gfm's output
(markdown_html), classes aside. Outside MkDocs, bodies stay with cmark-gfm.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import markdown

from ..read.markdown_nesting import MAX_NESTING, nesting_depth
from ..render.markdown_html import LinkResolver, sanitize_with_classes

# Extensions that would let a card read the builder's files (snippets, includes) or run code (markdown-exec).
UNTRUSTED_OFF = frozenset(("pymdownx.snippets", "markdown_include.include", "mdx_include", "markdown_exec"))
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")


class SiteMarkdown:
    """A BodyRenderer (markdown_html) with the Markdown settings of an MkDocs site."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self.extensions = [name for name in extensions if not _is_off(name)]
        self.configs = {name: _safe_config(config) for name, config in configs.items() if not _is_off(name)}
        self._markdown: markdown.Markdown | None = None  # made on first use, in the process that draws

    def __call__(self, text: str, resolve: LinkResolver, remote_images: bool = False) -> str:
        if nesting_depth(text) > MAX_NESTING:
            return sanitize_with_classes(f"<pre>{escape(text)}</pre>", resolve, remote_images)
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        html = self._markdown.reset().convert(text)
        return sanitize_with_classes(_HEADING_TAG.sub(_demote, html), resolve, remote_images)


def _is_off(name: Any) -> bool:
    return isinstance(name, str) and (name in UNTRUSTED_OFF or name.split(".")[0] in UNTRUSTED_OFF)


def _safe_config(config: Any) -> Any:
    """An extension's settings without custom fences drawn by markdown-exec, which runs the code it is given."""
    if not isinstance(config, dict) or not isinstance(config.get("custom_fences"), list):
        return config
    fences = [fence for fence in config["custom_fences"] if not _runs_code(fence)]
    return {**config, "custom_fences": fences}


def _runs_code(fence: Any) -> bool:
    function = fence.get("format") if isinstance(fence, dict) else None
    return str(getattr(function, "__module__", "")).startswith(tuple(UNTRUSTED_OFF))


def _demote(match: re.Match[str]) -> str:
    # The page's title is its h1: a card's headings go one level down, as render_markdown puts them.
    return f"<{match.group(1)}h{min(int(match.group(2)) + 1, 6)}"
