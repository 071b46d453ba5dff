"""Template contexts: plain data made from the catalog, so templates need no logic."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..model.catalog import Catalog, Table
from ..model.model_records import Model
from ..model.table_cells import format_metric, metric_dataset
from ..model.table_columns import metric_label
from ..model.titles import table_title
from ..read.catalog_config import CatalogConfig


def table_uri(table: Table) -> str:
    return f"{_table_folder(table)}/index.html"


def embed_uri(table: Table) -> str:
    return f"tables/{_table_folder(table)}/index.html"


def table_data_uri(table: Table) -> str:
    """The table's rows as data, read by its page, its bare page, the views of it, and comparisons."""
    return f"{_table_folder(table)}/rows.js"


def _table_folder(table: Table) -> str:
    return f"models/{table.domain}/{table.sub_domain}"


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
                "table": table_title(catalog.config, model.stub.domain, model.stub.sub_domain),
            }
        )
    one_day = len({_day(model.dates.added) for model in dated}) == 1 and len(dated) > NEWEST_COUNT
    return {
        "days": [] if one_day else [{"date": day, "models": models} for day, models in days.items()],
        "all_on": {"date": _day(dated[0].dates.added), "count_label": count_label(len(dated))} if one_day else None,
    }


def tags_view(catalog: Catalog, page_uri: str) -> list[dict[str, Any]]:
    return [
        {"name": group.tag.name, "uri": relative(tag_uri(group.tag.slug), page_uri), "count": len(group.models)}
        for group in catalog.tags
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
