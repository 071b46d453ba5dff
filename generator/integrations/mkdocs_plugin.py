"""The MkDocs plugin: the same catalog pages, drawn inside an MkDocs (or Material for MkDocs) site.

A thin adapter over the pipeline: load_catalog checks the cards, the Renderer draws every page with a
content-only layout, and each page becomes a generated MkDocs page whose HTML replaces the Markdown MkDocs
would otherwise render. Data files, embeddable tables, assets and model files are added as static files.

The pages are drawn on every core into a temporary folder, as `zoocat build` draws them, and read from there one
at a time: at 10,000 models the site is 700 MB, which MkDocs need not hold, and drawing it took a third of the
documentation's build on one core.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import mkdocs  # under ProperDocs, its own module: it stands in for mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..build import load_catalog, make_renderer
from ..errors import BuildError, RenderError
from ..incremental.parallel import default_jobs, render_site_units
from ..model.catalog import Catalog
from ..render.site_units import MKDOCS_LAYOUT, Renderer
from ..render.views import TAGS_URI, domain_uri, table_uri
from .directives import find_directives, line_in_source
from .embeds import Embedder, Placed, rebase_links
from .mkdocs_markdown import SiteMarkdown
from .mkdocs_nav import PLACES, NavPlaceError, adopt, chain, link_pages, place_section, toc_of
from .mkdocs_texts import (
    descriptions,
    engine_problem,
    folder_links,
    refuse_catalog_in_docs,
    report_problems,
    search_texts,
    strict_hint,
    theme_text,
)

log = get_plugin_logger("zoocat")
LEVELS = ("error", "warning", "ignore")

# Files MkDocs makes for itself, or that only a standalone site needs.
STANDALONE_ONLY = frozenset(("404.html", ".nojekyll", "sitemap.xml"))
# Stylesheets and script of the theme that pages inside MkDocs need (the rest styles zoocat's own page chrome).
MKDOCS_CSS = ("assets/zoocat-parts.css", "assets/zoocat-mkdocs.css")
MKDOCS_JS = ("assets/zoocat.js",)
# How much more a model's page weighs than other pages in Material's search: its name, stub and tags are what a
# reader looks it up by, and a table or domain page shares most of their words.
MODEL_SEARCH_BOOST = 4


class _Published(File):
    """A file published as it is: a model folder's model.md is a download, not a page of the MkDocs site."""

    def is_documentation_page(self) -> bool:
        return False


class ZoocatConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    catalog = opt.Type(str, default="catalog")
    path = opt.Type(str, default="zoo")
    theme_dir = opt.Optional(opt.Type(str))
    nav = opt.Type(bool, default=True)
    nav_title = opt.Type(str, default="Model zoo")
    nav_parent = opt.Optional(opt.Type(str))
    nav_position = opt.Choice(PLACES, default="end")
    card_markdown = opt.Choice(("site", "gfm"), default="site")
    checks = opt.Type(dict, default={})


