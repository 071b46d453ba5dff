"""The Python-Markdown extension `zoocat`: a directive line places a table, a view of one, or a model's figures.

    markdown_extensions:
      - zoocat: {catalog: catalog, path: zoo}

Any engine that runs Python-Markdown extensions takes it: MkDocs 1.6, ProperDocs and Zensical (which runs no MkDocs
plugin). The parts link the zoo's pages, stylesheets and script at `path` of the site, where `zoocat docs CATALOG
-o docs/zoo` writes them (or the MkDocs plugin puts them), relatively to the page, so a site works offline and
under any sub-path. The page's place in the site comes from the engine (MkDocs' and ProperDocs' link rewriter,
Zensical's rendering context); elsewhere a page is taken to be at the site's root.

The catalog is read once per process, when a page first holds a directive; engines make an extension for every
page. A directive that cannot be drawn is a warning naming the page, the line and what to write, and stays in the
page as the HTML comment it is.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..build import load_catalog, make_renderer
from ..errors import BuildError
from ..render.site_units import DOCS_LAYOUT
from .directives import find_directives, line_in_source
from .docs_pages import MARKER as DOCS_MARKER
from .embeds import Embedder

CLASSES = "zoocat zoocat-mkdocs zoocat-docs zoocat-embed"


@dataclass(frozen=True)
class PageContext:
    """Where the engine renders the page: its site path, its source file, how to name it, and the project."""

    dest_uri: str  # `guide/index.html`: what its links are relative to
    source_path: str | None  # the Markdown file, to give a directive its line in it
    label: str  # the page as a warning names it
    project_dir: str  # the folder a relative `catalog` is read from
    docs_dir: str | None
    engine: str  # mkdocs, properdocs, zensical or markdown
    has_plugin: bool = False  # the MkDocs plugin runs too: it draws the zoo's pages itself


class ZoocatExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "catalog": ["catalog", "The zoo's folder, relative to the project (the folder of mkdocs.yml)"],
            "path": ["zoo", "The folder of the site that holds the zoo's pages (`zoocat docs -o docs/zoo`)"],
            "theme_dir": ["", "A folder of templates that override zoocat's, as `zoocat docs --theme-dir`"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        placed: dict[str, str] = {}
        # Before every other preprocessor: the lines are the page's as written (so a warning gives the line in the
        # file), and no other extension has read the comment yet.
        md.preprocessors.register(DirectivePreprocessor(md, self.getConfigs(), placed), "zoocat", 35)
        md.postprocessors.register(PlacedPostprocessor(md, placed), "zoocat", 25)


class DirectivePreprocessor(Preprocessor):
    """Swaps each directive line for a paragraph of one word, which the postprocessor swaps for the part."""

    def __init__(self, md: Markdown, options: dict[str, Any], placed: dict[str, str]) -> None:
        super().__init__(md)
        self.options = options
        self.placed = placed
        self.nonce = secrets.token_hex(8)  # no page text can stand for a part

    def run(self, lines: list[str]) -> list[str]:
        self.placed.clear()  # the last page's (the postprocessor also runs on parts of a page: toc's headings)
        page = page_context(self.md)
        _check_engine_once(page)
        found = list(find_directives(lines))
        if not found:
            return lines
        embedder = _embedder(self.options, page)
        if embedder is None:
            return lines
        out = list(lines)
        for item in found:
            problem = item.problem
            if item.directive is not None:
                drawn = embedder.place(item.directive, page.dest_uri, assets=not self.placed)
                problem = drawn.problem
                if drawn.html is not None:
                    token = f"zoocat{self.nonce}n{len(self.placed)}"
                    self.placed[token] = drawn.html
                    out[item.index] = f"\n{token}\n"
            if problem is not None:
                line = line_in_source(page.source_path, lines, item.index)
                warn(page, f"{page.label}:{line}: {problem} (in `{item.text}`)")
        return "\n".join(out).split("\n")


class PlacedPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, placed: dict[str, str]) -> None:
        super().__init__(md)
        self.placed = placed

    def run(self, text: str) -> str:
        for token, html in self.placed.items():
            text = text.replace(f"<p>{token}</p>", html).replace(token, html)
        return text


def page_context(md: Markdown) -> PageContext:
    """The page the engine renders, from what it registered in this Markdown instance."""
    relpath: Any = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401  # a Registry has no get()
    if relpath is not None and hasattr(relpath, "file"):  # MkDocs 1.6 and ProperDocs
        config, file = relpath.config, relpath.file
        engine = type(relpath).__module__.split(".")[0]
        project = os.path.dirname(config.config_file_path or "mkdocs.yml")
        return PageContext(
            file.dest_uri,
            file.abs_src_path,
            _shown(os.path.join(config.docs_dir, file.src_uri)),
            project,
            config.docs_dir,
            engine,
            "zoocat" in config.plugins,
        )
    processor: Any
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor" and hasattr(processor, "page"):  # Zensical
            page, config = processor.page, processor.config
            root = config.get("root_dir", ".")
            docs_dir = os.path.join(root, config.get("docs_dir", "docs"))
            source = os.path.join(docs_dir, page.path)
            # Zensical takes relative links of the page's HTML, raw HTML too, as relative to its Markdown file
            # (and rewrites them for its URL), so they are made for the file's place.
            dest = page.path.replace(os.sep, "/")
            return PageContext(dest, source, _shown(source), root, docs_dir, "zensical")
    return PageContext("index.html", None, "a Markdown page", ".", None, "markdown")


def _shown(path: str) -> str:
    """A path as a reader finds it: relative to the current folder when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml as data, whatever Python or environment tags it holds (each read as None)."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)
