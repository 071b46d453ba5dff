"""zoocat's one family of exceptions.

A `ZoocatError` is a problem the user can act on (input that cannot be read, an output folder that cannot be used, a
theme's template that fails): its message says what went wrong and what to do, and it is shown without a traceback.
Any other exception is a bug in zoocat and keeps its traceback, with a line asking to report it.
"""

from __future__ import annotations


class ZoocatError(Exception):
    """A problem with the user's input, options or theme; the message says why and what to do."""


class LocatedError(ZoocatError, ValueError):
    """Input that cannot be read, with the 1-based line where it went wrong (None when unknown)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class StubError(ZoocatError, ValueError):
    """A string that is not a valid stub; the message says what was expected."""


class BuildError(ZoocatError):
    """The build cannot go on; the message says why and what to do."""


class OutputError(ZoocatError):
    """The output folder cannot be used; the message says why and what to do."""


class RenderError(ZoocatError):
    """A template or the site's layout failed; the message names the template and line."""


class NewModelError(ZoocatError):
    """The model folder cannot be created; nothing was changed. The message says why and what to do."""


class DocsError(ZoocatError):
    """`zoocat docs` cannot go on; the message says why and what to do."""
