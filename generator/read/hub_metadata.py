"""Hugging Face model card metadata: the Hub's documented keys, and `model-index` results as metrics.

zoocat reads the parsed front matter's dictionaries itself rather than through huggingface_hub's ModelCardData: its
own YAML loader keeps every value's line, so a problem in result 40 of 300 names its line, and the card needs no
big dependency (see the README's dependency table).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model.model_records import Metric
from ..model.problems import Level
from .yaml_lines import LinePath, as_bool

# Keys of the Hub's model card metadata (its modelcard.md spec and huggingface_hub's ModelCardData) that zoocat's
# own card format does not already have; `license`, `tags` and `metrics` are shared.
HUB_TEXT_FIELDS = (
    "library_name", "pipeline_tag", "license_name", "license_link", "model_name", "base_model_relation",
    "new_version", "thumbnail",
)  # fmt: skip
HUB_LIST_FIELDS = ("language", "datasets", "base_model")  # each a text or a list of texts
HUB_OTHER_FIELDS = (
    "model-index", "inference", "widget", "co2_eq_emissions", "buckets", "eval_results", "instance_prompt",
    "mask_token", "language_bcp47", "paperswithcode_id",
)  # fmt: skip
HUB_FIELDS = frozenset((*HUB_TEXT_FIELDS, *HUB_LIST_FIELDS, *HUB_OTHER_FIELDS))
HUB_PREFIXES = ("extra_gated_",)  # extra_gated_prompt, extra_gated_fields, extra_gated_heading...

Report = Callable[[Level, str, str, LinePath], None]

_NUMBER = r"[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
# '20.0', '85.3%', '20.0 ± 1.2', '20.0 +/- 1.2', '20.0±1.2 %': a figure, its spread, a percent sign.
_FIGURE = re.compile(rf"\s*({_NUMBER})\s*(%?)\s*(?:(?:±|\+/-|\+-)\s*({_NUMBER})\s*(%?))?\s*")


def is_hub_key(key: str) -> bool:
    return key in HUB_FIELDS or key.startswith(HUB_PREFIXES)


@dataclass(frozen=True)
class Figure:
    value: float
    spread: float | None
    percent: bool


def read_figure(value: Any) -> Figure | None:
    """A result's value: a number, or text holding one with an optional spread and percent sign; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Figure(float(value), None, False) if _finite(value) else None
    if not isinstance(value, str) or len(value) > 100:
        return None
    match = _FIGURE.fullmatch(value)
    if match is None:
        return None
    figure = float(match[1].replace(",", ""))
    spread = float(match[3].replace(",", "")) if match[3] else None
    if not _finite(figure) or (spread is not None and not _finite(spread)):
        return None
    return Figure(figure, spread, bool(match[2] or match[4]))


def as_percent(fraction: float) -> float:
    """A fraction (0.915) as the percentage a card writes (91.5), in decimal: not 91.50000000000001."""
    return float(Decimal(str(fraction)) * 100)


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value) and abs(value) < 1e300
    except OverflowError:  # an integer too big for a float
        return False


@dataclass(frozen=True)
class IndexResults:
    metrics: tuple[Metric, ...]
    name: str | None  # the first entry's `name`: the model's name on the Hub
    over: int  # figures past the limit, not read


def read_model_index(value: Any, report: Report, limit: int, key: Callable[[str], str]) -> IndexResults:
    """Every figure of `model-index`, in card order, up to `limit`; a part of the wrong shape is a warning and is
    skipped, the rest of the card kept. key turns a metric's name into its column key."""
    if value is None:
        return IndexResults((), None, 0)
    if not isinstance(value, list):
        report("warning", "card.model-index", "'model-index' must be a list of entries with 'name' and 'results'",
               ("model-index",))  # fmt: skip
        return IndexResults((), None, 0)
    reader = _IndexReader(report, limit, key)
    name = None
    for index, entry in enumerate(value):
        at: LinePath = ("model-index", index)
        if not isinstance(entry, dict):
            report(
                "warning", "card.model-index", f"model-index[{index}] must be a mapping with 'name' and 'results'", at
            )
            continue
        if name is None and isinstance(entry.get("name"), str) and entry["name"].strip():
            name = entry["name"].strip()
        reader.results(entry.get("results"), at)
    reader.report_unreadable()
    return IndexResults(tuple(reader.found), name, reader.over)


