"""The project's own documentation builds in MkDocs' strict mode, and documents what the code does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

from generator.stubs import FIELD_NAMES


def test_docs_build_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "docs")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "url-state.html").exists()


def test_url_contract_names_every_parameter() -> None:
    text = (REPO / "docs" / "url-state.md").read_text()
    for name in (
        *FIELD_NAMES,
        "tag",
        "`q`",
        "min_COLUMN",
        "max_COLUMN",
        "`sort`",
        "`cols`",
        "`compare`",
        "`speed_context`",
    ):
        assert name in text, name
    readme = (REPO / "README.md").read_text()
    assert "docs/url-state.md" in readme


def test_every_problem_code_is_documented() -> None:
    import re

    codes = set()
    for path in (REPO / "generator").glob("*.py"):
        codes |= set(
            re.findall(r'"((?:card|stub|discover|file|recipe|benchmark|config)\.[a-z][a-z-]+)"', path.read_text())
        )
    codes -= {"benchmark.yaml", "recipe.html"}  # file names, not codes
    documented = (REPO / "docs" / "validate.md").read_text()
    assert sorted(code for code in codes if f"`{code}`" not in documented) == []
    assert len(codes) > 30
