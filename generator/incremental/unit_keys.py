"""Each unit's key: a digest of everything the unit is made from, so that an update renders only units whose key
changed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from ..build_options import BuildOptions
from ..model.catalog import Catalog
from ..render.site_units import TABLE_UNITS
from ..render.views import hub_names
from .cache import STAMP, SourceState, Stat, digest, git_head


@dataclass(frozen=True)
class RowParts:
    """Each model's part in the keys of the units that show it (stub -> text): made once per model, since the
    tables of big tags hold most models, and rows outnumber models sevenfold."""

    full: dict[str, str]  # from the models' signatures: data files, model pages
    view: dict[str, str]  # from their view signatures: tables' pages


def row_parts(catalog: Catalog, signatures: dict[str, str]) -> dict[str, str]:
    """Each model's stub, signature, and its baseline's signature (a row shows how it compares)."""
    parts = {}
    for model in catalog.models:
        stub = model.stub.text
        delta = catalog.deltas.get(stub)
        baseline = signatures.get(delta.baseline.stub.text, "") if delta else ""
        parts[stub] = f"{stub} {signatures.get(stub, '')} {baseline}"
    return parts


def unit_keys(catalog: Catalog, names: list[str], rows: RowParts, site: str) -> dict[str, str]:
    """Each unit's key: a digest of the row parts of the models it shows and of the site around it.

    A table's page draws what view_signature covers; its data files and the model pages give everything.
    """
    everything = _key(site, "", rows.full.values())
    tables = {table.key: table for table in catalog.tables}
    tags = {group.tag.slug: group for group in catalog.tags}
    family_of = {}
    for members in catalog.families.values():
        stubs = list(map(_stub_text, members))
        family_of.update(dict.fromkeys(stubs, "\n".join(map(rows.full.__getitem__, stubs))))
    keys = {}
    for name in names:
        kind, _, arg = name.partition(":")
        if kind == "model":  # its page lists the family, itself included
            keys[name] = _key(site, name, (rows.full[arg], family_of.get(arg, "")))
        elif kind in TABLE_UNITS:
            models = tables[arg].models if kind.startswith("table") else tags[arg].models
            of = rows.full if kind.endswith("-data") else rows.view
            keys[name] = _key(site, name, map(of.__getitem__, map(_stub_text, models)))
        else:
            keys[name] = digest(everything, name)
    return keys


_stub_text = attrgetter("stub.text")


def _key(site: str, name: str, rows: Iterable[str]) -> str:
    text = "\n".join((STAMP, site, name, *rows))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def inputs_digest(options: BuildOptions, stats: list[Stat], theme: list[tuple[str, str]]) -> str:
    """Everything a build reads, by size and time: the catalog's files, the theme's, the options, git's HEAD."""
    where = os.path.realpath(options.catalog)
    return digest(STAMP, where, options.base_url, options.theme_dir, stats, theme, git_head(options.catalog))


def site_digest(catalog: Catalog, theme: list[tuple[str, str]]) -> str:
    """What every page shows besides its own models: settings, theme, navigation, the list of models and tags."""
    stubs = [model.stub.text for model in catalog.models]
    tables = [(table.key, table.title) for table in catalog.tables]
    # Hub names make base_model links on other models' pages.
    names = sorted(hub_names(catalog.models).items())
    return digest(STAMP, repr(catalog.config), theme, stubs, tables, sorted(catalog.tag_slugs.items()), names)


def model_row_parts(catalog: Catalog, sources: dict[str, SourceState]) -> RowParts:
    """Each model's part in the keys of the units that show it: its signature, in full and as tables see it."""
    stubs = [model.stub.text for model in catalog.models]
    full, view = {stub: sources[stub].signature for stub in stubs}, {stub: sources[stub].view for stub in stubs}
    return RowParts(row_parts(catalog, full), row_parts(catalog, view))
