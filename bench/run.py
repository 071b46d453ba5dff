"""Full builds: zoocat against a naive script, MkDocs and Hugo, on the same generated zoo, in the same run.

Usage: python bench/run.py [--sizes 1000,10000] [--repeats R] [--tools zoocat,naive,mkdocs,hugo]
                           [--zoocat-args "--jobs 2"] [--zoocat CMD] [--json FILE] [--scratch DIR] [--keep]

For each size N the zoo is generated once (bench/generate.py). Each tool then builds it as a fresh subprocess,
the tools taking turns for every repeat so that noise from other work on the machine falls on all of them; the
median wall time and the median peak memory (the largest resident set of any process of the tool, from
getrusage(RUSAGE_CHILDREN) in a fresh wrapper process) are reported, with the ratios zoocat / tool. A tool
counts only if it exits with 0 and wrote a page for every model (STUB/index.html under its page root).

- zoocat: `zoocat build ZOO -o OUT` plus --zoocat-args.
- floor: bench/floor.py, the per-card work no zoocat design can skip, done with zoocat's libraries on every core
  (libyaml, cmark-gfm, Pygments, nh3, one Jinja2 page): not a rival but a lower bound for zoocat.
- naive: bench/naive.py (python-frontmatter, markdown.markdown, one Jinja2 template, an index page).
- mkdocs: the cards (from their front matter on) as docs/STUB/index.md and an index page linking them, default
  theme and plugins, with an explicit nav of that one page: MkDocs' automatic nav is quadratic in the pages.
- hugo: the same pages as content/STUB/index.md, a single, a list and a home template; Hugo's default code
  highlighting stays on (zoocat highlights code too); taxonomy, RSS, sitemap and robots pages are off.

Every full build starts clean: the output and zoocat's cache beside it (.OUT.zoocat-cache) are deleted first.
Then zoocat alone, with the cache its last full build left: a rebuild with nothing changed and a rebuild after
one card's body changed, as ratios to its full build, with how many output files were rewritten (mtime changed)
against how many changed bytes. After each rebuild the output is compared with a clean `zoocat build --full` of
the same catalog into another folder: every path, file mode and byte must be the same.

Last, when the floor ran: bench/outputs.py on the zoo (what each kind of output costs zoocat to draw), and each
full-build target as the time it allows, against the floor and against a bound under any tuning of how zoocat
does its work: the floor plus what zoocat's features cost now beyond it (the outputs the floor does not draw, the
reading of cards beyond the floor's), spread over every core.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from outputs import beyond_floor, table  # noqa: E402
from site_size import measure as measure_site  # noqa: E402

# Runs one command, then writes its wall time, its CPU time (user + system, all its processes), its exit code
# and the peak RSS of its process tree's largest process.
MEASURE = r"""
import json, resource, subprocess, sys, time
with open(sys.argv[2], "wb") as log:
    start = time.perf_counter()
    code = subprocess.call(sys.argv[3:], stdout=log, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss,
               "code": code}, out)
"""
FRONT_MATTER_START = re.compile(r"^---$", re.MULTILINE)
TOOLS = ("zoocat", "floor", "naive", "mkdocs", "hugo")
LOADS: list[float] = []  # the 1-minute load average after each measured run: how busy the shared machine was


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_kib: int
    code: int
    log: str


@dataclass
class Tool:
    name: str
    command: Callable[[Path], list[str]]  # output folder -> command line
    pages: Callable[[Path], Path]  # output folder -> the folder holding STUB/index.html
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None
    site: dict[str, object] = field(default_factory=dict)  # bench/site_size.py's figures of its last output


def measure(command: list[str], scratch: Path) -> Run:
    result, log = scratch / "measure.json", scratch / "measure.log"
    # Run from the scratch folder: `python -m generator` would otherwise import the package in the current folder.
    subprocess.run([sys.executable, "-c", MEASURE, str(result), str(log), *command], check=True, cwd=scratch)
    data = json.loads(result.read_text())
    LOADS.append(os.getloadavg()[0])
    return Run(data["seconds"], data["cpu"], data["peak_kib"], data["code"], log.read_text(errors="replace")[-2000:])


def count_pages(root: Path, stubs: list[str]) -> int:
    return sum((root / stub / "index.html").is_file() and (root / stub / "index.html").stat().st_size > 0
               for stub in stubs)  # fmt: skip


def page_source(card: Path) -> str:
    """A card as a plain page: from its front matter on (a licence comment first would hide it from the
    peers' front-matter readers), links to other cards made links to their pages."""
    text = card.read_text(encoding="utf-8")
    start = FRONT_MATTER_START.search(text)
    return (text[start.start() :] if start else text).replace("/model.md)", "/index.md)")


def write_pages(zoo: Path, stubs: list[str], folder: Path) -> None:
    for stub in stubs:
        target = folder / stub / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_source(zoo / stub / "model.md"), encoding="utf-8")


