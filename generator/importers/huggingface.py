"""A folder of Hugging Face model repositories: each README.md becomes a card, kept byte for byte."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

from ..read.front_matter import SplitError, decode, split_front_matter
from ..read.yaml_lines import LoadedYaml, YamlError, load_yaml
from .plan import UNKNOWN_DATASET, Item, Report, StubFields, segment

# A Hugging Face pipeline_tag -> (domain, sub-domain). A tag not listed is reported, never guessed.
PIPELINE_TAGS = {
    "text-classification": ("nlp", "text_classification"),
    "token-classification": ("nlp", "token_classification"),
    "question-answering": ("nlp", "question_answering"),
    "fill-mask": ("nlp", "masked_language_modeling"),
    "text-generation": ("nlp", "text_generation"),
    "text2text-generation": ("nlp", "text2text_generation"),
    "summarization": ("nlp", "summarization"),
    "translation": ("nlp", "translation"),
    "zero-shot-classification": ("nlp", "zero_shot_classification"),
    "sentence-similarity": ("nlp", "sentence_similarity"),
    "feature-extraction": ("nlp", "feature_extraction"),
    "image-classification": ("cv", "classification"),
    "object-detection": ("cv", "detection"),
    "image-segmentation": ("cv", "segmentation"),
    "depth-estimation": ("cv", "depth_estimation"),
    "automatic-speech-recognition": ("audio", "speech_recognition"),
    "audio-classification": ("audio", "classification"),
    "text-to-speech": ("audio", "text_to_speech"),
}
# Libraries whose weights are PyTorch unless the repository holds only TensorFlow or Flax ones.
_TORCH_LIBRARIES = frozenset(("transformers", "sentence-transformers", "timm", "diffusers", "peft", "setfit"))
_TORCH_FILE = re.compile(r".*\.(bin|safetensors|pt|pth)")
_TF_FILE = re.compile(r".*\.h5|saved_model\.pb")
_FLAX_FILE = re.compile(r".*\.msgpack")
README = "README.md"


def collect(source: str, repo: str | None, report: Report) -> None:
    """Plan SOURCE: a folder of repositories, or one repository (a folder holding README.md)."""
    if not os.path.isdir(source):
        report.add(
            source,
            None,
            "error",
            "import.no-items",
            f"{source} is not a folder: pass a folder of Hugging Face model repositories",
        )
        return
    if os.path.isfile(os.path.join(source, README)):
        folders = [source]
    else:
        folders = sorted(
            entry.path for entry in os.scandir(source) if entry.is_dir() and not entry.name.startswith(".")
        )
    if not folders:
        report.add(
            source, None, "error", "import.no-items", f"{source} holds no repository folders: each needs a README.md"
        )
    for folder in folders:
        _plan_repository(folder, segment(repo or "huggingface"), report)


def _plan_repository(folder: str, repo: str, report: Report) -> None:
    readme = os.path.join(folder, README)
    name = os.path.basename(os.path.normpath(folder))
    item = Item(label=folder, path=readme, line=None, fields=None, name=segment(name))
    report.items.append(item)
    if not os.path.isfile(readme):
        message = f"{folder} has no README.md, so it is not a Hugging Face model repository; not imported"
        report.add(folder, None, "error", "import.no-readme", message)
        return
    metadata = _metadata(readme, item, report)
    if metadata is None:
        return
    loaded, first_line = metadata
    meta = loaded.data if isinstance(loaded.data, dict) else {}

    def line_of(key: str) -> int | None:
        line = loaded.lines.get((key,))
        return None if line is None else line + first_line - 1

    config = _config(folder, report)
    task = _task(meta, config, readme, (line_of, first_line), report)
    if task is None:
        return
    files = _files(folder, report)
    architecture = _architecture(str(config.get("model_type") or ""), name, folder, readme, report)
    framework = _framework(meta.get("library_name"), [relative for relative, _ in files], readme, report)
    dataset = _dataset(meta, readme, line_of, report)
    item.fields = StubFields(*task, architecture, framework, repo, dataset, *_sparse(name))
    item.files = tuple(files)


def _metadata(readme: str, item: Item, report: Report) -> tuple[LoadedYaml, int] | None:
    """The README's front matter and the line it starts on; None (with the problem reported) when unreadable."""
    try:
        item.card = _read(readme)
        split = split_front_matter(decode(item.card))
        return load_yaml(split.front_matter), split.front_matter_line
    except OSError as error:
        report.add(readme, None, "error", "import.unreadable", f"cannot read {readme}: {error.strerror}")
    except UnicodeDecodeError as error:
        message = f"{readme} is not UTF-8 text (byte {error.start}): save it as UTF-8"
        report.add(readme, None, "error", "import.unreadable", message)
    except (SplitError, YamlError) as error:
        line = error.line + (split.front_matter_line - 1 if isinstance(error, YamlError) else 0) if error.line else None
        message = (
            f"{readme} has no readable metadata ({error.message}); not imported: "
            "add a YAML front matter with pipeline_tag, library_name and datasets"
        )
        report.add(readme, line, "error", "import.no-task", message)
    return None


