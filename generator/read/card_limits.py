"""How much one card may hold: past these, a hostile or broken card could make a page per tag by the ten thousand, or
a table of a hundred thousand columns. Each limit has its own problem code; catalog.yml's `limits:` raises it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Limit:
    name: str  # its key under `limits:` in catalog.yml
    code: str  # the code of the problem made when a card is over it
    default: int
    counts: str  # what it counts, as a message says it: "tags", "characters"...


# card_bytes keeps the code it had before the other limits were made (card.too-big), and the top-level key
# max_card_bytes is still read as it: catalogs and their `checks:` written for them keep working.
LIMITS = (
    Limit("tags", "limit.tags", 50, "tags"),
    Limit("tag_length", "limit.tag-length", 64, "characters"),
    Limit("name_length", "limit.name-length", 200, "characters"),
    Limit("description_length", "limit.description-length", 2_000, "characters"),
    Limit("body_bytes", "limit.body-bytes", 1_000_000, "bytes"),
    Limit("metrics", "limit.metrics", 500, "metrics"),
    Limit("files", "limit.files", 10_000, "files"),
    Limit("card_bytes", "card.too-big", 4_000_000, "bytes"),
)
BY_NAME = {limit.name: limit for limit in LIMITS}
# A card over card_bytes is not read at all: a card cut short would not parse. It is always left out.
NOT_CUT = frozenset(("card_bytes",))


@dataclass(frozen=True)
class Limits:
    """The limits of a build: name -> value, and the names whose problems catalog.yml lowered below an error, whose
    values are cut to the limit (the card is kept) rather than the card left out."""

    values: tuple[tuple[str, int], ...] = tuple((limit.name, limit.default) for limit in LIMITS)
    cut: tuple[str, ...] = ()  # sorted: its repr is part of the cache's digests, which must not vary between runs

    def __getitem__(self, name: str) -> int:
        return dict(self.values)[name]

    def with_values(self, values: Mapping[str, int]) -> Limits:
        merged = {**dict(self.values), **values}
        return replace(self, values=tuple((limit.name, merged[limit.name]) for limit in LIMITS))

    def lowered(self, levels: Mapping[str, str]) -> Limits:
        """These limits, cutting what is over the ones whose code `checks:` sets to warning or ignore."""
        lowered = (limit for limit in LIMITS if levels.get(limit.code) in ("warning", "ignore"))
        return replace(self, cut=tuple(sorted(limit.name for limit in lowered if limit.name not in NOT_CUT)))

    def over(self, name: str, found: int, what: str) -> str:
        """The message for a value over a limit: what, the limit, the value found and how to raise it."""
        limit = self[name]
        unit = BY_NAME[name].counts
        outcome = f"the first {limit:,} are kept" if name in self.cut else "the card is left out"
        return (
            f"{what} {found:,} {unit}, over the limit of {limit:,} ({outcome}): shorten it, or raise the limit in "
            f"catalog.yml with 'limits: {{{name}: {found}}}'"
        )


DEFAULT_LIMITS = Limits()
