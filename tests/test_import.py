"""`zoocat import`: other zoos' descriptions become stub folders whose cards validate and build, or clear problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import REPO

from generator.build import load_catalog
from generator.cli import main

FIXTURES = REPO / "tests" / "fixtures" / "import"
METAFILE = FIXTURES / "openmmlab" / "mmtoy" / "configs" / "toynet" / "metafile.yml"
PROBLEMS = FIXTURES / "openmmlab-problems" / "mmtoy" / "configs" / "toybad" / "metafile.yml"
HF = FIXTURES / "huggingface"
TOYNET_S = "cv/classification/toynet-toynet_s_8xb32_toy10/pytorch/mmtoy/toy_10/base-none"
TOYNET_M = "cv/classification/toynet-toynet_m_8xb32_toy10/pytorch/mmtoy/toy_10/base-none"
TOYNET_100 = "cv/classification/toynet/pytorch/mmtoy/toy_100/base-none"
TOY_RCNN = "cv/detection/toy_r_cnn/pytorch/mmtoy/toy_coco/base-none"
BERT = "nlp/text_classification/bert/pytorch/huggingface/sst2/base-none"
WAV = "audio/speech_recognition/wav2vec2/tensorflow/huggingface/toy_libri/pruned50_quant-none"


def zoocat(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def stubs(root: Path) -> list[str]:
    return sorted(card.parent.relative_to(root).as_posix() for card in root.rglob("model.md"))


def built_models(root: Path, tmp_path: Path) -> dict[str, dict[str, object]]:
    built = zoocat("build", root, "-o", tmp_path / "site", "-q")
    assert built.exit_code == 0, built.output
    data = json.loads((tmp_path / "site" / "catalog.json").read_text())
    return {model["stub"]: model for model in data["models"]}


def test_openmmlab_metafile_imports_validates_and_builds_with_its_figures(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    result = zoocat("import", "openmmlab", METAFILE, "--catalog", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"configs/toynet/metafile.yml:27 toynet-s_8xb32_toy10         ->  {TOYNET_S}  (imported)",
        f"configs/toynet/metafile.yml:41 toynet-m_8xb32_toy10         ->  {TOYNET_M}  (imported)",
        f"configs/toynet/metafile.yml:53 toynet-s_8xb32_toy100        ->  {TOYNET_100}  (imported)",
        f"configs/toynet/metafile.yml:61 toy-rcnn_r50_fpn_1x_toycoco  ->  {TOY_RCNN}  (imported)",
    ]
    assert stubs(root) == sorted((TOYNET_S, TOYNET_M, TOYNET_100, TOY_RCNN))
    _, problems = load_catalog(str(root))
    assert problems == []
    assert zoocat("validate", root).exit_code == 0

    models = built_models(root, tmp_path)
    small = models[TOYNET_S]
    assert small["display_name"] == "toynet-s_8xb32_toy10"
    assert small["metrics"] == [
        {
            "name": "top1_accuracy",
            "key": "top1_accuracy",
            "value": 71.25,
            "units": "%",
            "dataset": "toy_10",
            "split": None,
            "primary": True,
        },
        {
            "name": "top5_accuracy",
            "key": "top5_accuracy",
            "value": 90.5,
            "units": "%",
            "dataset": "toy_10",
            "split": None,
            "primary": False,
        },
    ]
    weights = "https://example.org/weights/toynet-s_8xb32_toy10_20240101-abcd1234.pth"
    assert {
        "path": "toynet-s_8xb32_toy10_20240101-abcd1234.pth",
        "kind": "file",
        "size": None,
        "url": weights,
    } in small["files"]  # type: ignore[operator]
    detector = models[TOY_RCNN]["metrics"]
    assert [(m["name"], m["value"], m["units"], m["primary"]) for m in detector] == [  # type: ignore[attr-defined]
        ("box AP", 33.3, "mAP", True),
        ("mask AP", 30.1, "mAP", False),
    ]
    card = (root / TOYNET_S / "model.md").read_text()
    assert "source: OpenMMLab mmtoy, configs/toynet/metafile.yml" in card
    for row in (
        "| Config | `configs/toynet/toynet-s_8xb32_toy10.py` |",
        "| Parameters | 3.14 M |",
        "| FLOPs | 0.42 G |",
    ):
        assert row in card
    assert "| Paper | [ToyNet: Small Nets for Tests](https://example.org/papers/toynet) |" in card


def test_clashing_stubs_take_each_model_name_as_sub_architecture(tmp_path: Path) -> None:
    result = zoocat("import", "openmmlab", METAFILE, "--catalog", tmp_path / "zoo")
    assert (
        f"{METAFILE}:27: warning[import.stub-clash]: 2 models would share the stub cv/classification/toynet/pytorch/mmtoy/toy_10/base-none (configs/toynet/metafile.yml:27 toynet-s_8xb32_toy10, configs/toynet/metafile.yml:41 toynet-m_8xb32_toy10): each takes its own name as the sub-architecture, such as {TOYNET_S}"
        in result.stderr
    )


def test_stubs_that_still_clash_are_refused_never_shared(tmp_path: Path) -> None:
    configs = tmp_path / "mmtoy" / "configs" / "twins"
    configs.mkdir(parents=True)
    model = "    In Collection: Twin\n    Results:\n      - Task: Image Classification\n        Dataset: Toy-10\n        Metrics:\n          Top 1 Accuracy: 50.5\n"
    (configs / "metafile.yml").write_text(
        f"Collections:\n  - Name: Twin\nModels:\n  - Name: twin-a\n{model}  - Name: twin_a\n{model}  - Name: twin-a\n{model}"
    )
    result = zoocat("import", "openmmlab", configs / "metafile.yml", "--catalog", tmp_path / "zoo")
    assert result.exit_code == 1
    path = configs / "metafile.yml"
    assert (
        f"{path}:11: error[import.stub-clash]: configs/twins/metafile.yml:11 twin_a would have the same stub as configs/twins/metafile.yml:4 twin-a (cv/classification/twin-twin_a/pytorch/mmtoy/toy_10/base-none) even with its name as the sub-architecture; not imported: give the models distinct names"
        in result.stderr
    )
    assert (
        f"{path}:18: error[import.stub-clash]: the model name 'twin-a' is given twice (first at line 4); not imported: rename one"
        in result.stderr
    )
    assert stubs(tmp_path / "zoo") == ["cv/classification/twin-twin_a/pytorch/mmtoy/toy_10/base-none"]


def test_dry_run_shows_the_table_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    result = zoocat("import", "openmmlab", METAFILE, "--catalog", root, "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0]
        == f"configs/toynet/metafile.yml:27 toynet-s_8xb32_toy10         ->  {TOYNET_S}  (would import)"
    )
    assert result.stderr.endswith(
        f"Dry run: would import 4 models into {root}; 0 items not imported, 0 errors, 1 warning; nothing written.\n"
    )
    assert not root.exists()
    hf = zoocat("import", "huggingface", HF, "--catalog", root, "--dry-run")
    assert hf.exit_code == 0, hf.output
    assert not root.exists()


def test_unmappable_models_are_reported_with_file_and_line_and_the_rest_imported(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    result = zoocat("import", "openmmlab", PROBLEMS, "--catalog", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "configs/toybad/metafile.yml:8 toybad-pretrain_toy10  ->  -  (not imported)",
        "configs/toybad/metafile.yml:12 toybad-dream_toy10    ->  -  (not imported)",
        "configs/toybad/metafile.yml:19 toybad-nodata         ->  cv/classification/toybad/pytorch/mmtoy/unknown/base-none  (imported)",
    ]
    errors = result.stderr
    assert f"{PROBLEMS}:10: error[import.no-task]: toybad-pretrain_toy10 has no Results, so neither its task" in errors
    assert (
        f"{PROBLEMS}:15: error[import.unknown-task]: toybad-dream_toy10 has the task 'Image Dreaming' in its first result, which zoocat cannot map to a domain; not imported: use one of Image Classification,"
        in errors
    )
    assert (
        f"{PROBLEMS}:22: warning[import.no-dataset]: toybad-nodata names no Dataset in its first result: its stub's dataset is 'unknown'"
        in errors
    )
    assert (
        f"{PROBLEMS}:25: warning[import.metric-value]: toybad-nodata: the metric 'Top 5 Accuracy' is 'n/a', not a number"
        in errors
    )
    assert "the units of the metric 'Toy Index' are not known; the card says 'score'" in errors
    assert "2 items not imported, 2 errors, 3 warnings" in errors
    _, problems = load_catalog(str(root))
    assert problems == []


def test_an_existing_folder_is_reported_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    assert zoocat("import", "openmmlab", METAFILE, "--catalog", root).exit_code == 0
    card = root / TOYNET_S / "model.md"
    card.write_text("edited by hand\n")
    again = zoocat("import", "openmmlab", METAFILE, "--catalog", root)
    assert again.exit_code == 1
    assert (
        f"{root / TOYNET_S} already exists; configs/toynet/metafile.yml:27 toynet-s_8xb32_toy10 is not imported and the folder is left as it is"
        in again.stderr
    )
    assert f"->  {TOYNET_S}  (exists, skipped)" in again.stdout
    assert card.read_text() == "edited by hand\n"
    dry = zoocat("import", "openmmlab", METAFILE, "--catalog", root, "--dry-run")
    assert (dry.exit_code, dry.stdout.count("(exists, skipped)")) == (1, 4)


def test_the_project_is_needed_outside_a_configs_folder(tmp_path: Path) -> None:
    loose = tmp_path / "metafile.yml"
    shutil.copy(PROBLEMS, loose)
    result = zoocat("import", "openmmlab", loose, "--catalog", tmp_path / "zoo", "--dry-run")
    assert result.exit_code == 1
    assert (
        f"{loose}: error[import.no-repo]: cannot tell which OpenMMLab project {loose} belongs to (it is not under a configs/ folder): pass --repo NAME"
        in result.stderr
    )
    named = zoocat("import", "openmmlab", loose, "--catalog", tmp_path / "zoo", "--dry-run", "--repo", "MMToy")
    assert "cv/classification/toybad/pytorch/mmtoy/unknown/base-none  (would import)" in named.stdout


def test_huggingface_repositories_keep_their_readme_byte_for_byte(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    result = zoocat("import", "huggingface", HF, "--catalog", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{HF / 'toybert-base-sst2'}                  ->  {BERT}  (imported)",
        f"{HF / 'toywav-small-pruned50-quant-libri'}  ->  {WAV}  (imported)",
    ]
    for stub, folder in ((BERT, "toybert-base-sst2"), (WAV, "toywav-small-pruned50-quant-libri")):
        assert (root / stub / "model.md").read_bytes() == (HF / folder / "README.md").read_bytes()
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        f"{WAV}/config.json",
        f"{WAV}/model.md",
        f"{WAV}/sub/vocab.json",
        f"{WAV}/tf_model.h5",
        f"{BERT}/config.json",
        f"{BERT}/model.md",
        f"{BERT}/model.safetensors",
    ]  # README.md is the card; .gitattributes, hidden, is left behind
    _, problems = load_catalog(str(root))
    # Hugging Face's own keys (language, pipeline_tag, library_name, datasets) are known.
    assert problems == []
    models = built_models(root, tmp_path)
    assert sorted(models) == sorted((BERT, WAV))
    assert models[BERT]["license"] == "apache-2.0"


def test_huggingface_items_that_cannot_be_mapped_are_reported(tmp_path: Path) -> None:
    broken = FIXTURES / "huggingface-problems"
    result = zoocat("import", "huggingface", broken, "--catalog", tmp_path / "zoo")
    assert result.exit_code == 1
    assert (
        f"{broken / 'no-task' / 'README.md'}:2: error[import.no-task]: {broken / 'no-task' / 'README.md'} has no pipeline_tag, and neither its results, its tags nor its config.json name a task zoocat knows, so the stub's domain and sub-domain are not known; not imported: add one, such as pipeline_tag: text-classification, image-classification or automatic-speech-recognition"
        in result.stderr
    )
    assert (
        f"{broken / 'odd-task' / 'README.md'}:4: error[import.unknown-task]: the pipeline_tag 'image-to-3d' has no zoocat domain"
        in result.stderr
    )
    # A list of the Hub's metric ids is read as such: that card imports.
    assert "cannot read this card" not in result.stderr
    assert (
        f"{broken / 'not-a-repo'}: error[import.no-readme]: {broken / 'not-a-repo'} has no README.md" in result.stderr
    )
    assert "its architecture 'hf' is the first word of the folder's name" in result.stderr
    assert stubs(tmp_path / "zoo") == ["nlp/text_classification/hf/unknown/huggingface/toy/base-none"]


def test_percentages_written_as_fractions_are_shown_as_percentages(tmp_path: Path) -> None:
    """MMOCR writes its accuracies as fractions (0.915); MMPretrain as percentages (76.5): both read as %."""
    configs = tmp_path / "mmtoy" / "configs" / "toyocr"
    configs.mkdir(parents=True)
    results = (
        "      - Task: Text Recognition\n        Dataset: Toy-Words\n        Metrics:\n"
        "          word_acc: 0.915\n          hmean-iou: 0.8169\n          FPS: 12.5\n"
        "      - Task: Text Recognition\n        Dataset: Toy-Lines\n        Metrics:\n"
        "          word_acc: 0.5\n          char_acc: 76.5\n"
    )
    (configs / "metafile.yml").write_text(
        f"Collections:\n  - Name: ToyOCR\nModels:\n  - Name: toyocr\n    In Collection: ToyOCR\n    Results:\n{results}"
    )
    result = zoocat("import", "openmmlab", configs / "metafile.yml", "--catalog", tmp_path / "zoo")
    assert result.exit_code == 0, result.output
    [model] = built_models(tmp_path / "zoo", tmp_path).values()
    figures = [(m["name"], m["value"], m["units"], m.get("dataset")) for m in model["metrics"]]  # type: ignore[union-attr]
    assert figures == [
        ("word_acc", 91.5, "%", "toy_words"),
        ("hmean-iou", 81.69, "%", "toy_words"),
        ("FPS", 12.5, "score", "toy_words"),  # not a share: as written
        ("word_acc", 0.5, "%", "toy_lines"),  # beside a percentage over 1, a fraction is a percentage as written
        ("char_acc", 76.5, "%", "toy_lines"),
    ]


def test_huggingface_task_without_a_pipeline_tag_is_taken_from_results_tags_or_config(tmp_path: Path) -> None:
    """As the Hub infers a card's task: from its model-index results, its tags, or its config's architecture."""
    index = "model-index:\n- name: x\n  results:\n  - task: {type: object-detection}\n    dataset: {name: Toy, type: toy}\n    metrics: []\n"
    repos = {
        "toy-detr": (f"---\nlicense: mit\n{index}---\n# Toy DETR\n", None),
        "toy-resnet": ("---\ntags: [vision, image-classification]\n---\n", None),
        "toy-wav": ("---\nlicense: mit\n---\n", {"model_type": "wav2vec2", "architectures": ["Wav2Vec2ForCTC"]}),
        "toy-both": ("---\ntags: [image-classification, object-detection]\n---\n", None),  # two tasks: none sure
    }
    for name, (readme, config) in repos.items():
        (tmp_path / "hf" / name).mkdir(parents=True)
        (tmp_path / "hf" / name / "README.md").write_text(readme)
        if config:
            (tmp_path / "hf" / name / "config.json").write_text(json.dumps(config))
    result = zoocat("import", "huggingface", tmp_path / "hf", "--catalog", tmp_path / "zoo")
    assert result.exit_code == 1
    found = sorted(stub.split("/")[:3] for stub in stubs(tmp_path / "zoo"))
    assert found == [
        ["audio", "speech_recognition", "wav2vec2"],
        ["cv", "classification", "toy"],
        ["cv", "detection", "toy"],
    ]
    detr = tmp_path / "hf" / "toy-detr" / "README.md"
    assert (
        f"{detr}:2: warning[import.task-inferred]: {detr} has no pipeline_tag; its results name the task "
        "object-detection: add pipeline_tag: object-detection to be sure" in result.stderr
    )
    assert "its config.json's architectures name the task automatic-speech-recognition" in result.stderr
    assert f"{tmp_path / 'hf' / 'toy-both' / 'README.md'}:2: error[import.no-task]" in result.stderr


def test_openmmlab_projects_in_their_other_shapes(tmp_path: Path) -> None:
    """MMPose lists metafiles named after their method in model-index.yml; MMSegmentation writes one result as a
    mapping; MMDetection puts models in a collection another metafile defines."""
    project = tmp_path / "mmtoy"
    pose = project / "configs" / "body_2d_keypoint" / "toypose"
    pose.mkdir(parents=True)
    (project / "model-index.yml").write_text("Import:\n- configs/body_2d_keypoint/toypose/toypose_coco.yml\n")
    (pose / "toypose_coco.yml").write_text(
        "Collections:\n- Name: ToyPose\nModels:\n- Name: toypose_w32_coco\n  In Collection: ToyPose\n  Results:\n"
        "  - Task: Body 2D Keypoint\n    Dataset: COCO\n    Metrics: {AP: 74.4}\n"
    )
    seg = project / "configs" / "toyseg"
    seg.mkdir(parents=True)
    (seg / "metafile.yml").write_text(
        "Models:\n- Name: toyseg_b0_ade20k\n  In Collection: ToySeg\n  Results:\n"
        "    Task: Semantic Segmentation\n    Dataset: ADE20K\n    Metrics: {mIoU: 37.4}\n"
    )
    result = zoocat("import", "openmmlab", project, "--catalog", tmp_path / "zoo")
    assert result.exit_code == 0, result.output
    assert stubs(tmp_path / "zoo") == [
        "cv/pose_estimation/toypose/pytorch/mmtoy/coco/base-none",
        "cv/semantic_segmentation/toyseg/pytorch/mmtoy/ade20k/base-none",  # its collection is named elsewhere
    ]
    assert "import.no-collection" not in result.stderr
    figures = {stub: model["metrics"] for stub, model in built_models(tmp_path / "zoo", tmp_path).items()}
    assert [
        (m["name"], m["value"]) for m in figures["cv/semantic_segmentation/toyseg/pytorch/mmtoy/ade20k/base-none"]
    ] == [  # type: ignore[index]
        ("mIoU", 37.4)
    ]


def test_an_empty_openmmlab_figure_is_called_empty(tmp_path: Path) -> None:
    configs = tmp_path / "mmtoy" / "configs" / "toydet"
    configs.mkdir(parents=True)
    (configs / "metafile.yml").write_text(
        "Models:\n- Name: toydet_r50\n  In Collection: ToyDet\n  Results:\n  - Task: Object Detection\n"
        "    Dataset: COCO\n    Metrics:\n      box AP:\n      mask AP: 37.1\n"
    )
    result = zoocat("import", "openmmlab", configs / "metafile.yml", "--catalog", tmp_path / "zoo")
    assert "toydet_r50: the metric 'box AP' is empty; it is left out of the card" in result.stderr
