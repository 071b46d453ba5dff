"""Group models into tables by domain and sub-domain; choose columns; make cells."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import attrgetter
from typing import Literal

from ..read.catalog_config import CatalogConfig
from .baselines import Delta, category_problems, compute_deltas, family_key
from .metric_directions import with_directions
from .model_records import Metric, Model
from .problems import Problem
from .stubs import FIELD_NAMES
from .tag_slugs import tag_slugs

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


def metric_label(config: CatalogConfig, metric: Metric) -> str:
    return config.name_for(metric.key, METRIC_LABELS.get(metric.key, metric.name.replace("_", " ")))


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


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # what the reader sees; '--' when missing
    value: str | float | None  # raw value for sorting and data files
    note: str | None = None  # a second line: the context of a speed figure


# A figure a model does not have: most figure cells of a big zoo's tag tables (57% at 10,000 models), one shared
# cell. Only figure columns use it, so its HTML (always numeric) is the same wherever it is drawn.
MISSING = Cell("--", None)


@dataclass(frozen=True)
class Tag:
    name: str  # as cards write it: untrusted text
    slug: str  # its folder under tags/: safe, unique in the catalog


@dataclass(frozen=True)
class Table:
    domain: str  # empty for a tag's table, which spans domains
    sub_domain: str
    title: str
    domain_title: str
    columns: tuple[Column, ...]
    models: tuple[Model, ...]  # in row order
    facets: tuple[Column, ...] = ()  # stub fields with more than one value here, and tags
    # The contexts throughput was measured in here, most common first; the column shows the first.
    speed_contexts: tuple[str, ...] = ()
    tag: Tag | None = None  # set for the table of the models with one tag
    # The columns shown before the reader chooses (the others wait in the column chooser); empty: all.
    shown: frozenset[str] = frozenset()
    make_cells: Callable[[Model], tuple[Cell, ...]] = field(default=lambda model: (), compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"tags/{self.tag.slug}" if self.tag else f"{self.domain}/{self.sub_domain}"

    @property
    def primary_key(self) -> str | None:
        """The primary metric most of the table's models report (ties by key)."""
        pair = self.primary_pair
        return pair[0] if pair else None

    @property
    def primary_pair(self) -> tuple[str, str] | None:
        """The primary metric and dataset most of the table's models report (ties by key, then dataset).

        Accuracy on a 10-class dataset is not comparable with accuracy on ImageNet: a figure belongs to both."""
        pairs = [primary_pair(model) for model in self.models if model.primary_metric]
        counts = Counter(pair for pair in pairs if pair)
        return min(counts, key=lambda pair: (-counts[pair], pair)) if counts else None

    def primary_figures(self) -> list[tuple[Model, Metric]]:
        """The models whose primary figure is for the table's primary metric and dataset, with that figure."""
        pair = self.primary_pair
        return [(model, metric) for model in self.models
                if (metric := model.primary_metric) and primary_pair(model) == pair]  # fmt: skip

    @property
    def best_model(self) -> Model | None:
        """The best figure of the table's primary metric on its dataset (by the metric's direction); ties go to
        the first stub."""
        scored = self.primary_figures()
        if not scored:
            return None
        return min(scored, key=lambda pair: pair[1].value if pair[1].is_lower_better else -pair[1].value)[0]


@dataclass(frozen=True)
class Domain:
    name: str
    title: str
    tables: tuple[Table, ...]

    @property
    def model_count(self) -> int:
        return sum(len(table.models) for table in self.tables)


@dataclass(frozen=True)
class Catalog:
    config: CatalogConfig
    models: tuple[Model, ...]
    domains: tuple[Domain, ...]
    deltas: dict[str, Delta] = field(default_factory=dict)  # stub -> comparison with its baseline
    families: dict[tuple[str | None, ...], tuple[Model, ...]] = field(default_factory=dict)
    tag_tables: tuple[Table, ...] = ()  # one per tag, by tag name

    def family(self, model: Model) -> tuple[Model, ...]:
        """Models of the same architecture, framework, repo and dataset: every sparsity of one network."""
        return self.families.get(family_key(model), (model,))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(table for domain in self.domains for table in domain.tables)

    @cached_property
    def tag_slugs(self) -> dict[str, str]:
        return {table.tag.name: table.tag.slug for table in self.tag_tables if table.tag}


