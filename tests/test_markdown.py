"""Card bodies are GitHub Flavored Markdown, demoted a level, highlighted and sanitized."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.read.markdown_nesting import first_too_deep
from generator.render.markdown_html import MAX_NESTING, highlight_code, nesting_depth, render_markdown


def render(text: str) -> str:
    return render_markdown(text, lambda url: url)


def test_gfm_reads_bodies_as_github_shows_them() -> None:
    html = render("Steps:\n- prune\n- quantize\n\n~~dense~~ see www.example.com\n")
    # A list right after a paragraph, strikethrough and a bare autolink, as on GitHub.
    assert "<ul>\n<li>prune</li>\n<li>quantize</li>\n</ul>" in html
    assert "<del>dense</del>" in html
    assert '<a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>' in html


def test_headings_are_demoted_with_unique_prefixed_ids() -> None:
    html = render("# Results\n\n## Results\n\n###### Deep *one*\n\n[back](#results)\n")
    assert '<h2 id="card-results">Results</h2>' in html
    assert '<h3 id="card-results-1">Results</h3>' in html
    assert '<h6 id="card-deep-one">Deep <em>one</em></h6>' in html
    assert '<a href="#card-results"' in html


def test_code_is_highlighted_or_shown_plain_in_the_same_frame() -> None:
    html = render("```python\nx = 1 < 2\n```\n\n```no-such-language\na < b\n```\n\n    indented <b>\n")
    assert '<span class="n">x</span>' in html
    assert html.count('<div class="highlight"><pre tabindex="0"><span></span><code>') == 3
    assert "a &lt; b" in html and "indented &lt;b&gt;" in html
    assert highlight_code("k: v", "yaml").startswith(
        '<div class="highlight"><pre tabindex="0"><span></span><code><span class="nt">k'
    )


def test_raw_html_is_sanitized_after_rendering() -> None:
    html = render('<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>\n\n<script>alert(1)</script>\n')
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html
    assert '<img src="x">' in html


@pytest.mark.parametrize(
    ("line", "deeper"),
    [
        (" " * (2 * MAX_NESTING), False),  # two spaces a level: exactly MAX_NESTING
        (" " * (2 * MAX_NESTING + 2), True),
        ("\t" * (MAX_NESTING // 2), False),  # a tab counts two levels
        ("\t" * (MAX_NESTING // 2 + 1), True),
        (">" * MAX_NESTING, False),
        (">" * (MAX_NESTING + 1), True),
        ("  " + "> " * (MAX_NESTING + 1), True),
        ("- " * MAX_NESTING, False),  # list items opened on one line: one level each
        ("- " * (MAX_NESTING + 1), True),
        ("1. " * (MAX_NESTING + 1), True),
    ],
)
def test_nesting_is_counted_on_any_line(line: str, deeper: bool) -> None:
    body = f"# Title\n\n```python\n{' ' * 30}x = 1\n```\n\ntext\n{line}- item\nlast line"
    assert (nesting_depth(body) > MAX_NESTING) is deeper
    assert (nesting_depth(f"{line}- item") > MAX_NESTING) is deeper  # the first and last line too


@pytest.mark.parametrize(
    "line",
    [
        " " * 190 + "\r",  # a blank line, however many spaces it holds
        "\t" * 60,
        ">" + " " * 60 + "indented code inside a quote",  # the spaces after '>' are the code's, not quotes
        " " * 100 + "text indented far: a paragraph's continuation or code, no container",
        "-" * 100,  # a rule
        "1" * 100,
    ],
)
def test_lines_that_open_nothing_do_not_nest(line: str) -> None:
    assert nesting_depth(f"# Title\n\n- item\n{line}\nlast line") == 0


def test_code_in_a_fence_does_not_nest_however_far_it_is_indented() -> None:
    code = "\n".join(" " * (4 * level) + f"- level {level}" for level in range(60))
    assert nesting_depth(f"text\n\n```yaml\n{code}\n```\n\nafter") == 0
    assert nesting_depth(f"text\n\n~~~~\n```\n{code}\n~~~~\n") == 0  # a shorter fence inside does not close it
    assert nesting_depth(f"text\n\n```\n```\n{code}\n") > MAX_NESTING  # a closed fence: the list counts
    assert first_too_deep(f"a\nb\n{code}") == 3 + 21  # the first line past the limit: level 21 is 84 spaces in


def test_emoji_shortcodes_become_emoji_outside_code() -> None:
    html = render(
        "# Launch :rocket:\n\nThanks :hugging_face: and :+1:, not :no_such_code: nor 12:30:45.\n\n"
        "`:rocket:` stays, [a :tada: link](https://example.org/:tada:/) changes\n\n```\n:rocket:\n```\n"
    )
    assert '<h2 id="card-launch">Launch \U0001f680</h2>' in html
    assert "Thanks \U0001f917 and \U0001f44d, not :no_such_code: nor 12:30:45." in html
    assert "<code>:rocket:</code> stays" in html
    assert 'href="https://example.org/:tada:/"' in html and "a \U0001f389 link" in html
    assert "<code>:rocket:\n</code>" in html


def test_align_keeps_its_effect_and_only_known_values() -> None:
    html = render(
        '<p align="center"><img src="logo.png" align="right" width="80"></p>\n\n'
        '<div align="CENTER">centered</div>\n\n<p align="x;behavior:url(a)">odd</p>\n'
    )
    assert '<p align="center"><img src="logo.png" align="right" width="80"></p>' in html
    assert '<div align="center">centered</div>' in html
    assert "<p>odd</p>" in html


def test_raw_html_headings_are_shifted_like_markdown_ones() -> None:
    html = render('<h1 align="center">Tiny BERT</h1>\n\n# Usage\n\n<h2 id="setup">Setup <em>fast</em></h2>\n')
    assert '<h2 id="card-tiny-bert" align="center">Tiny BERT</h2>' in html
    assert '<h2 id="card-usage">Usage</h2>' in html
    # An author's own id is kept (prefixed), so that the card's links to it still land.
    assert '<h3 id="card-setup">Setup <em>fast</em></h3>' in html


def test_a_removed_remote_image_leaves_a_link_to_it() -> None:
    html = render(
        "![Accuracy plot](https://example.org/plot.png?a=1&b=2)\n\n"
        "[![build](https://ci.example.org/badge.svg)](https://ci.example.org/)\n\n"
        '<img src="//cdn.example.org/logo.png">\n'
    )
    title = 'title="External image, not loaded: open it on its site"'
    assert (
        f'<a class="external-image" href="https://example.org/plot.png?a=1&amp;b=2" {title} '
        'rel="noopener noreferrer">Accuracy plot</a>'
    ) in html
    # Inside a link already: the text, marked, and the link the author made.
    assert (
        '<a href="https://ci.example.org/" rel="noopener noreferrer">'
        f'<span class="external-image" {title}>build</span></a>'
    ) in html
    assert '<a class="external-image" href="https://cdn.example.org/logo.png"' in html and ">image</a>" in html
    assert "<img" not in html


def test_remote_images_can_be_allowed() -> None:
    html = render_markdown("![plot](https://example.org/plot.png) ![local](plot.png)\n", lambda url: url, True)
    assert '<img src="https://example.org/plot.png" alt="plot">' in html
    assert '<img src="plot.png" alt="local">' in html
    assert "external-image" not in html


def test_a_card_cannot_smuggle_script_through_an_image() -> None:
    html = render(
        '<img src="https://x.org/a.png" alt="<script>alert(1)</script>" onerror="alert(2)">\n\n'
        '![x" onmouseover="alert(3)](https://x.org/b.png)\n\n<img src="javascript:alert(4)">\n'
    )
    attributes = _attributes(html)
    assert "<script" not in html and not [name for name in attributes if name.startswith("on")]
    assert not [value for value in attributes.values() if "javascript" in value]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html


def _attributes(html: str) -> dict[str, str]:
    """Every attribute of every tag, as a browser reads them."""
    found: dict[str, str] = {}

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.update((name, value or "") for name, value in attrs)

    Reader().feed(html)
    return found


def test_highlighted_code_writes_its_spaces_plain_and_one_class_a_token() -> None:
    """A run of spaces is text, not a <span class="w"> each: no style can show a space, and they were a fifth of a
    highlighted recipe. A token has the one standard class that style sheets colour (the classes a card body's
    sanitizing keeps), not its whole line of descent. The spaces keep their count."""
    yaml = highlight_code("modifiers:\n  - !GMPruningModifier\n    end_epoch: 10\n", "yaml")
    assert 'class="w"' not in yaml and "Scalar" not in yaml and "Indicator" not in yaml
    assert '\n  <span class="p">-</span> <span class="kt">!GMPruningModifier</span>\n    <span' in yaml
    assert '<span class="nt">end_epoch</span><span class="p">:</span> <span class="l">10</span>' in yaml
    html = render_markdown("```python\nif a:\n    b = 2\n```\n", lambda url: url, False)
    assert 'class="w"' not in html and '\n    <span class="n">b</span> <span class="o">=</span>' in html
