"""Generate a realistic zoo of N model folders for benchmarks.

Usage: python bench/generate.py N OUT_DIR [--one-table]

Each card has 15-25 front-matter fields, metrics, and a 40-line Markdown body with a table and a code block;
one model in ten has a recipe. --one-table puts every model in cv/classification (for the table benchmark).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

DOMAINS = {
    "cv": ["classification", "detection", "segmentation"],
    "nlp": ["question_answering", "text_classification", "token_classification"],
}
ARCHS = ["resnet_v1-50", "resnet_v1-18", "mobilenet_v1-1.0", "efficientnet-b0", "vgg-19", "yolov5-s", "bert-base",
         "distilbert-none", "obert-base", "yolact-darknet53"]  # fmt: skip
FRAMEWORKS = ["pytorch", "keras", "tensorflow_v1"]
REPOS = ["sparseml", "torchvision", "ultralytics", "huggingface"]
DATASETS = ["imagenet", "imagenette", "coco", "voc", "squad", "mnli", "imagenet-augmented", "conll2003"]
TAGS = ["pruned", "quantized", "dense", "int8", "vnni", "edge", "gpu", "baseline", "recipe", "transfer"]


def sparse_tag(index: int, rng: random.Random) -> str:
    if index % 7 == 0:
        return "base-none"
    name = rng.choice(["pruned", "pruned_quant", "quant", f"pruned{rng.randint(50, 97)}"])
    category = rng.choice(["conservative", "moderate", "aggressive", "none", f"aggressive_{rng.randint(80, 99)}"])
    return f"{name}-{category}" + (f"-{rng.choice(['vnni', 'edge', 'gpu'])}" if index % 11 == 0 else "")


def body(name: str, rng: random.Random) -> str:
    lines = [f"# {name}", "", "This model was produced by gradual magnitude pruning and fine-tuning.", ""]
    lines += ["| metric | baseline | this model |", "|---|---|---|"]
    lines += [f"| metric {i} | {rng.uniform(50, 90):.1f} | {rng.uniform(50, 90):.1f} |" for i in range(8)]
    lines += ["", "## Usage", "", "```bash", f"deepsparse.benchmark zoo:{name} --batch_size 1", "```", ""]
    lines += [f"Paragraph {i}: the model keeps most of its accuracy while running faster on CPUs." for i in range(18)]
    return "\n".join(lines[:40]) + "\n"


def card(stub: str, index: int, rng: random.Random) -> str:
    fields = [
        f"display_name: Model {index} {stub.split('/')[2]}",
        f"description: Generated model number {index} for benchmarks.",
        f"tags: [{', '.join(rng.sample(TAGS, 3))}]",
        "license: apache-2.0",
        "card_version: 1.0.0",
        f"source: generated {index}",
        "optimizations: [GMP 90%, QAT Int8]",
        "metrics:",
        f"  - {{name: top1_accuracy, value: {rng.uniform(60, 80):.2f}, units: '%', dataset: imagenet, primary: true}}",
        f"  - {{name: throughput, value: {rng.uniform(100, 5000):.1f}, units: items/sec, engine: deepsparse, "
        f"device: c6i.12xlarge, cores: 4, batch_size: 1}}",
        "commands:",
        f"  deploy: {{deploy: deepsparse.server --model_path zoo:{stub}}}",
        f"  benchmark: {{benchmark: deepsparse.benchmark zoo:{stub}}}",
    ]
    fields += [f"extra_field_{k}: value {k}" for k in range(rng.randint(2, 12))]
    return "---\n" + "\n".join(fields) + "\n---\n" + body(stub, rng)


RECIPE = """---
num_epochs: &num_epochs 10
modifiers:
  - !EpochRangeModifier
    start_epoch: 0.0
    end_epoch: *num_epochs
---
# Recipe

Ten epochs of pruning.
"""


def generate(count: int, out: Path, one_table: bool) -> None:
    rng = random.Random(20261125)
    out.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        domain = "cv" if one_table else rng.choice(sorted(DOMAINS))
        sub = "classification" if one_table else rng.choice(DOMAINS[domain])
        # The index in the dataset's training scheme keeps every stub unique.
        stub = "/".join([domain, sub, rng.choice(ARCHS), rng.choice(FRAMEWORKS), rng.choice(REPOS),
                         f"{rng.choice(DATASETS).split('-')[0]}-run{index}", sparse_tag(index, rng)])  # fmt: skip
        folder = out / stub
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "model.md").write_text(card(stub, index, rng), encoding="utf-8")
        if index % 10 == 0:
            (folder / "recipes").mkdir(exist_ok=True)
            (folder / "recipes" / "original.md").write_text(RECIPE, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--one-table", action="store_true")
    args = parser.parse_args()
    generate(args.count, args.out, args.one_table)
