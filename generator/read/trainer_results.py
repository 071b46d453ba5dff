"""Figures that the Hugging Face Trainer writes into a card's prose.

A card made by the Trainer (`generated_from_trainer`) often has `model-index` with `results: []` (the Trainer
leaves them out when it was not told the task or the dataset), yet its body always gives the final evaluation in
one shape:

    This model is a fine-tuned version of [base](...) on the imdb dataset.
    It achieves the following results on the evaluation set:
    - Loss: 0.1999
    - Accuracy: 0.9541

Those lines are the card's figures, written by a program rather than a person, so they are read as figures when
the metadata gives none.
"""

from __future__ import annotations

import math
import re

from ..model.model_records import Metric, metric_key

SOURCE = "model.md (Trainer results)"
_INTRO = re.compile(r"^It achieves the following results on the evaluation set:[ \t]*$", re.MULTILINE)
_ITEM = re.compile(r"- ([A-Za-z][A-Za-z0-9 _./@-]{0,60}): (-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)[ \t]*")
_DATASET = re.compile(
    r"^This model is a fine-tuned version of .{0,400}? on the ([^\n]{1,100}?) dataset\.", re.MULTILINE
)
_NO_DATASET = ("None", "")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Where the training stopped, which Keras' callback lists with the losses: not a figure of the model.
_PROGRESS = frozenset(("epoch", "step"))
# The sentence naming the dataset comes just before the list: looking further back would only cost time.
_LOOK_BACK = 2000


def trainer_metrics(body: str, limit: int) -> tuple[Metric, ...]:
    """The evaluation figures of a Trainer-written body, at most limit of them; none when it has no such list."""
    intro = _INTRO.search(body)
    if intro is None:
        return ()
    found = _DATASET.search(body, max(0, intro.start() - _LOOK_BACK), intro.start())
    named = _LINK.sub(r"\1", found.group(1)).strip() if found else ""  # "on the [org/set](https://...) dataset"
    dataset = named if named not in _NO_DATASET else None
    items: list[tuple[str, float]] = []
    # Only the lines the list can hold are split off: a body may be a megabyte.
    for line in body[intro.end() :].lstrip("\n").split("\n", limit + 1)[:limit]:
        item = _ITEM.fullmatch(line.rstrip("\r"))
        if item is None or not math.isfinite(value := float(item.group(2))):
            break
        if metric_key(item.group(1).strip()) not in _PROGRESS:
            items.append((item.group(1).strip(), value))
    headline = _headline([metric_key(name) for name, _ in items])
    return tuple(
        Metric(
            name=name,
            key=metric_key(name),
            value=value,
            units="",
            dataset=dataset,
            primary=index == headline,
            source=SOURCE,
        )
        for index, (name, value) in enumerate(items)
    )


def _headline(keys: list[str]) -> int:
    """The figure a reader would rank models by: the first that is not a loss (the Trainer lists the loss first),
    else the validation loss (Keras lists the training loss first), else the first."""
    for wanted in (lambda key: not key.endswith("loss"), lambda key: key.startswith(("validation", "eval"))):
        found = next((index for index, key in enumerate(keys) if wanted(key)), None)
        if found is not None:
            return found
    return 0
