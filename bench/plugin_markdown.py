"""The MkDocs plugin with card bodies read by the site's Markdown (Python-Markdown, `card_markdown: site`, the
default) against cmark-gfm (`card_markdown: gfm`), on one generated zoo, in the same run.

Usage: python bench/plugin_markdown.py [--models 1000] [--repeats 3]

Prints the median wall time of each and its ratio to the cmark-gfm build (the baseline). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]
# What a Material site commonly lists; MkDocs' own theme keeps the build offline and quick.
EXTENSIONS = "markdown_extensions:\n  - admonition\n  - attr_list\n  - toc: {permalink: true}\n  - pymdownx.highlight\n"


def project(root: Path, catalog: Path, card_markdown: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    plugin = f"plugins:\n  - zoocat:\n      catalog: {catalog}\n      card_markdown: {card_markdown}\n"
    config = f"site_name: Benchmark\ntheme: {{name: mkdocs, highlightjs: false}}\n{EXTENSIONS}{plugin}"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def timed(root: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(MKDOCS, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed in {root}:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zoocat-bench-markdown-") as scratch:
        root = Path(scratch)
        generate(args.models, root / "catalog")
        ways = {name: project(root / name, root / "catalog", name) for name in ("gfm", "site")}
        times: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.repeats):  # interleaved: a busy spell of the machine falls on both
            for name, folder in ways.items():
                times[name].append(timed(folder))
    gfm, site = statistics.median(times["gfm"]), statistics.median(times["site"])
    print(f"{args.models} models, median of {args.repeats}; ratios against card_markdown: gfm ({gfm:.1f} s)")
    print(f"  card_markdown: gfm (cmark-gfm)        {gfm:7.1f} s  1.00")
    print(f"  card_markdown: site (Python-Markdown) {site:7.1f} s  {site / gfm:.2f}")


if __name__ == "__main__":
    main()
