"""What the data files hold: a model as a record, and the JSON and CSV they are written in."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..model.catalog import Catalog
from ..model.model_records import Model
from .model_views import download_url
from .views import relative


def model_data(model: Model, catalog: Catalog, data_uri: str = "catalog.json") -> dict[str, Any]:
    """A model as data; page and file URLs are relative to the data file at data_uri."""
    files = [
        {"path": e.path, "kind": e.kind, "size": e.size, "url": download_url(model, e, catalog, data_uri)}
        for e in model.files
    ]
    return {
        "stub": model.stub.text,
        "display_name": model.display_name,
        "description": model.card.description,
        **model.stub.fields(),
        "tags": list(model.card.tags),
        "license": model.card.license,
        "metrics": [metric.as_dict() for metric in model.metrics],
        "files": files,
        "page": relative(model.page_uri, data_uri),
        **delta_data(model, catalog),
    }


def delta_data(model: Model, catalog: Catalog) -> dict[str, Any]:
    """How a model compares with its baseline, as data."""
    delta = catalog.deltas.get(model.stub.text)
    if delta is None:
        return {"baseline": None}
    return {
        "baseline": delta.baseline.stub.text,
        "metric_delta": delta.metric_delta,
        "recovery": delta.recovery,
        "speedup": delta.speedup,
        "size_ratio": delta.size_ratio(model),
    }


def joined(parts: tuple[bytes, bytes, bytes], rows: Iterable[bytes]) -> Iterator[bytes]:
    """head, the rows with sep between them, then tail, piece by piece as the file is written: catalog.json is 200 MB
    at 100,000 models, and a worker that joined it would hold it twice (its rows, then the whole)."""
    head, sep, tail = parts
    yield head
    for number, row in enumerate(rows):
        if number:
            yield sep
        yield row
    yield tail


def json_text(data: Any) -> str:
    # Compact: json's C encoder runs only without indent.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_line(values: list[str]) -> str:
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(values)
    return line.getvalue()


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    # A cell starting with = + - @ runs as a formula in spreadsheets: card text must not.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