def mkdocs_tool(zoo: Path, stubs: list[str], scratch: Path) -> Tool:
    project = scratch / "mkdocs"
    write_pages(zoo, stubs, project / "docs")
    links = "\n".join(f"- [{stub}]({stub}/index.md)" for stub in stubs)
    (project / "docs" / "index.md").write_text(f"# {len(stubs)} models\n\n{links}\n", encoding="utf-8")
    # One page in the nav: MkDocs' automatic nav (every page in every page's sidebar) is quadratic.
    (project / "mkdocs.yml").write_text("site_name: Benchmark zoo\nnav:\n  - Models: index.md\n", encoding="utf-8")
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    return Tool("mkdocs", lambda out: [mkdocs, "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                lambda out: out)  # fmt: skip


HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark zoo"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""
HUGO_SINGLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Params.display_name }}</title></head>
<body><main>
<h1>{{ .Params.display_name }}</h1>
<p><code>{{ .File.Dir }}</code></p>
<p>{{ .Params.description }}</p>
<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>
<table>{{ range .Params.metrics }}
<tr><th>{{ .name }}</th><td>{{ .value }} {{ .units }}</td><td>{{ with .engine }}{{ . }}{{ end }}</td></tr>
{{- end }}</table>
{{ .Content }}
</main></body></html>
"""
HUGO_LIST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ len PAGES }} models</h1><ul>
{{- range PAGES }}
<li><a href="{{ .RelPermalink }}">{{ .Params.display_name }}</a></li>
{{- end }}
</ul></main></body></html>
"""


def hugo_tool(zoo: Path, stubs: list[str], scratch: Path) -> Tool:
    site = scratch / "hugo"
    write_pages(zoo, stubs, site / "content")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts"
    (layouts / "_default").mkdir(parents=True)
    (layouts / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "_default" / "list.html").write_text(HUGO_LIST.replace("PAGES", ".Pages"), encoding="utf-8")
    (layouts / "index.html").write_text(HUGO_LIST.replace("PAGES", ".Site.RegularPages"), encoding="utf-8")
    return Tool("hugo", lambda out: ["hugo", "--source", str(site), "--destination", str(out)], lambda out: out)


def make_tools(names: list[str], zoo: Path, stubs: list[str], scratch: Path, zoocat: list[str]) -> list[Tool]:
    makers: dict[str, Callable[[], Tool]] = {
        "zoocat": lambda: Tool("zoocat", lambda out: [*zoocat, "build", str(zoo), "-o", str(out)],
                               lambda out: out / "models"),
        "naive": lambda: Tool("naive", lambda out: [sys.executable, str(HERE / "naive.py"), str(zoo), str(out)],
                              lambda out: out / "models"),
        "floor": lambda: Tool("floor", lambda out: [sys.executable, str(HERE / "floor.py"), str(zoo), str(out)],
                              lambda out: out / "models"),
        "mkdocs": lambda: mkdocs_tool(zoo, stubs, scratch),
        "hugo": lambda: hugo_tool(zoo, stubs, scratch),
    }  # fmt: skip
    return [makers[name]() for name in names]


def full_builds(tools: list[Tool], stubs: list[str], scratch: Path, repeats: int, settle: float) -> None:
    for repeat in range(repeats):
        for tool in tools:
            if tool.failure:
                continue
            out = scratch / f"out-{tool.name}"
            clean(out)
            if settle:
                # ext4 does not reuse an inode freed less than 30 s ago: creating tens of thousands of files right
                # after deleting as many scans for fresh ones and costs several times more system time. Each tool
                # starts on a file system that has forgotten the last deletions, as a CI machine's has.
                os.sync()
                time.sleep(settle)
            run = measure(tool.command(out), scratch)
            pages = count_pages(tool.pages(out), stubs) if run.code == 0 else 0
            if run.code != 0 or pages != len(stubs):
                tool.failure = f"exit {run.code}, {pages} of {len(stubs)} pages; log ends:\n{run.log[-800:]}"
            else:
                tool.runs.append(run)
                tool.site = measure_site(out)
            print(f"  {tool.name} run {repeat + 1}: {run.seconds:.2f} s, CPU {run.cpu:.2f} s, "
                  f"{run.peak_kib / 1024:.0f} MiB, {pages} pages", flush=True)  # fmt: skip


