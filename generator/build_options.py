"""What a build is asked to do: the command line's options, and the plugin's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    catalog: str = "catalog"
    output: str = "site"
    strict: bool = False
    base_url: str | None = None
    theme_dir: str | None = None
    jobs: int | None = None  # worker processes; None: one per core
    incremental: bool = True  # keep a cache beside the output and redo only what changed
    full: bool = False  # build everything whatever the cache says (and keep a cache for the next build)
    progress: Callable[[int, int], None] | None = None  # units done, units in all
