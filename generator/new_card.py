"""`zoocat new`: a model folder with a card that already validates, for the author to fill in."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import tempfile
from dataclasses import dataclass

from .errors import NewModelError
from .model.near_values import FIELDS, find_near_values, scope_of
from .model.stubs import Stub, has_sub_architecture
from .read.discover import CARD_NAME, discover

# The headline metric most models of a sub-domain publish, for the commented example: (name, units).
_USUAL_METRICS = {
    "classification": ("top1_accuracy", "%"),
    "detection": ("map@0.5", "mAP"),
    "segmentation": ("mask_map@0.5", "mAP"),
    "question_answering": ("f1", "%"),
    "token_classification": ("f1", "%"),
}
_DEFAULT_METRIC = ("accuracy", "%")

_FRONT_MATTER = """\
---
# The card of zoo:{stub}
# The folder path is the stub: domain, architecture, dataset and the other stub fields come from it,
# so they are not repeated here. Every field is described in zoocat's docs/card-format.md.
display_name: {display_name}
# description: One sentence shown under the name, in tables and on the model page.
# tags: [{tags}]
# license: the licence of the weights, an SPDX identifier such as apache-2.0
# source: where the published figures come from, a URL or a citation
#
# Metrics: only figures measured or published for this model. Uncomment the lines below (from
# "metrics:") and replace every TODO: a metric whose value is still TODO is an error.
# metrics:
#   - name: {metric}
#     value: TODO
#     units: "{units}"
#     dataset: {dataset}
#     split: validation
#     primary: true
#   - name: throughput
#     value: TODO
#     units: items/sec
#     engine: TODO
#     device: TODO
#     cores: TODO
#     batch_size: 1
---
"""
# The page shows the display name as its title: the body starts with the text, not the name again.
_BODY = """
<!-- One or two sentences: what this model is and what was done to it. -->

## Overview

<!-- The architecture, the task, and what the model is for. -->

## Training

<!-- How it was trained or sparsified: the base model, the recipe (put it in recipes/), the schedule. -->

## Evaluation

<!-- How the figures in the front matter were measured: dataset, split, engine, hardware. -->

## Usage

<!-- How to download and run the model. -->
"""


@dataclass(frozen=True)
class NewModel:
    stub: Stub
    folder_path: str  # OS path of the created model folder
    card_path: str  # OS path of its model.md


def card_text(stub: Stub) -> str:
    """The card of a new model: a readable name, commented-out fields and metrics, a body outline."""
    metric, units = _USUAL_METRICS.get(stub.sub_domain, _DEFAULT_METRIC)
    tags = ", ".join(dict.fromkeys((stub.architecture, stub.sparse_name, stub.dataset)))
    front_matter = _FRONT_MATTER.format(
        stub=stub,
        # JSON strings are YAML double-quoted scalars: the name is never read as a number or a date.
        display_name=json.dumps(display_name(stub)),
        tags=tags,
        metric=metric,
        units=units,
        dataset=stub.dataset,
    )
    return front_matter + _BODY


def display_name(stub: Stub) -> str:
    """'yolo_v3-spp ... coco/pruned-aggressive_97' -> 'Yolo v3-spp, pruned aggressive 97, on coco'."""
    sub = f"-{_words(stub.sub_architecture)}" if stub.sub_architecture and has_sub_architecture(stub) else ""
    architecture = _words(stub.architecture) + sub
    dataset = _words(stub.dataset) + (f" ({_words(stub.training_scheme)})" if stub.training_scheme else "")
    name = f"{architecture}, {_sparsity(stub)}, on {dataset}"
    return name[0].upper() + name[1:]


def _sparsity(stub: Stub) -> str:
    if (stub.sparse_name, stub.sparse_category, stub.sparse_target) == ("base", "none", None):
        return "baseline"
    category = None if stub.sparse_category == "none" else stub.sparse_category
    return " ".join(_words(part) for part in (stub.sparse_name, category, stub.sparse_target) if part)


def _words(part: str) -> str:
    return part.replace("_", " ")


def create_model(catalog: str, stub: Stub) -> NewModel:
    """Create CATALOG/STUB/model.md; on any failure, remove every folder this call made."""
    if not os.path.isdir(catalog):
        raise NewModelError(
            f"the catalog folder {catalog} does not exist; create it (mkdir -p {shlex.quote(catalog)}) "
            "or pass --catalog DIR"
        )
    segments = str(stub).split("/")
    folder = os.path.join(catalog, *segments)
    refuse_links(catalog, segments)
    if os.path.lexists(folder):
        raise NewModelError(f"{folder} already exists; nothing was changed")
    made: list[str] = []
    try:
        make_folders(catalog, segments, made)
        card_path = os.path.join(folder, CARD_NAME)
        write_new_file(card_path, card_text(stub))
    except FileExistsError:
        remove_folders(made)
        raise NewModelError(f"{folder} already exists; nothing was changed") from None
    except OSError as error:
        remove_folders(made)
        where = error.filename or folder
        raise NewModelError(f"cannot create {where}: {error.strerror}; nothing was changed") from None
    except BaseException:
        remove_folders(made)
        raise
    return NewModel(stub, folder, card_path)


def typo_hints(catalog: str, stub: Stub) -> list[str]:
    """What `zoocat validate` will say of the new model's stub values that look like typos of others'."""
    sources, _ = discover(catalog)
    near = find_near_values(source.stub for source in sources)
    found = (near.get((field, scope_of(stub, field), getattr(stub, field))) for field in FIELDS)
    return [hint.message for hint in found if hint]


def refuse_links(catalog: str, segments: list[str]) -> None:
    """The build does not follow links inside a catalog: a model made behind one would never be listed."""
    path = catalog
    for segment in segments[:-1]:
        path = os.path.join(path, segment)
        if os.path.islink(path):
            raise NewModelError(
                f"{path} is a link, which zoocat does not follow in a catalog; nothing was changed: "
                "create the model in the real folder"
            )


def make_folders(catalog: str, segments: list[str], made: list[str]) -> None:
    """Each folder of the path that is missing, in order; the last one must be new."""
    path = catalog
    for segment in segments[:-1]:
        path = os.path.join(path, segment)
        if os.path.isdir(path):
            continue
        if os.path.lexists(path):
            raise NewModelError(f"{path} is a file, not a folder; nothing was changed: move it or choose another stub")
        os.mkdir(path)
        made.append(path)
    folder = os.path.join(path, segments[-1])
    os.mkdir(folder)  # FileExistsError when someone made it since the caller looked
    made.append(folder)


def write_new_file(path: str, text: str | bytes) -> None:
    """Written under a hidden name, then renamed: a reader never sees half a card. Bytes are written as they are."""
    handle, temporary = tempfile.mkstemp(prefix=f".{CARD_NAME}.", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes the file private; a card is not
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_folders(made: list[str]) -> None:
    for path in reversed(made):
        # A folder someone else put files in meanwhile is not empty any more: it stays, with their files.
        with contextlib.suppress(OSError):
            os.rmdir(path)
