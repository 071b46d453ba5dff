"""Rendering the site's units and writing them: all of them into a new folder swapped in whole (a full build), or
those whose key changed beside the output, then moved in (an update), with the work that waits on nothing done
ahead on another core."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..build_options import BuildOptions
from ..errors import RenderError
from ..model.problems import Problem
from ..output.write import (
    Drift,
    Listing,
    apply_update,
    file_stats,
    remove_site_file,
    staged_output,
    staging_beside,
)
from ..render.site_units import Renderer
from .cache import BuildState, drop_state
from .parallel import Background, UnitOutput, claim_paths, default_jobs, render_site_units, render_unit


class CatalogChecks(Protocol):
    """The catalog-wide checks of a build, which an update runs ahead, on another core."""

    @property
    def checks_left(self) -> bool: ...

    def catalog_checks(self) -> list[Problem]: ...


@dataclass
class Written:
    units: dict[str, tuple[str, ...]]  # unit -> site paths it wrote
    rewritten: list[str] | None = None  # site paths whose bytes changed, for an update
    listing: Listing = field(default_factory=dict)  # the output's files once written (write.site_files)
    checks: list[Problem] | None = None  # the catalog-wide checks' problems, when found ahead on another core

    def note(self, output: UnitOutput) -> None:
        self.units[output.name] = output.files


def full_build(renderer: Renderer, names: list[str], options: BuildOptions) -> Written:
    """Every unit into a new folder, swapped in whole: nothing touches the output until the site is complete."""
    drop_state(options.output)
    with staged_output(options.output, options.catalog) as staging:
        written = write_units(renderer, names, staging, options)
    # The new output holds the units' files and nothing else: the listing shares their paths (a walk of the output
    # would make each again, 40 MB at 100,000 models).
    written.listing = file_stats(options.output, [path for files in written.units.values() for path in files])
    return written


# Units an update starts rendering on another core once the catalog is built, before it knows which units changed:
# the search index, drawn whole from every model, is the longest unit of most updates, and any edit changes it.
AHEAD_UNITS = ("search",)


class Ahead:
    """An update's work that waits on nothing the update works out: the catalog-wide checks, and the AHEAD_UNITS
    rendered into a staging folder of the update's. One forked process does it all while this one goes on; one
    process, as each fork of a big catalog copies the pages it touches."""

    def __init__(self, renderer: Renderer, names: list[str], loaded: CatalogChecks, options: BuildOptions) -> None:
        self.staging = staging_beside(options.output, options.catalog)
        self._renderer, self._loaded = renderer, loaded
        alone = (options.jobs or default_jobs()) <= 1  # --jobs 1: one process, as asked
        self.names = set() if alone else {name for name in AHEAD_UNITS if name in names}
        self._pending = None if alone else Background(self._work, sorted(self.names))

    def _work(self, names: list[str]) -> tuple[list[Problem] | None, list[UnitOutput]]:
        checks = self._loaded.catalog_checks() if self._loaded.checks_left else None
        return checks, [render_unit(self._renderer, name, self.staging) for name in names]

    def jobs_beside(self, names: list[str], options: BuildOptions) -> int:
        """Workers for the other units: none but this process while the work ahead is the longer, as after the
        edit of a card; all there are for a bigger update."""
        weight = self._renderer.unit_weight
        if self._pending is not None and sum(map(weight, names)) <= sum(map(weight, self.names)):
            return 1
        return options.jobs or default_jobs()

    def take(self, changed: set[str], written: Written) -> list[Problem] | None:
        """The units that changed noted as written (refused if they write a path another unit wrote), the files of
        those that did not dropped; the checks' problems returned (None when they were not run ahead)."""
        if self._pending is None:
            return None
        found, outputs = self._pending.result()
        self._pending = None
        for output in outputs:
            if output.name not in changed:
                for path in output.files:
                    remove_site_file(self.staging, path)
            elif output.error:
                raise RenderError(output.error)
            else:
                claim_paths({path for files in written.units.values() for path in files}, output.files)
                written.note(output)
        return found

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._pending is not None:
            self._pending.close()
        if error is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def update(
    renderer: Renderer,
    keys: dict[str, str],
    state: BuildState,
    options: BuildOptions,
    drift: Drift,
    ahead: Ahead,
) -> Written:
    """Render the units whose key changed beside the output, then move their files in (see apply_update).

    drift: how the output's files differ from the last build's listing. A unit with a file missing, or changed
    since the last build wrote it (another size or time), is rendered again, and a file no unit made goes. ahead:
    units already rendering, into its staging folder.
    """
    was = state.listing
    changed = {
        name
        for name, key in keys.items()
        if state.units.get(name, ("", ()))[0] != key or not drift.holds(state.units[name][1])
    }
    units = {name: files for name, (_, files) in state.units.items() if name in keys}
    unchanged = {path for name, files in units.items() if name not in changed for path in files}
    staging = ahead.staging
    beside = [name for name in keys if name in changed - ahead.names]
    written = write_units(renderer, beside, staging, options, ahead.jobs_beside(beside, options))
    checks = ahead.take(changed, written)
    units.update(written.units)
    staged = {path for name in changed for path in units.get(name, ())}
    claim_paths(set(unchanged), staged)
    drop_state(options.output)  # cut short from here on, the next build is a full one
    rewritten = apply_update(staging, options.output, staged, drift.present(was) - unchanged, unchanged)
    # The output's files now: those left as they were, by the listing made before; those moved in, as they are.
    kept = {path: stats for path in unchanged | staged if (stats := drift.stats(was, path)) is not None}
    listing = kept | file_stats(options.output, rewritten)
    return Written(units, rewritten, listing=listing, checks=checks)


def write_units(
    renderer: Renderer, names: list[str], folder: Path, options: BuildOptions, jobs: int | None = None
) -> Written:
    """Render the units into folder, with jobs workers (by default the options'); what each wrote."""
    written = Written({})
    for output in render_site_units(renderer, names, folder, jobs or options.jobs or default_jobs()):
        if options.progress:
            options.progress(len(written.units) + 1, len(names))
        written.note(output)
    return written
