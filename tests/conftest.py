"""Shared fixtures: scratch catalogs written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parent.parent

CatalogWriter = Callable[[dict[str, str | bytes]], Path]


def card(front_matter: str, body: str = "# A model\n\nSome text.\n") -> str:
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n{body}"


@pytest.fixture
def write_catalog(tmp_path: Path) -> CatalogWriter:
    """Write {relative path: content} under tmp_path/catalog and return the catalog folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        return write_files(tmp_path / "catalog", files)

    return write


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path: two builds compare equal when byte-identical."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, shared by the browser tests of a run."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
