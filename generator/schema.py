"""A JSON Schema of the card's front matter, made from the same field lists the card loader checks."""

from __future__ import annotations

from typing import Any

from . import __version__
from .cards import LIST_FIELDS, STRING_FIELDS, STUB_CLAIMS

DESCRIPTIONS = {
    "display_name": "The name shown in tables and on the model page.",
    "description": "One sentence shown under the name.",
    "license": "The licence of the weights, ideally an SPDX identifier.",
    "source": "Where the published figures come from: a URL or a citation.",
    "card_version": "SparseZoo card format version, such as 1.0.0.",
    "base": "SparseZoo 1.0.0: the stub of the model this one derives from.",
    "parent": "SparseZoo 1.0.0: the stub of the parent model.",
    "version": "SparseZoo 1.0.0: the model's version.",
    "train_dataset": "SparseZoo 1.0.0: the dataset the model was trained on.",
    "tags": "Free tags, searchable and filterable.",
    "optimizations": "SparseZoo 1.0.0: what was done to the model, such as 'GMP 95%'.",
    "metrics": "Measured figures; one may be primary.",
    "files": "Files hosted elsewhere.",
    "commands": "SparseZoo 1.0.0: groups of named command lines.",
}
_TEXT = {"type": "string"}
_METRIC = {
    "type": "object",
    "required": ["name", "value", "units"],
    "properties": {
        "name": {**_TEXT, "description": "What was measured; throughput and latency* are speed metrics."},
        "value": {"type": "number"},
        "units": {"type": ["string", "number"]},
        "dataset": _TEXT,
        "split": _TEXT,
        "primary": {"type": "boolean", "description": "The model's headline metric (at most one)."},
        "engine": _TEXT,
        "device": _TEXT,
        "cores": {"type": "integer", "minimum": 1},
        "batch_size": {"type": "integer", "minimum": 1},
        "precision": _TEXT,
        "scenario": _TEXT,
    },
}
_FILE = {
    "type": "object",
    "required": ["path"],
    "properties": {
        "path": {**_TEXT, "description": "Relative to the model folder."},
        "size": {"type": "integer", "minimum": 0, "description": "Bytes."},
        "url": {**_TEXT, "pattern": "^https?://"},
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
    for key in LIST_FIELDS:
        properties[key] = {"type": ["array", "string"], "items": _TEXT, "description": DESCRIPTIONS[key]}
    properties["metrics"] = {"type": "array", "items": _METRIC, "description": DESCRIPTIONS["metrics"]}
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
