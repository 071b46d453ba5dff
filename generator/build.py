"""The pipeline: discover, parse stubs, load cards, build the catalog, render, write."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build_options import BuildOptions
from .errors import BuildError, OutputError, RenderError
from .incremental.cache import TEMPLATES, BuildState, Found, KeptState, SourceState, cache_dir, view_signature
from .incremental.last_build import Known, LastBuild, notice
from .incremental.parallel import default_jobs, parallel_map
from .incremental.unit_keys import RowParts, model_row_parts, site_digest, unit_keys
from .incremental.unit_writing import Ahead, Written, full_build, update
from .model.catalog import Catalog, build_catalog
from .model.checks import apply_levels, check_catalog
from .model.model_records import Model, ModelDates
from .model.page_texts import TextStore
from .model.problems import Problem
from .model.table_columns import Layout, Layouts
from .output.lock import lock_path, output_lock
from .output.write import check_output, restore_retired
from .read.card_limits import Limits
from .read.catalog_config import load_config
from .read.discover import ModelSource, discover
from .read.git_dates import folder_dates
from .read.model_folder import load_model
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


@dataclass(frozen=True)
class _Loaded:
    catalog: Catalog
    problems: list[Problem]  # all of them, at their levels and in order; without the checks left for later
    sources: dict[str, SourceState]  # model folder -> what was read there
    found: Found  # the walk of the catalog
    layouts: dict[str, Layout]  # the tables' layouts, by what their models show
    root: str = ""  # the catalog folder
    levels: dict[str, str] = field(default_factory=dict)  # problem code -> level, from catalog.yml
    checks_left: bool = False  # True when the catalog-wide checks are left for later

    def catalog_checks(self) -> list[Problem]:
        return check_catalog(self.catalog, self.root)

    def all_problems(self, found: list[Problem] | None = None) -> list[Problem]:
        """Every problem, the catalog-wide checks' among them: found by another process, or run here now."""
        if not self.checks_left:
            return self.problems
        extra = self.catalog_checks() if found is None else found
        return _leveled(self.problems + extra, self.levels)


def _load_catalog(
    root: str,
    base_url: str | None = None,
    check_levels: dict[str, str] | None = None,
    known: Known | None = None,
    checks_later: bool = False,
    texts: TextStore | None = None,
) -> _Loaded:
    """The catalog and every problem found in it, taking from `known` what has not changed since.

    checks_later: leave the catalog-wide checks out, for _Loaded.all_problems. texts: where to park the page texts
    of the models read (model/page_texts.py); None keeps them in the models.
    """
    if not os.path.isdir(root):
        raise BuildError(f"the catalog folder {root} does not exist; pass the folder that holds your model folders")
    config, problems = load_config(root)
    if base_url is not None:
        config = replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
    found = known.found if known and known.found else Found(known.shape if known else "", *discover(root))
    problems += found.problems
    previous, fingerprints = (known.sources, known.fingerprints) if known else ({}, {})
    levels = {**config.check_levels, **(check_levels or {})}
    limits = config.limits.lowered(levels)  # a limit whose check is lowered cuts what is over it
    sources = _read_sources(root, found.sources, (limits, texts), previous, fingerprints)
    models = [state.model for state in sources.values() if state.model is not None]
    problems += [problem for state in sources.values() for problem in state.problems]
    # Layouts are kept for a build's next run; validating alone keeps none.
    views = {rel: state.view for rel, state in sources.items()}
    layouts = Layouts(config, views, known.layouts) if known else None
    catalog, catalog_problems = build_catalog(models, config, layouts, texts)
    problems += catalog_problems
    made = layouts.made if layouts else {}
    if not checks_later:
        problems += check_catalog(catalog, root)
    return _Loaded(catalog, _leveled(problems, levels), sources, found, made, root, levels, checks_left=checks_later)


def _leveled(problems: list[Problem], levels: dict[str, str]) -> list[Problem]:
    return sorted(apply_levels(problems, levels), key=_problem_order)


def _read_sources(
    root: str,
    sources: list[ModelSource],
    reading: tuple[Limits, TextStore | None],
    previous: dict[str, SourceState],
    fingerprints: dict[str, str],
) -> dict[str, SourceState]:
    """Each folder's model and problems: read again when it changed, else as `previous` has them. The models read
    park their page texts in the store as they come, so that all of them are never held at once."""
    limits, texts = reading
    real_root = os.path.realpath(root)
    history = folder_dates(root, (source.rel_dir for source in sources))
    states: dict[str, SourceState] = {}
    to_read = []
    read_as = (real_root, limits)
    for source in sources:
        fingerprint, dates = fingerprints.get(source.rel_dir, ""), history.get(source.rel_dir)
        known = previous.get(source.rel_dir)
        if fingerprint and known and (known.fingerprint, known.history, known.reading) == (fingerprint, dates, read_as):
            states[source.rel_dir] = known
        else:
            states[source.rel_dir] = SourceState(fingerprint, dates, None, [], reading=read_as)
            to_read.append((source, real_root, limits, dates))
    with texts.parking() if texts is not None else nullcontext(_as_it_is) as park:
        for job, (model, problems, view) in zip(to_read, parallel_map(_load, to_read, default_jobs()), strict=True):
            state = states[job[0].rel_dir]
            state.model = park(_sharing_source(model, job[0])) if model is not None else None
            state.problems, state.view = problems, view
    return {rel: states[rel] for rel in sorted(states)}


