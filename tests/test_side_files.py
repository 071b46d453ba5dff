"""SparseZoo's later folder layout: benchmarks.yaml, recipe/, eval.yaml and metrics.yaml, and the kinds of its
other files and folders."""

from __future__ import annotations

from pathlib import Path

from conftest import CatalogWriter, card

from generator.build import BuildOptions, build
from generator.model.problems import Problem
from generator.read.eval_files import read_evaluations

STUB = "nlp/sentiment_analysis/obert-base/pytorch/huggingface/sst2/pruned90_quant-none"
BENCHMARKS = """benchmarks:
  results:
  - batch_size: ' 1'
    benchmark_result:
      items_per_sec: 210.5
      median: 4.75
    engine: deepsparse
    instance_type: c6i.2xlarge
    num_cores: ' 4'
"""
# SparseZoo's evaluation result: evaluations under `formatted`, the tool's own output under `raw`.
EVAL = """formatted:
- task: text_classification
  dataset:
    type: text-classification
    name: glue-sst2
    config: sst2
    split: validation
  metrics:
  - name: accuracy
    value: 0.912
  - name: f1
    value: 0.907
- task: text_classification
  dataset: {name: imdb}
  metrics: []
raw:
  anything: [1, 2, 3]
"""
LAYOUT = {
    f"{STUB}/model.md": card("display_name: oBERT sst2"),
    f"{STUB}/benchmarks.yaml": BENCHMARKS,
    f"{STUB}/eval.yaml": EVAL,
    f"{STUB}/analysis.yaml": "layers: []\n",
    f"{STUB}/recipe/recipe_original.md": "---\nversion: 1.1.0\n---\n# The original recipe\n",
    f"{STUB}/recipe/recipe_transfer_learn.yaml": "version: 1.1.0\n",
    f"{STUB}/deployment/model.onnx": b"onnx",
    f"{STUB}/deployment/config.json": "{}\n",
    f"{STUB}/training/pytorch_model.bin": b"weights",
    f"{STUB}/onnx/model.14.onnx": b"onnx",
    f"{STUB}/logs/train.log": "step 1\n",
    f"{STUB}/sample_inputs.tar.gz": b"tar",
}


