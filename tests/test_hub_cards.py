"""Hugging Face model card metadata: known keys, model-index results as metrics, metric ids, names, no front matter,
metric directions, base model links, and a real-shaped card's figures in every output."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from conftest import REPO, CatalogWriter, card
from site_data import table_data

from generator.build import BuildOptions, build
from generator.model.model_records import Metric
from generator.model.stubs import parse_stub
from generator.read.cards import load_card
from generator.read.catalog_config import load_config
from generator.read.hub_metadata import read_figure

ASR = "audio/speech_recognition"
STUB = parse_stub(f"{ASR}/whisper-small/pytorch/huggingface/common_voice-et/finetuned-none")
PATH = f"{STUB}/model.md"

# A speech card shaped as the Hugging Face Trainer writes them: metric ids, model-index results on two datasets.
SPEECH = """\
---
language:
- et
license: apache-2.0
base_model: example-org/whisper-small
datasets: [common_voice, fleurs]
metrics:
- wer
library_name: transformers
pipeline_tag: automatic-speech-recognition
extra_gated_prompt: Say how you will use it.
model-index:
- name: whisper-small-et
  results:
  - task:
      type: automatic-speech-recognition
      name: Automatic Speech Recognition
    dataset:
      name: Common Voice (Estonian)
      type: common_voice
      config: et
      split: test
    metrics:
    - type: wer
      name: Test WER
      value: {wer}
    - type: cer
      value: 5.1 +/- 0.4
  - task:
      type: automatic-speech-recognition
    dataset:
      name: FLEURS (Estonian)
      type: google/fleurs
      config: et_ee
      split: test
    metrics:
    - type: wer
      value: "24.6%"
---

# Whisper small for Estonian

