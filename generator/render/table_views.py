"""Table pages' contexts: each row's cells drawn once, and the data the table's script reads."""

from __future__ import annotations

from typing import Any, NamedTuple

from markupsafe import Markup, escape

from ..model.baselines import Delta
from ..model.catalog import Table
from ..model.model_records import Model
from ..model.table_cells import Cell, throughput_in
from ..model.table_columns import Column
from .views import count_label, embed_uri, json_for_script, relative, root_of, table_uri


def table_data(table: Table, deltas: dict[str, Delta]) -> dict[str, Any]:
    """What the table script needs beyond the cells: facets, columns and the tags of each row."""
    return {
        "key": table.key,
        "facets": [{"key": facet.key, "label": facet.label} for facet in table.facets],
        "columns": [_column_data(column, table) for column in table.columns],
        "rows": [{"t": list(model.card.tags)} for model in table.models],
        "speed": {
            "contexts": list(table.speed_contexts),
            "values": [[_speed(model, c) for c in table.speed_contexts] for model in table.models],
            "speedups": [[_speedup(model, c, deltas) for c in table.speed_contexts] for model in table.models],
        },
    }


def _column_data(column: Column, table: Table) -> dict[str, Any]:
    data: dict[str, Any] = {"key": column.key, "label": column.label, "numeric": column.is_numeric}
    if column.best_first:
        data["best"] = column.best_first  # the order of a first click on its header: best figures first
    if column.key not in table.shown:
        data["hidden"] = True  # offered by the column chooser, not shown until chosen
    return data


def _speedup(model: Model, context: str, deltas: dict[str, Delta]) -> float | None:
    delta = deltas.get(model.stub.text)
    value = delta.speedups.get(context) if delta else None
    return round(value, 4) if value is not None else None


def _speed(model: Model, context: str) -> float | None:
    metric = throughput_in(model, context)
    return metric.value if metric else None


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
    """Table cells as HTML, each drawn once: a model's cells repeat in the table of each of its tags, and many
    cells are alike ('--'). Cells are values, so equal cells share their HTML."""

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


def table_view(table: Table, page_uri: str, deltas: dict[str, Delta], drawn: CellHtml) -> dict[str, Any]:
    root = root_of(page_uri)
    columns = table.columns[1:]
    return {
        "data_json": json_for_script(table_data(table, deltas)),
        "key": table.key,
        "title": table.title,
        "count": len(table.models),
        "count_label": count_label(len(table.models)),
        "speed_context": table.speed_contexts[0] if table.speed_contexts else None,
        "columns": table.columns,
        "embed_uri": relative(embed_uri(table), page_uri),
        "full_uri": relative(table_uri(table), page_uri),
        "uri": relative(table_uri(table), page_uri),
        # Made each time the table is drawn, in the worker that draws it, and let go with the drawing: a big zoo's
        # tables hold several rows per model, and a rebuild draws few of them.
        "rows": [RowView(model, table.make_cells(model)[1:], columns, drawn) for model in table.models],
        "root": root,
    }
