"""A virtual environment with the oldest MkDocs and Material for MkDocs that pyproject.toml allows, and zoocat
from this working tree: the plugin is tested there as in the test environment's newest versions."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

from conftest import REPO

# Made once and kept, under the test environment's own folder (the Makefile's .venv), until what it holds changes.
HOME = REPO / ".venv" / "oldest-mkdocs"


def oldest_pins() -> list[str]:
    """`mkdocs==X` and `mkdocs-material==Y`, X and Y the lowest versions pyproject.toml allows (read as text:
    tomllib is not in Python 3.10)."""
    text = (REPO / "pyproject.toml").read_text()
    pins = []
    for name in ("mkdocs", "mkdocs-material"):
        versions = set(re.findall(rf'"{name}>=([\d.]+)', text))
        assert len(versions) == 1, f"pyproject.toml should give {name} one lowest version, as {name}>=X: {versions}"
        pins.append(f"{name}=={versions.pop()}")
    return pins


def oldest_python() -> str:
    """The python of the environment, made (or remade, when the pins or zoocat's dependencies changed) first."""
    pins = oldest_pins()
    stamp = hashlib.sha256(" ".join(pins).encode() + (REPO / "pyproject.toml").read_bytes()).hexdigest()
    python, marker = HOME / "bin" / "python", HOME / "made-for"
    if not (marker.is_file() and marker.read_text() == stamp and python.exists()):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(HOME)], check=True, timeout=300)
        # zoocat editable: the environment runs the working tree's code, however often it changes.
        install = [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *pins,
            "-e",
            str(REPO),
        ]
        subprocess.run(install, check=True, timeout=600)
        marker.write_text(stamp)
    return str(python)