def _as_it_is(model: Model) -> Model:
    return model


def _sharing_source(model: Model, source: ModelSource) -> Model:
    """The model with the stub and folder path its source already holds: those made again in a worker would be
    held twice."""
    if (model.stub, model.folder_path) != (source.stub, source.folder_path):
        return model
    return replace(model, stub=source.stub, folder_path=source.folder_path)


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
) -> Renderer:
    return Renderer(catalog, theme_dirs(theme_dir), layout, compiled)


def build(options: BuildOptions, kept: KeptState | None = None) -> BuildResult:
    """Build the site: read the catalog, check it, render it, write it. The last build's cache (incremental/) lets
    it skip what did not change; a reader may skip that part and still follow a build.

    One build at a time writes an output: another waits for it a while, then gives up (output/lock.py).
    kept: where a long-lived process keeps the last build's state in memory, from one build to the next."""
    try:
        check_output(options.output, options.catalog)
        with output_lock(options.output) as stale:
            notices = _mend(options, stale)
            with LastBuild(options, kept, notices) as last:
                # The same inputs and the same output as the last build's: nothing to do.
                result = _unchanged(options, last.unchanged) if last.unchanged else _build(options, last)
    except OutputError as error:
        raise BuildError(str(error)) from None
    except OSError as error:  # the cache or the lock beside the output
        raise BuildError(f"cannot prepare {options.output}: {error.strerror} ({error.filename})") from None
    result.problems = result.problems + notices
    return result


def _build(options: BuildOptions, last: LastBuild) -> BuildResult:
    loaded = _read(options, last)
    catalog = loaded.catalog
    result = BuildResult(catalog, loaded.problems, counts=(len(catalog.models), len(catalog.tables)))
    if options.strict and loaded.problems:
        return result  # --strict writes nothing when the catalog has problems
    rows = model_row_parts(catalog, loaded.sources)
    renderer = make_renderer(catalog, options.theme_dir, compiled=_compiled_templates(options))
    names = renderer.units()
    with _as_build_errors(options.output):
        keys, written = _write(options, last, renderer, names, loaded, rows)
    result.written, result.rewritten = True, written.rewritten
    result.problems = loaded.all_problems(written.checks)
    units = {name: (keys[name], written.units[name]) for name in names}
    read = (loaded.sources, loaded.found, loaded.layouts)
    last.save((result.counts, result.problems), read, units, written)
    return result


def _unchanged(options: BuildOptions, summary: BuildState) -> BuildResult:
    # --strict still refuses a site with problems (the one there stays as it is).
    written = not (options.strict and summary.problems)
    return BuildResult(None, summary.problems, written=written, counts=summary.counts, rewritten=[])


def _read(options: BuildOptions, last: LastBuild) -> _Loaded:
    """Discover, read the cards (those of unchanged folders taken from the last build) and build the catalog."""
    known = last.known()
    # An update leaves the catalog-wide checks to Ahead; --strict needs the problems before it renders.
    later = last.state is not None and not options.strict
    gc.disable()  # loading makes the catalog's millions of objects and no garbage worth collecting
    try:
        loaded = _load_catalog(options.catalog, options.base_url, None, known, later, last.texts())
    finally:
        gc.enable()
    # The catalog lives until the build ends: the collector need not walk it over and over (a big build's time
    # went there), nor touch its pages in forked workers, which would copy them.
    gc.freeze()
    return loaded


def _write(
    options: BuildOptions, last: LastBuild, renderer: Renderer, names: list[str], loaded: _Loaded, rows: RowParts
) -> tuple[dict[str, str], Written]:
    """Every unit into a new output; with a last build, only the changed ones, into the output as it is."""
    site = site_digest(loaded.catalog, last.theme)
    if last.state is None:
        return unit_keys(loaded.catalog, names, rows, site), full_build(renderer, names, options)
    with Ahead(renderer, names, loaded, options) as ahead:
        keys = unit_keys(loaded.catalog, names, rows, site)
        return keys, update(renderer, keys, last.state, options, last.drift(), ahead)


def _mend(options: BuildOptions, stale: str) -> list[Problem]:
    """What a build cut short left behind: its lock, the old output under its retired name; each reported."""
    notices = []
    if stale:
        lock = lock_path(options.output)
        notices.append(notice(options, lock, "output.stale-lock", f"a build ({stale}) was cut short; took its lock"))
    if restore_retired(options.output):
        message = "a build was cut short while it swapped in the new site; put the previous one back"
        notices.append(notice(options, Path(options.output), "output.restored", message))
    return notices


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
