"""The benchmark's zoo generator makes valid, varied, realistic cards, the same bytes every time."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from conftest import REPO, tree

from generator.build import load_catalog
from generator.frontmatter_split import split_front_matter

sys.path.insert(0, str(REPO / "bench"))
import floor
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
