"""Typed, immutable records passed between the pipeline stages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .quick_pickle import quick_pickle
from .stubs import Stub

# Metric keys that are speed figures even when the card gives no context for them.
SPEED_KEYS = frozenset(("throughput", "latency", "latency_mean", "latency_median", "latency_p90", "latency_p99"))
RESULT_KEYS = ("spread", "task", "dataset_type", "dataset_config")
SPEED_CONTEXT_KEYS = ("engine", "device", "cores", "batch_size", "precision", "scenario")
# Words of a metric key that mean a smaller figure is the better one: 'eval_loss', 'wer', 'top1_error', 'model_size'.
# Any other metric (accuracy, f1, exact_match, bleu, throughput...) is better higher; catalog.yml's
# `metric_directions` sets any key's direction (Metric.lower_is_better).
LOWER_IS_BETTER_WORDS = frozenset(
    ("loss", "wer", "cer", "mer", "wil", "ter", "perplexity", "ppl", "error", "err", "latency", "mse", "mae",
     "rmse", "fid", "bpb", "size", "memory", "time", "seconds", "flops", "distance")
)  # fmt: skip


def metric_key(name: str) -> str:
    """'mAP@0.5' -> 'map_0_5': the column key of a metric name."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# Records made per model are slotted: a big catalog holds hundreds of thousands of them, and an instance
# dictionary would double their size.
@quick_pickle
@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    key: str
    value: float
    units: str
    dataset: str | None = None
    split: str | None = None
    primary: bool = False
    engine: str | None = None
    device: str | None = None
    cores: int | None = None
    batch_size: int | None = None
    precision: str | None = None
    scenario: str | None = None
    source: str = "model.md"
    # What a Hugging Face model-index result says of the figure: its spread ('20.0 ± 1.2'), the task, and the
    # dataset's type and config (its name is `dataset`).
    spread: float | None = None
    task: str | None = None
    dataset_type: str | None = None
    dataset_config: str | None = None
    # Set by catalog.yml's metric_directions; None: known from the key's words.
    lower_is_better: bool | None = None
    # Asked for per table and per row: made once.
    is_speed: bool = field(init=False, compare=False, repr=False)
    # What must match for two speed figures to be compared: precision is the model's, not the bench's.
    comparison_context: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        has_context = any(getattr(self, key) is not None for key in SPEED_CONTEXT_KEYS)
        object.__setattr__(self, "is_speed", has_context or self.key in SPEED_KEYS)
        object.__setattr__(self, "comparison_context", self._context(with_precision=False))

    @property
    def is_lower_better(self) -> bool:
        """The one answer to which way a figure is better: sorting, "best", recovery and the Pareto front ask it."""
        if self.lower_is_better is not None:
            return self.lower_is_better
        return bool(LOWER_IS_BETTER_WORDS.intersection(self.key.split("_")))

    @property
    def context(self) -> str:
        """The measuring context in words: 'deepsparse, c6i.12xlarge, 4 cores, batch 1'."""
        return self._context(with_precision=True)

    def _context(self, with_precision: bool) -> str:
        parts = [self.engine, self.device]
        if self.cores is not None:
            parts.append(f"{self.cores} core{'s' if self.cores != 1 else ''}")
        if self.batch_size is not None:
            parts.append(f"batch {self.batch_size}")
        parts += [self.precision, self.scenario] if with_precision else [self.scenario]
        return ", ".join(part for part in parts if part)

    def as_dict(self) -> dict[str, Any]:
        data = {
            "name": self.name,
            "key": self.key,
            "value": self.value,
            "units": self.units,
            "dataset": self.dataset,
            "split": self.split,
            "primary": self.primary,
        }
        # Written only when set: an MTEB card has hundreds of figures, and most cards none of these.
        data.update({key: value for key in RESULT_KEYS if (value := getattr(self, key)) is not None})
        if self.is_speed:
            data.update({key: getattr(self, key) for key in SPEED_CONTEXT_KEYS})
        return data

    @property
    def group(self) -> tuple[str | None, ...]:
        """What a figure was measured on, beyond its name: figures of one task and dataset are shown together."""
        return (self.task, self.dataset, self.dataset_config, self.split)


@quick_pickle
@dataclass(frozen=True, slots=True)
class FileEntry:
    """A file of a model folder, or one the card lists as hosted elsewhere."""

    path: str  # relative to the model folder, '/'-separated
    size: int | None
    kind: str  # a short description: 'ONNX model', 'recipe', 'sample input'...
    url: str | None = None  # set for files hosted elsewhere
    source_path: str | None = None  # OS path for files published with the site

    @property
    def is_local(self) -> bool:
        return self.source_path is not None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Recipe:
    name: str  # file stem: 'original', 'transfer_learn'
    path: str  # relative to the model folder
    yaml_text: str
    body_markdown: str


