"""Template contexts: plain data made from the catalog, so templates need no logic."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import quote

from markupsafe import Markup, escape

from ..model.baselines import Delta
from ..model.catalog import (
    FIELD_LABELS,
    STATED,
    Catalog,
    Cell,
    Column,
    Table,
    format_metric,
    format_size,
    metric_dataset,
    metric_label,
    throughput_in,
)
from ..model.model_records import FileEntry, Metric, Model, ModelCard
from ..model.stubs import FIELD_NAMES
from ..read.catalog_config import CatalogConfig


def table_uri(table: Table) -> str:
    return f"{_table_folder(table)}/index.html"


def embed_uri(table: Table) -> str:
    return f"tables/{_table_folder(table)}/index.html"


def _table_folder(table: Table) -> str:
    return f"tags/{table.tag.slug}" if table.tag else f"models/{table.domain}/{table.sub_domain}"


TAGS_URI = "tags/index.html"
FEED_URI = "feed.xml"


def tag_uri(slug: str) -> str:
    return f"tags/{slug}/index.html"


def domain_uri(domain: str) -> str:
    return f"models/{domain}/index.html"


def recipe_uri(model: Model, name: str) -> str:
    return f"models/{model.stub}/recipes/{name}/index.html"


# Suffixes a browser shows as data, text, an image or media when a static host serves a file by its name. Any
# other file may be served as something a browser runs (HTML, XHTML, SVG, XML, script, PDF, types yet to come), so
# it is published in the model's downloads/ folder with a '.bin' suffix, which hosts serve as
# application/octet-stream; its link carries the real name for the download.
INERT_SUFFIXES = frozenset(
    (
        # weights, tensors and model formats
        "onnx", "pt", "pth", "ckpt", "safetensors", "bin", "h5", "hdf5", "keras", "pb", "pbtxt", "tflite", "pkl",
        "pickle", "joblib", "npz", "npy", "mlmodel", "engine", "plan", "trt", "caffemodel", "prototxt", "params",
        "msgpack", "gguf", "ggml", "mar", "model", "data", "ot",
        # archives and compressed files
        "tar", "gz", "tgz", "zip", "xz", "bz2", "zst", "7z", "lz4",
        # text and structured text
        "txt", "md", "markdown", "rst", "log", "csv", "tsv", "json", "jsonl", "ndjson", "yaml", "yml", "toml",
        "ini", "cfg", "conf", "py", "ipynb", "sh",
        # images (not SVG), audio, video
        "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff",
        "wav", "mp3", "flac", "ogg", "mp4", "webm",
    )
)  # fmt: skip
# Apache gives a file the type of every suffix it knows ('a.html.gz' is gzipped HTML): an earlier suffix counts
# too when it names a type. Python's own table, not the system's, so that every machine decides the same.
_TYPES_PYTHON_LACKS = frozenset(("xht", "xhtm", "mml", "mathml", "rss", "atom", "xsd", "xslt"))
_KNOWN_SUFFIXES = _TYPES_PYTHON_LACKS | {
    suffix.lstrip(".") for table in mimetypes.MimeTypes().types_map for suffix in table
}


def is_inert_file(path: str) -> bool:
    """Whether a static host serves the file as something no browser runs, whatever its bytes."""
    suffixes = posixpath.basename(path).lower().split(".")[1:]
    if not suffixes or suffixes[-1] not in INERT_SUFFIXES:
        return False
    return all(suffix in INERT_SUFFIXES or suffix not in _KNOWN_SUFFIXES for suffix in suffixes[:-1])


# Suffixes a docs engine (MkDocs, ProperDocs, Zensical) turns into pages of the site, of those published by name.
PAGE_SUFFIXES = (".md", ".markdown")


def file_uri(model: Model, path: str, in_docs_tree: bool = False) -> str:
    """Where a model's file is published. In a docs tree a Markdown file gets '.txt' after its name: published as
    `model.md`, the engine would render it as a page of its own, raw HTML unsanitized (see docs_pages.py)."""
    if is_inert_file(path):
        text = in_docs_tree and path.lower().endswith(PAGE_SUFFIXES)
        return f"models/{model.stub}/files/{path}" + (".txt" if text else "")
    # A folder of its own, so that no file of the model can have the name this one is given.
    return f"models/{model.stub}/downloads/{path}.bin"


def relative(target_uri: str, page_uri: str) -> str:
    """A link from one page of the site to another, as a relative, URL-quoted path.

    Both are normalized site paths (no '.' or '..'): the common folders are dropped and the rest climbed, which is
    what posixpath.relpath gives, without its cost (it is called for every link of every table row).
    """
    start = page_uri.split("/")[:-1]
    parts = target_uri.split("/")
    common = 0
    for mine, theirs in zip(start, parts[:-1], strict=False):
        if mine != theirs:
            break
        common += 1
    path = "../" * (len(start) - common) + "/".join(parts[common:])
    return path if _URL_SAFE.fullmatch(path) else quote(path, safe="/")


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~/-]*")


def count_label(count: int, noun: str = "model") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def root_of(page_uri: str) -> str:
    depth = page_uri.count("/")
    return "../" * depth


@dataclass(frozen=True)
class Links:
    """Where each model is, to turn stubs named in cards (base, parent) and Hub ids (base_model) into links."""

    model_uris: dict[str, str]
    hub_uris: dict[str, str] = field(default_factory=dict)  # a card's Hub name (hub_names) -> its page

    def model(self, stub_text: str | None) -> str | None:
        if not stub_text:
            return None
        key = stub_text.removeprefix("zoo:").split("?", 1)[0]
        return self.model_uris.get(key)

    def hub_model(self, repo_id: str) -> str | None:
        """A base_model's page: a stub, or a card whose Hub name is the id ('openai/whisper-small') or its last part
        ('whisper-small'), as model-index names are often written."""
        found = self.model(repo_id) or self.hub_uris.get(repo_id)
        return found or self.hub_uris.get(repo_id.rsplit("/", 1)[-1])


def hub_names(models: tuple[Model, ...]) -> dict[str, str]:
    """Each Hub name a card gives (model-index name, else model_name) -> its model's page; the first stub wins."""
    uris: dict[str, str] = {}
    for model in models:
        if model.card.hub_name:
            uris.setdefault(model.card.hub_name, model.page_uri)
    return uris


