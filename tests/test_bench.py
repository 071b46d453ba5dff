"""The benchmark's zoo generator makes valid, varied, realistic cards, the same bytes every time."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import yaml
from conftest import REPO, tree

from generator.build import load_catalog
from generator.read.front_matter import split_front_matter

sys.path.insert(0, str(REPO / "bench"))
import fast_paths
import floor
import outputs
import page_weight
import run
import site_size
from generate import generate

COUNT = 30


def test_generated_zoo_is_valid_and_realistic(tmp_path: Path) -> None:
    stubs = generate(COUNT, tmp_path / "zoo")
    catalog, problems = load_catalog(str(tmp_path / "zoo"))
    assert [p for p in problems if p.level == "error"] == []
    assert len(stubs) == len(set(stubs)) == len(catalog.models) == COUNT
    assert len(list((tmp_path / "zoo").rglob("model.md"))) == COUNT
    for stub in stubs:
        split = split_front_matter((tmp_path / "zoo" / stub / "model.md").read_text(encoding="utf-8"))
        fields = yaml.safe_load(split.front_matter)
        assert 15 <= len(fields) <= 25, stub
        assert any(m.get("primary") for m in fields["metrics"]), stub
        assert any(m["name"] == "throughput" and "engine" in m for m in fields["metrics"]), stub
        body = split.body.split("\n")
        assert 30 <= len(body) <= 50, stub
        assert any(line.startswith("|---") for line in body), stub
        assert sum(line.startswith("```") for line in body) == 2, stub
    # A spread like a real zoo: several sub-domains, baselines with their sparse versions, some recipes.
    assert len({model.stub.table_key for model in catalog.models}) >= 3
    assert len({model.stub.sparse_tag for model in catalog.models}) >= 8
    assert any(model.stub.sparse_tag == "base-none" for model in catalog.models)
    assert 0 < sum(bool(model.recipes) for model in catalog.models) < COUNT


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate(COUNT, tmp_path / "a")
    generate(COUNT, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    generate(COUNT, tmp_path / "c", seed=1)
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_floor_does_the_work_it_stands_for(tmp_path: Path) -> None:
    """The floor is a lower bound only if it skips none of a page's unavoidable work: every card read, its code
    highlighted, its text sanitized, one page each."""
    stubs = generate(COUNT, tmp_path / "zoo")
    card = tmp_path / "zoo" / stubs[0] / "model.md"
    card.write_text(card.read_text(encoding="utf-8") + '\n<img src="x.png" onerror="alert(1)">\n', encoding="utf-8")
    assert floor.build(str(tmp_path / "zoo"), str(tmp_path / "out"), 2) == COUNT
    pages = {stub: (tmp_path / "out" / "models" / stub / "index.html").read_text(encoding="utf-8") for stub in stubs}
    assert all('<div class="highlight">' in page and "<span class=" in page for page in pages.values())
    assert '<img src="x.png">' in pages[stubs[0]] and "onerror" not in pages[stubs[0]]
    name = yaml.safe_load(split_front_matter(card.read_text(encoding="utf-8")).front_matter)["display_name"]
    assert f"<h1>{name}</h1>" in pages[stubs[0]]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="models/{stub}/index.html"' in index for stub in stubs)


def test_outputs_draws_every_unit_once_by_kind(tmp_path: Path) -> None:
    """The drawing costs cover the whole site, one entry per kind, with the floor's own kind kept out of the bound;
    the reading beyond the floor's is in it."""
    generate(COUNT, tmp_path / "zoo")
    catalog, _ = load_catalog(str(tmp_path / "zoo"))
    kinds = outputs.measure(str(tmp_path / "zoo"))
    assert kinds[outputs.FLOOR_KIND]["units"] == COUNT
    # Checking each card with line numbers, its files, its search words: more than the floor's libyaml load.
    assert kinds[outputs.READING]["units"] == COUNT and kinds[outputs.READING]["seconds"] > 0
    assert kinds["tag"]["units"] == len(catalog.tags) and "tag-data" not in kinds
    assert kinds["table-data"]["units"] == len(catalog.tables)
    assert kinds["table"]["units"] == len(catalog.tables)
    assert all(figures["mb"] > 0 for kind, figures in kinds.items() if kind in ("model", "tag", "data", "search"))
    others = [kind for kind in kinds if kind not in (outputs.FLOOR_KIND, outputs.LOADING)]
    assert outputs.beyond_floor(kinds) == sum(kinds[kind]["seconds"] for kind in others)
    assert "| tag |" in outputs.table(kinds)


