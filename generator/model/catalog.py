"""Group models into tables by domain and sub-domain; choose columns; make cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Literal

from ..read.catalog_config import CatalogConfig
from .baselines import Delta, category_problems, compute_deltas, family_key
from .metric_directions import with_directions
from .model_records import Metric, Model
from .page_texts import TextStore
from .problems import Problem
from .table_cells import Cell, Cells, column_metric
from .table_columns import VARYING_FIELDS, Column, Layouts, chosen_columns, primary_pair, table_layout
from .tag_slugs import tag_slugs
from .titles import domain_title, table_title

ColumnKind = Literal["name", "field", "metric", "throughput", "size", "delta"]


@dataclass(frozen=True)
class Tag:
    name: str  # as cards write it: untrusted text
    slug: str  # its folder under tags/: safe, unique in the catalog


@dataclass(frozen=True)
class TagGroup:
    """The models that carry one tag, from any table: its page lists them and opens each table filtered by it."""

    tag: Tag
    models: tuple[Model, ...]  # in stub order

    def by_table(self) -> list[tuple[str, int]]:
        """The keys of the tables its models are in, with how many of them each holds, in table order."""
        counts = Counter(f"{model.stub.domain}/{model.stub.sub_domain}" for model in self.models)
        return sorted(counts.items())


@dataclass(frozen=True)
class Table:
    domain: str
    sub_domain: str
    title: str
    domain_title: str
    columns: tuple[Column, ...]
    models: tuple[Model, ...]  # in row order
    facets: tuple[Column, ...] = ()  # stub fields with more than one value here, and tags
    # The contexts throughput was measured in here, most common first; the column shows the first.
    speed_contexts: tuple[str, ...] = ()
    # The columns shown before the reader chooses (the others wait in the column chooser); empty: all.
    shown: frozenset[str] = frozenset()
    make_cells: Callable[[Model], tuple[Cell, ...]] = field(default=lambda model: (), compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.domain}/{self.sub_domain}"

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
    tags: tuple[TagGroup, ...] = ()  # one per tag, by tag name
    texts: TextStore | None = None  # where its models' page texts are, when a build parked them (page_texts.py)

    def family(self, model: Model) -> tuple[Model, ...]:
        """Models of the same architecture, framework, repo and dataset: every sparsity of one network."""
        return self.families.get(family_key(model), (model,))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(table for domain in self.domains for table in domain.tables)

    @cached_property
    def tag_slugs(self) -> dict[str, str]:
        return {group.tag.name: group.tag.slug for group in self.tags}


def build_catalog(
    models: list[Model], config: CatalogConfig, layouts: Layouts | None = None, texts: TextStore | None = None
) -> tuple[Catalog, list[Problem]]:
    ordered = tuple(sorted(with_directions(models, config.metric_directions), key=lambda model: model.stub.text))
    deltas = compute_deltas(ordered, config.baseline_tag)
    cells = Cells(deltas)
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
        domains.append(Domain(domain_name, domain_title(config, domain_name), tables))
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
    tags = _tag_groups(ordered, problems)
    return Catalog(config, ordered, tuple(domains), deltas, frozen, tags, texts), problems


def _tag_groups(models: tuple[Model, ...], problems: list[Problem]) -> tuple[TagGroup, ...]:
    by_tag: dict[str, list[Model]] = {}
    for model in models:
        for name in dict.fromkeys(model.card.tags):  # a tag written twice on one card lists the model once
            by_tag.setdefault(name, []).append(model)
    slugs, slug_problems = tag_slugs(by_tag)
    problems += slug_problems
    return tuple(TagGroup(Tag(name, slugs[name]), tuple(by_tag[name])) for name in sorted(by_tag))


def _table(
    models: list[Model],
    config: CatalogConfig,
    problems: list[Problem],
    cells: Cells,
    domain: str,
    sub: str,
    layouts: Layouts | None = None,
) -> Table:
    """A sub-domain's table."""
    fields = VARYING_FIELDS
    layout = (
        layouts.get(models, fields, cells.deltas) if layouts else table_layout(models, config, fields, cells.deltas)
    )
    available = layout.available
    chosen = config.table_columns.get(f"{domain}/{sub}")
    columns, shown = layout.columns, layout.shown
    if chosen is not None:
        columns = chosen_columns(chosen, available, models, config, f"{domain}/{sub}", problems)
        shown = frozenset(column.key for column in columns)
    contexts = layout.contexts
    make_cells = partial(cells.row, columns=columns, context=contexts[0] if contexts else None)
    facets = tuple(available[name] for name in layout.varying)
    if layout.tagged:
        facets += (Column("tag", config.name_for("tag", "Tags"), "field"),)
    titles = table_title(config, domain, sub), domain_title(config, domain)
    rows = _figures_first(models, [column for column in columns if column.kind == "metric" and column.key in shown])
    return Table(domain, sub, *titles, columns, rows, facets, contexts, shown=shown, make_cells=make_cells)


def _figures_first(models: list[Model], metric_columns: list[Column]) -> tuple[Model, ...]:
    """The rows in stub order, those with a figure in a shown metric column first: a table opens on results, not on
    models whose figures are on another dataset's column, hidden in the Columns menu."""
    return tuple(sorted(models, key=lambda m: all(column_metric(m, column) is None for column in metric_columns)))
