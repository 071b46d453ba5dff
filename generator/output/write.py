"""Write the site safely: a full build is made beside the target and swapped in whole; an update renames its
changed files into place."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..read.discover import walk_tree
from ..render.site_files import SiteFiles

MARKER = ".zoocat-site"
# Files from the catalog are copied, never hard-linked: torch.save, onnx.save and editors rewrite files in place,
# which would change a linked file in the published site behind the build's back. Smaller files are read whole;
# bigger ones (weights) go through shutil.copyfile, which copies in the kernel without holding them in memory.
# An update copies only the files that changed.
READ_WHOLE_BELOW = 1 << 20
MARKER_TEXT = "This folder was built by zoocat; zoocat replaces it on the next build.\n"


def check_output(output: str, catalog: str, marker: str = MARKER) -> None:
    out, root = Path(output).resolve(), Path(catalog).resolve()
    if out == root or out.is_relative_to(root):
        raise OutputError(f"the output folder {output} is inside the catalog {catalog}; choose a folder outside it")
    if root.is_relative_to(out):
        raise OutputError(f"the catalog {catalog} is inside the output folder {output}; choose another output folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{output} exists and is not a folder; remove it or choose another output folder")
    if out.is_dir() and any(out.iterdir()) and not (out / marker).is_file():
        raise OutputError(
            f"{output} is not empty and was not built by zoocat; zoocat will not replace it. "
            "Choose another output folder or empty this one"
        )


@contextmanager
def staged_output(output: str, catalog: str) -> Iterator[Path]:
    """A fresh folder beside `output` to write the site into; swapped in whole when the block ends without error."""
    check_output(output, catalog)
    out = Path(output).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.zoocat-new-", dir=out.parent))
    try:
        yield staging
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a served site must be readable
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def staging_beside(output: str, catalog: str) -> Path:
    """An empty folder beside the output, for the files of an update in place."""
    check_output(output, catalog)
    out = Path(output).resolve()
    _remove_leftovers(out)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.zoocat-new-", dir=out.parent))


# An update of at most this many files renames them into place; a bigger one is completed in a new folder and
# swapped in whole, as a full build is.
IN_PLACE_LIMIT = 200
_HELD_OFF = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} if hasattr(signal, "SIGHUP") else set()


def apply_update(staging: Path, output: str, staged: set[str], stale: set[str], keep: set[str]) -> list[str]:
    """Bring the output up to date with the staged files of the changed units. Returns the site paths whose bytes
    changed, new files included.

    stale: the output's files that no unit makes any more; keep: those of the units that did not change. A staged
    file with the bytes of the old one is not written, so the old one keeps its modification time.

    A small update (the usual edit of a card) renames its files into place, each rename atomic, with interrupts
    held off for those milliseconds; only a SIGKILL or a power cut in that moment leaves a mix of old and new
    files, and since the caller has dropped the build state, the next build then makes the whole site again.
    A bigger update, whose renames would take longer, is completed in the staging folder by hard-linking the
    kept files (so they keep their times) and swapped in whole.
    """
    out = Path(output).resolve()
    try:
        moving = [rel for rel in sorted(staged) if not _same_bytes(staging / rel, out / rel)]
        if len(moving) + len(stale - staged) <= IN_PLACE_LIMIT:
            _rename_in(staging, out, moving, stale - staged)
        else:
            _complete(staging, out, keep | (staged - set(moving)), set(moving))
            _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return moving


def _rename_in(staging: Path, out: Path, moving: list[str], stale: set[str]) -> None:
    masked = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_OFF) if masked else set()
    try:
        for rel in sorted(stale, reverse=True):
            remove_site_file(out, rel)
        made: set[str] = set()
        for rel in moving:
            os.replace(staging / rel, _target(str(out), rel, made))
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # a new time: the saved state names it
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _complete(staging: Path, out: Path, keep: set[str], new: set[str]) -> None:
    """The staging folder as the whole new site: the kept files of the output linked in beside the new ones."""
    made: set[str] = set()
    for rel in sorted(keep - new):
        target = staging / rel
        if target.exists():
            target.unlink()  # a staged copy with the old bytes: the old file, with its time, takes its place
        _keep(str(out / rel), _target(str(staging), rel, made))
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    staging.chmod(0o755)  # mkdtemp makes it private; a served site must be readable


def _keep(old: str, new: str) -> None:
    """The old file in the new folder, with its modification time: a hard link, or a copy where links fail."""
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links
        shutil.copy2(old, new)


Listing = dict[str, tuple[int, int]]  # site path -> size, modification time in ns


@dataclass(frozen=True)
class Drift:
    """The output's files where they differ from a listing of them (the last build's): all an update needs to know
    of the output as it is. A second listing of every file, held beside the last one, was 75 MB at 100,000 models."""

    moved: Listing  # files whose size or time is not the listed one, and files the listing lacks
    gone: frozenset[str]  # listed files that are not there

    @classmethod
    def between(cls, listed: Listing, present: Listing) -> Drift:
        moved = {path: stats for path, stats in present.items() if listed.get(path) != stats}
        return cls(moved, frozenset(listed.keys() - present.keys()))

    def holds(self, paths: Iterable[str]) -> bool:
        """Whether these files are as listed (a file neither listed nor there is as listed)."""
        return not any(path in self.moved or path in self.gone for path in paths)

    def present(self, listed: Listing) -> set[str]:
        """The output's files."""
        return (listed.keys() - self.gone) | self.moved.keys()

    def stats(self, listed: Listing, path: str) -> tuple[int, int] | None:
        """A file's size and time as it is now; None when it is not there."""
        if path in self.moved:
            return self.moved[path]
        return None if path in self.gone else listed.get(path)


