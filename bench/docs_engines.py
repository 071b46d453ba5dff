"""`zoocat docs` + Zensical against the MkDocs plugin inside MkDocs, on one generated zoo, one run each.

Usage: python bench/docs_engines.py [--models 1000 10000] [--theme mkdocs|material]

Prints each way's wall time and its ratio to the plugin inside MkDocs (the baseline, measured in the same run for
each size) and to the same cards as plain MkDocs pages (each model.md a page, as a site without
zoocat would publish them), the cost of a page that places the biggest table with the `zoocat` Markdown extension,
and the time of a second `zoocat docs` run after one card changed (what a docs site's CI pays per edit). Every
Zensical build starts without its cache. --theme sets the MkDocs projects' theme (the plugin's and the plain
pages'): `material` is where the issue measured plain pages (its navigation is drawn into every page), and the theme
that Zensical's replaces; each plain-pages project is measured with the navigation MkDocs infers and with a `nav` of
two entries. Not part of `make test`: times belong here, not in tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

BIN = Path(sys.executable).parent
OFFLINE = {
    "mkdocs": "theme: {name: mkdocs, highlightjs: false}\n",
    "material": "theme: {name: material, font: false}\n",
    "zensical": "theme: {font: false}\n",
}
SHORT_NAV = "nav:\n  - Home: index.md\n  - Model zoo: zoo/index.md\n"


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def zensical_build(project: Path) -> float:
    """A whole Zensical build: `--clean`, and its cache of rendered pages removed first, so nothing is reused."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return timed([str(BIN / "zensical"), "build", "--clean"], project)


def project(root: Path, config: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nThe [model zoo](zoo/index.md).\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: Benchmark docs\n{config}", encoding="utf-8")
    return root


# The navigation Zensical infers lists every model page in every page: 99 s at 1,000 models, and it grows with the
# square of the count, so above this size only the short `nav` is measured.
INFERRED_NAV_LIMIT = 2000
# A page of the project's own with the directive of the `zoocat` Markdown extension: what it adds to a build.
GUIDE = "# Our models\n\n<!-- zoocat: table {table} -->\n"


def plain_pages(root: Path, stubs: list[str], theme: str) -> tuple[float | None, float]:
    """The cards as plain MkDocs pages, one per model in its stub's folder: what zoocat replaces. Built with the
    navigation MkDocs infers (every page listed in every page; up to INFERRED_NAV_LIMIT models), then with a `nav`
    of two entries."""
    plain = project(root / "plain", OFFLINE[theme])
    for stub in stubs:
        page = plain / "docs" / "zoo" / f"{stub}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "catalog" / stub / "model.md", page)
    (plain / "docs" / "zoo" / "index.md").write_text("# Model zoo\n", encoding="utf-8")
    inferred = timed([str(BIN / "mkdocs"), "build", "-q"], plain) if len(stubs) <= INFERRED_NAV_LIMIT else None
    config = plain / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + SHORT_NAV, encoding="utf-8")
    return inferred, timed([str(BIN / "mkdocs"), "build", "-q"], plain)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, nargs="+", default=[1000], help="sizes, each measured in turn")
    parser.add_argument("--theme", choices=("mkdocs", "material"), default="mkdocs", help="the MkDocs projects' theme")
    arguments = parser.parse_args()
    for count in arguments.models:
        measure(count, arguments.theme)


def measure(count: int, theme: str) -> None:
    with tempfile.TemporaryDirectory(prefix="zoocat-bench-docs-") as scratch:
        root = Path(scratch)
        stubs = generate(count, root / "catalog")
        plugin = project(root / "plugin", OFFLINE[theme] + "plugins:\n  - zoocat:\n      catalog: ../catalog\n")
        baseline = timed([str(BIN / "mkdocs"), "build", "-q"], plugin)
        docs = project(root / "zensical", OFFLINE["zensical"])
        write = timed([str(BIN / "zoocat"), "docs", str(root / "catalog"), "-o", "docs/zoo"], docs)
        zensical = zensical_build(docs) if count <= INFERRED_NAV_LIMIT else None
        plain = plain_pages(root, stubs, theme)
        # The same pages under a `nav` of two entries, as docs/engines.md advises for big zoos.
        config = f"site_name: Benchmark docs\n{OFFLINE['zensical']}{SHORT_NAV}"
        (docs / "mkdocs.yml").write_text(config, encoding="utf-8")
        short_nav = zensical_build(docs)
        # What the extension costs: a project of one page that places the biggest table (the catalog read, the
        # table drawn), against the same page without the directive.
        keys = ["/".join(stub.split("/")[:2]) for stub in stubs]
        table = max(sorted(set(keys)), key=keys.count)
        guide = project(
            root / "extension",
            OFFLINE["zensical"] + f"markdown_extensions:\n  - zoocat: {{catalog: {root / 'catalog'}}}\n",
        )
        (guide / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        without = zensical_build(guide)
        (guide / "docs" / "index.md").write_text(GUIDE.format(table=table), encoding="utf-8")
        with_extension = zensical_build(guide)
        if "zoocat-embed" not in (guide / "site" / "index.html").read_text(encoding="utf-8"):
            sys.exit("the extension placed no table: the measure would be of nothing")
        card = root / "catalog" / stubs[0] / "model.md"
        card.write_text(card.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        again = timed([str(BIN / "zoocat"), "docs", str(root / "catalog"), "-o", "docs/zoo"], docs)
    print(f"{count} models, one run each, MkDocs' theme {theme}; ratios against the plugin inside MkDocs")
    print(f"  MkDocs + plugin              {baseline:7.1f} s  1.00")
    if plain[0] is not None:
        print(f"  the cards as plain MkDocs pages {plain[0]:4.1f} s  {plain[0] / baseline:.2f}")
    else:
        print(f"  plain MkDocs pages, inferred nav, not measured above {INFERRED_NAV_LIMIT} models (quadratic)")
    print(f"    with a nav of two entries  {plain[1]:7.1f} s  {plain[1] / baseline:.2f}")
    if zensical is not None:
        print(f"  zoocat docs + Zensical       {write + zensical:7.1f} s  {(write + zensical) / baseline:.2f}")
        print(f"    of which zensical build    {zensical:7.1f} s  {zensical / baseline:.2f}")
    else:
        print(f"  zensical build, inferred nav not measured above {INFERRED_NAV_LIMIT} models (quadratic)")
    print(f"    zoocat docs                {write:7.1f} s  {write / baseline:.2f}")
    print(f"  zensical build, short nav    {short_nav:7.1f} s  {short_nav / baseline:.2f}")
    rows = keys.count(table)
    print(f"  one-page Zensical project     {without:7.1f} s  {without / baseline:.2f}")
    print(f"    the page placing {table} ({rows} rows) with the extension")
    print(f"                               {with_extension:7.1f} s  {with_extension / baseline:.2f}")
    print(f"  zoocat docs after one edit   {again:7.1f} s  {again / baseline:.2f}")


if __name__ == "__main__":
    main()
