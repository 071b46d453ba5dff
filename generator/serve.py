"""`zoocat serve`: build, serve on localhost, rebuild what changed and reload open pages.

The server, the file watching and the reload script are MkDocs' live-reload server (already a dependency, for the
plugin): zoocat gives it a builder. Rebuilds are incremental, so a changed card shows up in a fraction of the full
build's time.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import BuildError, BuildOptions, BuildResult, build
from .incremental import cache_dir
from .theme import default_theme_dir

Report = Callable[[str], None]


@dataclass(frozen=True)
class ServeOptions:
    catalog: str
    host: str = "127.0.0.1"
    port: int = 8000
    theme_dir: str | None = None
    jobs: int | None = None
    watch_default_theme: bool = False  # for work on zoocat's own theme


def serve(options: ServeOptions, report: Report, on_build: Callable[[BuildResult], None]) -> None:
    """Serve until interrupted; the site lives in a temporary folder removed at the end."""
    scratch = Path(tempfile.mkdtemp(prefix="zoocat-serve-"))
    output = scratch / "site"
    build_options = BuildOptions(options.catalog, str(output), theme_dir=options.theme_dir, jobs=options.jobs)
    try:
        _rebuild(build_options, report, on_build)
        if not output.is_dir():
            raise BuildError("the first build failed: fix the problems above, then start zoocat serve again")
        server = LiveReloadServer(
            builder=lambda: _rebuild(build_options, report, on_build),
            host=options.host,
            port=options.port,
            root=str(output),
        )
        server.watch(options.catalog)
        if options.theme_dir:
            server.watch(options.theme_dir)
        if options.watch_default_theme:
            server.watch(str(default_theme_dir()))
        report(f"Serving on {server.url} (watching {options.catalog}; Ctrl+C to stop)")
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        except KeyboardInterrupt:
            report("Stopped.")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(cache_dir(str(output)), ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _rebuild(options: BuildOptions, report: Report, on_build: Callable[[BuildResult], None]) -> None:
    """One build; a failure is reported and the last good site stays served."""
    started = time.perf_counter()
    try:
        result = build(options)
    except BuildError as error:
        report(f"error: {error}")
        return
    on_build(result)
    report(f"Rebuilt in {time.perf_counter() - started:.2f} s" if result.rewritten is not None else "Built.")