def site_files(output: str) -> Listing:
    """The files in a built site, as site paths (the marker aside), with their sizes and times: what an update
    compares with what it made, and with what the last build wrote."""
    found: Listing = {}
    for path, entry in walk_tree(output):
        if path != MARKER and not entry.is_dir(follow_symlinks=False):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[path] = (info.st_size, info.st_mtime_ns)
    return found


def file_stats(output: str, paths: list[str]) -> Listing:
    """Sizes and times of these files of the site, for the listing a build records of what it wrote."""
    found: Listing = {}
    for path in paths:
        info = os.stat(os.path.join(output, path), follow_symlinks=False)
        found[path] = (info.st_size, info.st_mtime_ns)
    return found


def remove_site_file(out: Path, rel: str) -> None:
    """A file the site no longer has, and the folders it leaves empty."""
    path = out / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return
    folder = path.parent
    while folder != out:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        folder = folder.parent


# Files are compared a block at a time: read whole, the two copies of a 100,000-model catalog.json (220 MB each)
# were held at once, the largest part of an update's memory.
COMPARE_BLOCK = 1 << 20


def _same_bytes(new: Path, old: Path) -> bool:
    try:
        if new.stat().st_size != old.stat().st_size:
            return False
        with open(new, "rb") as one, open(old, "rb") as two:
            while block := one.read(COMPARE_BLOCK):
                if block != two.read(COMPARE_BLOCK):
                    return False
        return True
    except OSError:
        return False


def write_files(site: SiteFiles, folder: Path, copies: bool = True) -> None:
    """Pages, and the published files unless told not to, into folder, a staging folder where nothing is replaced
    in place."""
    made: set[str] = set()
    for uri, data in sorted(site.pages.items()):
        with open(_target(str(folder), uri, made), "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                file.writelines(data)
    for uri, source in sorted(site.copies.items()) if copies else ():
        _publish(source, _target(str(folder), uri, made))


def _remove_leftovers(out: Path) -> None:
    """Staging folders of a build that was killed: only zoocat makes folders with these names."""
    restore_retired(str(out))
    for prefix in (f".{out.name}.zoocat-new-", f".{out.name}.zoocat-old-"):
        for leftover in out.parent.glob(prefix + "*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def _publish(source: str, target: str) -> None:
    # Without blocking: a file swapped for a named pipe since it was listed must fail here, not hang the build.
    with os.fdopen(os.open(source, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, f"{source} is no longer a regular file")
        if info.st_size < READ_WHOLE_BELOW:
            # Read and written whole: shutil.copyfile makes four stat calls besides, for each of a zoo's cards.
            data = handle.read()
            with open(target, "wb") as copy:
                copy.write(data)
            return
    shutil.copyfile(source, target)


def _target(folder: str, uri: str, made: set[str]) -> str:
    """Where a page goes: its folder made once per unit (a model's pages share theirs), never outside.

    Site paths are made by zoocat from checked stubs and slugs, and the staging folder holds nothing but what
    zoocat wrote (no symbolic links), so refusing '..', absolute and backslashed paths is enough: no need to
    resolve every path on disk.
    """
    parts = uri.split("/")
    if not uri or uri.startswith("/") or "\\" in uri or any(part in ("", ".", "..") for part in parts):
        raise OutputError(f"refusing to write {uri}: outside the output folder")
    target = os.path.join(folder, uri)
    parent = os.path.dirname(target)
    if parent not in made:
        try:
            os.mkdir(parent)  # most folders' parents are there: one call, where makedirs makes several
        except FileNotFoundError:
            os.makedirs(parent, exist_ok=True)
        except FileExistsError:
            pass
        made.add(parent)
    return target


def _swap(staging: Path, out: Path) -> None:
    """The staging folder in the output's place. The old output is first renamed to one known name (the build holds
    the output's lock, so no other build uses it): killed between the two renames, the next build finds it there
    and puts it back (restore_retired)."""
    if not out.exists():
        staging.rename(out)
        return
    retired = retired_path(out)
    shutil.rmtree(retired, ignore_errors=True)
    out.rename(retired)
    try:
        staging.rename(out)
    except BaseException:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def retired_path(out: Path) -> Path:
    return out.parent / f".{out.name}.zoocat-old"


def restore_retired(output: str) -> bool:
    """Mend a swap cut short: with no output and the old one under its retired name, put the old one back (True);
    with both, the swap was done and only the old one's removal was cut short."""
    out = Path(output).resolve()
    retired = retired_path(out)
    if retired.is_symlink() or not retired.is_dir():
        return False
    if os.path.lexists(out):
        shutil.rmtree(retired, ignore_errors=True)
        return False
    retired.rename(out)
    return True
