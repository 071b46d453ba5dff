"""`zoocat serve`: the site on localhost, rebuilt when a card changes, open pages reloaded."""

from __future__ import annotations

import errno
import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser import fetch, free_port, wait_for
from conftest import CatalogWriter, card
from playwright.sync_api import Browser
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from generator.integrations.serve import _ChangeObserver, _serve, _Server

CLS = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
PAGE = f"models/{CLS}/pruned-moderate/index.html"


@pytest.fixture
def served(write_catalog: CatalogWriter) -> Iterator[tuple[Path, str]]:
    root = write_catalog({
        f"{CLS}/base-none/model.md": card("display_name: Base\n"),
        f"{CLS}/pruned-moderate/model.md": card("display_name: Pruned\n", "# Pruned\n\nFirst text.\n"),
    })  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(root), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    origin = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(origin + PAGE, "First text."), "zoocat serve did not come up"
        yield root, origin
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Traceback" not in output


def test_a_changed_card_is_rebuilt_and_served(served: tuple[Path, str]) -> None:
    root, origin = served
    assert "livereload" in fetch(origin + PAGE)  # the reload script is in every page
    path = root / CLS / "pruned-moderate/model.md"
    path.write_text(path.read_text().replace("First text.", "Second text."))
    assert wait_for(origin + PAGE, "Second text.")


def _get(origin: str, path: str, host: str | None) -> tuple[int, str]:
    """Status and body of a GET with the given Host header (none at all when None)."""
    address = origin.removeprefix("http://").rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_only_requests_addressed_to_the_server_are_answered(served: tuple[Path, str]) -> None:
    """A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name as Host."""
    _, origin = served
    port = origin.rstrip("/").rsplit(":", 1)[1]
    for host in ["evil.example", f"evil.example:{port}", "localhost.evil.example", f"127.0.0.1:{int(port) + 1}", None]:
        status, body = _get(origin, "/" + PAGE, host)
        assert (status, "First text." in body) == (421, False), host
        assert "localhost" in body  # says which names it answers to
    status, _ = _get(origin, "/livereload/1/1", "evil.example")  # the reload endpoint too
    assert status == 421
    for host in [f"localhost:{port}", "localhost", f"127.0.0.1:{port}", "LOCALHOST", "127.0.0.1"]:
        status, body = _get(origin, "/" + PAGE, host)
        assert status == 200 and "First text." in body, host


def test_the_server_knows_its_own_names() -> None:
    def addressed(host: str, host_header: str) -> bool:
        server = _Server(builder=lambda: None, host=host, port=8123, root=".", events=False)
        try:
            return server.addressed_to_me(host_header)
        finally:
            server.server_close()

    assert addressed("127.0.0.1", "[::1]:8123") and addressed("::1", "[::1]") and addressed("::1", "localhost")
    assert addressed("0.0.0.0", "0.0.0.0:8123")
    assert addressed("zoo.lan", "zoo.lan:8123") and addressed("zoo.lan", "ZOO.lan")
    assert not addressed("127.0.0.1", "zoo.lan:8123")
    assert not addressed("127.0.0.1", "localhost:8124")
    assert not addressed("127.0.0.1", "")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_stops_the_server_and_removes_its_site(
    write_catalog: CatalogWriter, tmp_path: Path, stop: signal.Signals
) -> None:
    root = write_catalog({f"{CLS}/pruned-moderate/model.md": card("display_name: Pruned\n", "First text.\n")})
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", str(root), "--port", str(port)]
    environment = {**os.environ, "TMPDIR": str(temporary)}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/{PAGE}", "First text."), "zoocat serve did not come up"
        assert [path.name[:13] for path in temporary.iterdir()] == ["zoocat-serve-"]
        server.send_signal(stop)
        output, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0 and "Stopped." in output and "Traceback" not in output
    assert list(temporary.iterdir()) == []


def test_a_broken_card_keeps_the_last_site(served: tuple[Path, str]) -> None:
    root, origin = served
    path = root / CLS / "pruned-moderate/model.md"
    path.write_text("---\ndisplay_name: [\n---\n")
    deadline = time.monotonic() + 30
    while "First text." in fetch(origin + PAGE) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "First text." not in fetch(origin + PAGE)  # the broken card is left out, as in a build...
    assert "Base" in fetch(origin + f"models/{CLS}/base-none/index.html")  # ...and the rest is served
    path.write_text(card("display_name: Pruned\n", "# Pruned\n\nMended.\n"))
    assert wait_for(origin + PAGE, "Mended.")  # ...and back when it is mended


