"""Emoji shortcodes (`:rocket:`, `:hugging_face:`) as GitHub and the Hugging Face Hub show them.

The table is data, `emoji_shortcodes.txt` beside this module; a shortcode it does not hold stays as text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("emoji_shortcodes.txt")
_CANDIDATE = re.compile(r":[a-z0-9_+-]+:")
# Over cmark's HTML: a code span or block (whose text cmark escapes, so it holds no '<') is kept whole, a tag is
# kept whole (an attribute's ':' is no shortcode), and what is left is text.
_TOKEN = re.compile(r"<code>[^<]*</code>|<[^<>]*>|:([a-z0-9_+-]+):")


@cache
def shortcodes() -> dict[str, str]:
    table = {}
    for line in TABLE_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, emoji = line.split(" ", 1)
            table[name] = emoji
    return table


def replace_shortcodes(html: str) -> str:
    """The known shortcodes of rendered HTML's text as emoji, not those in code, tags or attributes."""
    if _CANDIDATE.search(html) is None:  # most bodies: one scan, no tokens
        return html
    table = shortcodes()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return table.get(name, match.group(0)) if name is not None else match.group(0)

    return _TOKEN.sub(replace, html)
