"""A card body's title: the name a plain README gives its model, and the line a page need not show twice."""

from __future__ import annotations

import re

# A title: a Markdown heading of the first level, or an HTML one (READMEs center theirs with <h1 align="center">).
_TITLE = re.compile(r"#\s+(.+?)\s*#*\s*$|<h1(?:\s[^<>]*)?>(.*?)</h1\s*>", re.I)
# Hugging Face's card template titles a card "Model Card for MODEL_ID", and "Model ID" where it was not filled in;
# others write "Vicuna Model Card". The name is what is left.
_TEMPLATE_TITLE = re.compile(r"^model card for\s+|\s*[-:\u2013\u2014]?\s*\bmodel card$", re.I)
_FENCE = re.compile(r"(`{3,}|~{3,})")
_LOOKED_AT = 2000  # lines: a title comes near the top, and a body may be a megabyte


def heading_name(body: str, limit: int) -> str | None:
    """The text of the body's first title, outside code blocks, as the model's name. Lower headings name sections
    (Model Details, Usage, News), not the model."""
    found = first_title(body)
    return found[0][:limit] if found else None


def without_title(body: str, name: str) -> str:
    """The body without its first title when that says the page's name: the page shows it above the body."""
    found = first_title(body)
    if found is None or found[0] != name:
        return body
    _, start, end = found
    return body[:start] + body[end + 1 :]


def first_title(body: str) -> tuple[str, int, int] | None:
    """The first title's text (emphasis, links and tags taken out; none when it names nothing, as the template's
    "Model ID"), with where its line starts and ends in body."""
    fence, start = None, 0
    for line in body.split("\n", _LOOKED_AT)[:_LOOKED_AT]:
        end = start + len(line)
        stripped = line.strip()
        marker = _FENCE.match(stripped)
        if marker:
            fence = None if fence and stripped.startswith(fence) else (fence or marker[1])
        elif title := None if fence else _TITLE.match(stripped):
            text = _plain(title[1] or title[2])
            return (text, start, end) if text and text.lower() != "model id" else None
        start = end + 1
    return None


def _plain(heading: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    # Emphasis, code and tags; an underscore inside a word (resnet50.a1_in1k) is the name's own.
    text = re.sub(r"[*`]+|(?<!\w)_+|_+(?!\w)", "", re.sub(r"<[^>]*>", "", text)).strip()
    return _TEMPLATE_TITLE.sub("", text).strip()
