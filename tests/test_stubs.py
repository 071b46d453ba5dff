from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import StubError
from generator.model.stubs import format_stub, parse_stub

REAL_STUBS = (Path(__file__).parent / "fixtures" / "real-stubs.txt").read_text().split()


def test_all_real_stubs_parse_and_round_trip() -> None:
    assert len(REAL_STUBS) == 138
    for text in REAL_STUBS:
        assert format_stub(parse_stub(text)) == text
        assert format_stub(parse_stub(f"zoo:{text}?recipe_type=original")) == text


def test_fields_of_a_full_stub() -> None:
    stub = parse_stub(
        "zoo:cv/classification/resnet_v1-50_2x/pytorch/sparseml/imagenet-augmented/pruned85_quant-none-vnni"
    )
    assert stub.fields() == {
        "domain": "cv",
        "sub_domain": "classification",
        "architecture": "resnet_v1",
        "sub_architecture": "50_2x",
        "framework": "pytorch",
        "repo": "sparseml",
        "dataset": "imagenet",
        "training_scheme": "augmented",
        "sparse_name": "pruned85_quant",
        "sparse_category": "none",
        "sparse_target": "vnni",
    }


@pytest.mark.parametrize(
    ("tag", "name", "category", "target"),
    [
        ("pruned-aggressive_97", "pruned", "aggressive_97", None),
        ("pruned-aggressive-97", "pruned", "aggressive", "97"),
        ("base-none", "base", "none", None),
        ("pruned_quant-moderate", "pruned_quant", "moderate", None),
    ],
)
def test_sparse_tag_splits_at_most_twice(tag: str, name: str, category: str, target: str | None) -> None:
    stub = parse_stub(f"nlp/question_answering/distilbert-none/pytorch/huggingface/squad/{tag}")
    assert (stub.sparse_name, stub.sparse_category, stub.sparse_target) == (name, category, target)
    assert stub.sub_architecture == "none"


def test_optional_parts_are_none() -> None:
    stub = parse_stub("cv/detection/ssd/pytorch/sparseml/coco/base-none")
    assert stub.sub_architecture is None and stub.training_scheme is None and stub.sparse_target is None


GRAMMAR = (
    "DOMAIN/SUB_DOMAIN/ARCHITECTURE{-SUB_ARCHITECTURE}/FRAMEWORK/REPO/"
    "DATASET{-TRAINING_SCHEME}/SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "cv/classification/resnet/pytorch/sparseml/imagenet",
            f"stub 'cv/classification/resnet/pytorch/sparseml/imagenet' has 6 segment(s); expected 7: {GRAMMAR}",
        ),
        (
            "cv//resnet/pytorch/sparseml/imagenet/base-none",
            "the sub_domain segment is empty; expected letters, digits, '_' or '.'",
        ),
        (
            "cv/classification/res net/pytorch/sparseml/imagenet/base-none",
            "the architecture segment 'res net' is not valid; expected letters, digits, '_' or '.', with an optional '-' suffix",
        ),
        (
            "cv/classification/resnet/../sparseml/imagenet/base-none",
            "the framework segment '..' is not valid; expected letters, digits, '_' or '.'",
        ),
        (
            "cv/classification/resnet/pytorch/sparseml/imagenet/pruned",
            "the sparse tag segment 'pruned' has no sparse category; expected SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}, such as 'pruned-moderate'",
        ),
        (
            "cv/classification/resnet/pytorch/sparseml/imagenet/pruned-",
            "the sparse tag segment 'pruned-' is not valid; expected SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}, such as 'pruned-moderate'",
        ),
        (
            "cv/classification/resnet/pytorch/sparse-ml/imagenet/base-none",
            "the repo segment 'sparse-ml' is not valid; expected letters, digits, '_' or '.'",
        ),
        (
            "zoo:bert-base-squad_wikipedia_bookcorpus-pruned90",
            f"'zoo:bert-base-squad_wikipedia_bookcorpus-pruned90' is a flat SparseZoo stub, not a folder path; zoocat needs the path form {GRAMMAR}",
        ),
    ],
)
def test_invalid_stubs_name_the_segment(text: str, message: str) -> None:
    with pytest.raises(StubError) as caught:
        parse_stub(text)
    assert str(caught.value) == message
