"""The Atom feed of models added or changed (RFC 4287), as plain data for the feed.xml template."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..model.catalog import Catalog
from ..model.model_records import Model
from .views import FEED_URI

FEED_LIMIT = 50
# Without a base_url the site has no address: ids are tag: URIs (RFC 4151), stable from build to build.
TAG_PREFIX = "tag:zoocat,2024:"
# Characters XML 1.0 cannot hold, even escaped; a YAML "\x01" escape puts them in card text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_view(catalog: Catalog) -> dict[str, Any] | None:
    """The newest changes first; None when no model has a date, since a feed must say when it changed."""
    dated = [model for model in catalog.models if model.dates.updated]
    dated.sort(key=lambda model: (-_seconds(model.dates.updated), model.stub.text))
    if not dated:
        return None
    config = catalog.config
    base = config.base_url
    entries = [_entry(model, base) for model in dated[:FEED_LIMIT]]
    return {
        "id": base + FEED_URI if base else TAG_PREFIX + "feed",
        "title": xml_text(config.title),
        "subtitle": xml_text(config.description) if config.description else None,
        "updated": entries[0]["updated"],
        "self_url": base + FEED_URI if base else FEED_URI,
        "home_url": base if base else "index.html",
        "author": xml_text(config.title),
        "entries": entries,
    }


def _entry(model: Model, base: str | None) -> dict[str, Any]:
    page = f"models/{model.stub}/"
    return {
        "id": base + page if base else TAG_PREFIX + page.rstrip("/"),
        "title": xml_text(model.display_name),
        "url": base + page if base else model.page_uri,
        "updated": rfc3339(model.dates.updated),
        "published": rfc3339(model.dates.added) if model.dates.added else None,
        "summary": xml_text(model.card.description) if model.card.description else None,
    }


def rfc3339(moment: datetime | None) -> str:
    assert moment is not None
    return f"{moment:%Y-%m-%dT%H:%M:%SZ}"  # dates are kept in UTC


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _seconds(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0
