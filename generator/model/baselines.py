"""Each sparse model against its dense baseline: metric delta, recovery, speed-up, size ratio, category check.

A model's baseline has the same stub up to the dataset and the sparse tag `base-none` (catalog.yml:
`baseline_tag`). Speed figures are compared only when measured in the same context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read.discover import CARD_NAME
from .model_records import Metric, Model
from .problems import Problem
from .stubs import DEFAULT_BASELINE_TAG

# The seed's definitions, applied exactly: conservative keeps 100% of the baseline's metric (or more),
# moderate at least 99%, aggressive less than 99%.
CATEGORY_RULES = {
    "conservative": (100.0, None),
    "moderate": (99.0, None),
    "aggressive": (None, 99.0),
}


@dataclass(frozen=True)
class Delta:
    baseline: Model
    metric: Metric | None  # the model's primary metric, when the baseline has the same one
    baseline_metric: Metric | None
    speedups: dict[str, float] = field(default_factory=dict)  # comparison context -> speed-up, in card order

    @property
    def metric_delta(self) -> float | None:
        if not (self.metric and self.baseline_metric):
            return None
        # 76.5 - 77.3 is -0.7999999999999972 in floats: the figures' own decimals are far fewer than ten.
        return round(self.metric.value - self.baseline_metric.value, 10)

    @property
    def recovery(self) -> float | None:
        """The model's primary metric as a percentage of the baseline's; of a figure better lower (an error rate),
        the baseline's as a percentage of the model's, so that 100% is as good and more is better either way."""
        if not (self.metric and self.baseline_metric):
            return None
        model, baseline = self.metric.value, self.baseline_metric.value
        if self.metric.is_lower_better:
            model, baseline = baseline, model
        return None if baseline == 0 else 100.0 * model / baseline

    @property
    def speedup(self) -> float | None:
        """The speed-up in the first context the card lists that the baseline shares."""
        return next(iter(self.speedups.values()), None)

    def size_ratio(self, model: Model) -> float | None:
        size, base = model.compressed_size, self.baseline.compressed_size
        return None if size is None or not base else size / base


def family_key(model: Model) -> tuple[str | None, ...]:
    stub = model.stub
    return (stub.domain, stub.sub_domain, stub.architecture, stub.sub_architecture, stub.framework, stub.repo,
            stub.dataset, stub.training_scheme)  # fmt: skip


def compute_deltas(models: tuple[Model, ...], baseline_tag: str = DEFAULT_BASELINE_TAG) -> dict[str, Delta]:
    baselines = {family_key(m): m for m in models if m.stub.sparse_tag == baseline_tag}
    deltas = {}
    for model in models:
        baseline = baselines.get(family_key(model))
        if baseline is not None and baseline is not model:
            deltas[model.stub.text] = _delta(model, baseline)
    return deltas


def _delta(model: Model, baseline: Model) -> Delta:
    metric = model.primary_metric
    base_metric = next((m for m in baseline.metrics if metric and _comparable(model, metric, baseline, m)), None)
    return Delta(baseline, metric if base_metric else None, base_metric, _speedups(model, baseline))


def _comparable(model: Model, metric: Metric, baseline: Model, other: Metric) -> bool:
    """The same figure of the baseline: same metric, on the same dataset, in the same units (a card's 93.0 % and an
    eval file's 0.912 are not compared, nor a model's ImageNet accuracy with its baseline's on Imagenette)."""
    return (
        other.key == metric.key
        and not other.is_speed
        and other.units == metric.units
        and (other.dataset or baseline.stub.dataset) == (metric.dataset or model.stub.dataset)
    )


def _speedups(model: Model, baseline: Model) -> dict[str, float]:
    """Speed-up per context where both have a throughput for the same engine, device, cores and batch."""
    base: dict[str, float] = {}
    for metric in baseline.throughputs:
        base.setdefault(metric.comparison_context, metric.value)
    ratios: dict[str, float] = {}
    for metric in model.throughputs:
        context = metric.comparison_context
        if metric.engine is not None and base.get(context):
            ratios.setdefault(context, metric.value / base[context])
    return ratios


def category_problems(models: tuple[Model, ...], deltas: dict[str, Delta]) -> list[Problem]:
    problems = []
    for model in models:
        delta = deltas.get(model.stub.text)
        recovery = delta.recovery if delta else None
        category = model.stub.sparse_category.split("_", 1)[0]
        if delta is None or recovery is None or category not in CATEGORY_RULES:
            continue
        low, high = CATEGORY_RULES[category]
        if (low is not None and recovery < low) or (high is not None and recovery >= high):
            problems.append(_mismatch(model, delta, recovery, category))
    return problems


def _mismatch(model: Model, delta: Delta, recovery: float, category: str) -> Problem:
    assert delta.metric and delta.baseline_metric
    low, high = CATEGORY_RULES[category]
    rule = f"at least {low:g}%" if low is not None else f"less than {high:g}%"
    message = (
        f"sparse category '{category}' means {rule} of the baseline's {delta.metric.name}, but this model has "
        f"{delta.metric.value:g} against the baseline's {delta.baseline_metric.value:g} ({recovery:.2f}%); "
        "check the figures or rename the folder's category"
    )
    return Problem(f"{model.stub}/{CARD_NAME}", None, "warning", "card.category-mismatch", message)
