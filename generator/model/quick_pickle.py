"""Quick pickling for frozen, slotted records: a build pickles hundreds of thousands of them between processes and
into its cache."""

from __future__ import annotations

import operator
import sys
from typing import Any, TypeVar

T = TypeVar("T", bound=type)

# Strings this short are the ones records repeat (names, units, file names, stub parts); longer ones (a
# description, a URL) are mostly unique, and interning them would only fill the table of interned strings.
SHORT = 64


def quick_pickle(cls: T) -> T:
    """Give a frozen dataclass with slots a state that is the tuple of its slots.

    dataclasses pickles such a class through `fields()`, called for every record both ways; bench/fast_paths.py
    measures what this saves.
    """
    names: tuple[str, ...] = cls.__slots__  # type: ignore[attr-defined]
    state = operator.attrgetter(*names)

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return state(self)

    def __setstate__(self: Any, values: tuple[Any, ...], _set: Any = object.__setattr__, _in: Any = sys.intern) -> None:
        # Short strings are one object each, however many records hold them: records unpickled from the loading
        # workers or the cache would otherwise each have their own 'cv', 'top1_accuracy', 'model.onnx' (a fifth
        # of what a big build held of its models; bench/RESULTS.md).
        for name, value in zip(names, values, strict=True):
            _set(self, name, _in(value) if type(value) is str and len(value) <= SHORT else value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
