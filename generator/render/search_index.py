"""The whole-zoo search index: script files the search box loads when it is first used (one, or for a big zoo
several parts of about PART_MODELS models each).

It is a script, not JSON, because a page opened from file:// may load a script element but may not fetch().
The index is inverted: a sorted vocabulary (so a prefix is a range found by binary search) and, per word, the
models holding it. Posting lists are strings of base64url characters: gaps between model numbers as variable-length
quantities, or a bitmap when the word is in so many models that a bitmap is shorter. A model's own words are
found when it is loaded (Model.own_words), on every core, and kept in the build's cache with it (a build with a
cache parks them with the page texts: model/page_texts.py).
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from itertools import repeat
from operator import sub
from typing import Any

from ..model.catalog import Catalog
from ..model.model_records import Model
from ..model.page_texts import own_words
from ..model.table_cells import format_metric
from ..model.table_columns import metric_label
from ..model.titles import domain_title, table_title
from ..read.catalog_config import CatalogConfig
from ..read.search_words import tokens

SEARCH_INDEX_URI = "search-index.js"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
BITMAP_MARK = "~"
_SIX_BITS = ALPHABET.encode("ascii") * 4  # a byte of six bits -> its character (bytes.translate needs 256 entries)
_STEP_CHARS = (b"?" + ALPHABET[:32].encode("ascii")).ljust(256, b"?")  # a gap plus one (1 to 32) -> its character


def _named_words(model: Model, config: CatalogConfig, known: dict[str, list[str]]) -> list[str]:
    """Words of the names catalog.yml gives the model's domain, sub-domain and metrics; known caches them."""
    stub = model.stub
    texts = [domain_title(config, stub.domain), table_title(config, stub.domain, stub.sub_domain)]
    texts += [metric_label(config, metric) for metric in model.metrics]
    found = []
    for text in texts:
        words = known.get(text)
        if words is None:
            words = known[text] = tokens(text)
        found += words
    return found


def encode_postings(numbers: list[int], count: int) -> str:
    """Ascending model numbers as gap VLQs, or as a bitmap when that is shorter."""
    bitmap_length = 1 + -(-count // 6)
    # Every number takes at least one character as a gap: more numbers than the bitmap's length, and it wins.
    gaps = _vlq(numbers) if len(numbers) <= bitmap_length else ""
    if gaps and bitmap_length >= len(gaps):
        return gaps
    return BITMAP_MARK + _bitmap(numbers, count)


def _bitmap(numbers: list[int], count: int) -> str:
    """Six models a character, the first model in the lowest bit.

    Words in a sixth of the zoo or more take bitmaps and hold most of its postings: the bits are set and packed
    by C loops (map, int.from_bytes), not one Python step a model.
    """
    places = -(-count // 6)
    flags = bytearray(places * 6)  # one byte a model: 1 where the word is
    _drain(map(flags.__setitem__, numbers, repeat(1)))
    packed = 0
    for bit in range(6):  # byte k of each six is bit k of that six's character
        packed |= int.from_bytes(flags[bit::6], "little") << bit
    return packed.to_bytes(places, "little").translate(_SIX_BITS).decode("ascii")


def _vlq(numbers: list[int]) -> str:
    steps = list(map(sub, numbers, [-1, *numbers[:-1]]))  # each gap plus one
    if max(steps, default=1) <= 32:  # most words: every gap one character, made in one C call
        return bytes(steps).translate(_STEP_CHARS).decode("ascii")
    out: list[str] = []
    for step in steps:
        gap = step - 1
        if gap < 32:
            out.append(ALPHABET[gap])
            continue
        groups = [gap & 31]
        gap >>= 5
        while gap:
            groups.append(gap & 31)
            gap >>= 5
        # Most significant group first; every group but the last is marked by the upper half of the alphabet.
        out += [ALPHABET[32 + group] for group in reversed(groups[1:])]
        out.append(ALPHABET[groups[0]])
    return "".join(out)


def _drain(iterator: Iterator[object]) -> None:
    """Run an iterator to its end, keeping nothing."""
    deque(iterator, maxlen=0)


def search_index(catalog: Catalog, models: Sequence[Model] | None = None) -> dict[str, Any]:
    """The index of `models` (by default every model of the catalog)."""
    titles = {(table.domain, table.sub_domain): table.title for table in catalog.tables}
    table_names = sorted(set(titles.values()))
    table_numbers = {name: number for number, name in enumerate(table_names)}
    postings: dict[str, list[int]] = defaultdict(list)
    records: list[list[object]] = []
    named: dict[str, list[str]] = {}
    models = catalog.models if models is None else models
    for number, (model, words) in enumerate(zip(models, own_words(models, catalog.texts), strict=True)):
        # Each word once already; the appends are driven by map, at C speed: 1.6 million of them at 10,000 models.
        _drain(map(list.append, map(postings.__getitem__, words.split()), repeat(number)))
        for word in _named_words(model, catalog.config, named):
            numbers = postings[word]
            if not numbers or numbers[-1] != number:
                numbers.append(number)
        title = titles.get((model.stub.domain, model.stub.sub_domain), model.stub.sub_domain)
        records.append([model.display_name, model.stub.text, table_numbers[title], _primary(model, catalog)])
    # UTF-16 order, as JavaScript compares strings, so that the script finds a prefix by binary search.
    vocabulary = sorted(postings, key=lambda word: word.encode("utf-16-be"))
    count = len(records)
    return {
        "version": 1,
        "tables": table_names,
        "models": records,
        "words": " ".join(vocabulary),
        "postings": [encode_postings(postings[word], count) for word in vocabulary],
    }


def _primary(model: Model, catalog: Catalog) -> str:
    metric = model.primary_metric
    return f"{metric_label(catalog.config, metric)} {format_metric(metric)}" if metric else ""


# Models a part of the index holds, about: a bigger zoo's index is split, so that no file the search box loads is
# big (2.1 MB at 10,000 models of the benchmark zoo), and results come from the first parts while the others load.
PART_MODELS = 10_000


def part_count(models: int) -> int:
    """A power of two: a model keeps its part while the zoo grows, until the count doubles."""
    count = 1
    while count * PART_MODELS < models:
        count *= 2
    return count


def part_uri(part: int) -> str:
    return SEARCH_INDEX_URI if part == 0 else f"search-index-{part}.js"


def search_index_scripts(catalog: Catalog) -> dict[str, str]:
    """The index as scripts that hand themselves to zoocat-search.js: search-index.js, then the other parts.

    A model's part comes from its stub alone, so an edit changes one part; each part lists its models in stub
    order, and the script merges the parts' results."""
    count = part_count(len(catalog.models))
    parts: list[list[Model]] = [[] for _ in range(count)]
    for model in catalog.models:
        parts[zlib.crc32(model.stub.text.encode("utf-8")) % count].append(model)
    scripts = {}
    for part, models in enumerate(parts):
        data = {**search_index(catalog, models), "part": part, "parts": count}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        name = "zoocatSearchIndex" if part == 0 else f"zoocatSearchPart{part}"
        scripts[part_uri(part)] = f"window.{name}={text};\n"
    return scripts
