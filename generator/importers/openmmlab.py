"""OpenMMLab `metafile.yml`: one file, many models, each with its results, weights and config."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..read.hub_metadata import as_percent
from ..read.yaml_lines import LinePath, LoadedYaml, YamlError, load_yaml
from .plan import UNKNOWN_DATASET, Item, Report, StubFields, segment

# An OpenMMLab Task -> (domain, sub-domain). A task not listed is reported, never guessed.
TASKS = {
    "Image Classification": ("cv", "classification"),
    "Multi-Label Classification": ("cv", "multilabel_classification"),
    "Object Detection": ("cv", "detection"),
    "Instance Segmentation": ("cv", "segmentation"),
    "Semantic Segmentation": ("cv", "semantic_segmentation"),
    "Panoptic Segmentation": ("cv", "panoptic_segmentation"),
    "Pose Estimation": ("cv", "pose_estimation"),
    "Human Pose Estimation": ("cv", "pose_estimation"),
    # MMPose names its tasks by what it finds the keypoints of, and in how many dimensions.
    **{
        f"{subject} {dims} Keypoint": ("cv", "pose_estimation")
        for subject in ("Body", "Face", "Hand", "Animal", "Wholebody")
        for dims in ("2D", "3D")
    },
    "Oriented Object Detection": ("cv", "rotated_detection"),
    "Multiple Object Tracking": ("cv", "tracking"),
    "Text Detection": ("cv", "text_detection"),
    "Text Recognition": ("cv", "text_recognition"),
    "Action Recognition": ("cv", "action_recognition"),
    "Image Retrieval": ("cv", "retrieval"),
    "Image Caption": ("multimodal", "image_captioning"),
}
# Published metric names that zoocat's own cards spell another way, so both share a table column.
_NAMES = {"top 1 accuracy": "top1_accuracy", "top 5 accuracy": "top5_accuracy"}
_PERCENT_WORDS = frozenset(("accuracy", "acc", "iou", "miou", "macc", "aacc", "dice", "mdice", "pq", "sq", "rq"))
_AP_WORD = re.compile(r"m?ap(\d+|[sml])?")
METAFILE_NAMES = ("metafile.yml", "metafile.yaml")
# The index a project may keep of its metafiles (MMPose names them after their method: configs/.../hrnet_coco.yml).
INDEX_NAME = "model-index.yml"


def collect(source: str, repo: str | None, report: Report) -> None:
    """Plan the models of SOURCE: one metafile, or every metafile under a folder (an OpenMMLab checkout)."""
    if os.path.isdir(source):
        paths = _metafiles(Path(source))
        if not paths:
            report.add(
                source,
                None,
                "error",
                "import.no-items",
                f"{source} holds no metafile.yml: pass the file or the project folder holding configs/",
            )
        for path in paths:
            _collect_file(path, repo, report)
    else:
        _collect_file(source, repo, report)


def _metafiles(source: Path) -> list[str]:
    """The metafiles under a folder: those named metafile.yml, and those a model-index.yml imports."""
    found = {
        path
        for path in source.rglob("*")
        if path.name in METAFILE_NAMES and not any(part.startswith(".") for part in path.parts[-4:])
    }
    for index in source.rglob(INDEX_NAME):
        try:
            listed = load_yaml(index.read_bytes().decode("utf-8")).data
        except (OSError, UnicodeDecodeError, YamlError):
            continue  # an index is a convenience: the metafiles named metafile.yml are read all the same
        imports = listed.get("Import") if isinstance(listed, dict) else None
        for name in imports if isinstance(imports, list) else []:
            path = (index.parent / str(name)).resolve()
            if path.is_file() and path.is_relative_to(source.resolve()):
                found.add(index.parent / str(name))
    return sorted({str(path) for path in found})


def _collect_file(path: str, repo: str | None, report: Report) -> None:
    loaded = _metafile(path, report)
    if loaded is None:
        return
    data = loaded.data
    models = data.get("Models") if isinstance(data, dict) else None
    if not isinstance(models, list):
        message = f"{path} has no 'Models' list, so it is not an OpenMMLab metafile: pass a configs/*/metafile.yml"
        report.add(path, None, "error", "import.shape", message)
        return
    project = repo or _project(path, data)
    if project is None:
        message = (
            f"cannot tell which OpenMMLab project {path} belongs to (it is not under a configs/ folder): "
            "pass --repo NAME, such as --repo mmpretrain"
        )
        report.add(path, None, "error", "import.no-repo", message)
        return
    _plan_models(path, project, loaded, report)


def _metafile(path: str, report: Report) -> LoadedYaml | None:
    """The metafile's YAML; None (with the problem reported) when it cannot be read."""
    try:
        return load_yaml(Path(path).read_bytes().decode("utf-8"))
    except OSError as error:
        report.add(path, None, "error", "import.unreadable", f"cannot read {path}: {error.strerror}")
    except UnicodeDecodeError as error:
        message = f"{path} is not UTF-8 text (byte {error.start}): save it as UTF-8"
        report.add(path, None, "error", "import.unreadable", message)
    except YamlError as error:
        report.add(path, error.line, "error", "import.yaml-syntax", f"{path} is not valid YAML: {error.message}")
    return None


