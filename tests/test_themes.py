"""Themes: a user's folder overrides the default file by file; blocks and template context are as documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import REPO, CatalogWriter, card, tree

from generator.build import BuildOptions, build, load_catalog, make_renderer
from generator.render.theme import default_theme_dir, make_environment, theme_dirs

DOC = (REPO / "docs" / "theming.md").read_text()
BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"


def small(write_catalog: CatalogWriter) -> Path:
    return write_catalog(
        {
            f"{BASE}/model.md": card("display_name: ResNet-50\ntags: [resnet]", "# ResNet\n\nThe card text.\n"),
            "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none/model.md": card("tags: [bert]"),
        }
    )


def test_one_template_extends_the_default_and_fills_one_block(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small(write_catalog)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "model.html").write_text(
        '{% extends "default/model.html" %}\n'
        '{% block model_body %}{{ super() }}<p class="notice">Measured by {{ site.title }}.</p>{% endblock %}\n'
    )
    build(BuildOptions(str(root), str(tmp_path / "plain")))
    build(BuildOptions(str(root), str(tmp_path / "themed"), theme_dir=str(theme)))
    plain, themed = tree(tmp_path / "plain"), tree(tmp_path / "themed")
    page = f"models/{BASE}/index.html"
    assert '<p class="notice">Measured by Model zoo.</p>' in themed[page].decode()
    assert "The card text." in themed[page].decode()  # the default block's content, through super()
    changed = sorted(uri for uri in plain if plain[uri] != themed[uri])
    assert changed == sorted(uri for uri in plain if uri.startswith("models/") and uri.count("/") == 8)


def test_a_table_template_can_draw_cells_its_own_way(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    top1 = 'metrics:\n  - {name: top1_accuracy, value: %s, units: "%%"}'
    pruned = BASE.replace("base-none", "pruned-moderate")
    root = write_catalog({
        f"{BASE}/model.md": card("display_name: ResNet-50\n" + top1 % 76.1),
        f"{pruned}/model.md": card("display_name: ResNet-50 pruned\n" + top1 % 75.9),
    })  # fmt: skip
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "_table.html").write_text(
        "<ul>{% for row in table.rows %}<li>{{ row.name }}:"
        "{% for cell in row.cells %} [{{ cell.text }}|{{ cell.value }}|{{ cell.numeric }}]{% endfor %}</li>{% endfor %}</ul>\n"
    )
    build(BuildOptions(str(root), str(tmp_path / "site"), theme_dir=str(theme)))
    page = (tmp_path / "site/models/cv/classification/index.html").read_text()
    # The cells' data, one per column shown after the name, as the default template's cells_html draws them (the
    # columns the chooser offers are in the table's data file, for its script).
    assert "<li>ResNet-50: [76.1%|76.1|True] [--|None|True] [none|none|False]</li>" in page


def test_one_asset_is_replaced_and_the_others_kept(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small(write_catalog)
    theme = tmp_path / "theme" / "assets"
    theme.mkdir(parents=True)
    (theme / "zoocat.css").write_text(":root { --accent: #b00; }\n")
    (theme / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    build(BuildOptions(str(root), str(tmp_path / "site"), theme_dir=str(tmp_path / "theme")))
    assets = tmp_path / "site" / "assets"
    assert (assets / "zoocat.css").read_text() == ":root { --accent: #b00; }\n"
    assert (assets / "logo.svg").is_file()
    assert (assets / "zoocat.js").read_bytes() == (default_theme_dir() / "assets" / "zoocat.js").read_bytes()


def test_documented_blocks_exist() -> None:
    rows = re.findall(r"^\| `([a-z_]+\.html)` \| `([a-z_]+)` \|", DOC, re.MULTILINE)
    assert len(rows) >= 10
    env = make_environment(theme_dirs())
    for template, block in rows:
        assert block in env.get_template(template).blocks, (template, block)
    # The blocks the issue names are there: head, header, table, model body, footer.
    assert {"head", "header", "table", "model_body", "footer"} <= {block for _, block in rows}


def documented_context() -> dict[str, set[str]]:
    sections = re.split(r"^### ", DOC.split("## The template context", 1)[1], flags=re.MULTILINE)[1:]
    found = {}
    for section in sections:
        title = section.splitlines()[0].strip().strip("`")
        found[title] = set(re.findall(r"^- `([a-z_]+)`:", section, re.MULTILINE))
    return found


def recorded_context(monkeypatch: pytest.MonkeyPatch, catalog: str) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    render = jinja2.Template.render

    def record(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        seen.setdefault(str(self.name), set()).update(dict(*args, **kwargs))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", record)
    model_catalog, _ = load_catalog(catalog)
    renderer = make_renderer(model_catalog)
    for name in renderer.units():  # in this process, where the recording is
        renderer.render_unit(name)
    renderer.table_fragment(model_catalog.tables[0].key)
    return seen


def test_documented_context_is_what_templates_receive(monkeypatch: pytest.MonkeyPatch) -> None:
    documented = documented_context()
    every_page = documented.pop("every page")
    in_layout = {
        path.name for path in default_theme_dir().glob("*.html") if path.read_text().startswith("{% extends layout %}")
    }
    expected = {}
    for template, names in documented.items():
        if template in in_layout or template == "table_embed.html":
            names = names | every_page
        elif template == "_table.html":
            names = names | every_page - {"page_title", "breadcrumbs"}
        expected[template] = names
    received = recorded_context(monkeypatch, str(REPO / "tests" / "golden" / "catalog"))
    # No table of the golden catalog has a second page of rows: such a page gets the names of a table's page.
    assert expected.pop("table_page.html") == expected["table.html"]
    assert received == expected


def test_a_view_key_named_like_a_dictionary_method_still_gives_the_method() -> None:
    """zoocat's environment looks a view's key up first (theme._Environment); Jinja2's own lookup order still holds
    where it differs: a dictionary's own attributes, and names a view lacks."""
    env = make_environment(theme_dirs())
    view = {"name": "ResNet", "items": "a key", "note": None}
    text = env.from_string("{{ v.name }}|{{ v.note }}|{{ v.items is callable }}|{{ v.get('name') }}").render(v=view)
    assert text == "ResNet|None|True|ResNet"
    assert env.from_string("{{ v.name }}").render(v=jinja2.utils.Namespace(name="object")) == "object"
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
        env.from_string("{{ v.missing }}").render(v=view)


