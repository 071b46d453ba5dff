"""Incremental builds: what the last build read and wrote, so that the next one redoes only what changed.

The state lives in a cache folder beside the output (`.SITE.zoocat-cache/`), safe to delete: without it the next
build is a full one. It is trusted only when it describes the output as it is (the same folder, by device and
inode, whose marker file has the modification time the state recorded) and was saved by the same code: zoocat's
files, its libraries' versions and Python's (stamp.py).

- Nothing changed (the catalog's files, catalog.yml, the theme, the options, git's HEAD): nothing is done.
- Something changed: cards whose folders are unchanged are not read again, and only the units of the site whose
  key changed are rendered; a unit's key is a digest of everything it is made from.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..model.model_records import Model, ModelDates
from ..model.page_texts import TEXTS_PREFIX, TextStore
from ..model.problems import Problem
from ..model.stubs import STUB_SEGMENTS
from ..model.table_columns import Layout
from ..output.write import MARKER, Listing
from ..read.discover import CARD_NAME, ModelSource, walk_tree
from .cache_stamp import build_stamp

STAMP = build_stamp()

Stat = tuple[str, int, int]  # path relative to the catalog, size (-1 for a folder), modification time in ns


@dataclass
class SourceState:
    """One model folder as the last build read it."""

    fingerprint: str  # a digest of the stats of everything in the folder
    history: ModelDates | None
    model: Model | None
    problems: list[Problem]
    view: str = ""  # what tables show of the model (view_signature)
    # Where the catalog was and the card limits (limits.Limits): a model holds the OS paths of its files, and a new
    # limit may refuse a card that was read.
    reading: tuple[str, object] = ("", 0)
    # A digest of what the folder was read from and how: made once and cached with the state, since each update
    # needs every model's twice (row parts, cache shards): 20,000 digests at 10,000 models.
    signature: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.signature = digest(self.fingerprint, self.history, self.reading)


def view_signature(model: Model | None) -> str:
    """A digest of the model as a table row sees it: all of it but the card's text, the card's own file entry (its
    size) and the recipes, so that editing a card's prose redraws its page and data files, not its tables."""
    if model is None:
        return ""
    card = replace(model.card, body_markdown="", body_line=0)
    files = tuple(entry for entry in model.files if entry.path != CARD_NAME)
    return digest(repr(replace(model, card=card, files=files, recipes=())))


@dataclass(frozen=True)
class Found:
    """A walk of the catalog (discover's model folders and problems), and the shape of the tree it walked."""

    shape: str  # tree_shape
    sources: list[ModelSource]
    problems: list[Problem]


def tree_shape(root: str, stats: list[Stat]) -> str:
    """A digest of the catalog's paths and which are folders: the same shape, the same walk. Editing files keeps
    the shape. (A link's target is not in it, but discover follows no link to a folder.)"""
    return digest(STAMP, root, os.path.realpath(root), [(path, size < 0) for path, size, _ in stats])


@dataclass
class BuildState:
    stamp: str
    inputs: str  # digest of everything the build read
    output: tuple[int, int, int]  # the output folder it describes: device, inode, its marker's mtime
    counts: tuple[int, int]  # models, tables
    problems: list[Problem]
    sources: dict[str, SourceState] = field(default_factory=dict)
    units: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # name -> key, files written
    shards: tuple[str, ...] = ()  # the files the sources are saved in, beside the state
    found: Found = field(default_factory=lambda: Found("", [], []))
    layouts: dict[str, Layout] = field(default_factory=dict)  # tables' layouts (catalog.Layouts)
    # The output's files as the build left them, by size and time (write.site_files), and a digest of that listing
    # (in the summary too): a file deleted or changed by hand since is made again.
    listing: Listing = field(default_factory=dict)
    listed: str = ""
    # The file in the cache folder that holds the models' page texts (model/page_texts.py), and its size once the
    # build was done: the state points into it, so it must still be there, at least as long.
    texts: str = ""
    texts_size: int = 0


