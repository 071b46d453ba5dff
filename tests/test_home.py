"""The home page: each table's best model by its primary metric, and the newest models."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CatalogWriter, card

from generator.build import BuildOptions, build

CLS = "cv/classification"
ASR = "nlp/speech_recognition"


def metric_card(name: str, metric: str, value: float, units: str = "%", extra: str = "") -> str:
    return card(f'display_name: "{name}"\nmetrics:\n  - {{name: {metric}, value: {value}, units: "{units}"}}\n{extra}')


def best_lines(html: str) -> dict[str, str]:
    """Table title -> its 'best' line as text, link target kept: 'Best ... <name>(href), figure'."""
    found = {}
    for title, rest in re.findall(r'<span class="card-title">([^<]+)</span>.*?</a>(.*?)</li>', html, re.S):
        line = re.sub(r'<a href="([^"]+)">([^<]+)</a>', r"\2(\1)", rest)
        found[title] = re.sub(r"<[^>]+>", "", line).strip()
    return found


def test_best_model_per_table_by_its_primary_metric(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({
        # Most classification models report top-1 accuracy on ImageNet.
        f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/base-none/model.md": metric_card("ResNet", "top1_accuracy", 76.1),
        f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate/model.md": metric_card(
            "ResNet pruned", "top1_accuracy", 77.3
        ),
        f"{CLS}/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none/model.md": metric_card(
            "MobileNet", "top1_accuracy", 70.9
        ),
        # Higher, but on a ten-class dataset: not comparable.
        f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenette/base-none/model.md": metric_card(
            "ResNet Imagenette", "top1_accuracy", 99.1
        ),
        # Another metric, used by one model only.
        f"{CLS}/vgg-19/pytorch/sparseml/imagenet/base-none/model.md": metric_card("VGG", "top5_accuracy", 99.5),
        # Word error rate: the lowest is the best.
        f"{ASR}/whisper-tiny/pytorch/huggingface/librispeech/base-none/model.md": metric_card("Tiny", "wer", 7.5),
        f"{ASR}/whisper-base/pytorch/huggingface/librispeech/base-none/model.md": metric_card("Base", "wer", 5.0),
        f"{ASR}/whisper-small/pytorch/huggingface/librispeech/base-none/model.md": metric_card("Small", "wer", 5.9),
        "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none/model.md": card("display_name: BERT"),
    })  # fmt: skip
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    lines = best_lines((out / "index.html").read_text())
    assert lines == {
        # Titles without catalog.yml's names: a known task's usual name, else the sub-domain's words.
        "Image Classification": "Best Top1 accuracy on imagenet: "
        f"ResNet pruned(models/{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate/index.html), 77.3%",
        "Speech recognition": "Best WER on librispeech: "
        f"Base(models/{ASR}/whisper-base/pytorch/huggingface/librispeech/base-none/index.html), 5%",
        "Question Answering": "",  # no figures, no best model
    }


def test_newest_additions_are_the_ten_latest_with_their_dates(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    folder = f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet"
    files: dict[str, str | bytes] = {
        f"{folder}/pruned{n}-none/model.md": card(f"display_name: Model {n}\ndate: 2021-03-{n + 1:02d}")
        for n in range(12)
    }
    files[f"{folder}/base-none/model.md"] = card("display_name: Undated")  # no git here: left out
    files[f"{folder}/pruned99-none/model.md"] = card("display_name: Changed\ndate: 2020-01-01\nupdated: 2024-01-01")
    out = tmp_path / "site"
    assert build(BuildOptions(str(write_catalog(files)), str(out))).problems == []
    html = (out / "index.html").read_text()
    section = html.split('<h2 id="newest-h">Newest additions</h2>', 1)[1].split("</section>", 1)[0]
    items = []  # (href, name, day): each model under its day's heading
    for iso, shown, models in re.findall(
        r'<h3 class="newest-day">Added <time datetime="([^"]+)">([^<]+)</time></h3>(.*?)</ul>', section, re.S
    ):
        assert iso == shown
        items += [(href, name, iso) for href, name in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', models)]
    assert [(name, day) for _, name, day in items] == [(f"Model {n}", f"2021-03-{n + 1:02d}") for n in range(11, 1, -1)]
    assert all((out / href).is_file() for href, *_ in items)
    # Added by 'date', not by a later 'updated'; the feed is for changes.
    assert "Changed" not in section and 'href="feed.xml"' in html


def test_no_dated_model_no_newest_section(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet/base-none/model.md": card("display_name: A")})
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    html = (out / "index.html").read_text()
    assert "Newest additions" not in html and "card-best" not in html and "1 model in 1 table" in html


def test_models_of_one_day_are_listed_under_that_day_once(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    """Models of one date, sorted by stub, would read as an alphabetical list: their date is said once."""
    folder = f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet"
    files: dict[str, str | bytes] = {
        f"{folder}/pruned{n}-none/model.md": card(f"display_name: Model {n}\ndate: 2021-03-01") for n in range(3)
    }
    files[f"{folder}/base-none/model.md"] = card("display_name: Base\ndate: 2021-02-01")
    out = tmp_path / "site"
    assert build(BuildOptions(str(write_catalog(files)), str(out))).problems == []
    section = (out / "index.html").read_text().split('<h2 id="newest-h">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"Added <time[^>]*>([^<]+)</time>", section) == ["2021-03-01", "2021-02-01"]
    assert section.count("<time") == 2


def test_a_catalog_added_on_one_day_says_so_in_one_line(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    folder = f"{CLS}/resnet_v1-50/pytorch/sparseml/imagenet"
    files: dict[str, str | bytes] = {
        f"{folder}/pruned{n}-none/model.md": card(f"display_name: Model {n}\ndate: 2021-03-01") for n in range(12)
    }
    out = tmp_path / "site"
    assert build(BuildOptions(str(write_catalog(files)), str(out))).problems == []
    section = (out / "index.html").read_text().split('<h2 id="newest-h">', 1)[1].split("</section>", 1)[0]
    assert 'All 12 models were added on <time datetime="2021-03-01">2021-03-01</time>.' in section
    assert "Model 0" not in section and "<li>" not in section


def test_domain_page_shows_each_tables_best_models_with_figures(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    folder = f"{CLS}/resnet_v1-50/pytorch/sparseml"
    files: dict[str, str | bytes] = {
        f"{folder}/imagenet/base-none/model.md": metric_card("Dense", "top1_accuracy", 76.1),
        f"{folder}/imagenet/pruned90-none/model.md": metric_card("Pruned 90", "top1_accuracy", 75.9),
        f"{folder}/imagenet/pruned95-none/model.md": metric_card("Pruned 95", "top1_accuracy", 75.2),
        f"{folder}/imagenette/base-none/model.md": metric_card("Imagenette", "top1_accuracy", 99.1),  # not comparable
        f"{ASR}/whisper-tiny/pytorch/huggingface/librispeech/base-none/model.md": metric_card("Tiny", "wer", 7.5),
        f"{ASR}/whisper-base/pytorch/huggingface/librispeech/base-none/model.md": metric_card("Base", "wer", 5.0),
    }
    out = tmp_path / "site"
    assert build(BuildOptions(str(write_catalog(files)), str(out))).written
    page = (out / "models" / "cv" / "index.html").read_text()
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th><td class="num">([^<]+)</td>'
                      r'<td class="num">([^<]+)</td><td>([^<]+)</td></tr>', page)  # fmt: skip
    assert rows == [
        ("Dense", "76.1%", "--", "base-none"),
        ("Pruned 90", "75.9%", "99.74%", "pruned90-none"),
        ("Pruned 95", "75.2%", "98.82%", "pruned95-none"),
    ]
    assert "Best Top1 accuracy on imagenet</caption>" in page
    nlp = (out / "models" / "nlp" / "index.html").read_text()
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', nlp) == ["Base", "Tiny"]
