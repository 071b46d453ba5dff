"""`zoocat new`: a model folder whose card validates and builds as it is, or a clear refusal."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CatalogWriter, card, tree

from generator import new_card
from generator.build import load_catalog
from generator.cli import main
from generator.model.stubs import parse_stub
from generator.new_card import card_text, display_name

STUB = "cv/detection/yolo_v3-spp/pytorch/ultralytics/coco/pruned-aggressive_97"
GRAMMAR = (
    "DOMAIN/SUB_DOMAIN/ARCHITECTURE{-SUB_ARCHITECTURE}/FRAMEWORK/REPO/"
    "DATASET{-TRAINING_SCHEME}/SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}"
)


def zoocat(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_new_card_validates_builds_and_says_what_next(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    root.mkdir()
    result = zoocat("new", f"zoo:{STUB}?recipe_type=original", "--catalog", str(root))
    assert result.exit_code == 0, result.output
    card_path = root / STUB / "model.md"
    assert result.stdout == (
        f"Created {card_path}\nNext: write its name, description, metrics and body, then run: zoocat validate {root}\n"
    )
    assert result.stderr == ""
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [f"{STUB}/model.md"]

    catalog, problems = load_catalog(str(root))
    assert problems == []
    [model] = catalog.models
    assert model.display_name == "Yolo v3-spp, pruned aggressive 97, on coco"
    assert model.metrics == ()

    validated = zoocat("validate", str(root))
    assert (validated.exit_code, validated.stderr) == (0, "Checked 1 model: 0 errors, 0 warnings\n")

    out = tmp_path / "site"
    built = zoocat("build", str(root), "-o", str(out), "--strict")
    assert built.exit_code == 0, built.output
    page = (out / "models" / STUB / "index.html").read_text()
    assert "<h1>Yolo v3-spp, pruned aggressive 97, on coco</h1>" in page
    for heading in ("Overview", "Training", "Evaluation", "Usage"):
        assert f'<h3 id="card-{heading.lower()}">{heading}</h3>' in page
    assert "How the figures" not in page  # the outline's guidance is in HTML comments, never published


def test_new_uses_the_catalog_folder_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "catalog").mkdir()
    monkeypatch.chdir(tmp_path)
    result = zoocat("new", STUB)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "catalog" / STUB / "model.md").is_file()
    assert result.stdout.endswith("then run: zoocat validate catalog\n")


@pytest.mark.parametrize(
    ("stub", "name"),
    [
        ("cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none", "Resnet v1-50, baseline, on imagenet"),
        (
            "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned85_quant-none-vnni",
            "Resnet v1-50, pruned85 quant vnni, on imagenet",
        ),
        (
            "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet-augmented/pruned_quant-aggressive",
            "Resnet v1-50, pruned quant aggressive, on imagenet (augmented)",
        ),
        ("nlp/question_answering/bert/pytorch/huggingface/squad/pruned90-none", "Bert, pruned90, on squad"),
        # The SparseZoo's "none" sub-architecture is none.
        (
            "nlp/question_answering/distilbert-none/pytorch/huggingface/squad/base-none",
            "Distilbert, baseline, on squad",
        ),
        ("cv/classification/1.0/pytorch/sparseml/cifar_10/base-none", "1.0, baseline, on cifar 10"),
    ],
)
def test_display_name_is_made_readable_from_the_stub(tmp_path: Path, stub: str, name: str) -> None:
    assert display_name(parse_stub(stub)) == name
    root = tmp_path / "zoo"
    root.mkdir()
    assert zoocat("new", stub, "--catalog", str(root)).exit_code == 0
    catalog, problems = load_catalog(str(root))
    assert problems == []
    assert [model.display_name for model in catalog.models] == [name]


def test_created_files_are_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        assert zoocat("new", STUB, "--catalog", str(tmp_path / name)).exit_code == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert (tmp_path / "a" / STUB / "model.md").read_text() == card_text(parse_stub(STUB))
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", card_text(parse_stub(STUB)))


def _uncomment_metrics(text: str) -> str:
    """What an author does with the example: drop the '# ' of every line from 'metrics:' to the front matter's end."""
    lines = text.split("\n")
    start = lines.index("# metrics:")
    end = lines.index("---", start)
    return "\n".join([*lines[:start], *(line[2:] for line in lines[start:end]), *lines[end:]])


