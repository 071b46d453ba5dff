"""What a site carries per model: bytes of model pages, recipe pages and catalog.json, by section.

Usage: python bench/page_weight.py ZOO [COMMIT...] [--models N]

Builds ZOO (generated with bench/generate.py first when it does not exist: N models, 10,000 by default) with each
COMMIT in turn, exported as bench/commits.py does and run in this interpreter's environment, or with this
checkout's code when no commit is given, then prints per model the bytes of its page, of its recipe pages, and of
its record in catalog.json, each split by section (the page's head, site header, search box, each section of the
article...). Two figures overlap the sections: the indentation at the start of lines outside <pre>, and the
relative prefixes (`../`) of links. With several commits, each column's ratio is against the first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from commits import export  # noqa: E402
from generate import generate  # noqa: E402

# A section starts at the tag holding its marker and runs to the next section's start.
MODEL_SECTIONS = (
    ("head", "<head>"),
    ("site header", "<body"),
    ("search box", 'class="site-search"'),
    ("breadcrumbs", "<main"),
    ("model header", "<article"),
    ("metrics", 'aria-labelledby="metrics-h"'),
    ("facts and tags", 'aria-labelledby="facts-h"'),
    ("baseline", 'aria-labelledby="baseline-h"'),
    ("family", 'aria-labelledby="family-h"'),
    ("card body", 'class="card-body"'),
    ("commands", 'aria-labelledby="commands-h"'),
    ("recipes", 'aria-labelledby="recipes-h"'),
    ("files", 'aria-labelledby="files-h"'),
    ("other fields", 'aria-labelledby="extra-h"'),
    ("footer", "</article>"),
)
RECIPE_SECTIONS = (
    *MODEL_SECTIONS[:5],
    ("recipe YAML", 'aria-labelledby="yaml-h"'),
    ("recipe notes", 'class="card-body"'),
    ("footer", "</article>"),
)
_PRE = re.compile(r"<pre[ >].*?</pre>", re.DOTALL)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_PREFIX = re.compile(r"(?:\.\./)+")


def sections(html: str, markers: tuple[tuple[str, str], ...]) -> Counter[str]:
    """Bytes (UTF-8) of each section of a page (all of them add up to the page), plus two figures that overlap
    them: '(indentation)' and '(../ prefixes)'."""
    starts = sorted((html.rfind("<", 0, at + 1), name) for name, marker in markers if (at := html.find(marker)) >= 0)
    starts[0] = (0, starts[0][1])  # <!DOCTYPE html> and <html> count as the first section's
    ends = [start for start, _ in starts[1:]] + [len(html)]
    found = Counter[str]()
    for (start, name), end in zip(starts, ends, strict=True):
        found[name] += len(html[start:end].encode("utf-8"))
    found["(indentation)"] = sum(len(m.group()) for m in _INDENT.finditer(_PRE.sub("", html)))
    found["(../ prefixes)"] = sum(len(m.group()) for m in _PREFIX.finditer(html))
    return found


def catalog_sections(data: dict[str, object]) -> Counter[str]:
    """Bytes of catalog.json by field of the models' records, each as written (compact JSON)."""
    found = Counter[str]()
    models = data["models"]
    assert isinstance(models, list)
    for record in models:
        for key, value in record.items():
            found[key] += len(json.dumps({key: value}, ensure_ascii=False, separators=(",", ":")).encode()) - 1
    return found


def measure(site: Path) -> dict[str, Counter[str]]:
    """Totals over the site: 'model page', 'recipe pages' (all of a site's), 'catalog.json'; 'count' the models."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    weights = {name: Counter[str]() for name in ("model page", "recipe pages", "catalog.json", "count")}
    for record in catalog["models"]:
        page = site / record["page"]
        weights["model page"] += sections(page.read_text(encoding="utf-8"), MODEL_SECTIONS)
        for recipe in sorted((page.parent / "recipes").glob("*/index.html")):
            weights["recipe pages"] += sections(recipe.read_text(encoding="utf-8"), RECIPE_SECTIONS)
            weights["count"]["recipe pages"] += 1
    weights["catalog.json"] = catalog_sections(catalog)
    fields = sum(weights["catalog.json"].values())
    weights["catalog.json"]["braces, commas, file head"] = (site / "catalog.json").stat().st_size - fields
    weights["count"]["models"] = len(catalog["models"])
    return weights


def build(source: Path | None, zoo: Path, out: Path) -> None:
    """A full build by the exported commit at source, or by this checkout's code."""
    code = source or HERE.parent
    environment = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "generator", "build", str(zoo.resolve()), "-o", str(out), "--full", "-q"]
    # In its own folder: `python -m` looks in the current folder first, before PYTHONPATH.
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL, cwd=code)


def table(results: dict[str, dict[str, Counter[str]]]) -> list[str]:
    """Markdown rows: bytes per model of each part and section, for each build, with ratios to the first."""
    names = list(results)
    ratios = [f"{name} / {names[0]}" for name in names[1:]]
    lines = [
        "| part | section | " + " | ".join([*names, *ratios]) + " |",
        "|---|---|" + "---:|" * (len(names) + len(ratios)),
    ]
    for part in ("model page", "recipe pages", "catalog.json"):
        first = results[names[0]][part]
        keys = sorted(
            {key for result in results.values() for key in result[part]}, key=lambda k: (k[0] == "(", -first[k], k)
        )
        for key in ("all", *keys):
            per_model = [_figure(results[name], part, key) / results[name]["count"]["models"] for name in names]
            cells = [f"{value:,.0f}" for value in per_model]
            cells += [f"{value / per_model[0]:.2f}" if per_model[0] else "-" for value in per_model[1:]]
            lines.append(f"| {part} | {key} | " + " | ".join(cells) + " |")
    return lines


def _figure(result: dict[str, Counter[str]], part: str, key: str) -> int:
    """A section's bytes; 'all' is the sum of the sections (the figures in brackets overlap them)."""
    if key == "all":
        return sum(value for name, value in result[part].items() if not name.startswith("("))
    return result[part][key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("zoo", type=Path)
    parser.add_argument("commits", nargs="*")
    parser.add_argument("--models", type=int, default=10000)
    args = parser.parse_args()
    if not args.zoo.exists():
        generate(args.models, args.zoo)
    scratch = Path(tempfile.mkdtemp(prefix="zoocat-weight-"))
    try:
        results = {}
        for index, commit in enumerate(args.commits or ["this checkout"]):
            source = export(commit, scratch / f"src-{index}") if args.commits else None
            site = scratch / f"site-{index}"
            build(source, args.zoo, site)
            results[commit] = measure(site)
            shutil.rmtree(site)
        print(f"Bytes per model ({next(iter(results.values()))['count']['models']:,} models)\n")
        print("\n".join(table(results)))
        for name, result in results.items():
            pages = result["count"]["recipe pages"]
            each = sum(v for k, v in result["recipe pages"].items() if not k.startswith("(")) / max(pages, 1)
            print(f"\n{name}: {pages:,} recipe pages of {each:,.0f} bytes each")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
