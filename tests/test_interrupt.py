"""Killing a build at any moment leaves the previous site complete; the next build cleans up."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, tree

from generator.build import BuildOptions, build

sys.path.insert(0, str(REPO / "bench"))
from generate import generate


def start_build(catalog: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(catalog), "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_builds_leave_the_previous_site(tmp_path: Path, sig: signal.Signals) -> None:
    small, big, out = tmp_path / "small", tmp_path / "big", tmp_path / "site"
    generate(5, small, one_table=False)
    generate(300, big, one_table=False)
    build(BuildOptions(str(small), str(out)))
    before = tree(out)
    started = time.perf_counter()
    start_build(big, tmp_path / "timing").wait()
    duration = time.perf_counter() - started
    complete = tree(tmp_path / "timing")  # what a finished build of the big catalog writes
    # Kill at moments spread over the whole build, the writing phase at the end included.
    for fraction in (0.2, 0.5, 0.8, 0.9, 0.95, 0.99):
        process = start_build(big, out)
        time.sleep(duration * fraction)
        process.send_signal(sig)
        process.wait()
        now = tree(out)
        # Killed before the swap: the old site, untouched. After it: the new site, complete.
        assert now in (before, complete), f"killed at {fraction:.0%} of the build"
        before = now
    result = build(BuildOptions(str(big), str(out)))
    assert result.written and result.counts[0] == 300
    # Only the sites, their caches and the catalogs: no staging folder is left behind.
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".zoocat-cache"))
    assert names == ["big", "site", "small", "timing"]
