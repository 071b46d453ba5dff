"""Split a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LocatedError

_FENCE = "---"


class SplitError(LocatedError):
    """The file has no front matter, or never closes it."""


class NoFrontMatter(SplitError):
    """The file does not start with front matter: all of it is the body."""

    def __init__(self, message: str, line: int | None, text: str) -> None:
        super().__init__(message, line)
        self.text = text


@dataclass(frozen=True)
class SplitText:
    front_matter: str
    front_matter_line: int  # 1-based line of the first YAML line
    body: str
    body_line: int  # 1-based line of the first body line


def decode(data: bytes) -> str:
    """UTF-8 text with a byte-order mark dropped and CRLF line ends made LF."""
    text = data.decode("utf-8")  # UnicodeDecodeError is the caller's to report
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def split_front_matter(text: str) -> SplitText:
    """Blank lines and HTML comments (licence headers) may come before the opening '---'."""
    if not text.strip():
        raise SplitError(
            "the file is empty: write the front matter ('---', the YAML fields, '---') and a Markdown body", None
        )
    lines = text.split("\n")
    start = _skip_preamble(lines)
    if start >= len(lines):
        raise SplitError(
            "no front matter: the file must start with a '---' line, the YAML fields, "
            "and a closing '---' line (blank lines or an HTML comment may come first)",
            None,
        )
    if lines[start].rstrip() != _FENCE:
        # An old Hugging Face card or a plain README: the caller builds the card from the body and its path.
        raise NoFrontMatter("no front matter", start + 1, text)
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in (_FENCE, "..."):
            return SplitText(
                front_matter="\n".join(lines[start + 1 : end]) + "\n",
                front_matter_line=start + 2,
                body="\n".join(lines[end + 1 :]),
                body_line=end + 2,
            )
    raise SplitError(
        "the front matter opened here is never closed: add a '---' line after the YAML fields",
        start + 1,
    )


def _skip_preamble(lines: list[str]) -> int:
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
        elif stripped.startswith("<!--"):
            index = _comment_end(lines, index) + 1
        else:
            break
    return index


def _comment_end(lines: list[str], start: int) -> int:
    first = lines[start].strip()[4:]
    if "-->" in first:
        return start
    for index in range(start + 1, len(lines)):
        if "-->" in lines[index]:
            return index
    return len(lines)
