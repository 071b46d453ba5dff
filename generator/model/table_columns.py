"""A table's columns: which ones its models call for, in which order, and how they are labelled."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

from ..read.catalog_config import CatalogConfig
from .baselines import Delta
from .model_records import Metric, Model
from .problems import Problem
from .stubs import FIELD_NAMES
from .table_cells import DELTA_KEYS, delta_value, metric_dataset

ColumnKind = Literal["name", "field", "metric", "throughput", "size", "delta"]
VARYING_FIELDS = FIELD_NAMES[2:]  # domain and sub-domain are the table itself
FIELD_LABELS = {
    "domain": "Domain",
    "sub_domain": "Sub-domain",
    "architecture": "Architecture",
    "sub_architecture": "Sub-architecture",
    "framework": "Framework",
    "repo": "Repo",
    "dataset": "Dataset",
    "training_scheme": "Training scheme",
    "sparse_name": "Sparse name",
    "sparse_category": "Sparse category",
    "sparse_target": "Sparse target",
}


# Labels for the metric keys zoocat itself creates (from benchmark.yaml); catalog.yml overrides them.
METRIC_LABELS = {"throughput": "Throughput", "latency_median": "Median latency"}


# Metric ids written as they are read: initialisms. A card's own spelling ("Test WER") is kept as it is.
INITIALISMS = frozenset((
    "ap", "auc", "bleu", "cer", "em", "f1", "fid", "iou", "map", "mae", "mape", "mer", "miou", "mrr", "mse", "ndcg",
    "ppl", "rmse", "rouge", "ter", "wer", "wil",
))  # fmt: skip


def metric_label(config: CatalogConfig, metric: Metric) -> str:
    return config.name_for(metric.key, METRIC_LABELS.get(metric.key) or readable_metric_name(metric.name))


def readable_metric_name(name: str) -> str:
    """A bare metric id ("wer", "exact_match", "map_at_10") as a label ("WER", "Exact match", "MAP at 10")."""
    if name != name.lower():
        return name.replace("_", " ")
    words = [word.upper() if word in INITIALISMS else word for word in name.replace("_", " ").split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind
    units: str | None = None
    # A metric column holds one metric on one dataset: figures on other datasets are not comparable with them.
    metric_key: str | None = None
    dataset: str | None = None
    is_lower_better: bool = False

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("metric", "throughput", "size", "delta")

    @property
    def best_first(self) -> Literal["asc", "desc"] | None:
        """The order a first click on the header sorts in: the best figure first; None for text columns."""
        if not self.is_numeric:
            return None
        return "asc" if self.is_lower_better else "desc"


def chosen_columns(
    chosen: tuple[str, ...],
    available: dict[str, Column],
    models: list[Model],
    config: CatalogConfig,
    table_key: str,
    problems: list[Problem],
) -> tuple[Column, ...]:
    """The columns catalog.yml lists for a table, in its order; any metric of the table's models may be named,
    as KEY (on the dataset most of its figures are for) or KEY@DATASET."""
    more: dict[str, Column] = {}
    for metric in _metric_columns(models, config, primary_only=False):
        more[metric.key] = more[f"{metric.metric_key}@{metric.dataset}"] = metric  # KEY@DATASET names any
    columns = []
    for key in chosen:
        column = available.get(key) or more.get(key)
        if column is None:
            message = f"tables.{table_key}: no column '{key}'; available: {', '.join(available)}"
            problems.append(Problem("catalog.yml", None, "warning", "config.unknown-column", message))
        else:
            columns.append(column)
    if not columns or columns[0].kind != "name":
        columns = [available["display_name"], *(c for c in columns if c.kind != "name")]
    return tuple(columns)


@dataclass(frozen=True)
class Layout:
    """What a table's models decide of it; the same models showing the same, the same layout."""

    available: dict[str, Column]  # the columns it may show, by key
    varying: tuple[str, ...]  # stub fields with more than one value
    columns: tuple[Column, ...]  # those it has unless catalog.yml chooses: the shown ones first
    shown: frozenset[str]  # the keys of those shown before the reader chooses
    contexts: tuple[str, ...]  # speed contexts, most common first
    tagged: bool  # some model has tags


