"""Checks across the whole catalog, run after every card is loaded, and the levels catalog.yml sets."""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ..errors import StubError
from ..read.discover import CARD_NAME
from .catalog import Catalog
from .model_records import Model
from .near_values import FIELDS, find_near_values, scope_of
from .problems import Problem
from .stubs import parse_stub


def check_catalog(catalog: Catalog, root: str) -> list[Problem]:
    problems: list[Problem] = []
    stubs = {model.stub.text for model in catalog.models}
    for model in catalog.models:
        problems += _body_links(model, root)
        problems += _named_models(model, stubs)
    problems += _case_collisions(catalog)
    problems += _near_values(catalog)
    return problems


def apply_levels(problems: list[Problem], levels: dict[str, str]) -> list[Problem]:
    """catalog.yml's `checks:` turns a code into an error, a warning, or nothing."""
    changed = []
    for problem in problems:
        level = levels.get(problem.code)
        if level == "ignore":
            continue
        changed.append(replace(problem, level=level) if level in ("error", "warning") else problem)  # type: ignore[arg-type]
    return changed


def _body_links(model: Model, root: str) -> list[Problem]:
    """One problem per broken target, at its first line: a badge or logo repeated down a card is one mistake."""
    card_rel = f"{model.stub}/{CARD_NAME}"
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    for offset, target in model.link_targets:
        first.setdefault(target, offset)
        count[target] += 1
    problems = []
    for target, offset in first.items():
        message = _link_problem(model.stub.text, target, root)
        if message:
            if count[target] > 1:
                message += f" (linked {count[target]} times; this is the first)"
            problems.append(Problem(card_rel, model.card.body_line + offset, "warning", "card.broken-link", message))
    return problems


def _link_problem(card_dir: str, url: str, root: str) -> str | None:
    target = posixpath.normpath(posixpath.join(card_dir, unquote(urlsplit(url).path)))
    if target == ".." or target.startswith("../"):
        return f"the link '{url}' leads out of the catalog; link to files inside it"
    if not os.path.exists(os.path.join(root, target)):
        return f"the link '{url}' points at {target}, which does not exist; fix the path or add the file"
    return None


def _named_models(model: Model, stubs: set[str]) -> list[Problem]:
    problems = []
    card_rel = f"{model.stub}/{CARD_NAME}"
    for key, value in (("base", model.card.base), ("parent", model.card.parent)):
        if not value:
            continue
        named = _stub_named(value)
        if named is None:
            message = f"{key}: {value!r} is not a model stub; write the stub of the {key} model"
            problems.append(Problem(card_rel, None, "warning", "card.base-invalid", message))
            continue
        if named not in stubs:
            message = f"{key}: the model {named} is not in this catalog; add it or fix the stub"
            problems.append(Problem(card_rel, None, "warning", "card.base-missing", message))
    return problems


@lru_cache(maxsize=4096)  # a family's models all name the same base
def _stub_named(value: str) -> str | None:
    try:
        return str(parse_stub(value))
    except StubError:
        return None


def _case_collisions(catalog: Catalog) -> list[Problem]:
    """Two stubs that differ only in case share a page on macOS and Windows checkouts."""
    seen: dict[str, str] = {}
    problems = []
    for model in catalog.models:
        stub = model.stub.text
        first = seen.setdefault(stub.lower(), stub)
        if first != stub:
            message = f"this stub differs from {first} only in letter case; their pages collide on many systems"
            problems.append(Problem(f"{stub}/{CARD_NAME}", None, "warning", "stub.case-collision", message))
    return problems


def _near_values(catalog: Catalog) -> list[Problem]:
    """A stub value few models use, close to one more models use, is likely a typo in a folder name."""
    near = find_near_values(model.stub for model in catalog.models)
    problems = []
    for model in catalog.models:
        for field in FIELDS:
            found = near.get((field, scope_of(model.stub, field), getattr(model.stub, field)))
            if found:
                card_rel = f"{model.stub}/{CARD_NAME}"
                problems.append(Problem(card_rel, None, "warning", "stub.near-duplicate", found.message))
    return problems
