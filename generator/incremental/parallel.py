"""Render the site's units into a folder, on every core.

Workers are forked from the process that loaded the catalog, so they share it without copying or pickling it;
each keeps its own template environment (the Renderer's), renders whole units and writes
their files itself. Only unit names go to the workers and only file lists come back, so the main process never
holds the rendered site.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar, cast

import jinja2

from ..errors import RenderError, ZoocatError
from ..output.write import write_files
from ..render.site_units import Renderer

# Units are small (a model page): handing them out a few at a time keeps both cores busy to the end.
CHUNK = 8
# Below this many units the cost of starting workers is more than they save.
MIN_PARALLEL_UNITS = 64
# Table rows (a unit's weight) that take longer to draw than starting the workers.
MIN_PARALLEL_WEIGHT = 2000

T = TypeVar("T")
R = TypeVar("R")

_renderer: Renderer | None = None  # set in the parent before forking; workers inherit it


@dataclass(frozen=True)
class UnitOutput:
    name: str
    files: tuple[str, ...]  # site paths written
    error: str | None = None
    titles: dict[str, str] = field(default_factory=dict)  # site path -> title, of pages drawn in the layout
    copies: dict[str, str] = field(default_factory=dict)  # site path -> OS path, of the files it publishes


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_units(renderer: Renderer, names: Iterable[str], folder: Path, jobs: int) -> Iterator[UnitOutput]:
    """Render each named unit into folder; yields what each wrote, in no particular order."""
    names = list(names)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    # A few big units (an update that touches big tables) are worth the workers as much as many small ones.
    worth_it = len(names) >= MIN_PARALLEL_UNITS or sum(map(renderer.unit_weight, names)) >= MIN_PARALLEL_WEIGHT
    if jobs <= 1 or len(names) < 2 or not worth_it or not can_fork:
        for name in names:
            yield _checked(render_unit(renderer, name, folder))
        return
    global _renderer
    _renderer = renderer
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            chunk = max(1, min(CHUNK, len(names) // (jobs * 4)))  # few units: one at a time, spread over all
            for output in pool.imap_unordered(_render_in_worker, [(name, str(folder)) for name in names], chunk):
                yield _checked(output)
    finally:
        _renderer = None


def render_site_units(renderer: Renderer, names: Iterable[str], folder: Path, jobs: int) -> Iterator[UnitOutput]:
    """render_units, the longest units first (none is left to the end), refusing two units that write one path."""
    paths: set[str] = set()
    for output in render_units(renderer, sorted(names, key=renderer.unit_weight, reverse=True), folder, jobs):
        claim_paths(paths, output.files)
        yield output


def claim_paths(claimed: set[str], paths: Iterable[str]) -> None:
    """Add paths to those claimed, refusing any claimed already: two units (or a kept one and a new one) want it."""
    new = set(paths)
    clash = claimed & new
    if clash:
        raise RenderError(f"two outputs want the path {min(clash)}")
    claimed |= new


def parallel_map(function: Callable[[T], R], items: list[T], jobs: int) -> Iterator[R]:
    """function over items, in order, on up to `jobs` forked workers (in this process when few or one). Results come
    as they are ready, so that the caller need not hold them all at once."""
    if jobs <= 1 or len(items) < MIN_PARALLEL_UNITS or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(function, items, max(1, len(items) // (jobs * 8)))


class Background(Generic[T, R]):
    """function(argument), worked out in a forked process while this one goes on (inline where nothing forks): the
    listing of the output while the cache loads, an update's checks and search index while it renders the rest.

    A bare fork and a pipe, not a pool: a pool's threads take the result in only once this process lets go of the
    interpreter, well after the child has finished.
    """

    def __init__(self, function: Callable[[T], R], argument: T) -> None:
        self._function, self._argument = function, argument
        self._child: tuple[int, int] | None = None  # process id, the pipe's end to read the outcome from
        if "fork" in multiprocessing.get_all_start_methods():
            self._child = _fork_with_outcome(function, argument)

    def result(self) -> R:
        if self._child is None:
            return self._function(self._argument)
        reading = self._child[1]
        try:
            with os.fdopen(reading, "rb", closefd=False) as pipe:
                done, value = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError) as error:
            raise RuntimeError("the background process ended without an outcome") from error
        finally:
            self.close()
        if not done:
            raise value
        return cast(R, value)

    def close(self) -> None:
        if self._child is None:
            return
        pid, reading = self._child
        self._child = None
        os.close(reading)  # a child still writing gets EPIPE and ends
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # reaped already, where a host ignores SIGCHLD
            os.waitpid(pid, 0)


def _fork_with_outcome(function: Callable[[T], R], argument: T) -> tuple[int, int]:
    """Fork a child that writes (True, function(argument)), or (False, the exception), to a pipe and ends."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading
    try:  # the child: it must end here whatever happens, running none of the parent's clean-up
        os.close(reading)
        try:
            outcome: tuple[bool, object] = (True, function(argument))
        except Exception as error:
            outcome = (False, error)
        with os.fdopen(writing, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def _render_in_worker(job: tuple[str, str]) -> UnitOutput:
    assert _renderer is not None
    return render_unit(_renderer, job[0], Path(job[1]))


def render_unit(renderer: Renderer, name: str, folder: Path) -> UnitOutput:
    """One unit rendered into folder in this process: what it wrote, or the error that stopped it (UnitOutput.error)."""
    try:
        site = renderer.render_unit(name)
        write_files(site, folder, copies=renderer.copies_in_output)
    except jinja2.TemplateError as error:
        return UnitOutput(name, (), f"{template_location(error)}: template error: {error}")
    except ZoocatError as error:
        return UnitOutput(name, (), str(error))
    except Exception as error:
        # A theme's template can fail in any way ({{ 1 / 0 }}); an error with no template in its traceback is
        # zoocat's own, and keeps its traceback.
        if not _template_frames(error):
            raise
        return UnitOutput(name, (), f"{template_location(error)}: template error: {type(error).__name__}: {error}")
    files = tuple(sorted(site.pages.keys() | site.copies.keys()))
    return UnitOutput(name, files, titles=site.titles, copies=site.copies)


def _checked(output: UnitOutput) -> UnitOutput:
    if output.error:
        raise RenderError(output.error)
    return output


def template_location(error: Exception) -> str:
    """The template file and line: Jinja2 puts them in the traceback of errors met while rendering."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename is None:
        frames = _template_frames(error)
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    return f"{filename or 'a template'}{f':{line}' if line else ''}"


def _template_frames(error: BaseException) -> list[traceback.FrameSummary]:
    return [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml"))]


class Ready(Generic[R]):
    """A result made already, where a Background one is not needed."""

    def __init__(self, value: R) -> None:
        self._value = value

    def result(self) -> R:
        return self._value

    def close(self) -> None:
        pass
