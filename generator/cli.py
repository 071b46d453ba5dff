"""The `zoocat` command: build, validate, stub."""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
import traceback
from dataclasses import replace
from typing import Any

import click

from . import __version__
from .build import BuildOptions, BuildResult, build, load_catalog
from .errors import BuildError, DocsError, NewModelError, StubError, ZoocatError
from .importers import IMPORTERS, run_import
from .integrations.docs_pages import config_lines, write_docs
from .model.problems import FORMATS, Problem, format_problems, printable
from .model.stubs import parse_stub
from .new_card import create_model, typo_hints
from .read.card_schema import card_schema


class _Group(click.Group):
    """A user-facing error as its message (exit 1); any other failure, a bug, with its traceback (exit 70)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ZoocatError as error:
            # A user-facing error that a command did not catch itself: its message says what to do.
            _say(f"error: {error}", err=True)
            sys.exit(1)
        except Exception:
            # Anything else is zoocat's own bug: its traceback is what a report needs.
            _say(traceback.format_exc(), err=True)
            _say(
                "error: zoocat failed unexpectedly. This is a bug in zoocat: please report it with the traceback "
                "above and the input that caused it.",
                err=True,
            )
            sys.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zoocat")
def main() -> None:
    """zoocat: a static catalog site for a model zoo."""


@main.command("build")
@click.argument("catalog", default="catalog", type=click.Path(file_okay=False))
@click.option(
    "-o", "--output", default="site", show_default=True, type=click.Path(), help="Folder to write the site to."
)
@click.option("--strict", is_flag=True, help="Fail (exit 1, write nothing) on any problem, warnings included.")
@click.option("--base-url", metavar="URL", help="Where the site is served, e.g. https://USER.github.io/REPO/.")
@click.option(
    "--theme-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Templates and assets that override the default theme.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
@click.option("--full", is_flag=True, help="Build everything, whatever the cache of the last build says.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only: no progress bar, no summary.")
def build_command(
    catalog: str,
    output: str,
    strict: bool,
    base_url: str | None,
    theme_dir: str | None,
    jobs: int | None,
    full: bool,
    quiet: bool,
) -> None:
    """Build the site for CATALOG (default: catalog) into OUTPUT (default: site).

    A cache beside OUTPUT (.OUTPUT.zoocat-cache, safe to delete) lets the next build redo only what changed.
    """
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise click.BadParameter(
            "must be an http(s) URL, such as https://USER.github.io/REPO/", param_hint="--base-url"
        )
    started = time.perf_counter()
    options = BuildOptions(catalog, output, strict, base_url, theme_dir, jobs, full=full)
    try:
        with Progress(enabled=not quiet and _is_terminal()) as progress:
            result = build(replace(options, progress=progress.update))
    except BuildError as error:
        _say(f"error: {error}", err=True)
        sys.exit(1)
    _print_problems(result.problems, catalog)
    if result.written and not quiet:
        _say(_summary(result, output, time.perf_counter() - started))
    if not result.written:
        counts = _counts(result)
        _say(f"Not built: --strict and {_problem_counts(result.problems)} ({counts}); nothing written.", err=True)
        sys.exit(1)


def _counts(result: BuildResult) -> str:
    models, tables = result.counts
    return ", ".join((_plural(models, "model"), _plural(tables, "table"), _problem_counts(result.problems)))


def _summary(result: BuildResult, output: str, seconds: float) -> str:
    where = f"{output}/ (open {output}/index.html)"
    if result.catalog is None:
        return f"Nothing changed since the last build ({_counts(result)}); {where} is up to date ({seconds:.2f} s)"
    if result.rewritten is not None:
        changed = _plural(len(result.rewritten), "file")
        return f"Updated {changed} of {_counts(result)} in {seconds:.2f} s in {where}"
    return f"Built {_counts(result)} in {seconds:.2f} s into {where}"


def _is_terminal() -> bool:
    """A progress bar only for a person watching: not in CI logs or when stderr is a file."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    """A progress bar on stderr for builds long enough to need one, drawn after the first second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.bar: Any = None

    def __enter__(self) -> Progress:
        return self

    def update(self, done: int, total: int) -> None:
        if not self.enabled or time.perf_counter() - self.started < 1:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Rendering", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command("serve")