def _task(
    meta: dict[str, Any],
    config: dict[str, Any],
    readme: str,
    lines: tuple[Callable[[str], int | None], int],
    report: Report,
) -> tuple[str, str] | None:
    """The domain and sub-domain of the card's pipeline_tag, or of the task its results, tags or config name when
    it has none (as the Hub infers it); None (with the problem reported) when nothing names one zoocat knows."""
    tag, (line_of, first_line) = meta.get("pipeline_tag"), lines
    if isinstance(tag, str) and tag in PIPELINE_TAGS:
        return PIPELINE_TAGS[tag]
    if tag is not None:
        message = (
            f"the pipeline_tag {tag!r} has no zoocat domain; not imported: "
            f"use one of {', '.join(PIPELINE_TAGS)}, or create the model with zoocat new"
        )
        report.add(readme, line_of("pipeline_tag"), "error", "import.unknown-task", message)
        return None
    inferred = _inferred_task(meta, config)
    if inferred is None:
        message = (
            f"{readme} has no pipeline_tag, and neither its results, its tags nor its config.json name a task zoocat "
            "knows, so the stub's domain and sub-domain are not known; not imported: add one, such as "
            "pipeline_tag: text-classification, image-classification or automatic-speech-recognition"
        )
        report.add(readme, first_line, "error", "import.no-task", message)
        return None
    found, source = inferred
    message = f"{readme} has no pipeline_tag; its {source} name the task {found}: add pipeline_tag: {found} to be sure"
    report.add(readme, first_line, "warning", "import.task-inferred", message)
    return PIPELINE_TAGS[found]


# config.json's architectures whose class name says the task (as the Hub reads it); others (ForConditionalGeneration:
# translation, speech or captions) say nothing certain.
_ARCHITECTURE_TASKS = {
    "ForSequenceClassification": "text-classification",
    "ForTokenClassification": "token-classification",
    "ForQuestionAnswering": "question-answering",
    "ForMaskedLM": "fill-mask",
    "ForCausalLM": "text-generation",
    "ForImageClassification": "image-classification",
    "ForObjectDetection": "object-detection",
    "ForSemanticSegmentation": "image-segmentation",
    "ForDepthEstimation": "depth-estimation",
    "ForCTC": "automatic-speech-recognition",
    "ForAudioClassification": "audio-classification",
}


def _inferred_task(meta: dict[str, Any], config: dict[str, Any]) -> tuple[str, str] | None:
    """A known pipeline tag named by the card's model-index results, else its tags, else config.json's
    architectures, when that source names exactly one; with the source's name."""
    results = [
        result.get("task", {}).get("type")
        for entry in _dicts(meta.get("model-index"))
        for result in _dicts(entry.get("results"))
        if isinstance(result.get("task"), dict)
    ]
    tags = _listed(meta.get("tags"))
    classes = [
        task
        for name in _listed(config.get("architectures"))
        for end, task in _ARCHITECTURE_TASKS.items()
        if str(name).endswith(end)
    ]
    for source, named in (("results", results), ("tags", tags), ("config.json's architectures", classes)):
        known = {task for task in named if isinstance(task, str) and task in PIPELINE_TAGS}
        if len(known) == 1:
            return known.pop(), source
    return None


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _listed(value) if isinstance(item, dict)]