Fine-tuned on Estonian speech.
"""


def load(text: str):  # type: ignore[no-untyped-def]
    return load_card(text.encode("utf-8"), PATH, STUB)


def test_model_index_results_become_metrics_with_dataset_task_and_spread() -> None:
    model_card, problems = load(SPEECH.format(wer="20.0 ± 1.2"))
    assert problems == []
    assert model_card is not None
    found = [(m.name, m.key, m.value, m.spread, m.units, m.dataset, m.dataset_type, m.dataset_config, m.split, m.task)
             for m in model_card.metrics]  # fmt: skip
    assert found == [
        ("Test WER", "wer", 20.0, 1.2, "", "Common Voice (Estonian)", "common_voice", "et", "test",
         "Automatic Speech Recognition"),
        ("cer", "cer", 5.1, 0.4, "", "Common Voice (Estonian)", "common_voice", "et", "test",
         "Automatic Speech Recognition"),
        ("wer", "wer", 24.6, None, "%", "FLEURS (Estonian)", "google/fleurs", "et_ee", "test",
         "automatic-speech-recognition"),
    ]  # fmt: skip
    assert model_card.metric_ids == ("wer",)
    assert model_card.display_name == "whisper-small-et" and model_card.hub_name == "whisper-small-et"
    assert model_card.language == ("et",) and model_card.datasets == ("common_voice", "fleurs")
    assert model_card.base_models == ("example-org/whisper-small",)
    assert (model_card.library_name, model_card.pipeline_tag) == ("transformers", "automatic-speech-recognition")
    # Shown in their own places, not as raw YAML under "Other card fields"; gating fields stay there.
    assert set(model_card.extra) == {"extra_gated_prompt"}


def test_every_documented_hub_key_is_known() -> None:
    front = """\
        language: [en]
        license: other
        license_name: my-licence-1.0
        license_link: LICENSE.md
        library_name: transformers
        tags: [a]
        datasets: [d]
        metrics: [accuracy]
        base_model: [org/a, org/b]
        base_model_relation: merge
        new_version: org/newer
        pipeline_tag: text-classification
        inference: false
        widget:
        - text: Hello
        thumbnail: https://example.org/t.png
        co2_eq_emissions: {emissions: 10}
        extra_gated_heading: Ask for access
        extra_gated_fields: {Name: text}
        model_name: mine
        model-index:
        - name: mine
          results: []
    """
    model_card, problems = load(card(front))
    assert model_card is not None
    assert problems == []


def test_advice_points_the_right_way() -> None:
    _, problems = load(card("datassets: [x]"))
    assert [p.message for p in problems] == [
        "unknown key 'datassets': did you mean 'datasets'? it is kept and shown under 'Other card fields'"
    ]


def test_unreadable_value_is_a_warning_and_only_that_metric_is_left_out() -> None:
    model_card, problems = load(SPEECH.format(wer="about twenty"))
    assert model_card is not None and [m.key for m in model_card.metrics] == ["cer", "wer"]
    assert [(p.level, p.code, p.line) for p in problems] == [("warning", "card.metric-value", 26)]
    assert "'about twenty' is not a figure" in problems[0].message
    assert problems[0].message.endswith(": this metric is left out")


def test_many_unreadable_values_are_one_warning_at_the_first() -> None:
    """MTEB cards write NaN for figures they lack, dozens at a time: one warning says so, with the count."""
    metrics = "".join(f"    - {{type: m{index}, value: {'.nan' if index % 2 else index}}}\n" for index in range(10))
    text = f"---\nmodel-index:\n- name: toy\n  results:\n  - task: {{type: x}}\n    metrics:\n{metrics}---\n"
    model_card, problems = load(text)
    assert model_card is not None and [m.key for m in model_card.metrics] == ["m0", "m2", "m4", "m6", "m8"]
    assert [(p.level, p.code, p.line) for p in problems] == [("warning", "card.metric-value", 8)]
    assert problems[0].message == (
        "model-index[0].results[0].metrics[1].value nan is not a figure (a number, or text such as '20.0 ± 1.2' or "
        "'85.3%'); so are 4 more values of model-index: these metrics are left out"
    )


def test_model_index_of_the_wrong_shape_keeps_the_card() -> None:
    model_card, problems = load(card("model-index:\n- name: x\n  results: [3, {metrics: [7]}]"))
    assert model_card is not None and model_card.metrics == ()
    assert [p.code for p in problems] == ["card.model-index", "card.model-index"]
    assert {p.level for p in problems} == {"warning"}


def test_figures_as_text() -> None:
    shapes = {
        "20.0 ± 1.2": (20.0, 1.2, False),
        "20.0 +/- 1.2": (20.0, 1.2, False),
        "85.3%": (85.3, None, True),
        " 71.2±0.3 % ": (71.2, 0.3, True),
        "1,024": (1024.0, None, False),
        "-3e-2": (-0.03, None, False),
        7: (7.0, None, False),
    }
    for text, expected in shapes.items():
        figure = read_figure(text)
        assert figure is not None and (figure.value, figure.spread, figure.percent) == expected, text
    for bad in ("n/a", "", "1.2.3", True, None, float("nan"), "1e999", [1], "9" * 400):
        assert read_figure(bad) is None, bad


def test_metric_ids_with_figures_and_a_marked_primary() -> None:
    front = """\
        metrics:
        - accuracy
        - {name: top1_accuracy, value: 70.1, units: "%"}
        model-index:
        - name: m
          results:
          - task: {type: image-classification}
            dataset: {name: ImageNet, type: imagenet}
            metrics:
            - {type: top5_accuracy, value: 90.1}
            - {type: top1_accuracy, value: 70.3, primary: true}
    """
    model_card, problems = load(card(front))
    assert problems == [] and model_card is not None
    assert model_card.metric_ids == ("accuracy",)
    assert [(m.key, m.value, m.primary) for m in model_card.metrics] == [
        ("top1_accuracy", 70.1, False),
        ("top5_accuracy", 90.1, False),
        ("top1_accuracy", 70.3, True),
    ]


def test_display_name_order() -> None:
    index = "model-index:\n- name: from-index\n  results: []"
    assert load(card(f"display_name: Mine\nmodel_name: x\n{index}"))[0].display_name == "Mine"
    assert load(card(f"model_name: from-model-name\n{index}"))[0].display_name == "from-index"
    assert load(card("model_name: from-model-name"))[0].display_name == "from-model-name"
    body = "```\n# not a heading\n```\n\n# The [real](x.md) **name** #\n"
    assert load(card("license: mit", body))[0].display_name == "The real name"
    assert load(card("license: mit", "No heading at all.\n"))[0].display_name is None


def test_a_plain_readme_is_named_by_its_title_not_its_sections() -> None:
    def named(body: str) -> str | None:
        return load(card("license: mit", body))[0].display_name  # type: ignore[no-any-return]

    assert named("## Model Details\n\n## Usage\n") is None  # sections: the name comes from the stub
    assert (
        named('<p align="center"><img src="logo.png"></p>\n<h1 align="center">Toy<b>Embed</b></h1>\n\n## News\n')
        == "ToyEmbed"
    )
    assert named("# resnet18.toy_in1k\n") == "resnet18.toy_in1k"  # an underscore inside a name is kept
    assert named("# _Toy_ **model**\n") == "Toy model"
    assert named("# Model Card for toy-bert\n\n## Model Details\n") == "toy-bert"
    assert named("# Model Card for Model ID\n") is None  # Hugging Face's template, not filled in
    assert named("# Toy-13B Model Card\n") == "Toy-13B" and named("# Toy: model card\n") == "Toy"
    assert named("# Model Card\n") is None


def test_no_front_matter_builds_from_body_and_path() -> None:
    model_card, problems = load("\n# An old card\n\nAccuracy 88%.\n")
    assert model_card is not None and model_card.display_name == "An old card"
    assert model_card.body_markdown == "\n# An old card\n\nAccuracy 88%.\n" and model_card.body_line == 1
    assert [(p.level, p.code, p.line) for p in problems] == [("warning", "card.no-front-matter", 1)]
    assert "start the file with a '---' line" in problems[0].message


def test_known_directions() -> None:
    def lower(key: str) -> bool:
        return Metric(name=key, key=key, value=1.0, units="").is_lower_better

    assert all(lower(key) for key in ("wer", "cer", "eval_loss", "perplexity", "latency_median", "top1_error",
                                      "model_size"))  # fmt: skip
    assert not any(lower(key) for key in ("accuracy", "f1", "exact_match", "bleu", "throughput", "ndcg_at_10"))
    assert not Metric(name="wer", key="wer", value=1.0, units="", lower_is_better=False).is_lower_better


def test_metric_directions_in_catalog_yml(write_catalog: CatalogWriter) -> None:
    root = write_catalog({"catalog.yml": "metric_directions:\n  My Score: lower\n  bleu: higher\n  wer: sideways\n"})
    config, problems = load_config(str(root))
    assert config.metric_directions == {"my_score": True, "bleu": False}
    assert [(p.code, p.line, p.level) for p in problems] == [("config.invalid", 4, "error")]
    assert "metric_directions.wer must be 'lower' or 'higher'" in problems[0].message
    root = write_catalog({"catalog.yml": "metric_directions: [wer]\n"})
    assert [p.code for p in load_config(str(root))[1]] == ["config.invalid"]


def score_card(name: str, value: float) -> str:
    return card(f"display_name: {name}\nmetrics:\n- {{name: my_score, value: {value}, units: pts}}")


def test_a_lower_direction_picks_the_best_and_the_recovery(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    family = "nlp/text_generation/tiny-lm/pytorch/huggingface/wiki"
    root = write_catalog({
        "catalog.yml": "metric_directions: {my_score: lower}\n",
        f"{family}/base-none/model.md": score_card("Dense", 10.0),
        f"{family}/pruned-moderate/model.md": score_card("Pruned", 12.5),
    })  # fmt: skip
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    home = (out / "index.html").read_text()
    assert re.search(r"Best My score on wiki: <a [^>]*>Dense</a>", home)
    models = json.loads((out / "models/nlp/text_generation/models.json").read_text())
    # Of a figure better lower, the baseline's as a percentage of the model's: 10 against 12.5 keeps 80%.
    assert [(m["display_name"], m.get("recovery")) for m in models] == [("Dense", None), ("Pruned", 80.0)]


def test_pareto_front_of_an_error_rate(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    # (WER, compressed size): the third is both worse and bigger than the first.
    for name, wer, size in (("a", 5.0, 1000), ("b", 9.0, 500), ("c", 7.0, 2000)):
        folder = f"{ASR}/whisper-{name}/pytorch/huggingface/librispeech/base-none"
        files[f"{folder}/model.md"] = card(
            f"display_name: W{name}\nmetrics:\n- {{name: wer, value: {wer}, units: '%'}}"
        )
        files[f"{folder}/model.onnx.tar.gz"] = b"x" * size
    out = tmp_path / "site"
    assert build(BuildOptions(str(write_catalog(files)), str(out))).written
    page = (out / f"models/{ASR}/index.html").read_text()
    description = re.search(r"<desc [^>]*>([^<]*)</desc>", page)
    assert description is not None
    assert description[1] == "3 models. Best trade-offs (the Pareto frontier): Wb: 9 at 500 B; Wa: 5 at 1.0 kB."


def test_base_model_links_to_the_zoo_model_of_that_name(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    base = f"{ASR}/whisper-small/pytorch/huggingface/multilingual/base-none"
    root = write_catalog({
        f"{base}/model.md": card("model_name: whisper-small"),
        f"{STUB}/model.md": SPEECH.format(wer="20.0"),
    })  # fmt: skip
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    page = (out / f"models/{STUB}/index.html").read_text()
    assert (
        '<dt>Base model</dt><dd><a href="../../multilingual/base-none/index.html">example-org/whisper-small</a>' in page
    )


def test_a_real_shaped_card_shows_its_figures_everywhere(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    other = f"{ASR}/whisper-base/pytorch/huggingface/common_voice-et/finetuned-none"
    root = write_catalog({
        f"{STUB}/model.md": SPEECH.format(wer="20.0 ± 1.2"),
        f"{STUB}/model.onnx.tar.gz": b"x" * 3000,
        f"{other}/model.md": SPEECH.format(wer="23.5").replace("whisper-small-et", "whisper-base-et"),
        f"{other}/model.onnx.tar.gz": b"x" * 1000,
    })  # fmt: skip
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    table = (out / f"models/{ASR}/index.html").read_text()
    assert re.search(r'<th scope="col"[^>]*data-key="wer"', table)
    assert "20 ± 1.2" in table and "23.5" in table
    assert "Test WER (%)" not in table and "Test WER on Common Voice (Estonian) against compressed size" in table
    assert "whisper-small-et: 20, 3.0 kB" in table
    page = (out / f"models/{STUB}/index.html").read_text()
    assert "Automatic Speech Recognition · Common Voice (Estonian) (et, test)" in page
    assert "automatic-speech-recognition · FLEURS (Estonian) (et_ee, test)" in page
    assert '<th>Test WER <span class="badge">primary</span></th><td>20 ± 1.2</td>' in page
    assert "<dt>Language</dt><dd>et</dd>" in page and "<dt>Pipeline tag</dt>" in page
    models = {m["stub"]: m for m in json.loads((out / "catalog.json").read_text())["models"]}
    first = models[str(STUB)]["metrics"][0]
    assert (first["key"], first["value"], first["spread"], first["dataset"], first["split"]) == (
        "wer", 20.0, 1.2, "Common Voice (Estonian)", "test"
    )  # fmt: skip
    assert first["dataset_config"] == "et" and first["task"] == "Automatic Speech Recognition"
    records = {r["stub"]: r for r in json.loads((out / f"models/{ASR}/models.json").read_text())}
    assert records[str(STUB)]["wer"] == 20.0  # the table's download: its columns' values
    rows = list(csv.DictReader((out / f"models/{ASR}/models.csv").read_text().splitlines()))
    assert {row["stub"]: row["wer"] for row in rows} == {str(STUB): "20.0", other: "23.5"}


def test_hundreds_of_results_keep_tables_to_one_column_per_metric(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import mteb  # the benchmark's generator: 60 results of 5 metrics a card

    mteb.write_zoo(tmp_path / "zoo", 3, 60, 5)
    out = tmp_path / "site"
    result = build(BuildOptions(str(tmp_path / "zoo"), str(out)))
    assert result.written and result.problems == []
    assert result.catalog is not None
    assert [len(model.metrics) for model in result.catalog.models] == [300, 300, 300]
    columns = table_data(out, "nlp/sentence_embedding")["columns"]
    # The columns: name, the primary metric, then the stub fields that vary (offered); never one per result.
    assert [column["key"] for column in columns] == ["display_name", "accuracy", "sub_architecture"]
    stub = "nlp/sentence_embedding/embed0-m0/pytorch/sentence_transformers/mteb/base-none"
    page = (out / "models" / stub / "index.html").read_text()
    assert page.count('<tr class="metric-group">') == 60
    assert "Classification · MTEB Set0 (default, test)" in page
    assert re.search(
        r'<p class="headline-figure"><span class="label">Accuracy:</span> <span class="figure">[\d.]+</span> '
        r'<span class="context">on MTEB Set0, default, test</span></p>',
        page,
    )
    models = json.loads((out / "catalog.json").read_text())["models"]
    assert {len(model["metrics"]) for model in models} == {300}


def test_no_is_norwegian_as_on_the_hub_and_yes_still_means_true_where_a_flag_is_wanted() -> None:
    """Cards are read with YAML 1.2's booleans, as the Hub reads them: only true and false are booleans."""
    metrics = "metrics:\n- {name: top1, value: 1, units: '%', primary: yes}\n- {name: top5, value: 2, units: '%'}"
    model_card, problems = load(card(f"language: [en, 'no', no, On]\ntags: [no, off]\n{metrics}"))
    assert problems == [] and model_card is not None
    assert model_card.language == ("en", "no", "no", "On") and model_card.tags == ("no", "off")
    assert [m.primary for m in model_card.metrics] == [True, False]  # YAML 1.1's yes, where true or false is asked
    _, problems = load(card("metrics:\n- {name: top1, value: 1, units: '%', primary: maybe}"))
    assert [(p.code, p.line) for p in problems] == [("card.metric", 3)]
    assert "give true or false" in problems[0].message


