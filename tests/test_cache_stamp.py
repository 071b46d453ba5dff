"""A cache written by other code is not trusted: an edit to any file of zoocat's package, a module or a data file,
makes the next build a full one (as in an editable install or a git checkout between releases)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

# Run in a fresh interpreter that imports zoocat from the copy: the stamp is made once, when zoocat is imported.
BUILD = r"""
import json, sys
import generator
from generator.build import BuildOptions, build
result = build(BuildOptions(sys.argv[1], sys.argv[2]))
print(json.dumps({"package": generator.__file__, "full": result.rewritten is None,
                  "codes": sorted({problem.code for problem in result.problems})}))
"""


@pytest.fixture
def copied_zoocat(tmp_path: Path) -> Path:
    """zoocat's package and default theme, copied as a checkout holds them, to be edited."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "generator", source / "generator", ignore=ignore)
    shutil.copytree(REPO / "themes", source / "themes", ignore=ignore)
    return source


def run_build(source: Path, catalog: Path, output: Path) -> dict[str, object]:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(catalog), str(output)],
        env=environment,
        cwd=source,  # `python -c` puts the working folder first on sys.path: the checkout's zoocat otherwise
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcome: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    assert str(outcome["package"]).startswith(str(source)), outcome  # the copy, not the installed zoocat
    return outcome


@pytest.mark.parametrize(
    ("edited", "edit"),
    [("read/cards.py", "# an edit\n"), ("render/emoji_shortcodes.txt", "zoocat_test_code 🧪\n")],
)
def test_an_edit_to_zoocat_makes_the_next_build_a_full_one(
    copied_zoocat: Path, tmp_path: Path, edited: str, edit: str
) -> None:
    catalog, output = tmp_path / "catalog", tmp_path / "site"
    shutil.copytree(REPO / "tests" / "golden" / "catalog", catalog)
    assert run_build(copied_zoocat, catalog, output)["full"] is True
    unchanged = run_build(copied_zoocat, catalog, output)
    assert unchanged["full"] is False and "cache.reset" not in unchanged["codes"]
    target = copied_zoocat / "generator" / edited
    target.write_text(target.read_text(encoding="utf-8") + edit, encoding="utf-8")
    after = run_build(copied_zoocat, catalog, output)
    assert after["full"] is True
    assert "cache.reset" in after["codes"]
