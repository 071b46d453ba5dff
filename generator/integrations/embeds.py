"""A directive's part of a page, drawn by the same Renderer and templates as the site: a sub-domain's table (with
a view of its own, if the directive gives one), or one model's figures. Shared by the MkDocs plugin and the
Python-Markdown extension; it knows nothing of either.

Parts are drawn for the zoo's pages mounted at a folder of the docs site (`zoo/` by default: where `zoocat docs`
writes them, or where the plugin puts them), and their links are rewritten relative to the page that holds them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode, urlsplit

from markupsafe import Markup, escape

from ..model.catalog import Table
from ..model.model_records import Model
from ..model.stubs import FIELD_NAMES
from ..render.model_views import model_view
from ..render.site_units import Renderer
from .directives import Directive

# The table script's own URL parameters (docs/url-state.md) besides the stub fields and the numeric bounds.
VIEW_KEYS = ("tag", "q", "sort", "cols", "compare", "speed_context")
NOT_APPLICABLE = "N/A"
_REGION = 'role="region" aria-label="'  # the start of a table's scrolling region's name (_table.html)


@dataclass(frozen=True)
class Placed:
    """A directive's HTML, or why it could not be drawn (a sentence that says what to write instead)."""

    html: str | None
    problem: str | None = None


class Embedder:
    """Draws directives for pages of one docs site; a table is drawn once, however many pages show it."""

    def __init__(self, renderer: Renderer, mount: str, classes: str) -> None:
        self.renderer = renderer
        self.mount = mount.strip("/")
        self.classes = classes
        self._models = {model.stub.text: model for model in renderer.catalog.models}
        self._tables = {table.key: table for table in renderer.catalog.tables}
        self._drawn: dict[str, tuple[str, str]] = {}

    def place(self, directive: Directive, page_uri: str, assets: bool) -> Placed:
        """The directive's part for the page at page_uri (a site path such as `guide/index.html`); with `assets`,
        the links to zoocat's stylesheets and script come with it (a page needs them once)."""
        if directive.kind == "model":
            return self._model(directive.key, page_uri, assets)
        return self._table(directive, page_uri, assets)

    def _table(self, directive: Directive, page_uri: str, assets: bool) -> Placed:
        table = self._tables.get(directive.key)
        if table is None:
            known = ", ".join(self._tables) or "none: the catalog has no models"
            return Placed(None, f"no table '{directive.key}' in the catalog; tables are {known}")
        problems = check_view(table, directive.view)
        if problems:
            return Placed(None, f"the view of table '{directive.key}': " + "; ".join(problems))
        if directive.key not in self._drawn:
            drawn = self.renderer.table_fragment(directive.key)
            assert drawn is not None
            self._drawn[directive.key] = drawn
        fragment, table_page = self._drawn[directive.key]
        html = searchless_tables(rebase_links(fragment, f"{self.mount}/{table_page}", page_uri))
        view = urlencode(directive.view) if directive.view else None
        if directive.view:
            # The page may hold the whole table too: a region of its own name, which says what the view shows.
            shown = ", ".join(f"{key} {value}" for key, value in directive.view)
            html = html.replace(_REGION, f"{_REGION}{escape(shown)}: ", 1)
        return Placed(self._wrap(html, page_uri, assets, view))

    def _model(self, stub: str, page_uri: str, assets: bool) -> Placed:
        model = self._models.get(stub)
        if model is None:
            return Placed(None, f"no model '{stub}' in the catalog{_near(stub, self._models)}")
        html = self.model_figures(model)
        return Placed(self._wrap(rebase_links(html, f"{self.mount}/{model.page_uri}", page_uri), page_uri, assets))

    def model_figures(self, model: Model) -> str:
        """A model's name (linked to its page), primary figure and metrics, with links relative to its page."""
        view = model_view(model, self.renderer.catalog, self.renderer.links, "")
        link = posixpath.basename(model.page_uri)
        return self.renderer.env.get_template("_model_figures.html").render(model=view, model_link=link)

    def _wrap(self, html: str, page_uri: str, assets: bool, view: str | None = None) -> str:
        folder = posixpath.relpath(f"{self.mount}/assets", posixpath.dirname(page_uri) or ".")
        return self.renderer.env.get_template("_embed.html").render(
            classes=self.classes, view=view, html=Markup(html), assets=f"{folder}/" if assets else None
        )


