"""A problem with the input (where, how bad, its code, what to do), and problems in the formats tools read: text,
JSON, GitHub workflow annotations, SARIF."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from .. import __version__

Level = Literal["error", "warning"]

# Characters that move the cursor, end a line, recolour or clear a terminal, or hide text: escaped when printed.
_UNPRINTED = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """Text safe to print in a terminal or a CI log: a file name with a newline cannot start a line of its own
    (a forged '::error' in GitHub Actions), nor an escape sequence clear the screen. Such characters are shown as
    Python writes them ('\\n', '\\x1b', '\\u2028'); a byte of a name that is not UTF-8 as '\\xff'."""
    if text.isprintable():
        return text
    return "".join(_escaped(char) if unicodedata.category(char) in _UNPRINTED else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # how Python decodes a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is and what to do."""

    path: str  # relative to the catalog root, '/'-separated
    line: int | None
    level: Level
    code: str
    message: str

    def format(self, root_label: str = "") -> str:
        """PATH:LINE: LEVEL[CODE]: MESSAGE on one line, whatever the names and text it quotes hold. The code is
        shown as linters show theirs: the name that `checks:` in catalog.yml sets a level for."""
        where = self.shown_path(root_label)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return printable(f"{where}: {self.level}[{self.code}]: {self.message}")

    def shown_path(self, root_label: str) -> str:
        """The path as the user gave the catalog; an absolute one (the cache beside the output) as it is."""
        if not root_label or self.path.startswith("/"):
            return self.path
        return f"{root_label.rstrip('/')}/{self.path}"

    def as_dict(self, root_label: str = "") -> dict[str, Any]:
        return {
            "path": self.shown_path(root_label),
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


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
