"""Generate a realistic zoo of N model folders for benchmarks.

Usage: python bench/generate.py N OUT_DIR [--one-table] [--seed SEED]

Models come in families (one network, framework, repo and dataset) of two to eight sparsities, most with a
`base-none` baseline, spread over six sub-domains roughly as in SparseZoo (image classification the largest).
Each card has 15-25 front-matter fields that agree with its folder path, a primary quality metric, throughputs
with their measuring context, and a Markdown body of about 40 lines with a table and a fenced code block; one
card in three starts with a licence comment. Sparse categories agree with the recovery against the baseline, so
the zoo validates with no errors and no warnings. About one sparse model in four has recipes. The same N and
seed give the same bytes. --one-table puts every model in cv/classification (for the table benchmark).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEED = 20261125
BASELINE = "base-none"
DOWNLOADS = "https://models.example.org/zoo"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class SubDomain:
    domain: str
    name: str
    weight: int  # share of the families, roughly as in SparseZoo
    metric: str  # the primary quality metric, in %
    metric_range: tuple[float, float]  # of the dense baselines
    second: tuple[str, float]  # a second quality metric, as a factor of the primary
    task: str  # the DeepSparse pipeline
    archs: dict[str, str]  # stub segment -> readable name
    frameworks: tuple[str, ...]  # repeated entries weigh more
    repos: tuple[str, ...]
    datasets: dict[str, str]
    schemes: tuple[str | None, ...]


BERTS = {"bert-base": "BERT-base", "bert-large": "BERT-large", "obert-base": "oBERT-base", "obert-large":
         "oBERT-large", "distilbert-none": "DistilBERT", "roberta-base": "RoBERTa-base", "mobilebert-none":
         "MobileBERT", "bert-base_cased": "BERT-base cased"}  # fmt: skip
NLP_SCHEMES = (None, None, None, "wikipedia_bookcorpus", "distill_teacher")
SUB_DOMAINS = (
    SubDomain("cv", "classification", 40, "top1_accuracy", (68.0, 81.0), ("top5_accuracy", 1.2),
              "image_classification",
              {"resnet_v1-50": "ResNet-50", "resnet_v1-18": "ResNet-18", "resnet_v1-34": "ResNet-34",
               "resnet_v1-101": "ResNet-101", "resnet_v1-50_2x": "ResNet-50 2x", "mobilenet_v1-1.0": "MobileNetV1",
               "mobilenet_v2-1.0": "MobileNetV2", "efficientnet-b0": "EfficientNet-B0", "efficientnet-b2":
               "EfficientNet-B2", "efficientnet-b4": "EfficientNet-B4", "vgg-16": "VGG-16", "vgg-19": "VGG-19",
               "inception_v3-none": "Inception v3", "resnext-50": "ResNeXt-50"},
              ("pytorch", "pytorch", "pytorch", "keras", "tensorflow_v1"), ("sparseml", "torchvision"),
              {"imagenet": "ImageNet", "imagenette": "Imagenette", "cifar10": "CIFAR-10"},
              (None, None, None, "augmented", "distill", "transfer")),
    SubDomain("cv", "detection", 16, "map@0.5", (35.0, 66.0), ("map@0.5:0.95", 0.62), "yolo",
              {"yolov5-s": "YOLOv5s", "yolov5-m": "YOLOv5m", "yolov5-l": "YOLOv5l", "yolov5-x": "YOLOv5x",
               "yolov5-n": "YOLOv5n", "yolo_v3-spp": "YOLOv3-SPP", "ssd-resnet50_300": "SSD ResNet-50 300",
               "yolov8-s": "YOLOv8s"},
              ("pytorch",), ("ultralytics", "sparseml"), {"coco": "COCO", "voc": "Pascal VOC"},
              (None, None, "tiny", "augmented")),
    SubDomain("cv", "segmentation", 6, "mask_map@0.5", (25.0, 45.0), ("map@0.5", 1.1), "yolact",
              {"yolact-darknet53": "YOLACT DarkNet-53", "yolact-resnet50": "YOLACT ResNet-50",
               "deeplabv3-resnet50": "DeepLabV3 ResNet-50", "maskrcnn-resnet50": "Mask R-CNN ResNet-50"},
              ("pytorch",), ("dbolya", "sparseml"), {"coco": "COCO", "voc": "Pascal VOC"}, (None, None, "augmented")),
    SubDomain("nlp", "question_answering", 16, "f1", (78.0, 93.0), ("exact_match", 0.91), "question_answering",
              BERTS, ("pytorch",), ("huggingface", "sparseml"), {"squad": "SQuAD", "squad_v2": "SQuAD 2.0"},
              NLP_SCHEMES),
    SubDomain("nlp", "text_classification", 16, "accuracy", (80.0, 95.0), ("f1", 0.99), "text_classification",
              BERTS, ("pytorch",), ("huggingface", "sparseml"),
              {"mnli": "MNLI", "sst2": "SST-2", "qqp": "QQP", "qnli": "QNLI", "imdb": "IMDB", "emotion": "Emotion"},
              NLP_SCHEMES),
    SubDomain("nlp", "token_classification", 6, "f1", (85.0, 93.0), ("accuracy", 1.07), "token_classification",
              BERTS, ("pytorch",), ("huggingface", "sparseml"), {"conll2003": "CoNLL-2003"}, NLP_SCHEMES),
)  # fmt: skip
SPARSE_TAGS = (
    "pruned-conservative", "pruned-moderate", "pruned-aggressive", "pruned-aggressive_94",
    "pruned_quant-conservative", "pruned_quant-moderate", "pruned_quant-aggressive_89", "pruned80-none",
    "pruned85-none", "pruned90-none", "pruned95-none", "pruned97-none", "pruned85_quant-none-vnni",
    "pruned90_quant-none", "pruned95_quant-none-vnni", "quant-none", "quant-moderate", "quant-none-vnni",
    "arch-moderate", "pruned_quant-moderate-edge",
)  # fmt: skip
# Where throughput is measured: engine, device, cores, batch size, scenario. Every family has the first.
CONTEXTS = (
    ("deepsparse", "c6i.12xlarge", 24, 64, "multistream"),
    ("deepsparse", "c6i.12xlarge", 24, 1, "singlestream"),
    ("onnxruntime", "c6i.12xlarge", 24, 64, "multistream"),
)
LICENCE = """<!--
Copyright (c) 2021 - present / Neuralmagic, Inc. All Rights Reserved.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
-->
"""


@dataclass(frozen=True)
class Family:
    """Models of one network, framework, repo and dataset: the baseline and its sparse versions."""

    sub: SubDomain
    arch: str
    framework: str
    repo: str
    dataset: str  # the stub's dataset segment, with the training scheme when there is one
    metric: float  # the baseline's primary metric
    speeds: dict[int, float]  # index in CONTEXTS -> the baseline's throughput
    size: int  # the baseline's compressed size, bytes
    tags: tuple[str, ...]  # sparse tags, base-none first when the family has its baseline

    @property
    def prefix(self) -> str:
        return "/".join([self.sub.domain, self.sub.name, self.arch, self.framework, self.repo, self.dataset])

    @property
    def has_baseline(self) -> bool:
        return self.tags[0] == BASELINE


def plan(count: int, rng: random.Random, one_table: bool) -> Iterator[tuple[Family, str]]:
    """(family, sparse tag) for each of `count` models, a family at a time."""
    taken: set[str] = set()
    made = 0
    while made < count:
        family = new_family(rng, SUB_DOMAINS[0] if one_table else pick_sub_domain(rng), taken)
        for tag in family.tags[: count - made]:
            yield family, tag
            made += 1


def pick_sub_domain(rng: random.Random) -> SubDomain:
    return rng.choices(SUB_DOMAINS, weights=[sub.weight for sub in SUB_DOMAINS])[0]


def new_family(rng: random.Random, sub: SubDomain, taken: set[str]) -> Family:
    arch, framework, repo = rng.choice(sorted(sub.archs)), rng.choice(sub.frameworks), rng.choice(sub.repos)
    dataset, scheme = rng.choice(sorted(sub.datasets)), rng.choice(sub.schemes)
    segment = dataset if scheme is None else f"{dataset}-{scheme}"
    run = 1
    while "/".join([sub.domain, sub.name, arch, framework, repo, segment]) in taken:
        # Large zoos run out of combinations: number the training runs, as zoos with many retrainings do.
        run += 1
        segment = f"{dataset}-{scheme or 'run'}{run}"
    size = rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8))
    with_baseline = rng.random() < 0.85
    tags = ((BASELINE,) if with_baseline else ()) + tuple(rng.sample(SPARSE_TAGS, size - with_baseline))
    speeds = {0: round(rng.uniform(80, 1500), 1)}
    if rng.random() < 0.5:
        speeds[1] = round(rng.uniform(20, 300), 1)
    if rng.random() < 0.3:
        speeds[2] = round(rng.uniform(50, 800), 1)
    metric = round(rng.uniform(*sub.metric_range), 2)
    family = Family(sub, arch, framework, repo, segment, metric, speeds, rng.randint(20_000_000, 400_000_000), tags)
    taken.add(family.prefix)
    return family


def sparsity(tag: str) -> float:
    name, category = tag.split("-")[:2]
    digits = "".join(char for char in name.split("_")[0] if char.isdigit())
    if digits:
        return int(digits) / 100
    if name.startswith("pruned"):
        return {"conservative": 0.7, "moderate": 0.85}.get(category.split("_")[0], 0.92)
    return 0.0


def quantized(tag: str) -> bool:
    return "quant" in tag.split("-")[0]


def recovery(tag: str, rng: random.Random) -> float:
    """Percent of the baseline's metric, inside what the sparse category promises (with room for rounding)."""
    if tag == BASELINE:
        return 100.0
    low, high = {"conservative": (100.1, 100.6), "moderate": (99.1, 99.9), "aggressive": (94.0, 98.8)}.get(
        tag.split("-")[1].split("_")[0], (97.0, 100.3)
    )
    return rng.uniform(low, high)