@click.argument("catalog", default="catalog", type=click.Path(file_okay=False, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on, and a name it answers to.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option(
    "--theme-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Templates and assets that override the default theme (watched too).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
def serve_command(catalog: str, host: str, port: int, theme_dir: str | None, jobs: int | None) -> None:
    """Build CATALOG, serve it on HOST:PORT and rebuild when a card or the theme changes.

    Open pages reload by themselves after each rebuild. Only what changed is rebuilt.

    Answers only requests addressed to localhost, 127.0.0.1, [::1] or HOST (421 for any other Host header: a
    guard against DNS rebinding). Ctrl+C, SIGTERM and SIGHUP stop it and remove its temporary folder.
    """
    from .integrations.serve import ServeOptions, serve

    def show(result: BuildResult) -> None:
        _print_problems(result.problems, catalog)

    try:
        serve(ServeOptions(catalog, host, port, theme_dir, jobs), lambda line: _say(line, err=True), show)
    except BuildError as error:
        _say(f"error: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        _say(f"error: cannot serve on {host}:{port}: {error.strerror}; choose another --port", err=True)
        sys.exit(1)


@main.command("docs")
@click.argument("catalog", type=click.Path(file_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="A folder of the docs tree to write to, e.g. docs/zoo."
)
@click.option(
    "--theme-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Templates and assets that override the default theme.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
def docs_command(catalog: str, output: str, theme_dir: str | None, jobs: int | None) -> None:
    """Write CATALOG into OUTPUT as Markdown pages for Zensical, MkDocs or ProperDocs.

    A page per model, recipe, table, domain and tag, and an index, each with its title and description in front
    matter; tables keep their script. Only files whose bytes changed are written; files that no longer belong are
    removed. OUTPUT is zoocat's (a .zoocat-docs file marks it): a non-empty folder without it is refused.
    """
    try:
        result = write_docs(catalog, output, theme_dir, jobs)
    except (BuildError, DocsError) as error:
        _say(f"error: {error}", err=True)
        sys.exit(1)
    _print_problems(result.problems, catalog)
    _say(
        f"Wrote {_plural(len(result.written), 'file')} into {output}, removed {len(result.removed)}, "
        f"{result.files - len(result.written)} unchanged: {_plural(result.pages, 'page')} for "
        f"{_plural(result.models, 'model')} ({_problem_counts(result.problems)})."
    )
    _say(DOCS_CONFIG_NOTE)
    for line in config_lines(catalog, output):
        _say(line)


# What the docs engine needs to know of the pages, printed after every run, before the two lines themselves.
DOCS_CONFIG_NOTE = (
    "The pages need nothing in mkdocs.yml: they link their own stylesheets and script, and every engine lists pages "
    "it finds when mkdocs.yml has no `nav` (with a `nav`, link the folder's index.md from it). To place a table or a "
    "model's figures in pages of your own (`<!-- zoocat: table DOMAIN/SUB_DOMAIN -->`, see docs/engines.md), add "
    "these two lines to mkdocs.yml (the second alone under a `markdown_extensions:` it has already):"
)


@main.command("validate")
@click.argument("catalog", default="catalog", type=click.Path(file_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print problems.",
)
def validate_command(catalog: str, output_format: str) -> None:
    """Check CATALOG as the build does, without writing anything. Exit 1 on any error."""
    try:
        model_catalog, problems = load_catalog(catalog)
    except BuildError as error:
        _say(f"error: {error}", err=True)
        sys.exit(1)
    if output_format == "text":
        _print_problems(problems, catalog)
        _say(f"Checked {_plural(len(model_catalog.models), 'model')}: {_problem_counts(problems)}", err=True)
    elif problems or output_format != "github":
        click.echo(format_problems(problems, catalog, output_format))
    sys.exit(1 if any(problem.level == "error" for problem in problems) else 0)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a card's front matter (for editors and CI)."""
    click.echo(json.dumps(card_schema(), indent=1))


@main.command("stub")
@click.argument("stub")
def stub_command(stub: str) -> None:
    """Parse STUB and print its fields as JSON."""
    try:
        parsed = parse_stub(stub)
    except StubError as error:
        _say(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(json.dumps({"stub": str(parsed), **parsed.fields()}, indent=1))


@main.command("new")
@click.argument("stub")
@click.option(
    "--catalog",
    default="catalog",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The catalog folder to add the model to.",
)
def new_command(stub: str, catalog: str) -> None:
    """Create the model folder CATALOG/STUB with a model.md card to fill in."""
    try:
        parsed = parse_stub(stub)
    except StubError as error:
        _say(f"error: {error}", err=True)
        sys.exit(2)
    try:
        created = create_model(catalog, parsed)
    except NewModelError as error:
        _say(f"error: {error}", err=True)
        sys.exit(1)
    _say(f"Created {created.card_path}")
    for hint in typo_hints(catalog, parsed):
        _say(f"warning: {hint}", err=True)
    _say(f"Next: write its name, description, metrics and body, then run: zoocat validate {shlex.quote(catalog)}")


def _say(message: str, err: bool = False) -> None:
    """A line of zoocat's own: the names and errors it quotes cannot add a line or reach the terminal raw."""
    click.echo(printable(message), err=err)


@main.command("import")
@click.argument("source_format", metavar="FORMAT", type=click.Choice(sorted(IMPORTERS)))
@click.argument("source", type=click.Path(exists=True))
@click.option(
    "--catalog",
    default="catalog",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The catalog folder to add the models to (created if missing).",
)
@click.option("--dry-run", is_flag=True, help="Show each item's stub and the problems; write nothing.")
@click.option(
    "--repo",
    metavar="NAME",
    help="The stubs' repo segment. Default: the OpenMMLab project folder holding configs/, or huggingface.",
)
def import_command(source_format: str, source: str, catalog: str, dry_run: bool, repo: str | None) -> None:
    """Import the models SOURCE describes into CATALOG, one stub folder with a model.md each.

    FORMAT openmmlab reads a metafile.yml (or every one under a folder); huggingface reads a folder of model
    repositories (each a folder with README.md). An existing model folder is never changed. Exit 1 when any item
    could not be imported.
    """
    if not dry_run and not os.path.isdir(catalog):
        try:
            os.makedirs(catalog)
        except OSError as error:
            click.echo(f"error: cannot create the catalog folder {catalog}: {error.strerror}", err=True)
            sys.exit(1)
    report = run_import(source_format, source, catalog, dry_run, repo)
    width = max((len(item.label) for item in report.items), default=0)
    for item in report.items:
        stub = item.stub.text if item.stub else "-"
        click.echo(f"{item.label.ljust(width)}  ->  {stub}  ({item.status})")
    _print_problems(report.problems, "")
    done = sum(item.status in ("imported", "would import") for item in report.items)
    left = len(report.items) - done
    counts = f"{_plural(left, 'item')} not imported, {_problem_counts(report.problems)}"
    if dry_run:
        click.echo(
            f"Dry run: would import {_plural(done, 'model')} into {catalog}; {counts}; nothing written.", err=True
        )
    else:
        click.echo(f"Imported {_plural(done, 'model')} into {catalog}; {counts}.", err=True)
        if done:
            click.echo(f"Next: zoocat validate {shlex.quote(catalog)}", err=True)
    sys.exit(1 if left or not report.items or any(problem.level == "error" for problem in report.problems) else 0)


def _print_problems(problems: list[Problem], catalog: str) -> None:
    if problems:
        click.echo(format_problems(problems, catalog, "text"), err=True)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _problem_counts(problems: list[Problem]) -> str:
    errors = sum(problem.level == "error" for problem in problems)
    return f"{_plural(errors, 'error')}, {_plural(len(problems) - errors, 'warning')}"
