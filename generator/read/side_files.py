"""What a model folder holds: its files with sizes, and its recipes."""

from __future__ import annotations

import os
import posixpath
import re
import sys

import yaml

from ..model.model_records import FileEntry, Recipe
from ..model.problems import Problem
from .discover import CARD_NAME, is_utf8, is_within, link_problem, name_problem
from .front_matter import NoFrontMatter, SplitError, decode, split_front_matter

# recipes/NAME.md, and SparseZoo's later recipe/recipe_NAME.md: both name the recipe NAME.
RECIPE_PATTERN = re.compile(r"(?:recipes/|recipe/(?:recipe_)?)([^/]+)\.(md|yaml|yml)")
# SparseZoo wrote sample folders with '-' first, then with '_', and later also packed each one as a .tar.gz.
SAMPLE_KINDS = {
    "sample-originals": "sample original",
    "sample-inputs": "sample input",
    "sample-outputs": "sample output",
    "sample-labels": "sample label",
    "sample_originals": "sample original",
    "sample_inputs": "sample input",
    "sample_outputs": "sample output",
    "sample_labels": "sample label",
}
# The folders of SparseZoo's later layout, each file in them described by its folder.
FOLDER_KINDS = {
    "deployment": "deployment file",
    "training": "training file",
    "onnx": "ONNX model",
    "logs": "log",
    "recipe": "recipe file",
    "recipes": "recipe file",
}
KNOWN_FILES = {
    CARD_NAME: "model card",
    "model.onnx": "ONNX model",
    "model.onnx.tar.gz": "compressed ONNX model",
    "benchmark.yaml": "benchmark results",
    "benchmarks.yaml": "benchmark results",
    "metrics.yaml": "metrics",
    "eval.yaml": "evaluation results",
    "analysis.yaml": "model analysis",
    "deployment.tar.gz": "deployment archive",
    "training.tar.gz": "training archive",
    "logs.tar.gz": "log archive",
}

# libyaml's parser when PyYAML has it: a recipe's YAML is only composed, never constructed.
YAML_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def list_files(folder: str, real_root: str, framework: str, rel_dir: str) -> tuple[list[FileEntry], list[Problem]]:
    """Every file under the model folder, sorted, skipping dot-files, names that are not UTF-8, links out of the
    root and links into its hidden folders (.git holds credentials).

    Links are followed (once each) when they stay inside the root. Discovery reached the folder without a link,
    so the real path of anything that is not a link is known without asking the file system for it.
    """
    entries = []
    problems = []
    visited: set[str] = set()
    stack = [(folder, os.path.join(real_root, *rel_dir.split("/")), "")]
    while stack:
        dirpath, real_dir, prefix = stack.pop()
        if real_dir in visited or not is_within(real_dir, real_root):
            continue
        visited.add(real_dir)
        subfolders = []
        for item in _sorted_items(dirpath):
            rel, is_dir = prefix + item.name, item.is_dir()
            if item.name.startswith(".") or (not (is_dir or item.is_file()) and is_utf8(item.name)):
                continue  # hidden, or a socket or a device (an unreadable name is reported all the same)
            is_link = item.is_symlink()
            real = os.path.realpath(item.path) if is_link else os.path.join(real_dir, item.name)
            refused = _refused(item, f"{rel_dir}/{rel}", real if is_link else None, real_root, is_dir)
            if refused is not None:
                problems.append(refused)
            elif is_dir:
                subfolders.append((item.path, real, rel + "/"))
            else:
                entry, found = _file_entry(item, rel, rel_dir, framework)
                problems += found
                entries += [entry] if entry else []
        stack.extend(reversed(subfolders))
    return sorted(entries, key=lambda entry: entry.path), problems


def _sorted_items(folder: str) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda item: item.name)
    except OSError:
        return []


def _refused(item: os.DirEntry[str], shown: str, link_to: str | None, real_root: str, is_dir: bool) -> Problem | None:
    """Why a file or folder is not published: a name that is not UTF-8, a link out of the root or into its hidden
    folders (link_to: where a link points)."""
    if not is_utf8(item.name):
        return name_problem(shown, is_dir)
    if link_to is None:
        return None
    return link_problem(shown, link_to, real_root, "folder" if is_dir else "file")


