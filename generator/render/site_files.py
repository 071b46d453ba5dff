"""The site, or one unit of it, in memory: rendered bytes by site path, and files to publish."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import RenderError

# A page's bytes, or pieces of them made as the file is written (a big data file need never be whole in memory).
Content = bytes | Iterable[bytes]


@dataclass
class SiteFiles:
    """The whole site: rendered bytes by site path, and files to publish from the catalog."""

    pages: dict[str, Content] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # site path -> OS path of the source
    titles: dict[str, str] = field(default_factory=dict)  # site path -> title, for pages drawn in the layout

    def add(self, uri: str, text: str) -> None:
        self.add_bytes(uri, text.encode("utf-8"))

    def add_bytes(self, uri: str, data: Content) -> None:
        if uri in self.pages or uri in self.copies:
            raise RenderError(f"two outputs want the path {uri}")
        self.pages[uri] = data


# The template every page extends: the standalone site's, the content-only one that an MkDocs theme wraps, or
# that one with links to its stylesheets and script, for a page of `zoocat docs`.
