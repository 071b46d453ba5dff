"""The one-line directive that places zoocat's parts in a Markdown page: its grammar, and nothing of the catalog.

    <!-- zoocat: table cv/classification -->
    <!-- zoocat: table cv/classification?tag=pruned&sort=-top1_accuracy -->
    <!-- zoocat: model cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate -->

An HTML comment alone on a line: a page reads well where zoocat does not run (GitHub, an editor's preview), and no
common extension gives it a meaning (admonitions own `!!!`, mkdocstrings `:::`, snippets `--8<--`, attr_list
`{: }`, macro plugins `{{ }}`). The MkDocs plugin and the Python-Markdown extension read it alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

KINDS = ("table", "model")
SYNTAX = "`<!-- zoocat: table DOMAIN/SUB_DOMAIN[?VIEW] -->` or `<!-- zoocat: model STUB -->`"

# Up to three spaces before it, as Markdown allows for a block; four would make it code.
# `zoocat` as a word: `<!-- zoocat-docs: ... -->` and the like are other tools' comments.
_LINE = re.compile(r"^ {0,3}<!--[ \t]*zoocat(?![\w-])(?P<colon>[ \t]*:)?(?P<body>.*?)-->[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Directive:
    kind: str  # one of KINDS
    key: str  # a table's DOMAIN/SUB_DOMAIN, or a model's stub
    view: tuple[tuple[str, str], ...] = ()  # a table's view, as the pairs of its URL query
    query: str = ""  # the view as written, without its `?`


@dataclass(frozen=True)
class Found:
    """A directive line of a page: its index among the lines, and either the directive or what is wrong with it."""

    index: int
    text: str
    directive: Directive | None
    problem: str | None = None


def find_directives(lines: list[str]) -> Iterator[Found]:
    """Every directive line outside fenced code blocks (a page that shows the syntax keeps it as written)."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and _closes(opened.group("fence"), fence, line):
                fence = None
            continue
        if opened:
            fence = opened.group("fence")
            continue
        match = _LINE.match(line.rstrip("\r"))
        if match:
            yield _found(index, line.strip(), match)


def _closes(candidate: str, fence: str, line: str) -> bool:
    """A closing fence: the opening one's character, at least as many, and nothing else on the line."""
    return candidate[0] == fence[0] and len(candidate) >= len(fence) and not line.strip().lstrip(fence[0])


def _found(index: int, text: str, match: re.Match[str]) -> Found:
    if match.group("colon") is None:
        return Found(index, text, None, f"a directive starts `<!-- zoocat:` (with the colon); write {SYNTAX}")
    try:
        return Found(index, text, parse_directive(match.group("body")))
    except ValueError as error:
        return Found(index, text, None, str(error))


def parse_directive(body: str) -> Directive:
    """The text between `zoocat:` and `-->`; ValueError says what is wrong and what to write."""
    words = body.split()
    if not words:
        raise ValueError(f"the directive names nothing; write {SYNTAX}")
    kind, args = words[0], words[1:]
    if kind not in KINDS:
        raise ValueError(f"unknown directive '{kind}'; write {SYNTAX}")
    if len(args) != 1:
        what = "DOMAIN/SUB_DOMAIN[?VIEW]" if kind == "table" else "STUB"
        raise ValueError(f"`{kind}` takes one argument, {what}, with no spaces in it; got {len(args)}")
    key, mark, query = args[0].partition("?")
    if kind == "model":
        if mark:
            raise ValueError("`model` takes no view (nothing after `?`); write `<!-- zoocat: model STUB -->`")
        return Directive(kind, key.removeprefix("zoo:").strip("/"))
    try:
        view = tuple(parse_qsl(query, keep_blank_values=True, strict_parsing=True)) if query else ()
    except ValueError:
        raise ValueError(f"the view '?{query}' is not a URL query such as `?tag=pruned&sort=-top1_accuracy`") from None
    return Directive(kind, key.strip("/"), view, query)


def line_in_source(source_path: str | None, lines: list[str], index: int) -> int:
    """The line, in the page's file, of lines[index]: engines hand Markdown the page's text without its front
    matter (and the blank lines after it), so the file has some lines more before it."""
    try:
        source = Path(source_path).read_text(encoding="utf-8-sig") if source_path else ""
    except OSError:
        source = ""
    source, text = source.replace("\r\n", "\n").rstrip(), "\n".join(lines).replace("\r\n", "\n").rstrip()
    if not source.endswith(text):
        return index + 1
    return source[: len(source) - len(text)].count("\n") + index + 1
