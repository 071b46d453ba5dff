"""Property tests: stubs round-trip; the card loader never raises, whatever the bytes; cmark called directly
renders as cmarkgfm does; a CSV line joined by hand is the csv module's."""

from __future__ import annotations

import re
import subprocess
import sys

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.problems import Problem
from generator.model.stubs import RESERVED_SEGMENTS, format_stub, parse_stub
from generator.read.cards import load_card
from generator.read.markdown_links import link_targets
from generator.read.yaml_lines import YamlError, load_yaml
from generator.render.cmark import FREES, gfm_to_html

PART = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.", min_size=1, max_size=12
).filter(lambda part: set(part) != {"."} and part not in RESERVED_SEGMENTS)
OPTIONAL = st.one_of(st.none(), PART)


@st.composite
def stubs(draw: st.DrawFn) -> str:
    def joined(*parts: str | None) -> str:
        return "-".join(part for part in parts if part is not None)

    return "/".join([
        draw(PART), draw(PART), joined(draw(PART), draw(OPTIONAL)), draw(PART), draw(PART),
        joined(draw(PART), draw(OPTIONAL)), joined(draw(PART), draw(PART), draw(OPTIONAL)),
    ])  # fmt: skip


@given(stubs())
def test_stub_round_trip(text: str) -> None:
    assert format_stub(parse_stub(text)) == text
    assert format_stub(parse_stub(text, is_path=True)) == text
    assert format_stub(parse_stub(f"zoo:{text}?recipe_type=original")) == text


STUB = parse_stub("cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none")
YAMLISH = st.lists(
    st.sampled_from(["---\n", "a: 1\n", "- x\n", "&a [*a]\n", "!!python/name:os.system\n", "{", "]", ": :", "\t",
                     "metrics:\n  - {name: x, value: 1e999, units: '%'}\n", "\xff", "<!--", "-->", "'", '"', "\r\n"]),
    max_size=12,
).map("".join)  # fmt: skip


def check_loader(data: bytes) -> None:
    card, problems = load_card(data, "m/model.md", STUB)
    assert all(isinstance(problem, Problem) for problem in problems)
    assert card is not None or any(problem.level == "error" for problem in problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_loader_never_raises_on_bytes(data: bytes) -> None:
    check_loader(data)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_loader_never_raises_on_yaml_like_text(text: str) -> None:
    check_loader(text.encode("utf-8", "surrogateescape"))


_yaml_keys = st.sampled_from(["name", "value", "1", "yes", "on", "null", "x y", "date", "k"])
_yaml_scalars = st.sampled_from(
    ["a", "1", "0x1f", "1_000", "1.5e3", ".inf", "yes", "No", "~", "null", "2021-02-03", "2021-02-03 04:05:06",
     "'quoted'", '"esc\\u00e9"', "12:30", "0o17", "-", "a b"]
)  # fmt: skip


@st.composite
def _yaml_documents(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for key in draw(st.lists(_yaml_keys, min_size=1, max_size=5)):
        indent = "  " * depth
        kind = draw(st.sampled_from(["scalar", "list", "map"] if depth < 3 else ["scalar"]))
        if kind == "scalar":
            lines.append(f"{indent}{key}: {draw(_yaml_scalars)}")
        elif kind == "list":
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  - {item}" for item in draw(st.lists(_yaml_scalars, max_size=3))]
        else:
            lines.append(f"{indent}{key}:")
            lines.append(draw(_yaml_documents(depth + 1)))
    return "\n".join(lines)


def yaml_outcome(text: str, fast: bool) -> object:
    """What load_yaml gives, or the error it reports."""
    try:
        return load_yaml(text, fast=fast)
    except YamlError as error:
        return (error.message, error.line)


@settings(max_examples=300, deadline=None)
@given(_yaml_documents())
def test_the_fast_yaml_path_reads_what_pyyaml_reads(text: str) -> None:
    # The one-walk path gives the values, lines and repeated keys of PyYAML's constructors and the full walk.
    assert yaml_outcome(text, fast=True) == yaml_outcome(text, fast=False)


@pytest.mark.parametrize("text", ["? [a, b]\n: c\n", "k: =\n", "{[1]: x}\n", "a: 1\n? {b: 2}\n: 3\n"])
def test_documents_the_fast_path_hands_back_read_as_pyyaml_reads_them(text: str) -> None:
    # Keys that are lists or mappings and the '=' value tag are left to PyYAML's constructors, on the same node.
    assert yaml_outcome(text, fast=True) == yaml_outcome(text, fast=False)


# Link text holding '[' is not a link here, as in links.py: a run of '[' is then scanned once, not once per '['.
LINE_OF_A_LINK = re.compile(r"!?\[[^\[\]\n]*\]\(\s*<?([^)\s>]+)|\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']")
MARKDOWNISH = st.lists(
    st.sampled_from(["[a](", "![i](", "x.md", " ", "\t", "\n", "\r", ")", "<", ">", "href", "src", "=", '"', "'",
                     "]", "[", "word", "../f.onnx", 'href="', "src = '", "[a]( \n", "x", "!", "_", "é"]),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(MARKDOWNISH)
def test_links_found_in_a_whole_body_are_those_found_line_by_line(body: str) -> None:
    by_line = [
        (offset, match.group(1) or match.group(2))
        for offset, line in enumerate(body.split("\n"))
        for match in LINE_OF_A_LINK.finditer(line)
    ]
    assert list(link_targets(body)) == by_line


CMARK_OPT_UNSAFE = Options.CMARK_OPT_UNSAFE
GFM_PIECES = st.lists(
    st.sampled_from(["| a | b |\n", "|---|:-:|\n", "| 1 | 2 |\n", "- [ ] ", "- [x] ", "~~", "www.example.com",
                     "https://a.b/c", "<script>", "</script>", "<b>", "```python\n", "```\n", "x = 1\n", "# ", "\n",
                     "\n\n", "*", "_", "`", "[a](b)", "> ", "1. ", "word ", "é", "\x00", "&amp;", "\t", "    "]),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(GFM_PIECES, st.sampled_from([0, CMARK_OPT_UNSAFE]))
def test_cmark_called_directly_renders_as_cmarkgfm_does(text: str, options: int) -> None:
    assert gfm_to_html(text, options) == cmarkgfm.github_flavored_markdown_to_html(text, options)


def test_cmark_is_called_directly_here() -> None:
    # Where zoocat is tested, the binding that frees cmark's memory must be the one in use, not the fallback.
    assert FREES


_GROWTH = """
import sys, cmarkgfm
from generator.render.cmark import gfm_to_html
convert = gfm_to_html if sys.argv[1] == "zoocat" else cmarkgfm.github_flavored_markdown_to_html
body = "| a | b |\\n|---|---|\\n" + "| www.example.com | ~~x~~ *y* |\\n" * 300
def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096
convert(body, 0)
before = resident()
for _ in range(100):
    convert(body, 0)
print(resident() - before)
"""


def test_cmark_frees_what_it_allocates() -> None:
    """100 conversions of a 9 kB table: cmarkgfm's own function keeps every document and page it made (about
    0.7 MB each); zoocat's binding keeps none. The control shows the measure can see a leak."""

    def growth(binding: str) -> int:
        done = subprocess.run([sys.executable, "-c", _GROWTH, binding], capture_output=True, text=True, check=True)
        return int(done.stdout)

    assert growth("cmarkgfm") > 40 * 2**20
    assert growth("zoocat") < 4 * 2**20
