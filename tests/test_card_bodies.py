"""Card bodies in a built site: remote images by catalog.yml, a broken link said once however often used, GitHub's alerts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import CatalogWriter, card
from playwright.sync_api import Browser

from generator.build import BuildOptions, build
from generator.read.catalog_config import load_config

STUB = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
BODY = "# ResNet\n\n![curve](https://example.org/curve.png)\n"


def _page(root: Path, out: Path) -> str:
    result = build(BuildOptions(str(root), str(out)))
    assert [p.code for p in result.problems] == []
    return (out / "models" / STUB / "index.html").read_text()


def test_remote_images_stay_out_unless_catalog_yml_allows_them(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{STUB}/model.md": card("display_name: ResNet", BODY)})
    page = _page(root, tmp_path / "site")
    assert 'class="external-image" href="https://example.org/curve.png"' in page and "<img" not in page
    (root / "catalog.yml").write_text("remote_images: true\n")
    page = _page(root, tmp_path / "site")
    assert '<img src="https://example.org/curve.png" alt="curve">' in page and "external-image" not in page


def test_remote_images_must_be_true_or_false(tmp_path: Path) -> None:
    (tmp_path / "catalog.yml").write_text("title: Zoo\nremote_images: yes please\n")
    config, problems = load_config(str(tmp_path))
    assert [(p.path, p.line, p.level, p.code, p.message) for p in problems] == [
        ("catalog.yml", 2, "error", "config.invalid", "'remote_images' must be true or false, not 'yes please'")
    ]
    assert config.remote_images is False


def test_a_repeated_broken_link_is_reported_once_with_its_count(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    body = "# ResNet\n\n![logo](logo.png)\n\ntext\n\n![logo](logo.png) [notes](notes.md)\n\n![logo](logo.png)\n"
    root = write_catalog({f"{STUB}/model.md": card("display_name: ResNet", body)})
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert [(p.line, p.code, p.message) for p in result.problems] == [
        (
            6,
            "card.broken-link",
            f"the link 'logo.png' points at {STUB}/logo.png, which does not exist; fix the path or add the file"
            " (linked 3 times; this is the first)",
        ),
        (
            10,
            "card.broken-link",
            f"the link 'notes.md' points at {STUB}/notes.md, which does not exist; fix the path or add the file",
        ),
    ]


def test_a_model_keeps_only_its_links_to_files_and_only_those_are_checked(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    body = (
        "# ResNet\n\n[paper](https://arxiv.org/abs/1512.03385) [up](#resnet) [root](/abs.md)\n"
        '[mail](mailto:a@example.org) <a href="//cdn.example.org/x.js">cdn</a>\n\n[missing](gone.md#part)\n'
    )
    root = write_catalog({f"{STUB}/model.md": card("display_name: ResNet", body)})
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.catalog is not None
    assert [model.link_targets for model in result.catalog.models] == [((5, "gone.md#part"),)]
    assert [(p.line, p.code) for p in result.problems] == [(9, "card.broken-link")]  # the body starts on line 4


ALERTS = """# Alerts

> [!NOTE]
> Figures are the mean of three runs.

> [!Warning]
>
> Needs **DeepSparse 1.7** or later.

> [!TIP] on the marker's line: a plain quote, as on GitHub

> An ordinary quote.

> [!TIP]
> Smaller batches.

> [!IMPORTANT]
> Read the licence.