def check_view(table: Table, view: tuple[tuple[str, str], ...]) -> list[str]:
    """What in a directive's view the table script would not understand, or would show no row for."""
    numeric = {column.key for column in table.columns if column.is_numeric}
    problems = []
    for key, value in view:
        bound = key.partition("_")[2] if key.startswith(("min_", "max_")) else None
        if bound is not None and bound in numeric:
            problems += [] if _is_number(value) else [f"{key}={value!r} is not a number"]
        elif key in FIELD_NAMES:
            problems += _check_values(key, value, {_field(model, key) for model in table.models})
        elif key == "tag":
            problems += _check_values(key, value, {tag for model in table.models for tag in model.card.tags})
        elif key in VIEW_KEYS:
            problems += _check_other(table, key, value)
        else:
            known = ", ".join([*FIELD_NAMES, *VIEW_KEYS, *(f"min_{k}, max_{k}" for k in sorted(numeric))])
            problems.append(f"unknown option '{key}'; the options are the table's URL parameters: {known}")
    return problems


def _check_values(key: str, value: str, present: set[str]) -> list[str]:
    missing = [part for part in value.split(",") if part and part not in present]
    if not missing:
        return []
    shown = ", ".join(sorted(present)[:20]) or "none"
    return [f"no model of the table has {key} {', '.join(repr(m) for m in missing)} (it has {shown})"]


def _check_other(table: Table, key: str, value: str) -> list[str]:
    columns = [column.key for column in table.columns]
    if key == "sort" and value.removeprefix("-") not in columns:
        return [f"sort={value!r}: the table has no column '{value.removeprefix('-')}'; it has {', '.join(columns)}"]
    if key == "cols":
        unknown = [part for part in value.split(",") if part and part not in columns[1:]]
        if unknown:
            return [f"cols: the table has no column {', '.join(map(repr, unknown))}; it has {', '.join(columns[1:])}"]
    if key == "speed_context" and not (value.isdigit() and int(value) < max(len(table.speed_contexts), 1)):
        return [f"speed_context={value!r}: the table has {len(table.speed_contexts)} measuring contexts, from 0"]
    if key == "compare":
        stubs = {model.stub.text for model in table.models}
        unknown = [part for part in value.split(",") if part and part not in stubs]
        if unknown:
            return [f"compare: no model {', '.join(map(repr, unknown))} in the table"]
    return []


def _field(model: Model, key: str) -> str:
    value = getattr(model.stub, key)
    return NOT_APPLICABLE if value is None else str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _near(stub: str, models: dict[str, Model]) -> str:
    """A hint for a stub that is not in the catalog: the models that share its table, if any."""
    table = "/".join(stub.split("/")[:2])
    same = sorted(text for text in models if text.startswith(f"{table}/"))
    if not same:
        return " (a card with errors is left out: `zoocat validate` names them)"
    return f"; models of {table} are {', '.join(same[:10])}" + (" ..." if len(same) > 10 else "")


# The starts of a table (_table.html) and of a chart (_charts.html): a row or a point per model.
_PER_MODEL = ('<div class="zoocat-table" ', '<figure class="chart" ')


def searchless_tables(html: str) -> str:
    """Tables and charts marked for the docs engine's search to leave out (`data-search-exclude`, which Zensical
    and Material for MkDocs honour): a row or a point per model repeats what the model pages hold, and at 10,000
    models a sub-domain's rows, or its chart's points, are more than Zensical's search index takes for a page,
    which stops its build."""
    for start in _PER_MODEL:
        html = html.replace(start, f"{start}data-search-exclude ")
    return html


HREF = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')


def rebase_links(html: str, from_uri: str, to_uri: str) -> str:
    """Relative links of HTML made for the page at from_uri, rewritten for the page at to_uri."""
    source_dir, target_dir = posixpath.dirname(from_uri), posixpath.dirname(to_uri) or "."

    def rewrite(match: re.Match[str]) -> str:
        url = match.group("url")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("/", "#")) or not url:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(source_dir, unquote(parts.path)))
        moved = posixpath.relpath(target, target_dir)
        suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        return f'{match.group("attr")}="{quote(moved, safe="/")}{suffix}"'

    return HREF.sub(rewrite, html)
