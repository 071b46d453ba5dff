"""The floor under any zoocat design: the per-card work a build of these cards cannot skip, with zoocat's libraries.

Usage: python bench/floor.py ZOO OUT [--jobs N]

For each model.md, on N forked processes (default: one per core): read it, load its front matter with libyaml's
C loader into plain values, render its body as zoocat does (cmark-gfm, Pygments for fenced code, nh3 to
sanitize: card text is untrusted), fill the naive script's Jinja2 page (name, stub, description, tags, metrics,
body) and write models/STUB/index.html; then its index page. No validation, line numbers, tables, tags, recipes,
data files, search index, charts or cache: everything zoocat does beyond this is a feature on top of it.

What it is for: if this script alone takes longer than a target allows (Hugo's time, a third of the naive
script's), no design of zoocat on Python, PyYAML, Jinja2, Pygments and nh3 can meet that target, and the gap
is the price of the stack, not of zoocat's own code.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from naive import INDEX, PAGE  # noqa: E402  # the same pages as the naive script's

from generator.render.markdown_html import render_markdown  # noqa: E402

FRONT_MATTER = re.compile(r"^---\n(.*?)^---\n", re.S | re.M)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PAGE = jinja2.Environment(autoescape=True).from_string(PAGE)


def read_card(path: str) -> tuple[dict[str, Any], str]:
    """A card's front matter as plain values, and its body: all the reading the floor does."""
    text = Path(path).read_text(encoding="utf-8")
    match = FRONT_MATTER.search(text)
    meta = (yaml.load(match.group(1), Loader=_LOADER) if match else None) or {}
    return meta, text[match.end() :] if match else text


def render_card(job: tuple[str, str, str]) -> tuple[str, str]:
    """One card's page, written; returns its stub and name for the index."""
    zoo, out, stub = job
    meta, body = read_card(os.path.join(zoo, stub, "model.md"))
    html = render_markdown(body, lambda url: url)
    target = Path(out, "models", stub, "index.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_PAGE.render(stub=stub, meta=meta, body=html), encoding="utf-8")
    return stub, str(meta.get("display_name") or stub)


def card_stubs(zoo: str) -> list[str]:
    stubs = []
    for folder, dirs, files in os.walk(zoo):
        dirs.sort()
        if "model.md" in files:
            stubs.append(os.path.relpath(folder, zoo).replace(os.sep, "/"))
    return sorted(stubs)


def build(zoo: str, out: str, jobs: int) -> int:
    work = [(zoo, out, stub) for stub in card_stubs(zoo)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        models = pool.map(render_card, work, max(1, len(work) // (jobs * 8)))
    index = jinja2.Environment(autoescape=True).from_string(INDEX)
    Path(out, "index.html").write_text(index.render(models=models), encoding="utf-8")
    return len(models)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("zoo")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    print(f"{build(args.zoo, args.out, args.jobs)} model pages")


if __name__ == "__main__":
    main()
