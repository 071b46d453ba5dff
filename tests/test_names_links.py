"""Hostile names and links: printed names cannot forge lines or drive the terminal, names that are not UTF-8 are
problems of their own, and nothing is read through a link out of the catalog or into a hidden folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import CatalogWriter, card
from test_cli import zoocat

from generator.build import BuildOptions, build
from generator.model.problems import Problem, format_problems, printable

MODEL = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
OTHER = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
THIRD = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-aggressive"
UP = "../" * 7  # from a model folder to the catalog root
INJECTIONS = ("\n::error::pwned", "\x1b[2J", "\r::warning::pwned", "\u2028::error::pwned", "\u202etxt.exe")
ANNOTATION = re.compile(r"::(error|warning) file=[^:,\n]*(,line=\d+)?,title=[a-z0-9.-]+::[^\n]*")


def _raw_controls(text: str) -> list[str]:
    """Characters a terminal or CI log acts on, but for the newlines between lines."""
    return [char for char in text if char != "\n" and printable(char) != char]


def test_printable_escapes_what_a_terminal_acts_on() -> None:
    assert printable("cv/resnet_v1-50 é 模型 ok") == "cv/resnet_v1-50 é 模型 ok"
    assert printable("a\nb\rc\td\x1b[2Je\x7f\x85") == "a\\nb\\rc\\td\\x1b[2Je\\x7f\\x85"
    assert printable("a\u2028b\u2029c\u202ed\ufeff") == "a\\u2028b\\u2029c\\u202ed\\ufeff"
    assert printable(os.fsdecode(b"bad\xffname")) == "bad\\xffname"  # the byte as it is on disk


def test_problem_formats_hold_no_raw_control_character() -> None:
    problems = [Problem(f"cv/a{bad}/b", 2, "warning", "discover.stray-files", f"x{bad}y") for bad in INJECTIONS]
    text = format_problems(problems, "zoo", "text")
    github = format_problems(problems, "zoo", "github")
    for output in (text, github):
        assert len(output.splitlines()) == len(problems) and not _raw_controls(output)
    assert not any(line.startswith("::") for line in text.splitlines())
    assert all(ANNOTATION.fullmatch(line) for line in github.splitlines())
    assert github.splitlines()[0] == (
        "::warning file=zoo/cv/a\\n%3A%3Aerror%3A%3Apwned/b,line=2,title=discover.stray-files::x\\n::error::pwnedy"
    )
    # JSON and SARIF escape through json.dumps: ASCII only, and the names read back as they are.
    for output_format in ("json", "sarif"):
        report = format_problems(problems, "zoo", output_format)
        assert report.isascii() and not _raw_controls(report)
    assert [item["path"] for item in json.loads(format_problems(problems, "zoo", "json"))] == [
        f"zoo/cv/a{bad}/b" for bad in INJECTIONS
    ]


def _hostile_names(write_catalog: CatalogWriter) -> Path:
    files: dict[str, str | bytes] = {f"{MODEL}/model.md": card("display_name: Base")}
    for number, bad in enumerate(INJECTIONS):
        files[f"cv/stray{bad}/f{number}{bad}.txt"] = "x"  # stray files: their folder and names are quoted
        files[f"{MODEL}/sub{number}{bad}/model.md"] = "x"  # a nested card: its path is quoted
    return write_catalog(files)


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_names_cannot_forge_lines_in_validate(write_catalog: CatalogWriter, output_format: str) -> None:
    root = _hostile_names(write_catalog)
    result = zoocat("validate", str(root), "--format", output_format)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "discover.stray-files" in output or "files outside any model folder" in output
    assert not _raw_controls(output)
    lines = output.splitlines()
    if output_format == "github":
        assert len(lines) == 2 * len(INJECTIONS) and all(ANNOTATION.fullmatch(line) for line in lines)
    else:
        assert not any(line.startswith("::") for line in lines)
        assert f"{root}/cv/stray\\x1b[2J: warning[discover.stray-files]: files outside any model folder" in output


def test_names_cannot_forge_lines_in_build_and_new(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = _hostile_names(write_catalog)
    out = tmp_path / "site\n::error::pwned\x1b[2J"
    built = zoocat("build", str(root), "-o", str(out))
    assert built.returncode == 0, built.stderr
    created = zoocat("new", OTHER, "--catalog", str(root))
    assert created.returncode == 0, created.stderr
    refused = zoocat("build", str(tmp_path / "missing\n::error::pwned"))  # a BuildError quoting the name
    assert refused.returncode == 1
    for result in (built, created, refused):
        output = result.stdout + result.stderr
        assert not _raw_controls(output) and not any(line.startswith("::") for line in output.splitlines())
    assert "into " + str(tmp_path / "site\\n::error::pwned\\x1b[2J") in built.stdout


def _undecodable(write_catalog: CatalogWriter) -> Path:
    root = write_catalog(
        {
            f"{MODEL}/model.md": card("display_name: Base"),
            f"{MODEL}/model.onnx": b"onnx",
            f"{OTHER}/model.md": card("display_name: Pruned"),
        }
    )
    base = os.fsencode(root)
    model = base + b"/" + MODEL.encode()
    (Path(os.fsdecode(model + b"/bad\xffname.bin"))).write_bytes(b"BYTES-OF-A-BAD-NAME")
    os.makedirs(model + b"/sub\xfe")
    (Path(os.fsdecode(model + b"/sub\xfe/inner.txt"))).write_bytes(b"BYTES-OF-A-BAD-FOLDER")
    hidden = base + b"/cv/classification/net\xff/pytorch/sparseml/imagenet/base-none"
    os.makedirs(hidden)
    (Path(os.fsdecode(hidden + b"/model.md"))).write_text(card("display_name: Hidden model"))
    os.makedirs(base + b"/stray\xfd")
    return root


EXPECTED_NAMES = [
    ("cv/classification/net\\xff", "discover.name-encoding"),
    (f"{MODEL}/bad\\xffname.bin", "discover.name-encoding"),
    (f"{MODEL}/sub\\xfe", "discover.name-encoding"),
    ("stray\\xfd", "discover.name-encoding"),
]


def test_names_that_are_not_utf8_are_left_out_of_the_build(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = _undecodable(write_catalog)
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.written
    assert [(p.path, p.code) for p in result.problems if p.code == "discover.name-encoding"] == EXPECTED_NAMES
    assert result.problems[0].message == (
        "this name is not UTF-8 text, so the folder is left out with all it holds; rename it with UTF-8 characters"
    )
    assert [str(model.stub) for model in result.catalog.models] == [MODEL, OTHER]  # type: ignore[union-attr]
    site = _site_bytes(tmp_path / "site")
    assert f"models/{MODEL}/files/model.onnx" in site
    assert not any(b"BYTES-OF-A-BAD" in data or b"Hidden model" in data for data in site.values())
    # The next build takes what it can from the last one's cache, whose listing holds those names.
    (root / MODEL / "model.md").write_text(card("display_name: Base, changed"))
    again = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert again.rewritten and [p.path for p in again.problems] == [p.path for p in result.problems]


def test_validate_reports_names_that_are_not_utf8(write_catalog: CatalogWriter) -> None:
    root = _undecodable(write_catalog)
    result = zoocat("validate", str(root), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(item["path"], item["code"]) for item in report] == [
        (f"{root}/{path}", code) for path, code in EXPECTED_NAMES
    ]
    text = zoocat("validate", str(root))
    assert f"{root}/{MODEL}/bad\\xffname.bin: warning[discover.name-encoding]: this name is not UTF-8" in text.stderr
    assert "Checked 2 models: 0 errors, 4 warnings" in text.stderr


def _site_bytes(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def _linked_catalog(write_catalog: CatalogWriter, tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "catalog.yml").write_text("title: SECRET-OUTSIDE-TITLE\n")
    (outside / "model.md").write_text(card("display_name: SECRET-OUTSIDE-CARD"))
    (outside / "recipe.md").write_text("SECRET-OUTSIDE-RECIPE\n")
    (outside / "folder").mkdir()
    (outside / "folder" / "weights.bin").write_bytes(b"SECRET-OUTSIDE-FOLDER")
    root = write_catalog(
        {
            f"{MODEL}/model.md": card("display_name: Base"),
            f"{MODEL}/model.onnx": b"onnx",
            ".git/config": "[remote]\n url = https://user:SECRET-GIT-TOKEN@example.com/zoo.git\n",
            ".drafts/model.md": card("display_name: SECRET-DRAFT-CARD"),
            ".drafts/catalog.yml": "title: SECRET-DRAFT-TITLE\n",
        }
    )
    model = root / MODEL
    (model / "recipes").mkdir()
    os.symlink(outside / "recipe.md", model / "recipes" / "original.md")
    os.symlink(outside / "folder", model / "outside-folder")
    os.symlink(f"{UP}.git/config", model / "config")
    os.symlink(f"{UP}.git", model / "git")
    os.symlink(f"{UP}.drafts/model.md", model / "draft.md")
    os.symlink(model / "model.onnx", model / "copy.onnx")  # a link inside the catalog is still followed
    # Two more models: one whose card links out of the catalog, one whose card links into a hidden folder.
    for stub, target in ((OTHER, outside / "model.md"), (THIRD, f"{UP}.drafts/model.md")):
        (root / stub).mkdir(parents=True)
        os.symlink(target, root / stub / "model.md")
    return root


LINK_PROBLEMS = [
    (f"{MODEL}/config", "warning", "discover.link-hidden"),
    (f"{MODEL}/draft.md", "warning", "discover.link-hidden"),
    (f"{MODEL}/git", "warning", "discover.link-hidden"),
    (f"{MODEL}/outside-folder", "warning", "discover.link-outside"),
    (f"{MODEL}/recipes/original.md", "warning", "discover.link-outside"),
    (f"{THIRD}/model.md", "error", "card.link-hidden"),
    (f"{OTHER}/model.md", "error", "card.outside-root"),
]


@pytest.mark.parametrize("config_target", ["outside", "hidden"])
def test_nothing_is_read_through_a_link_out_or_into_a_hidden_folder(
    write_catalog: CatalogWriter, tmp_path: Path, config_target: str
) -> None:
    root = _linked_catalog(write_catalog, tmp_path)
    target = tmp_path / "outside" / "catalog.yml" if config_target == "outside" else Path(".drafts/catalog.yml")
    os.symlink(target, root / "catalog.yml")
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.written
    found = [(p.path, p.level, p.code) for p in result.problems]
    assert found == [("catalog.yml", "warning", f"config.link-{config_target}"), *LINK_PROBLEMS]
    assert result.problems[1].message == (
        "a link to .git/config, in a hidden folder or file of the catalog: never published (.git and the like hold "
        "credentials); copy what should be published into the model folder"
    )
    site = _site_bytes(tmp_path / "site")
    assert {f"models/{MODEL}/files/model.onnx", f"models/{MODEL}/files/copy.onnx"} <= set(site)
    leaked = [path for path, data in site.items() if re.search(rb"SECRET-[A-Z-]+", data)]
    assert leaked == []
    validated = zoocat("validate", str(root), "--format", "json")
    assert [(item["path"], item["level"], item["code"]) for item in json.loads(validated.stdout)] == [
        (f"{root}/{path}", level, code) for path, level, code in found
    ]


def test_a_catalog_yml_linked_inside_the_catalog_is_read(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{MODEL}/model.md": card("display_name: Base"), "settings/zoo.yml": "title: Linked zoo\n"})
    os.symlink("settings/zoo.yml", root / "catalog.yml")
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.catalog is not None and result.catalog.config.title == "Linked zoo"
