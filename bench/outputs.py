"""What each kind of zoocat output costs to draw, in one process: the price of the features above the floor.

Usage: python bench/outputs.py ZOO [--json FILE]

Loads the catalog, then draws every unit of the site once, in this one process, writing nothing, and prints for
each kind of unit (model pages with their recipe pages, tag pages, tables and their data files, the search index...)
how many there are, the seconds they took and the megabytes they drew.

run.py uses it to bound a full build from below: the floor (bench/floor.py) already does a model page's work, so
a zoocat build takes at least the floor's time plus, spread over every core, the time of the outputs the floor
does not draw at all (everything but model pages), even were zoocat's loading, checking, recipe pages and
writing free. When that bound is above a target's time, no tuning of zoocat's code meets the target: only
drawing those outputs differently, or fewer of them, could.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.build import load_catalog, make_renderer

# The kind whose work the floor does (a page per card); every other kind is a feature on top of it.
FLOOR_KIND = "model"
LOADING = "loading the catalog (every core)"


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
    return {LOADING: {"units": 0, "seconds": loaded, "mb": 0.0}, **kinds}


def beyond_floor(kinds: dict[str, dict[str, float]]) -> float:
    """Seconds, in one process, of the outputs the floor does not draw."""
    return sum(f["seconds"] for kind, f in kinds.items() if kind not in (FLOOR_KIND, LOADING))


def table(kinds: dict[str, dict[str, float]]) -> str:
    lines = ["| output | units | seconds, one process | MB drawn |", "|---|---|---|---|"]
    for kind, figures in sorted(kinds.items(), key=lambda item: -item[1]["seconds"]):
        units = f"{figures['units']:,.0f}" if figures["units"] else ""
        lines.append(f"| {kind} | {units} | {figures['seconds']:.2f} | {figures['mb']:.1f} |")
    lines.append(f"| all but model pages and loading | | **{beyond_floor(kinds):.2f}** | |")
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
