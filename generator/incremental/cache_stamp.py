"""What made a build: zoocat's own code and the libraries whose work lands in the site.

The build cache is trusted only when the same code wrote it. A version number is not enough: an editable install
or a git checkout between releases changes the code under one version, and a cache written by other code gives an
old site and "Nothing changed".
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from .. import __version__

# Distributions whose output is part of the site: a new release of one may change the pages.
LIBRARIES = ("jinja2", "markupsafe", "cmarkgfm", "nh3", "pygments", "pyyaml", "markdown")


def code_digest(package: Path = Path(__file__).parents[1]) -> str:
    """A digest of every file of zoocat's package, by path and content (its modules, its data files such as the
    emoji table, and an installed wheel's default theme; a checkout's theme is compared at every build), and of the
    libraries' versions."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name} {_version(name)}\0".encode())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def build_stamp() -> str:
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return f"zoocat {__version__} (code {code_digest()}), Python {python}"
