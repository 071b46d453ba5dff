"""Shared fixtures: scratch catalogs written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CatalogWriter = Callable[[dict[str, str | bytes]], Path]


def card(front_matter: str, body: str = "# A model\n\nSome text.\n") -> str:
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n{body}"


@pytest.fixture
def write_catalog(tmp_path: Path) -> CatalogWriter:
    """Write {relative path: content} under tmp_path/catalog and return the catalog folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "catalog"
        root.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write
