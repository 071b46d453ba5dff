"""Each fast path against the plain way it replaces, on the same generated zoo, in the same run.

Usage: python bench/fast_paths.py [--models N] [--repeats R]

A fast path that duplicates a library must save at least 10% of the operation it sits in, or go. (The CSV line
joined by hand, measured here until it went, is in bench/RESULTS.md.) For each one the
operation is timed with the fast path and with the plain way, alternating, R times each; the fastest of each is
reported with their ratio (fast / plain: 0.90 or less keeps it).

- yaml: reading the front matter of every card with load_yaml, with the plain-text path (fast=True) against
  PyYAML's constructors and the separate line walk (fast=False).
- pickling: pickling the catalog's models and loading them back (what the cache and the card workers do), with
  each slotted record's own tuple state, against the state dataclasses gives a frozen slotted class.
- relative links: making every model's record of catalog.json (a link to its page and to each of its files, relative
  to the file), with relative() against posixpath.relpath and quote.
- background: a rebuild after one card's body changed, with its overlapped work (listing the output while the
  cache loads; the checks and the search index while the rest renders) in forked processes (workers.Background),
  against the same work done in turn in this process.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import pickle
import posixpath
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

from generator.build import load_catalog  # noqa: E402
from generator.model.catalog import Catalog  # noqa: E402
from generator.read.front_matter import split_front_matter  # noqa: E402
from generator.read.yaml_lines import load_yaml  # noqa: E402


def fastest(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def compare(name: str, fast: Callable[[], object], plain: Callable[[], object], repeats: int) -> dict[str, Any]:
    """Alternate the two, one repeat at a time, so that the machine's load falls on both."""
    fast_best = plain_best = float("inf")
    for _ in range(repeats):
        fast_best = min(fast_best, fastest(fast, 1))
        plain_best = min(plain_best, fastest(plain, 1))
    ratio = fast_best / plain_best
    verdict = "keep" if ratio <= 0.90 else "remove"
    print(f"{name:16} fast {fast_best:8.4f} s   plain {plain_best:8.4f} s   ratio {ratio:.2f}   {verdict}")
    return {"name": name, "fast": fast_best, "plain": plain_best, "ratio": ratio}


def bench_yaml(zoo: Path, repeats: int) -> dict[str, Any]:
    cards = sorted(zoo.rglob("model.md"))
    texts = [split_front_matter(card.read_text(encoding="utf-8")).front_matter for card in cards]
    texts = [text for text in texts if text]

    def reading(fast: bool) -> Callable[[], object]:
        return lambda: [load_yaml(text, fast=fast) for text in texts]

    assert reading(True)() == reading(False)()
    return compare("yaml", reading(True), reading(False), repeats)


def bench_pickle(catalog: Catalog, repeats: int) -> dict[str, Any]:
    from generator.model import model_records as records
    from generator.model import stubs

    models = list(catalog.models)
    for model in models:  # what the card workers make before the models are pickled
        model.own_words  # noqa: B018
        model.link_targets  # noqa: B018
    classes = [records.Metric, records.FileEntry, records.Recipe, records.ModelCard, records.ModelDates, stubs.Stub]
    quick = {cls: (cls.__getstate__, cls.__setstate__) for cls in classes}
    plain = {cls: (dataclasses._dataclass_getstate, dataclasses._dataclass_setstate) for cls in classes}  # type: ignore[attr-defined]

    def with_states(states: dict[type, tuple[Any, Any]]) -> Callable[[], object]:
        def run() -> object:
            for cls, (get, set_) in states.items():
                cls.__getstate__, cls.__setstate__ = get, set_  # type: ignore[method-assign]
            return pickle.loads(pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL))

        return run

    try:
        assert with_states(quick)() == with_states(plain)() == models
        return compare("pickling", with_states(quick), with_states(plain), repeats)
    finally:
        with_states(quick)()


def relpath_link(target_uri: str, page_uri: str) -> str:
    return quote(posixpath.relpath(target_uri, posixpath.dirname(page_uri) or "."), safe="/")


def bench_relative(catalog: Catalog, repeats: int) -> dict[str, Any]:
    from generator.render import data_records, model_views, views

    users = (views, model_views, data_records)  # the modules whose calls of relative() a record makes
    for model in catalog.models:  # both ways must give the same links
        assert views.relative(model.page_uri, "catalog.json") == relpath_link(model.page_uri, "catalog.json")

    def records(link: Callable[[str, str], str]) -> Callable[[], object]:
        def run() -> object:
            for module in users:
                module.relative = link  # type: ignore[attr-defined]
            return [data_records.model_data(model, catalog) for model in catalog.models]

        return run

    original = views.relative
    try:
        assert records(original)() == records(relpath_link)()
        return compare("relative links", records(original), records(relpath_link), repeats)
    finally:
        for module in users:
            module.relative = original  # type: ignore[attr-defined]


class Inline:
    """workers.Background where nothing forks: the work done when its result is asked for."""

    def __init__(self, function: Callable[[Any], Any], argument: Any) -> None:
        self._function, self._argument = function, argument

    def result(self) -> Any:
        return self._function(self._argument)

    def close(self) -> None:
        pass


def bench_background(zoo: Path, scratch: Path, repeats: int) -> dict[str, Any]:
    from generator import build
    from generator.incremental import last_build, unit_writing

    users = (last_build, unit_writing)  # the modules that start Background work
    options = build.BuildOptions(catalog=str(zoo), output=str(scratch / "site"))
    build.build(options)
    card = sorted(zoo.rglob("model.md"))[0]
    text = card.read_text(encoding="utf-8")
    edits = iter(range(10**6))
    original = last_build.Background

    def rebuild(helper: Any) -> Callable[[], object]:
        def run() -> object:
            for module in users:
                module.Background = helper  # type: ignore[attr-defined]
            card.write_text(f"{text}\nEdit {next(edits)}.\n", encoding="utf-8")
            return build.build(options)

        return run

    try:
        return compare("background", rebuild(original), rebuild(Inline), repeats)
    finally:
        for module in users:
            module.Background = original  # type: ignore[attr-defined]
        card.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        zoo = Path(scratch) / "zoo"
        generate(args.models, zoo)
        catalog, _problems = load_catalog(str(zoo))
        print(f"{len(catalog.models):,} models, fastest of {args.repeats}, alternating")
        bench_yaml(zoo, args.repeats)
        bench_pickle(catalog, args.repeats)
        bench_relative(catalog, args.repeats)
        bench_background(zoo, Path(scratch), args.repeats)


if __name__ == "__main__":
    main()
