"""`stub.near-duplicate`: a stub value that looks like a typo of one more models use."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import REPO, CatalogWriter, card

from generator.build import load_catalog
from generator.cli import main
from generator.model.near_values import find_near_values, is_near
from generator.model.stubs import parse_stub


def stub(
    domain: str = "cv",
    sub_domain: str = "classification",
    architecture: str = "resnet_v1-50",
    framework: str = "pytorch",
    repo: str = "sparseml",
    dataset: str = "imagenet",
    tag: str = "base-none",
) -> str:
    return "/".join((domain, sub_domain, architecture, framework, repo, dataset, tag))


TAGS = ("base-none", "pruned-moderate", "pruned-aggressive", "pruned_quant-moderate")


def near_problems(write_catalog: CatalogWriter, stubs: list[str]) -> list[tuple[str, str]]:
    root = write_catalog({f"{s}/model.md": card("display_name: A") for s in stubs})
    _, problems = load_catalog(str(root))
    assert all(p.level == "warning" and p.line is None for p in problems if p.code == "stub.near-duplicate")
    return [(p.path, p.message) for p in problems if p.code == "stub.near-duplicate"]


@pytest.mark.parametrize(
    ("rare", "common"),
    [
        ("resnet_v2", "resnetv2"),  # separators
        ("ResNet_v1", "resnet_v1"),  # case
        ("imagnet", "imagenet"),  # a dropped letter
        ("imageneet", "imagenet"),  # an added letter
        ("pytroch", "pytorch"),  # two neighbours swapped
        ("hugging_face", "huggingface"),
        ("ultralytcis", "ultralytics"),
        ("Image_Net", "imagenet"),
    ],
)
def test_near_pairs(rare: str, common: str) -> None:
    assert is_near(rare, common) and is_near(common, rare)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("resnet_v1", "resnet_v2"),  # numbers differ: different things
        ("yolo_v3", "yolo_v5"),
        ("yolov5", "yolov8"),
        ("mobilenet_v1", "mobilenet_v2"),
        ("cifar_10", "cifar_100"),
        ("tensorflow_v1", "tensorflow_v2"),
        ("bert", "bart"),  # short names: one letter is a different name
        ("bert", "obert"),
        ("coco", "voc"),
        ("resnet", "resnext"),
        ("mnist", "kmnist"),
        ("efficientnet", "efficientdet"),  # a changed letter
        ("distilbert", "distilbart"),
        ("imagenet", "imagenette"),  # two letters apart
        ("imagenet", "imagenet_r"),  # a variant after a separator
        ("text_classification", "token_classification"),
        ("sparseml", "sparseml"),
    ],
)
def test_distinct_pairs(first: str, second: str) -> None:
    assert not is_near(first, second) and not is_near(second, first)


def test_the_rare_typo_is_flagged_with_the_field_and_the_suggestion(write_catalog: CatalogWriter) -> None:
    stubs = [stub(tag=tag) for tag in TAGS] + [stub(dataset="imagnet", framework="pytroch")]
    assert near_problems(write_catalog, stubs) == [
        (
            f"{stub(dataset='imagnet', framework='pytroch')}/model.md",
            "dataset 'imagnet' is used by 1 model; did you mean 'imagenet' (used by 4)? If so, rename the folder",
        ),
        (
            f"{stub(dataset='imagnet', framework='pytroch')}/model.md",
            "framework 'pytroch' is used by 1 model; did you mean 'pytorch' (used by 4)? If so, rename the folder",
        ),
    ]


def test_each_model_with_the_typo_is_flagged_and_suggestions_are_ranked(write_catalog: CatalogWriter) -> None:
    stubs = (
        [stub(architecture=f"resnet_v2-{size}") for size in (18, 34, 50)]
        + [stub(architecture=f"resnetv2-{size}") for size in (18, 34)]
        + [stub(architecture="ResNet_v2-50", repo="torchvision")]
    )
    assert near_problems(write_catalog, stubs) == [
        (
            f"{stub(architecture='ResNet_v2-50', repo='torchvision')}/model.md",
            "architecture 'ResNet_v2' is used by 1 model; did you mean 'resnet_v2' (used by 3) or "
            "'resnetv2' (used by 2)? If so, rename the folder",
        ),
        (
            f"{stub(architecture='resnetv2-18')}/model.md",
            "architecture 'resnetv2' is used by 2 models; did you mean 'resnet_v2' (used by 3)? If so, rename the folder",
        ),
        (
            f"{stub(architecture='resnetv2-34')}/model.md",
            "architecture 'resnetv2' is used by 2 models; did you mean 'resnet_v2' (used by 3)? If so, rename the folder",
        ),
    ]


def test_equally_used_values_are_not_flagged(write_catalog: CatalogWriter) -> None:
    assert near_problems(write_catalog, [stub(repo="hugging_face"), stub(repo="huggingface")]) == []


def test_distinct_values_in_one_zoo_are_not_flagged(write_catalog: CatalogWriter) -> None:
    pairs = [
        ("architecture", "resnet_v1-50", "resnet_v2-50"),
        ("architecture", "yolo_v3-spp", "yolo_v5-s"),
        ("architecture", "mobilenet_v1-1.0", "mobilenet_v2-1.0"),
        ("architecture", "bert-base", "bart-base"),
        ("architecture", "bert-base", "obert-base"),
        ("dataset", "coco", "voc"),
        ("dataset", "imagenet", "imagenette"),
        ("framework", "tensorflow_v1", "tensorflow_v2"),
    ]
    stubs = []
    for index, (field, common, rare) in enumerate(pairs):
        stubs += [stub(**{field: common, "tag": f"pruned{index}-{tag}"}) for tag in ("a", "b", "c")]
        stubs.append(stub(**{field: rare, "tag": f"pruned{index}-d"}))
    assert near_problems(write_catalog, stubs) == []


def test_sub_domains_are_compared_within_their_domain(write_catalog: CatalogWriter) -> None:
    common = [stub(tag=tag) for tag in TAGS]
    other_domain = stub(domain="nlp", sub_domain="clasification")
    same_domain = stub(sub_domain="clasification")
    assert near_problems(write_catalog, [*common, other_domain]) == []
    assert near_problems(write_catalog, [*common, same_domain]) == [
        (
            f"{same_domain}/model.md",
            "sub_domain 'clasification' is used by 1 model; did you mean 'classification' (used by 4)? "
            "If so, rename the folder",
        )
    ]


def test_catalog_yml_can_silence_the_check(write_catalog: CatalogWriter) -> None:
    files: dict[str, str | bytes] = {f"{s}/model.md": card("display_name: A") for s in (stub(), stub(tag="x-y"))}
    files[f"{stub(dataset='imagnet')}/model.md"] = card("display_name: A")
    files["catalog.yml"] = "checks:\n  stub.near-duplicate: ignore\n"
    _, problems = load_catalog(str(write_catalog(files)))
    assert problems == []


def test_validate_reports_the_code(write_catalog: CatalogWriter) -> None:
    typo = stub(dataset="imagnet")
    root = write_catalog({f"{s}/model.md": card("display_name: A") for s in (stub(), stub(tag="x-y"), typo)})
    result = CliRunner().invoke(main, ["validate", str(root), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "path": f"{root}/{typo}/model.md",
            "line": None,
            "level": "warning",
            "code": "stub.near-duplicate",
            "message": "dataset 'imagnet' is used by 1 model; did you mean 'imagenet' (used by 2)? If so, rename the folder",
        }
    ]


def test_real_sparsezoo_stubs_have_no_near_duplicates() -> None:
    lines = (REPO / "tests" / "fixtures" / "real-stubs.txt").read_text().split()
    assert len(lines) > 100
    assert find_near_values(parse_stub(line) for line in lines) == {}


@pytest.mark.parametrize("catalog", ["catalog", "tests/golden/catalog"])
def test_the_example_zoo_and_the_golden_catalog_get_no_suggestion(catalog: str) -> None:
    models, problems = load_catalog(str(REPO / catalog))
    assert models.models
    assert [p for p in problems if p.code == "stub.near-duplicate"] == []
