"""Accuracy-versus-speed and accuracy-versus-size charts, drawn at build time as inline SVG data.

One point per model; the Pareto frontier (no other model is both better and faster, or better and smaller)
is drawn as a line. Speed figures come from one measuring context only: the table's default.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..model.catalog import Table
from ..model.model_records import Model
from ..model.table_cells import format_number, format_size, metric_dataset, throughput_in
from ..model.table_columns import label_on_dataset, metric_label
from ..read.catalog_config import CatalogConfig

WIDTH, HEIGHT = 640, 380
# Past this many points a scatter is a blot, and its points alone would weigh more than the rest of the page (each
# is a link with its label, about 350 bytes measured): a bigger chart draws the frontier only, the best trade-offs.
MAX_POINTS = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 56


@dataclass(frozen=True)
class Point:
    model: Model
    x: float
    y: float

    @property
    def stub(self) -> str:
        return self.model.stub.text


def table_charts(table: Table, config: CatalogConfig) -> list[dict[str, object]]:
    key = table.primary_key
    if key is None:
        return []
    charts = []
    label = _label(table, key, config)
    higher_y = not table.primary_figures()[0][1].is_lower_better
    # One speed chart per measuring context; the page shows the table's current one (the first by default).
    for index, context in enumerate(table.speed_contexts):
        speed = [Point(m, s.value, v) for m, v in _values(table, key) if (s := throughput_in(m, context))]
        if len(speed) >= 2:
            title = f"{label} against throughput ({context})"
            chart = _chart("speed", title, speed, label, "Throughput (items/sec)", True, higher_y)
            charts.append({**chart, "id": f"chart-speed-{index}", "context": index, "hidden": index != 0})
    sizes = [Point(m, float(m.compressed_size), v) for m, v in _values(table, key) if m.compressed_size]
    if len(sizes) >= 2:
        title = f"{label} against compressed size"
        chart = _chart("size", title, sizes, label, "Compressed size (MB)", False, higher_y)
        charts.append({**chart, "id": "chart-size", "context": None, "hidden": False})
    return charts


def _values(table: Table, key: str) -> list[tuple[Model, float]]:
    """The table's primary figures on its primary dataset: one axis never mixes datasets."""
    return [(model, metric.value) for model, metric in table.primary_figures()]


def _label(table: Table, key: str, config: CatalogConfig) -> str:
    model, metric = table.primary_figures()[0]
    dataset = config.name_for(metric_dataset(model, metric))
    return label_on_dataset(metric_label(config, metric), dataset, metric.units)


# The drawing's size and its plot area, the same for every chart.
FRAME = {
    "width": WIDTH,
    "height": HEIGHT,
    "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
}


def pareto(points: list[Point], higher_x_is_better: bool, higher_y_is_better: bool = True) -> list[Point]:
    """Points no other point beats on both axes, ordered by x."""
    sign = 1 if higher_x_is_better else -1
    y_sign = 1 if higher_y_is_better else -1  # a word error rate is best low
    ordered = sorted(points, key=lambda p: (-sign * p.x, -y_sign * p.y))
    frontier, best_y = [], -math.inf
    for point in ordered:
        if y_sign * point.y > best_y:
            frontier.append(point)
            best_y = y_sign * point.y
    return sorted(frontier, key=lambda p: p.x)


def _chart(
    kind: str,
    title: str,
    points: list[Point],
    y_label: str,
    x_label: str,
    higher_x_is_better: bool,
    higher_y_is_better: bool = True,
) -> dict[str, object]:
    scale = 1e6 if kind == "size" else 1.0  # sizes are drawn in MB
    frontier = pareto(points, higher_x_is_better, higher_y_is_better)
    on_frontier = {p.stub for p in frontier}
    describe = _describer(kind)
    drawn = sorted(points if len(points) <= MAX_POINTS else frontier, key=lambda p: p.stub)
    # The axes span the points drawn: a frontier alone, on the axes of thousands of models, sits in a corner.
    xs, ys = [p.x / scale for p in drawn], [p.y for p in drawn]
    x_ticks, y_ticks = _ticks(min(xs), max(xs)), _ticks(min(ys), max(ys))
    x_map = _axis(x_ticks[0], x_ticks[-1], LEFT, WIDTH - RIGHT)
    y_map = _axis(y_ticks[0], y_ticks[-1], HEIGHT - BOTTOM, TOP)
    if len(points) > MAX_POINTS:
        title += f": the best trade-offs of {len(points):,} models"
    return {
        "kind": kind,
        "title": title,
        "description": _description(points, frontier, describe),
        **FRAME,
        "x_label": x_label,
        "y_label": y_label,
        "x_ticks": [{"at": round(x_map(t), 1), "text": format_number(t)} for t in x_ticks],
        "y_ticks": [{"at": round(y_map(t), 1), "text": format_number(t)} for t in y_ticks],
        "points": [_point(p, x_map(p.x / scale), y_map(p.y), p.stub in on_frontier, describe) for p in drawn],
        "frontier_path": _frontier_path([(x_map(p.x / scale), y_map(p.y)) for p in frontier]),
    }


def _point(point: Point, x: float, y: float, frontier: bool, describe: Callable[[float], str]) -> dict[str, object]:
    return {
        "stub": point.stub,
        "uri": point.model.page_uri,
        "cx": round(x, 1),
        "cy": round(y, 1),
        "frontier": frontier,
        "label": f"{point.model.display_name}: {format_number(point.y)}, {describe(point.x)}",
    }


def _frontier_path(corners: list[tuple[float, float]]) -> str:
    """An SVG path through the frontier's points, in drawing coordinates."""
    return " ".join(f"{'M' if i == 0 else 'L'}{round(x, 1)},{round(y, 1)}" for i, (x, y) in enumerate(corners))


def _describer(kind: str) -> Callable[[float], str]:
    """How a point's x is written: a size, or a throughput."""
    return (lambda v: format_size(int(v))) if kind == "size" else (lambda v: f"{format_number(v)} items/sec")


def _description(points: list[Point], frontier: list[Point], describe: Callable[[float], str]) -> str:
    """The chart in words, for a screen reader: how many models, and the best trade-offs."""
    best = "; ".join(f"{p.model.display_name}: {format_number(p.y)} at {describe(p.x)}" for p in frontier)
    return f"{len(points)} models. Best trade-offs (the Pareto frontier): {best}."


def _axis(low: float, high: float, start: float, end: float) -> Callable[[float], float]:
    span = (high - low) or 1.0
    return lambda value: start + (value - low) / span * (end - start)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if low == high:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    # Up to the first tick at or past the highest value, so that every point lies inside the plot.
    count = max(1, math.ceil(round((high - start) / step, 9)))
    return [round(start + index * step, 10) for index in range(count + 1)]
