"""The benchmark's zoo generator makes valid, varied, realistic cards, the same bytes every time."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from conftest import REPO, tree

from generator.build import load_catalog
from generator.frontmatter_split import split_front_matter

sys.path.insert(0, str(REPO / "bench"))
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
