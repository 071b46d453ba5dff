"""The words of a text as the search box matches them; zoocat-search.js must split text the same way."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..model.model_records import Metric, ModelCard

# Lower case, runs of letters and digits, at most 32 characters.
MAX_TOKEN = 32

_TOKEN = re.compile(r"[^\W_]+")
# What Markdown adds around the text: tags, link and image targets, link definitions, bare URLs (comments are
# dropped before, by _without_comments). A card body may be hostile: no part may scan past the place where the next
# try would start, or a long run of '<' or '](' is scanned once per character. So a tag holds no '<', and a link
# target no '('.
_MARKUP = re.compile(
    r"<[^<>\n]*>|\]\([^()\n]*\)|^[ \t]*\[[^\]\n]+\]:[^\n]*$|\bhttps?://\S+",
    re.MULTILINE,
)


def tokens(text: str) -> list[str]:
    return [token[:MAX_TOKEN] for token in _TOKEN.findall(text.lower())]


def markdown_text(markdown: str) -> str:
    """A card body as the words a reader sees: markup and URLs dropped, entities decoded."""
    return html.unescape(_MARKUP.sub(" ", _without_comments(markdown)))


def _without_comments(text: str) -> str:
    """The text without its <!-- --> comments. Found with str.find: once one has no end, none after it has, so the
    text is read once (a regular expression would look for the end from every '<!--')."""
    kept = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        kept.append(text[start:opening])
        start = closing + 3
    kept.append(text[start:])
    return " ".join(kept)


def distinct_words(*texts: str) -> str:
    """The distinct words of the texts, in order of first use, joined by spaces: compact enough to keep per model."""
    return " ".join(dict.fromkeys(tokens("\n".join(texts))))  # parts never join into one word across a newline


def model_words(display_name: str, stub: str, card: ModelCard, metrics: Sequence[Metric]) -> str:
    """The words of what a model's card says, for the search index."""
    parts = [display_name, stub, card.description or "", *card.tags]
    parts += [text for metric in metrics for text in (metric.name, metric.key)]
    return distinct_words(*parts, markdown_text(card.body_markdown))
