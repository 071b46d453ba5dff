"""Cards written by the Hugging Face Trainer with `results: []`: the evaluation list in their prose gives the
figures, in the table, on the page and in the data files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CatalogWriter

from generator.build import BuildOptions, build
from generator.read.trainer_results import trainer_metrics

NER = "nlp/token_classification/tinybert-4l/pytorch/huggingface/wikiner_fr/finetuned-none"

# Our own card, in the shape the Trainer writes (model-index without results, the figures in the body).
TRAINER_CARD = """\
---
license: mit
tags:
- generated_from_trainer
metrics:
- precision
- f1
model-index:
- name: tinybert-4l-wikiner-fr
  results: []
---

# tinybert-4l-wikiner-fr

This model is a fine-tuned version of [example/tinybert-4l](https://huggingface.co/example/tinybert-4l) on the wikiner_fr dataset.
It achieves the following results on the evaluation set:
- Loss: 0.0812
- Precision: 0.8914
- F1: 0.9027
- Gen Len: 18.4

## Training procedure

- learning_rate: 5e-05
"""


def test_the_trainer_list_gives_the_figures_loss_not_the_headline() -> None:
    metrics = trainer_metrics(TRAINER_CARD.split("---\n", 2)[2], limit=500)
    assert [(m.key, m.value) for m in metrics] == [
        ("loss", 0.0812),
        ("precision", 0.8914),
        ("f1", 0.9027),
        ("gen_len", 18.4),
    ]
    assert [m.key for m in metrics if m.primary] == ["precision"]
    assert {m.dataset for m in metrics} == {"wikiner_fr"}
    # the list ends at its first other line: the training hyperparameters below are no figures
    assert (
        trainer_metrics("It achieves the following results on the evaluation set:\n- Loss: 1\nok\n- F1: 2\n", 9)[-1].key
        == "loss"
    )
    assert len(trainer_metrics(TRAINER_CARD, limit=2)) == 2
    assert trainer_metrics("on the None dataset.\nIt achieves the following results on the evaluation set:\n", 9) == ()
    unnamed = "This model is a fine-tuned version of x on the None dataset.\nIt achieves the following results on the evaluation set:\n- F1: 0.5\n"
    assert trainer_metrics(unnamed, 9)[0].dataset is None
    # a figure past a float's range ends the list; two figures of one name make one headline
    huge = "It achieves the following results on the evaluation set:\n- F1: 0.5\n- F1: 0.6\n- Loss: 1e999\n"
    assert [(m.value, m.primary) for m in trainer_metrics(huge, 9)] == [(0.5, True), (0.6, False)]


def test_a_keras_callback_list_gives_its_losses_without_the_epoch() -> None:
    """Keras' callback writes the training and validation losses and the last epoch, and may link the dataset."""
    body = (
        "This model is a fine-tuned version of [example/toy-bart](https://huggingface.co/example/toy-bart) on the "
        "[example/toy-dialogs](https://huggingface.co/datasets/example/toy-dialogs) dataset.\n"
        "It achieves the following results on the evaluation set:\n"
        "- Train Loss: 1.2051\n- Validation Loss: 2.1137\n- Epoch: 4\n"
    )
    metrics = trainer_metrics(body, 9)
    assert [(m.key, m.value, m.primary) for m in metrics] == [
        ("train_loss", 1.2051, False),
        ("validation_loss", 2.1137, True),
    ]
    assert {m.dataset for m in metrics} == {"example/toy-dialogs"}


def test_a_trainer_card_shows_its_figures_and_model_index_results_win(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    indexed = TRAINER_CARD.replace(
        "  results: []",
        "  results:\n  - task: {type: token-classification}\n    dataset: {name: WikiNER, type: wikiner}\n"
        "    metrics:\n    - {type: f1, value: 0.95}",
    )
    other = NER.replace("tinybert-4l", "tinybert-6l")
    root = write_catalog({f"{NER}/model.md": TRAINER_CARD, f"{other}/model.md": indexed})
    out = tmp_path / "site"
    result = build(BuildOptions(str(root), str(out)))
    assert result.written and [p.code for p in result.problems] == []
    models = {m["stub"]: m for m in json.loads((out / "catalog.json").read_text())["models"]}
    assert [(m["key"], m["value"]) for m in models[NER]["metrics"]][:3] == [
        ("loss", 0.0812),
        ("precision", 0.8914),
        ("f1", 0.9027),
    ]
    assert [(m["key"], m["value"]) for m in models[other]["metrics"]] == [("f1", 0.95)]
    page = (out / "models" / NER / "index.html").read_text()
    assert "model.md (Trainer results)" in page and "0.8914" in page
    table = (out / "models/nlp/token_classification/index.html").read_text()
    assert 'data-key="precision"' in table