def _architecture(model_type: str, name: str, folder: str, readme: str, report: Report) -> str:
    """config.json's model_type, else the first word of the folder's name (with a warning)."""
    architecture = segment(model_type)
    if architecture:
        return architecture
    architecture = segment(name.split("-")[0])
    message = (
        f"{folder} has no config.json with a model_type: "
        f"its architecture '{architecture}' is the first word of the folder's name"
    )
    report.add(readme, None, "warning", "import.architecture-from-name", message)
    return architecture


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _config(folder: str, report: Report) -> dict[str, Any]:
    path = os.path.join(folder, "config.json")
    if not os.path.isfile(path):
        return {}
    try:
        data = json.loads(_read(path))
    except (OSError, ValueError) as error:
        report.add(
            path,
            getattr(error, "lineno", None),
            "warning",
            "import.config-json",
            f"{path} cannot be read as JSON ({error}); it is not used for the stub",
        )
        return {}
    return data if isinstance(data, dict) else {}


def _files(folder: str, report: Report) -> list[tuple[str, str]]:
    """Every file of the repository but README.md (the card) and hidden ones (.git, .gitattributes)."""
    found: list[tuple[str, str]] = []
    for top, folders, names in os.walk(folder):
        for name in sorted(folders):
            if os.path.islink(os.path.join(top, name)) and not name.startswith("."):
                report.add(
                    os.path.join(top, name),
                    None,
                    "warning",
                    "import.skipped-link",
                    f"{os.path.join(top, name)} is a link to a folder; "
                    "it is not copied: copy its files in if the model needs them",
                )
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and not os.path.islink(os.path.join(top, name))
        )
        for name in sorted(names):
            relative = os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/")
            if name.startswith(".") or relative == README:
                continue
            if relative == "model.md":
                report.add(
                    os.path.join(top, name),
                    None,
                    "warning",
                    "import.skipped-file",
                    f"{os.path.join(top, name)} would replace the card made from README.md; it is not copied",
                )
                continue
            found.append((relative, os.path.join(top, name)))
    return found


def _framework(library: Any, files: list[str], readme: str, report: Report) -> str:
    names = [path.rsplit("/", 1)[-1] for path in files]
    has = {
        kind: any(pattern.fullmatch(name) for name in names)
        for kind, pattern in (("pytorch", _TORCH_FILE), ("tensorflow", _TF_FILE), ("flax", _FLAX_FILE))
    }
    if library is not None and str(library) not in _TORCH_LIBRARIES:
        return segment(str(library)) or "unknown"
    if has["pytorch"] or (library is not None and not has["tensorflow"] and not has["flax"]):
        return "pytorch"
    if has["tensorflow"]:
        return "tensorflow"
    if has["flax"]:
        return "flax"
    report.add(
        readme,
        None,
        "warning",
        "import.no-framework",
        f"{readme} gives no library_name and the folder holds no weights: "
        "its framework is 'unknown'; add library_name to fix it",
    )
    return "unknown"


def _dataset(meta: dict[str, Any], readme: str, line_of: Any, report: Report) -> str:
    datasets = meta.get("datasets")
    first = datasets[0] if isinstance(datasets, list) and datasets else datasets
    # 'nyu-mll/glue' -> 'glue': the owner is not part of the dataset's name.
    dataset = segment(str(first).rsplit("/", 1)[-1]) if isinstance(first, str) else ""
    if not dataset:
        message = (
            f"{readme} names no datasets: "
            f"its stub's dataset is '{UNKNOWN_DATASET}'; add datasets: [NAME] and import again to fix it"
        )
        report.add(readme, line_of("datasets"), "warning", "import.no-dataset", message)
    return dataset or UNKNOWN_DATASET


def _sparse(name: str) -> tuple[str, str]:
    """'bert-base-pruned80-quant-squad' -> ('pruned80_quant', 'none'); a name that says neither is ('base', 'none')."""
    words = re.split(r"[-_.]", name.lower())
    pruned = next((word for word in words if re.fullmatch(r"pruned\d*", word)), None)
    quantized = any(word in ("quant", "quantized", "int8") for word in words)
    if pruned and quantized:
        return f"{pruned}_quant", "none"
    if pruned:
        return pruned, "none"
    return ("quantized" if quantized else "base"), "none"