def _file_entry(
    item: os.DirEntry[str], rel: str, rel_dir: str, framework: str
) -> tuple[FileEntry | None, list[Problem]]:
    """One file of the model folder as published (None when it cannot be), with what is wrong with it."""
    problems = []
    if item.name == CARD_NAME and rel != CARD_NAME:
        message = (
            f"a {CARD_NAME} inside the model folder is not a model (a stub has seven segments); "
            "it is published as a file: move it to its own model folder"
        )
        problems.append(Problem(f"{rel_dir}/{rel}", None, "warning", "discover.nested-card", message))
    if not os.access(item.path, os.R_OK):
        message = "zoocat cannot read this file, so it is not published: make it readable or remove it"
        return None, [*problems, Problem(f"{rel_dir}/{rel}", None, "warning", "file.unreadable", message)]
    size = item.stat().st_size
    if size <= LFS_POINTER_MAX and _is_lfs_pointer(item.path):
        message = (
            "a Git LFS pointer, not the file it stands for: run `git lfs pull` before building, "
            "or the site publishes the pointer"
        )
        problems.append(Problem(f"{rel_dir}/{rel}", None, "warning", "file.lfs-pointer", message))
    # Most models hold the same few names (model.onnx...): one shared copy of each, as yamlload does.
    return FileEntry(sys.intern(rel), size, describe(rel, framework), source_path=item.path), problems


# A checkout without `git lfs pull` holds, in place of each large file, a pointer of about 130 bytes.
LFS_POINTER_MAX = 200
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"


def _is_lfs_pointer(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_LFS_POINTER)) == _LFS_POINTER
    except OSError:
        return False


def describe(rel: str, framework: str) -> str:
    top = rel.split("/", 1)[0]
    if rel in KNOWN_FILES:
        return KNOWN_FILES[rel]
    if RECIPE_PATTERN.fullmatch(rel):
        return "recipe"
    if top in SAMPLE_KINDS:
        return SAMPLE_KINDS[top]
    if top.endswith(".tar.gz") and top.removesuffix(".tar.gz") in SAMPLE_KINDS:
        return SAMPLE_KINDS[top.removesuffix(".tar.gz")] + " archive"
    if top in FOLDER_KINDS and "/" in rel:
        return FOLDER_KINDS[top]
    if top == framework and "/" in rel:
        return f"{framework} model"
    return "file"


def read_recipe(entry: FileEntry, card_rel: str) -> tuple[Recipe | None, list[Problem]]:
    """A recipe is YAML (custom tags allowed: it is shown, never constructed) and Markdown."""
    match = RECIPE_PATTERN.fullmatch(entry.path)
    if match is None or entry.source_path is None:
        return None, []
    problem_path = posixpath.join(posixpath.dirname(card_rel), entry.path)
    try:
        with open(entry.source_path, "rb") as handle:
            text = decode(handle.read())
    except OSError as error:
        message = f"the recipe cannot be read ({error.strerror}); make it readable"
        return None, [Problem(problem_path, None, "warning", "recipe.unreadable", message)]
    except UnicodeDecodeError:
        message = "the recipe is not UTF-8 text, so it gets no page; save it as UTF-8"
        return None, [Problem(problem_path, None, "warning", "recipe.encoding", message)]
    name = match.group(1)
    if match.group(2) != "md":
        return Recipe(name, entry.path, text, ""), _yaml_problems(text, 1, problem_path)
    try:
        split = split_front_matter(text)
    except NoFrontMatter:
        return Recipe(name, entry.path, "", text), []
    except SplitError as error:
        message = f"{error.message}; the recipe is shown as text: close its front matter with a '---' line"
        return Recipe(name, entry.path, "", text), [
            Problem(problem_path, error.line, "warning", "recipe.yaml", message)
        ]
    problems = _yaml_problems(split.front_matter, split.front_matter_line, problem_path)
    return Recipe(name, entry.path, split.front_matter, split.body), problems


def _yaml_problems(text: str, first_line: int, path: str) -> list[Problem]:
    """A recipe's YAML, read as far as its structure (its tags are the recipe tool's, never constructed here): a
    warning at the line where it stops being YAML, as the tool that runs it would stop there."""
    try:
        yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else None
        reason = str(error.problem or error.context)[:80]  # PyYAML quotes the recipe's own names in it
        message = f"the recipe is not valid YAML ({reason}); fix it: the tool that runs it would stop there"
        return [Problem(path, line, "warning", "recipe.yaml", message)]
    except yaml.YAMLError as error:
        return [Problem(path, None, "warning", "recipe.yaml", f"the recipe is not valid YAML ({error}); fix it")]
    return []
