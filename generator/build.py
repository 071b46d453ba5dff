"""The pipeline: discover, parse stubs, load cards, build the catalog, render, write."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BuildError, OutputError, RenderError
from .incremental.cache import (
    STAMP,
    TEMPLATES,
    BuildState,
    Found,
    KeptState,
    RowParts,
    SourceState,
    Stat,
    cache_dir,
    digest,
    drop_state,
    folder_fingerprints,
    git_head,
    listing_digest,
    load_state,
    open_cache,
    output_identity,
    row_parts,
    save_state,
    theme_stats,
    tree_shape,
    tree_stats,
    unit_keys,
    view_signature,
)
from .incremental.parallel import (
    Background,
    UnitOutput,
    claim_paths,
    default_jobs,
    parallel_map,
    render_site_units,
    render_unit,
)
from .model.catalog import Catalog, Layout, Layouts, build_catalog
from .model.checks import apply_levels, check_catalog
from .model.model_records import Model, ModelDates
from .model.problems import Problem
from .output.write import (
    Listing,
    apply_update,
    check_output,
    file_stats,
    lock_path,
    output_lock,
    remove_site_file,
    restore_retired,
    site_files,
    staged_output,
    staging_beside,
)
from .read.card_limits import Limits
from .read.catalog_config import load_config
from .read.discover import ModelSource, discover
from .read.git_dates import folder_dates
from .read.model_folder import load_model
from .render.data_rows import Lender, RowFile
from .render.site_units import SITE_LAYOUT, Renderer
from .render.theme import theme_dirs
from .render.views import hub_names


@dataclass(frozen=True)
class BuildOptions:
    catalog: str = "catalog"
    output: str = "site"
    strict: bool = False
    base_url: str | None = None
    theme_dir: str | None = None
    jobs: int | None = None  # worker processes; None: one per core
    incremental: bool = True  # keep a cache beside the output and redo only what changed
    full: bool = False  # build everything whatever the cache says (and keep a cache for the next build)
    progress: Callable[[int, int], None] | None = None  # units done, units in all


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
    catalog: Catalog, theme_dir: str | None = None, layout: str = SITE_LAYOUT, compiled: Path | None = None
) -> Renderer:
    return Renderer(catalog, theme_dirs(theme_dir), layout, compiled)


def build(options: BuildOptions, kept: KeptState | None = None) -> BuildResult:
    """Build the site; with the state of the last build, redo only what changed (see incremental.py).

    One build at a time writes an output: another waits for it a while, then gives up (write.output_lock).
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


class _Ready:
    """A listing of the output made already, where a Background one is not needed."""

    def __init__(self, listing: Listing) -> None:
        self.listing = listing

    def result(self) -> Listing:
        return self.listing

    def close(self) -> None:
        pass


def _build_locked(options: BuildOptions, kept: KeptState | None, notices: list[Problem]) -> BuildResult:
    summary = None
    if options.incremental:
        summary, trouble = open_cache(options.output, options.full)
        if trouble:
            notices.append(_notice(options, cache_dir(options.output), "cache.reset", f"{trouble}; building all"))
    stats = tree_stats(options.catalog) if os.path.isdir(options.catalog) else []
    theme = theme_stats(theme_dirs(options.theme_dir))
    inputs = _inputs_digest(options, stats, theme)
    listing: Background[str, Listing] | _Ready | None = None
    if summary is not None and summary.inputs == inputs:
        # The same inputs: nothing to do if the output's files are those the last build left, by size and time.
        present = site_files(options.output)
        if listing_digest(present) == summary.listed:
            # --strict still refuses a site with problems (the one there stays as it is).
            written = not (options.strict and summary.problems)
            return BuildResult(None, summary.problems, written=written, counts=summary.counts, rewritten=[])
        listing = _Ready(present)  # files changed by hand: their units are made again
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
    listing: Background[str, Listing] | _Ready | None,
) -> BuildResult:
    shape = tree_shape(options.catalog, stats)
    found = state.found if state and state.found.shape == shape else None
    known = _Known(state.sources if state else {}, folder_fingerprints(stats), found, state.layouts if state else {})
    # An update leaves the catalog-wide checks to _Ahead; --strict needs the problems before it renders.
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
    listing: Background[str, Listing] | _Ready | None,
    loaded: _Loaded,
) -> BuildResult:
    # The catalog lives until the build ends: the collector need not walk it over and over (a tenth of a big
    # build's time went there), nor touch its pages in forked workers, which would copy them.
    gc.freeze()
    catalog = loaded.catalog
    result = BuildResult(catalog, loaded.problems, counts=(len(catalog.models), len(catalog.tables)))
    if options.strict and loaded.problems:
        return result
    renderer = make_renderer(catalog, options.theme_dir, compiled=_compiled_templates(options))
    names = renderer.units()
    rows = _row_parts(catalog, loaded.sources)
    try:
        if state is None:
            keys = unit_keys(catalog, names, rows, _site_digest(catalog, theme))
            written = _full_build(renderer, names, options)
        else:
            renderer.lender = _lender(options.output, state, rows.full)
            with _Ahead(renderer, names, loaded, options) as ahead:
                keys = unit_keys(catalog, names, rows, _site_digest(catalog, theme))
                present = listing.result() if listing is not None else site_files(options.output)
                written = _update(renderer, keys, state, options, present, ahead)
            result.rewritten = written.rewritten
    except RenderError as error:
        raise BuildError(str(error)) from None
    except OutputError as error:
        raise BuildError(str(error)) from None
    except OSError as error:
        raise BuildError(f"cannot write the site to {options.output}: {error.strerror}") from None
    result.written = True
    result.problems = loaded.finish_checks()
    if options.incremental:
        units = {name: (keys[name], written.units[name]) for name in names}
        saved = _save(options, inputs, result, loaded, units, rows.full, written)
        if kept is not None:
            kept.state = saved
    return result


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


