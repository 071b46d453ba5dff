"""A table's rows as data, written once per table: the file its pages' script reads (rows.js: the table page, its
bare embeddable page, views of it in docs pages, and comparisons all read this one file), and the downloads made
from the same cells (models.json, models.csv).

rows.js is a script, not JSON, so that a page opened from disk (file://, where a page may not fetch files) still
loads it. It calls `zoocatRows(DATA)`; DATA is the table's columns and facets, then one array per model:
`[stub, name, tags, cells, speeds, speedups]`, the last two only when the table has throughput figures (one
figure per measuring context). A cell is `null` for a figure the model lacks ("--"), a string when its text is
its value (stub fields), else `[text, value]` or `[text, value, note]`. Every cell is there, hidden columns' too.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.baselines import Delta
from ..model.catalog import Table
from ..model.model_records import Model
from ..model.table_cells import MISSING, Cell, throughput_in
from ..model.table_columns import Column
from .data_records import csv_line, csv_value
from .table_views import clip

ROWS_CALL = "zoocatRows"


def rows_script_parts(table: Table) -> tuple[bytes, bytes, bytes]:
    """The head, separator and tail that the rows go between."""
    meta = json.dumps(_meta(table), ensure_ascii=False, separators=(",", ":"))
    return f'{ROWS_CALL}({meta[:-1]},"rows":[\n'.encode(), b",\n", b"]});\n"


def _meta(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "facets": [{"key": facet.key, "label": facet.label} for facet in table.facets],
        "columns": [_column_data(column, table) for column in table.columns],
        "speed": list(table.speed_contexts),
    }


def _column_data(column: Column, table: Table) -> dict[str, Any]:
    data: dict[str, Any] = {"key": column.key, "label": column.label, "numeric": column.is_numeric}
    if column.best_first:
        data["best"] = column.best_first  # the order of a first click on its header: best figures first
    if table.shown and column.key not in table.shown:
        data["hidden"] = True  # offered by the column chooser, not shown until chosen
    return data


def row_script(table: Table, model: Model, cells: tuple[Cell, ...], deltas: dict[str, Delta]) -> bytes:
    """A model's row of rows.js; cells: its row's cells (table.make_cells), the name's first."""
    data = [_cell(cell) for cell in cells[1:]]
    row: list[Any] = [model.stub.text, clip(model.display_name), list(model.card.tags), data]
    if table.speed_contexts:
        row.append([_speed(model, context) for context in table.speed_contexts])
        row.append([_speedup(model, context, deltas) for context in table.speed_contexts])
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode()


def _cell(cell: Cell) -> Any:
    if cell.value is None and cell.text == MISSING.text and not cell.note:
        return None
    if cell.note is None and isinstance(cell.value, str) and cell.value == cell.text:
        return clip(cell.text)
    data = [clip(cell.text), cell.value]
    return [*data, clip(cell.note)] if cell.note else data


def _speed(model: Model, context: str) -> float | None:
    metric = throughput_in(model, context)
    return metric.value if metric else None


def _speedup(model: Model, context: str, deltas: dict[str, Delta]) -> float | None:
    delta = deltas.get(model.stub.text)
    value = delta.speedups.get(context) if delta else None
    return round(value, 4) if value is not None else None


def record_json(table: Table, model: Model, cells: tuple[Cell, ...]) -> bytes:
    """A model's row of models.json: its stub and each column's value, as the table's JSON export writes them."""
    record: dict[str, Any] = {"stub": model.stub.text}
    record.update((column.key, cell.value) for column, cell in zip(table.columns, cells, strict=True))
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def csv_header(table: Table) -> bytes:
    return csv_line(["stub", *(column.key for column in table.columns)]).encode()


def csv_row(model: Model, cells: tuple[Cell, ...]) -> bytes:
    values = [model.stub.text, *(csv_value(cell.value) for cell in cells)]
    return csv_line(values).encode()