def speedup(tag: str, engine: str, rng: random.Random) -> float:
    if tag == BASELINE:
        return 1.0
    if engine == "deepsparse":  # the sparsity-aware engine gains from pruning; any engine from int8
        return (2.6 if quantized(tag) else 1.0) / (1 - 0.8 * sparsity(tag)) * rng.uniform(0.9, 1.1)
    return (1.6 if quantized(tag) else 1.0) * rng.uniform(0.95, 1.1)


@dataclass(frozen=True)
class Figures:
    """One model's numbers, drawn once and used in the front matter and the body alike."""

    metric: float
    recovery: float
    speedup: float
    size: int


def figures(family: Family, tag: str, rng: random.Random) -> Figures:
    kept = recovery(tag, rng)
    metric = family.metric if tag == BASELINE else round(family.metric * kept / 100, 2)
    factor = 1.0 if tag == BASELINE else (1 - 0.7 * sparsity(tag)) * (0.3 if quantized(tag) else 1.0)
    return Figures(metric, 100 * metric / family.metric, speedup(tag, "deepsparse", rng), int(family.size * factor))


def metrics(family: Family, tag: str, numbers: Figures, rng: random.Random) -> list[dict[str, Any]]:
    dataset = family.dataset.split("-")[0]
    found: list[dict[str, Any]] = [{"name": family.sub.metric, "value": numbers.metric, "units": "%",
                                    "dataset": dataset, "split": "validation", "primary": True}]  # fmt: skip
    if rng.random() < 0.6:
        name, factor = family.sub.second
        value = round(min(99.9, numbers.metric * factor * rng.uniform(0.99, 1.01)), 2)
        found.append({"name": name, "value": value, "units": "%", "dataset": dataset, "split": "validation"})
    for index, base_speed in family.speeds.items():
        engine, device, cores, batch, scenario = CONTEXTS[index]
        gain = numbers.speedup if index == 0 else speedup(tag, engine, rng)
        context = {"engine": engine, "device": device, "cores": cores, "batch_size": batch, "scenario": scenario,
                   "precision": "int8" if quantized(tag) else "fp32"}  # fmt: skip
        throughput = round(base_speed * gain, 1)
        found.append({"name": "throughput", "value": throughput, "units": "items/sec", **context})
        if batch == 1:
            found.append({"name": "latency_median", "value": round(1000 / throughput, 2), "units": "ms", **context})
    return found


