"""A model page's context: its fields, figures, baseline, family and files, as plain data."""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..model.catalog import Catalog
from ..model.model_records import FileEntry, Metric, Model, ModelCard
from ..model.stubs import FIELD_NAMES
from ..model.table_cells import STATED, format_metric, format_size, throughput_in
from ..model.table_columns import FIELD_LABELS, metric_label
from ..read.catalog_config import CatalogConfig
from .views import Links, file_uri, is_inert_file, recipe_uri, relative, tag_uri


def model_view(model: Model, catalog: Catalog, links: Links, body_html: str) -> dict[str, Any]:
    page = model.page_uri
    names = catalog.config
    card = model.card
    files = [_file_view(model, entry, catalog, page) for entry in model.files]
    return {
        "name": model.display_name,
        "description": card.description,
        "stub": model.stub.text,
        "zoo_stub": f"zoo:{model.stub}",
        "tags": [{"name": tag, "uri": relative(tag_uri(catalog.tag_slugs[tag]), page)} for tag in card.tags],
        "fields": [
            {"label": FIELD_LABELS[name], "value": _field_text(model, name, catalog)}
            for name in FIELD_NAMES
            if getattr(model.stub, name) is not None
        ],
        "details": _details(model, links, page),
        "metric_groups": _metric_groups(model, names),
        "headline": _headline(model, names),
        "body_html": Markup(body_html),
        "commands": [
            {
                "title": group.replace("_", " ").capitalize(),
                "commands": [{"name": n, "line": line} for n, line in items],
            }
            for group, items in card.commands
        ],
        "recipes": [
            {"name": r.name, "path": r.path, "uri": relative(recipe_uri(model, r.name), page)} for r in model.recipes
        ],
        "files": files,
        "has_download_only": any(file["download"] for file in files),
        "extra": [{"label": key, "value": _plain(value)} for key, value in sorted(card.extra.items())],
        "baseline": _baseline_view(model, catalog, page),
        "family": _family_view(model, catalog, page),
    }


def _baseline_view(model: Model, catalog: Catalog, page: str) -> dict[str, Any] | None:
    delta = catalog.deltas.get(model.stub.text)
    if delta is None:
        return None
    rows = []
    if delta.metric and delta.baseline_metric and delta.recovery is not None and delta.metric_delta is not None:
        rows.append({
            "label": metric_label(catalog.config, delta.metric),
            "value": format_metric(delta.metric),
            "baseline": format_metric(delta.baseline_metric),
            "change": f"{delta.metric_delta:+.2f} ({delta.recovery:.2f}% recovered)",
        })  # fmt: skip
    for context, speedup in delta.speedups.items():
        speed, base = throughput_in(model, context), throughput_in(delta.baseline, context)
        if speed is None or base is None:
            continue
        rows.append({
            "label": f"Throughput ({context})",
            "value": format_metric(speed),
            "baseline": format_metric(base),
            "change": f"{speedup:.2f}x faster" if speedup >= 1 else f"{1 / speedup:.2f}x slower",
        })  # fmt: skip
    ratio = delta.size_ratio(model)
    if ratio is not None and model.compressed_size and delta.baseline.compressed_size:
        rows.append({
            "label": "Compressed size",
            "value": _compressed_size_text(model),
            "baseline": _compressed_size_text(delta.baseline),
            "change": f"{ratio:.2f}x the baseline's size",
        })  # fmt: skip
    return {"name": delta.baseline.display_name, "uri": relative(delta.baseline.page_uri, page), "rows": rows}


def _family_view(model: Model, catalog: Catalog, page: str) -> list[dict[str, Any]]:
    family = catalog.family(model)
    if len(family) < 2:
        return []
    views = []
    for member in family:
        delta = catalog.deltas.get(member.stub.text)
        primary = member.primary_metric
        views.append({
            "name": member.display_name,
            "uri": relative(member.page_uri, page),
            "tag": member.stub.sparse_tag,
            "primary": format_metric(primary) if primary else "--",
            "recovery": f"{delta.recovery:.2f}%" if delta and delta.recovery is not None else "--",
            "speedup": f"{delta.speedup:.2f}x" if delta and delta.speedup is not None else "--",
            "is_current": member.stub == model.stub,  # model may be a copy: the one with its page texts
        })  # fmt: skip
    return views


