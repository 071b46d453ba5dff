"""What a built site weighs, by kind of file, with bytes per model: the figures of issue 23's size targets.

Usage: python bench/site_size.py SITE [--models N] [--json FILE]

The zoo's own files that a site publishes (each model folder's `files/`) are counted apart: they are the zoo's
weight, not the site's. Sizes are file sizes in bytes (what `du -sb` adds up, without folders' own blocks).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

GITHUB_PAGES_LIMIT = 1_000_000_000  # bytes: GitHub Pages' published-site limit (1 GB)

# The first pattern a site path matches names its kind.
KINDS = (
    ("zoo files (published as they are)", re.compile(r"^models/.*/files/")),
    ("recipe pages", re.compile(r"^models/.*/recipes/[^/]+/index\.html$")),
    ("table pages of rows (page/N)", re.compile(r"^models/[^/]+/[^/]+/page/\d+/index\.html$")),
    ("table pages", re.compile(r"^models/[^/]+/[^/]+/index\.html$")),
    ("domain pages", re.compile(r"^models/[^/]+/index\.html$")),
    ("table data (rows.js)", re.compile(r"^models/[^/]+/[^/]+/rows\.js$")),
    ("table downloads (models.json, models.csv)", re.compile(r"^models/[^/]+/[^/]+/models\.(json|csv)$")),
    ("model pages", re.compile(r"^models/.*/index\.html$")),
    ("bare embeddable tables", re.compile(r"^tables/")),
    ("tag pages", re.compile(r"^tags/")),
    ("catalog.json", re.compile(r"^catalog\.json$")),
    ("search index", re.compile(r"^search-index")),
    ("assets", re.compile(r"^assets/")),
    ("other", re.compile(r"")),
)


def measure(site: Path) -> dict[str, object]:
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    largest_page = ("", 0)
    for path in site.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        kind = next(name for name, pattern in KINDS if pattern.search(rel))
        sizes[kind] += size
        counts[kind] += 1
        if rel.endswith(".html") and kind != "zoo files (published as they are)" and size > largest_page[1]:
            largest_page = (rel, size)
    zoo = sizes["zoo files (published as they are)"]
    return {
        "kinds": {kind: {"bytes": sizes[kind], "files": counts[kind]} for kind, _ in KINDS if counts[kind]},
        "site_bytes": sum(sizes.values()) - zoo,
        "zoo_bytes": zoo,
        "files": sum(counts.values()),
        "largest_page": {"path": largest_page[0], "bytes": largest_page[1]},
    }


def report(figures: dict[str, object], models: int) -> str:
    kinds = figures["kinds"]
    assert isinstance(kinds, dict)
    lines = ["| kind | files | MB | bytes per model |", "|---|---|---|---|"]
    for kind, row in kinds.items():
        lines.append(f"| {kind} | {row['files']:,} | {row['bytes'] / 1e6:.1f} | {row['bytes'] / models:,.0f} |")
    site = int(str(figures["site_bytes"]))
    zoo = int(str(figures["zoo_bytes"]))
    per_model = (site + zoo) / models
    lines += [
        "",
        f"Site without the zoo's files: {site / 1e6:.1f} MB, {site / models:,.0f} bytes per model; the zoo's files "
        f"{zoo / 1e6:.1f} MB. Largest page: {figures['largest_page']}.",
        f"At {per_model:,.0f} bytes per model with the zoo's files, a site passes GitHub Pages' 1 GB at about "
        f"{GITHUB_PAGES_LIMIT / per_model:,.0f} models ({GITHUB_PAGES_LIMIT / (site / models):,.0f} without them).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--models", type=int, help="models in the site (default: catalog.json's count)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    models = args.models or len(json.loads((args.site / "catalog.json").read_text(encoding="utf-8"))["models"])
    figures = measure(args.site)
    print(report(figures, models))
    if args.json:
        args.json.write_text(json.dumps({"models": models, **figures}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