def _plan_models(path: str, project: str, loaded: LoadedYaml, report: Report) -> None:
    """Each model of the file planned, a model with no name or a name given twice refused."""
    data, lines = loaded.data, loaded.lines
    models = data["Models"]
    collections = {str(entry.get("Name")): entry for entry in data.get("Collections") or [] if isinstance(entry, dict)}
    within = _within_project(path)
    seen: dict[str, int | None] = {}
    for index, model in enumerate(models):
        line = lines.get(("Models", index))
        if not isinstance(model, dict) or not isinstance(model.get("Name"), str) or not model["Name"].strip():
            report.add(path, line, "error", "import.shape", f"Models[{index}] has no Name: give it one, or remove it")
            continue
        name = model["Name"]
        if name in seen:
            message = f"the model name {name!r} is given twice (first at line {seen[name]}); not imported: rename one"
            report.add(path, line, "error", "import.stub-clash", message)
            report.items.append(Item(f"{within}:{line} {name}", path, line, None, segment(name)))
            continue
        seen[name] = line
        _plan_model(_Model(path, within, project, index, line, model, lines), collections, report)


class _Model:
    """One entry of Models, with where it is."""

    def __init__(
        self,
        path: str,
        within: str,
        repo: str,
        index: int,
        line: int | None,
        data: dict[str, Any],
        lines: dict[LinePath, int],
    ) -> None:
        self.path, self.within, self.repo, self.index, self.line = path, within, repo, index, line
        self.data, self.lines = data, lines
        self.name: str = data["Name"]
        # The metafile as the project names it (configs/resnet/metafile.yml): a table of full paths is unreadable.
        self.label = f"{within}:{line} {self.name}" if line else f"{within} {self.name}"

    def line_of(self, *at: str | int) -> int | None:
        """The line of the deepest part of the path that has one (deep scalar keys may not)."""
        path: LinePath = ("Models", self.index, *at)
        while len(path) > 2 and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.line)