def _field_text(model: Model, name: str, catalog: Catalog) -> str:
    value = str(getattr(model.stub, name))
    readable = catalog.config.names.get(value)
    return f"{readable} ({value})" if readable and name in ("domain", "sub_domain") else value


def _details(model: Model, links: Links, page: str) -> list[dict[str, Any]]:
    card = model.card
    items: list[dict[str, Any]] = []
    plain = (
        ("Licence", card.license_name if card.license == "other" and card.license_name else card.license),
        ("Training dataset", card.train_dataset),
        ("Card version", card.card_version),
        ("Version", card.version),
    )
    for label, value in plain:
        if value:
            items.append({"label": label, "value": value, "uri": None})
    for label, stub_text in (("Base model", card.base), ("Parent model", card.parent)):
        target = links.model(stub_text)
        if stub_text:
            items.append({"label": label, "value": stub_text, "uri": relative(target, page) if target else None})
    items += _hub_details(card, links, page)
    if card.optimizations:
        items.append({"label": "Optimizations", "value": ", ".join(card.optimizations), "uri": None})
    if card.source:
        is_url = card.source.startswith(("https://", "http://"))
        items.append({"label": "Source of figures", "value": card.source, "uri": card.source if is_url else None})
    return items


def _hub_details(card: ModelCard, links: Links, page: str) -> list[dict[str, Any]]:
    """What a Hugging Face card's metadata says of the model: languages, datasets, library, task, base models."""
    items: list[dict[str, Any]] = []
    if card.license_link and card.license_link.startswith(("https://", "http://")):
        items.append({"label": "Licence text", "value": card.license_link, "uri": card.license_link})
    plain = (
        ("Language", ", ".join(card.language)),
        ("Datasets", ", ".join(card.datasets)),
        ("Library", card.library_name),
        ("Pipeline tag", card.pipeline_tag),
        ("Reports", ", ".join(card.metric_ids)),
    )
    items += [{"label": label, "value": value, "uri": None} for label, value in plain if value]
    for repo_id in card.base_models:
        target = links.hub_model(repo_id)
        items.append({"label": "Base model", "value": repo_id, "uri": relative(target, page) if target else None})
    return items


def _metric_groups(model: Model, config: CatalogConfig) -> list[dict[str, Any]]:
    """The figures by what they were measured on: one group, untitled, unless a card's results name several tasks
    or datasets (an MTEB card has hundreds of figures over dozens), each group then titled and its rows bare."""
    primary = model.primary_metric
    groups: dict[tuple[str | None, ...], list[Metric]] = {}
    for metric in model.metrics:
        groups.setdefault(metric.group if metric.task else (), []).append(metric)
    if len(groups) == 1 and () in groups:
        rows = [
            _metric_view(metric, metric_label(config, metric), metric is primary, _dataset_shown(model, metric, config))
            for metric in model.metrics
        ]
        return [{"title": None, "metrics": rows}]
    return [
        {
            "title": " · ".join(part for part in _group_title(key) if part) or "Other figures",
            "metrics": [
                _metric_view(
                    m, metric_label(config, m), m is primary, None if key else _dataset_shown(model, m, config)
                )
                for m in members
            ],
        }
        for key, members in groups.items()
    ]


def _group_title(key: tuple[str | None, ...]) -> tuple[str | None, ...]:
    if not key:
        return ()
    task, dataset, config, split = key
    where = ", ".join(part for part in (_config_unless_named(dataset, config), split) if part)
    return task, f"{dataset} ({where})" if dataset and where else dataset or where


def _config_unless_named(dataset: str | None, config: str | None) -> str | None:
    """A dataset's config, unless the dataset's name already says it (MTEB names its sets "MTEB AFQMC (default)")."""
    if dataset and config and re.search(rf"(?<!\w){re.escape(config)}(?!\w)", dataset, re.I):
        return None
    return config