@quick_pickle
@dataclass(frozen=True, slots=True)
class ModelCard:
    """What a model.md says, validated."""

    display_name: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    license: str | None = None
    source: str | None = None
    metrics: tuple[Metric, ...] = ()
    files: tuple[FileEntry, ...] = ()
    card_version: str | None = None
    optimizations: tuple[str, ...] = ()
    commands: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    base: str | None = None
    parent: str | None = None
    version: str | None = None
    train_dataset: str | None = None
    date: datetime | None = None  # front matter 'date' (publication), in UTC
    updated: datetime | None = None  # front matter 'updated', in UTC
    # Hugging Face model card metadata (hub_metadata.py)
    language: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    base_models: tuple[str, ...] = ()
    library_name: str | None = None
    pipeline_tag: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    hub_name: str | None = None  # the model-index name, else model_name: what a base_model may call it
    metric_ids: tuple[str, ...] = ()  # `metrics: [wer, accuracy]`: what the card reports on, not figures
    extra: dict[str, Any] = field(default_factory=dict)
    body_markdown: str = ""
    body_line: int = 1  # line of model.md where the body starts


@quick_pickle
@dataclass(frozen=True, slots=True)
class ModelDates:
    """When a model was added and last changed: the card's dates, else its folder's git history; never the build's."""

    added: datetime | None = None
    updated: datetime | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Model:
    stub: Stub
    card: ModelCard  # without its metrics and files: the model's own below hold them, with the folder's
    display_name: str
    files: tuple[FileEntry, ...]
    recipes: tuple[Recipe, ...]
    metrics: tuple[Metric, ...]
    folder_path: str  # OS path of the model folder
    dates: ModelDates = ModelDates()
    # Made from the card as it is read (read/model_folder.py), on every core, and kept in the build's cache: the
    # words of what the card says, for the search index, and where its body links to files (line offset in the
    # body, relative target), for the check of those links. Left out of repr and comparisons: they follow from the
    # fields above.
    own_words: str = field(default="", repr=False, compare=False)
    link_targets: tuple[tuple[int, str], ...] = field(default=(), repr=False, compare=False)
    # Where the texts only its own pages show are, and its own words, when a build parked them in a file
    # (model/page_texts.py): (offset, size of the texts, size of the words). Left out of repr and comparisons: where
    # a text is kept is not what the model says.
    texts_at: tuple[int, int, int] | None = field(default=None, repr=False, compare=False)
    # Asked for per table and per row, so made once; a slotted record has no room for cached properties, and a
    # big build holds 100,000 models (a dict of fields costs 0.8 kB a model, slots 0.15 kB).
    quality_metrics: tuple[Metric, ...] = field(init=False, repr=False, compare=False)
    primary_metric: Metric | None = field(init=False, repr=False, compare=False)
    throughputs: tuple[Metric, ...] = field(init=False, repr=False, compare=False)  # in card order, any context
    throughput_contexts: tuple[str, ...] = field(init=False, repr=False, compare=False)  # each once

    def __post_init__(self) -> None:
        quality = tuple(metric for metric in self.metrics if not metric.is_speed)
        marked = [metric for metric in quality if metric.primary]
        candidates = marked or quality
        throughputs = tuple(metric for metric in self.metrics if metric.is_speed and metric.key == "throughput")
        object.__setattr__(self, "quality_metrics", quality)
        object.__setattr__(self, "primary_metric", candidates[0] if candidates else None)
        object.__setattr__(self, "throughputs", throughputs)
        contexts = tuple(dict.fromkeys(metric.comparison_context for metric in throughputs))
        object.__setattr__(self, "throughput_contexts", contexts)

    @property
    def stub_uri(self) -> str:
        return self.stub.text

    @property
    def page_uri(self) -> str:
        return f"models/{self.stub}/index.html"

    @property
    def compressed_size(self) -> int | None:
        entry = self._compressed_file
        return entry.size if entry else None

    @property
    def is_compressed_size_stated(self) -> bool:
        """Whether the compressed size is the card's word (a `files` entry), not a file zoocat measured."""
        entry = self._compressed_file
        return entry is not None and entry.size is not None and not entry.is_local

    @property
    def _compressed_file(self) -> FileEntry | None:
        return next((entry for entry in self.files if entry.path == "model.onnx.tar.gz"), None)
