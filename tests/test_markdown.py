"""Card bodies are GitHub Flavored Markdown, demoted a level, highlighted and sanitized."""

from __future__ import annotations

import pytest

from generator.markdown_html import MAX_NESTING, highlight_code, nesting_depth, render_markdown


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
    ],
)
def test_nesting_is_counted_on_any_line(line: str, deeper: bool) -> None:
    body = f"# Title\n\n```python\n{' ' * 30}x = 1\n```\n\ntext\n{line}- item\nlast line"
    assert (nesting_depth(body) > MAX_NESTING) is deeper
    assert (nesting_depth(f"{line}- item") > MAX_NESTING) is deeper  # the first and last line too