def _plan_model(model: _Model, collections: dict[str, Any], report: Report) -> None:
    item = Item(label=model.label, path=model.path, line=model.line, fields=None, name=segment(model.name))
    report.items.append(item)
    given = model.data.get("Results") or []
    # MMSegmentation writes a single result as a mapping, not a list of one.
    results = [result for result in ([given] if isinstance(given, dict) else given) if isinstance(result, dict)]
    if not results:
        message = (
            f"{model.name} has no Results, so neither its task (the stub's domain and sub-domain) nor its figures are "
            "known; not imported: add Results with Task, Dataset and Metrics, or create it with zoocat new"
        )
        report.add(model.path, model.line_of("Results"), "error", "import.no-task", message)
        return
    task = results[0].get("Task")
    if task not in TASKS:
        known = ", ".join(TASKS)
        said = f"the task {task!r}" if task else "no Task"
        message = (
            f"{model.name} has {said} in its first result, which zoocat cannot map to a domain; "
            f"not imported: use one of {known}, or create it with zoocat new"
        )
        report.add(model.path, model.line_of("Results", 0, "Task"), "error", "import.unknown-task", message)
        return
    domain, sub_domain = TASKS[task]
    dataset = _dataset(model, segment(str(results[0].get("Dataset") or "")), report)
    named = model.data.get("In Collection")
    collection = collections.get(str(named))
    # A collection another metafile defines (MMDetection's LVIS models are in Mask R-CNN's) still names the
    # architecture.
    architecture = segment(str(collection.get("Name"))) if collection else segment(str(named or ""))
    if not architecture:
        architecture = segment(model.name.split("_")[0])
        message = (
            f"{model.name} names no Collection (In Collection): "
            f"its architecture '{architecture}' is the first word of its name"
        )
        report.add(model.path, model.line, "warning", "import.no-collection", message)
    item.fields = StubFields(domain, sub_domain, architecture, "pytorch", segment(model.repo), dataset)
    item.card = _card(model, collection or {}, results, report).encode("utf-8")


def _dataset(model: _Model, dataset: str, report: Report) -> str:
    """The first result's dataset, else UNKNOWN_DATASET (with a warning)."""
    if dataset:
        return dataset
    message = (
        f"{model.name} names no Dataset in its first result: "
        f"its stub's dataset is '{UNKNOWN_DATASET}'; add the Dataset and import again to fix it"
    )
    report.add(model.path, model.line_of("Results", 0), "warning", "import.no-dataset", message)
    return UNKNOWN_DATASET


def _project(path: str, data: Any) -> str | None:
    """The project folder holding configs/ (mmpretrain/configs/resnet/metafile.yml), else the GitHub project of a
    collection's Code URL."""
    parts = Path(os.path.abspath(path)).parts
    if "configs" in parts[:-1]:
        index = len(parts) - 1 - parts[::-1].index("configs")
        if index > 1:
            return parts[index - 1]
    for entry in data.get("Collections") or []:
        code = entry.get("Code") if isinstance(entry, dict) else None
        url = code.get("URL") if isinstance(code, dict) else code
        found = re.match(r"https://github\.com/open-mmlab/([A-Za-z0-9_.-]+)/", str(url or ""))
        if found:
            return found.group(1)
    return None


def _within_project(path: str) -> str:
    """configs/resnet/metafile.yml: the metafile's path as the project names it."""
    parts = Path(os.path.abspath(path)).parts
    if "configs" in parts[:-1]:
        index = len(parts) - 1 - parts[::-1].index("configs")
        return "/".join(parts[index:])
    return Path(path).name


def _card(model: _Model, collection: dict[str, Any], results: list[dict[str, Any]], report: Report) -> str:
    metadata, shared = _mapping(model.data.get("Metadata")), _mapping(collection.get("Metadata"))
    training_data = metadata.get("Training Data", shared.get("Training Data"))
    collection_name = str(collection.get("Name") or model.name)
    front: dict[str, Any] = {
        "display_name": model.name,
        "description": f"{collection_name} for {results[0].get('Task')} "
        f"on {results[0].get('Dataset') or 'an unnamed dataset'}, from OpenMMLab {model.repo}.",
        "tags": list(dict.fromkeys(("openmmlab", segment(model.repo), segment(collection_name)))),
        "source": f"OpenMMLab {model.repo}, {model.within}",
    }
    if training_data:
        front["train_dataset"] = _text(training_data)
    front["metrics"] = _metrics(model, results, report)
    weights = model.data.get("Weights")
    if isinstance(weights, str) and _is_url(weights):
        front["files"] = [{"path": _file_name(weights), "url": weights}]
    front_matter = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front_matter}---\n\n{_body(model, collection, metadata, shared, training_data)}"


