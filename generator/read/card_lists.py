"""A card's structured lists: its metrics (figures with their context), files and commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from ..model.model_records import SPEED_KEYS, FileEntry, Metric, metric_key
from ..model.stubs import FIELD_NAMES
from .card_report import Reporter, described, is_number, wrong_type
from .hub_metadata import read_figure
from .side_files import describe
from .yaml_lines import LinePath, as_bool

# Table columns that are not metrics: a metric named like one would be shadowed.
COLUMN_KEYS = frozenset((*FIELD_NAMES, "display_name", "stub", "tag", "compressed_size"))


def metric_list(value: Any, report: Reporter) -> tuple[tuple[Metric, ...], tuple[str, ...]]:
    """`metrics:` as zoocat's figures (mappings), or as the Hub's metric ids (`metrics: [wer]`), or both."""
    if isinstance(value, str):
        return (), (value,)
    if not isinstance(value, list):
        return _metrics(value, report), ()
    ids = tuple(str(item) for item in value if isinstance(item, str))
    kept = [(index, item) for index, item in enumerate(value) if not isinstance(item, str)]
    if not ids:
        return _metrics(value, report), ()
    figures = tuple(m for index, item in kept if (m := _metric(item, ("metrics", index), report)) is not None)
    return figures, ids


def _metrics(value: Any, report: Reporter) -> tuple[Metric, ...]:
    metrics: tuple[Metric, ...] = _entries(value, "metrics", report, _metric)
    primaries = [
        index
        for index, item in enumerate(value or [])
        if isinstance(item, dict) and as_bool(item.get("primary")) is True
    ]
    if len(primaries) > 1:
        listed = ", ".join(f"metrics[{index}]" for index in primaries)
        message = f"{listed} are all marked primary; the first is the headline metric: keep 'primary: true' on one"
        report.add("warning", "card.metric-primary", message, ("metrics", primaries[1]))
    return metrics


def card_files(value: Any, framework: str, report: Reporter) -> tuple[FileEntry, ...]:
    # Described as the same file on disk would be: where the folder lacks it, the model lists the card's entry.
    return _entries(value, "files", report, partial(_file, framework=framework))


def _entries(value: Any, key: str, report: Reporter, build: Callable[..., Any]) -> tuple[Any, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        report.add("error", "card.type", wrong_type(key, "a list of mappings", value), (key,))
        return ()
    built = (build(item, (key, index), report) for index, item in enumerate(value))
    return tuple(item for item in built if item is not None)


def _metric(item: Any, at: LinePath, report: Reporter) -> Metric | None:
    where = f"metrics[{at[1]}]"
    if not isinstance(item, dict):
        message = f"{where} is {described(item)}: give a mapping with name, value and units"
        report.add("error", "card.metric", message, at)
        return None
    problems_before = len(report.problems)
    item, spread = _figure_from_text(item)
    name = _required_text(item, "name", where, at, report)
    units = _required_text(item, "units", where, at, report)
    value = item.get("value")
    if not is_number(value):
        report.add("error", "card.metric", f"{where}.value is {described(value)}: give a number", (*at, "value"))
    if "primary" in item and not isinstance(as_bool(item["primary"]), bool):
        message = f"{where}.primary is {described(item['primary'])}: give true or false"
        report.add("error", "card.metric", message, (*at, "primary"))
    for key in ("cores", "batch_size"):
        if item.get(key) is not None and (isinstance(item[key], bool) or not isinstance(item[key], int)):
            message = f"{where}.{key} is {described(item[key])}: give a whole number"
            report.add("error", "card.metric", message, (*at, key))
    if len(report.problems) > problems_before or name is None or units is None:
        return None
    _metric_warnings(item, name, where, at, report)
    return Metric(
        name=name,
        key=metric_key(name),
        value=float(value),  # checked above: a finite int or float (text read as one)
        units=units,
        dataset=_optional_text(item.get("dataset")),
        split=_optional_text(item.get("split")),
        primary=as_bool(item.get("primary")) is True,
        engine=_optional_text(item.get("engine")),
        device=_optional_text(item.get("device")),
        cores=item.get("cores"),
        batch_size=item.get("batch_size"),
        precision=_optional_text(item.get("precision")),
        scenario=_optional_text(item.get("scenario")),
        spread=spread,
    )


def _figure_from_text(item: dict[Any, Any]) -> tuple[dict[Any, Any], float | None]:
    """A value written as text, as Hugging Face results may write it ('70.1%', '20.0 ± 1.2'): its number, and '%' for
    units when the card gives none; with the spread it gives."""
    value = item.get("value")
    figure = read_figure(value) if isinstance(value, str) else None
    if figure is None:
        return item, None
    units = item.get("units") if item.get("units") is not None or not figure.percent else "%"
    return {**item, "value": figure.value, "units": units}, figure.spread


def _metric_warnings(item: dict[Any, Any], name: str, where: str, at: LinePath, report: Reporter) -> None:
    """A valid figure that cannot be compared (a speed without its context) or shown (a column's name)."""
    context = [item.get(key) for key in ("engine", "device", "cores", "batch_size")]
    if metric_key(name) in SPEED_KEYS and all(value is None for value in context):
        message = (
            f"{where}: a speed figure without its context cannot be compared with others; "
            "add engine, device, cores and batch_size"
        )
        report.add("warning", "card.metric-context", message, at)
    if metric_key(name) in COLUMN_KEYS:
        message = f"{where}: the name '{name}' is also a table column, so it gets no column; rename it"
        report.add("warning", "card.metric-name", message, (*at, "name"))


def _required_text(item: dict[str, Any], key: str, where: str, at: LinePath, report: Reporter) -> str | None:
    value = item.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "units":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        report.add("error", "card.metric", f"{where} needs a '{key}' (text)", (*at, key) if key in item else at)
        return None
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _file(item: Any, at: LinePath, report: Reporter, framework: str) -> FileEntry | None:
    where = f"files[{at[1]}]"
    path = item.get("path") if isinstance(item, dict) else None
    if not isinstance(path, str) or not path or path.startswith("/") or ".." in path.split("/"):
        report.add("error", "card.file", f"{where} needs a 'path' relative to the model folder", at)
        return None
    size, url = item.get("size"), item.get("url")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or not 0 <= size < 2**63):
        report.add("error", "card.file", f"{where}.size is {described(size)}: give a number of bytes", (*at, "size"))
        return None
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        report.add("error", "card.file", f"{where}.url is {described(url)}: give an http(s) URL", (*at, "url"))
        return None
    return FileEntry(path=path, size=size, kind=describe(path, framework), url=url)


def card_commands(value: Any, report: Reporter) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        report.add("error", "card.type", wrong_type("commands", "a mapping of groups", value), ("commands",))
        return ()
    groups: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for group, entries in value.items():
        if isinstance(entries, str):
            groups.append((str(group), ((str(group), entries),)))
        elif isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values()):
            groups.append((str(group), tuple((str(k), v) for k, v in entries.items())))
        else:
            message = f"commands.{group} must map command names to command lines"
            report.add("error", "card.type", message, ("commands", str(group)))
    return tuple(groups)