_checked: set[str] = set()


def _check_engine_once(page: PageContext) -> None:
    """Zensical runs no MkDocs plugin and says nothing of those it skips (it never imports zoocat's): the extension,
    which it does run, says it for the plugin."""
    if page.engine != "zensical" or page.project_dir in _checked:
        return
    _checked.add(page.project_dir)
    if "zoocat" in plugins_named(Path(page.project_dir, "mkdocs.yml")):
        warn(
            page,
            "Zensical runs no MkDocs plugin: `zoocat` under `plugins` in mkdocs.yml does nothing here, and the zoo's "
            "pages come only from `zoocat docs CATALOG -o docs/zoo` (see zoocat's docs/engines.md)",
        )


def plugins_named(config_path: Path) -> list[str]:
    """The names of the plugins an mkdocs.yml lists, or none if it cannot be read."""
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_AnyTags)  # a SafeLoader: tags build nothing
    except (OSError, yaml.YAMLError):
        return []
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        return [str(name) for name in plugins]
    if not isinstance(plugins, list):
        return []
    return [str(next(iter(item))) if isinstance(item, dict) and item else str(item) for item in plugins]


# The catalog, read once per process (an engine makes an extension, and a Markdown, for every page).
_embedders: dict[tuple[str, str, str], Embedder | None] = {}
_lock = threading.Lock()


def _embedder(options: dict[str, Any], page: PageContext) -> Embedder | None:
    catalog = os.path.normpath(os.path.join(page.project_dir, str(options["catalog"])))
    theme = str(options["theme_dir"] or "")
    theme_path = os.path.normpath(os.path.join(page.project_dir, theme)) if theme else ""
    mount = str(options["path"]).strip("/") or "zoo"
    key = (catalog, theme_path, mount)
    with _lock:
        if key not in _embedders:
            _embedders[key] = _load(catalog, theme_path or None, mount, page)
        return _embedders[key]


def _load(catalog_path: str, theme_path: str | None, mount: str, page: PageContext) -> Embedder | None:
    try:
        catalog, problems = load_catalog(catalog_path)
    except BuildError as error:
        warn(page, f"{error}; set the extension's `catalog` option to the zoo's folder (relative to mkdocs.yml)")
        return None
    errors = [problem for problem in problems if problem.level == "error"]
    if errors:
        warn(page, f"{catalog_path}: {len(errors)} card(s) with errors are left out; `zoocat validate` lists them")
    if page.docs_dir and not page.has_plugin and not Path(page.docs_dir, mount, DOCS_MARKER).is_file():
        warn(
            page,
            f"the parts link the zoo's pages in {_shown(os.path.join(page.docs_dir, mount))}, which is not there: "
            f"write them with `zoocat docs {_shown(catalog_path)} -o {_shown(os.path.join(page.docs_dir, mount))}`",
        )
    catalog = replace(catalog, config=replace(catalog.config, in_docs_tree=True))
    return Embedder(make_renderer(catalog, theme_path, DOCS_LAYOUT), mount, CLASSES)


def warn(page: PageContext, message: str) -> None:
    """A warning where the engine counts it: MkDocs' and ProperDocs' logs (so `--strict` fails on it); Zensical
    counts none from Python-Markdown extensions, so there it is printed as its own warnings are."""
    if page.engine in ("mkdocs", "properdocs"):
        logger = logging.getLogger(f"{page.engine}.extensions.zoocat")
    else:
        logger = logging.getLogger("zoocat")
        if not logger.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s -  %(message)s"))
            logger.addHandler(handler)
            logger.propagate = False
    logger.warning(f"zoocat: {message}")


def makeExtension(**kwargs: Any) -> ZoocatExtension:  # the name Python-Markdown looks for
    return ZoocatExtension(**kwargs)
