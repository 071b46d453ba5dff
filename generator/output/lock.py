"""One build at a time per output: a lock file beside it, holding the holder's process id and host."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

try:
    import fcntl
except ImportError:  # no flock (Windows): the process id in the lock file is the lock
    fcntl = None  # type: ignore[assignment]


# How long a build waits for another build of the same output to end before it gives up.
LOCK_WAIT = 10.0


# The lock's descriptor while this process holds it. A forked worker closes its copy (closing, unlike unlocking,
# leaves the lock to the parent): a worker outliving a killed build must not keep the next build waiting.
_held: list[int] = []


def _forget_held() -> None:
    for handle in _held:
        with contextlib.suppress(OSError):
            os.close(handle)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_held)


def lock_path(output: str) -> Path:
    out = Path(output).resolve()
    return out.parent / f".{out.name}.zoocat-lock"


@contextmanager
def output_lock(output: str, wait: float | None = None) -> Iterator[str]:
    """One build at a time per output: an exclusive flock on a file beside it, which holds the holder's process id
    and host for the message of a build that waits in vain. The kernel lets go of a dead process's lock, so a build
    killed never blocks the next; it leaves its id in the file, which the next build reports (yields it: "" when
    the last holder ended well). The holder removes the file as it ends, still holding the lock; a build that
    locked the removed file tries again with the new one."""
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if _try_lock(handle) and _same_file(handle, path):
                break
            if time.monotonic() >= deadline:
                holder = _holder(handle) or "whose process id is not written yet"
                raise OutputError(
                    f"another zoocat build ({holder}) is writing {output} (lock file {path}); "
                    "wait for it to end and build again"
                )
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
        time.sleep(0.05)
    try:
        stale = _holder(handle)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        _held.append(handle)
        yield stale
    finally:
        with contextlib.suppress(ValueError):
            _held.remove(handle)
        with contextlib.suppress(OSError):
            path.unlink()
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def _try_lock(handle: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError:
            pass  # a file system without flock: the process id decides
    return not _running(_holder(handle))


def _holder(handle: int) -> str:
    """Who the lock file names: "process 1234 on HOST", or ""."""
    try:
        pid, _, host = os.pread(handle, 200, 0).decode("utf-8", "replace").strip().partition(" ")
    except OSError:
        return ""
    return f"process {pid} on {host}" if pid.isdigit() else ""


def _running(holder: str) -> bool:
    """Whether the process a lock file names runs still (one on another host is taken to run)."""
    if not holder:
        return False
    pid, host = holder.split()[1], holder.split(" on ", 1)[1]
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but another user's
    return True


def _same_file(handle: int, path: Path) -> bool:
    try:
        named, held = os.stat(path), os.fstat(handle)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