@dataclass
class _IndexReader:
    report: Report
    limit: int
    key: Callable[[str], str]

    def __post_init__(self) -> None:
        self.found: list[Metric] = []
        self.over = 0
        self.unreadable: list[tuple[str, LinePath]] = []  # values that are no figures: said once, with their count

    def results(self, results: Any, at: LinePath) -> None:
        where = f"model-index[{at[1]}].results"
        if results is None:
            return
        if not isinstance(results, list):
            self.report("warning", "card.model-index", f"{where} must be a list", (*at, "results"))
            return
        for number, result in enumerate(results):
            here: LinePath = (*at, "results", number)
            if not isinstance(result, dict) or not isinstance(result.get("metrics"), list):
                message = f"{where}[{number}] must be a mapping with 'task', 'dataset' and a list of 'metrics'"
                self.report("warning", "card.model-index", message, here)
                continue
            task, dataset = _mapping(result.get("task")), _mapping(result.get("dataset"))
            for index, item in enumerate(result["metrics"]):
                if len(self.found) >= self.limit:
                    self.over += 1
                    continue
                metric = self.metric(
                    item, task, dataset, f"{where}[{number}].metrics[{index}]", (*here, "metrics", index)
                )
                if metric is not None:
                    self.found.append(metric)

    def metric(
        self, item: Any, task: dict[str, Any], dataset: dict[str, Any], where: str, at: LinePath
    ) -> Metric | None:
        if not isinstance(item, dict):
            self.report("warning", "card.model-index", f"{where} must be a mapping with 'type' and 'value'", at)
            return None
        kind, name = _text(item.get("type")), _text(item.get("name"))
        if not (kind or name):
            self.report("warning", "card.model-index", f"{where} needs a 'type' (a metric id such as wer)", at)
            return None
        figure = read_figure(item.get("value"))
        if figure is None:
            shown = repr(item.get("value"))
            shown = shown if len(shown) < 40 else shown[:37] + "..."
            self.unreadable.append((f"{where}.value {shown}", (*at, "value") if "value" in item else at))
            return None
        # zoocat's own mark, where a card wants another headline figure
        primary = as_bool(item.get("primary")) is True
        return Metric(
            name=name or kind or "",
            key=self.key(kind or name or ""),  # the metric id, shared by every card that reports it
            value=figure.value,
            units="%" if figure.percent else "",
            dataset=_text(dataset.get("name")) or _text(dataset.get("type")),
            split=_text(dataset.get("split")),
            primary=primary,
            spread=figure.spread,
            task=_text(task.get("name")) or _text(task.get("type")),
            dataset_type=_text(dataset.get("type")),
            dataset_config=_text(dataset.get("config")),
        )

    def report_unreadable(self) -> None:
        """One warning for every value that is no figure, at the first: an MTEB card may have dozens of NaN."""
        if not self.unreadable:
            return
        (first, at), more = self.unreadable[0], len(self.unreadable) - 1
        others = f"; so are {more} more values of model-index" if more else ""
        message = (
            f"{first} is not a figure (a number, or text such as '20.0 ± 1.2' or '85.3%'){others}: "
            f"{'these metrics are' if more else 'this metric is'} left out"
        )
        self.report("warning", "card.metric-value", message, at)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    """A short text field of a result; numbers (a config named 2017) are read as their text."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text[:200] or None


def text_list(value: Any) -> tuple[str, ...] | None:
    """A Hub field that is a text or a list of texts (language, datasets, base_model); None when it is neither."""
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return tuple(str(item) for item in value)
    return None