def test_the_metrics_example_refuses_placeholders_and_loads_once_filled(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    root.mkdir()
    assert zoocat("new", STUB, "--catalog", str(root)).exit_code == 0
    card_path = root / STUB / "model.md"
    uncommented = _uncomment_metrics(card_path.read_text())

    card_path.write_text(uncommented)
    catalog, problems = load_catalog(str(root))
    assert catalog.models == ()  # a card whose figures are still TODO is never published
    assert [(p.code, p.message) for p in problems] == [
        ("card.metric", "metrics[0].value is the text 'TODO': give a number"),
        ("card.metric", "metrics[1].value is the text 'TODO': give a number"),
        ("card.metric", "metrics[1].cores is the text 'TODO': give a whole number"),
    ]

    filled = uncommented.replace("value: TODO", "value: 12.5", 1).replace("value: TODO", "value: 300.0")
    card_path.write_text(
        filled.replace("engine: TODO", "engine: deepsparse")
        .replace("device: TODO", "device: c6i")
        .replace("cores: TODO", "cores: 4")
    )
    catalog, problems = load_catalog(str(root))
    assert problems == []
    [model] = catalog.models
    assert [(m.name, m.value, m.units, m.dataset, m.primary) for m in model.metrics] == [
        ("map@0.5", 12.5, "mAP", "coco", True),
        ("throughput", 300.0, "items/sec", None, False),
    ]


def test_invalid_stub_is_refused_with_the_reason(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    root.mkdir()
    result = zoocat("new", "cv/classification", "--catalog", str(root))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: stub 'cv/classification' has 2 segment(s); expected 7: {GRAMMAR}\n"
    flat = zoocat("new", "zoo:bert-base-squad_wikipedia_bookcorpus-pruned90", "--catalog", str(root))
    assert flat.exit_code == 2
    assert flat.stderr == (
        "error: 'zoo:bert-base-squad_wikipedia_bookcorpus-pruned90' is a flat SparseZoo stub, not a folder path; "
        f"zoocat needs the path form {GRAMMAR}\n"
    )
    assert list(root.iterdir()) == []


def test_existing_folder_is_refused_and_left_alone(write_catalog: CatalogWriter) -> None:
    root = write_catalog({f"{STUB}/model.md": card("display_name: Mine")})
    before = tree(root)
    result = zoocat("new", STUB, "--catalog", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {root / STUB} already exists; nothing was changed\n"
    assert tree(root) == before


def test_existing_empty_folder_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "zoo" / STUB).mkdir(parents=True)
    result = zoocat("new", STUB, "--catalog", str(tmp_path / "zoo"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'zoo' / STUB} already exists; nothing was changed\n"
    assert list((tmp_path / "zoo" / STUB).iterdir()) == []


def test_missing_catalog_is_refused_with_how_to_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "no zoo"
    result = zoocat("new", STUB, "--catalog", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: the catalog folder {missing} does not exist; create it (mkdir -p '{missing}') or pass --catalog DIR\n"
    )
    assert not missing.exists()


def test_a_file_in_the_way_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    (root / "cv").mkdir(parents=True)
    (root / "cv" / "detection").write_text("not a folder")
    result = zoocat("new", STUB, "--catalog", str(root))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {root / 'cv' / 'detection'} is a file, not a folder; nothing was changed: move it or choose another stub\n"
    )
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == ["cv", "cv/detection"]


def test_a_failed_write_leaves_no_half_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "zoo"
    (root / "cv").mkdir(parents=True)

    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device", target)

    monkeypatch.setattr(new_card.os, "replace", full_disk)
    result = zoocat("new", STUB, "--catalog", str(root))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot create {root / STUB / 'model.md'}: No space left on device; nothing was changed\n"
    )
    assert [p.relative_to(root).as_posix() for p in root.rglob("*")] == ["cv"]


def test_a_link_on_the_way_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "zoo"
    root.mkdir()
    os.symlink(elsewhere, root / "cv")
    result = zoocat("new", STUB, "--catalog", str(root))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {root / 'cv'} is a link, which zoocat does not follow in a catalog; nothing was changed: "
        "create the model in the real folder\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_new_warns_when_a_stub_value_looks_like_a_typo(write_catalog: CatalogWriter) -> None:
    stubs = [
        f"cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/{tag}" for tag in ("base-none", "pruned-moderate")
    ]
    root = write_catalog({f"{stub}/model.md": card("display_name: A") for stub in stubs})
    typo = "cv/classification/resnet_v1-50/pytroch/sparseml/imagnet/base-none"
    result = zoocat("new", typo, "--catalog", str(root))
    assert result.exit_code == 0  # the author may mean it: created, with the warning validate will give
    assert (root / typo / "model.md").is_file()
    assert result.stderr == (
        "warning: framework 'pytroch' is used by 1 model; did you mean 'pytorch' (used by 2)? If so, rename the folder\n"
        "warning: dataset 'imagnet' is used by 1 model; did you mean 'imagenet' (used by 2)? If so, rename the folder\n"
    )