def _headline(model: Model, config: CatalogConfig) -> dict[str, str] | None:
    """The primary figure, shown under the name: on a phone, or with many metrics, the table starts below the
    first screen."""
    metric = model.primary_metric
    if metric is None:
        return None
    named = _config_unless_named(metric.dataset, metric.dataset_config)
    measured = ", ".join(part for part in (_dataset_shown(model, metric, config), named, metric.split) if part)
    return {
        "label": f"{metric_label(config, metric)}:",
        "text": format_metric(metric),
        "context": f"on {measured}" if measured else metric.context,
    }


def _dataset_shown(model: Model, metric: Metric, config: CatalogConfig) -> str | None:
    """The dataset a quality figure was measured on: the metric's own, else the stub's (as the table's column says),
    by its name in catalog.yml, else as written (a Hub id such as wikiner_fr); none for a speed, which its context
    places."""
    if metric.is_speed:
        return None
    dataset = metric.dataset or model.stub.dataset
    return config.names.get(dataset, dataset)


def _metric_view(metric: Metric, label: str, primary: bool, dataset: str | None) -> dict[str, Any]:
    """dataset: where the figure was measured, shown beside it; None in a group whose title says it."""
    measured = ", ".join(part for part in (dataset, metric.split) if part) if dataset else ""
    return {
        "label": label,
        "text": format_metric(metric),
        "primary": primary,
        "context": metric.context or measured or "--",
        "source": metric.source,
    }


def _file_view(model: Model, entry: FileEntry, catalog: Catalog, page: str) -> dict[str, Any]:
    return {
        "path": entry.path,
        # A line may break after each '/', and nowhere inside a name.
        "path_html": Markup("/<wbr>").join(escape(part) for part in entry.path.split("/")),
        "kind": entry.kind,
        "size": _size_text(entry),
        "uri": download_url(model, entry, catalog, page),
        "download": posixpath.basename(entry.path) if entry.is_local and not is_inert_file(entry.path) else None,
    }


def _compressed_size_text(model: Model) -> str:
    text = format_size(model.compressed_size or 0)
    return f"{text} ({STATED})" if model.is_compressed_size_stated else text


def _size_text(entry: FileEntry) -> str:
    if entry.size is None:
        return "--"
    # A size only the card gives was not measured by zoocat: say whose figure it is.
    return format_size(entry.size) if entry.is_local else f"{format_size(entry.size)} ({STATED})"


def download_url(model: Model, entry: FileEntry, catalog: Catalog, page: str) -> str | None:
    if entry.url:
        return entry.url
    base = catalog.config.download_base_url
    if base:
        return base + quote(f"{model.stub}/{entry.path}", safe="/")
    in_docs_tree = catalog.config.in_docs_tree
    return relative(file_uri(model, entry.path, in_docs_tree), page) if entry.is_local else None


PLAIN_LIMIT = 500  # characters of an unknown field shown on the page


def _plain(value: Any) -> str:
    """An unknown front-matter value as short, deterministic text.

    YAML aliases can make a small file describe a huge value: the walk stops at PLAIN_LIMIT.
    """
    parts: list[str] = []
    _write_plain(value, parts, [0], 0)
    text = "".join(parts)
    return text if len(text) <= PLAIN_LIMIT else text[: PLAIN_LIMIT - 1] + "…"


def _write_plain(value: Any, parts: list[str], used: list[int], depth: int) -> None:
    if used[0] > PLAIN_LIMIT or depth > 20:
        parts.append("…")
        used[0] = PLAIN_LIMIT + 1
        return
    if isinstance(value, dict):
        items: list[tuple[str, Any]] = sorted(((str(k), v) for k, v in value.items()), key=lambda kv: kv[0])
        _write_sequence(items, "{", "}", parts, used, depth)
    elif isinstance(value, (list, tuple, set, frozenset)):
        members = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        _write_sequence(members, "[", "]", parts, used, depth)
    else:
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        parts.append(text)
        used[0] += len(text)


def _write_sequence(
    members: list[Any], opening: str, closing: str, parts: list[str], used: list[int], depth: int
) -> None:
    parts.append(opening)
    for index, member in enumerate(members):
        if index:
            parts.append(", ")
        if used[0] > PLAIN_LIMIT:
            parts.append("…")
            break
        if opening == "{":
            parts.append(f"{member[0]}: ")
            member = member[1]
        _write_plain(member, parts, used, depth + 1)
    parts.append(closing)
