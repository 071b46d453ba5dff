"""Read a SparseZoo `benchmark.yaml` (or `benchmarks.yaml`) side file into speed metrics."""

from __future__ import annotations

import math
import posixpath
from dataclasses import replace
from typing import Any

from ..model.model_records import Metric
from ..model.problems import Problem
from .card_report import described
from .yaml_lines import YamlError, load_yaml

# SparseZoo wrote benchmark.yaml first, benchmarks.yaml in its later layout: the same shape.
BENCHMARK_FILES = ("benchmark.yaml", "benchmarks.yaml")


def read_benchmarks(data: bytes, path: str) -> tuple[tuple[Metric, ...], list[Problem]]:
    try:
        loaded = load_yaml(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return (), [Problem(path, None, "warning", "benchmark.encoding", "not UTF-8 text; save it as UTF-8")]
    except YamlError as error:
        message = f"not valid YAML ({error.message}); its figures are left out"
        return (), [Problem(path, error.line, "warning", "benchmark.yaml-syntax", message)]
    results = _results(loaded.data)
    if results is None:
        message = "expected 'benchmarks: results:' with a list of results; its figures are left out"
        return (), [Problem(path, None, "warning", "benchmark.shape", message)]
    metrics: list[Metric] = []
    problems: list[Problem] = []
    for index, result in enumerate(results):
        line = loaded.lines.get(("benchmarks", "results", index))
        converted = _metrics(result, posixpath.basename(path))
        if converted:
            metrics.extend(converted)
        else:
            message = f"result {index + 1}: {_why_not(result)}; it is left out"
            problems.append(Problem(path, line, "warning", "benchmark.result", message))
    return tuple(metrics), problems


def _why_not(result: Any) -> str:
    """Why a result gives no figure, in the words of the file."""
    if not isinstance(result, dict):
        return f"it is {described(result)}, not a mapping with benchmark_result: items_per_sec"
    figures = result.get("benchmark_result")
    if not isinstance(figures, dict):
        return "it has no benchmark_result mapping"
    if "items_per_sec" in figures:
        return f"its items_per_sec is {described(figures['items_per_sec'])}, not a number"
    return "it has no items_per_sec figure"


def _results(data: Any) -> list[Any] | None:
    benchmarks = data.get("benchmarks") if isinstance(data, dict) else None
    results = benchmarks.get("results") if isinstance(benchmarks, dict) else None
    return results if isinstance(results, list) else None


def _metrics(result: Any, source: str) -> list[Metric]:
    if not isinstance(result, dict) or not isinstance(result.get("benchmark_result"), dict):
        return []
    figures = result["benchmark_result"]
    throughput = number(figures.get("items_per_sec"))
    if throughput is None:
        return []
    speed = Metric(
        name="throughput",
        key="throughput",
        value=throughput,
        units="items/sec",
        engine=_text(result.get("engine")),
        device=_text(result.get("instance_type")),
        cores=_whole(result.get("num_cores")),
        batch_size=_whole(result.get("batch_size")),
        scenario=_text(result.get("scenario") or figures.get("scenario")),
        source=source,
    )
    median = number(figures.get("median"))
    if median is None:
        return [speed]
    return [speed, replace(speed, name="latency_median", key="latency_median", value=median, units="ms")]


def _text(value: Any) -> str | None:
    # Real files carry values such as ' 1' and ' avx512': strip what the writer padded.
    return None if value is None else str(value).strip() or None


def _whole(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 10 else None


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        figure = float(str(value).strip())
    except ValueError:
        return None
    return figure if math.isfinite(figure) else None