def _inputs_digest(options: BuildOptions, stats: list[Stat], theme: list[tuple[str, str]]) -> str:
    """Everything a build reads, by size and time: the catalog's files, the theme's, the options, git's HEAD."""
    where = os.path.realpath(options.catalog)
    return digest(STAMP, where, options.base_url, options.theme_dir, stats, theme, git_head(options.catalog))


def _site_digest(catalog: Catalog, theme: list[tuple[str, str]]) -> str:
    """What every page shows besides its own models: settings, theme, navigation, the list of models and tags."""
    stubs = [model.stub.text for model in catalog.models]
    tables = [(table.key, table.title) for table in catalog.tables]
    # Hub names make base_model links on other models' pages.
    names = sorted(hub_names(catalog.models).items())
    return digest(STAMP, repr(catalog.config), theme, stubs, tables, sorted(catalog.tag_slugs.items()), names)


def _row_parts(catalog: Catalog, sources: dict[str, SourceState]) -> RowParts:
    """Each model's part in the keys of the units that show it: its signature, in full and as tables see it."""
    stubs = [model.stub.text for model in catalog.models]
    full, view = {stub: sources[stub].signature for stub in stubs}, {stub: sources[stub].view for stub in stubs}
    return RowParts(row_parts(catalog, full), row_parts(catalog, view))


def _lender(output: str, state: BuildState, rows: dict[str, str]) -> Lender:
    """The last build's data files lend the rows of models whose row parts are unchanged."""
    unchanged = frozenset(stub for stub, part in rows.items() if state.rows.get(stub) == part)
    return Lender(output, state.row_files, unchanged)


@dataclass
class _Written:
    units: dict[str, tuple[str, ...]]  # unit -> site paths it wrote
    row_files: dict[str, RowFile]  # site path -> where its rows lie, for the big data files
    rewritten: list[str] | None = None  # site paths whose bytes changed, for an update
    texts: dict[str, str] = field(default_factory=dict)  # stub -> the catalog's own string of it
    listing: Listing = field(default_factory=dict)  # the output's files once written (write.site_files)

    def note(self, output: UnitOutput) -> None:
        self.units[output.name] = output.files
        self.row_files.update((uri, rows.sharing(self.texts)) for uri, rows in output.rows.items())


def _full_build(renderer: Renderer, names: list[str], options: BuildOptions) -> _Written:
    """Every unit into a new folder, swapped in whole: nothing touches the output until the site is complete."""
    drop_state(options.output)
    with staged_output(options.output, options.catalog) as staging:
        written = _write_units(renderer, names, staging, options)
    written.listing = site_files(options.output)
    return written


# Units an update starts rendering on another core once the catalog is built, before it knows which units changed:
# the search index, drawn whole from every model, is the longest unit of most updates, and any edit changes it.
AHEAD_UNITS = ("search",)


