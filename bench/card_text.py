"""Card text in linear time: a megabyte of each run of markup through the card path, against a megabyte of words.

Usage: python bench/card_text.py [--size BYTES]

Each body goes through what a build does with card text (load, search words, link scan, Markdown to sanitized
HTML); each figure is the fastest of three passes, and the ratio is against plain words of the same size measured
in the same run. A scan that rescans from every character of a run shows as a ratio in the hundreds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.model.model_records import Model
from generator.model.stubs import parse_stub
from generator.read.cards import load_card
from generator.read.markdown_links import link_targets
from generator.read.search_words import model_words
from generator.render.markdown_html import render_markdown

STUB = parse_stub("cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-none")
RUNS = ["<", "<!--", "[", "](", "![", "http://", "`", "*", "_", "&", "<h1>", "<a href='", "a<b"]


def seconds(body: str) -> float:
    data = f"---\ndisplay_name: runs\n---\n{body}".encode()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        loaded, _problems = load_card(data, "model.md", STUB)
        assert loaded is not None
        model = Model(STUB, loaded, "runs", (), (), (), "")
        model_words(model.display_name, model.stub.text, model.card, model.metrics)
        list(link_targets(model.card.body_markdown))
        render_markdown(model.card.body_markdown, lambda url: url)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    size = parser.parse_args().size
    baseline = seconds(("word " * 199 + "\n") * (size // 996))
    print(f"| body of {size:,} bytes | seconds | against words |\n|---|---|---|")
    print(f"| words (baseline) | {baseline:.3f} | 1.00 |")
    for run in RUNS:
        took = seconds(run * (size // len(run)))
        print(f"| {run!r} repeated | {took:.3f} | {took / baseline:.2f} |")


if __name__ == "__main__":
    main()