> [!CAUTION]
> Not for medical use.
"""


def test_github_alerts_become_titled_quotes_and_plain_quotes_stay(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    html = _page(write_catalog({f"{STUB}/model.md": card("display_name: Alerts", ALERTS)}), tmp_path / "site")
    kinds = re.findall(r'<blockquote class="alert alert-(\w+)">\n<p class="alert-title">(\w+)</p>', html)
    assert kinds == [("note", "Note"), ("warning", "Warning"), ("tip", "Tip"), ("important", "Important"),
                     ("caution", "Caution")]  # fmt: skip
    assert '<p class="alert-title">Note</p>\n<p>Figures are the mean of three runs.</p>' in html
    assert "<p>[!TIP] on the marker's line" in html and "<blockquote>\n<p>An ordinary quote.</p>" in html
    # A card's own markup may use the classes, which only style a quote, and nothing else.
    own = card("display_name: Own", '<blockquote class="alert alert-note zoocat-table" onclick="x()">hi</blockquote>\n')
    html = _page(write_catalog({f"{STUB}/model.md": own}), tmp_path / "own")
    assert '<blockquote class="alert alert-note">hi</blockquote>' in html


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_alerts_are_coloured_by_kind_and_readable(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path, scheme: str
) -> None:
    _page(write_catalog({f"{STUB}/model.md": card("display_name: Alerts", ALERTS)}), tmp_path / "www" / "zoo")
    with serve(tmp_path / "www") as origin:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
        page = context.new_page()
        page.goto(f"{origin}zoo/models/{STUB}/index.html")
        colours = page.locator("blockquote.alert").evaluate_all(
            "qs => qs.map(q => [getComputedStyle(q).borderLeftColor, "
            "getComputedStyle(q.querySelector('.alert-title')).color])"
        )
        plain = page.locator("blockquote:not(.alert)").first.evaluate("q => getComputedStyle(q).borderLeftColor")
        assert len(colours) == 5 and len({bar for bar, _ in colours}) == 5  # a colour for each kind
        assert all(bar == title and bar != plain for bar, title in colours)
        results = Axe().run(page, context={"include": [".card-body"]})
        assert results.violations_count == 0, results.generate_report()
        context.close()


def test_a_body_starting_with_the_models_name_does_not_show_it_twice(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    plain = "# Toy **Net**\n\nA plain README: its title names the model.\n\n# Usage\n"
    result = build(BuildOptions(str(write_catalog({f"{STUB}/model.md": plain})), str(tmp_path / "plain")))
    assert [p.code for p in result.problems] == ["card.no-front-matter"]
    html = (tmp_path / "plain" / "models" / STUB / "index.html").read_text()
    assert html.count("Toy Net</h1>") == 1 and "<title>Toy Net" in html
    assert 'id="card-toy-net"' not in html and '<h2 id="card-usage">Usage</h2>' in html  # only the title goes
    other = card("display_name: Toy", "# Toy, measured\n\nText.\n")
    html = _page(write_catalog({f"{STUB}/model.md": other}), tmp_path / "other")
    assert '<h2 id="card-toy-measured">Toy, measured</h2>' in html  # not the page's name: kept


@pytest.mark.browser
def test_a_long_unbroken_description_wraps_on_a_phone(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    words = "Pruned from zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95_quant-aggressive_89"
    _page(
        write_catalog({f"{STUB}/model.md": card(f"display_name: Long\ndescription: '{words}'")}),
        tmp_path / "www" / "zoo",
    )
    with serve(tmp_path / "www") as origin:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{origin}zoo/models/{STUB}/index.html")
        lead = page.locator(".lead").first
        assert lead.evaluate("el => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= innerWidth")
        page.close()


def test_a_figure_without_a_dataset_is_measured_on_the_stubs_as_its_column_says(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    metrics = "metrics:\n- {name: top1_accuracy, value: 76.1, units: '%', split: validation}\n- {name: top5_accuracy, value: 93, units: '%', dataset: imagenette}"
    root = write_catalog(
        {
            f"{STUB}/model.md": card(f"display_name: Datasets\n{metrics}"),
            "catalog.yml": "names:\n  imagenet: ImageNet\n",
        }
    )
    html = _page(root, tmp_path / "site")
    assert '<span class="context">on ImageNet, validation</span>' in html  # the headline
    assert "<td>ImageNet, validation</td>" in html and "<td>imagenette</td>" in html
    table = (tmp_path / "site" / "models" / "cv" / "classification" / "index.html").read_text()
    assert "Top1 accuracy (ImageNet)" in table
