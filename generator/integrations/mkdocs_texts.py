"""What the MkDocs plugin says and checks beside drawing pages: the texts it gives MkDocs (titles, search text,
descriptions, escaped for themes), its warnings and errors, the engine it runs under, and the rewriting of zoocat's
HTML for Material's instant navigation."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..model.catalog import Catalog
from ..model.problems import Problem

log = get_plugin_logger("zoocat")

# A table's data. json_for_script leaves no '<' in it, so it ends at the first '</script>'.
# A relative link to a folder's index.html, as zoocat's pages write them (they open from disk too).
INDEX_LINK = re.compile(
    r'(?P<attr>\bhref)="(?P<folder>(?:(?![a-z][a-z0-9+.-]*:|/)[^"#?]*/)?)index\.html(?P<rest>[?#][^"]*)?"'
)


# The engines the plugin is made and tested for, by the name of the module that runs it and its version.
SUPPORTED = {"mkdocs": "1.6", "properdocs": "1.6"}


def engine_problem(name: str, version: str) -> str | None:
    """A warning when the plugin runs under an engine it is not made for (a later MkDocs, another fork). Zensical
    never gets here: it does not import MkDocs plugins at all (see docs/engines.md)."""
    if SUPPORTED.get(name) == ".".join(version.split(".")[:2]):
        return None
    made_for = " and ".join(f"{engine} {release}" for engine, release in SUPPORTED.items())
    return (
        f"zoocat: the plugin is made for {made_for}, and this is {name} {version}: if the zoo's pages are missing "
        "or wrong, write them with `zoocat docs CATALOG -o docs/zoo` instead (see zoocat's docs/engines.md)"
    )


# Lookalikes of the angle brackets, for the one filter that undoes escaping (below).
_ANGLES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def theme_text(text: str) -> str:
    """Text from a card or catalog.yml as MkDocs themes can take it: they insert titles without escaping (a title
    may be HTML there), in elements and in attributes. Escaped, it shows as written. Material's `<title>` also
    passes it through `striptags`, which unescapes it again: so angle brackets become lookalikes, which no
    unescaping turns back into markup, and `&` is escaped so that no entity a card wrote turns into one either."""
    return escape(text.translate(_ANGLES), quote=True)


def search_texts(catalog: Catalog) -> dict[str, str]:
    """What MkDocs' search reads of each model page: its stub, its fields, description and tags (its name is the
    title). Other zoocat pages give it their title only. Whole pages, tables with a row per model among them, made
    a search index of 66 MB at 10,000 models, which no browser loads; this one holds what a reader looks a model up
    by."""
    texts = {}
    for model in catalog.models:
        # The stub's fields as words too: search splits words at spaces and hyphens, not at the stub's slashes.
        fields = model.stub.text.replace("/", " ")
        parts = (model.stub.text, fields, model.card.description or "", " ".join(model.card.tags))
        texts[model.page_uri] = "".join(f"<p>{escape(part)}</p>" for part in parts if part)
    return texts


def report_problems(problems: list[Problem], catalog_path: str) -> list[str]:
    """Warnings through MkDocs' logger (so --strict fails on them); any error stops the build. Returns the
    warnings' codes."""
    warned = []
    for problem in problems:
        if problem.level == "warning":
            log.warning(problem.format(catalog_path).replace(": warning[", ": [", 1))
            warned.append(problem.code)
    errors = [problem.format(catalog_path) for problem in problems if problem.level == "error"]
    if errors:
        raise PluginError(
            f"zoocat: {len(errors)} card error{'s' * (len(errors) != 1)} in {catalog_path}:\n  " + "\n  ".join(errors)
        )
    return warned


def strict_hint(codes: list[str]) -> str:
    """What to do about the catalog's warnings in a strict build: mend the cards, or set the codes' level."""
    counted = ", ".join(f"{code} ({codes.count(code)})" for code in sorted(set(codes)))
    first = min(codes)
    return (
        f"{len(codes)} warning{'s' * (len(codes) != 1)} came from the catalog: {counted}. Mend the cards, or keep a "
        f"code out of this build under the plugin's `checks:` option (for example `{first}: ignore`)"
    )


def refuse_catalog_in_docs(catalog_path: str, docs_dir: str) -> None:
    catalog, docs = Path(catalog_path).resolve(), Path(docs_dir).resolve()
    if catalog == docs or catalog.is_relative_to(docs):
        raise PluginError(
            f"zoocat: the catalog {catalog_path} is inside docs_dir ({docs_dir}), so MkDocs would publish every "
            "model.md a second time, as a page of its own; move the catalog out of docs_dir (beside mkdocs.yml, "
            "for example) and set the plugin's `catalog:` to its new place"
        )


def descriptions(catalog: Catalog) -> dict[str, str]:
    """The description of each model's page (its card's), and of the catalog's home page (catalog.yml's)."""
    described = {model.page_uri: model.card.description for model in catalog.models if model.card.description}
    if catalog.config.description:
        described["index.html"] = catalog.config.description
    return described


def folder_links(html: str) -> str:
    """Links to a folder's index.html written as the folder's URL, as MkDocs writes its own: Material's instant
    navigation swaps in only the pages its sitemap lists, by those URLs, and loads any other link anew."""

    def rewrite(match: re.Match[str]) -> str:
        return f'{match.group("attr")}="{match.group("folder") or "./"}{match.group("rest") or ""}"'

    return INDEX_LINK.sub(rewrite, html)
