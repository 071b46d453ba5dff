"""`zoocat docs`: the zoo as Markdown pages in a folder of a docs tree, for Zensical, MkDocs and ProperDocs.

The pages are drawn as the MkDocs plugin draws them (the same Renderer, on every core, with a content-only
layout), and each becomes a Markdown page: YAML front matter with its title and description, then zoocat's own
HTML as one raw HTML block. Card bodies are in that HTML already rendered by cmark-gfm and sanitized by nh3: the
card's Markdown is never handed to the engine, whose Markdown passes raw HTML through unsanitized, so a card could
run script in the docs site.

The folder is zoocat's (a marker file says so): a file is written only when its bytes change, so that an engine's
differential build redoes only that page, and whatever zoocat did not make in it this time is removed.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..build import load_catalog, make_renderer
from ..errors import DocsError, OutputError, RenderError
from ..incremental.parallel import default_jobs, render_site_units
from ..model.catalog import Catalog
from ..model.problems import Problem
from ..output.write import check_output
from ..render.site_units import DOCS_LAYOUT, Renderer
from .embeds import searchless_tables

MARKER = ".zoocat-docs"
MARKER_TEXT = "This folder is written by `zoocat docs`; zoocat replaces its contents on the next run.\n"
# Units whose files a docs site does not need: the engine has its own search and 404 page.
LEFT_OUT_UNITS = frozenset(("search",))
LEFT_OUT_FILES = frozenset(("404.html", ".nojekyll", "sitemap.xml"))
LEFT_OUT_ASSETS = frozenset(("assets/zoocat.css", "assets/zoocat-search.js"))  # the standalone site's own
# Lookalikes of the characters HTML gives a meaning to. A theme may put a page's title and description into the
# page escaped (Zensical) or as they are (MkDocs' own themes): text without these shows the same in both, and
# can never become markup.
_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06", '"': "\u201d", "'": "\u2019"})


@dataclass(frozen=True)
class DocsResult:
    problems: list[Problem]
    written: list[str]  # docs paths (relative to the folder) whose bytes changed
    removed: list[str]  # docs paths that no longer belong
    files: int  # every file zoocat keeps in the folder
    pages: int  # Markdown pages among them
    models: int


@dataclass(frozen=True)
class _Page:
    """A Markdown page of the docs tree, made from the HTML page drawn at the site path `uri`."""

    uri: str
    title: str
    description: str


def write_docs(catalog_path: str, folder: str, theme_dir: str | None = None, jobs: int | None = None) -> DocsResult:
    """Draw the catalog as Markdown pages into folder; cards with errors are left out, as in a build."""
    try:
        check_output(folder, catalog_path, MARKER)
    except OutputError as error:
        raise DocsError(str(error).replace("was not built by zoocat", "was not written by `zoocat docs`")) from None
    catalog, problems = load_catalog(catalog_path)
    catalog = replace(catalog, config=replace(catalog.config, in_docs_tree=True))
    renderer = make_renderer(catalog, theme_dir, DOCS_LAYOUT)
    renderer.copies_in_output = False  # copied below, only when changed
    with tempfile.TemporaryDirectory(prefix="zoocat-docs-") as drawn:
        files, titles, copies = _draw(renderer, Path(drawn), jobs or default_jobs())
        pages = _pages(catalog, titles)
        wanted: dict[str, Path | str] = {uri: Path(drawn) / uri for uri in files if uri not in titles}
        wanted = {path: source for path, source in {**wanted, **copies}.items() if _is_wanted(path)}
        texts = {
            _page_path(page.uri): page_markdown(page, (Path(drawn) / page.uri).read_text("utf-8")) for page in pages
        }
        written, removed = _update(Path(folder), texts, wanted)
    return DocsResult(problems, written, removed, len(texts) + len(wanted), len(texts), len(catalog.models))


def _draw(renderer: Renderer, drawn: Path, jobs: int) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Every unit of the site but those left out, drawn into `drawn`: site paths, page titles, model files."""
    files: list[str] = []
    titles: dict[str, str] = {}
    copies: dict[str, str] = {}
    units = [name for name in renderer.units() if name not in LEFT_OUT_UNITS]
    try:
        for output in render_site_units(renderer, units, drawn, jobs):
            files += output.files
            titles.update(output.titles)
            copies.update(output.copies)
    except RenderError as error:
        raise DocsError(str(error)) from None
    return sorted(files), titles, copies


