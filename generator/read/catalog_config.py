"""The catalog's optional `catalog.yml`: site title, readable names, table columns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..model.model_records import metric_key
from ..model.problems import Problem
from ..model.stubs import DEFAULT_BASELINE_TAG
from .card_limits import BY_NAME, DEFAULT_LIMITS, Limits
from .card_report import described
from .discover import hidden_part, is_within
from .yaml_lines import YamlError, as_bool, load_yaml

CONFIG_NAME = "catalog.yml"
KNOWN_KEYS = (
    "title", "description", "base_url", "download_base_url", "names", "tables", "checks", "limits",
    "max_card_bytes", "baseline_tag", "metric_directions", "remote_images",
)  # fmt: skip
LEVELS = ("error", "warning", "ignore")
DEFAULT_MAX_CARD_BYTES = DEFAULT_LIMITS["card_bytes"]


@dataclass(frozen=True)
class CatalogConfig:
    title: str = "Model zoo"
    description: str | None = None
    base_url: str | None = None
    download_base_url: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    table_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    check_levels: dict[str, str] = field(default_factory=dict)  # problem code -> error, warning or ignore
    limits: Limits = DEFAULT_LIMITS
    baseline_tag: str = DEFAULT_BASELINE_TAG  # the sparse tag of the dense model others are compared with
    # metric key -> True when a lower figure is better: overrides what zoocat knows of the key (records.py)
    metric_directions: dict[str, bool] = field(default_factory=dict)
    # Set by `zoocat docs`: a docs engine would make a page of a published `*.md` file (docs_pages.py).
    in_docs_tree: bool = False
    remote_images: bool = False  # cards' images from other sites: shown (true), or links to them (the default)

    @property
    def max_card_bytes(self) -> int:
        return self.limits["card_bytes"]

    def name_for(self, key: str, default: str | None = None) -> str:
        return self.names.get(key, default if default is not None else key.replace("_", " "))


def load_config(root: str) -> tuple[CatalogConfig, list[Problem]]:
    path = os.path.join(root, CONFIG_NAME)
    if not os.path.isfile(path):
        return CatalogConfig(), []
    refused = _link_problem(path, os.path.realpath(root))
    if refused is not None:
        return CatalogConfig(), [refused]
    try:
        with open(path, "rb") as handle:
            loaded = load_yaml(handle.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return CatalogConfig(), [_problem(None, "the file is not UTF-8 text; save it as UTF-8")]
    except YamlError as error:
        return CatalogConfig(), [_problem(error.line, f"not valid YAML: {error.message}")]
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        return CatalogConfig(), [_problem(None, "expected 'key: value' lines at the top level")]
    problems = [
        _problem(loaded.lines.get((key,)), f"unknown key '{key}'; known keys: {', '.join(KNOWN_KEYS)}", "warning")
        for key in data
        if key not in KNOWN_KEYS
    ]
    config = CatalogConfig(
        title=_text(data, "title", problems, loaded.lines) or "Model zoo",
        description=_text(data, "description", problems, loaded.lines),
        base_url=_url(data, "base_url", problems, loaded.lines),
        download_base_url=_url(data, "download_base_url", problems, loaded.lines),
        names=_names(data.get("names"), problems, loaded.lines),
        table_columns=_tables(data.get("tables"), problems, loaded.lines),
        check_levels=_checks(data.get("checks"), problems, loaded.lines),
        limits=_limits(data, problems, loaded.lines),
        baseline_tag=_text(data, "baseline_tag", problems, loaded.lines) or DEFAULT_BASELINE_TAG,
        metric_directions=_directions(data.get("metric_directions"), problems, loaded.lines),
        remote_images=_flag(data, "remote_images", problems, loaded.lines),
    )
    return config, problems


def _link_problem(path: str, real_root: str) -> Problem | None:
    """catalog.yml may be a link within the catalog, but not out of it nor into a hidden folder (.git...)."""
    if not os.path.islink(path):
        return None
    real = os.path.realpath(path)
    if not is_within(real, real_root):
        message = f"{CONFIG_NAME} is a link to a file outside the catalog, so it is not read; put the file itself here"
        return Problem(CONFIG_NAME, None, "warning", "config.link-outside", message)
    if hidden_part(real, real_root):
        message = f"{CONFIG_NAME} is a link into a hidden folder or file, so it is not read; put the file itself here"
        return Problem(CONFIG_NAME, None, "warning", "config.link-hidden", message)
    return None


def _problem(line: int | None, message: str, level: str = "error") -> Problem:
    return Problem(CONFIG_NAME, line, "error" if level == "error" else "warning", "config.invalid", message)


def _text(data: dict[str, Any], key: str, problems: list[Problem], lines: dict[Any, int]) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(_problem(lines.get((key,)), f"'{key}' must be a string"))
    return None


def _flag(data: dict[str, Any], key: str, problems: list[Problem], lines: dict[Any, int]) -> bool:
    value = as_bool(data.get(key, False))
    if isinstance(value, bool):
        return value
    problems.append(_problem(lines.get((key,)), f"'{key}' must be true or false, not {value!r}"))
    return False


def _url(data: dict[str, Any], key: str, problems: list[Problem], lines: dict[Any, int]) -> str | None:
    value = _text(data, key, problems, lines)
    if value is None:
        return None
    if not value.startswith(("https://", "http://")):
        problems.append(
            _problem(lines.get((key,)), f"'{key}' must be an http(s) URL, such as https://USER.github.io/REPO/")
        )
        return None
    return value if value.endswith("/") else value + "/"


def _names(value: Any, problems: list[Problem], lines: dict[Any, int]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.append(_problem(lines.get(("names",)), "'names' must map keys to readable names"))
        return {}
    return {str(key): text for key, text in value.items()}


def _checks(value: Any, problems: list[Problem], lines: dict[Any, int]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(level in LEVELS for level in value.values()):
        message = f"'checks' must map problem codes to one of {', '.join(LEVELS)} (e.g. card.unknown-key: ignore)"
        problems.append(_problem(lines.get(("checks",)), message))
        return {}
    return {str(code): str(level) for code, level in value.items()}


def _limits(data: dict[str, Any], problems: list[Problem], lines: dict[Any, int]) -> Limits:
    values: dict[str, int] = {}
    if _positive(data.get("max_card_bytes"), "max_card_bytes", ("max_card_bytes",), problems, lines):
        values["card_bytes"] = data["max_card_bytes"]  # the key card_bytes had before `limits:`
    given = data.get("limits")
    if given is None:
        return DEFAULT_LIMITS.with_values(values)
    if not isinstance(given, dict):
        problems.append(_problem(lines.get(("limits",)), "'limits' must map limit names to numbers, such as tags: 100"))
        return DEFAULT_LIMITS.with_values(values)
    for name, value in given.items():
        if name not in BY_NAME:
            message = f"unknown limit '{name}' under 'limits'; known limits: {', '.join(BY_NAME)}"
            problems.append(_problem(lines.get(("limits", name), lines.get(("limits",))), message))
        elif _positive(value, f"limits.{name}", ("limits", name), problems, lines):
            values[name] = value
    return DEFAULT_LIMITS.with_values(values)


def _positive(value: Any, key: str, at: tuple[str, ...], problems: list[Problem], lines: dict[Any, int]) -> bool:
    """Whether value is a positive whole number; when given and not one, a problem says so."""
    if value is None:
        return False
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        problems.append(_problem(lines.get(at), f"'{key}' is {described(value)}: give a positive whole number"))
        return False
    return True


def _tables(value: Any, problems: list[Problem], lines: dict[Any, int]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    columns: dict[str, tuple[str, ...]] = {}
    if not isinstance(value, dict):
        problems.append(_problem(lines.get(("tables",)), "'tables' must map DOMAIN/SUB_DOMAIN to settings"))
        return {}
    for key, settings in value.items():
        listed = settings.get("columns") if isinstance(settings, dict) else None
        if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
            message = f"tables.{key} needs 'columns': a list of column keys"
            problems.append(_problem(lines.get(("tables", key)), message))
            continue
        columns[str(key)] = tuple(listed)
    return columns


DIRECTIONS = {"lower": True, "higher": False}


def _directions(value: Any, problems: list[Problem], lines: dict[Any, int]) -> dict[str, bool]:
    """`metric_directions: {my_score: lower, bleu: higher}`, keyed as metric columns are (`mAP@0.5` -> map_0_5)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        message = "'metric_directions' must map metric names to lower or higher, such as my_score: lower"
        problems.append(_problem(lines.get(("metric_directions",)), message))
        return {}
    directions = {}
    for name, direction in value.items():
        if direction not in DIRECTIONS:
            message = (
                f"metric_directions.{name} must be 'lower' or 'higher' (which figure is better), not {direction!r}"
            )
            problems.append(
                _problem(lines.get(("metric_directions", name), lines.get(("metric_directions",))), message)
            )
            continue
        directions[metric_key(str(name))] = DIRECTIONS[direction]
    return directions