def describe_tag(tag: str) -> str:
    """'pruned95_quant-none-vnni' -> '95% pruned, quantized'."""
    if tag == BASELINE:
        return "dense"
    name, category = tag.split("-")[:2]
    words = []
    if name.startswith("pruned"):
        share = "".join(char for char in name.split("_")[0] if char.isdigit())
        words.append(f"{share}% pruned" if share else "pruned")
    if quantized(tag):
        words.append("quantized")
    if name == "arch":
        words.append("compound-scaled")
    return ", ".join(words) + ("" if category == "none" else f" {category.split('_')[0]}")


REQUIRED = ("card_version", "domain", "task", "architecture", "framework", "repo", "source_dataset", "display_name",
            "description", "tags", "license", "optimizations", "commands", "metrics")  # fmt: skip
SOURCES = ("SparseZoo benchmark runs, DeepSparse 1.5 on AWS c6i.12xlarge", "Sparse*BERT, arXiv:2205.12452",
           "The Optimal BERT Surgeon, arXiv:2203.07259", "Inducing and Exploiting Activation Sparsity, ICML 2020",
           "https://sparsezoo.neuralmagic.com")  # fmt: skip


def front_matter(family: Family, tag: str, numbers: Figures, recipes: bool, rng: random.Random) -> dict[str, Any]:
    """15 to 25 fields in the order of real SparseZoo cards; the stub fields agree with the folder path."""
    stub = f"{family.prefix}/{tag}"
    arch, _, sub_arch = family.arch.partition("-")
    dataset, _, scheme = family.dataset.partition("-")
    name, category, *target = tag.split("-", 2)
    base = f"zoo:{family.prefix}/{BASELINE}" if family.has_baseline and tag != BASELINE else None
    fields: dict[str, Any] = {
        "card_version": "1.0.0", "domain": family.sub.domain, "sub_domain": family.sub.name,
        "task": family.sub.name, "architecture": arch, "sub_architecture": sub_arch or None,
        "framework": family.framework, "repo": family.repo, "version": None, "source_dataset": dataset,
        "training_scheme": scheme or None, "train_dataset": dataset, "sparse_name": name,
        "sparse_category": category, "sparse_target": target[0] if target else None,
        "display_name": display_name(family, tag), "description": description(family, tag, numbers),
        "tags": tags(family, tag), "license": rng.choice(("apache-2.0",) * 5 + ("mit", "bsd-3-clause")),
        "base": base, "parent": base, "optimizations": optimizations(tag), "commands": commands(family, stub, recipes),
        "metrics": metrics(family, tag, numbers, rng), "files": files(family, stub, numbers), "source":
        rng.choice(SOURCES),
    }  # fmt: skip
    fields = {key: value for key, value in fields.items() if value is not None or key == "version"}
    optional = [key for key in fields if key not in REQUIRED]
    rng.shuffle(optional)
    dropped = set(optional[: len(fields) - rng.randint(15, min(25, len(fields)))])
    return {key: value for key, value in fields.items() if key not in dropped}