def test_targets_report_bounds_zoocat_by_the_floor_and_the_outputs_above_it() -> None:
    def tool(name: str, seconds: float) -> run.Tool:
        return run.Tool(name, lambda out: [], lambda out: out, runs=[run.Run(seconds, seconds, 1024, 0, "")])

    costs = {"model": {"units": 10, "seconds": 50.0, "mb": 1.0}, "tag": {"units": 2, "seconds": 6.0, "mb": 1.0}}
    tools = [tool("zoocat", 12.0), tool("floor", 4.0), tool("hugo", 8.0), tool("mkdocs", 40.0)]
    lines = run.targets_report(tools, costs)
    cores = len(os.sched_getaffinity(0))
    bound = 4.0 + 6.0 / cores
    # Hugo allows 8 s: the floor takes half of it, the bound (floor + tags over every core) and zoocat more.
    assert f"| hugo x 1.00 | 8.00 | 0.50 | {bound / 8:.2f} | 1.50 |" in lines
    assert f"| mkdocs x 0.20 | 8.00 | 0.50 | {bound / 8:.2f} | 1.50 |" in lines
    assert not any(line.startswith("| naive") for line in lines)  # a tool that did not run sets no target
    assert run.targets_report([tool("zoocat", 12.0), tool("hugo", 8.0)], costs) == []  # no floor, no bound
    without_zoocat = run.targets_report([tool("floor", 4.0), tool("hugo", 8.0)], costs)
    assert f"| hugo x 1.00 | 8.00 | 0.50 | {bound / 8:.2f} | failed or not run |" in without_zoocat


def test_site_size_counts_each_kind_and_the_zoos_files_apart(tmp_path: Path) -> None:
    files = {
        "index.html": 100,
        "catalog.json": 300,
        "models/cv/classification/index.html": 2000,
        "models/cv/classification/page/2/index.html": 1500,
        "models/cv/classification/rows.js": 700,
        "models/cv/classification/models.csv": 50,
        "models/cv/classification/a/b/c/d/base-none/index.html": 900,
        "models/cv/classification/a/b/c/d/base-none/files/model.onnx": 10_000,
        "tags/x/index.html": 40,
    }
    for path, size in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    figures = site_size.measure(tmp_path)
    kinds = figures["kinds"]
    assert isinstance(kinds, dict)
    assert kinds["table pages"] == {"bytes": 2000, "files": 1}
    assert kinds["table pages of rows (page/N)"] == {"bytes": 1500, "files": 1}
    assert kinds["model pages"] == {"bytes": 900, "files": 1}
    assert figures["zoo_bytes"] == 10_000 and figures["site_bytes"] == sum(files.values()) - 10_000
    assert figures["largest_page"] == {"path": "models/cv/classification/index.html", "bytes": 2000}
    assert "| table data (rows.js) | 1 | 0.0 | 700 |" in site_size.report(figures, 1)


def test_page_weight_splits_every_byte_of_the_pages_and_catalog_into_sections(tmp_path: Path) -> None:
    generate(COUNT, tmp_path / "zoo")
    page_weight.build(None, tmp_path / "zoo", tmp_path / "site")
    weights = page_weight.measure(tmp_path / "site")
    pages = list((tmp_path / "site" / "models").glob("*/*/*/*/*/*/*/index.html"))
    recipes = list((tmp_path / "site" / "models").glob("*/*/*/*/*/*/*/recipes/*/index.html"))
    assert weights["count"]["models"] == len(pages) == COUNT and recipes

    def sections(part: str) -> int:
        return sum(value for name, value in weights[part].items() if not name.startswith("("))

    assert sections("model page") == sum(page.stat().st_size for page in pages)
    assert sections("recipe pages") == sum(page.stat().st_size for page in recipes)
    assert sections("catalog.json") == (tmp_path / "site" / "catalog.json").stat().st_size
    assert {"head", "search box", "metrics", "card body", "files", "footer"} <= weights["model page"].keys()
    assert {"recipe YAML", "breadcrumbs"} <= weights["recipe pages"].keys()
    assert weights["model page"]["(indentation)"] == 0 and weights["model page"]["(../ prefixes)"] > 0
    halved = {name: Counter({key: value // 2 for key, value in counts.items()}) for name, counts in weights.items()}
    halved["count"] = weights["count"]
    rows = page_weight.table({"before": weights, "after": halved})
    assert rows[0] == "| part | section | before | after | after / before |"
    assert any(row.startswith("| recipe pages | recipe YAML | ") and row.endswith(" | 0.50 |") for row in rows)


def test_each_fast_path_is_measured_against_a_plain_way_that_gives_the_same_result(tmp_path: Path) -> None:
    """bench/fast_paths.py runs against the code as it is (it had fallen behind once, unnoticed): each comparison
    checks that both ways agree before it times them."""
    generate(COUNT, tmp_path / "zoo")
    catalog, _ = load_catalog(str(tmp_path / "zoo"))
    results = [
        fast_paths.bench_yaml(tmp_path / "zoo", 1),
        fast_paths.bench_pickle(catalog, 1),
        fast_paths.bench_relative(catalog, 1),
        fast_paths.bench_background(tmp_path / "zoo", tmp_path, 1),
    ]
    assert [result["name"] for result in results] == ["yaml", "pickling", "relative links", "background"]
    assert all(result["fast"] > 0 and result["plain"] > 0 for result in results)
