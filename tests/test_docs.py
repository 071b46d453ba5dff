"""The project's own documentation builds in MkDocs' strict mode, and documents what the code does."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import REPO

from generator.cli import main
from generator.model.stubs import FIELD_NAMES
from generator.read.card_schema import card_schema


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's documentation, built as CI builds it: MkDocs in strict mode."""
    site = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return site


def test_docs_build_strict(docs: Path) -> None:
    assert (docs / "url-state.html").exists()
    for page in ("cli", "card-format", "stubs", "theming", "embedding", "mkdocs", "deploy"):
        assert (docs / f"{page}.html").is_file(), page


def test_every_command_and_option_is_in_the_docs(docs: Path) -> None:
    text = html.unescape((docs / "cli.html").read_text())
    root = click.Context(main, info_name="zoocat")
    for name in main.list_commands(root):
        command = main.get_command(root, name)
        assert command is not None
        assert f"zoocat {name}" in text, name
        for param in command.params:
            for flag in param.opts if isinstance(param, click.Option) else [param.human_readable_name]:
                assert flag in text, f"zoocat {name} {flag}"
            if isinstance(param, click.Option) and param.help:
                assert param.help.split(".")[0] in text, f"help of zoocat {name} {param.opts}"


def test_every_card_field_is_in_the_docs(docs: Path) -> None:
    page = (docs / "card-format.html").read_text()
    text = html.unescape(page)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    schema = card_schema()
    keys = {*schema["properties"], *schema["properties"]["metrics"]["items"]["anyOf"][0]["properties"]}
    keys |= set(schema["properties"]["files"]["items"]["properties"])
    assert sorted(key for key in keys if f"<code>{key}</code>" not in text) == []
    for spec in schema["properties"].values():
        description = re.sub(r"\[([^]]+)\]\([^)]+\)", r"\1", spec["description"]).replace("`", "")
        assert description in words


def test_the_example_zoo_is_in_the_docs(docs: Path) -> None:
    table = (docs / "zoo/models/cv/classification/index.html").read_text()
    assert table.count("<tr data-stub=") == len(list((REPO / "catalog/cv/classification").glob("*/*/*/*/*/model.md")))
    assert "The example zoo" in (docs / "index.html").read_text()  # in the navigation


def test_url_contract_names_every_parameter() -> None:
    text = (REPO / "docs" / "url-state.md").read_text()
    for name in (
        *FIELD_NAMES,
        "tag",
        "`q`",
        "min_COLUMN",
        "max_COLUMN",
        "`sort`",
        "`cols`",
        "`compare`",
        "`speed_context`",
    ):
        assert name in text, name
    readme = (REPO / "README.md").read_text()
    assert "docs/url-state.md" in readme


def test_every_problem_code_is_documented() -> None:
    codes = set()
    for path in (REPO / "generator").rglob("*.py"):
        codes |= set(
            re.findall(
                r'"((?:card|stub|discover|file|recipe|benchmark|eval|config|import)\.[a-z][a-z-]+)"', path.read_text()
            )
        )
    # File names and an attribute's path, not codes.
    codes -= {"benchmark.yaml", "eval.yaml", "recipe.html", "stub.text"}
    documented = (REPO / "docs" / "validate.md").read_text()
    assert sorted(code for code in codes if f"`{code}`" not in documented) == []
    assert len(codes) > 30