def listing_digest(listing: Listing) -> str:
    # A file at a time: the repr of a whole listing is 37 MB at 100,000 models, held twice while it is encoded.
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(listing):
        size, time = listing[path]
        hasher.update(f"{path}\0{size}\0{time}\n".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def cache_dir(output: str) -> Path:
    out = Path(output).resolve()
    return out.parent / f".{out.name}.zoocat-cache"


def tree_stats(root: str) -> list[Stat]:
    """Every file and folder under root, sorted: any change a build could see changes this list."""
    found: list[Stat] = []
    for path, entry in walk_tree(root):
        if entry.is_dir(follow_symlinks=False):  # known from the listing: a folder needs no stat of its own
            found.append((path, -1, 0))
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        found.append((path, info.st_size, info.st_mtime_ns))
    found.sort()
    return found


def folder_fingerprints(stats: Iterable[Stat]) -> dict[str, str]:
    """Model-depth folder -> a digest of the stats of everything inside it."""
    inside: dict[str, list[Stat]] = {}
    for stat in stats:
        parts = stat[0].split("/", STUB_SEGMENTS)
        if len(parts) > STUB_SEGMENTS:
            inside.setdefault("/".join(parts[:STUB_SEGMENTS]), []).append(stat)
    return {folder: digest(entries) for folder, entries in inside.items()}


def theme_stats(dirs: list[Path]) -> list[tuple[str, str]]:
    """Each theme file by content: a changed template or stylesheet changes the site."""
    found = []
    for theme in dirs:
        for path in sorted(theme.rglob("*")):
            if path.is_file():
                found.append((str(path), hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()))
    return found


def git_head(root: str) -> str | None:
    """The commit checked out: models without dates are dated by it (None outside git)."""
    try:
        done = subprocess.run(("git", "rev-parse", "HEAD"), cwd=root, capture_output=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode().strip() if done.returncode == 0 else None


class KeptState:
    """The last build's whole state, kept in memory by a long-lived process (zoocat serve): reading it back from the
    cache took a quarter of a one-card rebuild at 10,000 models. It is used only while the cache's summary is the
    one saved with it, so a build run meanwhile by another process, or a deleted cache, is never overlooked."""

    def __init__(self) -> None:
        self.state: BuildState | None = None

    def take(self, output: str, summary: BuildState) -> BuildState | None:
        state, self.state = self.state, None  # given once: a build that fails keeps nothing stale
        if state is None or _described(state) != _described(summary):
            return None
        return state if output_identity(output) == state.output else None


def _described(state: BuildState) -> tuple[str, str, tuple[int, int, int]]:
    return state.stamp, state.inputs, state.output


def load_state(output: str, kept: KeptState | None = None, summary: BuildState | None = None) -> BuildState | None:
    """The last build's whole state, when it describes the output as it is now: the one kept in memory when it is
    the one the cache's summary describes, else the cache's."""
    if kept is not None and summary is not None:
        state = kept.take(output, summary)
        if state is not None and has_texts(state, cache_dir(output)):
            return state
    # Unpickling makes a big zoo's models again, millions of objects: the collector would walk them over and over,
    # between shards and after them too.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_whole(cache_dir(output), output)
    finally:
        if collecting:
            gc.enable()


def _load_whole(folder: Path, output: str) -> BuildState | None:
    state = _load(folder / "state.pickle", output)
    if state is None or not has_texts(state, folder):
        return None
    for name in state.shards:
        shard = unpickle(folder / name)
        if not isinstance(shard, dict):
            return None
        state.sources.update(shard)
    state.sources = dict(sorted(state.sources.items()))
    return state


def has_texts(state: BuildState, folder: Path) -> bool:
    """Whether the file of page texts the state points into is there whole (a cache folder emptied by hand is not)."""
    return TextStore(folder / state.texts).size >= state.texts_size if state.texts else not state.sources


# The big parts of a state, pickled after the rest of it, each on its own: one pickle of the whole state grew a
# 100,000-model build by 190 MiB as it was saved (the memo of every object it wrote; see _pickle).
STATE_PARTS = ("units", "listing", "found")
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def _load(path: Path, output: str) -> BuildState | None:
    read = _read_state(path, len(STATE_PARTS))
    if read is None or output_identity(output) != read[0].output:
        return None
    state, parts = read
    return replace(state, **dict(zip(STATE_PARTS, parts, strict=True)))


def last_listing(output: str) -> Listing:
    """The output's files as the last build left them, read from its state alone (by the process that lists the
    output, to send back only what differs); empty when the state cannot be read: every file then differs."""
    read = _read_state(cache_dir(output) / "state.pickle", STATE_PARTS.index("listing") + 1)
    listing = read[1][-1] if read is not None else None
    return listing if isinstance(listing, dict) else {}


def _read_state(path: Path, parts: int) -> tuple[BuildState, list[Any]] | None:
    """A saved state's head and its first `parts` parts, in the order of STATE_PARTS; None when it cannot be read or
    was saved by other code."""
    try:
        with open(path, "rb") as handle:
            state = pickle.load(handle)
            if not isinstance(state, BuildState) or state.stamp != STAMP:
                return None
            return state, [pickle.load(handle) for _ in range(parts)]
    except _UNREADABLE:
        return None


def unpickle(path: Path) -> object:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except _UNREADABLE:
        return None


def save_state(output: str, state: BuildState) -> BuildState:
    """The whole state, and its summary apart: a build with nothing to do reads only the summary.

    The sources, most of the state, are saved in shards named by a digest of what they hold, and a shard that is
    already there is not written again: an edit to one card writes one shard, not the whole zoo.
    """
    folder = cache_dir(output)
    folder.mkdir(exist_ok=True)
    _write_stamp(folder / STAMP_FILE)
    shards = _shards(state.sources, state.texts)
    for name, sources in shards.items():
        if not (folder / name).exists():
            _pickle(folder / name, sources)
    summary = BuildState(state.stamp, state.inputs, state.output, state.counts, state.problems, listed=state.listed)
    head = replace(state, sources={}, shards=tuple(shards), units={}, listing={}, found=Found("", [], []))
    # In the order of STATE_PARTS. Their records share no object: a path, a unit's name, a walk's source each once.
    _pickle(folder / "state.pickle", head, state.units, state.listing, state.found, memo=False)
    _pickle(folder / "summary.pickle", summary)
    for path in folder.glob(f"{SHARD_PREFIX}*"):
        if path.name not in shards:
            path.unlink(missing_ok=True)
    for path in folder.glob(f"{TEXTS_PREFIX}*"):  # those of earlier full builds, and of builds cut short
        if path.name != state.texts:
            path.unlink(missing_ok=True)
    return replace(state, shards=tuple(shards))  # as load_state would read it back


# Sources are saved in this many shards, by a digest of the folder's path.
SHARDS = 64
SHARD_PREFIX = "sources-"


def _shards(sources: dict[str, SourceState], texts: str) -> dict[str, dict[str, SourceState]]:
    """File name -> the sources it holds; the name has a digest of their folders and signatures, which say
    everything a source was read from (a source is read again when its signature changes), and of where their
    page texts are: a shard of the same cards from before a full build points into another file of texts."""
    parts: dict[int, dict[str, SourceState]] = {}
    for folder, source in sources.items():
        number = hashlib.blake2b(folder.encode("utf-8", "surrogatepass"), digest_size=2).digest()[0] % SHARDS
        parts.setdefault(number, {})[folder] = source
    named = {}
    for number, held in sorted(parts.items()):
        content = digest(
            STAMP, texts, [(folder, source.signature, _texts_at(source)) for folder, source in held.items()]
        )
        named[f"{SHARD_PREFIX}{number:02d}-{content}.pickle"] = held
    return named


def _texts_at(source: SourceState) -> tuple[int, int, int] | None:
    return source.model.texts_at if source.model is not None else None


def _write_stamp(path: Path) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_text(STAMP, encoding="utf-8")
    os.replace(temporary, path)


def _pickle(path: Path, *parts: object, memo: bool = True) -> None:
    """The parts pickled one after the other (the state's: STATE_PARTS).

    memo=False for records that share no object: pickle then neither remembers each object it wrote nor keeps alive
    the tuples it made for them until the end, 130 MiB more at 100,000 models, and it runs three times faster."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with open(temporary, "wb") as handle:
        for part in parts:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            # "Fast mode": no memo. Documented as deprecated since Python 3.0, yet kept in CPython's pickler since.
            pickler.fast = not memo
            pickler.dump(part)
    os.replace(temporary, path)


def drop_state(output: str) -> None:
    """Before the output changes in place: if the update is cut short, the next build is a full one."""
    for name in ("summary.pickle", "state.pickle"):
        (cache_dir(output) / name).unlink(missing_ok=True)


def output_identity(output: str) -> tuple[int, int, int] | None:
    """Which output folder this is, and when zoocat last wrote it: a state describes one such folder."""
    try:
        folder, marker = os.stat(output), os.stat(Path(output) / MARKER)
    except OSError:
        return None
    return (folder.st_dev, folder.st_ino, marker.st_mtime_ns)


# What zoocat keeps in its cache folder; anything else there was put there by something else.
STATE_FILES = ("summary.pickle", "state.pickle")
# The stamp of the code that wrote the cache, in plain text: read before any pickle is, since unpickling runs code
# that the pickle names, and a cache written by other code is not to be trusted that far.
STAMP_FILE = "stamp"
TEMPLATES = "templates"  # compiled templates (theme.make_environment)