def test_pages_carry_no_template_indentation(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    """A template's indentation and blank lines stay in the template; a card's indented code keeps its spaces."""
    code = "```\nfor x in y:\n    print(x)\n\n    done(x)\n```\n"
    root = write_catalog({f"{BASE}/model.md": card("display_name: ResNet-50\ntags: [resnet]", code)})
    build(BuildOptions(str(root), str(tmp_path / "site")))
    site = tree(tmp_path / "site")
    page = site[f"models/{BASE}/index.html"].decode()
    assert "\n    print(x)\n\n    done(x)\n" in page
    outside_code = re.sub(r"<pre[ >].*?</pre>", "", page, flags=re.DOTALL)
    assert not re.search(r"^[ \t]", outside_code, re.MULTILINE)
    assert "\n\n" not in outside_code
    for uri in ("index.html", "tags/index.html", "models/cv/index.html", "404.html"):
        assert not re.search(r"^ ", site[uri].decode(), re.MULTILINE), uri


def test_a_users_html_template_is_unindented_too(tmp_path: Path) -> None:
    env = make_environment([tmp_path])
    (tmp_path / "note.html").write_text("<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n\n</ul>\n")
    (tmp_path / "note.txt").write_text("  {{ x }}\n")
    assert env.get_template("note.html").render(xs=[1, 2]) == "<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n"
    assert env.get_template("note.txt").render(x=1) == "  1\n"