class ZoocatPlugin(BasePlugin[ZoocatConfig]):  # type: ignore[no-untyped-call]  # as above
    """`plugins: [zoocat: {catalog: catalog/}]`: the catalog's pages in the MkDocs build and its navigation."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.renderer: Renderer | None = None
        self.drawn: Path | None = None  # the temporary folder the pages are drawn in
        self.files: list[str] = []  # site paths drawn there, sorted
        self.titles: dict[str, str] = {}  # site path -> title, of the pages MkDocs wraps in its theme
        self.copies: dict[str, str] = {}  # site path -> OS path, of the model folders' files
        self.search_texts: dict[str, str] = {}  # site path -> what MkDocs' search reads of that page
        self.shown: str | None = None  # the page's HTML while the search plugin reads its search text
        self.mount = "zoo"
        self.catalog_path = ""
        self.theme_path: str | None = None
        self.pages: dict[str, str] = {}  # src_uri of a generated page -> the zoocat page it stands for
        self.tokens: dict[str, dict[str, str]] = {}  # page src_uri -> placeholder -> directive's HTML
        self.descriptions: dict[str, str] = {}  # site path -> description, of the pages MkDocs wraps
        self.warned: list[str] = []  # codes of the catalog's warnings, one per warning
        self.site_markdown: SiteMarkdown | None = None
        self.directory_urls = True  # MkDocs' use_directory_urls
        self.embedder: Embedder | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = engine_problem(mkdocs.__name__, mkdocs.__version__)
        if problem:
            log.warning(problem)
        here = os.path.dirname(config.config_file_path or ".")
        self.catalog_path = os.path.normpath(os.path.join(here, self.config.catalog))
        theme_dir = self.config.theme_dir
        self.theme_path = os.path.normpath(os.path.join(here, theme_dir)) if theme_dir else None
        if self.theme_path and not os.path.isdir(self.theme_path):
            raise PluginError(f"zoocat: theme_dir {self.theme_path} is not a folder; create it or remove the option")
        bad = {code: level for code, level in self.config.checks.items() if level not in LEVELS}
        if bad:
            raise PluginError(f"zoocat: checks must map problem codes to one of {', '.join(LEVELS)}; not {bad}")
        self.mount = self.config.path.strip("/")
        self.directory_urls = config.use_directory_urls
        if not self.mount or ".." in self.mount.split("/"):
            raise PluginError(f"zoocat: path '{self.config.path}' must name a folder of the site, such as 'zoo'")
        refuse_catalog_in_docs(self.catalog_path, config.docs_dir)
        if self.config.card_markdown == "site":
            self.site_markdown = SiteMarkdown(config.markdown_extensions, config.mdx_configs)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            catalog, problems = load_catalog(self.catalog_path, check_levels=self.config.checks)
        except BuildError as error:
            raise PluginError(f"zoocat: {error}") from None
        self.warned = report_problems(problems, self.catalog_path)
        self.catalog = catalog
        self.renderer = make_renderer(catalog, self.theme_path, MKDOCS_LAYOUT)
        if self.site_markdown is not None:
            self.renderer.render_body = self.site_markdown
        self.descriptions = descriptions(catalog)
        self.embedder = Embedder(self.renderer, self.mount, "zoocat zoocat-mkdocs")
        self.search_texts = search_texts(catalog)
        self._draw(self.renderer)
        for file in self._files(config):
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(
                    f"zoocat: {config.docs_dir}/{file.src_uri} is in the way of the catalog's pages; "
                    f"move it, or set the plugin's `path` option to another folder than '{self.mount}'"
                )
            files.append(file)
        return files

    def _draw(self, renderer: Renderer) -> None:
        """Every page and file of the catalog into a new temporary folder (the last build's goes)."""
        self._remove_drawn()
        self.drawn = Path(tempfile.mkdtemp(prefix="zoocat-mkdocs-"))
        files: list[str] = []
        self.titles, self.copies = {}, {}
        renderer.copies_in_output = False  # MkDocs copies them from the catalog
        try:
            for output in render_site_units(renderer, renderer.units(), self.drawn, default_jobs()):
                files += output.files
                self.titles.update(output.titles)
                self.copies.update(output.copies)
        except RenderError as error:
            self._remove_drawn()
            raise PluginError(f"zoocat: {error}") from None
        self.files = sorted(files)

    def _remove_drawn(self) -> None:
        if self.drawn is not None:
            shutil.rmtree(self.drawn, ignore_errors=True)
            self.drawn = None

    def _files(self, config: MkDocsConfig) -> list[File]:
        assert self.drawn is not None
        made = []
        for uri in self.files:
            if uri in STANDALONE_ONLY:
                continue
            if uri in self.titles:
                # The HTML comes in on_page_content; MkDocs only needs a page at the right place.
                src = self._src_uri(uri)
                self.pages[src] = uri
                made.append(File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV))
            else:
                source = self.copies.get(uri) or str(self.drawn / uri)
                made.append(_Published.generated(config, f"{self.mount}/{uri}", abs_src_path=source))
        return made

    def _src_uri(self, uri: str) -> str:
        return f"{self.mount}/{uri[: -len('.html')]}.md"

    def _page_uri(self, page: Page) -> str | None:
        """The zoocat page a generated MkDocs page stands for, or None for the user's own pages."""
        return self.pages.get(page.file.src_uri) if page.file.generated_by else None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        pages = self._pages_by_uri(files)
        for uri, page in pages.items():
            page.title = theme_text(self.titles[uri])
        if self.config.nav and self.catalog is not None:
            section = self._nav_section(files)
            try:
                place_section(
                    nav, section, self._src_uri("index.html"), self.config.nav_parent, self.config.nav_position
                )
            except NavPlaceError as error:
                raise PluginError(f"zoocat: {error}") from None
            link_pages(nav)
            adopt(pages, {id(page) for page in nav.pages})
            self._chain_models(pages)
        return nav

    def _pages_by_uri(self, files: Files) -> dict[str, Page]:
        """The MkDocs page of each zoocat page, by its site path."""
        found = {}
        for uri in self.titles:
            file = files.get_file_from_path(self._src_uri(uri))
            if file is not None and file.page is not None:
                found[uri] = file.page
        return found

    def _chain_models(self, pages: dict[str, Page]) -> None:
        """A model's page comes after the one before it in its table, the first after the table itself."""
        assert self.catalog is not None
        for table in self.catalog.tables:
            chain([pages[model.page_uri] for model in table.models], pages.get(table_uri(table)))

    def _nav_section(self, files: Files) -> Section:
        assert self.catalog is not None

        def page(uri: str) -> Page:
            file = files.get_file_from_path(self._src_uri(uri))
            assert file is not None and file.page is not None
            return file.page

        children: list[Any] = [page("index.html")]
        for domain in self.catalog.domains:
            tables = [page(table_uri(t)) for t in self.catalog.tables if t.domain == domain.name]
            children.append(Section(theme_text(domain.title), [page(domain_uri(domain.name)), *tables]))
        return Section(theme_text(self.config.nav_title), children)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Each directive line (directives.py) becomes a paragraph of one word, swapped for its HTML below."""
        uri = self._page_uri(page)
        if uri is not None:
            page.meta.update(self._meta(uri))
            return ""
        lines = markdown.split("\n")
        found = list(find_directives(lines))
        if not found:
            return markdown
        assert self.embedder is not None
        tokens = self.tokens.setdefault(page.file.src_uri, {})
        for item in found:
            placed = Placed(None, item.problem)
            if item.directive is not None:
                placed = self.embedder.place(item.directive, page.file.dest_uri, assets=False)
            if placed.html is None:
                line = line_in_source(page.file.abs_src_path, lines, item.index)
                raise PluginError(f"zoocat: {config.docs_dir}/{page.file.src_uri}:{line}: {placed.problem}")
            token = f"zoocat-table-{len(tokens)}"
            tokens[token] = self._for_instant_navigation(placed.html)
            # A paragraph of one word survives any Markdown configuration.
            lines[item.index] = f"\n{token}\n"
        return "\n".join(lines)

    def _meta(self, uri: str) -> dict[str, Any]:
        """A page's metadata, as its front matter would give it: title, description, and its weight in search
        (Material's): models first, tag pages and static pages of rows left out (their models are found by their
        own pages)."""
        meta: dict[str, Any] = {"title": theme_text(self.titles[uri])}
        if uri in self.descriptions:
            meta["description"] = theme_text(self.descriptions[uri])
        if uri in self.search_texts:
            meta["search"] = {"boost": MODEL_SEARCH_BOOST}
        elif (uri.startswith("tags/") and uri != TAGS_URI) or "/page/" in uri:
            meta["search"] = {"exclude": True}
        return meta

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = self._page_uri(page)
        if uri is not None:
            assert self.drawn is not None
            drawn = (self.drawn / uri).read_text(encoding="utf-8")
            page.toc = toc_of(drawn)
            return self._with_assets(self._for_instant_navigation(drawn), page)
        tables = self.tokens.pop(page.file.src_uri, {})
        for token, table in tables.items():
            html = html.replace(f"<p>{token}</p>", table)
        return self._with_assets(html, page) if tables else html

    def _with_assets(self, html: str, page: Page) -> str:
        """zoocat's stylesheets before the content and its script after it, on the pages that hold zoocat's content
        only: in the content, not the head, because Material's instant navigation swaps the content and runs its
        scripts again."""
        css = "".join(f'<link rel="stylesheet" href="{self._asset_url(uri, page)}">\n' for uri in MKDOCS_CSS)
        js = "".join(f'<script src="{self._asset_url(uri, page)}"></script>\n' for uri in MKDOCS_JS)
        return css + html + js

    def _for_instant_navigation(self, html: str) -> str:
        """zoocat's HTML (never the site's own) as Material's instant navigation needs it: links to pages by the
        URLs MkDocs gives them."""
        return folder_links(html) if self.directory_urls else html

    def _asset_url(self, uri: str, page: Page) -> str:
        return escape(get_relative_url(f"{self.mount}/{uri}", page.url))

    @event_priority(100)  # before any search plugin reads the page
    def _search_text_in(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        uri = self._page_uri(page)
        if uri is not None and page.content is not None:
            title = f"<p>{escape(self.titles.get(uri, ''))}</p>"
            self.shown, page.content = page.content, self.search_texts.get(uri, title)
        return context

    @event_priority(-100)  # after every plugin has read it, before the theme draws it
    def _search_text_out(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.shown is not None:
            page.content, self.shown = self.shown, None
        return context

    on_page_context = CombinedEvent(_search_text_in, _search_text_out)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._remove_drawn()  # MkDocs has copied what it needs
        if config.strict and self.warned:
            log.info(strict_hint(self.warned))

    def on_build_error(self, error: Exception) -> None:
        self._remove_drawn()

    def on_shutdown(self) -> None:
        self._remove_drawn()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.catalog_path)
        if self.theme_path:
            server.watch(self.theme_path)
        return server


__all__ = ["ZoocatPlugin", "rebase_links"]