def _metrics(model: _Model, results: list[dict[str, Any]], report: Report) -> list[dict[str, Any]]:
    metrics: list[dict[str, Any]] = []
    for index, result in enumerate(results):
        figures = result.get("Metrics")
        if not isinstance(figures, dict):
            continue
        dataset = segment(str(result.get("Dataset") or "")) or None
        fractions = _in_fractions(figures)
        for name, value in figures.items():
            line = model.line_of("Results", index, "Metrics", str(name))
            if not _is_number(value):
                said = "empty" if value is None else f"{value!r}, not a number"
                message = f"{model.name}: the metric {name!r} is {said}; it is left out of the card"
                report.add(model.path, line, "warning", "import.metric-value", message)
                continue
            units = _units(str(name))
            if units is None:
                units = "score"
                message = (
                    f"{model.name}: the units of the metric {name!r} are not known; "
                    "the card says 'score': edit it after importing"
                )
                report.add(model.path, line, "warning", "import.metric-units", message)
            if units == "%":
                value = as_percent(value) if fractions else value
            metric: dict[str, Any] = {"name": _NAMES.get(str(name).lower(), str(name)), "value": value, "units": units}
            if dataset:
                metric["dataset"] = dataset
            if not metrics:
                metric["primary"] = True
            metrics.append(metric)
    return metrics


def _in_fractions(figures: dict[str, Any]) -> bool:
    """Whether a result's percentages are all written as fractions (MMOCR's word_acc: 0.915): shown as 91.5%, they
    share a column with the zoo's other percentages."""
    shares = [value for name, value in figures.items() if _units(str(name)) == "%" and _is_number(value)]
    return bool(shares) and all(0 <= value <= 1 for value in shares)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _units(name: str) -> str | None:
    words = re.findall(r"[a-z0-9]+", name.lower())
    if any(_AP_WORD.fullmatch(word) for word in words):
        return "mAP"
    if _PERCENT_WORDS.intersection(words):
        return "%"
    return None


def _body(
    model: _Model, collection: dict[str, Any], metadata: dict[str, Any], shared: dict[str, Any], training_data: Any
) -> str:
    rows: list[tuple[str, str]] = []
    config = model.data.get("Config")
    if config:
        rows.append(("Config", f"`{_code(_text(config))}`"))
    weights = model.data.get("Weights")
    if weights:
        rows.append(("Weights", _link(_text(weights))))
    paper = collection.get("Paper")
    if isinstance(paper, dict):
        title, url = _text(paper.get("Title") or paper.get("URL") or ""), _text(paper.get("URL") or "")
        rows.append(("Paper", f"[{_escape(title)}]({url})" if _is_url(url) else _escape(title)))
    elif paper:
        rows.append(("Paper", _link(_text(paper))))
    for key, label, scale, unit in (("Parameters", "Parameters", 1e6, "M"), ("FLOPs", "FLOPs", 1e9, "G")):
        value = metadata.get(key)
        if value is not None:
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            rows.append((label, f"{value / scale:.2f} {unit}" if number else _escape(_text(value))))
    for key in ("Epochs", "Batch Size", "Training Resources", "Training Techniques"):
        value = metadata.get(key, shared.get(key))
        if value is not None:
            rows.append((key.capitalize(), _escape(_text(value))))
    if training_data:
        rows.append(("Training data", _escape(_text(training_data))))
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    intro = (
        f"`{_code(model.name)}` from OpenMMLab {_escape(model.repo)}, imported by `zoocat import` "
        f"from `{_code(model.within)}`."
    )
    return f"{intro}\n\n| | |\n|---|---|\n{table}\n" if rows else f"{intro}\n"


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return " ".join(str(value).split())


def _escape(text: str) -> str:
    """Markdown text shown as written: the characters that start markup or end a table cell escaped."""
    return re.sub(r"([\\`*_\[\]<>|!&~#])", r"\\\1", text)


def _code(text: str) -> str:
    """Text inside single backticks: a backtick or a pipe would end the span or the table cell."""
    return text.replace("`", "'").replace("|", "/")


def _is_url(text: str) -> bool:
    return re.fullmatch(r"https?://[^\s<>()\[\]]+", text) is not None


def _link(text: str) -> str:
    return f"<{text}>" if _is_url(text) else _escape(text)


def _file_name(url: str) -> str:
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return name if name not in ("", ".", "..") else "weights.pth"
