"""Table pages' contexts: the rows of one static page of a table, each cell drawn once, and links to the others."""

from __future__ import annotations

import posixpath
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from ..model.catalog import Table
from ..model.model_records import Model
from ..model.table_cells import Cell
from ..model.table_columns import Column
from .views import count_label, embed_uri, relative, root_of, table_data_uri, table_uri

# A table cell shows at most this many characters of card text (the model page has it all): with stub fields,
# which the stub grammar keeps short, this bounds a row's HTML whatever a card says.
CELL_LIMIT = 120


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CellView(NamedTuple):
    """One cell's data, for a theme that draws cells its own way."""

    text: str
    value: Any
    note: str | None
    numeric: bool


class RowView:
    """One row: `cells_html` is the cells as zoocat draws them; `cells` their data, made only if a theme asks."""

    __slots__ = ("_cells", "_columns", "cells_html", "name", "stub", "uri")

    def __init__(self, model: Model, cells: tuple[Cell, ...], columns: tuple[Column, ...], drawn: CellHtml) -> None:
        """cells and columns: those after the name, which the row draws apart."""
        self.stub = model.stub.text
        self.uri = model.page_uri
        self.name = clip(model.display_name)
        self._columns = columns
        self._cells = cells
        self.cells_html = drawn.row(columns, cells)

    @property
    def cells(self) -> list[CellView]:
        return [
            CellView(clip(c.text), c.value, clip(c.note) if c.note else None, col.is_numeric)
            for col, c in zip(self._columns, self._cells, strict=True)
        ]


class CellHtml:
    """Table cells as HTML, each drawn once: many cells are alike ('--', a dataset, a framework). Cells are values,
    so equal cells share their HTML."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, str | float | None, str | None, bool], str] = {}

    def row(self, columns: tuple[Column, ...], cells: tuple[Cell, ...]) -> Markup:
        drawn = self._drawn
        parts = []
        for column, cell in zip(columns, cells, strict=True):
            # Keyed by the cell's parts, not the cell: a tuple hashes and compares in C, a dataclass in Python.
            key = (cell.text, cell.value, cell.note, column.is_numeric)
            html = drawn.get(key)
            if html is None:
                html = drawn[key] = _cell_html(cell, column.is_numeric)
            parts.append(html)
        return Markup("".join(parts))


def _cell_html(cell: Cell, numeric: bool) -> str:
    value = "" if cell.value is None else f' data-value="{escape(cell.value)}"'
    note = f'<span class="note">{escape(clip(cell.note))}</span>' if cell.note else ""
    kind = ' class="num"' if numeric else ""
    return f"<td{kind}{value}>{escape(clip(cell.text))}{note}</td>"


# Rows a table page shows as HTML, and a static page of rows (`page/2/` on) holds: the first screens of a table; its
# script draws the rest from the table's data file, and readers without script turn the static pages.
ROWS_PER_PAGE = 100


def page_count(rows: int) -> int:
    return max(1, -(-rows // ROWS_PER_PAGE))


def numbered_page_uri(first_uri: str, number: int) -> str:
    """The static page of rows `number` (1 is the table's own page)."""
    folder = posixpath.dirname(first_uri)
    return first_uri if number == 1 else f"{folder}/page/{number}/index.html"


def pager_view(first_uri: str, number: int, total: int, page_uri: str) -> dict[str, Any] | None:
    """Links to the other static pages of `total` rows: the first, the last, and the two on each side of this one."""
    count = page_count(total)
    if count == 1:
        return None
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    links: list[dict[str, Any]] = []
    for index, page in enumerate(shown):
        if index and page - shown[index - 1] > 1:
            links.append({"gap": True, "number": None, "uri": None, "current": False})
        uri = relative(numbered_page_uri(first_uri, page), page_uri)
        links.append({"gap": False, "number": page, "uri": uri, "current": page == number})
    previous = relative(numbered_page_uri(first_uri, number - 1), page_uri) if number > 1 else None
    following = relative(numbered_page_uri(first_uri, number + 1), page_uri) if number < count else None
    first = (number - 1) * ROWS_PER_PAGE + 1
    last = min(total, number * ROWS_PER_PAGE)
    return {
        "links": links,
        "previous": previous,
        "next": following,
        "number": number,
        "count": count,
        "range_label": f"{first:,}\u2013{last:,} of {total:,}",
    }


def table_view(
    table: Table, page_uri: str, drawn: CellHtml, number: int = 1, interactive: bool = True
) -> dict[str, Any]:
    """A table as a page of it draws it: the columns shown first, the rows of static page `number`, and (when
    interactive) where its script finds every row."""
    root = root_of(page_uri)
    first_uri = table_uri(table)
    columns = [column for column in table.columns[1:] if not table.shown or column.key in table.shown]
    positions = [index for index, column in enumerate(table.columns) if column in columns]
    shown = tuple(columns)
    start = (number - 1) * ROWS_PER_PAGE
    models = table.models[start : start + ROWS_PER_PAGE]
    return {
        "key": table.key,
        "title": table.title,
        "count": len(table.models),
        "count_label": count_label(len(table.models)),
        "speed_context": table.speed_contexts[0] if table.speed_contexts else None,
        "columns": [table.columns[0], *columns],
        "embed_uri": relative(embed_uri(table), page_uri),
        "full_uri": relative(first_uri, page_uri),
        "uri": relative(first_uri, page_uri),
        "data_uri": relative(table_data_uri(table), page_uri) if interactive else None,
        "rows": [RowView(model, _picked(table.make_cells(model), positions), shown, drawn) for model in models],
        "pager": pager_view(first_uri, number, len(table.models), page_uri),
        "root": root,
    }


def _picked(cells: tuple[Cell, ...], positions: list[int]) -> tuple[Cell, ...]:
    return tuple(cells[index] for index in positions)
