"""Walk the catalog root in sorted order and find the model folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from .records import Problem
from .stubs import Stub, StubError, parse_stub

CARD_NAME = "model.md"


@dataclass(frozen=True)
class ModelSource:
    stub: Stub
    rel_dir: str  # '/'-separated, relative to the root
    folder_path: str  # OS path


def discover(root: str) -> tuple[list[ModelSource], list[Problem]]:
    sources: list[ModelSource] = []
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    for rel_dir, folder in _walk(root, real_root):
        try:
            stub = parse_stub(rel_dir)
        except StubError as error:
            message = (
                f"this folder holds a {CARD_NAME} but its path is not a model stub: {error}; "
                "move the model folder so that its path is the stub"
            )
            problems.append(Problem(f"{rel_dir}/{CARD_NAME}", None, "error", "stub.invalid", message))
            continue
        sources.append(ModelSource(stub, rel_dir, folder))
    return sources, problems


def is_inside(path: str, real_root: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root + os.sep)


def _walk(root: str, real_root: str) -> Iterator[tuple[str, str]]:
    """Yield (rel_dir, folder) for each folder holding model.md; never descend into a model."""
    visited = {real_root}
    stack = [("", root)]
    while stack:
        rel_dir, folder = stack.pop()
        entries = _list_dir(folder)
        if rel_dir and CARD_NAME in entries and os.path.isfile(os.path.join(folder, CARD_NAME)):
            yield rel_dir, folder
            continue
        children = []
        for name in sorted(entries):
            child = os.path.join(folder, name)
            if name.startswith(".") or not os.path.isdir(child):
                continue
            real = os.path.realpath(child)
            # Links may point anywhere: stay inside the root and visit each real folder once.
            if real in visited or not is_inside(real, real_root):
                continue
            visited.add(real)
            children.append((f"{rel_dir}/{name}" if rel_dir else name, child))
        stack.extend(reversed(children))


def _list_dir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
