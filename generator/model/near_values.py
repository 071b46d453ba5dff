"""Stub values that look like a typo of a value other models use: `imagnet` beside `imagenet`.

Two values are near when, ignoring case and the separators `-`, `_` and `.`, they are equal or one letter apart
(one letter added, dropped, or two neighbours swapped). To keep real, distinct names apart:
- values whose numbers differ never match (`resnet_v1` and `resnet_v2`, `yolov5` and `yolov8`);
- a one-letter difference counts only for names of seven letters or more, whose first letters agree, and never
  a changed letter (`bert` and `obert`, `resnet` and `resnext`, `efficientnet` and `efficientdet` are all kept);
- a value that extends another after a separator is a variant (`imagenet_r` of `imagenet`).
Only the value fewer models use is flagged: the rare one is the likely typo.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .stubs import Stub

# Stub fields whose values repeat across a zoo; sub-domains are compared within their domain.
FIELDS = ("domain", "sub_domain", "architecture", "framework", "repo", "dataset")
_SEPARATORS = re.compile(r"[-_.]")
_NUMBERS = re.compile(r"\d+")
_MIN_EDIT_LENGTH = 7


@dataclass(frozen=True)
class NearValue:
    """A stub value used by few models next to similar values used by more."""

    field: str
    value: str
    count: int
    suggestions: tuple[tuple[str, int], ...]  # (value, models using it), most used first

    @property
    def message(self) -> str:
        offers = " or ".join(f"'{value}' (used by {count})" for value, count in self.suggestions)
        return (
            f"{self.field} '{self.value}' is used by {_models(self.count)}; did you mean {offers}? "
            "If so, rename the folder"
        )


def find_near_values(stubs: Iterable[Stub]) -> dict[tuple[str, str, str], NearValue]:
    """Near values by (field, scope, value); the scope is the domain for sub-domains, else ''."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for stub in stubs:
        for field in FIELDS:
            counts[(field, scope_of(stub, field), getattr(stub, field))] += 1
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for (field, scope, value), count in counts.items():
        groups.setdefault((field, scope), {})[value] = count
    found: dict[tuple[str, str, str], NearValue] = {}
    for (field, scope), used in groups.items():
        for near in _near_in_group(field, used):
            found[(field, scope, near.value)] = near
    return found


def scope_of(stub: Stub, field: str) -> str:
    return stub.domain if field == "sub_domain" else ""


def _near_in_group(field: str, used: dict[str, int]) -> list[NearValue]:
    by_key: dict[str, list[str]] = {}
    for value in used:
        for key in _lookup_keys(_normalise(value)):
            by_key.setdefault(key, []).append(value)
    found = []
    for value, count in sorted(used.items()):
        candidates = {other for key in _lookup_keys(_normalise(value)) for other in by_key[key]}
        better = [other for other in candidates if used[other] > count and is_near(value, other)]
        if better:
            ranked = sorted(better, key=lambda other: (-used[other], other))
            found.append(NearValue(field, value, count, tuple((other, used[other]) for other in ranked)))
    return found


def _lookup_keys(normal: str) -> set[str]:
    """The value itself and every form with one letter dropped: two values one edit apart share a key."""
    keys = {normal}
    if len(normal) >= _MIN_EDIT_LENGTH:
        keys.update(normal[:index] + normal[index + 1 :] for index in range(len(normal)))
    return keys


def is_near(value: str, other: str) -> bool:
    """True when `value` looks like a slip of the keyboard for `other` (see the module's rules)."""
    if value == other or _NUMBERS.findall(value) != _NUMBERS.findall(other):
        return False
    first, second = _normalise(value), _normalise(other)
    if first == second:
        return True
    if _extends(value.lower(), other.lower()) or _extends(other.lower(), value.lower()):
        return False
    if min(len(first), len(second)) < _MIN_EDIT_LENGTH or first[0] != second[0]:
        return False
    return _one_letter_apart(first, second)


def _normalise(value: str) -> str:
    return _SEPARATORS.sub("", value.lower())


def _extends(longer: str, shorter: str) -> bool:
    return longer.startswith(shorter) and _SEPARATORS.fullmatch(longer[len(shorter) : len(shorter) + 1]) is not None


def _one_letter_apart(first: str, second: str) -> bool:
    if len(first) == len(second):
        index = _first_difference(first, second)
        swapped = first[index : index + 2][::-1]
        return swapped == second[index : index + 2] and first[index + 2 :] == second[index + 2 :]
    if abs(len(first) - len(second)) != 1:
        return False
    shorter, longer = sorted((first, second), key=len)
    index = _first_difference(shorter, longer)
    return shorter[index:] == longer[index + 1 :]


def _first_difference(first: str, second: str) -> int:
    differences = (index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b)
    return next(differences, min(len(first), len(second)))


def _models(count: int) -> str:
    return f"{count} model{'s' * (count != 1)}"
