"""A table's cells: each model's figures, fields and comparisons as a table row shows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .baselines import Delta
from .model_records import Metric, Model

if TYPE_CHECKING:
    from .table_columns import Column


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # what the reader sees; '--' when missing
    value: str | float | None  # raw value for sorting and data files
    note: str | None = None  # a second line: the context of a speed figure


# A figure a model does not have: many figure cells of a big zoo's tables, one shared
# cell. Only figure columns use it, so its HTML (always numeric) is the same wherever it is drawn.
MISSING = Cell("--", None)


DELTA_KEYS = ("recovery", "speedup", "size_ratio")


def delta_value(model: Model, key: str, deltas: dict[str, Delta], speed_context: str | None = None) -> float | None:
    delta = deltas.get(model.stub.text)
    if delta is None:
        return None
    if key == "size_ratio":
        return delta.size_ratio(model)
    if key == "speedup":
        # In a table, the speed-up of the context the table shows; alone, any measured one.
        return delta.speedups.get(speed_context) if speed_context else delta.speedup
    value: float | None = getattr(delta, key)
    return value


def _delta_cell(model: Model, key: str, deltas: dict[str, Delta], speed_context: str | None) -> Cell:
    value = delta_value(model, key, deltas, speed_context)
    if value is None:
        return MISSING
    delta = deltas[model.stub.text]
    if key == "recovery":
        assert delta.baseline_metric
        return Cell(f"{value:.2f}%", round(value, 4), f"of {format_metric(delta.baseline_metric)}")
    return Cell(f"{value:.2f}x", round(value, 4))


class Cells:
    """A table's cells, made as a page or data file asks for them (a table's data unit makes each row once for its
    three files). Cells are not kept: keeping them saved 6% of drawing the tables (bench/RESULTS.md)."""

    def __init__(self, deltas: dict[str, Delta]) -> None:
        self.deltas = deltas
        # A stub field's cell is its value: a catalog has few values (datasets, repos), shared by many rows.
        self.fields: dict[str | None, Cell] = {}

    def row(self, model: Model, columns: tuple[Column, ...], context: str | None) -> tuple[Cell, ...]:
        # One loop, no call per cell: a big zoo's tables ask for millions of cells.
        fields, deltas, stub = self.fields, self.deltas, model.stub
        cells = []
        for column in columns:
            kind = column.kind
            if kind == "field":
                value = getattr(stub, column.key)
                cell = fields.get(value)
                if cell is None:
                    cell = fields[value] = Cell(value if value is not None else "--", value)
                cells.append(cell)
            elif kind == "name":
                cells.append(Cell(model.display_name, model.display_name))
            else:
                cells.append(_cell(model, column, deltas, context))
        return tuple(cells)


# The note under a size the card states (a `files` entry) rather than one of a file in the model folder.
STATED = "stated"


def _cell(model: Model, column: Column, deltas: dict[str, Delta], speed_context: str | None) -> Cell:
    """A figure's cell (Cells.row makes names' and stub fields' cells itself)."""
    if column.kind == "delta":
        return _delta_cell(model, column.key, deltas, speed_context)
    if column.kind == "size":
        size = model.compressed_size
        note = STATED if model.is_compressed_size_stated else None
        return Cell(format_size(size) if size is not None else "--", size, note)
    if column.kind == "throughput":
        speed = throughput_in(model, speed_context)
        return Cell(format_metric(speed), speed.value) if speed else MISSING
    metric = column_metric(model, column)
    if metric is None:
        return MISSING
    return Cell(format_metric(metric), metric.value, metric.context or None)


def column_metric(model: Model, column: Column) -> Metric | None:
    """The model's figure in a metric column: its metric of that key on that dataset, the one marked primary first."""
    key, dataset = column.metric_key or column.key, column.dataset
    matches = [
        metric
        for metric in model.metrics
        if metric.key == key and not metric.is_speed and (dataset is None or metric_dataset(model, metric) == dataset)
    ]
    marked = [metric for metric in matches if metric.primary]
    candidates = marked or matches
    return candidates[0] if candidates else None


def format_number(value: float) -> str:
    """Two decimals, as figures are published; below 1 (fractions: 0.9027 accuracy, 0.0812 loss) four, so that two
    models that differ are not shown alike."""
    if abs(value) >= 1 or value == 0:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.2g}"


def format_metric(metric: Metric) -> str:
    number = format_number(metric.value)
    if metric.spread is not None:
        number = f"{number} ± {format_number(metric.spread)}"
    return f"{number}%" if metric.units == "%" else f"{number} {metric.units}".rstrip()


def format_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def metric_dataset(model: Model, metric: Metric) -> str:
    """The dataset a figure is for: the metric's own, else the model's (its stub's)."""
    return metric.dataset or model.stub.dataset


def throughput_in(model: Model, context: str | None) -> Metric | None:
    """The model's throughput measured in one context: figures from different contexts are never compared."""
    return next((metric for metric in model.throughputs if metric.comparison_context == context), None)
