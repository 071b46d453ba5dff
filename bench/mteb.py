"""What hundreds of results per card cost a build: MTEB-sized Hugging Face cards against small ones.

Usage: python bench/mteb.py [N] [--repeats R]

Generates two zoos of N models each (default 1,000) in the Hugging Face card format: MTEB-sized cards, whose
`model-index` holds 60 results of 5 metrics each (300 figures), and small cards with one result of 2 metrics.
Both have the same prose. Each zoo is built in full R times (default 3), alternating, in this process, and the
median times are compared: the ratio is what the figures cost. It also prints the sizes of the outputs that grow
with them: catalog.json, the largest table page, the largest model page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from generator.build import BuildOptions, build  # noqa: E402

TASKS = ("Classification", "Retrieval", "STS", "Clustering", "Reranking", "PairClassification")
METRICS = {
    "Classification": ("accuracy", "f1", "ap", "accuracy_stderr", "main_score"),
    "Retrieval": ("ndcg_at_10", "map_at_10", "mrr_at_10", "recall_at_100", "main_score"),
    "STS": ("cos_sim_pearson", "cos_sim_spearman", "euclidean_pearson", "manhattan_spearman", "main_score"),
    "Clustering": ("v_measure", "v_measure_std", "ari", "nmi", "main_score"),
    "Reranking": ("map", "mrr", "ndcg_at_5", "recall_at_5", "main_score"),
    "PairClassification": ("cos_sim_ap", "cos_sim_f1", "dot_ap", "max_ap", "main_score"),
}
BODY = "\n# {name}\n\nA sentence embedding model generated for zoocat's benchmark.\n\n## Usage\n\nEncode sentences.\n"


def card(name: str, results: int, per_result: int, rng: random.Random) -> str:
    lines = ["---", "license: mit", "library_name: sentence-transformers", "pipeline_tag: sentence-similarity",
             "tags: [mteb]", "model-index:", f"- name: {name}", "  results:"]  # fmt: skip
    for number in range(results):
        task = TASKS[number % len(TASKS)]
        lines += ["  - task:", f"      type: {task}", "    dataset:", f"      type: mteb/set-{number}",
                  f"      name: MTEB Set{number}", "      config: default", "      split: test",
                  "    metrics:"]  # fmt: skip
        for metric in METRICS[task][:per_result]:
            lines += [f"    - type: {metric}", f"      value: {rng.uniform(20, 95):.3f}"]
    return "\n".join([*lines, "---", BODY.format(name=name)])


def write_zoo(root: Path, count: int, results: int, per_result: int) -> None:
    rng = random.Random(20)
    for index in range(count):
        stub = f"nlp/sentence_embedding/embed{index // 50}-m{index}/pytorch/sentence_transformers/mteb/base-none"
        folder = root / stub
        folder.mkdir(parents=True)
        (folder / "model.md").write_text(card(f"embed-{index}", results, per_result, rng), encoding="utf-8")


def timed_build(catalog: Path, out: Path) -> float:
    start = time.perf_counter()
    result = build(BuildOptions(str(catalog), str(out), full=True))
    elapsed = time.perf_counter() - start
    assert result.written and not [p for p in result.problems if p.level == "error"], result.problems[:3]
    return elapsed


def yaml_floor(catalog: Path) -> float:
    """Seconds PyYAML's C loader takes over every card's front matter, divided by the cores a build uses."""
    texts = [path.read_text(encoding="utf-8").split("---\n")[1] for path in sorted(catalog.rglob("model.md"))]
    start = time.perf_counter()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)  # the safe loader in C
    return (time.perf_counter() - start) / (os.cpu_count() or 1)


def largest(folder: Path, pattern: str) -> int:
    return max(path.stat().st_size for path in folder.glob(pattern))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        zoos = {"mteb": (60, 5), "small": (1, 2)}
        for name, (results, per_result) in zoos.items():
            write_zoo(work / name, args.count, results, per_result)
        times: dict[str, list[float]] = {name: [] for name in zoos}
        for _ in range(args.repeats):
            for name in zoos:
                times[name].append(timed_build(work / name, work / f"{name}-site"))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, (results, per_result) in zoos.items():
            site = work / f"{name}-site"
            print(
                f"{name:5}: {args.count:,} cards of {results * per_result} figures: {medians[name]:.2f} s "
                f"(runs {', '.join(f'{t:.2f}' for t in times[name])}); catalog.json "
                f"{(site / 'catalog.json').stat().st_size / 1e6:.1f} MB, largest table page "
                f"{largest(site, 'models/*/*/index.html') / 1e3:.0f} kB, largest model page "
                f"{largest(site, 'models/**/base-none/index.html') / 1e3:.0f} kB"
            )
        ratio = medians["mteb"] / medians["small"]
        floor = yaml_floor(work / "mteb") - yaml_floor(work / "small")
        print(f"ratio mteb/small: {ratio:.2f}x (target: within 3x)")
        print(
            f"YAML floor: {floor:.2f} s more for the MTEB cards' front matter alone; without it the ratio is "
            f"{(medians['mteb'] - floor) / medians['small']:.2f}x"
        )


if __name__ == "__main__":
    main()
