"""What each kind of zoocat output costs to draw, in one process: the price of the features above the floor.

Usage: python bench/outputs.py ZOO [--json FILE]

Loads the catalog, then draws every unit of the site once, in this one process, writing nothing, and prints for
each kind of unit (model pages with their recipe pages, tag pages, tables and their data files, the search index...)
how many there are, the seconds they took and the megabytes they drew.

It also measures what reading a card costs zoocat beyond the floor's reading of it (the floor reads the file and
loads its YAML with libyaml; zoocat also checks the card with line numbers for every problem, lists the folder's
files, gathers the search words and the view's signature), on an even sample of the cards, scaled to all of them.

run.py uses these to bound a full build from below: the floor (bench/floor.py) already does a model page's work, so
a zoocat build takes at least the floor's time plus, spread over every core, what its features cost now beyond
the floor: the outputs the floor does not draw (everything but model pages) and the reading beyond the floor's,
even were zoocat's richer model pages, its recipe pages, its writing and its main process free. When that bound is
above a target's time, no tuning of how zoocat does its work meets the target: only features that cost less than
they do now, or fewer of them, could.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from floor import read_card  # noqa: E402

from generator.build import load_catalog, make_renderer  # noqa: E402
from generator.incremental.cache import view_signature  # noqa: E402
from generator.read.discover import discover  # noqa: E402
from generator.read.model_folder import load_model  # noqa: E402

# The kind whose work the floor does (a page per card); every other kind is a feature on top of it.
FLOOR_KIND = "model"
LOADING = "loading the catalog (every core)"
READING = "reading cards, beyond the floor's reading"
SAMPLE = 2000  # cards read both ways: enough for a steady figure, a few seconds at any zoo size


def measure(zoo: str) -> dict[str, dict[str, float]]:
    """Kind of unit -> its count, seconds and megabytes, in the order the renderer lists the units."""
    started = time.perf_counter()
    catalog, _ = load_catalog(zoo)
    loaded = time.perf_counter() - started
    gc.freeze()  # the catalog lives through every unit, as in a build's workers
    renderer = make_renderer(catalog)
    kinds: dict[str, dict[str, float]] = defaultdict(lambda: {"units": 0, "seconds": 0.0, "mb": 0.0})
    for name in renderer.units():
        start = time.perf_counter()
        # Big data files are made as they are written (pieces, not bytes): made here, inside the timing.
        pages = [
            page if isinstance(page, bytes) else b"".join(page) for page in renderer.render_unit(name).pages.values()
        ]
        figures = kinds[name.split(":")[0]]
        figures["seconds"] += time.perf_counter() - start
        figures["units"] += 1
        figures["mb"] += sum(map(len, pages)) / 1e6
    reading = {"units": len(catalog.models), "seconds": reading_beyond_floor(zoo), "mb": 0.0}
    return {LOADING: {"units": 0, "seconds": loaded, "mb": 0.0}, READING: reading, **kinds}


def reading_beyond_floor(zoo: str, sample: int = SAMPLE) -> float:
    """CPU seconds, in one process, that zoocat's reading of every card takes beyond the floor's reading of it,
    measured on an even sample of the cards (both ways on the same cards) and scaled to all of them."""
    sources, _ = discover(zoo)
    picked = sources[:: max(1, len(sources) // sample)]
    real_root = os.path.realpath(zoo)
    start = time.process_time()
    for source in picked:
        model, _ = load_model(source, real_root)
        if model is not None:
            view_signature(model)  # as the build's loading workers do
    zoocat = time.process_time() - start
    start = time.process_time()
    for source in picked:
        read_card(os.path.join(zoo, source.rel_dir, "model.md"))
    floor = time.process_time() - start
    return max(zoocat - floor, 0.0) * len(sources) / max(len(picked), 1)


def beyond_floor(kinds: dict[str, dict[str, float]]) -> float:
    """Seconds, in one process, of the work the floor does not do: the outputs it does not draw, the reading of
    cards beyond its own."""
    return sum(f["seconds"] for kind, f in kinds.items() if kind not in (FLOOR_KIND, LOADING))


def table(kinds: dict[str, dict[str, float]]) -> str:
    lines = ["| output | units | seconds, one process | MB drawn |", "|---|---|---|---|"]
    for kind, figures in sorted(kinds.items(), key=lambda item: -item[1]["seconds"]):
        units = f"{figures['units']:,.0f}" if figures["units"] else ""
        lines.append(f"| {kind} | {units} | {figures['seconds']:.2f} | {figures['mb']:.1f} |")
    lines.append(f"| all the floor does not do | | **{beyond_floor(kinds):.2f}** | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("zoo")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    kinds = measure(args.zoo)
    if args.json:
        args.json.write_text(json.dumps(kinds, indent=1), encoding="utf-8")
    print(table(kinds))


if __name__ == "__main__":
    main()
