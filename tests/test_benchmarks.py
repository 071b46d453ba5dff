from __future__ import annotations

from generator.model.problems import Problem
from generator.read.benchmark_files import read_benchmarks

# The shape SparseZoo's benchmark.yaml files have, with their space-padded strings.
SIDE_FILE = b"""benchmarks:
  repo:
    deepsparse_version: 1.0.2
  results:
  - batch_size: ' 1'
    benchmark_result:
      items_per_sec: 12.5
      median: 80.0
      scenario: singlestream
    engine: ORTEngine
    instance_type: c6a.12xlarge
    num_cores: ' 2'
    scenario: singlestream
  - batch_size: ' 16'
    benchmark_result:
      iterations: 10
    engine: deepsparse.engine.Engine
"""


def test_results_become_speed_metrics_with_context() -> None:
    metrics, problems = read_benchmarks(SIDE_FILE, "m/benchmark.yaml")
    throughput, latency = metrics
    assert (throughput.key, throughput.value, throughput.units) == ("throughput", 12.5, "items/sec")
    assert (latency.key, latency.value, latency.units) == ("latency_median", 80.0, "ms")
    assert throughput.context == "ORTEngine, c6a.12xlarge, 2 cores, batch 1, singlestream"
    assert throughput.source == "benchmark.yaml" and throughput.is_speed
    assert problems == [
        Problem(
            "m/benchmark.yaml",
            14,
            "warning",
            "benchmark.result",
            "result 2: it has no items_per_sec figure; it is left out",
        )
    ]


def test_a_result_without_a_figure_says_why() -> None:
    results = "benchmarks:\n  results:\n  - just text\n  - {engine: x}\n  - benchmark_result: {items_per_sec: N/A}\n"
    _, problems = read_benchmarks(results.encode(), "m/benchmark.yaml")
    assert [p.message for p in problems] == [
        "result 1: it is the text 'just text', not a mapping with benchmark_result: items_per_sec; it is left out",
        "result 2: it has no benchmark_result mapping; it is left out",
        "result 3: its items_per_sec is the text 'N/A', not a number; it is left out",
    ]


def test_broken_side_files_are_warnings_not_crashes() -> None:
    assert read_benchmarks(b"benchmarks: [", "b.yaml")[1][0].code == "benchmark.yaml-syntax"
    assert read_benchmarks(b"- 1\n", "b.yaml") == (
        (),
        [
            Problem(
                "b.yaml",
                None,
                "warning",
                "benchmark.shape",
                "expected 'benchmarks: results:' with a list of results; its figures are left out",
            )
        ],
    )
    assert read_benchmarks(b"\xff", "b.yaml")[1][0].code == "benchmark.encoding"
