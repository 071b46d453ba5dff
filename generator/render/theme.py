"""Find theme folders and make the Jinja2 environment (user folder first, then the default)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
from jinja2.bccache import Bucket

from .. import __version__


def default_theme_dir() -> Path:
    here = Path(__file__).resolve().parents[1]
    # Installed wheels carry the theme inside the package; a checkout has it at the top level.
    for candidate in (here / "themes" / "default", here.parent / "themes" / "default"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("zoocat's default theme is missing from the installation")


def theme_dirs(user_dir: str | None = None) -> list[Path]:
    dirs = [default_theme_dir()]
    return [Path(user_dir), *dirs] if user_dir else dirs


# A user's template may replace a default one and still extend it: `{% extends "default/model.html" %}`.
DEFAULT_PREFIX = "default"


def make_environment(dirs: list[Path], compiled: Path | None = None) -> jinja2.Environment:
    """compiled: a folder to keep compiled templates in between builds (compiling takes a fifth of a second, in
    every worker; see _CheckedCache for what is trusted)."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(path) for path in dirs]),
            jinja2.PrefixLoader({DEFAULT_PREFIX: jinja2.FileSystemLoader(str(default_theme_dir()))}),
        ]
    )
    env = _Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # An environment lives for one build: templates need not be checked for changes on every page.
        auto_reload=False,
        bytecode_cache=_CheckedCache(compiled) if compiled else None,
        extensions=[Unindented],
    )
    env.globals["zoocat_version"] = __version__
    return env


class Unindented(jinja2.ext.Extension):
    """An HTML template's lines lose their indentation and its blank lines go: the indentation that makes a
    template readable would otherwise be some 400 bytes of a model page. Text a template inserts (a card's code
    in a <pre>) is never touched: only the template's own source is."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is None or not name.endswith(".html"):
            return source
        return _BLANK_LINES.sub("\n", _INDENTATION.sub("", source))


_INDENTATION = re.compile(r"^[ \t]+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{2,}")


class _CheckedCache(jinja2.BytecodeCache):
    """Compiled templates, kept in a folder of the cache. Jinja names each by the template's name and file, and
    compiles it again when its source's checksum or Jinja's and Python's versions differ from those saved with it;
    what the environment's settings make of a source is zoocat's to say, so each version of zoocat has its own
    folder. Each file begins with a digest of the rest: one edited or cut short is compiled again, never run.
    (A build with --full removes them all first.)"""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"zoocat-{__version__}"

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        seal, code = data[:_SEAL], data[_SEAL:]
        if len(data) > _SEAL and hashlib.blake2b(code, digest_size=_SEAL).digest() == seal:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        path = self._path(bucket)
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(hashlib.blake2b(code, digest_size=_SEAL).digest() + code)
            os.replace(temporary, path)  # whole or not at all, whichever worker writes it
        except OSError:
            temporary.unlink(missing_ok=True)  # not kept: compiled again next time


_SEAL = 16  # bytes of the digest that begins each compiled template's file
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Views are dictionaries, and Jinja2 looks a name up as an attribute first, raising and catching an
    AttributeError for each key: a tenth of a model page's time. A key is looked up first unless the name is one of
    a dictionary's own attributes (`items`), so what a template gets is the same."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def asset_files(dirs: list[Path]) -> dict[str, Path]:
    """assets/NAME -> the first theme folder's copy, so a user overrides one file."""
    found: dict[str, Path] = {}
    for theme in reversed(dirs):
        assets = theme / "assets"
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[path.relative_to(theme).as_posix()] = path
    return dict(sorted(found.items()))