def metric_dataset(model: Model, metric: Metric) -> str:
    """The dataset a figure is for: the metric's own, else the model's (its stub's)."""
    return metric.dataset or model.stub.dataset


def primary_pair(model: Model) -> tuple[str, str] | None:
    metric = model.primary_metric
    return (metric.key, metric_dataset(model, metric)) if metric else None


def build_catalog(
    models: list[Model], config: CatalogConfig, layouts: Layouts | None = None
) -> tuple[Catalog, list[Problem]]:
    ordered = tuple(sorted(with_directions(models, config.metric_directions), key=lambda model: model.stub.text))
    deltas = compute_deltas(ordered, config.baseline_tag)
    cells = _Cells(deltas)
    problems: list[Problem] = category_problems(ordered, deltas)
    by_table: dict[tuple[str, str], list[Model]] = {}
    for model in ordered:
        by_table.setdefault((model.stub.domain, model.stub.sub_domain), []).append(model)
    domains: list[Domain] = []
    for domain_name in sorted({domain for domain, _ in by_table}):
        tables = tuple(
            _table(rows, config, problems, cells, domain_name, sub, layouts=layouts)
            for (domain, sub), rows in sorted(by_table.items())
            if domain == domain_name
        )
        domains.append(Domain(domain_name, config.name_for(domain_name), tables))
    for key in sorted(set(config.table_columns) - {f"{d}/{s}" for d, s in by_table}):
        problems.append(
            Problem(
                "catalog.yml",
                None,
                "warning",
                "config.unknown-table",
                f"tables.{key}: no model has this domain/sub-domain; check the spelling",
            )
        )
    families: dict[tuple[str | None, ...], list[Model]] = {}
    for model in ordered:
        families.setdefault(family_key(model), []).append(model)
    frozen = {key: tuple(members) for key, members in families.items()}
    tags = _tag_tables(ordered, config, problems, cells, layouts)
    return Catalog(config, ordered, tuple(domains), deltas, frozen, tags), problems


def _tag_tables(
    models: tuple[Model, ...], config: CatalogConfig, problems: list[Problem], cells: _Cells, layouts: Layouts | None
) -> tuple[Table, ...]:
    by_tag: dict[str, list[Model]] = {}
    for model in models:
        for name in dict.fromkeys(model.card.tags):  # a tag written twice on one card lists the model once
            by_tag.setdefault(name, []).append(model)
    slugs, slug_problems = tag_slugs(by_tag)
    problems += slug_problems
    title = config.name_for("tags", "Tags")
    return tuple(
        _table(by_tag[name], config, problems, cells, tag=Tag(name, slugs[name]), tag_title=title, layouts=layouts)
        for name in sorted(by_tag)
    )


def _table(
    models: list[Model],
    config: CatalogConfig,
    problems: list[Problem],
    cells: _Cells,
    domain: str = "",
    sub: str = "",
    tag: Tag | None = None,
    tag_title: str = "",
    layouts: Layouts | None = None,
) -> Table:
    """A sub-domain's table, or with a tag the table of the models with that tag, from any domain."""
    # A tag's models may come from several domains: those fields vary there, as others do in a sub-domain.
    fields = FIELD_NAMES if tag else VARYING_FIELDS
    layout = (
        layouts.get(models, fields, cells.deltas) if layouts else table_layout(models, config, fields, cells.deltas)
    )
    available = layout.available
    chosen = None if tag else config.table_columns.get(f"{domain}/{sub}")
    columns, shown = layout.columns, layout.shown
    if chosen is not None:
        columns = _chosen_columns(chosen, available, models, config, f"{domain}/{sub}", problems)
        shown = frozenset(column.key for column in columns)
    contexts = layout.contexts
    make_cells = partial(cells.row, columns=columns, context=contexts[0] if contexts else None)
    facets = tuple(available[name] for name in layout.varying)
    if layout.tagged:
        facets += (Column("tag", config.name_for("tag", "Tags"), "field"),)
    rows = tuple(models)
    if tag:
        return Table("", "", tag.name, tag_title, columns, rows, facets, contexts, tag, shown, make_cells)
    titles = config.name_for(sub), config.name_for(domain)
    return Table(domain, sub, *titles, columns, rows, facets, contexts, shown=shown, make_cells=make_cells)


