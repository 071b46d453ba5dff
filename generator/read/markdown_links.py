"""The links a card body makes: to files of its folder, to other models, to the web."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

# Markdown links and images, and href/src attributes of raw HTML: enough to find links to files.
# It runs over whole bodies, so no part of it may cross a line, as a link cannot. It starts with a set of characters
# ('[', 'h', 's'), which re finds quickly; the lookbehinds then ask for a word start and the rest of the attribute.
# A link text holds no '[': a try from one '[' stops at the next, so a long run of '[' is not scanned once per '['.
_LINK = re.compile(
    r"\[[^\[\]\n]*\]\([^\S\n]*<?([^)\s>]+)"
    r"|[hs](?<!\w[hs])(?:(?<=h)ref|(?<=s)rc)[^\S\n]*=[^\S\n]*[\"']([^\"'\n]+)[\"']"
)


def link_targets(body: str) -> Iterator[tuple[int, str]]:
    """Each link's target in a card body, with its line's offset in the body."""
    # One scan of the whole body, not one per line: most bodies have no link, and lines are counted only for those,
    # from the last link on (counting from the start each time reads a body of many links once per link).
    line, counted = 0, 0
    for match in _LINK.finditer(body):
        line += body.count("\n", counted, match.start())
        counted = match.start()
        yield line, match.group(1) or match.group(2)


def file_links(body: str) -> Iterator[tuple[int, str]]:
    """The links to files (relative paths, which the build checks), each with its line's offset in the body. Links
    to the web and to anchors are left out as the card is read: a build keeps these for every model."""
    for offset, url in link_targets(body):
        parts = urlsplit(url)
        if parts.path and not (parts.scheme or parts.netloc or url.startswith(("#", "/"))):
            yield offset, url