def nav_items(catalog: Catalog, current_domain: str | None) -> list[dict[str, Any]]:
    return [
        {"title": d.title, "uri": domain_uri(d.name), "is_current": d.name == current_domain} for d in catalog.domains
    ]


def json_for_script(data: Any) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def table_data(table: Table, deltas: dict[str, Delta]) -> dict[str, Any]:
    """What the table script needs beyond the cells: facets, columns and the tags of each row."""
    return {
        "key": table.key,
        "facets": [{"key": facet.key, "label": facet.label} for facet in table.facets],
        "columns": [_column_data(column, table) for column in table.columns],
        "rows": [{"t": list(model.card.tags)} for model in table.models],
        "speed": {
            "contexts": list(table.speed_contexts),
            "values": [[_speed(model, c) for c in table.speed_contexts] for model in table.models],
            "speedups": [[_speedup(model, c, deltas) for c in table.speed_contexts] for model in table.models],
        },
    }


def _column_data(column: Column, table: Table) -> dict[str, Any]:
    data: dict[str, Any] = {"key": column.key, "label": column.label, "numeric": column.is_numeric}
    if column.best_first:
        data["best"] = column.best_first  # the order of a first click on its header: best figures first
    if column.key not in table.shown:
        data["hidden"] = True  # offered by the column chooser, not shown until chosen
    return data


def _speedup(model: Model, context: str, deltas: dict[str, Delta]) -> float | None:
    delta = deltas.get(model.stub.text)
    value = delta.speedups.get(context) if delta else None
    return round(value, 4) if value is not None else None


def _speed(model: Model, context: str) -> float | None:
    metric = throughput_in(model, context)
    return metric.value if metric else None


# A table cell shows at most this many characters of card text (the model page has it all): with stub fields,
# which the stub grammar keeps short, this bounds a row's HTML whatever a card says.
CELL_LIMIT = 120


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CellView(NamedTuple):
    """One cell's data, for a theme that draws cells its own way."""

    text: str
    value: Any
    note: str | None
    numeric: bool