def clean(out: Path) -> None:
    """No output and no zoocat cache: a full build from nothing, as a first build is."""
    for folder in (out, out.parent / f".{out.name}.zoocat-cache"):
        shutil.rmtree(folder, ignore_errors=True)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every output file: (mtime in ns, digest of its bytes)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = (path.stat().st_mtime_ns, _digest(path))
    return found


def _digest(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


@dataclass(frozen=True)
class Rebuild:
    seconds: float
    cpu: float
    peak_kib: int
    files: int
    rewritten: int  # files whose mtime changed, or that are new
    changed: int  # files whose bytes changed, new or removed
    differences: list[str]  # paths where the output is not the same as a clean --full build's


def rebuild(tool: Tool, out: Path, scratch: Path) -> Rebuild:
    before = snapshot(out)
    run = measure(tool.command(out), scratch)
    if run.code != 0:
        raise SystemExit(f"zoocat rebuild failed:\n{run.log}")
    after = snapshot(out)
    rewritten = sum(before.get(rel, (None,))[0] != stamp for rel, (stamp, _) in after.items())
    changed = sum(before.get(rel, (0, b""))[1] != digest for rel, (_, digest) in after.items())
    changed += len(before.keys() - after.keys())
    differences = compare_trees(out, reference_build(tool, out, scratch))
    print(
        f"  rebuild: {run.seconds:.2f} s, CPU {run.cpu:.2f} s, {rewritten} of {len(after)} files rewritten, "
        f"{changed} with new bytes, {len(differences)} differences from a clean --full build",
        flush=True,
    )
    return Rebuild(run.seconds, run.cpu, run.peak_kib, len(after), rewritten, changed, differences)


def reference_build(tool: Tool, out: Path, scratch: Path) -> Path:
    """A clean `--full` build of the same catalog into another folder, not timed."""
    reference = scratch / "out-reference"
    clean(reference)
    done = subprocess.run([*tool.command(reference), "--full"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"zoocat --full build failed:\n{done.stdout}{done.stderr}")
    return reference


def compare_trees(left: Path, right: Path) -> list[str]:
    """Paths whose kind, mode, bytes or link target differ, or that only one tree has; mtimes are not compared."""
    entries = [{path.relative_to(root).as_posix(): path for path in root.rglob("*")} for root in (left, right)]
    differences = sorted(entries[0].keys() ^ entries[1].keys())
    for rel in sorted(entries[0].keys() & entries[1].keys()):
        ours, theirs = entries[0][rel], entries[1][rel]
        if ours.lstat().st_mode != theirs.lstat().st_mode:
            differences.append(rel)
        elif ours.is_symlink():
            differences += [rel] if os.readlink(ours) != os.readlink(theirs) else []
        elif ours.is_file() and (ours.stat().st_size != theirs.stat().st_size or _digest(ours) != _digest(theirs)):
            differences.append(rel)
    return differences


def incremental(tool: Tool, zoo: Path, stubs: list[str], scratch: Path, repeats: int) -> dict[str, list[Rebuild]]:
    out = scratch / "out-zoocat"
    results: dict[str, list[Rebuild]] = {"nothing changed": [], "one card changed": []}
    for _ in range(repeats):
        results["nothing changed"].append(rebuild(tool, out, scratch))
    card = zoo / stubs[len(stubs) // 2] / "model.md"
    original = card.read_text(encoding="utf-8")
    try:
        for repeat in range(repeats):
            card.write_text(f"{original}\nEdited for the benchmark ({repeat + 1}).\n", encoding="utf-8")
            results["one card changed"].append(rebuild(tool, out, scratch))
    finally:
        card.write_text(original, encoding="utf-8")
    return results


def medians(runs: list[Run]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds, peak MiB."""
    return (statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs),
            statistics.median(r.peak_kib for r in runs) / 1024)  # fmt: skip


# The full-build targets: zoocat's wall time at most this share of each tool's.
TARGETS = {"hugo": 1.0, "naive": 1 / 3, "mkdocs": 1 / 5}


def drawing_costs(zoo: Path, scratch: Path) -> dict[str, dict[str, float]] | None:
    """bench/outputs.py's figures for this zoo: what each kind of zoocat output takes to draw in one process."""
    figures = scratch / "outputs.json"
    done = subprocess.run([sys.executable, str(HERE / "outputs.py"), str(zoo), "--json", str(figures)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        print(f"bench/outputs.py failed (exit {done.returncode}), so no bound:\n{done.stderr[-800:]}", flush=True)
        return None
    return json.loads(figures.read_text(encoding="utf-8"))


def targets_report(tools: list[Tool], costs: dict[str, dict[str, float]] | None) -> list[str]:
    """Each full-build target as the time it allows zoocat, against the floor and the floor plus the work it does
    not do (outputs it does not draw, reading beyond its own), spread over every core: a bound below which no
    tuning of how zoocat does that work can go, only features that cost less or fewer features."""
    ran = {tool.name: medians(tool.runs)[0] for tool in tools if tool.runs and not tool.failure}
    if "floor" not in ran or costs is None:
        return []
    cores = len(os.sched_getaffinity(0))
    bound = ran["floor"] + beyond_floor(costs) / cores
    lines = ["", "What each kind of output costs zoocat to draw, and its reading of cards beyond the floor's "
             "(`bench/outputs.py`, one process, nothing written):",
             "", table(costs), "",
             f"Each full-build target as the wall time it allows zoocat; then, as shares of that time, the floor, the "
             f"floor plus the work above it (outputs, reading beyond the floor's) spread over {cores} cores (a "
             f"bound: {ran['floor']:.2f} + {beyond_floor(costs):.2f} / {cores} = {bound:.2f} s), and zoocat. Above "
             "1.00, the target is missed.",
             "", "| target | time allowed (s) | floor | bound | zoocat |", "|---|---|---|---|---|"]  # fmt: skip
    for name, share in TARGETS.items():
        if name in ran:
            allowed = ran[name] * share
            zoocat = f"{ran['zoocat'] / allowed:.2f}" if "zoocat" in ran else "failed or not run"
            lines.append(f"| {name} x {share:.2f} | {allowed:.2f} | {ran['floor'] / allowed:.2f} | "
                         f"{bound / allowed:.2f} | {zoocat} |")  # fmt: skip
    return lines


def size_report(count: int, tools: list[Tool]) -> list[str]:
    """Each tool's site: bytes without the zoo's own files (zoocat publishes them; reported apart), per model, the
    largest page; zoocat's size as a share of each other's."""
    measured = [tool for tool in tools if tool.site and not tool.failure]
    zoocat = next((tool for tool in measured if tool.name == "zoocat"), None)
    lines = ["", "| tool | site (MB, without the zoo's files) | bytes per model | files | largest page (kB) | "
             "zoo's files published (MB) | zoocat / tool: size |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for tool in measured:
        size = int(str(tool.site["site_bytes"]))
        largest = tool.site["largest_page"]
        assert isinstance(largest, dict)
        share = f"{int(str(zoocat.site['site_bytes'])) / size:.2f}" if zoocat and size else ""
        zoo = int(str(tool.site["zoo_bytes"]))
        lines.append(f"| {tool.name} | {size / 1e6:.1f} | {size / count:,.0f} | {tool.site['files']:,} | "
                     f"{int(largest['bytes']) / 1e3:.0f} | {zoo / 1e6:.1f} | {share} |")  # fmt: skip
    return lines if measured else []


def report(
    count: int,
    tools: list[Tool],
    rebuilds: dict[str, list[Rebuild]] | None,
    costs: dict[str, dict[str, float]] | None = None,
) -> str:
    lines = [f"### {count:,} models", ""]
    lines += ["| tool | wall (s) | CPU (s) | peak memory (MiB) | zoocat / tool: wall | CPU | memory |",
              "|---|---|---|---|---|---|---|"]  # fmt: skip
    zoocat = next((t for t in tools if t.name == "zoocat" and t.runs), None)
    for tool in tools:
        if tool.failure or not tool.runs:
            lines.append(f"| {tool.name} | FAILED | | | | | |")
            continue
        figures = medians(tool.runs)
        ratios = " |  | "  # three empty cells
        if zoocat:
            ratios = " | ".join(f"{z / t:.2f}" for z, t in zip(medians(zoocat.runs), figures, strict=True))
        lines.append(f"| {tool.name} | {figures[0]:.2f} | {figures[1]:.2f} | {figures[2]:.0f} | {ratios} |")
    lines.append(
        f"\nMedian of {max(len(t.runs) for t in tools)} run(s) each; 1-minute load average after the runs: "
        f"{min(LOADS):.1f} to {max(LOADS):.1f}."
    )
    if rebuilds and zoocat is not None:
        wall, cpu, _ = medians(zoocat.runs)
        lines += ["", "| zoocat rebuild | wall (s) | CPU (s) | ratio to its full build: wall | CPU | files rewritten "
                  "| files with new bytes | same as a clean --full build |",
                  "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, runs in rebuilds.items():
            seconds, spent = statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs)
            last = runs[-1]
            differing = [r for r in runs if r.differences]
            same = "yes" if not differing else f"NO: {len(differing)} of {len(runs)} ({differing[0].differences[:5]})"
            lines.append(f"| {name} | {seconds:.2f} | {spent:.2f} | {seconds / wall:.2f} | {spent / cpu:.2f} | "
                         f"{last.rewritten:,} of {last.files:,} | {last.changed:,} | {same} |")  # fmt: skip
    lines += size_report(count, tools)
    lines += targets_report(tools, costs)
    for tool in tools:
        if tool.failure:
            lines += ["", f"{tool.name} failed: {tool.failure}"]
    return "\n".join(lines)


def bench_size(count: int, args: argparse.Namespace, scratch: Path) -> tuple[str, dict[str, object]]:
    zoo = scratch / "zoo"
    LOADS.clear()
    started = time.perf_counter()
    stubs = generate(count, zoo)
    print(f"{count:,} models generated in {time.perf_counter() - started:.1f} s", flush=True)
    tools = make_tools(args.tools, zoo, stubs, scratch, args.zoocat + args.zoocat_args)
    repeats = args.repeats or (3 if count <= 1000 else 1)
    settle = args.settle if args.settle is not None else (35.0 if count >= 5000 else 0.0)
    full_builds(tools, stubs, scratch, repeats, settle)
    zoocat = next((t for t in tools if t.name == "zoocat" and t.runs), None)
    rebuilds = incremental(zoocat, zoo, stubs, scratch, repeats) if zoocat and not args.no_rebuilds else None
    costs = drawing_costs(zoo, scratch) if "floor" in args.tools else None
    raw: dict[str, object] = {
        "outputs": costs,
        "tools": {
            t.name: {"runs": [(r.seconds, r.cpu, r.peak_kib) for r in t.runs], "failure": t.failure, "site": t.site}
            for t in tools
        },
        "rebuilds": {k: [vars(r) for r in v] for k, v in (rebuilds or {}).items()},
    }
    return report(count, tools, rebuilds, costs), raw


def versions(zoocat: list[str]) -> str:
    def first_line(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            return (done.stdout or done.stderr).strip().split("\n")[0]
        except OSError:
            return "missing"

    commit = first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    return (f"{datetime.date.today()}, {len(os.sched_getaffinity(0))} cores (nproc), Python "
            f"{sys.version.split()[0]}, zoocat `{shlex.join(zoocat)}` (this checkout is at {commit}), "
            f"{first_line([mkdocs, '--version']).split(' from ')[0]}, {first_line(['hugo', 'version'])}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated model counts")
    parser.add_argument("--repeats", type=int, default=0, help="runs per tool (default: 3 up to 1,000 models, else 1)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, from " + ",".join(TOOLS))
    parser.add_argument("--zoocat", default=str(REPO / ".venv" / "bin" / "zoocat"), help="the zoocat command")
    parser.add_argument("--zoocat-args", default="", help='extra build arguments, such as "--jobs 2"')
    parser.add_argument("--no-rebuilds", action="store_true", help="skip the zoocat rebuild measurements")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--scratch", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--settle", type=float, help="seconds to wait after deleting an output (default: 35 from 5,000 models, else 0)"
    )
    args = parser.parse_args()
    args.tools = [name for name in args.tools.split(",") if name]
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    if "hugo" in args.tools and shutil.which("hugo") is None:
        parser.error("hugo is not installed: apt-get install -y hugo, or leave it out with --tools")
    args.zoocat, args.zoocat_args = shlex.split(args.zoocat), shlex.split(args.zoocat_args)
    print(versions(args.zoocat + args.zoocat_args), flush=True)
    tables, raw = [], {}
    for count in (int(size) for size in args.sizes.split(",")):
        scratch = Path(tempfile.mkdtemp(prefix=f"zoocat-bench-{count}-", dir=args.scratch))
        try:
            table, raw[str(count)] = bench_size(count, args, scratch)
        finally:
            if args.keep:
                print(f"kept {scratch}")
            else:
                shutil.rmtree(scratch, ignore_errors=True)
        tables.append(table)
        print("\n" + table + "\n", flush=True)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
