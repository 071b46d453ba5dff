"""The whole-zoo search: index size and time to first result in headless Chromium, zoocat against Pagefind.

Usage: python bench/search_speed.py SITE WORD [WORD...] [--pagefind PYTHON] [--runs N]

SITE is a built zoocat site. For each WORD, on a model page served over HTTP (and once from file://), it
focuses the header box, puts the word in and waits for the first result to be drawn: the time includes loading
and reading the index, which happens on first use. With --pagefind, PYTHON is an interpreter that has the
`pagefind` package (pip install 'pagefind[extended]'); the model pages are indexed by Pagefind into
SITE/pagefind/ and the same words are searched through its JavaScript API on the same page, up to the data of the
first result (nothing drawn, which favours Pagefind). Every run is a fresh browser context: a cold cache.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Request, sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

MODEL_PAGE = re.compile(r"models/([^/]+/){7}index\.html")
ZOOCAT = """async (word) => {
  const input = document.querySelector('#zoocat-search');
  const start = performance.now();
  input.focus();
  input.value = word;
  input.dispatchEvent(new Event('input'));
  while (!document.querySelector('#zoocat-search-results [role=option]')) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return [performance.now() - start, document.querySelectorAll('#zoocat-search-results [role=option]').length];
}"""
# Once the index is in: each keystroke to the next frame, as a reader types and deletes.
KEYSTROKES = """async (words) => {
  const input = document.querySelector('#zoocat-search');
  const times = [];
  for (const word of words) {
    const start = performance.now();
    input.value = word;
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    times.push(performance.now() - start);
  }
  return times;
}"""
PAGEFIND = """async ([bundle, word]) => {
  const start = performance.now();
  const pagefind = await import(bundle);
  const search = await pagefind.search(word);
  await search.results[0].data();
  return [performance.now() - start, search.results.length];
}"""


def model_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("models/**/index.html")
                  if MODEL_PAGE.fullmatch(p.relative_to(site).as_posix()))  # fmt: skip


def folder_bytes(folder: Path) -> tuple[int, int, int]:
    """Bytes, gzip -9 bytes (what a static host sends when it compresses) and files of a folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
    return raw, packed, len(files)


def run_pagefind(python: str, site: Path, pages: list[str]) -> float:
    """Index the model pages only (as zoocat's index has only models); return the seconds it took."""
    with tempfile.TemporaryDirectory() as scratch:
        for page in pages:
            target = Path(scratch) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site / page, target)
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([python, "-m", "pagefind", "--site", scratch, "--root-selector", "main", "--output-path",
                        str(site / "pagefind"), "--quiet"], check=True)  # fmt: skip
        return time.perf_counter() - started


def timed(browser: Browser, url: str, script: str, argument: object, runs: int) -> tuple[float, int, int]:
    """Median milliseconds to the first result, results found, and bytes fetched for the search (HTTP only)."""
    times: list[float] = []
    found, bodies = 0, list[int]()
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        bodies = []
        page.on("requestfinished", functools.partial(_count_body, bodies))
        elapsed, found = page.evaluate(script, argument)
        times.append(elapsed)
        context.close()
    return statistics.median(times), found, sum(bodies)


def keystroke_ms(browser: Browser, url: str, typed: list[str]) -> float:
    page = browser.new_page()
    page.goto(url)
    page.evaluate(ZOOCAT, typed[0])
    times: list[float] = page.evaluate(KEYSTROKES, typed * 3)
    page.close()
    return statistics.median(times)


def _count_body(bodies: list[int], request: Request) -> None:
    bodies.append(request.sizes()["responseBodySize"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("words", nargs="+")
    parser.add_argument("--pagefind", metavar="PYTHON")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    site: Path = args.site.resolve()
    pages = model_pages(site)
    index = site / "search-index.js"
    raw, packed = index.stat().st_size, len(gzip.compress(index.read_bytes(), 9))
    print(f"{len(pages)} model pages; zoocat index: {raw:,} bytes, {packed:,} gzipped, 1 file")
    if args.pagefind:
        seconds = run_pagefind(args.pagefind, site, pages)
        raw, packed, files = folder_bytes(site / "pagefind")
        print(f"Pagefind: indexed in {seconds:.1f} s; {raw:,} bytes, {packed:,} gzipped, {files:,} files")
    page = pages[len(pages) // 2]
    with sync_playwright() as playwright, serve(site) as origin:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for word in args.words:
            ms, found, fetched = timed(browser, origin + page, ZOOCAT, word, args.runs)
            print(f"{word!r}: zoocat over HTTP {ms:.0f} ms to the first result ({found} drawn, {fetched:,} bytes)")
            ms, found, _ = timed(browser, (site / page).as_uri(), ZOOCAT, word, args.runs)
            print(f"{word!r}: zoocat from file:// {ms:.0f} ms")
            typed = [word[:n] for n in range(1, len(word) + 1)] + [word[:n] for n in range(len(word) - 1, 0, -1)]
            ms = keystroke_ms(browser, origin + page, typed)
            print(f"{word!r}: zoocat keystroke to next frame once the index is loaded: {ms:.1f} ms (median)")
            if args.pagefind:
                bundle = origin + "pagefind/pagefind.js"
                ms, found, fetched = timed(browser, origin + page, PAGEFIND, [bundle, word], args.runs)
                print(
                    f"{word!r}: Pagefind over HTTP {ms:.0f} ms to the first result's data ({found} found, "
                    f"{fetched:,} bytes)"
                )
        browser.close()


if __name__ == "__main__":
    main()
