"""Problems in the formats tools read: text, JSON, GitHub workflow annotations, SARIF."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from .model_records import Problem, printable

FORMATS = ("text", "json", "github", "sarif")


def format_problems(problems: list[Problem], catalog: str, output_format: str) -> str:
    if output_format == "json":
        return json.dumps([problem.as_dict(catalog) for problem in problems], indent=1)
    if output_format == "github":
        return "\n".join(github_annotation(problem, catalog) for problem in problems)
    if output_format == "sarif":
        return json.dumps(sarif(problems, catalog), indent=1)
    return "\n".join(problem.format(catalog) for problem in problems)


def github_annotation(problem: Problem, catalog: str) -> str:
    path = _escape(problem.as_dict(catalog)["path"], properties=True)
    line = f",line={problem.line}" if problem.line else ""
    return f"::{problem.level} file={path}{line},title={problem.code}::{_escape(problem.message)}"


def _escape(text: str, properties: bool = False) -> str:
    """GitHub's workflow-command escaping; property values also escape ':' and ','. Control characters are shown
    escaped first, as in the text format: a name cannot end the annotation's line, nor colour the log."""
    text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def sarif(problems: list[Problem], catalog: str) -> dict[str, Any]:
    """SARIF 2.1.0, as GitHub code scanning and other tools read it."""
    codes = sorted({problem.code for problem in problems})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "zoocat",
                        "version": __version__,
                        "rules": [{"id": code, "shortDescription": {"text": code}} for code in codes],
                    }
                },
                "results": [_sarif_result(problem, catalog, codes) for problem in problems],
            }
        ],
    }


def _sarif_result(problem: Problem, catalog: str, codes: list[str]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": problem.as_dict(catalog)["path"]}}
    if problem.line:
        location["region"] = {"startLine": problem.line}
    return {
        "ruleId": problem.code,
        "ruleIndex": codes.index(problem.code),
        "level": problem.level,
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": location}],
    }
