"""The wheel carries the default theme, so an installed zoocat builds outside a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_ships_the_theme(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("zoocat-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {name for name in names if name.startswith("generator/themes/default/")}
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "themes" / "default").rglob("*") if p.is_file()}
    assert {name.removeprefix("generator/") for name in theme} == expected
    assert "generator/cli.py" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "zoocat = generator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
