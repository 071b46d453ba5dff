"""`zoocat serve`: build, serve on localhost, rebuild what changed and reload open pages.

The server, the file watching and the reload script are MkDocs' live-reload server (already a dependency, for the
plugin): zoocat gives it a builder. Rebuilds are incremental, so a changed card shows up in a fraction of the full
build's time.
"""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from ..build import BuildOptions, BuildResult, build
from ..errors import BuildError
from ..incremental.cache import KeptState, cache_dir
from ..render.theme import default_theme_dir
from .serve_pages import ServedProblems, error_page, with_banner

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
    """Serve until interrupted (Ctrl+C, SIGTERM or SIGHUP); the site lives in a temporary folder removed at the end."""
    with _stopped_by_signals():
        scratch = Path(tempfile.mkdtemp(prefix="zoocat-serve-"))
        try:
            _build_and_serve(options, scratch / "site", report, on_build)
        except KeyboardInterrupt:
            report("Stopped.")
        finally:
            shutil.rmtree(cache_dir(str(scratch / "site")), ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)


def _build_and_serve(
    options: ServeOptions, output: Path, report: Report, on_build: Callable[[BuildResult], None]
) -> None:
    build_options = BuildOptions(options.catalog, str(output), theme_dir=options.theme_dir, jobs=options.jobs)
    kept = KeptState()
    shown = [ServedProblems()]  # the last build's problems, read by the server's threads

    def on_result(result: BuildResult) -> None:
        if result.catalog is not None:  # else nothing changed, problems included
            shown[0] = ServedProblems.of(result.problems, options.catalog)
        on_build(result)

    _rebuild(build_options, kept, report, on_result)
    if not output.is_dir():
        raise BuildError("the first build failed: fix the problems above, then start zoocat serve again")
    paths = [options.catalog, *([options.theme_dir] if options.theme_dir else [])]
    paths += [str(default_theme_dir())] if options.watch_default_theme else []

    def make_server(events: bool) -> LiveReloadServer:
        server = _Server(
            builder=lambda: _rebuild(build_options, kept, report, on_result),
            host=options.host,
            port=options.port,
            root=str(output),
            events=events,
            problems=lambda: shown[0],
        )
        for path in paths:
            server.watch(path)
        return server

    _serve(make_server, report, f"(watching {options.catalog}; Ctrl+C to stop)")


_STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the server as Ctrl+C does, by a KeyboardInterrupt in the main thread: by default they
    end the process on the spot and leave the temporary site behind. Once one has come, the others are ignored
    until the clean-up is done, so a second Ctrl+C cannot cut the removal short."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    serving = os.getpid()

    def stop(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != serving:  # a build's forked worker (a pool ends its workers by SIGTERM): end quietly
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        for each in _STOP_SIGNALS:
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {each: signal.signal(each, stop) for each in _STOP_SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, told of changes by the system's file events (inotify on Linux).

    MkDocs polls every half second, walking every watched folder each time: a quarter of a second of waiting on
    average before a rebuild starts, and at 10,000 models a walk of 40,000 files twice a second. With events=False
    it polls as MkDocs does, for a system that cannot watch every folder."""

    def __init__(
        self, *, events: bool, host: str, problems: Callable[[], ServedProblems] = ServedProblems, **kwargs: Any
    ) -> None:
        super().__init__(host=host, **kwargs)
        self.problems = problems
        if events:
            self.observer = _ChangeObserver()
        names = {"localhost", "127.0.0.1", "[::1]", f"[{host}]" if ":" in host else host}
        self.own_names = {name.lower() for name in names}

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answer only requests addressed to this server by name. A page of another site whose name an attacker
        has pointed at 127.0.0.1 (DNS rebinding) reaches this port as its own origin, free to read the
        pages; its requests carry that site's name in Host, and get 421 here."""
        if not self.addressed_to_me(environ.get("HTTP_HOST", "")):
            start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"421 Misdirected Request: zoocat serve answers only to localhost, 127.0.0.1, [::1] or --host\n"]
        shown = self.problems()
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")  # as MkDocs reads it
        if path in ("/", "/index.html") and shown.all:
            return self._page(start_response, "200 OK", lambda: with_banner(self._home(), shown.all, shown.catalog))
        problems = shown.for_path(path)
        if problems and not self._exists(path):  # the card's errors left the model out
            return self._page(start_response, "404 Not Found", lambda: error_page(problems, shown.catalog))
        return super().serve_request(environ, start_response)

    def _home(self) -> bytes:
        with open(os.path.join(self.root, "index.html"), "rb") as file:
            return file.read()

    def _exists(self, path: str) -> bool:
        rel = posixpath.normpath("/" + path + ("index.html" if path.endswith("/") else "")).lstrip("/")
        return os.path.isfile(os.path.join(self.root, rel))

    def _page(self, start_response: Callable[..., Any], status: str, make: Callable[[], bytes]) -> Iterable[bytes]:
        """A page of the server's own, with the reload script every served page has: it reloads after a build."""
        with self._epoch_cond:  # as MkDocs serves a file: once the build under way is done
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        content = self._inject_js_into_html(make(), epoch)  # type: ignore[no-untyped-call]  # untyped in MkDocs
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))])
        return [content]

    def addressed_to_me(self, host_header: str) -> bool:
        port = self.server_address[1]  # the port bound, when asked for port 0
        host = host_header.strip().lower()
        return host in self.own_names or host in {f"{name}:{port}" for name in self.own_names}


