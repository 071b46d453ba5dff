"""A tag's page: the tables its models are in, each opened filtered by the tag, and its models, a static page of
them at a time. A tag's page repeats no table's rows: the tables draw them."""

from __future__ import annotations

from itertools import groupby
from typing import Any
from urllib.parse import quote

from ..model.catalog import Catalog, TagGroup
from ..model.model_records import Model
from ..model.table_cells import format_metric
from ..model.table_columns import metric_label
from .table_views import ROWS_PER_PAGE, numbered_page_uri, page_count, pager_view
from .views import count_label, relative, tag_uri


def tag_page_uri(group: TagGroup, number: int) -> str:
    return numbered_page_uri(tag_uri(group.tag.slug), number)


def tag_pages(group: TagGroup) -> int:
    return page_count(len(group.models))


def tag_view(catalog: Catalog, group: TagGroup, number: int) -> dict[str, Any]:
    page_uri = tag_page_uri(group, number)
    titles = {table.key: table.title for table in catalog.tables}
    start = (number - 1) * ROWS_PER_PAGE
    models = group.models[start : start + ROWS_PER_PAGE]
    # The table script reads its filter from the URL: `tag=` names the tag as the cards write it.
    query = "?tag=" + quote(group.tag.name, safe="")
    return {
        "name": group.tag.name,
        "count_label": count_label(len(group.models)),
        "tables": [
            {
                "title": titles[key],
                "count_label": count_label(count),
                "uri": relative(f"models/{key}/index.html", page_uri) + query,
            }
            for key, count in group.by_table()
        ],
        # By table (models come in stub order, so each table's are together): its title once, not on every line.
        "groups": [
            {
                "title": titles[key],
                "models": [_entry(catalog, model, page_uri) for model in group_models],
            }
            for key, group_models in groupby(models, key=lambda m: f"{m.stub.domain}/{m.stub.sub_domain}")
        ],
        "pager": pager_view(tag_uri(group.tag.slug), number, len(group.models), page_uri),
    }


def _entry(catalog: Catalog, model: Model, page_uri: str) -> dict[str, Any]:
    """A model in a tag's list: its name, linked, and its primary figure (what visitors come for)."""
    metric = model.primary_metric
    figure = f"{metric_label(catalog.config, metric)} {format_metric(metric)}" if metric else None
    return {"name": model.display_name, "uri": relative(model.page_uri, page_uri), "figure": figure}