def test_catalog_flags_take_yaml_1_1_words(tmp_path: Path) -> None:
    for word, meaning in (("yes", True), ("On", True), ("no", False), ("OFF", False)):
        (tmp_path / "catalog.yml").write_text(f"remote_images: {word}\n", encoding="utf-8")
        config, problems = load_config(str(tmp_path))
        assert problems == [] and config.remote_images is meaning


def test_a_dataset_whose_name_gives_its_config_does_not_repeat_it(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    results = "".join(
        f"  - task: {{type: Classification}}\n    dataset: {{name: '{name}', type: toy/{index}, config: {config}, "
        f"split: test}}\n    metrics: [{{type: accuracy, value: {70 + index}}}]\n"
        for index, (name, config) in enumerate((("MTEB ToyQA (default)", "default"), ("Toy Voices (Estonian)", "et")))
    )
    root = write_catalog({f"{STUB}/model.md": f"---\nmodel-index:\n- name: toy\n  results:\n{results}---\n# Toy\n"})
    assert build(BuildOptions(str(root), str(tmp_path / "site"))).written
    page = (tmp_path / "site" / "models" / str(STUB) / "index.html").read_text()
    assert "MTEB ToyQA (default) (test)" in page and "(default, test)" not in page
    assert "Toy Voices (Estonian) (et, test)" in page  # 'et' is not a word of the name: kept