def test_later_layout_figures_recipes_and_file_kinds(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    result = build(BuildOptions(str(write_catalog(LAYOUT)), str(tmp_path / "site")))
    assert result.catalog is not None
    (model,) = result.catalog.models
    figures = {(m.key, m.value, m.units, m.dataset, m.split, m.source) for m in model.metrics}
    assert figures == {
        ("throughput", 210.5, "items/sec", None, None, "benchmarks.yaml"),
        ("latency_median", 4.75, "ms", None, None, "benchmarks.yaml"),
        # Shares written as fractions by the evaluation tool, read as the percentages cards write.
        ("accuracy", 91.2, "%", "glue-sst2", "validation", "eval.yaml"),
        ("f1", 90.7, "%", "glue-sst2", "validation", "eval.yaml"),
    }
    assert (
        next(m for m in model.metrics if m.key == "throughput").context == "deepsparse, c6i.2xlarge, 4 cores, batch 1"
    )
    assert [(r.name, r.path) for r in model.recipes] == [
        ("original", "recipe/recipe_original.md"),
        ("transfer_learn", "recipe/recipe_transfer_learn.yaml"),
    ]
    assert {entry.path: entry.kind for entry in model.files} == {
        "analysis.yaml": "model analysis",
        "benchmarks.yaml": "benchmark results",
        "deployment/config.json": "deployment file",
        "deployment/model.onnx": "deployment file",
        "eval.yaml": "evaluation results",
        "logs/train.log": "log",
        "model.md": "model card",
        "onnx/model.14.onnx": "ONNX model",
        "recipe/recipe_original.md": "recipe",
        "recipe/recipe_transfer_learn.yaml": "recipe",
        "sample_inputs.tar.gz": "sample input archive",
        "training/pytorch_model.bin": "training file",
    }
    # The evaluation with no metric is said, with its line, not dropped without a word.
    assert [(p.path, p.line, p.code) for p in result.problems] == [(f"{STUB}/eval.yaml", 13, "eval.result")]
    page = (tmp_path / "site" / "models" / STUB / "index.html").read_text()
    assert "recipes/original/index.html" in page and "recipes/transfer_learn/index.html" in page
    assert "glue-sst2" in page and "210.5" in page


def test_recipes_of_both_layouts_keep_apart(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    files = {
        f"{STUB}/model.md": card("display_name: Two recipes"),
        f"{STUB}/recipes/original.md": "# Old layout\n",
        f"{STUB}/recipe/recipe_original.md": "# New layout\n",
    }
    result = build(BuildOptions(str(write_catalog(files)), str(tmp_path / "site")))
    assert result.catalog is not None
    assert sorted(r.name for r in result.catalog.models[0].recipes) == ["original.md", "recipe-recipe_original.md"]


def test_other_shapes_of_evaluation_files() -> None:
    listed = b"metrics:\n- {name: top1, value: 71.2, units: '%', dataset: imagenet}\n- {name: top5}\n"
    metrics, problems = read_evaluations(listed, "m/metrics.yaml")
    assert [(m.key, m.value, m.units, m.dataset, m.source) for m in metrics] == [
        ("top1", 71.2, "%", "imagenet", "metrics.yaml")
    ]
    assert problems == [
        Problem(
            "m/metrics.yaml",
            3,
            "warning",
            "eval.result",
            "metrics.1 has no figure zoocat can read (a name and a numeric value); it is left out",
        )
    ]
    flat, flat_problems = read_evaluations(b"top1: 70.5\nepochs: 90\nnote: best of three\n", "m/metrics.yaml")
    assert [(m.key, m.value) for m in flat] == [("top1", 70.5), ("epochs", 90.0)] and flat_problems == []


def test_shapes_not_understood_are_warnings_naming_the_file() -> None:
    expected = "expected 'formatted:' evaluations, a list of metrics with name and value, or names mapped to numbers"
    for data in (b"- 1\n", b"results: {a: {b: 1}}\n", b"", b"[]\n", b"just text\n"):
        assert read_evaluations(data, "m/eval.yaml") == (
            (),
            [Problem("m/eval.yaml", None, "warning", "eval.shape", f"{expected}; its figures are left out")],
        ), data
    assert read_evaluations(b"formatted: [", "m/eval.yaml")[1][0].code == "eval.yaml-syntax"
    assert read_evaluations(b"\xff\xfe", "m/eval.yaml")[1][0].code == "eval.encoding"
    assert read_evaluations(b"formatted:\n- 7\n- {metrics: [{name: x, value: .nan}]}\n", "m/eval.yaml") == (
        (),
        [
            Problem("m/eval.yaml", 2, "warning", "eval.result", _no_figure("formatted.0")),
            Problem("m/eval.yaml", 3, "warning", "eval.result", _no_figure("formatted.1")),
        ],
    )


def _no_figure(where: str) -> str:
    return f"{where} has no figure zoocat can read (a name and a numeric value); it is left out"


def test_an_eval_files_fraction_compares_with_its_baselines_percentage(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    base = STUB.replace("pruned90_quant-none", "base-none")
    imagenette = "{name: accuracy, value: 99.0, units: '%', dataset: imagenette}"
    root = write_catalog({
        f"{base}/model.md": card(f"metrics:\n- {imagenette}\n- {{name: accuracy, value: 93.0, units: '%', primary: true}}"),
        f"{STUB}/model.md": card("display_name: pruned"),
        f"{STUB}/eval.yaml": "formatted:\n- dataset: sst2\n  metrics:\n  - {name: accuracy, value: 0.912}\n",
        f"{STUB.replace('pruned90_quant', 'pruned80')}/model.md": card("metrics:\n- {name: accuracy, value: 90.0, units: pts}"),
    })  # fmt: skip
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.catalog is not None
    delta = result.catalog.deltas[STUB]
    assert delta.baseline_metric is not None and delta.baseline_metric.value == 93.0  # ImageNette's is not this one
    assert delta.recovery is not None and round(delta.recovery, 2) == 98.06
    # Other units: no recovery rather than a wrong one.
    assert result.catalog.deltas[STUB.replace("pruned90_quant", "pruned80")].recovery is None


def test_a_git_lfs_pointer_is_said_so(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab" * 32 + "\nsize 46830571\n"
    root = write_catalog({
        f"{STUB}/model.md": card("display_name: LFS"),
        f"{STUB}/model.onnx": pointer,
        f"{STUB}/recipes/tiny.md": "# A tiny recipe\n",  # small, but no pointer
    })  # fmt: skip
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert [(p.path, p.code) for p in result.problems] == [(f"{STUB}/model.onnx", "file.lfs-pointer")]
    assert "git lfs pull" in result.problems[0].message


def test_recipes_that_are_not_valid_yaml_are_said_so_with_their_line(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    """A recipe is shown whatever it holds, but one its tool would refuse is a warning at the line it stops at; its
    own tags (!LearningRateModifier) are fine."""
    good = "---\nlr: &lr 0.1\nmodifiers:\n  - !LearningRateModifier\n    init_lr: *lr\n---\n# Fine\n"
    root = write_catalog({
        f"{STUB}/model.md": card("display_name: Recipes"),
        f"{STUB}/recipes/good.md": good,
        f"{STUB}/recipes/alias.md": "---\nlr: 0.1\nmodifiers:\n  - !LearningRateModifier\n    init_lr: *missing\n---\n",
        f"{STUB}/recipes/open.md": "---\nnum_epochs: 10\n\n# Notes, but the front matter never closed\n",
        f"{STUB}/recipes/broken.yaml": "modifiers:\n  - a: [1, 2\n",
    })  # fmt: skip
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    found = sorted((p.path.rsplit("/", 1)[1], p.line, p.code) for p in result.problems)
    assert found == [("alias.md", 5, "recipe.yaml"), ("broken.yaml", 3, "recipe.yaml"), ("open.md", 1, "recipe.yaml")]
    assert result.catalog is not None and len(result.catalog.models[0].recipes) == 4  # each still has its page


def test_an_evaluations_unreadable_entries_are_said_and_text_figures_read() -> None:
    text = (
        "formatted:\n- dataset: squad\n  metrics:\n  - {name: f1, value: '88.5'}\n  - {name: exact_match}\n"
        "  - {name: em_strict, value: n/a}\n  - {name: accuracy, value: '91.2%'}\n"
    )
    metrics, problems = read_evaluations(text.encode(), "m/eval.yaml")
    assert [(m.key, m.value, m.units, m.dataset) for m in metrics] == [
        ("f1", 88.5, "%", "squad"),
        ("accuracy", 91.2, "%", "squad"),
    ]
    assert [(p.line, p.code) for p in problems] == [(5, "eval.result")]
    assert problems[0].message == (
        "formatted.0 has 2 entries without a name and a numeric value (the first here); left out, the rest kept"
    )
