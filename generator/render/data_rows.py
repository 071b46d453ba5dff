"""Data files written a row per model (models.json, models.csv, catalog.json), and rows lent by the last build.

Editing one card changes one row of each data file it is in, but a big tag's files hold thousands of rows, and
making a row (its cells, its JSON) costs more than copying it. So the build records where each model's row lies in
each big data file it writes, and the next build copies the rows of unchanged models from the file in the output
(after checking that the file is byte for byte the one recorded) and makes only the others.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

# Smaller files are made whole: their rows cost less than reading and checking the old file.
MIN_ROWS = 500

Span = tuple[int, int]  # start and end of a row, in bytes


@dataclass(frozen=True)
class RowFile:
    """Where each model's row lies in one data file, and what else its rows depend on (its layout).

    Kept as a tuple of stubs and an array of offsets, not a mapping: a build of 100,000 models writes about
    1.6 million rows in its big data files, and the main process keeps where each one lies."""

    layout: str  # the columns and speed context of a CSV file, the zoocat and settings for any
    stubs: tuple[str, ...]  # the model of each row, in order
    bounds: array[int]  # row i spans bounds[2i] to bounds[2i + 1], in bytes
    digest: str  # of the whole file, to check that the file in the output is this one

    def spans(self) -> dict[str, Span]:
        bounds = self.bounds
        return {stub: (bounds[2 * i], bounds[2 * i + 1]) for i, stub in enumerate(self.stubs)}

    def sharing(self, texts: dict[str, str]) -> RowFile:
        """The same, its stubs the very strings of `texts` (the catalog's): a row file comes back from a worker
        with strings of its own, one per row."""
        return replace(self, stubs=tuple(texts.get(stub, stub) for stub in self.stubs))


@dataclass(frozen=True)
class Lender:
    """The last build's row files, and the models whose rows would come out the same now."""

    output: str  # the output folder
    files: dict[str, RowFile]  # site path -> row file
    unchanged: frozenset[str]  # stubs

    def old_rows(self, uri: str, layout: str) -> tuple[bytes, dict[str, Span]] | None:
        """The file as the last build wrote it, with its rows; None when it cannot lend any."""
        known = self.files.get(uri)
        if known is None or known.layout != layout or not self.unchanged:
            return None
        try:
            with open(os.path.join(self.output, uri), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return (data, known.spans()) if file_digest(data) == known.digest else None


def join_rows(
    uri: str,
    layout: str,
    parts: tuple[bytes, bytes, bytes],
    stubs: Sequence[str],
    make: Callable[[int], bytes],
    lender: Lender | None,
) -> tuple[bytes, RowFile | None]:
    """head + the rows joined by sep + tail, each row lent or made; a RowFile for the next build when big enough.

    stubs: the model of each row, in order; make(number) makes row number.
    """
    head, sep, tail = parts
    big = len(stubs) >= MIN_ROWS
    old = lender.old_rows(uri, layout) if lender and big else None
    old_data, old_spans = old or (b"", {})
    unchanged = lender.unchanged if lender and old else frozenset()
    # One join of every piece: `head + sep.join(rows) + tail` held the rows and three joined copies of the file
    # for a moment, and catalog.json is 200 MB at 100,000 models.
    pieces, at = [head], len(head)
    bounds: list[int] = []
    for number, stub in enumerate(stubs):
        span = old_spans.get(stub) if stub in unchanged else None
        row = old_data[span[0] : span[1]] if span else make(number)
        if number:
            pieces.append(sep)
            at += len(sep)
        pieces.append(row)
        bounds += (at, at + len(row))
        at += len(row)
    pieces.append(tail)
    data = b"".join(pieces)
    del pieces
    if not big:
        return data, None
    return data, RowFile(layout, tuple(stubs), array("Q", bounds), file_digest(data))


def file_digest(data: bytes) -> str:
    # It tells a file changed by hand from the one written, not an attack from chance: SHA-1 runs on the CPU's
    # SHA instructions, faster than BLAKE2 here on files of tens of megabytes.
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
