"""The pipeline: discover, parse stubs, load cards, build the catalog, render, write."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build_options import BuildOptions
from .errors import BuildError, OutputError, RenderError
from .incremental.cache import (
    STAMP,
    TEMPLATES,
    BuildState,
    Found,
    KeptState,
    SourceState,
    Stat,
    cache_dir,
    folder_fingerprints,
    listing_digest,
    load_state,
    open_cache,
    output_identity,
    save_state,
    theme_stats,
    tree_shape,
    tree_stats,
    view_signature,
)
from .incremental.parallel import (
    Background,
    Ready,
    default_jobs,
    parallel_map,
)
from .incremental.unit_keys import inputs_digest, lender_of, model_row_parts, site_digest, unit_keys
from .incremental.unit_writing import Ahead, Written, full_build, update
from .model.catalog import Catalog, build_catalog
from .model.checks import apply_levels, check_catalog
from .model.model_records import Model, ModelDates
from .model.problems import Problem
from .model.table_columns import Layout, Layouts
from .output.lock import lock_path, output_lock
from .output.write import (
    Listing,
    check_output,
    restore_retired,
    site_files,
)
from .read.card_limits import Limits
from .read.catalog_config import load_config
from .read.discover import ModelSource, discover
from .read.git_dates import folder_dates
from .read.model_folder import load_model
from .render.data_rows import Lender
from .render.site_units import SITE_LAYOUT, Renderer
from .render.theme import theme_dirs

__all__ = ["BuildOptions", "BuildResult", "build", "load_catalog", "make_renderer"]


@dataclass
class BuildResult:
    catalog: Catalog | None  # None when nothing changed since the last build, which is then not redone
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    counts: tuple[int, int] = (0, 0)  # models, tables
    rewritten: list[str] | None = None  # site paths an incremental build rewrote; None for a full build

    @property
    def errors(self) -> int:
        return sum(problem.level == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.level == "warning" for problem in self.problems)


def load_catalog(
    root: str, base_url: str | None = None, check_levels: dict[str, str] | None = None
) -> tuple[Catalog, list[Problem]]:
    """Every check the build makes, without rendering: the validator's whole job.

    check_levels set problem codes' levels over catalog.yml's (the MkDocs plugin's `checks` option).
    """
    loaded = _load_catalog(root, base_url, check_levels)
    return loaded.catalog, loaded.problems


@dataclass
class _Loaded:
    catalog: Catalog
    problems: list[Problem]  # all of them, at their levels and in order; without the checks left for later
    sources: dict[str, SourceState]  # model folder -> what was read there
    found: Found  # the walk of the catalog
    layouts: dict[str, Layout]  # the tables' layouts, by what their models show
    root: str = ""  # the catalog folder
    levels: dict[str, str] = field(default_factory=dict)  # problem code -> level, from catalog.yml
    checked: bool = True  # False while the catalog-wide checks are left for later

    def catalog_checks(self) -> list[Problem]:
        return check_catalog(self.catalog, self.root)

    def finish_checks(self, found: list[Problem] | None = None) -> list[Problem]:
        """Every problem, the catalog-wide checks' among them: found by another process, or run here now."""
        if not self.checked:
            self.checked = True
            extra = self.catalog_checks() if found is None else found
            self.problems = _leveled(self.problems + extra, self.levels)
        return self.problems


@dataclass(frozen=True)
class _Known:
    """What the last build read that this one may take as it is."""

    sources: dict[str, SourceState]  # taken for the folders whose fingerprint is the same
    fingerprints: dict[str, str]  # this build's, by model folder
    found: Found | None  # the last walk of the catalog, when the tree has the same paths
    layouts: dict[str, Layout]  # the last build's table layouts


def _load_catalog(
    root: str,
    base_url: str | None = None,
    check_levels: dict[str, str] | None = None,
    known: _Known | None = None,
    checks_later: bool = False,
) -> _Loaded:
    """The catalog and every problem found in it, taking from `known` what has not changed since.

    checks_later: leave the catalog-wide checks out, for _Loaded.finish_checks.
    """
    if not os.path.isdir(root):
        raise BuildError(f"the catalog folder {root} does not exist; pass the folder that holds your model folders")
    config, problems = load_config(root)
    if base_url is not None:
        config = replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
    found = known.found if known and known.found else Found("", *discover(root))
    problems += found.problems
    previous, fingerprints = (known.sources, known.fingerprints) if known else ({}, {})
    levels = {**config.check_levels, **(check_levels or {})}
    limits = config.limits.lowered(levels)  # a limit whose check is lowered cuts what is over it
    sources = _read_sources(root, found.sources, limits, previous, fingerprints)
    models = [state.model for state in sources.values() if state.model is not None]
    problems += [problem for state in sources.values() for problem in state.problems]
    # Layouts are kept for a build's next run; validating alone keeps none.
    views = {rel: state.view for rel, state in sources.items()}
    layouts = Layouts(config, views, known.layouts) if known else None
    catalog, catalog_problems = build_catalog(models, config, layouts)
    problems += catalog_problems
    made = layouts.made if layouts else {}
    loaded = _Loaded(catalog, problems, sources, found, made, root, levels, checked=False)
    if not checks_later:
        loaded.finish_checks()
    return loaded


def _leveled(problems: list[Problem], levels: dict[str, str]) -> list[Problem]:
    return sorted(apply_levels(problems, levels), key=_problem_order)


def _read_sources(
    root: str,
    sources: list[ModelSource],
    limits: Limits,
    previous: dict[str, SourceState],
    fingerprints: dict[str, str],
) -> dict[str, SourceState]:
    real_root = os.path.realpath(root)
    history = folder_dates(root, (source.rel_dir for source in sources))
    states: dict[str, SourceState] = {}
    to_read = []
    reading = (real_root, limits)
    for source in sources:
        fingerprint, dates = fingerprints.get(source.rel_dir, ""), history.get(source.rel_dir)
        known = previous.get(source.rel_dir)
        if fingerprint and known and (known.fingerprint, known.history, known.reading) == (fingerprint, dates, reading):
            states[source.rel_dir] = known
        else:
            states[source.rel_dir] = SourceState(fingerprint, dates, None, [], reading=reading)
            to_read.append((source, real_root, limits, dates))
    for job, (model, problems, view) in zip(to_read, parallel_map(_load, to_read, default_jobs()), strict=True):
        state = states[job[0].rel_dir]
        state.model, state.problems, state.view = model, problems, view
    return {rel: states[rel] for rel in sorted(states)}


def _load(job: tuple[ModelSource, str, Limits, ModelDates | None]) -> tuple[Model | None, list[Problem], str]:
    model, problems = load_model(*job)
    return model, problems, view_signature(model)


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def make_renderer(
    catalog: Catalog,
    theme_dir: str | None = None,
    layout: str = SITE_LAYOUT,
    compiled: Path | None = None,
    lender: Lender | None = None,
) -> Renderer:
    return Renderer(catalog, theme_dirs(theme_dir), layout, compiled, lender)


def build(options: BuildOptions, kept: KeptState | None = None) -> BuildResult:
    """Build the site; with the state of the last build, redo only what changed (see incremental/).

    One build at a time writes an output: another waits for it a while, then gives up (output/lock.py).
    kept: where a long-lived process keeps the last build's state in memory, from one build to the next."""
    try:
        check_output(options.output, options.catalog)
        with output_lock(options.output) as stale:
            notices = _mend(options, stale)
            result = _build_locked(options, kept, notices)
    except OutputError as error:
        raise BuildError(str(error)) from None
    except OSError as error:  # the cache or the lock beside the output
        raise BuildError(f"cannot prepare {options.output}: {error.strerror} ({error.filename})") from None
    result.problems = result.problems + notices
    return result


def _mend(options: BuildOptions, stale: str) -> list[Problem]:
    """What a build cut short left behind: its lock, the old output under its retired name; each reported."""
    notices = []
    if stale:
        lock = lock_path(options.output)
        notices.append(_notice(options, lock, "output.stale-lock", f"a build ({stale}) was cut short; took its lock"))
    if restore_retired(options.output):
        message = "a build was cut short while it swapped in the new site; put the previous one back"
        notices.append(_notice(options, Path(options.output), "output.restored", message))
    return notices


def _notice(options: BuildOptions, path: Path, code: str, message: str) -> Problem:
    """A warning about the output or the cache beside it, whose path is given from the catalog as all paths are."""
    where = Path(os.path.relpath(path.resolve(), Path(options.catalog).resolve())).as_posix()
    if where.startswith("../"):  # outside the catalog (the usual case): "catalog/../../tmp/x" would mislead
        where = path.resolve().as_posix()
    return Problem(where, None, "warning", code, message)


def _build_locked(options: BuildOptions, kept: KeptState | None, notices: list[Problem]) -> BuildResult:
    summary = None
    if options.incremental:
        summary, trouble = open_cache(options.output, options.full)
        if trouble:
            notices.append(_notice(options, cache_dir(options.output), "cache.reset", f"{trouble}; building all"))
    stats = tree_stats(options.catalog) if os.path.isdir(options.catalog) else []
    theme = theme_stats(theme_dirs(options.theme_dir))
    inputs = inputs_digest(options, stats, theme)
    listing: Background[str, Listing] | Ready[Listing] | None = None
    if summary is not None and summary.inputs == inputs:
        # The same inputs: nothing to do if the output's files are those the last build left, by size and time.
        present = site_files(options.output)
        if listing_digest(present) == summary.listed:
            # --strict still refuses a site with problems (the one there stays as it is).
            written = not (options.strict and summary.problems)
            return BuildResult(None, summary.problems, written=written, counts=summary.counts, rewritten=[])
        listing = Ready(present)  # files changed by hand: their units are made again
    elif summary is not None:
        # An update compares what it makes with the output's files: listed on another core while the cache loads.
        listing = Background(site_files, options.output)
    try:
        state = load_state(options.output, kept, summary) if summary is not None else None
        if state is None and listing is not None:
            listing.close()  # a full build after all: the listing's process need not wait for the end
            listing = None
            message = "the saved build state cannot be read (cut short, or changed); building all"
            notices.append(_notice(options, cache_dir(options.output), "cache.reset", message))
        gc.freeze()  # the last build's models live through this one: see _build
        try:
            return _build(options, inputs, state, stats, theme, kept, listing)
        finally:
            gc.unfreeze()  # a long-lived process (zoocat serve) may free this build's objects once it is done
    finally:
        if listing is not None:
            listing.close()


def _build(
    options: BuildOptions,
    inputs: str,
    state: BuildState | None,
    stats: list[Stat],
    theme: list[tuple[str, str]],
    kept: KeptState | None,
    listing: Background[str, Listing] | Ready[Listing] | None,
) -> BuildResult:
    shape = tree_shape(options.catalog, stats)
    found = state.found if state and state.found.shape == shape else None
    known = _Known(state.sources if state else {}, folder_fingerprints(stats), found, state.layouts if state else {})
    # An update leaves the catalog-wide checks to Ahead; --strict needs the problems before it renders.
    later = state is not None and not options.strict
    gc.disable()  # loading makes the catalog's millions of objects and no garbage worth collecting
    try:
        loaded = _load_catalog(options.catalog, options.base_url, None, known, checks_later=later)
    finally:
        gc.enable()
    loaded.found = replace(loaded.found, shape=shape)
    return _build_loaded(options, inputs, state, theme, kept, listing, loaded)


def _build_loaded(
    options: BuildOptions,
    inputs: str,
    state: BuildState | None,
    theme: list[tuple[str, str]],
    kept: KeptState | None,
    listing: Background[str, Listing] | Ready[Listing] | None,
    loaded: _Loaded,
) -> BuildResult:
    # The catalog lives until the build ends: the collector need not walk it over and over (a big build's time
    # went there), nor touch its pages in forked workers, which would copy them.
    gc.freeze()
    catalog = loaded.catalog
    result = BuildResult(catalog, loaded.problems, counts=(len(catalog.models), len(catalog.tables)))
    if options.strict and loaded.problems:
        return result
    rows = model_row_parts(catalog, loaded.sources)
    lender = lender_of(options.output, state, rows.full) if state is not None else None
    renderer = make_renderer(catalog, options.theme_dir, compiled=_compiled_templates(options), lender=lender)
    names = renderer.units()
    with _as_build_errors(options.output):
        if state is None:
            keys = unit_keys(catalog, names, rows, site_digest(catalog, theme))
            written = full_build(renderer, names, options)
        else:
            with Ahead(renderer, names, loaded, options) as ahead:
                keys = unit_keys(catalog, names, rows, site_digest(catalog, theme))
                present = listing.result() if listing is not None else site_files(options.output)
                written = update(renderer, keys, state, options, present, ahead)
            result.rewritten = written.rewritten
    result.written = True
    result.problems = loaded.finish_checks()
    if options.incremental:
        units = {name: (keys[name], written.units[name]) for name in names}
        saved = _save(options, inputs, result, loaded, units, rows.full, written)
        if kept is not None:
            kept.state = saved
    return result


@contextmanager
def _as_build_errors(output: str) -> Iterator[None]:
    """Rendering's and writing's failures as the build's: one line for the user, no traceback."""
    try:
        yield
    except (RenderError, OutputError) as error:
        raise BuildError(str(error)) from None
    except OSError as error:
        raise BuildError(f"cannot write the site to {output}: {error.strerror}") from None


def _compiled_templates(options: BuildOptions) -> Path | None:
    """Where the cache keeps compiled templates: none without a cache."""
    if not options.incremental:
        return None
    folder = cache_dir(options.output) / TEMPLATES
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _save(
    options: BuildOptions,
    inputs: str,
    result: BuildResult,
    loaded: _Loaded,
    units: dict[str, tuple[str, tuple[str, ...]]],
    rows: dict[str, str],
    written: Written,
) -> BuildState | None:
    """The state of a build that is complete, the output swapped in or updated: saved only now, so no state ever
    claims files that were not written."""
    identity = output_identity(options.output)
    if identity is None:
        return None
    state = BuildState(STAMP, inputs, identity, result.counts, result.problems, loaded.sources, units, rows)
    listed = listing_digest(written.listing)
    state = replace(state, row_files=written.row_files, found=loaded.found, layouts=loaded.layouts)
    return save_state(options.output, replace(state, listing=written.listing, listed=listed))