class _Ahead:
    """An update's work that waits on nothing the update works out: the catalog-wide checks, and the AHEAD_UNITS
    rendered into a staging folder of the update's. One forked process does it all while this one goes on; one
    process, as each fork of a big catalog copies the pages it touches."""

    def __init__(self, renderer: Renderer, names: list[str], loaded: _Loaded, options: BuildOptions) -> None:
        self.staging = staging_beside(options.output, options.catalog)
        self._renderer, self._loaded = renderer, loaded
        alone = (options.jobs or default_jobs()) <= 1  # --jobs 1: one process, as asked
        self.names = set() if alone else {name for name in AHEAD_UNITS if name in names}
        self._pending = None if alone else Background(self._work, sorted(self.names))

    def _work(self, names: list[str]) -> tuple[list[Problem] | None, list[UnitOutput]]:
        checks = None if self._loaded.checked else self._loaded.catalog_checks()
        return checks, [render_unit(self._renderer, name, self.staging) for name in names]

    def jobs_beside(self, names: list[str], options: BuildOptions) -> int:
        """Workers for the other units: none but this process while the work ahead is the longer, as after the
        edit of a card; all there are for a bigger update."""
        weight = self._renderer.unit_weight
        if self._pending is not None and sum(map(weight, names)) <= sum(map(weight, self.names)):
            return 1
        return options.jobs or default_jobs()

    def take(self, changed: set[str], written: _Written) -> None:
        """The checks' problems; the units that changed noted as written (refused if they write a path another unit
        wrote), the files of those that did not dropped."""
        if self._pending is None:
            return
        found, outputs = self._pending.result()
        self._pending = None
        self._loaded.finish_checks(found)
        for output in outputs:
            if output.name not in changed:
                for path in output.files:
                    remove_site_file(self.staging, path)
            elif output.error:
                raise RenderError(output.error)
            else:
                claim_paths({path for files in written.units.values() for path in files}, output.files)
                written.note(output)

    def __enter__(self) -> _Ahead:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._pending is not None:
            self._pending.close()
        if error is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def _update(
    renderer: Renderer,
    keys: dict[str, str],
    state: BuildState,
    options: BuildOptions,
    present: Listing,
    ahead: _Ahead,
) -> _Written:
    """Render the units whose key changed beside the output, then move their files in (see apply_update).

    present: the output's files (write.site_files). A unit with a file missing, or changed since the last build
    wrote it (another size or time), is rendered again, and a file no unit made goes. ahead: units already
    rendering, into its staging folder.
    """
    was, now = state.listing, present.get
    changed = {
        name
        for name, key in keys.items()
        if state.units.get(name, ("", ()))[0] != key or any(now(path) != was.get(path) for path in state.units[name][1])
    }
    units = {name: files for name, (_, files) in state.units.items() if name in keys}
    unchanged = {path for name, files in units.items() if name not in changed for path in files}
    staging = ahead.staging
    beside = [name for name in keys if name in changed - ahead.names]
    written = _write_units(renderer, beside, staging, options, ahead.jobs_beside(beside, options))
    ahead.take(changed, written)
    units.update(written.units)
    staged = {path for name in changed for path in units.get(name, ())}
    claim_paths(set(unchanged), staged)
    row_files = {uri: rows for uri, rows in state.row_files.items() if uri in unchanged} | written.row_files
    drop_state(options.output)  # cut short from here on, the next build is a full one
    # A data file whose digest is not the one the last build recorded has other bytes than the file it wrote.
    new_digests = {uri: rows.digest for uri, rows in written.row_files.items()}
    differ = frozenset(uri for uri, digest in new_digests.items() if _digest_of(state, uri) not in ("", digest))
    rewritten = apply_update(staging, options.output, staged, set(present) - unchanged, unchanged, differ)
    # The output's files now: those left as they were, by the listing made before; those moved in, as they are.
    kept = {path: present[path] for path in unchanged | staged if path in present}
    return _Written(units, row_files, rewritten, listing=kept | file_stats(options.output, rewritten))


def _digest_of(state: BuildState, uri: str) -> str:
    """The digest the last build recorded for a big data file ("" for any other file)."""
    rows = state.row_files.get(uri)
    return rows.digest if rows else ""


def _save(
    options: BuildOptions,
    inputs: str,
    result: BuildResult,
    loaded: _Loaded,
    units: dict[str, tuple[str, tuple[str, ...]]],
    rows: dict[str, str],
    written: _Written,
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


def _write_units(
    renderer: Renderer, names: list[str], folder: Path, options: BuildOptions, jobs: int | None = None
) -> _Written:
    """Render the units into folder, with jobs workers (by default the options'); what each wrote."""
    # Each stub's text, one string: row files read back from workers share these instead of copies of their own.
    written = _Written({}, {}, texts={model.stub.text: model.stub.text for model in renderer.catalog.models})
    for output in render_site_units(renderer, names, folder, jobs or options.jobs or default_jobs()):
        if options.progress:
            options.progress(len(written.units) + 1, len(names))
        written.note(output)
    return written