def table_layout(
    models: list[Model], config: CatalogConfig, fields: tuple[str, ...], deltas: dict[str, Delta]
) -> Layout:
    available = _available_columns(models, config, fields)
    varying = _varying(models, fields)
    shown, rest = _default_columns(models, available, deltas, varying)
    tagged = any(model.card.tags for model in models)
    keys = frozenset(column.key for column in shown)
    return Layout(available, varying, (*shown, *rest), keys, speed_contexts(models), tagged)


@dataclass
class Layouts:
    """Table layouts kept from the last build, by a digest of what their models show as rows (view signatures):
    an update whose edits leave every row as it was works out no table again (a big zoo has a hundred tags)."""

    config: CatalogConfig
    views: dict[str, str]  # stub -> this build's view signature
    known: dict[str, Layout]  # digest -> layout, from the last build
    made: dict[str, Layout] = field(default_factory=dict)  # this build's, for the next

    def __post_init__(self) -> None:
        self._settings = repr(self.config)  # labels come from catalog.yml
        self._rows: dict[str, str] = {}  # stub -> its part of the digest: a model is in several tables

    def get(self, models: list[Model], fields: tuple[str, ...], deltas: dict[str, Delta]) -> Layout:
        rows, parts = self._rows, [self._settings, *fields]
        for model in models:
            stub = model.stub.text
            row = rows.get(stub)
            if row is None:
                delta = deltas.get(stub)
                baseline = self.views.get(delta.baseline.stub.text, "") if delta else ""
                row = rows[stub] = f"{stub}\n{self.views.get(stub, '')}\n{baseline}"
            parts.append(row)
        key = hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        layout = self.known.get(key)
        if layout is None:
            layout = table_layout(models, self.config, fields, deltas)
        self.made[key] = layout
        return layout