def display_name(family: Family, tag: str) -> str:
    dataset = family.sub.datasets[family.dataset.split("-")[0]]
    return f"{family.sub.archs[family.arch]} {describe_tag(tag)} ({dataset})"


def description(family: Family, tag: str, numbers: Figures) -> str:
    arch, dataset = family.sub.archs[family.arch], family.sub.datasets[family.dataset.split("-")[0]]
    if tag == BASELINE:
        return f"The dense {arch} trained on {dataset}: the baseline its sparse versions are measured against."
    return (f"{arch} {describe_tag(tag)} on {dataset}: {numbers.recovery:.1f}% of the dense model's "
            f"{family.sub.metric} at {numbers.speedup:.1f}x its DeepSparse throughput.")  # fmt: skip


def tags(family: Family, tag: str) -> list[str]:
    found = [family.arch.split("-")[0], family.arch.replace("-", ""), tag.split("-")[0], family.framework,
             family.repo, family.dataset.split("-")[0], *(["int8"] if quantized(tag) else [])]  # fmt: skip
    found += tag.split("-")[2:]  # the sparse target
    return list(dict.fromkeys(found))


def optimizations(tag: str) -> list[str]:
    found = [f"GMP {round(sparsity(tag) * 100)}%"] if sparsity(tag) else []
    found += ["QAT Int8"] if quantized(tag) else []
    return found + (["Compound scaling"] if tag.startswith("arch") else [])


