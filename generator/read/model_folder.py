"""Turn a discovered model folder into a Model: card, side files, files, recipes."""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from dataclasses import replace

from ..model.model_records import FileEntry, Metric, Model, ModelDates, Recipe
from ..model.problems import Level, Problem
from ..model.stubs import readable_name
from .benchmark_files import BENCHMARK_FILES, read_benchmarks
from .card_limits import BY_NAME, DEFAULT_LIMITS, Limits
from .cards import load_card
from .discover import CARD_NAME, ModelSource, hidden_part, is_within
from .eval_files import EVAL_FILES, read_evaluations
from .git_dates import model_dates
from .markdown_links import file_links
from .markdown_nesting import MAX_NESTING, first_too_deep
from .search_words import model_words
from .side_files import list_files, read_recipe

# Side files whose figures become metrics: the reader of each, and the code of the problem when it cannot be read.
SIDE_FILES = {
    **{name: (read_benchmarks, "benchmark.unreadable") for name in BENCHMARK_FILES},
    **{name: (read_evaluations, "eval.unreadable") for name in EVAL_FILES},
}


def load_model(
    source: ModelSource,
    real_root: str,
    limits: Limits = DEFAULT_LIMITS,
    history: ModelDates | None = None,
) -> tuple[Model | None, list[Problem]]:
    """The model of one folder; history is when git saw the folder change, for cards that give no dates."""
    card_rel = f"{source.rel_dir}/{CARD_NAME}"
    data, problems = _card_bytes(source, real_root, card_rel, limits)
    card, card_problems = load_card(data, card_rel, source.stub, limits) if data is not None else (None, [])
    problems += card_problems
    if card is None:
        return None, problems
    files, file_problems = list_files(source.folder_path, real_root, source.stub.framework, source.rel_dir)
    problems += file_problems
    metrics, recipes, side_problems = _side_files(files, source.rel_dir, card_rel)
    problems += side_problems
    # The card's own lists were held to their limits as it loaded: here, what benchmark.yaml and the folder add.
    metrics, merged, over = _within([*card.metrics, *metrics], _merge_declared(files, card.files), card_rel, limits)
    problems += [problem for problem in over if problem.code not in {known.code for known in problems}]
    if any(problem.level == "error" for problem in over):
        return None, problems
    if too_deep := first_too_deep(card.body_markdown):
        message = f"the body nests more than {MAX_NESTING} levels deep here; it is shown as plain text: flatten it"
        problems.append(Problem(card_rel, card.body_line + too_deep - 1, "warning", "card.body-depth", message))
    display_name = card.display_name or readable_name(source.stub)
    model = Model(
        stub=source.stub,
        card=replace(card, metrics=(), files=()),  # the model's own, merged with the folder's, are what is shown
        display_name=display_name,
        files=merged,
        recipes=recipes,
        metrics=tuple(metrics),
        folder_path=source.folder_path,
        dates=model_dates(card, history),
        own_words=model_words(display_name, source.stub.text, card, metrics),
        link_targets=tuple(file_links(card.body_markdown)),
    )
    return model, problems


def _card_bytes(
    source: ModelSource, real_root: str, card_rel: str, limits: Limits
) -> tuple[bytes | None, list[Problem]]:
    """The card's bytes, or the problem that keeps them from being read."""
    card_path = os.path.join(source.folder_path, CARD_NAME)
    if os.path.islink(card_path):  # the folder itself is no link
        real = os.path.realpath(card_path)
        if not is_within(real, real_root):
            message = f"{CARD_NAME} is a link to a file outside the catalog; replace it with the card itself"
            return None, [Problem(card_rel, None, "error", "card.outside-root", message)]
        if hidden_part(real, real_root):
            message = f"{CARD_NAME} is a link into a hidden folder or file, never read; replace it with the card itself"
            return None, [Problem(card_rel, None, "error", "card.link-hidden", message)]
    try:
        size, max_card_bytes = os.path.getsize(card_path), limits["card_bytes"]
        if size > max_card_bytes:
            message = (
                f"the card is {size:,} bytes, over the limit of {max_card_bytes:,}: move large content to files "
                "beside it, or raise max_card_bytes in catalog.yml"
            )
            return None, [Problem(card_rel, None, "error", "card.too-big", message)]
        with open(card_path, "rb") as handle:
            return handle.read(), []
    except OSError as error:
        return None, [Problem(card_rel, None, "error", "card.unreadable", f"cannot read the card: {error.strerror}")]


def _side_files(
    files: list[FileEntry], rel_dir: str, card_rel: str
) -> tuple[list[Metric], tuple[Recipe, ...], list[Problem]]:
    """The figures of the folder's benchmark and evaluation files, and its recipes."""
    metrics: list[Metric] = []
    recipes = []
    problems: list[Problem] = []
    for entry in files:
        if entry.path in SIDE_FILES and entry.source_path:
            found, side_problems = _side_file(entry.source_path, f"{rel_dir}/{entry.path}")
            metrics.extend(found)
            problems.extend(side_problems)
        recipe, recipe_problems = read_recipe(entry, card_rel)
        problems.extend(recipe_problems)
        if recipe is not None:
            recipes.append(recipe)
    return metrics, tuple(_unique_recipe_names(recipes)), problems


def _within(
    metrics: list[Metric], files: tuple[FileEntry, ...], card_rel: str, limits: Limits
) -> tuple[list[Metric], tuple[FileEntry, ...], list[Problem]]:
    """The model's metrics and files held to their limits, with a problem for each limit passed."""
    problems = []
    found = {"metrics": len(metrics), "files": len(files)}
    for name, what in (("metrics", "with benchmark.yaml, the model has"), ("files", "the model folder has")):
        if found[name] > limits[name]:
            level: Level = "warning" if name in limits.cut else "error"
            message = limits.over(name, found[name], what)
            problems.append(Problem(card_rel, None, level, BY_NAME[name].code, message))
    return metrics[: limits["metrics"]], files[: limits["files"]], problems


def _unique_recipe_names(recipes: list[Recipe]) -> list[Recipe]:
    """original.md beside original.yaml (or recipe/recipe_original.md): each keeps its path as the page name."""
    stems = Counter(recipe.name for recipe in recipes)
    return [replace(r, name=_path_name(r.path)) if stems[r.name] > 1 else r for r in recipes]


def _path_name(path: str) -> str:
    return path.removeprefix("recipes/").replace("/", "-")


def _side_file(path: str, rel: str) -> tuple[tuple[Metric, ...], list[Problem]]:
    """The figures of a benchmark or evaluation file beside the card."""
    read, code = SIDE_FILES[posixpath.basename(rel)]
    try:
        with open(path, "rb") as handle:
            return read(handle.read(), rel)
    except OSError as error:
        return (), [Problem(rel, None, "warning", code, f"cannot read it ({error.strerror})")]


def _merge_declared(local: list[FileEntry], declared: tuple[FileEntry, ...]) -> tuple[FileEntry, ...]:
    """Files on disk win over the same path listed in the card's `files` (whose entries the model shares)."""
    paths = {entry.path for entry in local}
    extra = [entry for entry in declared if entry.path not in paths]
    return tuple(sorted([*local, *extra], key=lambda entry: entry.path))
