"""The last build, as this one finds it: its cache beside the output, whether anything changed since, what may be
taken from it as it is, and, once the new output is complete, this build's state saved for the next.

build.py opens one per build (a context manager) and asks it questions; a reader of the pipeline can skip this
module and still follow a build: without a cache every answer is "build everything"."""

from __future__ import annotations

import gc
import os
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from ..build_options import BuildOptions
from ..model.page_texts import TEXTS_PREFIX, TextStore
from ..model.problems import Problem
from ..model.table_columns import Layout
from ..output.write import Drift, Listing, site_files
from ..render.theme import theme_dirs
from .cache import (
    STAMP,
    BuildState,
    Found,
    KeptState,
    SourceState,
    cache_dir,
    folder_fingerprints,
    last_listing,
    listing_digest,
    load_state,
    output_identity,
    save_state,
    theme_stats,
    tree_shape,
    tree_stats,
)
from .cache_folder import open_cache
from .parallel import Background, Ready
from .unit_keys import inputs_digest
from .unit_writing import Written


def output_drift(output: str) -> Drift:
    """The output's files where they differ from the last build's listing (in the listing's own process)."""
    return Drift.between(last_listing(output), site_files(output))


@dataclass(frozen=True)
class Known:
    """What the last build read that this one may take as it is."""

    sources: dict[str, SourceState]  # taken for the folders whose fingerprint is the same
    fingerprints: dict[str, str]  # this build's, by model folder
    found: Found | None  # the last walk of the catalog, when the tree has the same paths
    layouts: dict[str, Layout]  # the last build's table layouts
    shape: str  # this build's tree of paths, for the next build's `found`


def notice(options: BuildOptions, path: Path, code: str, message: str) -> Problem:
    """A warning about the output or the cache beside it, named by its path from the catalog as all paths are."""
    where = Path(os.path.relpath(path.resolve(), Path(options.catalog).resolve())).as_posix()
    if where.startswith("../"):  # outside the catalog (the usual case): "catalog/../../tmp/x" would mislead
        where = path.resolve().as_posix()
    return Problem(where, None, "warning", code, message)


class LastBuild:
    """The cache's view of this build. `state` is the last build's whole state when this build may update the
    output (None: build everything); `unchanged` is its summary when there is nothing to do at all."""

    def __init__(self, options: BuildOptions, kept: KeptState | None, notices: list[Problem]) -> None:
        self.options, self.kept, self.notices = options, kept, notices
        self.state: BuildState | None = None
        self.unchanged: BuildState | None = None
        self._listing: Background[str, Drift] | Ready[Listing] | None = None
        self._texts: TextStore | None = None
        summary = self._summary()
        self.stats = tree_stats(options.catalog) if os.path.isdir(options.catalog) else []
        self.theme = theme_stats(theme_dirs(options.theme_dir))
        self.inputs = inputs_digest(options, self.stats, self.theme)
        if summary is not None and summary.inputs == self.inputs:
            # The same inputs: nothing to do if the output's files are those the last build left, by size and time.
            present = site_files(options.output)
            if listing_digest(present) == summary.listed:
                self.unchanged = summary
                return
            self._listing = Ready(present)  # files changed by hand: their units are made again
        elif summary is not None:
            # An update compares what it makes with the output's files: listed, and compared with the last build's
            # listing, on another core while the cache loads.
            self._listing = Background(output_drift, options.output)
        if summary is not None:
            self.state = load_state(options.output, kept, summary)
            if self.state is None:
                self.close()  # a full build after all: the listing's process need not wait for the end
                self._reset("the saved build state cannot be read (cut short, or changed); building all")

    def _summary(self) -> BuildState | None:
        if not self.options.incremental:
            return None
        summary, trouble = open_cache(self.options.output, self.options.full)
        if trouble:
            self._reset(f"{trouble}; building all")
        return summary

    def _reset(self, message: str) -> None:
        self.notices.append(notice(self.options, cache_dir(self.options.output), "cache.reset", message))

    def known(self) -> Known:
        shape = tree_shape(self.options.catalog, self.stats)
        state = self.state
        found = state.found if state and state.found.shape == shape else None
        sources, layouts = (state.sources, state.layouts) if state else ({}, {})
        fingerprints = folder_fingerprints(self.stats)
        self.stats = []  # a stat of every file in the zoo, 0.65 kB a model: not needed once they are summed up here
        return Known(sources, fingerprints, found, layouts, shape)

    def texts(self) -> TextStore | None:
        """Where this build parks its models' page texts: the last build's file, added to, for an update; a new one
        for a full build; none without a cache (the models keep them)."""
        if self._texts is None and self.options.incremental:
            name = self.state.texts if self.state is not None else f"{TEXTS_PREFIX}{uuid.uuid4().hex}"
            self._texts = TextStore(cache_dir(self.options.output) / name)
        return self._texts

    def drift(self) -> Drift:
        """How the output's files differ from what the last build left, for an update (which has its state)."""
        if isinstance(self._listing, Background):
            return self._listing.result()
        present = self._listing.result() if self._listing is not None else site_files(self.options.output)
        return Drift.between(self.state.listing if self.state is not None else {}, present)

    def save(
        self,
        result: tuple[tuple[int, int], list[Problem]],
        read: tuple[dict[str, SourceState], Found, dict[str, Layout]],
        units: dict[str, tuple[str, tuple[str, ...]]],
        written: Written,
    ) -> None:
        """The state of a build that is complete, the output swapped in or updated: saved only now, so no state
        ever claims files that were not written. result: counts and problems; read: sources, walk and layouts."""
        identity = output_identity(self.options.output)
        if not self.options.incremental or identity is None:
            return
        (counts, problems), (sources, found, layouts) = result, read
        state = BuildState(STAMP, self.inputs, identity, counts, problems, sources, units)
        texts = self.texts()
        state = replace(state, found=found, layouts=layouts)
        if texts is not None:
            state = replace(state, texts=texts.path.name, texts_size=texts.size)
        listed = listing_digest(written.listing)
        saved = save_state(self.options.output, replace(state, listing=written.listing, listed=listed))
        if self.kept is not None:
            self.kept.state = saved

    def close(self) -> None:
        if self._listing is not None:
            self._listing.close()
            self._listing = None

    def __enter__(self) -> LastBuild:
        gc.freeze()  # the last build's models live through this one: see build.py
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        gc.unfreeze()  # a long-lived process (zoocat serve) may free this build's objects once it is done
        self.close()
