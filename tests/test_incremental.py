"""Incremental builds: nothing changed means nothing done; a change redoes its pages only, and the output is
always byte for byte the one a clean build gives."""

from __future__ import annotations

import os
import pickle
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import CatalogWriter, card, tree

from generator import build as build_module
from generator.build import BuildOptions, build, load_catalog
from generator.errors import BuildError
from generator.incremental import cache as incremental
from generator.incremental import unit_writing
from generator.incremental.cache import KeptState, cache_dir
from generator.model import table_columns
from generator.output import write as write_module
from generator.output.write import MARKER
from generator.render import site_units as render_module
from generator.render.site_units import Renderer

CLS = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
QA = "nlp/question_answering/bert-base/pytorch/huggingface/squad"


def metric(value: float) -> str:
    return f'metrics:\n  - {{name: top1_accuracy, value: {value}, units: "%"}}\n'


def zoo(write_catalog: CatalogWriter) -> Path:
    files: dict[str, str | bytes] = {
        f"{CLS}/base-none/model.md": card("display_name: Base\ntags: [resnet]\n" + metric(76.1)),
        f"{CLS}/pruned-moderate/model.md": card("display_name: Pruned\ntags: [resnet, pruned]\n" + metric(75.6)),
        f"{CLS}/pruned-moderate/recipes/original.md": "---\nmodifiers: []\n---\n# Recipe\n",
        f"{QA}/base-none/model.md": card("display_name: BERT\ntags: [bert]\n" + metric(88.0)),
    }
    for index in range(8):
        files[f"cv/detection/yolo_v{index}-s/pytorch/ultralytics/coco/base-none/model.md"] = card(
            f"display_name: YOLO {index}\ntags: [yolo]\n" + metric(40 + index), f"# YOLO {index}\n\nText {index}.\n"
        )
    return write_catalog(files)


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build(BuildOptions(str(root), str(out), incremental=False))
    return tree(out)


def _built(write_catalog: CatalogWriter, tmp_path: Path) -> tuple[Path, Path]:
    """The test zoo and its site, built once."""
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    return root, out


def _calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, what: Callable[..., str]) -> list[str]:
    """owner.name, made to note what(*its arguments) of each call in the list returned."""
    noted: list[str] = []
    real = getattr(owner, name)

    def noting(*args: Any) -> Any:
        noted.append(what(*args))
        return real(*args)

    monkeypatch.setattr(owner, name, noting)
    return noted


def _append(card: Path, line: str) -> None:
    card.write_text(card.read_text() + f"\n{line}\n")