def commands(family: Family, stub: str, recipes: bool) -> dict[str, dict[str, str]]:
    task = family.sub.task
    found = {
        "deploy": {"deploy_model": f"deepsparse.server --task {task} --model_path zoo:{stub}"},
        "benchmark": {"benchmark": f"deepsparse.benchmark zoo:{stub}",
                      "benchmark_batch_64": f"deepsparse.benchmark zoo:{stub} --batch_size 64 --scenario sync"},
    }  # fmt: skip
    if recipes:
        found["train"] = {"train_model": f"sparseml.{task}.train --recipe zoo:{stub}?recipe_type=original "
                                         "--dataset-path /PATH/TO/DATA"}  # fmt: skip
    return found


def files(family: Family, stub: str, numbers: Figures) -> list[dict[str, Any]]:
    weights = {"pytorch": "model.pth", "keras": "model.h5", "tensorflow_v1": "model.pb"}[family.framework]
    sizes = {"model.onnx.tar.gz": numbers.size, "model.onnx": numbers.size * 23 // 20,
             f"{family.framework}/{weights}": numbers.size * 2}  # fmt: skip
    return [{"path": path, "size": size, "url": f"{DOWNLOADS}/{stub}/{path}"} for path, size in sizes.items()]


INTRO = (
    "Gradual magnitude pruning removed the smallest weights a few at a time while training went on, so that the "
    "remaining ones could take over their work.",
    "The sparse weights compress well: the download is a fraction of the dense model's.",
    "Quantization-aware training then moved the weights and activations to 8-bit integers.",
    "The figures below were measured on the validation split, with the same preprocessing as the dense model.",
    "Throughput was measured with DeepSparse on an AWS instance, with every core of one socket.",
)
NOTES = (
    "Accuracy figures are the mean of three evaluation runs; they varied by less than 0.1 points.",
    "Throughput depends on the instance and on the batch size: measure on your own hardware before choosing.",
    "The recipe is published with the model, so the run can be repeated or transferred to another dataset.",
    "Sparse models fine-tune well: start from this one to adapt it to a related task.",
    "The ONNX export keeps the sparsity: no special runtime is needed to load it, only to run it fast.",
    "Smaller batches favour latency; larger ones favour throughput.",
    "The model expects inputs normalized as during training; see the recipe for the exact transforms.",
    "Results on other datasets are not reported here; transfer learning usually keeps most of the recovery.",
    "Report problems with this card in the zoo's issue tracker, naming the stub.",
    "The dense baseline was trained for the full schedule before pruning began.",
)


def body(family: Family, tag: str, numbers: Figures, front: dict[str, Any], rng: random.Random) -> str:
    title = display_name(family, tag)
    lines = [f"# {title}", "", *rng.sample(INTRO, 3), "", "## Results", "", "| metric | value | measured on |",
             "|---|---|---|"]  # fmt: skip
    for metric in front.get("metrics", []):
        where = metric.get("engine") or metric.get("dataset")
        context = f"{where}, batch {metric['batch_size']}" if "batch_size" in metric else where
        lines.append(f"| {metric['name']} | {metric['value']:g} {metric['units']} | {context} |")
    lines += [""]
    if family.has_baseline and tag != BASELINE:
        lines += [f"That is {numbers.recovery:.2f}% of [the dense baseline](../{BASELINE}/model.md), "
                  f"at {numbers.speedup:.2f} times its throughput.", ""]  # fmt: skip
    lines += ["## How it was made", "", *[f"- {step}" for step in steps(tag)], ""]
    lines += ["## Running it", "", *code_block(family, tag, rng), "", "## Notes", ""]
    lines += [f"- {note}" for note in rng.sample(NOTES, rng.randint(2, 4))]
    lines += ["", "More on sparsification: [SparseML](https://github.com/neuralmagic/sparseml)."]
    return "\n".join(lines) + "\n"


def steps(tag: str) -> list[str]:
    if tag == BASELINE:
        return ["Trained from scratch on the full dataset with the standard schedule.",
                "Exported to ONNX with the training repository's export script."]  # fmt: skip
    found = ["Started from the dense baseline's weights."]
    if sparsity(tag):
        found.append(f"Pruned to {round(sparsity(tag) * 100)}% sparsity with gradual magnitude pruning.")
    if quantized(tag):
        found.append("Quantized to INT8 with quantization-aware training over the last epochs.")
    return [*found, "Fine-tuned with the recipe published beside the card, then exported to ONNX."]


