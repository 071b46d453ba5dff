"""What `zoocat serve` shows of the catalog's problems: a page at the URL of a model its card's errors left out, and
a banner on the home page. Only the server shows them: a built site never holds a problem page.

Problem messages quote card text, which is untrusted: every part is escaped.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from ..model.problems import Problem
from ..model.stubs import SEGMENT_NAMES


@dataclass(frozen=True)
class ServedProblems:
    """The last build's problems, by the page URL ('models/STUB/index.html') of the model folder they are in."""

    catalog: str = ""
    by_page: dict[str, list[Problem]] = field(default_factory=dict)
    all: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, problems: Iterable[Problem], catalog: str) -> ServedProblems:
        by_page: dict[str, list[Problem]] = {}
        for problem in problems:
            folder = posixpath.dirname(problem.path)
            if folder.count("/") == len(SEGMENT_NAMES) - 1:  # a model folder's, not the catalog's
                by_page.setdefault(f"models/{folder}/index.html", []).append(problem)
        return cls(catalog, by_page, tuple(problems))

    def for_path(self, url_path: str) -> list[Problem]:
        """The problems of the model page at url_path ('/models/STUB/' or '/models/STUB/index.html')."""
        page = url_path.lstrip("/")
        page = page + "index.html" if page.endswith("/") or not page else page
        return self.by_page.get(page, [])


def error_page(problems: list[Problem], catalog: str) -> bytes:
    """A page in the site's style naming each problem's file, line, code and message; it reloads, as every served
    page does, once the card is mended."""
    title = "This model's card has errors"
    body = (
        f"<h1>{title}</h1>\n"
        "<p>zoocat left this model out of the site. Fix the card and save it: this page reloads by itself.</p>\n"
        f"{_problem_list(problems, catalog)}"
    )
    return _page(title, body).encode("utf-8")


def with_banner(html: bytes, problems: tuple[Problem, ...], catalog: str) -> bytes:
    """The home page with a banner listing the catalog's problems at the top of its content."""
    if not problems:
        return html
    errors = sum(problem.level == "error" for problem in problems)
    summary = f"{len(problems)} problem{'s' * (len(problems) != 1)} in the catalog"
    summary += f" ({errors} error{'s' * (errors != 1)}): cards with errors are left out of the site" if errors else ""
    banner = (
        '<section class="serve-problems" role="alert" aria-labelledby="serve-problems-h">\n'
        f'<h2 id="serve-problems-h">{summary}</h2>\n{_problem_list(list(problems), catalog)}</section>\n'
    )
    marker = b'<main id="main" class="wrap">'
    at = html.find(marker)
    if at < 0:
        return html
    at += len(marker)
    return html[:at] + b"\n" + banner.encode("utf-8") + html[at:]


def _problem_list(problems: list[Problem], catalog: str) -> str:
    items = []
    for problem in problems:
        where = f"{catalog.rstrip('/')}/{problem.path}" if catalog else problem.path
        where += f":{problem.line}" if problem.line is not None else ""
        items.append(
            f'<li class="problem {problem.level}"><code class="where">{escape(where)}</code> '
            f'<span class="level">{problem.level}</span> <code class="code">{escape(problem.code)}</code>'
            f'<p class="message">{escape(problem.message)}</p></li>'
        )
    return '<ul class="problems">\n' + "\n".join(items) + "\n</ul>\n"


def _page(title: str, body: str) -> str:
    # The server mounts the site at '/', so the style sheets' absolute paths hold at any depth.
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<link rel="stylesheet" href="/assets/zoocat.css">\n<link rel="stylesheet" href="/assets/zoocat-parts.css">\n'
        f"<title>{escape(title)} · zoocat serve</title>\n</head>\n"
        '<body class="zoocat page">\n<main id="main" class="wrap serve-error">\n'
        f'{body}<p><a href="/index.html">Go to the home page</a></p>\n</main>\n</body>\n</html>\n'
    )
