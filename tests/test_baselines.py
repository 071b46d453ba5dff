"""Baselines and deltas, checked against figures computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CatalogWriter, card
from playwright.sync_api import Browser
from site_data import table_data

from generator.build import BuildOptions, build

F = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
SPEED = "engine: deepsparse, device: c6i.12xlarge, cores: 4, batch_size: 64"


def family(write_catalog: CatalogWriter) -> Path:
    return write_catalog({
        f"{F}/base-none/model.md": card(f"""
            display_name: Base
            metrics:
              - {{name: top1_accuracy, value: 80.0, units: "%", primary: true}}
              - {{name: throughput, value: 400, units: items/sec, {SPEED}}}
              - {{name: throughput, value: 100, units: items/sec, engine: deepsparse, cores: 1, batch_size: 1}}
            files: [{{path: model.onnx.tar.gz, size: 100000000}}]
            """),
        f"{F}/pruned-moderate/model.md": card(f"""
            display_name: Moderate
            metrics:
              - {{name: top1_accuracy, value: 79.4, units: "%"}}
              - {{name: throughput, value: 1000, units: items/sec, {SPEED}, precision: int8}}
            files: [{{path: model.onnx.tar.gz, size: 25000000}}]
            """),
        f"{F}/pruned-conservative/model.md": card("""
            metrics: [{name: top1_accuracy, value: 79.9, units: "%"}]
            """),
        f"{F}/pruned-aggressive/model.md": card("""
            metrics:
              - {name: top1_accuracy, value: 79.5, units: "%"}
              - {name: throughput, value: 900, units: items/sec, engine: onnxruntime, cores: 4, batch_size: 64}
            """),
        f"{F}/pruned_quant-none/model.md": card("display_name: No figures"),
        "cv/classification/resnet_v1-50/pytorch/sparseml/imagenette/pruned-moderate/model.md": card(
            'metrics: [{name: top1_accuracy, value: 99.0, units: "%"}]'
        ),
    })  # fmt: skip


@pytest.fixture
def built(write_catalog: CatalogWriter, tmp_path: Path):  # type: ignore[no-untyped-def]
    root = family(write_catalog)
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    models = {
        m["stub"].rsplit("/", 1)[1] + "@" + m["dataset"]: m
        for m in json.loads((tmp_path / "site" / "catalog.json").read_text())["models"]
    }
    return result, models, tmp_path / "site"


def test_deltas_match_hand_computed_values(built) -> None:  # type: ignore[no-untyped-def]
    _, models, _ = built
    moderate = models["pruned-moderate@imagenet"]
    assert moderate["baseline"] == f"{F}/base-none"
    assert moderate["metric_delta"] == -0.6  # as a reader writes it, not -0.6000000000000085
    assert moderate["recovery"] == pytest.approx(99.25)  # 79.4 / 80.0
    assert moderate["speedup"] == pytest.approx(2.5)  # 1000 / 400, same engine, device, cores and batch
    assert moderate["size_ratio"] == pytest.approx(0.25)
    aggressive = models["pruned-aggressive@imagenet"]
    assert aggressive["recovery"] == pytest.approx(99.375)
    assert aggressive["speedup"] is None  # measured with another engine: never compared
    assert models["pruned_quant-none@imagenet"]["recovery"] is None
    assert models["base-none@imagenet"]["baseline"] is None
    assert models["pruned-moderate@imagenette"]["baseline"] is None  # no base-none for imagenette


def test_category_mismatches_name_both_figures(built) -> None:  # type: ignore[no-untyped-def]
    result, _, _ = built
    assert [(p.path, p.code, p.message) for p in result.problems] == [
        (f"{F}/pruned-aggressive/model.md", "card.category-mismatch",
         "sparse category 'aggressive' means less than 99% of the baseline's top1_accuracy, but this model has 79.5 "
         "against the baseline's 80 (99.38%); check the figures or rename the folder's category"),
        (f"{F}/pruned-conservative/model.md", "card.category-mismatch",
         "sparse category 'conservative' means at least 100% of the baseline's top1_accuracy, but this model has "
         "79.9 against the baseline's 80 (99.88%); check the figures or rename the folder's category"),
    ]  # fmt: skip


def test_deltas_are_columns_and_on_the_model_page(built) -> None:  # type: ignore[no-untyped-def]
    _, _, site = built
    table = (site / "models/cv/classification/index.html").read_text()
    keys = {column["key"] for column in table_data(site, "cv/classification")["columns"]}
    assert {"recovery", "speedup", "size_ratio"} <= keys
    assert 'data-value="99.25">99.25%<span class="note">of 80%</span>' in table
    assert 'data-value="2.5">2.50x</td>' in table  # the speed context is named under the table
    page = (site / "models" / F / "pruned-moderate" / "index.html").read_text()
    assert '<a href="../base-none/index.html">Base</a>' in page
    assert "<td>-0.60 (99.25% recovered)</td>" in page
    assert "<td>2.50x faster</td>" in page and "<td>0.25x the baseline&#39;s size</td>" in page
    # The family: the five imagenet models, this one marked.
    assert page.count('<tr class="current">') == 1
    assert page.split('aria-label="Family of models"')[1].split("</table>")[0].count("<tr") == 1 + 5


def test_speedup_follows_the_tables_speed_context(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    a, b = "engine: deepsparse, cores: 4, batch_size: 1", "engine: onnxruntime, cores: 4, batch_size: 1"
    root = write_catalog({
        f"{F}/base-none/model.md": card(f"metrics:\n  - {{name: throughput, value: 100, units: items/sec, {a}}}\n"
                                        f"  - {{name: throughput, value: 20, units: items/sec, {b}}}"),
        f"{F}/pruned-moderate/model.md": card(f"metrics:\n  - {{name: throughput, value: 200, units: items/sec, {b}}}\n"
                                              f"  - {{name: throughput, value: 300, units: items/sec, {a}, precision: int8}}"),
        "cv/classification/vgg-19/pytorch/sparseml/imagenet/base-none/model.md": card(
            f"metrics:\n  - {{name: throughput, value: 50, units: items/sec, {a}}}"),
    })  # fmt: skip
    build(BuildOptions(str(root), str(tmp_path / "site")))
    table = (tmp_path / "site" / "models/cv/classification/index.html").read_text()
    # deepsparse is the most common context (three models): throughput 300 and speed-up 3 (300 / 100), never 10.
    assert 'data-value="300.0">300 items/sec</td>' in table and 'data-value="3.0">3.00x</td>' in table
    data = table_data(tmp_path / "site", "cv/classification")
    assert data["speed"] == ["deepsparse, 4 cores, batch 1", "onnxruntime, 4 cores, batch 1"]
    assert data["rows"][1][5] == [3.0, 10.0]  # the second row's speed-ups, one per context


@pytest.mark.browser
def test_switching_context_switches_speedup_and_comparison(
    write_catalog: CatalogWriter, tmp_path: Path, browser: Browser
) -> None:
    test_speedup_follows_the_tables_speed_context(write_catalog, tmp_path)
    page = browser.new_page()
    pruned = f"{F}/pruned-moderate"
    page.goto((tmp_path / "site/models/cv/classification/index.html").as_uri() + f"?compare={F}/base-none,{pruned}")
    page.wait_for_selector("section.compare")
    column = page.locator('th[data-key="speedup"]').evaluate("th => th.cellIndex")
    cell = page.locator(f'tr[data-stub="{pruned}"] > *').nth(column)
    assert cell.text_content() == "3.00x"
    page.get_by_label("Throughput measured with").select_option(index=1)
    assert cell.text_content() == "10.00x"
    row = page.locator("section.compare tr", has=page.locator("th", has_text="Throughput"))
    assert row.locator("td").all_text_contents() == ["20 items/sec", "200 items/sec"]
    page.close()