def code_block(family: Family, tag: str, rng: random.Random) -> list[str]:
    stub = f"zoo:{family.prefix}/{tag}"
    if rng.random() < 0.5:
        return ["```bash", "pip install deepsparse", f"deepsparse.benchmark {stub} \\", "    --batch_size 64 \\",
                "    --scenario sync", "```"]  # fmt: skip
    return ["```python", "from deepsparse import Pipeline", "",
            f'pipeline = Pipeline.create(task="{family.sub.task}",', f'                           model_path="{stub}")',
            "outputs = pipeline(inputs)", "print(outputs)", "```"]  # fmt: skip


RECIPE = """---
version: 1.1.0
num_epochs: &num_epochs {epochs}
init_lr: {lr}
pruning_start_epoch: &pruning_start 1.0
pruning_end_epoch: &pruning_end {end}
final_sparsity: &final_sparsity {sparsity}
modifiers:
  - !EpochRangeModifier
    start_epoch: 0.0
    end_epoch: *num_epochs
  - !LearningRateFunctionModifier
    start_epoch: 0.0
    end_epoch: *num_epochs
    lr_func: cosine
    init_lr: {lr}
    final_lr: 0.0
  - !GMPruningModifier
    params: __ALL_PRUNABLE__
    init_sparsity: 0.05
    final_sparsity: *final_sparsity
    start_epoch: *pruning_start
    end_epoch: *pruning_end
    update_frequency: 0.5
---

# {title}: recipe

Prunes the network to {percent}% sparsity between epoch 1 and epoch {end}, then fine-tunes for the remaining
{rest} epochs with a cosine learning rate. Run it with:

```bash
sparseml.{task}.train --recipe recipes/original.md --dataset-path /PATH/TO/DATA
```
"""
TRANSFER = """# Transfer {title} to a new dataset, keeping its sparsity.
version: 1.1.0
num_epochs: {epochs}
modifiers:
  - !EpochRangeModifier
    start_epoch: 0.0
    end_epoch: {epochs}
  - !ConstantPruningModifier
    params: __ALL_PRUNABLE__
    start_epoch: 0.0
"""


def write_recipes(folder: Path, family: Family, tag: str, rng: random.Random) -> None:
    epochs, end = rng.choice((10, 30, 60, 100)), rng.choice((5, 8))
    values = {"epochs": epochs, "lr": rng.choice((0.001, 0.01, 0.0001)), "end": end, "rest": epochs - end,
              "sparsity": round(sparsity(tag) or 0.8, 2), "percent": round(100 * (sparsity(tag) or 0.8)),
              "title": display_name(family, tag), "task": family.sub.task}  # fmt: skip
    (folder / "recipes").mkdir()
    (folder / "recipes" / "original.md").write_text(RECIPE.format(**values), encoding="utf-8")
    if rng.random() < 0.35:
        (folder / "recipes" / "transfer_learn.yaml").write_text(TRANSFER.format(**values), encoding="utf-8")


def card_text(family: Family, tag: str, recipes: bool, rng: random.Random) -> str:
    numbers = figures(family, tag, rng)
    front = front_matter(family, tag, numbers, recipes, rng)
    dumped = yaml.dump(front, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    licence = LICENCE if rng.random() < 1 / 3 else ""
    return f"{licence}---\n{dumped}---\n\n{body(family, tag, numbers, front, rng)}"


def generate(count: int, out: Path, one_table: bool = False, seed: int = SEED) -> list[str]:
    """Write `count` model folders under `out`; return their stubs in the order written."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    stubs = []
    for family, tag in plan(count, rng, one_table):
        stub = f"{family.prefix}/{tag}"
        folder = out / stub
        folder.mkdir(parents=True)
        recipes = tag != BASELINE and rng.random() < 0.25
        (folder / "model.md").write_text(card_text(family, tag, recipes, rng), encoding="utf-8")
        if recipes:
            write_recipes(folder, family, tag, rng)
        stubs.append(stub)
    return stubs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--one-table", action="store_true", help="every model in cv/classification")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    generate(args.count, args.out, args.one_table, args.seed)