# What changes a catalog. Left out: a file opened or closed unwritten. Every build reads cards and walks every
# folder, and watchdog's own recovery walks them too: at 10,000 models (14,500 folders) those events overflowed
# the kernel's queue (16,384) again and again, and an edit never reached the server.
_CHANGES = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is chosen per platform at import
    """The system's file events, only those that change the watched tree; a folder moved in, out or away counts as a
    change of a file (MkDocs' server ignores events of folders, and moving a model folder is an edit)."""

    def schedule(
        self, event_handler: FileSystemEventHandler, path: str, *, recursive: bool = False, **kwargs: Any
    ) -> ObservedWatch:
        kwargs.setdefault("event_filter", _CHANGES)
        watch: ObservedWatch = super().schedule(_FoldersAsFiles(event_handler), path, recursive=recursive, **kwargs)
        return watch


class _FoldersAsFiles(FileSystemEventHandler):
    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirCreatedEvent):
            event = FileCreatedEvent(event.src_path)
        elif isinstance(event, DirDeletedEvent):
            event = FileDeletedEvent(event.src_path)
        elif isinstance(event, DirMovedEvent):
            event = FileMovedEvent(event.src_path, event.dest_path)
        self.handler.dispatch(event)


def _serve(make_server: Callable[[bool], LiveReloadServer], report: Report, note: str) -> None:
    """Serve until interrupted, on file events; by polling if the system cannot watch every folder."""
    server = make_server(True)
    try:
        report(f"Serving on {server.url} {note}")
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        except OSError as error:
            # inotify's limits: a watch per folder (fs.inotify.max_user_watches), or too many instances.
            if error.errno not in (errno.ENOSPC, errno.EMFILE):
                raise
            server.shutdown()
            report(f"cannot watch every folder with file events ({error.strerror}): polling every half second")
            server = make_server(False)
            server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        report("Stopped.")
    finally:
        server.shutdown()


def _rebuild(options: BuildOptions, kept: KeptState, report: Report, on_build: Callable[[BuildResult], None]) -> None:
    """One build; a failure is reported and the last good site stays served."""
    started = time.perf_counter()
    try:
        result = build(options, kept)
    except BuildError as error:
        report(f"error: {error}")
        return
    on_build(result)
    report(f"Rebuilt in {time.perf_counter() - started:.2f} s" if result.rewritten is not None else "Built.")
