"""How soon an edited card shows in an open page under `zoocat serve`, in headless Chromium.

Usage: python bench/serve_speed.py [N] [--edits K]

Generates N models (1,000 by default) and picks one. The baseline comes first: `zoocat build` of a one-card
edit from the command line (a fresh process, the cache of its last build beside the output), K times. Then
`zoocat serve` starts on a free port, Chromium opens the model's page, and K times a line with a new word is
appended to the card: the time runs from the write to the moment the open page, reloaded by MkDocs' live-reload
script, shows the word. It prints both medians and the ratio serve / command line; the issue's target is a
second at 1,000 models.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for  # noqa: E402
from generate import generate  # noqa: E402

ZOOCAT = [sys.executable, "-m", "generator"]
PAUSE = 1.5  # seconds between edits, so that each is seen on its own


def command_line_rebuilds(zoo: Path, card: Path, scratch: Path, edits: int) -> list[float]:
    out = scratch / "built"
    subprocess.run([*ZOOCAT, "build", str(zoo), "-o", str(out), "--quiet"], cwd=REPO, check=True)
    times = []
    for number in range(edits):
        _append(card, f"cli{number}")
        start = time.perf_counter()
        subprocess.run([*ZOOCAT, "build", str(zoo), "-o", str(out), "--quiet"], cwd=REPO, check=True)
        times.append(time.perf_counter() - start)
    return times


def served_edits(zoo: Path, card: Path, page_uri: str, edits: int) -> list[float]:
    port = free_port()
    server = subprocess.Popen(
        [*ZOOCAT, "serve", str(zoo), "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/{page_uri}"
    try:
        if not wait_for(url, "</html>", seconds=300):
            raise SystemExit("zoocat serve did not come up")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(url)
            times = []
            for number in range(edits):
                time.sleep(PAUSE)
                word = f"served{number}x{time.time_ns()}"
                start = time.perf_counter()
                _append(card, word)
                _wait_for_text(page, word, start + 30)
                times.append(time.perf_counter() - start)
            browser.close()
            return times
    finally:
        server.terminate()
        server.wait(timeout=30)


def _append(card: Path, word: str) -> None:
    with card.open("a", encoding="utf-8") as handle:
        handle.write(f"\nAn edit: {word}.\n")


def _wait_for_text(page: Page, word: str, deadline: float) -> None:
    while time.perf_counter() < deadline:
        try:
            if word in page.content():
                return
        except PlaywrightError:
            pass  # the page is being reloaded
        time.sleep(0.005)
    raise SystemExit(f"the page did not show {word} within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zoocat-serve-bench-") as scratch_name:
        scratch = Path(scratch_name)
        zoo = scratch / "zoo"
        stub = sorted(generate(args.count, zoo))[0]
        card = zoo / stub / "model.md"
        built = command_line_rebuilds(zoo, card, scratch, args.edits)
        served = served_edits(zoo, card, f"models/{stub}/index.html", args.edits)
    cli, live = statistics.median(built), statistics.median(served)
    print(f"{args.count:,} models, {args.edits} edits of one card, medians:")
    print(f"  zoocat build from the command line: {cli:.2f} s  ({', '.join(f'{t:.2f}' for t in built)})")
    print(f"  zoocat serve, edit to page shown:   {live:.2f} s  ({', '.join(f'{t:.2f}' for t in served)})")
    verdict = "met" if live <= 1 else "not met"
    print(f"  ratio serve / command line: {live / cli:.2f}; target, shown within 1 s: {verdict}")


if __name__ == "__main__":
    main()
