"""The cache folder beside the output: what zoocat keeps there, and what to do with a folder in a state zoocat
never leaves it in (a build killed mid-way, files put there by hand)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..model.page_texts import TEXTS_PREFIX
from .cache import (
    SHARD_PREFIX,
    STAMP,
    STAMP_FILE,
    STATE_FILES,
    TEMPLATES,
    BuildState,
    cache_dir,
    output_identity,
    unpickle,
)


def _ours(entry: os.DirEntry[str]) -> bool:
    if entry.name == TEMPLATES:
        return entry.is_dir(follow_symlinks=False)
    if not entry.is_file(follow_symlinks=False):
        return False
    if entry.name.partition(".")[0] == STAMP_FILE:
        return entry.name == STAMP_FILE or entry.name[len(STAMP_FILE) + 1 :].isdigit()
    name, _, pid = entry.name.partition(".pickle")  # pid: a temporary of _pickle's, left by a build killed
    if pid and not (pid[0] == "." and pid[1:].isdigit()):
        return False
    if entry.name.startswith(TEXTS_PREFIX):
        return True
    return f"{name}.pickle" in STATE_FILES or (name.startswith(SHARD_PREFIX) and "/" not in name)


def open_cache(output: str, full: bool) -> tuple[BuildState | None, str]:
    """The cache folder made ready for a build, and the last build's summary when it describes the output.

    Returns what was wrong with the folder ("" when nothing): a folder in a state zoocat never leaves it in is set
    aside (a `.broken-N` name) when it holds anything zoocat did not make, else removed, and the build is a full
    one. --full (full) reads nothing from it: zoocat's own files are removed without a word.
    """
    folder = cache_dir(output)
    if not os.path.lexists(folder):
        return None, ""
    if folder.is_symlink() or not folder.is_dir():
        return None, f"{folder} is not a folder; {_set_aside(folder)}"
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        return None, f"{folder} cannot be read ({error.strerror}); {_set_aside(folder)}"
    foreign = sorted(entry.name for entry in entries if not _ours(entry))
    if foreign:
        return None, f"{folder} holds {foreign[0]!r}, which zoocat did not make; {_set_aside(folder)}"
    if full:
        _remove(folder)
        return None, ""
    summary_path, names = folder / STATE_FILES[0], {entry.name for entry in entries}
    if not {*STATE_FILES, STAMP_FILE} <= names:
        _remove(folder)
        return None, f"{folder} holds no saved build state (a build was cut short); removed it"
    stamp = _read_stamp(folder / STAMP_FILE)
    if stamp != STAMP:
        _remove(folder)
        return None, f"{folder} was saved by {stamp}, not by this {STAMP}; removed it"
    summary = unpickle(summary_path)
    if not isinstance(summary, BuildState) or summary.stamp != STAMP:
        _remove(folder)
        return None, f"{summary_path} cannot be read (cut short, or saved by another zoocat); removed the cache"
    return (summary if output_identity(output) == summary.output else None), ""


def _read_stamp(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(200).decode("utf-8", "replace")
    except OSError:
        return "an unreadable stamp"


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.lexists(folder):  # a file, or a folder that cannot all be removed
        _set_aside(folder)


def _set_aside(folder: Path) -> str:
    """folder renamed to the first free `.broken-N` name beside it; says so."""
    number = 1
    while os.path.lexists(aside := folder.with_name(f"{folder.name}.broken-{number}")):
        number += 1
    os.rename(folder, aside)
    return f"set it aside as {aside.name} (delete it once you have looked at it)"
