"""The problems of one card as it is read, at their lines, and its values described in words."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..model.problems import Level, Problem
from .yaml_lines import LinePath


@dataclass
class Reporter:
    """Collects the problems of one file; turns YAML paths into file lines."""

    path: str
    first_line: int
    lines: dict[LinePath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, level: Level, code: str, message: str, at: LinePath = ()) -> None:
        line = self.lines.get(at) if at else None
        while line is None and at:
            at = at[:-1]
            line = self.lines.get(at)
        self.problems.append(
            Problem(self.path, None if line is None else line + self.first_line - 1, level, code, message)
        )

    @property
    def has_errors(self) -> bool:
        return any(problem.level == "error" for problem in self.problems)


def type_name(value: Any) -> str:
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "list", dict: "mapping"}
    return "empty value" if value is None else names.get(type(value), type(value).__name__)


def described(value: Any) -> str:
    """A YAML value in words, as its author wrote it ('true', not Python's 'True'), short enough for one line."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (list, dict)):
        return f"a {type_name(value)}"
    if not isinstance(value, (int, float)):
        text = repr(str(value))
        return f"the text {text if len(text) < 40 else text[:37] + '...'}"
    text = str(value)
    shown = f"the number {text if len(text) < 40 else text[:37] + '...'}"
    return shown if is_number(value) else f"{shown}, which is out of range"


def wrong_type(key: str, expected: str, value: Any) -> str:
    if isinstance(value, bool):
        hint = "; YAML reads yes, no, on, off, true and false as booleans: put the text in quotes"
    elif isinstance(value, (int, float)):
        hint = f'; YAML read it as a number: put it in quotes, such as {key}: "{value}"'
    else:
        hint = ""
    return f"'{key}' is {described(value)}: give {expected}{hint}"


def is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value) and abs(value) < 1e300
    except OverflowError:  # an integer too big for a float
        return False
