"""Read a model folder's `eval.yaml` or `metrics.yaml` side file into metrics, where its shape allows.

Three shapes are understood:
- SparseZoo's evaluation result: `formatted:` a list of evaluations, each with a `dataset` (name, type, config,
  split) and `metrics` (name, value); `raw:` (the evaluation tool's own output) is not read;
- a list of metrics as a card writes them (`name`, `value`, optional `units`, `dataset`, `split`), bare or under
  `metrics:`;
- a flat mapping of names to numbers, as a training script dumps it (`top1: 71.2`).
Anything else is a warning naming the file, never a crash.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ..model.model_records import Metric, metric_key
from ..model.problems import Problem
from .benchmark_files import number
from .hub_metadata import as_percent, read_figure
from .yaml_lines import YamlError, load_yaml

EVAL_FILES = ("eval.yaml", "metrics.yaml")
_SHAPES = "'formatted:' evaluations, a list of metrics with name and value, or names mapped to numbers"


def read_evaluations(data: bytes, path: str) -> tuple[tuple[Metric, ...], list[Problem]]:
    source = posixpath.basename(path)
    try:
        loaded = load_yaml(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return (), [Problem(path, None, "warning", "eval.encoding", "not UTF-8 text; save it as UTF-8")]
    except YamlError as error:
        message = f"not valid YAML ({error.message}); its figures are left out"
        return (), [Problem(path, error.line, "warning", "eval.yaml-syntax", message)]
    shape = _shape(loaded.data)
    if shape is None:
        message = f"expected {_SHAPES}; its figures are left out"
        return (), [Problem(path, None, "warning", "eval.shape", message)]
    metrics: list[Metric] = []
    problems: list[Problem] = []
    for at, figures, unread in shape:
        metrics += [Metric(source=source, **figure) for figure in figures]
        if not figures or unread:
            problems.append(_unread(path, at, unread if figures else [], loaded.lines))
    return tuple(metrics), problems


def _unread(path: str, at: tuple[Any, ...], unread: list[int], lines: dict[Any, int]) -> Problem:
    """A part of the file that gives no figure (unread empty), or some of an evaluation's metrics that do not."""
    where = ".".join(str(part) for part in at) or "the file"
    if not unread:
        message = f"{where} has no figure zoocat can read (a name and a numeric value); it is left out"
        return Problem(path, lines.get(at), "warning", "eval.result", message)
    entries = f"{len(unread)} {'entry' if len(unread) == 1 else 'entries'}"
    message = f"{where} has {entries} without a name and a numeric value (the first here); left out, the rest kept"
    return Problem(path, lines.get((*at, "metrics", unread[0])) or lines.get(at), "warning", "eval.result", message)


# Each item: where in the file it is (for its line), the figures read from it (empty: none could be), and the
# indexes of its metrics that could not be read (an evaluation's; the other shapes list one figure an item).
_Shape = list[tuple[tuple[Any, ...], list[dict[str, Any]], list[int]]]


def _shape(data: Any) -> _Shape | None:
    if isinstance(data, dict) and isinstance(data.get("formatted"), list):
        return [(("formatted", index), *_evaluation(item)) for index, item in enumerate(data["formatted"])]
    listed = data.get("metrics") if isinstance(data, dict) else data
    prefix: tuple[Any, ...] = ("metrics",) if isinstance(data, dict) else ()
    if isinstance(listed, list) and any(isinstance(item, dict) for item in listed):
        return [((*prefix, index), _listed(item), []) for index, item in enumerate(listed)]
    if isinstance(data, dict) and data and all(_is_scalar(value) for value in data.values()):
        found = [_figure(str(name), value) for name, value in data.items()]
        return [((), [figure for figure in found if figure is not None], [])]
    return None


def _evaluation(item: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """An evaluation's figures, and the indexes of its metrics that give none."""
    if not isinstance(item, dict) or not isinstance(item.get("metrics"), list):
        return [], []
    given = item.get("dataset")
    dataset: dict[str, Any] = given if isinstance(given, dict) else {"name": given} if isinstance(given, str) else {}
    where = {"dataset": _text(dataset.get("name") or dataset.get("type")), "split": _text(dataset.get("split"))}
    found = [_figure(m.get("name"), m.get("value"), **where) if isinstance(m, dict) else None for m in item["metrics"]]
    return [figure for figure in found if figure is not None], [i for i, figure in enumerate(found) if figure is None]


def _listed(item: Any) -> list[dict[str, Any]]:
    if not isinstance(item, dict):
        return []
    where = {key: _text(item.get(key)) for key in ("units", "dataset", "split")}
    figure = _figure(item.get("name"), item.get("value"), **where)
    return [figure] if figure is not None else []


# Metrics that are a share of the examples: an evaluation tool writes them as fractions (0.912), cards as
# percentages (91.2 %). Given without units, they are read as percentages, a fraction scaled, so that an eval file's
# figure sits in the card's column and compares with its baseline's.
SHARES = frozenset(
    ("accuracy", "acc", "acc_norm", "top1", "top5", "top1_accuracy", "top5_accuracy", "f1", "exact_match", "em")
)


def _figure(name: Any, value: Any, units: str | None = None, **where: str | None) -> dict[str, Any] | None:
    written = read_figure(value) if isinstance(value, str) else None  # "91.2" or "91.2%", as model-index takes
    if written is not None:
        value, units = written.value, units or ("%" if written.percent else None)
    figure = number(value) if not isinstance(value, str) else None
    key = metric_key(name) if isinstance(name, str) else ""
    if figure is None or not key:
        return None
    if not units and key in SHARES and 0 <= figure <= 100:
        units, figure = "%", as_percent(figure) if figure <= 1 else figure
    return {"name": name, "key": key, "value": figure, "units": units or "", **where}


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value).strip() or None
