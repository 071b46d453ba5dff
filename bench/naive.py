"""The floor any real tool must beat: the most straightforward single-process catalog build.

Usage: python bench/naive.py ZOO OUT

python-frontmatter reads each model.md, `markdown.markdown` renders its body (tables and fenced code, no
highlighting, no sanitizing), one Jinja2 template makes models/STUB/index.html, and one index page lists every
model. No checks, no tables, no recipes, no data files: it shows what reading and rendering the cards costs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import frontmatter
import jinja2
import markdown

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ meta.display_name or stub }}</title></head>
<body><main>
<h1>{{ meta.display_name or stub }}</h1>
<p><code>{{ stub }}</code></p>
<p>{{ meta.description }}</p>
<ul>{% for tag in meta.tags or [] %}<li>{{ tag }}</li>{% endfor %}</ul>
<table>{% for metric in meta.metrics or [] %}
<tr><th>{{ metric.name }}</th><td>{{ metric.value }} {{ metric.units }}</td><td>{{ metric.engine }}</td></tr>
{%- endfor %}</table>
{{ body | safe }}
</main></body></html>
"""
INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Models</title></head>
<body><main><h1>{{ models | length }} models</h1><ul>
{%- for stub, name in models %}
<li><a href="models/{{ stub }}/index.html">{{ name }}</a></li>
{%- endfor %}
</ul></main></body></html>
"""
# A licence comment may come before the front matter; python-frontmatter expects it on the first line.
FRONT_MATTER_START = re.compile(r"^---$", re.MULTILINE)


def build(zoo: Path, out: Path) -> int:
    env = jinja2.Environment(autoescape=True)
    page, index = env.from_string(PAGE), env.from_string(INDEX)
    models = []
    for card in sorted(zoo.rglob("model.md")):
        stub = card.parent.relative_to(zoo).as_posix()
        text = card.read_text(encoding="utf-8")
        start = FRONT_MATTER_START.search(text)
        post = frontmatter.loads(text[start.start() :] if start else text)
        body = markdown.markdown(post.content, extensions=["tables", "fenced_code"])
        target = out / "models" / stub / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(stub=stub, meta=post.metadata, body=body), encoding="utf-8")
        models.append((stub, post.metadata.get("display_name") or stub))
    (out / "index.html").write_text(index.render(models=models), encoding="utf-8")
    return len(models)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    print(f"{build(Path(sys.argv[1]), Path(sys.argv[2]))} model pages")
