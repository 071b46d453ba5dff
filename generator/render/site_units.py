"""Render every page and data file of the site in memory."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .. import __version__
from ..model.catalog import Catalog, Table, TagGroup
from ..model.model_records import Model, Recipe
from ..model.page_texts import whole
from ..model.titles import domain_title, table_title
from ..read.card_titles import without_title
from .charts import table_charts
from .data_records import joined, json_text, model_data
from .feed import feed_view
from .markdown_html import BodyRenderer, folder_resolver, highlight_code, render_markdown
from .model_views import download_url, model_view
from .search_index import search_index_scripts
from .site_files import SiteFiles
from .table_data import csv_header, csv_row, record_json, row_script, rows_script_parts
from .table_views import CellHtml, numbered_page_uri, page_count, table_view
from .tag_views import tag_page_uri, tag_pages, tag_view
from .theme import asset_files, make_environment
from .views import (
    FEED_URI,
    TAGS_URI,
    Links,
    count_label,
    domain_uri,
    domain_view,
    embed_uri,
    file_uri,
    hub_names,
    nav_items,
    newest_view,
    popular_tags_view,
    recipe_uri,
    relative,
    root_of,
    table_data_uri,
    table_uri,
    tags_view,
)

SITE_LAYOUT = "base.html"
MKDOCS_LAYOUT = "mkdocs_page.html"
DOCS_LAYOUT = "docs_page.html"


# A table's pages, its data files, and a tag's pages (which list models of several tables).
TABLE_UNITS = ("table", "table-data", "tag")


class Renderer:
    def __init__(
        self,
        catalog: Catalog,
        theme: list[Path],
        layout: str = SITE_LAYOUT,
        compiled: Path | None = None,
    ) -> None:
        self.catalog = catalog
        self.layout = layout
        self.env: jinja2.Environment = make_environment(theme, compiled)
        self.theme = theme
        self.links = Links({m.stub.text: m.page_uri for m in catalog.models}, hub_names(catalog.models))
        self.model_dirs = frozenset(m.stub.text for m in catalog.models)
        self.site = SiteFiles()
        self.cell_html = CellHtml()
        self.feed = feed_view(catalog)
        self._models = {model.stub.text: model for model in catalog.models}
        self.copies_in_output = True  # the model folders' files; the MkDocs plugin publishes them from the catalog
        self.render_body: BodyRenderer = render_markdown  # cmark-gfm; in the MkDocs plugin, the site's Markdown
        self._tables = {table.key: table for table in catalog.tables}
        self._tag_groups = {group.tag.slug: group for group in catalog.tags}

    def units(self) -> list[str]:
        """The site as named units of output, each rendered on its own (by any worker) and cached whole."""
        catalog = self.catalog
        names = ["home", *(f"domain:{d.name}" for d in catalog.domains)]
        # A table's pages and its data files are units apart: editing a card's text changes the files' sizes in
        # the data, not the pages.
        for table in catalog.tables:
            names += [f"table:{table.key}", f"table-data:{table.key}"]
        names += [f"tag:{group.tag.slug}" for group in catalog.tags]
        names += ["tags"] if catalog.tags else []
        names += [f"model:{model.stub}" for model in catalog.models]
        return [*names, "data", "search", "static"]

    def unit_weight(self, name: str) -> int:
        """Roughly how long a unit takes, in model rows: workers start with the longest, so none is left last."""
        kind, _, arg = name.partition(":")
        if kind == "tag":
            return len(self._tag_groups[arg].models) // 8 or 1
        if kind in TABLE_UNITS:
            return len(self._tables[arg].models)
        # The search index takes longer than the data files per model: weighed double.
        return len(self.catalog.models) * {"data": 1, "search": 2}.get(kind, 0) or 1

    def render_unit(self, name: str) -> SiteFiles:
        """One unit's pages and files, in a SiteFiles of its own."""
        kind, _, arg = name.partition(":")
        kept, self.site = self.site, SiteFiles()
        try:
            self._unit(kind, arg)
            return self.site
        finally:
            self.site = kept

    def _unit(self, kind: str, arg: str) -> None:
        if kind == "home":
            self._home()
        elif kind == "domain":
            self._domain(arg)
        elif kind == "table":
            self._table(self._tables[arg])
        elif kind == "table-data":
            self._table_data(self._tables[arg])
        elif kind == "tag":
            self._tag(self._tag_groups[arg])
        elif kind == "tags":
            self._tags()
        elif kind == "model":
            self._model(self._models[arg])
        elif kind == "data":
            self._data_files()
        elif kind == "search":
            for uri, script in search_index_scripts(self.catalog).items():
                self.site.add(uri, script)
        elif kind == "static":
            self._static()
        else:
            raise ValueError(f"no such unit of the site: {kind}:{arg}")

    def _home(self) -> None:
        self._page(
            "index.html",
            "index.html",
            None,
            page_title=self.catalog.config.title,
            domains=[domain_view(self.catalog, d.name, "index.html") for d in self.catalog.domains],
            table_count_label=count_label(len(self.catalog.tables), "table"),
            newest=newest_view(self.catalog, "index.html"),
            tags_uri=TAGS_URI if self.catalog.tags else None,
            popular_tags=popular_tags_view(self.catalog, "index.html"),
            tag_count_label=count_label(len(self.catalog.tags), "tag"),
            breadcrumbs=[],
        )

    def _domain(self, name: str) -> None:
        domain = next(d for d in self.catalog.domains if d.name == name)
        uri = domain_uri(domain.name)
        self._page(
            uri,
            "domain.html",
            domain.name,
            page_title=domain.title,
            domain=domain_view(self.catalog, domain.name, uri),
            breadcrumbs=[{"title": "Home", "uri": "index.html"}, {"title": domain.title, "uri": None}],
        )

    def table_fragment(self, key: str) -> tuple[str, str] | None:
        """One table as its page draws it, and that page's path (its links are relative to it); None if unknown."""
        table = self._tables.get(key)
        if table is None:
            return None
        uri = table_uri(table)
        return self._table_html(table, uri, table_view(table, uri, self.cell_html)), uri

    def _table_html(self, table: Table, uri: str, view: dict[str, Any]) -> Markup:
        context = self._context(uri, table.domain or None, table=view)
        return Markup(self.env.get_template("_table.html").render(context))

    def _context(self, uri: str, nav_domain: str | None, **extra: Any) -> dict[str, Any]:
        config = self.catalog.config
        folder = posixpath.dirname(uri)
        canonical = config.base_url + (folder + "/" if folder else "") if config.base_url else None
        return {
            "layout": self.layout,
            "site": config,
            "root": root_of(uri),
            "page_uri": uri,
            "nav": nav_items(self.catalog, nav_domain),
            "canonical_url": canonical,
            "model_count": len(self.catalog.models),
            "model_count_label": count_label(len(self.catalog.models)),
            "feed_uri": root_of(uri) + FEED_URI if self.feed else None,
            **extra,
        }

    def _page(self, uri: str, template: str, nav_domain: str | None, **extra: Any) -> None:
        """A page drawn in the layout; an MkDocs site lists it by its title."""
        self._render(uri, template, nav_domain, **extra)
        self.site.titles[uri] = extra["page_title"]

    def _render(self, uri: str, template: str, nav_domain: str | None, **extra: Any) -> None:
        self.site.add(uri, self.env.get_template(template).render(self._context(uri, nav_domain, **extra)))

    def _table(self, table: Table) -> None:
        """The table's page (its first rows as HTML, the rest from its data file), its bare embeddable copy, and a
        static page of rows for each further hundred, for readers without script and for search engines."""
        uri, bare = table_uri(table), embed_uri(table)
        crumbs = [
            {"title": "Home", "uri": "index.html"},
            {"title": table.domain_title, "uri": domain_uri(table.domain)},
            {"title": table.title, "uri": None},
        ]
        view = table_view(table, uri, self.cell_html)
        # Drawn once for the page and its bare copy, which shows it under a <base> of the page's address.
        view = {**view, "charts": table_charts(table, self.catalog.config), "html": self._table_html(table, uri, view)}
        self._page(uri, "table.html", table.domain, page_title=table.title, table=view, breadcrumbs=crumbs)
        bare_page = self._context(uri, table.domain, page_title=table.title, table=view, breadcrumbs=[])
        bare_page.update(page_uri=bare, base_href=relative(uri, bare))
        self.site.add(bare, self.env.get_template("table_embed.html").render(bare_page))
        for number in range(2, page_count(len(table.models)) + 1):
            page = numbered_page_uri(uri, number)
            view = table_view(table, page, self.cell_html, number, interactive=False)
            view["html"] = self._table_html(table, page, view)
            title = f"{table.title}, page {number}"
            self._page(page, "table_page.html", table.domain, page_title=title, table=view, breadcrumbs=crumbs)

    def _table_data(self, table: Table) -> None:
        """The table's rows as data, once for its script and in the two download formats."""
        deltas, folder = self.catalog.deltas, posixpath.dirname(table_data_uri(table))
        rows = [(model, table.make_cells(model)) for model in table.models]  # each row's cells once, for three files
        script = joined(rows_script_parts(table), (row_script(table, model, cells, deltas) for model, cells in rows))
        self.site.add_bytes(table_data_uri(table), script)
        records = joined((b"[", b",\n", b"]\n"), (record_json(table, model, cells) for model, cells in rows))
        self.site.add_bytes(f"{folder}/models.json", records)
        lines = joined((csv_header(table), b"", b""), (csv_row(model, cells) for model, cells in rows))
        self.site.add_bytes(f"{folder}/models.csv", lines)

    def _tag(self, group: TagGroup) -> None:
        title = self.catalog.config.name_for("tags", "Tags")
        crumbs = [
            {"title": "Home", "uri": "index.html"},
            {"title": title, "uri": TAGS_URI},
            {"title": group.tag.name, "uri": None},
        ]
        for number in range(1, tag_pages(group) + 1):
            uri = tag_page_uri(group, number)
            page_title = group.tag.name if number == 1 else f"{group.tag.name}, page {number}"
            view = tag_view(self.catalog, group, number)
            self._page(uri, "tag.html", None, page_title=page_title, tag=view, breadcrumbs=crumbs)

    def _tags(self) -> None:
        """The list of tags (each tag's pages are a unit of their own)."""
        title = self.catalog.config.name_for("tags", "Tags")
        self._page(
            TAGS_URI,
            "tags.html",
            None,
            page_title=title,
            tags=tags_view(self.catalog, TAGS_URI),
            tag_count_label=count_label(len(self.catalog.tags), "tag"),
            breadcrumbs=[{"title": "Home", "uri": "index.html"}, {"title": title, "uri": None}],
        )

    def _model(self, model: Model) -> None:
        model = whole(model, self.catalog.texts)  # its page texts, parked by the build
        uri = model.page_uri
        stub = model.stub
        published = self._publish_files(model)
        resolve = folder_resolver(str(stub), published, self.model_dirs, posixpath.dirname(uri))
        # A body that starts with the model's name would show it twice, under the page's own title.
        markdown = without_title(model.card.body_markdown, model.display_name)
        body = self.render_body(markdown, resolve, self.catalog.config.remote_images)
        crumbs: list[dict[str, Any]] = [
            {"title": "Home", "uri": "index.html"},
            {"title": domain_title(self.catalog.config, stub.domain), "uri": domain_uri(stub.domain)},
            {
                "title": table_title(self.catalog.config, stub.domain, stub.sub_domain),
                "uri": f"models/{stub.domain}/{stub.sub_domain}/index.html",
            },
            {"title": model.display_name, "uri": None},
        ]
        self._page(
            uri,
            "model.html",
            stub.domain,
            page_title=model.display_name,
            model=model_view(model, self.catalog, self.links, body),
            breadcrumbs=crumbs,
        )
        for recipe in model.recipes:
            self._recipe(model, recipe, published, crumbs)

    def _publish_files(self, model: Model) -> dict[str, str]:
        """Catalog path -> site URI of every file of the model published with the site."""
        published: dict[str, str] = {}
        for entry in model.files:
            catalog_path = f"{model.stub}/{entry.path}"
            for recipe in model.recipes:
                if recipe.path == entry.path:
                    published[catalog_path] = recipe_uri(model, recipe.name)
            if self.catalog.config.download_base_url:
                url = download_url(model, entry, self.catalog, model.page_uri)
                if url:
                    published.setdefault(catalog_path, url)
                continue
            if entry.source_path:
                target = file_uri(model, entry.path, self.catalog.config.in_docs_tree)
                self.site.copies.setdefault(target, entry.source_path)
                published.setdefault(catalog_path, target)
        return published

    def _recipe(self, model: Model, recipe: Recipe, published: dict[str, str], crumbs: list[dict[str, Any]]) -> None:
        uri = recipe_uri(model, recipe.name)
        resolve = folder_resolver(model.stub.text, published, self.model_dirs, posixpath.dirname(uri))
        entry = next(e for e in model.files if e.path == recipe.path)
        view = {
            "title": f"{recipe.name.replace('_', ' ').capitalize()} recipe · {model.display_name}",
            "path": recipe.path,
            "model_uri": relative(model.page_uri, uri),
            "model_name": model.display_name,
            "file_uri": download_url(model, entry, self.catalog, uri),
            "yaml_html": Markup(highlight_code(recipe.yaml_text, "yaml")) if recipe.yaml_text.strip() else None,
            "body_html": Markup(self.render_body(recipe.body_markdown, resolve, self.catalog.config.remote_images)),
        }
        recipe_crumbs = [
            *crumbs[:-1],
            {"title": model.display_name, "uri": model.page_uri},
            {"title": recipe.name, "uri": None},
        ]
        self._page(
            uri, "recipe.html", model.stub.domain, page_title=view["title"], recipe=view, breadcrumbs=recipe_crumbs
        )

    def _records_json(
        self, models: Sequence[Model], data_uri: str, parts: tuple[bytes, bytes, bytes]
    ) -> Iterator[bytes]:
        """A data file of the models' records, as _json would write the list of them (between parts' head and
        tail)."""
        records = (json_text(model_data(model, self.catalog, data_uri)).rstrip("\n").encode() for model in models)
        return joined(parts, records)

    def _data_files(self) -> None:
        config = self.catalog.config
        head = json_text({"title": config.title, "generator": f"zoocat {__version__}", "models": []})
        parts = (head.removesuffix("]}\n").encode("utf-8"), b",", b"]}\n")
        self.site.add_bytes("catalog.json", self._records_json(self.catalog.models, "catalog.json", parts))
        if self.feed:
            self.site.add(FEED_URI, self.env.get_template("feed.xml").render(feed=self.feed))
        if config.base_url:
            self.site.add(
                "sitemap.xml",
                self.env.get_template("sitemap.xml").render(
                    urls=[
                        config.base_url + (posixpath.dirname(uri) + "/" if "/" in uri else "")
                        for uri in sorted(self._page_uris())
                    ]
                ),
            )

    def _page_uris(self) -> list[str]:
        """The pages a search engine should know: all but the bare tables, known without rendering them."""
        catalog = self.catalog
        uris = ["index.html", *(domain_uri(domain.name) for domain in catalog.domains)]
        for table in catalog.tables:
            uris += [numbered_page_uri(table_uri(table), n) for n in range(1, page_count(len(table.models)) + 1)]
        uris += [tag_page_uri(group, n) for group in catalog.tags for n in range(1, tag_pages(group) + 1)]
        uris += [TAGS_URI] if catalog.tags else []
        for model in catalog.models:
            uris += [model.page_uri, *(recipe_uri(model, recipe.name) for recipe in model.recipes)]
        return uris

    def _static(self) -> None:
        self._not_found()
        self.site.add(".nojekyll", "")
        for uri, path in asset_files(self.theme).items():
            self.site.pages[uri] = path.read_bytes()

    def _not_found(self) -> None:
        """A static host serves 404.html for a missing URL at any depth, so its links cannot be relative: they
        start at base_url's path when catalog.yml sets one, else at '/' with a script that finds the site's folder."""
        base_url = self.catalog.config.base_url
        root = urlsplit(base_url).path if base_url else "/"
        context = self._context("404.html", None, page_title="Page not found", breadcrumbs=[], find_root=not base_url)
        context.update(root=root, canonical_url=None, feed_uri=root + FEED_URI if self.feed else None)
        self.site.add("404.html", self.env.get_template("404.html").render(context))
