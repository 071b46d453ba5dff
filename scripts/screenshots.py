"""Screenshots of built pages at desktop and phone size, light and dark, for review.

Usage:
  python scripts/screenshots.py SITE_DIR OUT_DIR PAGE [PAGE...]   pages by path inside the site (index.html), whole
  python scripts/screenshots.py --every-kind SITE_DIR OUT_DIR     the first screen of one page of every kind
  python scripts/screenshots.py --material CATALOG_DIR OUT_DIR    a table and a model page inside Material for MkDocs

--every-kind (what `make screenshots` runs) picks its pages from the site's catalog.json: home, domain, sub-domain
table, embeddable table, tag, model, compare (three models), recipe, 404 and the search box open. Each is taken at
1280x900 and 360x740 in light and dark, as KIND-WIDTH-SCHEME.png: the same names on every run.

--material builds the catalog into a Material for MkDocs site with the plugin, set up as its users do (tabs,
instant navigation, a light and dark palette that follows the system's until toggled), and takes the first screen of
its first table and first model page, as material-table-WIDTH-SCHEME.png and material-model-WIDTH-SCHEME.png.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SIZES = ((1280, 900), (360, 740))
SCHEMES = ("light", "dark")
SEARCH_WORDS = "resnet pruned"


def every_kind(site: Path) -> dict[str, str]:
    """One page of each kind, by kind: paths inside the site, with a query for the comparison."""
    models = json.loads((site / "catalog.json").read_text())["models"]
    first = models[0]
    table = f"models/{first['domain']}/{first['sub_domain']}/index.html"
    same_table = [m["stub"] for m in models if (m["domain"], m["sub_domain"]) == (first["domain"], first["sub_domain"])]
    tags = Counter(tag for model in models for tag in model["tags"])
    recipe = min(str(path.relative_to(site)) for path in site.glob("models/**/recipes/*/index.html"))
    pages = {
        "home": "index.html",
        "domain": f"models/{first['domain']}/index.html",
        "table": table,
        "embed": f"tables/{table}",
        "model": first["page"],
        "compare": f"{table}?compare={','.join(same_table[:3])}",
        "recipe": recipe,
        "404": "404.html",
        "search": "index.html",
    }
    if tags:
        pages["tag"] = f"tags/{tags.most_common(1)[0][0]}/index.html"
    return dict(sorted(pages.items()))


def open_search(page: Page) -> None:
    box = page.locator("#zoocat-search")
    box.fill(SEARCH_WORDS)
    page.wait_for_selector(".search-results [role=option]")


MATERIAL_CONFIG = """site_name: A model zoo in Material for MkDocs
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.instant]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/weather-night, name: Dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/weather-sunny, name: Light}
markdown_extensions: [admonition, pymdownx.highlight, pymdownx.superfences]
plugins:
  - search
  - zoocat:
      catalog: CATALOG
      checks: {card.category-mismatch: ignore}
"""


def build_material(catalog: Path, project: Path) -> Path:
    """The catalog in a new Material for MkDocs project in the folder project; returns the built site."""
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Our models\n\nThe catalog is under *Model zoo*.\n")
    (project / "mkdocs.yml").write_text(MATERIAL_CONFIG.replace("CATALOG", json.dumps(str(catalog.resolve()))))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, check=True)
    return project / "site"


def material_pages(site: Path, mount: str = "zoo") -> dict[str, str]:
    """The first table and the first model page of a catalog the plugin put in an MkDocs site."""
    first = json.loads((site / mount / "catalog.json").read_text())["models"][0]
    return {
        "material-table": f"{mount}/models/{first['domain']}/{first['sub_domain']}/index.html",
        "material-model": f"{mount}/{first['page']}",
    }


def shoot(site: Path, out: Path, pages: dict[str, str], full_page: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    actions: dict[str, Callable[[Page], None]] = {"search": open_search}
    with sync_playwright() as playwright:
        options = {"executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS, "headless": True}
        for scheme in SCHEMES:
            # A new profile per scheme: Material for MkDocs keeps the palette it showed in the profile's storage.
            profile = tempfile.mkdtemp()
            browser = playwright.chromium.launch_persistent_context(profile, color_scheme=scheme, **options)  # type: ignore[arg-type]
            page = browser.new_page()
            for name, path in pages.items():
                for width, height in SIZES:
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(site.resolve().as_uri() + "/" + path)
                    page.wait_for_load_state("load")
                    actions.get(name, lambda page: None)(page)
                    page.wait_for_timeout(150)  # the tables' script and smooth scrolling settle
                    page.screenshot(path=str(out / f"{name}-{width}-{scheme}.png"), full_page=full_page)
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every-kind", action="store_true", help="the first screen of one page of every kind")
    parser.add_argument("--material", action="store_true", help="the site argument is a catalog, built in Material")
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    if args.every_kind:
        shoot(args.site, args.out, every_kind(args.site), full_page=False)
    elif args.material:
        with tempfile.TemporaryDirectory() as project:
            site = build_material(args.site, Path(project))
            shoot(site, args.out, material_pages(site), full_page=False)
    else:
        pages = {path.replace("/", "_").removesuffix(".html"): path for path in args.pages}
        shoot(args.site, args.out, pages, full_page=True)


if __name__ == "__main__":
    main()
