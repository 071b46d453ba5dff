"""A build with a cache parks the models' page texts and their own words in a file beside it (model/page_texts.py)
instead of holding them: the pages and the search index still show them, and a cache whose file of texts is gone
or cut short is not trusted. Records read back from a worker or the cache hold their short strings once."""

from __future__ import annotations

import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CatalogWriter, card, tree

from generator.build import BuildOptions, build, load_catalog
from generator.errors import BuildError
from generator.incremental.cache import cache_dir
from generator.model.page_texts import TEXTS_PREFIX, own_words, whole

CLS = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
RECIPE = "---\nmodifiers: []\n---\n# Recipe\n\nPrune slowly over ten epochs.\n"


def zoo(write_catalog: CatalogWriter) -> Path:
    return write_catalog({
        f"{CLS}/base-none/model.md": card("display_name: Base\nlicense_note: free to use\n", "# Base\n\nDense text.\n"),
        f"{CLS}/pruned-moderate/model.md": card("display_name: Pruned\n", "# Pruned\n\nSparse text.\n"),
        f"{CLS}/pruned-moderate/recipes/original.md": RECIPE,
    })  # fmt: skip


def texts_files(out: Path) -> list[Path]:
    return sorted(cache_dir(str(out)).glob(f"{TEXTS_PREFIX}*"))


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    build(BuildOptions(str(root), str(out), incremental=False))
    return tree(out)


def test_a_build_holds_no_page_text_and_its_pages_show_them(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    result = build(BuildOptions(str(root), str(out)))
    read = {model.stub.text: model for model in load_catalog(str(root))[0].models}
    assert result.catalog is not None and len(result.catalog.models) == 2
    for model in result.catalog.models:
        assert model.texts_at is not None and model.card.body_markdown == "" and model.card.extra == {}
        assert model.own_words == ""
        back = whole(model, result.catalog.texts)
        assert back == read[model.stub.text] and back.card.body_markdown == read[model.stub.text].card.body_markdown
        assert back.recipes == read[model.stub.text].recipes and back.own_words == read[model.stub.text].own_words
    words = list(own_words(result.catalog.models, result.catalog.texts))
    assert words == [read[model.stub.text].own_words for model in result.catalog.models]
    assert "dense" in words[0].split() and "sparse" in words[1].split()  # from the bodies
    site = b"".join(tree(out).values())
    for text in (b"Dense text.", b"Sparse text.", b"Prune slowly over ten epochs.", b"free to use"):
        assert text in site
    assert b"dense" in (out / "search-index.js").read_bytes()  # the parked words reach the search index
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_a_build_without_a_cache_keeps_the_texts_in_its_models(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = zoo(write_catalog)
    result = build(BuildOptions(str(root), str(tmp_path / "site"), incremental=False))
    assert result.catalog is not None and result.catalog.texts is None
    assert all(model.texts_at is None and model.card.body_markdown for model in result.catalog.models)


def test_an_update_adds_to_the_file_and_a_full_build_starts_another(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    [first] = texts_files(out)
    size = first.stat().st_size
    path = root / f"{CLS}/base-none/model.md"
    path.write_text(path.read_text().replace("Dense text.", "Dense text, edited."))
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is not None  # an update
    assert texts_files(out) == [first] and first.stat().st_size > size  # the edited card's texts, added
    assert b"Dense text, edited." in b"".join(tree(out).values())
    build(BuildOptions(str(root), str(out), full=True))
    [second] = texts_files(out)
    assert second != first  # the old file is removed once the new state is saved
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_a_file_of_texts_gone_or_cut_short_means_a_full_build(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    expected = clean_build(root, tmp_path / "clean")
    for damage in ("cut", "delete"):
        shutil.rmtree(out, ignore_errors=True)
        build(BuildOptions(str(root), str(out)))
        path = root / f"{CLS}/pruned-moderate/model.md"
        path.write_text(path.read_text() + "\nMore.\n")
        [texts] = texts_files(out)
        if damage == "cut":
            texts.write_bytes(texts.read_bytes()[:10])
        else:
            texts.unlink()
        result = build(BuildOptions(str(root), str(out)))
        assert result.catalog is not None and result.rewritten is None, damage  # everything again
        assert b"More." in b"".join(tree(out).values())
        path.write_text(path.read_text().replace("\nMore.\n", ""))
    build(BuildOptions(str(root), str(out)))
    assert tree(out) == expected


def test_a_file_of_texts_changed_by_hand_is_a_clear_error(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    [texts] = texts_files(out)
    texts.write_bytes(b"x" * texts.stat().st_size)
    path = root / f"{CLS}/base-none/model.md"
    path.write_text(path.read_text() + "\nMore.\n")
    with pytest.raises(BuildError, match=r"does not hold the page texts of .*--full"):
        build(BuildOptions(str(root), str(out), jobs=1))
    build(BuildOptions(str(root), str(out), full=True))
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_models_come_back_from_a_worker_or_the_cache_sharing_their_short_strings(
    write_catalog: CatalogWriter,
) -> None:
    """What records repeat (a domain, a metric's name, a file's name) is one object however many models hold it;
    a description, longer, is not interned."""
    models = pickle.loads(pickle.dumps(load_catalog(str(zoo(write_catalog)))[0].models))
    first, second = models
    assert first.stub.domain is second.stub.domain and first.stub.repo is second.stub.repo
    names = [entry.path for model in models for entry in model.files if entry.path == "model.md"]
    assert len(names) == 2 and names[0] is names[1]
    long, same = "x" * 100, "".join(["x"] * 100)  # equal, two objects (one would be pickled once)
    back = pickle.loads(pickle.dumps([replace(first.stub, dataset=long), replace(second.stub, dataset=same)]))
    assert back[0].dataset == back[1].dataset == long and back[0].dataset is not back[1].dataset
