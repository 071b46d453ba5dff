"""`zoocat import`: turn another zoo's description into stub folders with cards."""

from __future__ import annotations

from collections.abc import Callable

from . import huggingface, openmmlab
from .plan import Item, Report, assign_stubs, write_items

# FORMAT -> the function that plans the items of a SOURCE, given the --repo override.
IMPORTERS: dict[str, Callable[[str, str | None, Report], None]] = {
    "openmmlab": openmmlab.collect,
    "huggingface": huggingface.collect,
}

__all__ = ["IMPORTERS", "Item", "Report", "run_import"]


def run_import(source_format: str, source: str, catalog: str, dry_run: bool, repo: str | None = None) -> Report:
    """Plan every item of SOURCE, give each a distinct stub, and (unless dry_run) write the ones that can be."""
    report = Report()
    IMPORTERS[source_format](source, repo, report)
    assign_stubs(report)
    write_items(report, catalog, dry_run)
    return report
