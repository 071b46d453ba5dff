"""When each model folder was first and last committed, from one `git log` over the whole catalog.

Cards may state their own dates; this is the fallback for the rest. A catalog that is not in a git checkout, or
a machine without git, simply has no dates: never the build time, which would make every build differ.
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime

from ..model.model_records import ModelCard, ModelDates

# Commit headers in the log: a control character no stub uses, then the commit time in seconds.
_HEADER = "\x01"
_GIT_LOG = (
    "git", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "log", "-z", "--no-renames",
    f"--format={_HEADER}%ct", "--name-only", "--relative", "--", ".",
)  # fmt: skip


def folder_dates(root: str, folders: Iterable[str]) -> dict[str, ModelDates]:
    """Model folder (relative to root, '/'-separated) -> the dates of the first and last commits touching it."""
    wanted = frozenset(folders)
    if not wanted:
        return {}
    try:
        done = subprocess.run(_GIT_LOG, cwd=root, capture_output=True, check=False)
    except OSError:  # no git on this machine
        return {}
    if done.returncode != 0:  # not a git checkout, or git refused it
        return {}
    return _parse_log(done.stdout.decode("utf-8", "surrogateescape"), wanted)


def model_dates(card: ModelCard, history: ModelDates | None) -> ModelDates:
    """The card's own dates when it gives any (git cannot know them better), else its folder's history."""
    if card.date is None and card.updated is None:
        return history or ModelDates()
    return ModelDates(card.date, card.updated or card.date)


def _parse_log(text: str, folders: frozenset[str]) -> dict[str, ModelDates]:
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    when = 0
    for token in text.split("\0"):
        # The first path after a header starts with the newline that ends the header.
        token = token.removeprefix("\n")
        if token.startswith(_HEADER) and token[1:].isdigit():
            when = int(token[1:])
            continue
        folder = _model_folder(token, folders)
        if folder is not None:
            # The log is newest first, but clocks and rebases can disagree: keep the extremes.
            first[folder] = min(first.get(folder, when), when)
            last[folder] = max(last.get(folder, when), when)
    return {folder: ModelDates(_utc(first[folder]), _utc(last[folder])) for folder in sorted(first)}


def _model_folder(path: str, folders: frozenset[str]) -> str | None:
    folder = posixpath.dirname(path)
    while folder:
        if folder in folders:
            return folder
        folder = posixpath.dirname(folder)
    return None


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