def _is_wanted(path: str) -> bool:
    return path not in LEFT_OUT_FILES and path not in LEFT_OUT_ASSETS


def _pages(catalog: Catalog, titles: dict[str, str]) -> list[_Page]:
    described = {model.page_uri: model.card.description for model in catalog.models}
    home = catalog.config.description
    pages = []
    for uri, title in sorted(titles.items()):
        description = described.get(uri) or (home if uri == "index.html" else None) or title
        pages.append(_Page(uri, title, description))
    return pages


def _page_path(uri: str) -> str:
    """The docs path of a drawn page: `models/x/index.html` is `models/x/index.md`, which every engine builds into
    the same `models/x/index.html`, with or without directory URLs, so zoocat's relative links hold."""
    return uri[: -len(".html")] + ".md" if uri.endswith(".html") else uri


def plain_text(text: str) -> str:
    """Card or catalog text for a theme's title and description (see _LOOKALIKES)."""
    return text.translate(_LOOKALIKES)


def page_markdown(page: _Page, html: str) -> bytes:
    """A page's front matter, then its HTML: one <div> that Markdown passes through as a raw HTML block."""
    meta = {"title": plain_text(page.title), "description": plain_text(page.description)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n{searchless_tables(html.strip())}\n".encode()


def _update(folder: Path, texts: dict[str, bytes], copies: dict[str, Path | str]) -> tuple[list[str], list[str]]:
    """Make folder hold exactly these files, writing only those whose bytes differ; returns written and removed."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_if_changed(folder / MARKER, MARKER_TEXT.encode())
    written = [path for path, data in texts.items() if _write_if_changed(folder / path, data)]
    written += [path for path, source in copies.items() if _copy_if_changed(folder / path, Path(source))]
    keep = {*texts, *copies, MARKER}
    removed = _remove_others(folder, keep)
    return sorted(written), removed


def _write_if_changed(target: Path, data: bytes) -> bool:
    if _is_file(target) and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    _replace(target, lambda temp: temp.write_bytes(data))
    return True


def _copy_if_changed(target: Path, source: Path) -> bool:
    if _is_file(target) and filecmp.cmp(source, target, shallow=False):
        return False
    _replace(target, lambda temp: shutil.copyfile(source, temp))
    return True


def _is_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _replace(target: Path, fill: Callable[[Path], object]) -> None:
    """Write through a file beside the target, renamed over it: a docs server never reads half a page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    handle, temp = tempfile.mkstemp(prefix=".zoocat-", dir=target.parent)
    os.close(handle)
    try:
        fill(Path(temp))
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_others(folder: Path, keep: set[str]) -> list[str]:
    """Remove every file under folder that zoocat did not make this time, then the folders left empty."""
    removed = []
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if rel not in keep:
                path.unlink()
                removed.append(rel)
        for name in dirs:
            path = Path(root) / name
            if path.is_symlink():
                path.unlink()
                removed.append(path.relative_to(folder).as_posix())
            elif not any(path.iterdir()):
                path.rmdir()
    return sorted(removed)


CONFIG_FILES = ("mkdocs.yml", "zensical.toml")


def config_lines(catalog_path: str, folder: str) -> list[str]:
    """The two lines of mkdocs.yml that turn on the `zoocat` Markdown extension for the project's own pages, with
    paths as that file reads them: the catalog relative to the project (the nearest folder above the output with an
    mkdocs.yml or zensical.toml, else the one holding the `docs` folder above it, else the current one), the output
    relative to its `docs/`. The pages themselves need nothing: they link their own stylesheets and script."""
    output = Path(folder).resolve()
    project = next((p for p in output.parents if any((p / name).is_file() for name in CONFIG_FILES)), None)
    project = project or next((p.parent for p in output.parents if p.name == "docs"), Path.cwd())
    docs = project / "docs"
    mount = output.relative_to(docs).as_posix() if output.is_relative_to(docs) else output.name
    catalog = os.path.relpath(Path(catalog_path).resolve(), project)
    return ["markdown_extensions:", f"  - zoocat: {{catalog: {catalog}, path: {mount}}}"]