def speed_contexts(models: list[Model]) -> tuple[str, ...]:
    """Throughput contexts by how many models have a figure in them (ties by name)."""
    counts = Counter(context for model in models for context in model.throughput_contexts)
    return tuple(context for context, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _varying(models: list[Model], fields: tuple[str, ...]) -> tuple[str, ...]:
    """The stub fields with more than one value (sets made in C: faster than stopping early in Python)."""
    stubs = [model.stub for model in models]
    return tuple(name for name in fields if len(set(map(attrgetter(name), stubs))) > 1)


def _available_columns(models: list[Model], config: CatalogConfig, fields: tuple[str, ...]) -> dict[str, Column]:
    columns = {"display_name": Column("display_name", "Model", "name")}
    for name in fields:
        columns[name] = Column(name, config.name_for(name, FIELD_LABELS[name]), "field")
    for column in _metric_columns(models, config):
        columns[column.key] = column
    columns["throughput"] = Column("throughput", config.name_for("throughput", "Throughput"), "throughput", "items/sec")
    columns["recovery"] = Column("recovery", config.name_for("recovery", "Recovery"), "delta", "%")
    columns["speedup"] = Column("speedup", config.name_for("speedup", "Speed-up"), "delta", "x")
    columns["size_ratio"] = Column(
        "size_ratio", config.name_for("size_ratio", "Size vs baseline"), "delta", "x", is_lower_better=True
    )
    columns["compressed_size"] = Column(
        "compressed_size", config.name_for("compressed_size", "Compressed size"), "size", is_lower_better=True
    )
    return columns


# Cards may hold hundreds of results: a table has a column for at most this many metric-and-dataset pairs, those
# most of its models give as their primary figure; it shows the first DEFAULT_METRIC_COLUMNS of them.
MAX_METRIC_COLUMNS = 8
DEFAULT_METRIC_COLUMNS = 3
RESERVED_KEYS = frozenset((*FIELD_NAMES, "display_name", "throughput", "compressed_size", "stub", "tag"))
RESERVED_KEYS |= {"recovery", "speedup", "size_ratio"}


def _metric_columns(models: list[Model], config: CatalogConfig, primary_only: bool = True) -> list[Column]:
    """A column per metric and dataset, most figures first (ties by key, then dataset).

    The column of a metric's most common dataset has the metric's key (`top1_accuracy`), so that links and
    catalog.yml name it simply; the others `KEY@DATASET`."""
    figures: dict[tuple[str, str], Metric] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for model in models:
        metrics = (model.primary_metric,) if primary_only else model.quality_metrics
        for metric in metrics:
            if metric is None or metric.key in RESERVED_KEYS:
                continue
            pair = (metric.key, metric_dataset(model, metric))
            figures.setdefault(pair, metric)
            counts[pair] += 1
    ordered = sorted(counts, key=lambda pair: (-counts[pair], pair))
    if primary_only:
        ordered = ordered[:MAX_METRIC_COLUMNS]
    main: dict[str, str] = {}
    for key, dataset in sorted(counts, key=lambda pair: (-counts[pair], pair)):
        main.setdefault(key, dataset)
    return [_metric_column(figures[pair], pair[1], main[pair[0]] == pair[1], config) for pair in ordered]


def label_on_dataset(label: str, dataset: str, units: str | None = None) -> str:
    """ "Top-1 accuracy (ImageNet, %)"; a dataset named with brackets reads better after "on" than nested in more."""
    if "(" in dataset:
        return f"{label} on {dataset}" + (f" ({units})" if units else "")
    return f"{label} ({dataset}" + (f", {units})" if units else ")")


def _metric_column(metric: Metric, dataset: str, is_main: bool, config: CatalogConfig) -> Column:
    key = metric.key if is_main else f"{metric.key}@{dataset}"
    label = label_on_dataset(metric_label(config, metric), config.name_for(dataset))
    return Column(key, label, "metric", metric.units, metric.key, dataset, metric.is_lower_better)


def _default_columns(
    models: list[Model], available: dict[str, Column], deltas: dict[str, Delta], varying: tuple[str, ...]
) -> tuple[list[Column], list[Column]]:
    """The columns shown first (the figures visitors come for), and those the column chooser offers."""
    metrics = [column for column in available.values() if column.kind == "metric"]
    pairs: Counter[object] = Counter(primary_pair(model) for model in models)
    # A column of a few figures among many dashes hides one that would be full: the first metric column is always
    # shown (the most common), the others when a quarter of the models have a figure there.
    common = [c for i, c in enumerate(metrics) if i == 0 or _is_common(pairs[(c.metric_key, c.dataset)], models)]
    shown = [available["display_name"], *common[:DEFAULT_METRIC_COLUMNS]]
    rest = [column for column in metrics if column not in shown]
    has = {key: any(delta_value(m, key, deltas) is not None for m in models) for key in DELTA_KEYS}
    shown += [available[key] for key in ("recovery", "speedup") if has[key]]
    if _is_common(sum(1 for model in models if model.throughputs), models):
        shown.append(available["throughput"])
    elif any(model.throughputs for model in models):
        rest.append(available["throughput"])
    if any(model.compressed_size is not None for model in models):
        shown.append(available["compressed_size"])
    if "sparse_category" in varying:
        shown.append(available["sparse_category"])
    if has["size_ratio"]:
        rest.append(available["size_ratio"])
    rest += [available[name] for name in varying if name != "sparse_category"]
    return shown, rest


def _is_common(count: int, models: list[Model]) -> bool:
    return count > 0 and 4 * count >= len(models)


def primary_pair(model: Model) -> tuple[str, str] | None:
    metric = model.primary_metric
    return (metric.key, metric_dataset(model, metric)) if metric else None
