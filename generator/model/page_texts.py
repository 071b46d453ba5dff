"""The texts that only a model's own pages show, kept in a file beside the build's cache instead of in memory.

A model's card body, its commands and other card fields and its recipes' texts are read by one unit each (the
model's page and its recipe pages), yet a build held them for every model from start to end: a third of what it
held at 10,000 models. A build with a cache parks them here as each card is read and its model keeps only where
they are (Model.texts_at); the unit that draws the pages takes them back (`whole`). The model's own words, which
only the search index reads, are parked after them, as plain text (`own_words`): the index reads them all.

The file is only ever appended to, so that what the last build's state points at stays where it was while an
update adds the texts of the cards it read again; a full build starts a new file, and the build that saves its
state removes the others (incremental/cache.py).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import BuildError
from .model_records import Model, Recipe
from .quick_pickle import quick_pickle

TEXTS_PREFIX = "texts-"


@quick_pickle
@dataclass(frozen=True, slots=True)
class PageTexts:
    body_markdown: str
    commands: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    extra: dict[str, Any]
    recipes: tuple[Recipe, ...]


@dataclass(frozen=True)
class TextStore:
    path: Path  # TEXTS_PREFIX + a name of its own, in the cache folder

    @property
    def size(self) -> int:
        """The file's size, or -1 when it is gone: a state that points past it cannot be used."""
        try:
            return os.path.getsize(self.path)
        except OSError:
            return -1

    @contextmanager
    def parking(self) -> Iterator[Callable[[Model], Model]]:
        """A function that parks a model's page texts at the end of the file and returns the model without them."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as handle:
            handle.seek(0, os.SEEK_END)

            def park(model: Model) -> Model:
                data = pickle.dumps(_texts(model), protocol=pickle.HIGHEST_PROTOCOL)
                words = model.own_words.encode("utf-8", "surrogatepass")
                offset = handle.tell()
                handle.write(data + words)
                return _without_texts(model, (offset, len(data), len(words)))

            yield park

    def whole(self, model: Model) -> Model:
        """The model with its page texts, read back from the file when they were parked."""
        if model.texts_at is None:
            return model
        offset, size, words = model.texts_at
        with open(self.path, "rb") as handle:
            data = os.pread(handle.fileno(), size + words, offset)
        try:
            texts = pickle.loads(data[:size])
        except Exception:  # a file changed by hand can fail to unpickle in many ways
            texts = None
        if not isinstance(texts, PageTexts):
            raise self._changed(model)
        card = replace(model.card, body_markdown=texts.body_markdown, commands=texts.commands, extra=texts.extra)
        own_words = self._decoded(data[size:], model)
        return replace(model, card=card, recipes=texts.recipes, own_words=own_words, texts_at=None)

    def own_words(self, models: Iterable[Model]) -> Iterator[str]:
        """Each model's own words, read with one open file (the search index reads every model's)."""
        with open(self.path, "rb") as handle:
            for model in models:
                if model.texts_at is None:
                    yield model.own_words
                else:
                    offset, size, words = model.texts_at
                    yield self._decoded(os.pread(handle.fileno(), words, offset + size), model)

    def _decoded(self, data: bytes, model: Model) -> str:
        try:
            return data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise self._changed(model) from None

    def _changed(self, model: Model) -> BuildError:
        return BuildError(
            f"{self.path} does not hold the page texts of {model.stub}: it was changed since the build that wrote "
            "it; run the build again with --full"
        )


def _texts(model: Model) -> PageTexts:
    card = model.card
    return PageTexts(card.body_markdown, card.commands, card.extra, model.recipes)


def _without_texts(model: Model, at: tuple[int, int, int]) -> Model:
    card = replace(model.card, body_markdown="", commands=(), extra={})
    # A recipe's name and path stay: the site's list of pages and the model's files need them.
    recipes = tuple(replace(recipe, yaml_text="", body_markdown="") for recipe in model.recipes)
    return replace(model, card=card, recipes=recipes, own_words="", texts_at=at)


def whole(model: Model, store: TextStore | None) -> Model:
    """The model with its page texts: as it is when they were never parked."""
    if model.texts_at is None:
        return model
    if store is None:
        raise RuntimeError(f"the page texts of {model.stub} were parked, and the catalog has no store to read them")
    return store.whole(model)


def own_words(models: Iterable[Model], store: TextStore | None) -> Iterator[str]:
    """Each model's own words: read back when they were parked."""
    return store.own_words(models) if store is not None else (model.own_words for model in models)
