"""Which way each metric is better: what catalog.yml's `metric_directions` says, put on the metrics themselves.

Metric.is_lower_better is the one place that answers; this only sets the override it reads first.
"""

from __future__ import annotations

from dataclasses import replace

from .model_records import Metric, Model


def with_directions(models: list[Model], directions: dict[str, bool]) -> list[Model]:
    """The models, those with a metric catalog.yml gives a direction to made anew (the others as they were)."""
    if not directions:
        return models
    return [_directed(model, directions) for model in models]


def _directed(model: Model, directions: dict[str, bool]) -> Model:
    if not any(metric.key in directions for metric in model.metrics):
        return model
    metrics = tuple(_metric(metric, directions) for metric in model.metrics)
    return replace(model, metrics=metrics)


def _metric(metric: Metric, directions: dict[str, bool]) -> Metric:
    lower = directions.get(metric.key)
    return metric if lower is None else replace(metric, lower_is_better=lower)