class RowView:
    """One row: `cells_html` is the cells as zoocat draws them; `cells` their data, made only if a theme asks."""

    __slots__ = ("_cells", "_columns", "cells_html", "name", "stub", "uri")

    def __init__(self, model: Model, cells: tuple[Cell, ...], columns: tuple[Column, ...], drawn: CellHtml) -> None:
        """cells and columns: those after the name, which the row draws apart."""
        self.stub = model.stub.text
        self.uri = model.page_uri
        self.name = clip(model.display_name)
        self._columns = columns
        self._cells = cells
        self.cells_html = drawn.row(columns, cells)

    @property
    def cells(self) -> list[CellView]:
        return [
            CellView(clip(c.text), c.value, clip(c.note) if c.note else None, col.is_numeric)
            for col, c in zip(self._columns, self._cells, strict=True)
        ]


class CellHtml:
    """Table cells as HTML, each drawn once: a model's cells repeat in the table of each of its tags, and many
    cells are alike ('--'). Cells are values, so equal cells share their HTML."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, str | float | None, str | None, bool], str] = {}

    def row(self, columns: tuple[Column, ...], cells: tuple[Cell, ...]) -> Markup:
        drawn = self._drawn
        parts = []
        for column, cell in zip(columns, cells, strict=True):
            # Keyed by the cell's parts, not the cell: a tuple hashes and compares in C, a dataclass in Python.
            key = (cell.text, cell.value, cell.note, column.is_numeric)
            html = drawn.get(key)
            if html is None:
                html = drawn[key] = _cell_html(cell, column.is_numeric)
            parts.append(html)
        return Markup("".join(parts))


def _cell_html(cell: Cell, numeric: bool) -> str:
    value = "" if cell.value is None else f' data-value="{escape(cell.value)}"'
    note = f'<span class="note">{escape(clip(cell.note))}</span>' if cell.note else ""
    kind = ' class="num"' if numeric else ""
    return f"<td{kind}{value}>{escape(clip(cell.text))}{note}</td>"


def table_view(table: Table, page_uri: str, deltas: dict[str, Delta], drawn: CellHtml) -> dict[str, Any]:
    root = root_of(page_uri)
    columns = table.columns[1:]
    return {
        "data_json": json_for_script(table_data(table, deltas)),
        "key": table.key,
        "title": table.title,
        "count": len(table.models),
        "count_label": count_label(len(table.models)),
        "speed_context": table.speed_contexts[0] if table.speed_contexts else None,
        "columns": table.columns,
        "embed_uri": relative(embed_uri(table), page_uri),
        "full_uri": relative(table_uri(table), page_uri),
        "uri": relative(table_uri(table), page_uri),
        # Made each time the table is drawn, in the worker that draws it, and let go with the drawing: a big zoo's
        # tables hold several rows per model, and a rebuild draws few of them.
        "rows": [RowView(model, table.make_cells(model)[1:], columns, drawn) for model in table.models],
        "root": root,
    }


def domain_view(catalog: Catalog, name: str, page_uri: str) -> dict[str, Any]:
    domain = next(d for d in catalog.domains if d.name == name)
    return {
        "name": domain.name,
        "title": domain.title,
        "uri": relative(domain_uri(domain.name), page_uri),
        "count": domain.model_count,
        "count_label": count_label(domain.model_count),
        "table_count_label": count_label(len(domain.tables), "table"),
        "tables": [
            {
                "title": t.title,
                "count_label": count_label(len(t.models)),
                "uri": relative(table_uri(t), page_uri),
                "best": _best_view(t, catalog.config, page_uri),
                "leaders": _leaders_view(t, catalog, page_uri),
            }
            for t in domain.tables
        ],
    }


LEADERS_COUNT = 5


def _leaders_view(table: Table, catalog: Catalog, page_uri: str) -> list[dict[str, Any]]:
    """The table's best models by its primary metric, best first, on the dataset its best model is measured on
    (figures on other datasets do not compare), with each one's recovery and sparse tag: the domain page's glance."""
    best = table.best_model
    if best is None or best.primary_metric is None:
        return []
    key, dataset = best.primary_metric.key, best.stub.dataset
    scored = [
        (model, metric)
        for model in table.models
        if (metric := model.primary_metric) and metric.key == key and model.stub.dataset == dataset
    ]
    scored.sort(key=lambda pair: (pair[1].value if pair[1].is_lower_better else -pair[1].value, pair[0].stub.text))
    views = []
    for model, metric in scored[:LEADERS_COUNT]:
        delta = catalog.deltas.get(model.stub.text)
        views.append({
            "name": model.display_name,
            "uri": relative(model.page_uri, page_uri),
            "figure": format_metric(metric),
            "recovery": f"{delta.recovery:.2f}%" if delta and delta.recovery is not None else "--",
            "tag": model.stub.sparse_tag,
        })  # fmt: skip
    return views


def _best_view(table: Table, config: CatalogConfig, page_uri: str) -> dict[str, Any] | None:
    model = table.best_model
    metric = model.primary_metric if model else None
    if model is None or metric is None:
        return None
    return {
        "name": model.display_name,
        "uri": relative(model.page_uri, page_uri),
        "metric": metric_label(config, metric),
        "figure": format_metric(metric),
        "dataset": metric_dataset(model, metric),
    }


NEWEST_COUNT = 10


def newest_view(catalog: Catalog, page_uri: str) -> dict[str, Any] | None:
    """The models added last, newest first, under one 'Added DAY' heading a day, so that models of one day do not
    read as a list in some other order. When every dated model was added on one day, any ten of them say nothing:
    the view says so in one line (`all_on`) instead. Models with no date cannot be placed and are left out."""
    dated = [model for model in catalog.models if model.dates.added]
    if not dated:
        return None
    dated.sort(key=lambda model: (-_timestamp(model.dates.added), model.stub.text))
    days: dict[str | None, list[dict[str, Any]]] = {}
    for model in dated[:NEWEST_COUNT]:
        days.setdefault(_day(model.dates.added), []).append(
            {
                "name": model.display_name,
                "uri": relative(model.page_uri, page_uri),
                "table": catalog.config.name_for(model.stub.sub_domain),
            }
        )
    one_day = len({_day(model.dates.added) for model in dated}) == 1 and len(dated) > NEWEST_COUNT
    return {
        "days": [] if one_day else [{"date": day, "models": models} for day, models in days.items()],
        "all_on": {"date": _day(dated[0].dates.added), "count_label": count_label(len(dated))} if one_day else None,
    }


def tags_view(catalog: Catalog, page_uri: str) -> list[dict[str, Any]]:
    return [
        {
            "name": table.title,
            "uri": relative(table_uri(table), page_uri),
            "count": len(table.models),
        }
        for table in catalog.tag_tables
    ]


POPULAR_TAGS = 15


def popular_tags_view(catalog: Catalog, page_uri: str) -> list[dict[str, Any]]:
    """The tags most models have, most first (ties by name), for the home page."""
    return sorted(tags_view(catalog, page_uri), key=lambda tag: (-tag["count"], tag["name"]))[:POPULAR_TAGS]


def _timestamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def _day(moment: datetime | None) -> str | None:
    """The day in UTC, as ISO 8601 text: the same in every locale and time zone."""
    return f"{moment:%Y-%m-%d}" if moment else None


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
            "is_current": member is model,
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
        rows = [_metric_view(metric, metric_label(config, metric), metric is primary, True) for metric in model.metrics]
        return [{"title": None, "metrics": rows}]
    return [
        {
            "title": " · ".join(part for part in _group_title(key) if part) or "Other figures",
            "metrics": [_metric_view(m, metric_label(config, m), m is primary, not key) for m in members],
        }
        for key, members in groups.items()
    ]


def _group_title(key: tuple[str | None, ...]) -> tuple[str | None, ...]:
    if not key:
        return ()
    task, dataset, config, split = key
    where = ", ".join(part for part in (config, split) if part)
    return task, f"{dataset} ({where})" if dataset and where else dataset or where


def _headline(model: Model, config: CatalogConfig) -> dict[str, str] | None:
    """The primary figure, shown under the name: on a phone, or with many metrics, the table starts below the
    first screen."""
    metric = model.primary_metric
    if metric is None:
        return None
    measured = ", ".join(part for part in (metric.dataset, metric.dataset_config, metric.split) if part)
    return {
        "label": f"{metric_label(config, metric)}:",
        "text": format_metric(metric),
        "context": f"on {measured}" if measured else metric.context,
    }


def _metric_view(metric: Metric, label: str, primary: bool, with_dataset: bool) -> dict[str, Any]:
    measured = ", ".join(part for part in (metric.dataset, metric.split) if part) if with_dataset else ""
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
