"""A JSON Schema of the card's front matter, made from the same field lists the card loader checks."""

from __future__ import annotations

from typing import Any

from .. import __version__
from .cards import DATE_FIELDS, LIST_FIELDS, STRING_FIELDS, STUB_CLAIMS

DESCRIPTIONS = {
    "display_name": (
        "The name shown in tables and on the model page. Default: a readable name made from the stub "
        "(`resnet_v1-50 pruned moderate (imagenet)`)."
    ),
    "description": "One sentence shown under the name and in the machine-readable data.",
    "license": "The licence of the weights (an SPDX identifier such as `apache-2.0` is best).",
    "source": "Where the published figures come from (a URL or a citation); shown on the model page.",
    "card_version": "SparseZoo card format version (`1.0.0`).",
    "base": "SparseZoo 1.0.0: the stub of the model this one derives from; a link when it is in the catalog.",
    "parent": "SparseZoo 1.0.0: the stub of the parent model; a link when it is in the catalog.",
    "version": "SparseZoo 1.0.0: the model's version.",
    "train_dataset": "SparseZoo 1.0.0: the dataset the model was trained on.",
    "tags": "Free tags, shown on the model page, searchable and filterable, each with a page of its models.",
    "optimizations": "SparseZoo 1.0.0: what was done to the model (`GMP 95%`, `QAT Int8`).",
    "metrics": (
        "Measured figures, each a mapping: see [Metrics](#metrics). Hugging Face's metric ids (`metrics: [wer]`) are "
        "read too, as the metrics the card reports on (shown on the model page), not as figures."
    ),
    "files": "Files hosted elsewhere (for example with `download_base_url`): see [Files](#files).",
    "commands": "SparseZoo 1.0.0: groups of named commands to deploy, train or benchmark the model.",
    "date": "When the model was published: 2023-04-01, or 2023-04-01T09:30:00Z. Default: its folder's first commit.",
    "updated": "When the model last changed, written like 'date'. Default: 'date', else its folder's last commit.",
}
_TEXT = {"type": "string"}
_TEXTS = {"type": ["array", "string"], "items": _TEXT}
# Hugging Face model card metadata (hub_metadata.py); the keys shown on the model page.
HUB_DESCRIPTIONS = {
    "language": ("Hugging Face: the languages the model handles (`en`, or a list); shown on the model page.", _TEXTS),
    "datasets": ("Hugging Face: the datasets it was trained on (Hub ids); shown on the model page.", _TEXTS),
    "base_model": (
        "Hugging Face: the model (or, for merges, the list of models) this one derives from, as Hub ids "
        "(`org/name`). A link when the zoo holds a model whose `model-index` name or `model_name` is the id or its "
        "part after the last `/`.",
        _TEXTS,
    ),
    "library_name": ("Hugging Face: the library that loads it (`transformers`); shown on the model page.", _TEXT),
    "pipeline_tag": ("Hugging Face: the task (`automatic-speech-recognition`); shown on the model page.", _TEXT),
    "license_name": ("Hugging Face: the licence's id when `license: other`; shown as the licence.", _TEXT),
    "license_link": ("Hugging Face: where the licence text is, when `license: other`.", _TEXT),
    "model_name": ("Hugging Face: the model's name; the display name when there is no `display_name`.", _TEXT),
    "model-index": (
        "Hugging Face: evaluation results, each with its `task` (type, name), `dataset` (name, type, config, split) "
        "and `metrics` (type, name, value), which become the model's metrics. The first entry's `name` is the "
        "display name when there is no `display_name`. See [Hugging Face cards](#hugging-face-cards).",
        {"type": "array", "items": {"type": "object"}},
    ),
}
_SPEED = _TEXT
_SPEED_NOTE = "Any of these makes the metric a speed metric, compared only with figures of the same context."
_METRIC = {
    "type": "object",
    "required": ["name", "value", "units"],
    "properties": {
        "name": {
            **_TEXT,
            "description": (
                "What was measured: `top1_accuracy`, `map@0.5`, `f1`, `throughput`. `throughput` and `latency*` "
                "are speed metrics even without a context. Its column key is the name in lower case with every run "
                "of other characters than letters and digits replaced by `_` (`map@0.5` -> `map_0_5`); a name that "
                "is also a column key (a stub field, `display_name`, `compressed_size`) is a warning."
            ),
        },
        "value": {"type": "number", "description": "A number."},
        "units": {"type": ["string", "number"], "description": "`%`, `items/sec`, `ms`, `mAP`..."},
        "dataset": {**_TEXT, "description": "Where a quality metric was measured."},
        "split": {**_TEXT, "description": "The dataset's split: `validation`, `test`..."},
        "primary": {
            "type": "boolean",
            "description": "`true` for the model's headline metric (at most one). Default: the first quality metric.",
        },
        "engine": {**_SPEED, "description": "What ran the model: `deepsparse`, `onnxruntime`... " + _SPEED_NOTE},
        "device": {**_SPEED, "description": "The machine or instance type: `c6i.12xlarge`. " + _SPEED_NOTE},
        "cores": {"type": "integer", "minimum": 1, "description": "CPU cores used. " + _SPEED_NOTE},
        "batch_size": {"type": "integer", "minimum": 1, "description": "Items per batch. " + _SPEED_NOTE},
        "precision": {**_SPEED, "description": "`fp32`, `int8`... " + _SPEED_NOTE},
        "scenario": {**_SPEED, "description": "`sync`, `async`, `singlestream`... " + _SPEED_NOTE},
    },
}
_FILE = {
    "type": "object",
    "required": ["path"],
    "properties": {
        "path": {**_TEXT, "description": "Relative to the model folder: `model.onnx.tar.gz`, `pytorch/model.pth`."},
        "size": {
            "type": "integer",
            "minimum": 0,
            "description": "In bytes; shown on the model page and in tables (as stated, where the folder lacks it).",
        },
        "url": {
            **_TEXT,
            "pattern": "^https?://",
            "description": "Where to download it. Default: `DOWNLOAD_BASE_URL/STUB/PATH` when catalog.yml sets one.",
        },
    },
}
_COMMANDS = {
    "type": "object",
    "additionalProperties": {"oneOf": [_TEXT, {"type": "object", "additionalProperties": _TEXT}]},
}


