"""Just enough of a CSS reader to list a stylesheet's selectors, and to say whether one stays inside an element."""

from __future__ import annotations

import re

COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# At-rules whose blocks hold rules; the others (@font-face, @property, @keyframes) hold no selectors.
GROUPING = ("@media", "@supports", "@layer", "@container")
COMBINATOR = re.compile(r"\s*([>+~])\s*|\s+")


def selectors(css: str) -> list[str]:
    """Every complex selector of the stylesheet, as written, in order, including those inside @media blocks."""
    found: list[str] = []
    _read_block(COMMENT.sub("", css), found)
    return found


def _read_block(text: str, found: list[str]) -> None:
    start = 0
    while (opening := text.find("{", start)) >= 0:
        prelude = text[start:opening].rsplit(";", 1)[-1].strip()
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        if prelude.startswith(GROUPING):
            _read_block(text[opening + 1 : end - 1], found)
        elif not prelude.startswith("@"):
            found.extend(_split_list(prelude))
        start = end


def _split_list(prelude: str) -> list[str]:
    """A selector list split at its own commas, not those inside :is(...), :not(...) or [attr="..."]."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def _without_arguments(selector: str) -> str:
    """:is(a, b) and [attr="x y"] emptied, so that what is inside them is neither a compound nor a combinator."""
    previous = None
    while previous != selector:
        previous = selector
        selector = re.sub(r"\([^()]*\)", "()", selector)
    return re.sub(r"\[[^\]]*\]", "[]", selector)


def is_inside(selector: str, root_class: str) -> bool:
    """Whether the selector matches only the element of class root_class and what it contains: a compound with
    that class, followed by descendant and child combinators only (a sibling of it is outside)."""
    parts = COMBINATOR.split(_without_arguments(selector).strip())
    # split with a group gives compound, combinator (None for a space), compound, ...
    compounds, combinators = parts[0::2], parts[1::2]
    root = re.compile(rf"\.{re.escape(root_class)}(?![\w-])")
    for index, compound in enumerate(compounds):
        if root.search(compound):
            return all(combinator in (None, ">") for combinator in combinators[index:])
    return False
