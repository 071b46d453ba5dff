"""Walk the catalog root in sorted order and find the model folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import StubError
from ..model.problems import Problem, printable
from ..model.stubs import STUB_SEGMENTS, Stub, parse_stub

CARD_NAME = "model.md"


@dataclass(frozen=True)
class ModelSource:
    stub: Stub
    rel_dir: str  # '/'-separated, relative to the root
    folder_path: str  # OS path


@dataclass
class _Walk:
    real_root: str
    sources: list[ModelSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(root: str) -> tuple[list[ModelSource], list[Problem]]:
    walk = _Walk(os.path.realpath(root))
    stack = [("", root)]
    while stack:
        rel_dir, folder = stack.pop()
        entries = _list_dir(folder)
        at_model_depth = rel_dir.count("/") >= STUB_SEGMENTS - 1
        # A model folder's subfolders are its files (contents.py lists them); a misplaced card higher up hides nothing.
        card = entries.get(CARD_NAME) if rel_dir else None
        if card is not None and (_is_model(walk, rel_dir, folder, card) or at_model_depth):
            continue
        entries = _named(walk, rel_dir, entries)
        if rel_dir and card is None and _is_stray(walk, rel_dir, entries):
            continue
        stack.extend(reversed(_children(walk, rel_dir, entries)))
    return walk.sources, sorted(walk.problems, key=lambda problem: problem.path)


def walk_tree(root: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under root, with its '/'-separated path from root, in no set order. Folders are entered, links
    to folders are not; a folder that cannot be read is left out."""
    stack = [("", root)]
    while stack:
        rel, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((path, entry.path))
            yield path, entry


def is_inside(path: str, real_root: str) -> bool:
    return is_within(os.path.realpath(path), real_root)


def is_within(real: str, real_root: str) -> bool:
    """Whether a real path (no links left in it) is the root or under it."""
    return real == real_root or real.startswith(real_root + os.sep)


def is_utf8(name: str) -> bool:
    """Whether a file name is UTF-8 text: Python reads the bytes of one that is not as lone surrogates, which no
    page, URL or cache can hold."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name_problem(rel: str, is_dir: bool) -> Problem:
    """The path is shown with the bytes that are not UTF-8 as '\\xff': every report format can hold it."""
    left_out = "folder is left out with all it holds" if is_dir else "file is left out"
    message = f"this name is not UTF-8 text, so the {left_out}; rename it with UTF-8 characters"
    return Problem(printable(rel), None, "warning", "discover.name-encoding", message)


def hidden_part(real: str, real_root: str) -> bool:
    """Whether a real path under the root lies in a hidden folder of it (.git, .hg, .svn...) or is a hidden file:
    none of those is published, whatever links to it."""
    return any(part.startswith(".") for part in os.path.relpath(real, real_root).split(os.sep) if part != ".")


def link_problem(rel: str, real: str, real_root: str, what: str) -> Problem | None:
    """Why a link (to a file or folder) of a model folder is not followed, if it is not; rel is its path."""
    if not is_within(real, real_root):
        message = f"a link to a {what} outside the catalog: not published; copy the {what} into the model folder"
        return Problem(rel, None, "warning", "discover.link-outside", message)
    if hidden_part(real, real_root):
        target = os.path.relpath(real, real_root).replace(os.sep, "/")
        message = (
            f"a link to {target}, in a hidden folder or file of the catalog: never published (.git and the like "
            f"hold credentials); copy what should be published into the model folder"
        )
        return Problem(rel, None, "warning", "discover.link-hidden", message)
    return None


def _named(walk: _Walk, rel_dir: str, entries: dict[str, os.DirEntry[str]]) -> dict[str, os.DirEntry[str]]:
    """The entries whose names are UTF-8; each other one is a problem, and is left out."""
    if all(is_utf8(name) for name in entries):
        return entries
    kept = {}
    for name, entry in entries.items():
        if is_utf8(name) or name.startswith("."):
            kept[name] = entry
        else:
            walk.problems.append(name_problem(f"{rel_dir}/{name}" if rel_dir else name, _is_dir(entry)))
    return kept


def _is_model(walk: _Walk, rel_dir: str, folder: str, card: os.DirEntry[str]) -> bool:
    card_rel = f"{rel_dir}/{CARD_NAME}"
    if not _is_file(card):
        message = f"{CARD_NAME} here is not a file; a model card must be a Markdown file"
        walk.problems.append(Problem(card_rel, None, "error", "card.not-a-file", message))
        return False
    try:
        stub = parse_stub(rel_dir, is_path=True)
    except StubError as error:
        message = (
            f"this folder holds a {CARD_NAME} but its path is not a model stub: {error}; "
            "move the model folder so that its path is the stub"
        )
        walk.problems.append(Problem(card_rel, None, "error", "stub.invalid", message))
        return False
    walk.sources.append(ModelSource(stub, rel_dir, folder))
    return True


def _is_stray(walk: _Walk, rel_dir: str, entries: dict[str, os.DirEntry[str]]) -> bool:
    """Report files outside model folders (never published); True for a model-depth folder without a card."""
    if rel_dir.count("/") == STUB_SEGMENTS - 1:
        message = f"this folder is at model depth but holds no {CARD_NAME}, so it is not in the site; add the card"
        walk.problems.append(Problem(rel_dir, None, "warning", "discover.no-card", message))
        return True
    files = [name for name, entry in entries.items() if not name.startswith(".") and _is_file(entry)]
    if files and CARD_NAME not in entries:
        listed = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        message = f"files outside any model folder are not published ({listed}); move them into a model folder"
        walk.problems.append(Problem(rel_dir, None, "warning", "discover.stray-files", message))
    return False


def _children(walk: _Walk, rel_dir: str, entries: dict[str, os.DirEntry[str]]) -> list[tuple[str, str]]:
    children = []
    for name, entry in entries.items():
        if name.startswith(".") or not _is_dir(entry):
            continue
        child_rel = f"{rel_dir}/{name}" if rel_dir else name
        if entry.is_symlink():
            # Links may point anywhere: never out of the root, and never to a second copy of a folder
            # (the real folder is walked under its own path).
            walk.problems.append(_link_problem(child_rel, os.path.realpath(entry.path), walk.real_root))
            continue
        children.append((child_rel, entry.path))
    return children


def _link_problem(rel: str, real: str, real_root: str) -> Problem:
    if is_inside(real, real_root):
        target = os.path.relpath(real, real_root).replace(os.sep, "/")
        message = (
            f"a link to {target}, inside the catalog: not followed, so every model is listed once, at its real path"
        )
        return Problem(rel, None, "warning", "discover.link-inside", message)
    message = "a link to a folder outside the catalog: not followed; move or copy the models into the catalog"
    return Problem(rel, None, "warning", "discover.link-outside", message)


def _list_dir(folder: str) -> dict[str, os.DirEntry[str]]:
    """A folder's entries by name, sorted; a folder that cannot be read is empty."""
    try:
        return {entry.name: entry for entry in sorted(os.scandir(folder), key=lambda entry: entry.name)}
    except OSError:
        return {}


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