def _chosen_columns(
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


def throughput_in(model: Model, context: str | None) -> Metric | None:
    """The model's throughput measured in one context: figures from different contexts are never compared."""
    return next((metric for metric in model.throughputs if metric.comparison_context == context), None)


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
    has = {key: any(_delta_value(m, key, deltas) is not None for m in models) for key in DELTA_KEYS}
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


DELTA_KEYS = ("recovery", "speedup", "size_ratio")


def _is_common(count: int, models: list[Model]) -> bool:
    return count > 0 and 4 * count >= len(models)


def _delta_value(model: Model, key: str, deltas: dict[str, Delta], speed_context: str | None = None) -> float | None:
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
    value = _delta_value(model, key, deltas, speed_context)
    if value is None:
        return MISSING
    delta = deltas[model.stub.text]
    if key == "recovery":
        assert delta.baseline_metric
        return Cell(f"{value:.2f}%", round(value, 4), f"of {format_metric(delta.baseline_metric)}")
    return Cell(f"{value:.2f}x", round(value, 4))


class _Cells:
    """Cells made once per model, column and speed context: a model's row repeats in each of its tags' tables.

    A name is read straight from the model, which costs less than keeping it (at 100,000 models the kept cells of a
    worker would be hundreds of MB)."""

    def __init__(self, deltas: dict[str, Delta]) -> None:
        self.deltas = deltas
        # Keyed by the column's dataset too: a metric's key names another dataset's column in another table.
        self.made: dict[tuple[int, str, str, str | None], Cell] = {}
        # A stub field's cell is its value: a catalog has few values (datasets, repos), shared by many rows.
        self.fields: dict[str | None, Cell] = {}

    def row(self, model: Model, columns: tuple[Column, ...], context: str | None) -> tuple[Cell, ...]:
        # One loop, no call per cell: the tag tables of a big zoo ask for millions of cells.
        made, fields, deltas, number = self.made, self.fields, self.deltas, id(model)
        stub = model.stub
        cells = []
        for column in columns:
            kind = column.kind
            if kind == "field":
                value = getattr(stub, column.key)
                cell = fields.get(value)
                if cell is None:
                    cell = fields[value] = Cell(value if value is not None else "--", value)
                cells.append(cell)
                continue
            if kind == "name":
                cells.append(Cell(model.display_name, model.display_name))
                continue
            key = (number, kind, column.key, context if kind in _CONTEXT_CELLS else column.dataset)
            cell = made.get(key)
            if cell is None:
                cell = made[key] = _cell(model, column, deltas, context)
            cells.append(cell)
        return tuple(cells)


# The note under a size the card states (a `files` entry) rather than one of a file in the model folder.
STATED = "stated"

_CONTEXT_CELLS = frozenset(("throughput", "delta"))  # cells that differ with the table's speed context


def _cell(model: Model, column: Column, deltas: dict[str, Delta], speed_context: str | None) -> Cell:
    """A figure's cell (_Cells.row makes names' and stub fields' cells itself)."""
    if column.kind == "delta":
        return _delta_cell(model, column.key, deltas, speed_context)
    if column.kind == "size":
        size = model.compressed_size
        note = STATED if model.is_compressed_size_stated else None
        return Cell(format_size(size) if size is not None else "--", size, note)
    if column.kind == "throughput":
        speed = throughput_in(model, speed_context)
        return Cell(format_metric(speed), speed.value) if speed else MISSING
    metric = _metric(model, column.metric_key or column.key, column.dataset)
    if metric is None:
        return MISSING
    return Cell(format_metric(metric), metric.value, metric.context or None)


def _metric(model: Model, key: str, dataset: str | None) -> Metric | None:
    matches = [
        metric
        for metric in model.metrics
        if metric.key == key and not metric.is_speed and (dataset is None or metric_dataset(model, metric) == dataset)
    ]
    marked = [metric for metric in matches if metric.primary]
    candidates = marked or matches
    return candidates[0] if candidates else None


def format_number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


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
