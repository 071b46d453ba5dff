"""Card bodies in a built site: remote images by catalog.yml, and a broken link said once however often used."""

from __future__ import annotations

from pathlib import Path

from conftest import CatalogWriter, card

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
