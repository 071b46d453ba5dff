"""The golden site: a small catalog's built site, byte for byte. `make golden` regenerates it."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import tree

from generator.build import BuildOptions, build

GOLDEN = Path(__file__).parent / "golden"


def test_golden_site(tmp_path: Path) -> None:
    # A copy outside git, as `make golden` builds: the card with no front matter would take its dates from git.
    catalog = shutil.copytree(GOLDEN / "catalog", tmp_path / "catalog")
    result = build(BuildOptions(str(catalog), str(tmp_path / "site")))
    # The golden catalog keeps one real-world flaw: a 'moderate' model below 99% of its baseline; and a card with no
    # front matter.
    assert [p.code for p in result.problems] == ["card.category-mismatch", "card.no-front-matter"]
    built, expected = tree(tmp_path / "site"), tree(GOLDEN / "site")
    assert sorted(built) == sorted(expected), "files differ: run `make golden` and review the diff"
    changed = [name for name in built if built[name] != expected[name]]
    assert changed == [], "content differs: run `make golden` and review `git diff tests/golden/site`"
