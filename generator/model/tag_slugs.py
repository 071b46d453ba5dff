"""Folder names for tags: cards write any text, the site needs a safe, stable, unique path segment for each."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..read.discover import CARD_NAME
from .model_records import Model
from .problems import Problem

MAX_SLUG = 60
# Names Windows refuses for a folder, whatever the case.
RESERVED = frozenset(("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))))


def slugify(name: str) -> str:
    """'BERT (base)' -> 'bert-base': ASCII letters, digits and '_', runs of anything else one '-'.

    A slug never holds '--', so the '--' of a disambiguated slug cannot meet another tag's plain one.
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        return "tag"
    return f"{slug}-tag" if slug in RESERVED else slug


def tag_slugs(by_tag: dict[str, list[Model]]) -> tuple[dict[str, str], list[Problem]]:
    """Tag -> slug. Tags that make the same slug keep it apart with a hash of the tag, and are reported."""
    groups: dict[str, list[str]] = {}
    for name in sorted(by_tag):
        groups.setdefault(slugify(name), []).append(name)
    slugs: dict[str, str] = {}
    problems: list[Problem] = []
    for slug, names in groups.items():
        # The tag already written as its slug keeps it; else the first by code point. Both are stable.
        keeper = slug if slug in names else names[0]
        slugs[keeper] = slug
        others = [name for name in names if name != keeper]
        for name, unique in zip(others, _hashed(slug, others), strict=True):
            slugs[name] = unique
            problems.append(_clash(name, keeper, slug, unique, by_tag[name][0]))
    return slugs, problems


def _hashed(slug: str, names: list[str]) -> list[str]:
    """slug--HASH for each name, the hash long enough to tell them all apart."""
    digests = [hashlib.sha256(name.encode("utf-8")).hexdigest() for name in names]
    size = 8
    while len({digest[:size] for digest in digests}) < len(digests):
        size += 4
    return [f"{slug}--{digest[:size]}" for digest in digests]


def _clash(name: str, keeper: str, slug: str, unique: str, model: Model) -> Problem:
    message = (
        f"the tags {name!r} and {keeper!r} would share the page tags/{slug}/; {name!r} gets tags/{unique}/ instead: "
        "write one spelling on every card, or tags that differ in letters or digits"
    )
    return Problem(f"{model.stub}/{CARD_NAME}", None, "warning", "card.tag-slug", message)
