"""Playwright on Debian's Chromium, and a static server for built sites."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _PagesHandler(_QuietHandler):
    """Answers a missing URL with 404 and the page at `not_found`, at any depth, as GitHub Pages does."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve folder on a free localhost port; yield its base URL. With not_found, a missing URL gets that page."""
    handler_class = type("Handler", (_PagesHandler,), {"not_found": not_found}) if not_found else _QuietHandler
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def watch(page: Page) -> dict[str, list[str]]:
    """What goes wrong on a page: script errors, failed requests, every request, dialogs."""
    seen: dict[str, list[str]] = {"errors": [], "failed": [], "requests": [], "dialogs": []}
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    # A favicon still loading when the crawl moves on is aborted: not a failure of the site.
    page.on(
        "requestfailed",
        lambda request: (
            seen["failed"].append(f"{request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    return seen


@dataclass
class Crawl:
    visited: set[str] = field(default_factory=set)
    html: dict[str, str] = field(default_factory=dict)  # page URL -> its HTML as served


def crawl(browser: Browser, origin: str, prefix: str) -> Crawl:
    """Load origin/prefix/index.html and every page it links to, in Chromium, asserting as it goes:
    every link answers 200 and stays under the prefix, no script error, no failed or outside request."""
    start = urljoin(origin, prefix + "index.html")
    page = browser.new_page()
    seen = watch(page)
    result, queue = Crawl(), [start]
    while queue:
        url = queue.pop()
        if url in result.visited:
            continue
        result.visited.add(url)
        if not url.endswith(".html"):
            assert page.request.get(url).status == 200, url  # a data file or download
            continue
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        # Links as the HTML has them (the script draws big tables a screenful at a time).
        html = result.html[url] = page.request.get(url).text()
        base = re.search(r'<base href="([^"]+)"', html)
        base_url = urljoin(url, base.group(1)) if base else url  # as the browser resolves links
        for href in [urljoin(base_url, h) for h in re.findall(r'<a [^>]*href="([^"]+)"', html)]:
            target = href.split("#")[0]
            if target.startswith(origin):
                assert urlsplit(target).path.startswith("/" + prefix), f"{url} links out of the sub-path: {href}"
                queue.append(target)
    page.close()
    assert seen["errors"] == [] and seen["failed"] == [] and seen["dialogs"] == []
    assert all(request.startswith(origin) for request in seen["requests"])
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    """The page's text, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    """Poll url until its text holds `text` (a server coming up, a rebuild landing)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.1)
    return False