def test_a_catalog_of_many_folders_is_watched(write_catalog: CatalogWriter) -> None:
    """Over 8,192 folders, each opened once by a walk, the events of reading overflowed the kernel's queue of
    16,384 and watchdog's recovery walked the tree again, overflowing it again: no edit was ever seen."""
    root = write_catalog({f"{CLS}/pruned-moderate/model.md": card("display_name: Pruned\n", "First text.\n")})
    for number in range(9_000):
        (root / "notes" / f"{number // 100}" / f"{number}").mkdir(parents=True)
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", str(root), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    origin = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(origin + PAGE, "First text."), "zoocat serve did not come up"
        time.sleep(1)  # the watches are in place
        path = root / CLS / "pruned-moderate/model.md"
        path.write_text(path.read_text().replace("First text.", "Second text."))
        assert wait_for(origin + PAGE, "Second text.")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "overflowed" not in output and "Traceback" not in output


def _events(root: Path, action: Callable[[], object]) -> list[FileSystemEvent]:
    seen: list[FileSystemEvent] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append  # type: ignore[method-assign]
    observer = _ChangeObserver()
    observer.schedule(handler, str(root), recursive=True)
    observer.start()
    try:
        action()
        time.sleep(0.5)
    finally:
        observer.stop()
        observer.join()
    return seen


def test_reading_the_catalog_is_no_change(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "model.md").write_text("text")
    assert _events(tmp_path, lambda: [path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()]) == []
    changed = _events(tmp_path, lambda: (tmp_path / "a" / "b" / "model.md").write_text("new"))
    assert changed and all(event.src_path.endswith("model.md") for event in changed)


def test_a_folder_moved_in_is_a_change(tmp_path: Path) -> None:
    (tmp_path / "zoo").mkdir()
    (tmp_path / "new" / "pruned").mkdir(parents=True)
    moved = _events(tmp_path / "zoo", lambda: (tmp_path / "new").rename(tmp_path / "zoo" / "new"))
    # MkDocs' server ignores the events of folders: this one must reach it as a file's.
    assert moved and not any(event.is_directory for event in moved)


@pytest.mark.browser
def test_an_open_page_reloads_by_itself(served: tuple[Path, str], browser: Browser) -> None:
    root, origin = served
    page = browser.new_page()
    page.goto(origin + PAGE)
    assert "First text." in page.content()
    path = root / CLS / "pruned-moderate/model.md"
    path.write_text(path.read_text().replace("First text.", "Reloaded text."))
    page.wait_for_function("document.body.textContent.includes('Reloaded text.')", timeout=30_000)
    page.close()


class _FakeServer:
    def __init__(self, events: bool, calls: list[str]) -> None:
        self.events, self.calls, self.url = events, calls, "http://127.0.0.1:1/"

    def serve(self) -> None:
        self.calls.append(f"serve events={self.events}")
        if self.events:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")
        raise KeyboardInterrupt

    def shutdown(self) -> None:
        self.calls.append(f"shutdown events={self.events}")


def test_serve_polls_when_the_system_cannot_watch_every_folder() -> None:
    calls: list[str] = []
    reports: list[str] = []
    _serve(lambda events: _FakeServer(events, calls), reports.append, "")  # type: ignore[arg-type,return-value]
    assert calls == ["serve events=True", "shutdown events=True", "serve events=False", "shutdown events=False"]
    assert "polling" in reports[1] and "inotify watch limit reached" in reports[1] and reports[-1] == "Stopped."


def test_serve_watches_with_file_events() -> None:
    server = _Server(builder=lambda: None, host="127.0.0.1", port=free_port(), root=".", events=True)
    try:
        assert not isinstance(server.observer, PollingObserver)
    finally:
        server.server_close()


def test_a_card_with_errors_shows_its_problems_and_reloads_when_mended(
    served: tuple[Path, str], browser: Browser
) -> None:
    root, origin = served
    path = root / CLS / "pruned-moderate/model.md"
    path.write_text("---\ndisplay_name: Pruned\nmetrics: [\n---\n<script>alert(1)</script>\n")
    deadline = time.monotonic() + 30
    while "First text." in fetch(origin + PAGE) and time.monotonic() < deadline:
        time.sleep(0.1)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(origin + PAGE.removesuffix("index.html"))
    assert response is not None and response.status == 404
    problem = page.locator("ul.problems li").first
    assert (
        problem.locator(".where").text_content() == f"{root}/{CLS}/pruned-moderate/model.md:4"
    )  # where YAML found the list unclosed
    assert problem.locator(".code").text_content() == "card.yaml-syntax"
    assert "not valid YAML" in (problem.locator(".message").text_content() or "")
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # in the site's style
    home = browser.new_page()
    home.goto(origin)
    assert "1 problem in the catalog (1 error): cards with errors are left out" in (
        home.locator(".serve-problems h2").text_content() or ""
    )
    assert home.locator(".serve-problems .code").text_content() == "card.yaml-syntax"
    path.write_text(card("display_name: Pruned\n", "# Pruned\n\nMended.\n"))
    page.wait_for_function("document.body.textContent.includes('Mended.')", timeout=30_000)  # reloaded by itself
    home.wait_for_function("!document.querySelector('.serve-problems')", timeout=30_000)
    assert dialogs == []
    page.close()
    home.close()