def card_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key in STRING_FIELDS:
        kind: Any = ["string", "number", "null"] if key in ("version", "card_version") else ["string", "null"]
        properties[key] = {"type": kind, "description": DESCRIPTIONS[key]}
    for key in DATE_FIELDS:
        # An unquoted YAML date is read as a date, which editors' schema checkers see as text in ISO form.
        properties[key] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}", "description": DESCRIPTIONS[key]}
    for key in LIST_FIELDS:
        properties[key] = {"type": ["array", "string"], "items": _TEXT, "description": DESCRIPTIONS[key]}
    properties["metrics"] = {
        "type": "array",
        "items": {"anyOf": [_METRIC, _TEXT]},
        "description": DESCRIPTIONS["metrics"],
    }
    for key, (text, kind) in HUB_DESCRIPTIONS.items():
        properties[key] = {**kind, "description": text}
    properties["files"] = {"type": "array", "items": _FILE, "description": DESCRIPTIONS["files"]}
    properties["commands"] = {**_COMMANDS, "description": DESCRIPTIONS["commands"]}
    for key, field_name in STUB_CLAIMS.items():
        properties[key] = {
            "type": ["string", "number"],
            "description": f"Restates the stub's {field_name}; the folder path wins where they differ.",
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://zoocat.invalid/schema/card-{__version__}.json",
        "title": "zoocat model card front matter",
        "type": "object",
        "properties": dict(sorted(properties.items())),
        # Unknown keys are kept (a warning, not an error), so the schema allows them too.
        "additionalProperties": True,
    }
