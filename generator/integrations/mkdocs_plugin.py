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
import posixpath
import re
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..build import load_catalog, make_renderer
from ..errors import BuildError, RenderError
from ..incremental.parallel import default_jobs, render_site_units
from ..model.catalog import Catalog
from ..model.problems import Problem
from ..render.site_units import MKDOCS_LAYOUT, Renderer
from ..render.views import domain_uri, table_uri

log = get_plugin_logger("zoocat")
LEVELS = ("error", "warning", "ignore")

# `<!-- zoocat: table cv/classification -->` alone on a line: invisible wherever the Markdown is read without
# the plugin (GitHub, an editor's preview), and no clash with macro plugins that own `{{ ... }}`.
MARKER = re.compile(r"^[ \t]*<!--[ \t]*zoocat:[ \t]*table[ \t]+(?P<key>[^\s>]*)[ \t]*-->[ \t]*$", re.MULTILINE)
# Files MkDocs makes for itself, or that only a standalone site needs.
STANDALONE_ONLY = frozenset(("404.html", ".nojekyll", "sitemap.xml"))
# Stylesheets and script of the theme that pages inside MkDocs need (the rest styles zoocat's own page chrome).
MKDOCS_CSS = ("assets/zoocat-parts.css", "assets/zoocat-mkdocs.css")
MKDOCS_JS = ("assets/zoocat.js",)


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
        self.tokens: dict[str, dict[str, str]] = {}  # page src_uri -> placeholder -> table HTML

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
        if not self.mount or ".." in self.mount.split("/"):
            raise PluginError(f"zoocat: path '{self.config.path}' must name a folder of the site, such as 'zoo'")
        config.extra_css.extend(f"{self.mount}/{uri}" for uri in MKDOCS_CSS)
        config.extra_javascript.extend(f"{self.mount}/{uri}" for uri in MKDOCS_JS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            catalog, problems = load_catalog(self.catalog_path, check_levels=self.config.checks)
        except BuildError as error:
            raise PluginError(f"zoocat: {error}") from None
        _report(problems, self.catalog_path)
        self.catalog = catalog
        self.renderer = make_renderer(catalog, self.theme_path, MKDOCS_LAYOUT)
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
        for uri, title in self.titles.items():
            page = files.get_file_from_path(self._src_uri(uri))
            if page is not None and page.page is not None:
                page.page.title = theme_text(title)
        if self.config.nav and self.catalog is not None:
            section = self._nav_section(files)
            nav.items.append(section)
            _link(nav, section)
        return nav

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
        if self._page_uri(page) is not None:
            return ""
        return MARKER.sub(lambda match: self._placeholder(match, markdown, page, config), markdown)

    def _placeholder(self, match: re.Match[str], markdown: str, page: Page, config: MkDocsConfig) -> str:
        assert self.renderer is not None
        key = match.group("key").strip("/")
        drawn = self.renderer.table_fragment(key)
        if drawn is None:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(t.key for t in self.renderer.catalog.tables) or "none: the catalog has no models"
            raise PluginError(
                f"zoocat: {config.docs_dir}/{page.file.src_uri}:{line}: no table '{key}' in the catalog; "
                f"tables are {known}"
            )
        fragment, table_page = drawn
        html = rebase_links(fragment, f"{self.mount}/{table_page}", page.file.dest_uri)
        found = self.tokens.setdefault(page.file.src_uri, {})
        token = f"zoocat-table-{len(found)}-{key.replace('/', '-')}"
        found[token] = f'<div class="zoocat zoocat-mkdocs">\n{html}</div>'
        # A paragraph of one word survives any Markdown configuration; it is swapped for the table below.
        return f"\n\n{token}\n\n"

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = self._page_uri(page)
        if uri is not None:
            assert self.drawn is not None
            return (self.drawn / uri).read_text(encoding="utf-8")
        for token, table in self.tokens.pop(page.file.src_uri, {}).items():
            html = html.replace(f"<p>{token}</p>", table)
        return html

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

    def on_build_error(self, error: Exception) -> None:
        self._remove_drawn()

    def on_shutdown(self) -> None:
        self._remove_drawn()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.catalog_path)
        if self.theme_path:
            server.watch(self.theme_path)
        return server


# Lookalikes of the angle brackets, for the one filter that undoes escaping (below).
_ANGLES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def theme_text(text: str) -> str:
    """Text from a card or catalog.yml as MkDocs themes can take it: they insert titles without escaping (a title
    may be HTML there), in elements and in attributes. Escaped, it shows as written. Material's `<title>` also
    passes it through `striptags`, which unescapes it again: so angle brackets become lookalikes, which no
    unescaping turns back into markup, and `&` is escaped so that no entity a card wrote turns into one either."""
    return escape(text.translate(_ANGLES), quote=True)


def search_texts(catalog: Catalog) -> dict[str, str]:
    """What MkDocs' search reads of each model page: its stub, description and tags (its name is the title). Other
    zoocat pages give it their title only. Whole pages, tables with a row per model among them, made a search index
    of 66 MB at 10,000 models, which no browser loads; this one holds what a reader looks a model up by."""
    texts = {}
    for model in catalog.models:
        parts = (model.stub.text, model.card.description or "", " ".join(model.card.tags))
        texts[model.page_uri] = "".join(f"<p>{escape(part)}</p>" for part in parts if part)
    return texts


def _report(problems: list[Problem], catalog_path: str) -> None:
    """Warnings through MkDocs' logger (so --strict fails on them); any error stops the build."""
    for problem in problems:
        if problem.level == "warning":
            log.warning(problem.format(catalog_path).replace(": warning[", ": [", 1))
    errors = [problem.format(catalog_path) for problem in problems if problem.level == "error"]
    if errors:
        raise PluginError(
            f"zoocat: {len(errors)} card error{'s' * (len(errors) != 1)} in {catalog_path}:\n  " + "\n  ".join(errors)
        )


def _link(nav: Navigation, section: Section) -> None:
    """Parents, and previous/next across the whole navigation, as MkDocs sets them for its own pages."""

    def walk(item: Any, parent: Any) -> list[Page]:
        item.parent = parent
        if isinstance(item, Page):
            return [item]
        return [page for child in item.children or [] for page in walk(child, item)]

    added = walk(section, None)
    nav.pages.extend(added)
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before


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
