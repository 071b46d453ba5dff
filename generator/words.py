"""The words of a text as the search box matches them; zoocat-search.js must split text the same way."""

from __future__ import annotations

import html
import re

# Lower case, runs of letters and digits, at most 32 characters.
MAX_TOKEN = 32

_TOKEN = re.compile(r"[^\W_]+")
# What Markdown adds around the text: comments, tags, link and image targets, link definitions, bare URLs.
_MARKUP = re.compile(
    r"<!--.*?-->|<[^>\n]*>|\]\([^)\n]*\)|^[ \t]*\[[^\]\n]+\]:[^\n]*$|\bhttps?://\S+",
    re.DOTALL | re.MULTILINE,
)


def tokens(text: str) -> list[str]:
    return [token[:MAX_TOKEN] for token in _TOKEN.findall(text.lower())]


def markdown_text(markdown: str) -> str:
    """A card body as the words a reader sees: markup and URLs dropped, entities decoded."""
    return html.unescape(_MARKUP.sub(" ", markdown))


def distinct_words(*texts: str) -> str:
    """The distinct words of the texts, in order of first use, joined by spaces: compact enough to keep per model."""
    return " ".join(dict.fromkeys(tokens("\n".join(texts))))  # parts never join into one word across a newline
