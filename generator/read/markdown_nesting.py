"""How deep a card body nests: reading warns about a body too deep, rendering shows it as text."""

from __future__ import annotations

import re

# Deeper nesting is a sign of a broken or hostile card, not of writing: such a body is shown as text.
MAX_NESTING = 40


# A line counted deeper than MAX_NESTING starts with at least MAX_NESTING // 2 + 1 spaces, tabs or '>' (a tab
# counts two levels, two spaces one, a '>' one): most bodies have none, and need no counting.
_DEEP_LINE = re.compile(rf"^[ \t>]{{{MAX_NESTING // 2 + 1}}}", re.M)


def nesting_depth(text: str) -> int:
    """How deep lists, quotes and indented blocks nest, counted cheaply: exact when deeper than MAX_NESTING, and
    never more than MAX_NESTING otherwise."""
    deepest = 0
    # Only lines _DEEP_LINE finds can count deeper than MAX_NESTING: an indented code block of a card need not
    # send the whole body through the loop.
    for match in _DEEP_LINE.finditer(text):
        end = text.find("\n", match.start())
        line = text[match.start() : end if end >= 0 else len(text)]
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped) + line[: len(line) - len(stripped)].count("\t") * 3
        quotes = len(stripped) - len(stripped.lstrip("> "))
        deepest = max(deepest, indent // 2, quotes)
    return deepest