def test_editing_a_cards_text_draws_no_table(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    drawn = _calls(monkeypatch, Renderer, "render_unit", lambda self, name: name)
    path = root / "cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none/model.md"
    _append(path, "A new paragraph.")
    build(BuildOptions(str(root), str(out), jobs=1))
    # The text changes the page, the search index and the card's size in the data files; a table's page shows
    # none of these, so none is drawn again (the small pages that sum up the whole zoo always are).
    assert not [name for name in drawn if name.startswith(("table:", "tag:"))]
    model = "model:cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none"
    assert {model, "search", "data", "table-data:cv/detection"} <= set(drawn)
    drawn.clear()
    path.write_text(path.read_text().replace("display_name: ", "display_name: Renamed ", 1))
    build(BuildOptions(str(root), str(out), jobs=1))
    assert "table:cv/detection" in drawn and "tag:yolo" in drawn  # the name is in the rows


def test_nothing_changed_does_nothing(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    first = build(BuildOptions(str(root), str(out)))
    assert first.catalog is not None and first.rewritten is None  # a full build
    before = mtimes(out)
    again = build(BuildOptions(str(root), str(out)))
    assert again.catalog is None and again.written and again.counts == (11, 3)
    assert mtimes(out) == before


def test_one_card_rewrites_its_pages_only(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before = mtimes(out)
    path = root / "cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none/model.md"
    path.write_text(path.read_text().replace("Text 3.", "Text three."))
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is not None
    folder = "models/cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none"
    # The page, the card published beside it, the search index (card text) and catalog.json, which gives the
    # card's size: nothing else has changed bytes (a table's data holds its cells), so nothing else is rewritten.
    assert sorted(result.rewritten) == sorted([
        f"{folder}/index.html", f"{folder}/files/model.md", "search-index.js", "catalog.json"
    ])  # fmt: skip
    after = mtimes(out)
    # The marker is touched: it dates the output that the cache describes.
    assert sorted(p for p in before if before[p] != after[p]) == sorted([*result.rewritten, MARKER])
    assert tree(out) == clean_build(root, tmp_path / "clean")


EDITS = ["body", "metric", "name", "add", "remove", "tags", "config", "recipe", "file"]


def _edit(root: Path, rng: random.Random, step: int, choice: str) -> None:
    cards = sorted(root.rglob("model.md"))
    target = rng.choice(cards)
    text = target.read_text()
    if choice == "body":
        target.write_text(text + f"\nMore text {step}.\n")
    elif choice == "metric":
        target.write_text(text.replace("value: ", f"value: {step}", 1))
    elif choice == "name":
        target.write_text(text.replace("display_name: ", f"display_name: N{step} ", 1))
    elif choice == "tags":
        target.write_text(text.replace("tags: [", f"tags: [t{step % 3}, ", 1))
    elif choice == "add":
        folder = root / f"cv/detection/yolo_x{step}-s/pytorch/ultralytics/coco/base-none"
        folder.mkdir(parents=True)
        (folder / "model.md").write_text(card(f"display_name: X{step}\n" + metric(30.0 + step)))
    elif choice == "remove" and len(cards) > 3:
        shutil.rmtree(target.parent)
    elif choice == "recipe":  # no table shows recipes: only the model's page and data change
        (target.parent / "recipes").mkdir(exist_ok=True)
        (target.parent / "recipes/tuned.md").write_text(f"---\nnum_epochs: {step}\n---\n# Tuned {step}\n")
    elif choice == "file":  # the compressed size is a table column
        (target.parent / "model.onnx.tar.gz").write_bytes(b"z" * (1000 + step))
    else:
        (root / "catalog.yml").write_text(f"title: Zoo {step}\n")


def test_any_sequence_of_edits_gives_the_clean_build(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    rng = random.Random(7)
    edits = EDITS * 2  # each kind of edit twice, in a random order
    rng.shuffle(edits)
    for step, choice in enumerate(edits):
        _edit(root, rng, step, choice)
        result = build(BuildOptions(str(root), str(out)))
        assert result.written
        assert tree(out) == clean_build(root, tmp_path / "clean"), f"after edit {step}"


def test_a_state_kept_in_memory_is_used_and_gives_the_clean_build(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, kept = zoo(write_catalog), tmp_path / "site", KeptState()
    build(BuildOptions(str(root), str(out)), kept)
    cache_read = _calls(monkeypatch, incremental, "_load_whole", lambda folder, output: output)
    rng = random.Random(3)
    for step, choice in enumerate(EDITS):
        _edit(root, rng, step, choice)
        build(BuildOptions(str(root), str(out)), kept)
        assert tree(out) == clean_build(root, tmp_path / "clean"), f"after edit {step}"
    assert cache_read == []


def test_a_state_kept_in_memory_is_not_used_once_another_build_ran(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, kept = zoo(write_catalog), tmp_path / "site", KeptState()
    build(BuildOptions(str(root), str(out)), kept)
    path = root / f"{CLS}/pruned-moderate/model.md"
    _append(path, "Built by another process.")
    build(BuildOptions(str(root), str(out)))  # the command line, beside zoocat serve: kept is now stale
    cache_read = _calls(monkeypatch, incremental, "_load_whole", lambda folder, output: output)
    path.write_text(path.read_text().replace("value: 75.6", "value: 70.2"))
    build(BuildOptions(str(root), str(out)), kept)
    assert cache_read == [str(out)]
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_a_theme_change_is_seen(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out, theme = zoo(write_catalog), tmp_path / "site", tmp_path / "theme"
    theme.mkdir()
    build(BuildOptions(str(root), str(out), theme_dir=str(theme)))
    (theme / "model.html").write_text('{% extends "default/model.html" %}{% block model_body %}Ours{% endblock %}')
    result = build(BuildOptions(str(root), str(out), theme_dir=str(theme)))
    assert result.rewritten is not None and len(result.rewritten) == 11
    assert "Ours" in (out / f"models/{CLS}/base-none/index.html").read_text()


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, theme = zoo(write_catalog), tmp_path / "site", tmp_path / "theme"
    theme.mkdir()
    (theme / "tags.html").write_text('{% extends "default/tags.html" %}{% block title %}Tags one{% endblock %}')
    build(BuildOptions(str(root), str(out), theme_dir=str(theme)))
    assert len(list((cache_dir(str(out)) / "templates").rglob("*.cache"))) > 5
    compiled: list[str] = []
    real = jinja2.Environment._compile

    def recording(self: jinja2.Environment, source: str, filename: str) -> Any:
        compiled.append(Path(filename).name)
        return real(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", recording)
    (theme / "tags.html").write_text('{% extends "default/tags.html" %}{% block title %}Tags two{% endblock %}')
    build(BuildOptions(str(root), str(out), theme_dir=str(theme), jobs=1))
    assert compiled == ["tags.html"]  # the others come compiled from the cache
    assert "Tags two" in (out / "tags/index.html").read_text()


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_a_missing_or_broken_cache_means_a_full_build(
    write_catalog: CatalogWriter, tmp_path: Path, damage: str
) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    if damage == "delete":
        shutil.rmtree(cache_dir(str(out)))
    else:
        for state in cache_dir(str(out)).rglob("*"):
            if state.is_file():  # the state, its shards and the compiled templates
                state.write_bytes(b"not a pickle")
    result = build(BuildOptions(str(root), str(out)))
    assert result.catalog is not None and result.rewritten is None
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_an_update_cut_short_is_followed_by_a_full_build(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    (root / f"{QA}/base-none/model.md").write_text(card("display_name: BERT 2\n" + metric(88.5)))

    def cut(*args: object) -> list[str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(unit_writing, "apply_update", cut)
    with pytest.raises(BuildError, match="No space left on device"):
        build(BuildOptions(str(root), str(out)))
    monkeypatch.undo()
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is None  # no state to trust: everything again
    assert tree(out) == clean_build(root, tmp_path / "clean")
    assert not [p for p in tmp_path.iterdir() if "zoocat-new" in p.name]


def test_an_output_replaced_by_hand_is_not_trusted(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    shutil.rmtree(out)
    os.rename(copy, out)
    result = build(BuildOptions(str(root), str(out)))
    assert result.catalog is not None and result.rewritten is None


def test_strict_with_nothing_changed_still_refuses_problems(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    (root / f"{QA}/base-none/model.md").write_text(card("display_name: BERT\ndomain: cv\n" + metric(88.0)))
    assert build(BuildOptions(str(root), str(out))).written
    before = mtimes(out)
    result = build(BuildOptions(str(root), str(out), strict=True))
    assert not result.written and [p.code for p in result.problems] == ["card.stub-mismatch"]
    assert mtimes(out) == before


def test_full_builds_everything_and_keeps_a_cache(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    full = build(BuildOptions(str(root), str(out), full=True))
    assert full.catalog is not None and full.rewritten is None
    assert build(BuildOptions(str(root), str(out))).catalog is None  # the next build finds nothing to do


def test_an_update_renames_its_files_into_the_same_folder(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before, folder = mtimes(out), out.stat().st_ino
    path = root / f"{QA}/base-none/model.md"
    _append(path, "More.")
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten and out.stat().st_ino == folder  # in place: no new folder swapped in
    after = mtimes(out)
    unchanged = [p for p in before if p not in result.rewritten and p != MARKER]
    assert unchanged and all(after[p] == before[p] for p in unchanged)
    assert tree(out) == clean_build(root, tmp_path / "clean")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == [".site.zoocat-cache"]


def test_an_update_cut_short_while_moving_files_is_followed_by_a_full_build(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    (root / f"{QA}/base-none/model.md").write_text(card("display_name: BERT 3\n" + metric(87.5)))
    real_replace, moved = os.replace, []

    def replace_then_fail(source: str, target: str) -> None:
        if moved:
            raise OSError(28, "No space left on device")
        moved.append(target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(BuildError, match="No space left on device"):
        build(BuildOptions(str(root), str(out)))
    monkeypatch.undo()
    assert moved  # the output now holds one new file among old ones
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is None  # no state to trust: everything again
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_an_update_mends_files_changed_by_hand_in_the_output(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    (out / "catalog.json").unlink()
    (out / "stray.html").write_text("not zoocat's")
    page = out / f"models/{CLS}/base-none/index.html"  # a model the edit below leaves as it was
    page.write_text("defaced")
    (root / f"{QA}/base-none/model.md").write_text(card("display_name: BERT 4\n" + metric(86.5)))
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is not None and {"catalog.json", page.relative_to(out).as_posix()} <= set(result.rewritten)
    assert tree(out) == clean_build(root, tmp_path / "clean")
    # The same inputs, and a page changed by hand (the output is then listed in this process): made again.
    page.write_text("defaced again")
    (out / "stray.html").write_text("not zoocat's either")
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten == [page.relative_to(out).as_posix()]
    assert tree(out) == clean_build(root, tmp_path / "clean")


@pytest.mark.parametrize("links", [True, False])
def test_a_big_update_is_swapped_in_whole(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before, folder = mtimes(out), out.stat().st_ino
    monkeypatch.setattr("generator.output.write.IN_PLACE_LIMIT", 2)  # this edit changes more files than that
    if not links:  # a file system without hard links: copies, with their times

        def no_links(*args: object) -> None:
            raise OSError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)
    (out / "stray.html").write_text("not zoocat's")
    path = root / f"{QA}/base-none/model.md"
    _append(path, "More.")
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten and out.stat().st_ino != folder  # a new folder, complete, took the old one's place
    after = mtimes(out)
    unchanged = [p for p in before if p not in result.rewritten and p not in (MARKER, "stray.html")]
    assert unchanged and all(after[p] == before[p] for p in unchanged)  # linked in: they keep their times
    assert tree(out) == clean_build(root, tmp_path / "clean")
    assert not [p for p in tmp_path.iterdir() if "zoocat-new" in p.name or "zoocat-old" in p.name]


def test_a_moved_catalog_publishes_files_from_its_new_place(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    moved = tmp_path / "moved"
    root.rename(moved)
    # The baseline's new figure redraws the pruned model's page, which publishes its recipe: from where?
    path = moved / f"{CLS}/base-none/model.md"
    path.write_text(path.read_text().replace("76.1", "76.3"))
    build(BuildOptions(str(moved), str(out)))
    assert tree(out) == clean_build(moved, tmp_path / "clean")


def test_a_lower_card_size_limit_refuses_cards_read_before(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    (root / "catalog.yml").write_text("max_card_bytes: 100\n")
    result = build(BuildOptions(str(root), str(out)))
    assert {problem.code for problem in result.problems} == {"card.too-big"}
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_an_edit_saves_one_shard_of_the_cache(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before = {path.name for path in cache_dir(str(out)).glob("sources-*")}
    assert len(before) > 3
    path = root / "cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none/model.md"
    _append(path, "More.")
    build(BuildOptions(str(root), str(out)))
    after = {path.name for path in cache_dir(str(out)).glob("sources-*")}
    assert len(before - after) == 1 and len(after - before) == 1  # the shard of that folder, and no other
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_the_catalog_is_walked_again_only_when_its_paths_change(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    walks = _calls(monkeypatch, build_module, "discover", lambda path: path)
    _append(root / f"{QA}/base-none/model.md", "Edited.")
    build(BuildOptions(str(root), str(out)))
    assert walks == []  # the same paths: the last walk's models and problems
    (root / f"{QA}/base-none/notes.txt").write_text("a new file")
    (root / "cv/stray.txt").write_text("outside any model")
    result = build(BuildOptions(str(root), str(out)))
    assert walks == [str(root)]
    assert "discover.stray-files" in {problem.code for problem in result.problems}
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_an_edit_reads_that_card_only(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    read = _calls(monkeypatch, build_module, "load_model", lambda source, *rest: source.rel_dir)
    _append(root / f"{QA}/base-none/model.md", "Edited.")
    build(BuildOptions(str(root), str(out), jobs=1))
    assert read == [f"{QA}/base-none"]


def test_tables_are_laid_out_again_only_when_their_rows_change(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    laid_out = _calls(monkeypatch, table_columns, "table_layout", lambda models, *rest: str(models[0].stub))
    path = root / f"{QA}/base-none/model.md"
    _append(path, "Text only.")
    build(BuildOptions(str(root), str(out)))
    assert laid_out == []
    path.write_text(path.read_text().replace("88.0", "87.5"))  # a figure its rows show
    build(BuildOptions(str(root), str(out)))
    assert laid_out == [f"{QA}/base-none"]  # its sub-domain's table
    assert tree(out) == clean_build(root, tmp_path / "clean")


def test_models_come_back_from_the_cache_as_they_were(write_catalog: CatalogWriter) -> None:
    """The records' own pickling (model/quick_pickle.py) keeps every field, the ones made from the others included."""
    speed = "\n  - {name: throughput, value: 120.5, units: items/sec, engine: deepsparse, cores: 4, batch_size: 1}\n"
    root = write_catalog({
        f"{CLS}/base-none/model.md": card("display_name: Base\ndate: 2024-05-01\n" + metric(76.1).rstrip() + speed),
        f"{CLS}/pruned-moderate/model.md": card("tags: [pruned]\n" + metric(75.6), "# Pruned\n\nText.\n"),
        f"{CLS}/pruned-moderate/recipes/original.md": "---\nmodifiers: []\n---\n# Recipe\n",
    })  # fmt: skip
    models = load_catalog(str(root))[0].models
    back = pickle.loads(pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL))
    assert len(models) == 2 and back == models
    for model, again in zip(models, back, strict=True):
        assert again.stub.text == model.stub.text and again.card.body_line == model.card.body_line
        assert again.dates == model.dates
        assert [(m.is_speed, m.comparison_context) for m in again.metrics] == [
            (m.is_speed, m.comparison_context) for m in model.metrics
        ]
    assert back[0].metrics[-1].comparison_context == "deepsparse, 4 cores, batch 1"
    assert back[1].recipes == models[1].recipes and back[1].recipes


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_update_reports_the_catalog_wide_checks_as_a_full_build_does(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    root, out = _built(write_catalog, tmp_path)
    (root / "catalog.yml").write_text("title: Zoo\nchecks:\n  card.broken-link: error\n")
    target = root / f"{CLS}/pruned-moderate/model.md"
    target.write_text(target.read_text() + "\nSee [the notes](missing-notes.md) and [the base](../base-none/).\n")
    checked_in = _calls(monkeypatch, build_module, "check_catalog", lambda catalog, root: str(os.getpid()))
    updated = build(BuildOptions(str(root), str(out), jobs=jobs))
    full = build(BuildOptions(str(root), str(tmp_path / "clean"), incremental=False))
    assert updated.rewritten is not None  # an update, not a full build
    assert updated.problems == full.problems
    assert [(p.code, p.level, p.path) for p in full.problems] == [
        ("card.broken-link", "error", f"{CLS}/pruned-moderate/model.md")
    ]
    # With two jobs, the update's checks ran in a child (its note stayed there); with one, all in this process.
    assert checked_in == [str(os.getpid())] * (3 - jobs)
    again = build(BuildOptions(str(root), str(out)))  # nothing changed: the problems the update saved
    assert (again.rewritten, again.problems) == ([], full.problems)


def test_an_update_renders_the_search_index_ahead_and_drops_it_when_unchanged(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    drawn_by = tmp_path / "drawn-by"
    real = render_module.search_index_scripts

    def noting(catalog: Any) -> dict[str, str]:
        with open(drawn_by, "a") as notes:
            notes.write(f"{os.getpid()}\n")
        return real(catalog)

    monkeypatch.setattr(render_module, "search_index_scripts", noting)
    target = root / f"{CLS}/pruned-moderate/model.md"
    target.write_text(target.read_text() + "\nA new word: wombat.\n")
    updated = build(BuildOptions(str(root), str(out), jobs=2))
    assert "search-index.js" in (updated.rewritten or [])
    assert "wombat" in (out / "search-index.js").read_text()
    assert drawn_by.read_text().split() != [str(os.getpid())]  # drawn by another process, this one going on
    pages = lambda: {path: time for path, time in mtimes(out).items() if path != MARKER}  # noqa: E731
    before = pages()
    (root / "notes.txt").write_text("Not part of any model: the build looks, and no page changes.\n")
    again = build(BuildOptions(str(root), str(out), jobs=2))
    assert again.rewritten == [] and pages() == before
    assert len(drawn_by.read_text().split()) == 2  # drawn ahead again, then dropped unchanged
    assert tree(out) == clean_build(root, tmp_path / "clean")
    assert [p.name for p in tmp_path.iterdir() if "zoocat-new" in p.name] == []  # no staging folder left


def test_a_card_touched_but_not_changed_rewrites_no_file(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = _built(write_catalog, tmp_path)
    pages = {path: time for path, time in mtimes(out).items() if path != MARKER}
    card_path = root / f"{CLS}/pruned-moderate/model.md"
    os.utime(card_path, ns=(card_path.stat().st_atime_ns, card_path.stat().st_mtime_ns + 10**9))
    result = build(BuildOptions(str(root), str(out)))
    # Its units are drawn again (the folder's stats changed) and come out the same: no file is written.
    assert result.rewritten == []
    assert {path: time for path, time in mtimes(out).items() if path != MARKER} == pages


def test_files_compared_a_block_at_a_time_keep_or_replace_the_old_ones_as_their_bytes_say(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file made again with the same bytes keeps the old one and its time, one that differs only past the first
    blocks replaces it: an update compares big files a block at a time (here 16 bytes) so as not to hold them."""
    monkeypatch.setattr(write_module, "COMPARE_BLOCK", 16)
    root, out = _built(write_catalog, tmp_path)
    before = mtimes(out)
    path = root / "cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none/model.md"
    path.write_text(path.read_text().replace("Text 3.", "Text 9."))  # the same size, a byte changed near the end
    result = build(BuildOptions(str(root), str(out)))
    page = "models/cv/detection/yolo_v3-s/pytorch/ultralytics/coco/base-none/index.html"
    card_copy = page.replace("index.html", "files/model.md")
    rows = "models/cv/detection/rows.js"  # drawn again (its table's data unit), with the same bytes
    assert result.rewritten is not None and {page, card_copy} <= set(result.rewritten)
    assert rows not in result.rewritten and (out / rows).stat().st_size > 16 * 10
    after = mtimes(out)
    assert after[rows] == before[rows] and after[page] != before[page] and after[card_copy] != before[card_copy]
    assert tree(out) == clean_build(root, tmp_path / "clean")
