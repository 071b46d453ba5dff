"""How deep a card body nests: reading warns about a body too deep, rendering shows it as text."""

from __future__ import annotations

import re

# Deeper nesting is a sign of a broken or hostile card, not of writing: such a body is shown as text.
MAX_NESTING = 40

# A line counted deeper than MAX_NESTING starts with at least MAX_NESTING // 2 + 1 characters of indentation and
# container markers (a tab counts two levels, two spaces one, a '>' or a list marker one): most bodies have none,
# and need no counting.
_DEEP_LINE = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING // 2 + 1}}}", re.M)
# What opens a container on a line: a quote's '>', or a list item's marker followed by a space.
_OPENER = re.compile(r"(?:>|[-*+][ \t]|[0-9]{1,9}[.)][ \t])[ \t]*")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def nesting_depth(text: str) -> int:
    """How deep lists and quotes nest, counted cheaply: exact when deeper than MAX_NESTING, and never more than
    MAX_NESTING otherwise."""
    return _nesting(text)[0]


def first_too_deep(text: str) -> int:
    """The 1-based line where the body first nests deeper than MAX_NESTING; 0 when none does."""
    return _nesting(text)[1]


def _nesting(text: str) -> tuple[int, int]:
    if _DEEP_LINE.search(text) is None:
        return 0, 0
    deepest, first, fence = 0, 0, ""
    for number, line in enumerate(text.split("\n"), start=1):
        fence = _fence_after(line, fence)
        if fence or line.strip() == "":  # code and blank lines open nothing, however far they are indented
            continue
        depth = _line_depth(line)
        deepest = max(deepest, depth)
        first = first or (number if depth > MAX_NESTING else 0)
    return deepest, first


def _fence_after(line: str, fence: str) -> str:
    """The fence a code block is open with after this line ('' outside code)."""
    match = _FENCE.match(line)
    if match is None:
        return fence
    if not fence:
        return match.group(1)
    closes = match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line[match.end() :].strip()
    return "" if closes else fence


def _line_depth(line: str) -> int:
    """Levels a line opens: its indentation (two spaces or a tab's half a level each) and the quotes and list
    items it starts, counting the first as the level its indentation is at. A line that opens no container
    (text, indented code) nests nothing."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    openers, position = 0, 0
    while match := _OPENER.match(stripped, position):
        openers, position = openers + 1, match.end()
    if not openers:
        return 0
    return (len(indent) + indent.count("\t") * 3) // 2 + openers - 1
