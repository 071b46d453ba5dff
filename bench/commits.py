"""Two commits of zoocat on the same generated zoo, alternating, in one run: full build and one-card rebuild.

Usage: python bench/commits.py BEFORE AFTER [--models N] [--rounds R] [--rebuilds-only]

Each commit is exported (git archive) into a scratch folder and run as `python -m generator build` with that
folder first on PYTHONPATH, in this interpreter's environment (the same libraries for both). Each round builds
the zoo with each commit in turn, the first one changing every round: a full build from a clean output (no
cache), then a rebuild after one card's body changed. The medians are reported with the ratio AFTER / BEFORE
(above 1.05: more than 5% slower). With --rebuilds-only, each commit builds the zoo in full once (not timed),
then each round times only the one-card rebuilds, which are short enough to repeat many times.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def export(commit: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=HERE.parent, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def timed_build(source: Path, zoo: Path, out: Path, cpu: list[float] | None = None) -> float:
    """The build's wall time; its CPU time (user and system, all its processes) appended to cpu."""
    environment = {**os.environ, "PYTHONPATH": str(source)}
    command = [sys.executable, "-m", "generator", "build", str(zoo), "-o", str(out), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # In the export's folder: `python -m` puts the current folder before PYTHONPATH, so a run from a checkout
    # would build with the checkout's code whatever the commit.
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL, cwd=source)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return seconds


def clean(out: Path) -> None:
    for path in (out, out.parent / f".{out.name}.zoocat-cache"):
        shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--models", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuilds-only", action="store_true", help="time only one-card rebuilds")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="zoocat-commits-"))
    try:
        commits = {name: export(name, scratch / f"src-{index}") for index, name in enumerate((args.before, args.after))}
        zoo = scratch / "zoo"
        generate(args.models, zoo)
        card = sorted(zoo.rglob("model.md"))[0]
        text = card.read_text(encoding="utf-8")
        times: dict[str, dict[str, list[float]]] = {
            name: {"full": [], "one card": [], "full cpu": [], "one card cpu": []} for name in commits
        }
        if args.rebuilds_only:
            for name, source in commits.items():
                clean(scratch / f"site-{name}")
                timed_build(source, zoo, scratch / f"site-{name}")
        for round_number in range(args.rounds):
            # Each commit goes first every other round: what one run leaves to the file system falls on both.
            order = list(commits.items())[:: 1 if round_number % 2 == 0 else -1]
            for name, source in order:
                out = scratch / f"site-{name}"
                if not args.rebuilds_only:
                    clean(out)
                    card.write_text(text, encoding="utf-8")
                    times[name]["full"].append(timed_build(source, zoo, out, times[name]["full cpu"]))
                card.write_text(f"{text}\nEdit {round_number} {name}.\n", encoding="utf-8")
                times[name]["one card"].append(timed_build(source, zoo, out, times[name]["one card cpu"]))
                print(name, {kind: f"{values[-1]:.2f}" for kind, values in times[name].items() if values}, flush=True)
        print(f"\n{args.models:,} models, {args.rounds} rounds, median (min-max) seconds (cpu: user and system time)")
        kinds = ("one card",) if args.rebuilds_only else ("full", "one card")
        for kind in (*kinds, *(f"{kind} cpu" for kind in kinds)):
            before, after = (statistics.median(times[name][kind]) for name in commits)
            spans = [f"{min(times[n][kind]):.2f}-{max(times[n][kind]):.2f}" for n in commits]
            print(
                f"{kind:9} before {before:.2f} ({spans[0]})  after {after:.2f} ({spans[1]})  ratio {after / before:.3f}"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
