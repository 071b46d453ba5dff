from __future__ import annotations

import os
from pathlib import Path

from conftest import CatalogWriter, card

from generator.read.discover import discover

GOOD = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"


def test_models_are_found_in_sorted_order_and_bad_paths_reported(write_catalog: CatalogWriter) -> None:
    root = write_catalog(
        {
            f"{GOOD}/model.md": card("display_name: a"),
            "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate/model.md": card(
                "display_name: b"
            ),
            "cv/classification/bad folder/model.md": card("display_name: c"),
            ".hidden/cv/classification/x/pytorch/sparseml/imagenet/base-none/model.md": card("display_name: d"),
            "cv/.drafts/model.md": card("display_name: e"),
        }
    )
    sources, problems = discover(str(root))
    assert [source.rel_dir for source in sources] == [
        GOOD,
        "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate",
    ]
    assert [(p.path, p.level, p.code) for p in problems] == [
        ("cv/classification/bad folder/model.md", "error", "stub.invalid")
    ]
    assert problems[0].message == (
        "this folder holds a model.md but its path is not a model stub: stub 'cv/classification/bad folder' "
        "has 3 segment(s); expected 7: DOMAIN/SUB_DOMAIN/ARCHITECTURE{-SUB_ARCHITECTURE}/FRAMEWORK/REPO/"
        "DATASET{-TRAINING_SCHEME}/SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}; move the model folder so that "
        "its path is the stub"
    )


def test_links_out_of_the_root_and_loops_are_not_followed(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "cv/classification/x/pytorch/sparseml/imagenet/base-none"
    outside.mkdir(parents=True)
    (outside / "model.md").write_text(card("display_name: outside"))
    root = write_catalog({f"{GOOD}/model.md": card("display_name: a")})
    os.symlink(tmp_path / "outside" / "cv", root / "nlp")
    os.symlink(root, root / "cv" / "loop")  # a link back to the root
    os.symlink(root / "cv" / "classification", root / "cv" / "classification" / "again")
    sources, problems = discover(str(root))
    assert [source.rel_dir for source in sources] == [GOOD]
    assert [(p.path, p.code) for p in problems] == [
        ("cv/classification/again", "discover.link-inside"),
        ("cv/loop", "discover.link-inside"),
        ("nlp", "discover.link-outside"),
    ]
    assert problems[1].message == (
        "a link to ., inside the catalog: not followed, so every model is listed once, at its real path"
    )


def test_a_stray_card_above_the_models_hides_nothing(write_catalog: CatalogWriter) -> None:
    root = write_catalog({"cv/model.md": card("display_name: stray"), f"{GOOD}/model.md": card("display_name: a")})
    (root / "cv" / "classification" / "model.md").mkdir()
    sources, problems = discover(str(root))
    assert [source.rel_dir for source in sources] == [GOOD]
    assert [(p.path, p.code) for p in problems] == [
        ("cv/classification/model.md", "card.not-a-file"),
        ("cv/model.md", "stub.invalid"),
    ]


def test_folder_names_are_taken_exactly(write_catalog: CatalogWriter) -> None:
    root = write_catalog(
        {
            f"{GOOD[:-9]}pruned-moderate?x=1/model.md": card("display_name: a"),
            f"{GOOD[:-9]}pruned-moderate /model.md": card("display_name: b"),
            "zoo:cv/classification/x/pytorch/sparseml/imagenet/base-none/model.md": card("display_name: c"),
            "cv/classification/models.json/pytorch/sparseml/imagenet/base-none/model.md": card("display_name: d"),
        }
    )
    sources, problems = discover(str(root))
    assert sources == []
    assert [p.code for p in problems] == ["stub.invalid"] * 4
