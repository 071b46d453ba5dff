"""Safe YAML loading that keeps line numbers and reports duplicate keys."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import LocatedError

# libyaml's parser is the faster; construction stays in Python either way.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LinePath = tuple[str | int, ...]


class YamlError(LocatedError):
    """Not valid YAML, or YAML zoocat refuses (tags, alias bombs, values that cannot be read)."""


@dataclass(frozen=True)
class LoadedYaml:
    data: Any
    lines: dict[LinePath, int]  # 1-based line of each mapping key and list item, relative to the text
    duplicates: tuple[tuple[str, int], ...]  # (key, line) of each repeated key


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """The safe loader; unknown tags fail instead of constructing anything. Only true and false are booleans, as in
    YAML 1.2, which the Hugging Face Hub reads cards by: there `language: [en, no]` is English and Norwegian, and
    YAML 1.1 (PyYAML's) would read `no` as false."""


_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
}
_StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# YAML 1.1's other words for true and false, which YAML 1.2 reads as text: a field that wants true or false still
# takes them, with the meaning they had.
_OTHER_BOOLEANS = {
    spelling: meaning
    for meaning, words in ((True, ("yes", "on")), (False, ("no", "off")))
    for word in words
    for spelling in (word, word.capitalize(), word.upper())
}


def as_bool(value: Any) -> Any:
    """A value given for true or false, with YAML 1.1's yes, no, on and off as the booleans they were there."""
    return _OTHER_BOOLEANS.get(value, value) if isinstance(value, str) else value


def load_yaml(text: str, fast: bool = True) -> LoadedYaml:
    """Parse one YAML document; raise YamlError with a 1-based line on bad input."""
    loader = _StrictLoader(text)
    node = None
    lines: dict[LinePath, int] = {}
    duplicates: list[tuple[str, int]] = []
    plain = False
    try:
        node = loader.get_single_node()
        if node is not None and fast and _is_plain(text):
            try:
                data = _Plain(loader, lines, duplicates).value(node, ())
                plain = True
            except _NotPlain:  # the same node, through PyYAML's constructors
                lines.clear()
                duplicates.clear()
                data = loader.construct_document(node)
        else:
            data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(_describe(error), line) from None
    except yaml.YAMLError as error:
        raise YamlError(str(error).replace("\n", " "), None) from None
    except (ValueError, OverflowError, TypeError) as error:
        # PyYAML's constructors raise these for impossible dates (2021-02-30) or huge integers.
        line = _unreadable_line(loader, node) if node is not None else None
        raise YamlError(f"a value cannot be read ({error}); quote it to keep it as text", line) from None
    except RecursionError:
        raise YamlError("the YAML nests too deeply; flatten it", None) from None
    finally:
        loader.dispose()
    if node is not None and not plain:
        _check_expanded_size(node)
        _collect(node, (), lines, duplicates, set())
    return LoadedYaml(data, lines, tuple(duplicates))


def _check_expanded_size(node: yaml.Node) -> None:
    """Refuse YAML whose aliases expand it past MAX_EXPANDED_NODES values (an alias bomb)."""
    try:
        size = _expanded_size(node, {})
    except RecursionError:
        raise YamlError("the YAML nests too deeply; flatten it", None) from None
    if size > MAX_EXPANDED_NODES:
        message = (
            f"aliases expand this YAML to {size:,} values (the limit is {MAX_EXPANDED_NODES:,}); "
            "write the values out instead of repeating anchors"
        )
        raise YamlError(message, None)


# An alias ('*name') or a tag ('!name') starts a token, after a space, a line start or a flow bracket or comma;
# '<<' is a merge. Text without them has neither (a match may be a false alarm, which costs only speed).
_NOT_PLAIN = re.compile(r"(?:^|[\s\[{,])[*!]|<<")


def _is_plain(text: str) -> bool:
    # Without aliases, tags and merges each node is its own value, read once: the document cannot expand.
    return _NOT_PLAIN.search(text) is None


class _NotPlain(Exception):
    """A node the plain path leaves to PyYAML's constructors."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
}


_SHARED_LENGTH = 40


class _Plain:
    """Values, lines and repeated keys in one walk of the node tree.

    PyYAML's constructors walk the tree once to make the values and zoocat walked it twice more, for lines and
    for alias expansion; for a document without aliases, tags or merges one walk does all, with the same values.
    """

    def __init__(self, loader: Any, lines: dict[LinePath, int], duplicates: list[tuple[str, int]]) -> None:
        self.loader = loader
        self.lines = lines
        self.duplicates = duplicates

    def value(self, node: yaml.Node, path: LinePath) -> Any:
        tag = node.tag
        if tag == _STR:
            text: str = node.value
            # Short texts repeat from card to card (keys, units, tags, devices): one shared copy of each keeps a big
            # zoo's catalog and its cache smaller, and faster to save and load.
            return sys.intern(text) if len(text) <= _SHARED_LENGTH else text
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                item_path = (*path, index)
                if len(path) <= _LINE_DEPTH:
                    self.lines[item_path] = item.start_mark.line + 1
                items.append(self.value(item, item_path))
            return items
        method = _SCALARS.get(tag)
        if method is None or not isinstance(node, yaml.ScalarNode):
            raise _NotPlain
        return getattr(self.loader, method)(node)

    def mapping(self, node: yaml.MappingNode, path: LinePath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        track = len(path) <= _LINE_DEPTH
        written: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NotPlain  # a list or mapping as a key: PyYAML says why it cannot be one
            text = str(key_node.value)
            if track:
                line = key_node.start_mark.line + 1
                if text in written:
                    self.duplicates.append((".".join(map(str, (*path, text))), line))
                written.add(text)
                self.lines.setdefault((*path, text), line)
            result[self.value(key_node, ())] = self.value(value_node, (*path, text))
        return result


# Lines and repeated keys are looked for this deep: as deep as a card's fields go (a model-index value is at
# model-index, 0, results, 0, metrics, 0, value).
_LINE_DEPTH = 7


# A card is a page of text: far fewer values than this, even with generous use of anchors.
MAX_EXPANDED_NODES = 100_000


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the document has once every alias is expanded (each node counted once per use)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a node that contains itself counts once
    size = 1
    if isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, memo) for item in node.value)
    memo[id(node)] = size
    return size


def _unreadable_line(loader: Any, root: yaml.Node) -> int | None:
    """The line of the first value PyYAML cannot construct, in document order."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif node.tag in loader.yaml_constructors:
            try:
                loader.yaml_constructors[node.tag](loader, node)
            except (ValueError, OverflowError, TypeError):
                return int(node.start_mark.line) + 1
    return None


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context, error.problem]
    text = "; ".join(str(part) for part in parts if part)
    if isinstance(error, yaml.constructor.ConstructorError):
        text += "; YAML tags are not allowed here: remove the tag, or quote the value to keep it as text"
    return text


def _collect(
    node: yaml.Node,
    path: LinePath,
    lines: dict[LinePath, int],
    duplicates: list[tuple[str, int]],
    seen: set[int],
) -> None:
    # Aliases share nodes: visiting each node once keeps a billion-laughs document cheap.
    if id(node) in seen or len(path) > _LINE_DEPTH:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in keys:
                duplicates.append((".".join(map(str, (*path, key))), line))
            keys.add(key)
            lines.setdefault((*path, key), line)
            _collect(value_node, (*path, key), lines, duplicates, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            lines[item_path] = item.start_mark.line + 1
            _collect(item, item_path, lines, duplicates, seen)
