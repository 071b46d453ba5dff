"""The plugin's catalog as an MkDocs user expects it: options, navigation, page metadata, the site's Markdown in
cards, search, and strict builds that say what to do."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import card, write_files
from test_mkdocs_plugin import BASE, CATALOG, PRUNED, QA, make_project, mkdocs

# A hook that runs after every plugin and writes what the theme is given: the navigation's outline, and each
# zoocat page's parents, neighbours, table of contents and metadata.
OUTLINE_HOOK = """
import json
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

seen = {}

def _outline(items):
    # A page of the user's has no title until MkDocs reads it: its file stands for it.
    return [(item.title or item.file.src_uri) if isinstance(item, Page) else {item.title: _outline(item.children)}
            for item in items]

@event_priority(-1000)
def on_nav(nav, config, files):
    seen["nav"] = _outline(nav.items)

@event_priority(-1000)
def on_page_context(context, page, config, nav):
    def toc(items):
        return [[item.title, item.url, toc(item.children)] for item in items]
    seen[page.file.src_uri] = {
        "ancestors": [item.title for item in page.ancestors],
        "previous": page.previous_page.file.src_uri if page.previous_page else None,
        "next": page.next_page.file.src_uri if page.next_page else None,
        "toc": toc(page.toc),
        "meta": page.meta,
    }
    return context

def on_post_build(config):
    with open("outline.json", "w") as out:
        json.dump(seen, out)
"""


def build_outline(project: Path, *args: str) -> dict[str, Any]:
    (project / "outline_hook.py").write_text(OUTLINE_HOOK)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - outline_hook.py\n")
    result = mkdocs(project, "build", *args)
    assert result.returncode == 0, result.stderr
    outline: dict[str, Any] = json.loads((project / "outline.json").read_text())
    return outline


def with_nav(project: Path, nav: str) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + nav)
    return project


ZOO_SECTION = {
    "Model zoo": [
        "Plugin zoo",
        {"Computer Vision": ["Computer Vision", "Image Classification"]},
        {"Natural Language Processing": ["Natural Language Processing", "Question Answering"]},  # no names: usual
    ]
}


def test_the_section_goes_at_the_end_by_default_and_at_the_start_when_asked(tmp_path: Path) -> None:
    outline = build_outline(make_project(tmp_path / "a"))
    assert outline["nav"] == ["index.md", {"Guide": ["guide/models.md"]}, ZOO_SECTION]
    outline = build_outline(make_project(tmp_path / "b", options="      nav_position: start\n"))
    assert outline["nav"] == [ZOO_SECTION, "index.md", {"Guide": ["guide/models.md"]}]


def test_the_section_takes_the_place_of_the_users_entry_for_the_zoo(tmp_path: Path) -> None:
    project = with_nav(
        make_project(tmp_path), "nav:\n  - index.md\n  - Reference:\n    - zoo/index.md\n    - guide/models.md\n"
    )
    outline = build_outline(project, "--strict")
    assert outline["nav"] == ["index.md", {"Reference": [ZOO_SECTION, "guide/models.md"]}]
    # Previous and next run through the section where it now stands.
    assert outline["zoo/index.md"]["previous"] == "index.md"
    assert outline["zoo/models/nlp/question_answering/index.md"]["next"] == "guide/models.md"


def test_nav_parent_puts_the_section_into_one_of_the_users_sections(tmp_path: Path) -> None:
    nav = "nav:\n  - index.md\n  - Reference:\n    - guide/models.md\n"
    project = with_nav(make_project(tmp_path / "a", options="      nav_parent: Reference\n"), nav)
    assert build_outline(project)["nav"] == ["index.md", {"Reference": ["guide/models.md", ZOO_SECTION]}]
    project = with_nav(make_project(tmp_path / "b", options="      nav_parent: Referenc\n"), nav)
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "zoocat: nav_parent 'Referenc' names no section of the navigation; it has 'Reference'" in result.stderr
    assert "Traceback" not in result.stderr


def test_model_pages_belong_to_their_domain_and_follow_their_table(tmp_path: Path) -> None:
    outline = build_outline(make_project(tmp_path))
    base, pruned = outline[f"zoo/models/{BASE}/index.md"], outline[f"zoo/models/{PRUNED}/index.md"]
    # Breadcrumbs and the active tab: a model's page sits in its domain's section, like its table.
    assert base["ancestors"] == ["Computer Vision", "Model zoo"]
    assert outline["zoo/models/cv/classification/index.md"]["ancestors"] == base["ancestors"]
    assert outline[f"zoo/models/{QA}/index.md"]["ancestors"] == ["Natural Language Processing", "Model zoo"]
    assert outline["zoo/tags/resnet/index.md"]["ancestors"] == ["Model zoo"]
    # Previous and next: the table, then its models in row order.
    assert (
        base["previous"] == "zoo/models/cv/classification/index.md" and base["next"] == f"zoo/models/{PRUNED}/index.md"
    )
    assert pruned["previous"] == f"zoo/models/{BASE}/index.md" and pruned["next"] is None


def test_generated_pages_have_metadata_and_model_pages_a_table_of_contents(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{QA}/model.md": card("display_name: BERT base\ndescription: Answers <questions> & more")}
    outline = build_outline(make_project(tmp_path, "material", catalog=catalog))
    qa = outline[f"zoo/models/{QA}/index.md"]
    # As front matter would give them; escaped, as themes insert them as they are.
    assert qa["meta"]["title"] == "BERT base"
    assert qa["meta"]["description"] == "Answers \u2039questions\u203a &amp; more"
    base = outline[f"zoo/models/{BASE}/index.md"]
    assert [entry[:2] for entry in base["toc"]] == [
        ["Metrics", "#metrics-h"],
        ["Model", "#facts-h"],
        ["Family", "#family-h"],
        ["ResNet-50", "#card-resnet-50"],
        ["Files", "#files-h"],
    ]
    # Material writes it into the page.
    assert (
        '<meta name="description" content="Answers \u2039questions\u203a &amp; more">'
        in (tmp_path / "site/zoo/models" / QA / "index.html").read_text()
    )


# A card that uses the site's Markdown extensions.
EXTENDED_BODY = """# Overview

!!! warning "Pruned weights"
    Fine-tune before use, see [usage](#usage).

A wide paragraph.
{: .wide #kept }

## Usage

Text.
"""
EXTENSIONS = "markdown_extensions:\n  - admonition\n  - attr_list\n  - toc:\n      permalink: true\n"


def test_card_bodies_go_through_the_sites_markdown_extensions(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{BASE}/model.md": card("display_name: ResNet-50 base", EXTENDED_BODY)}
    project = with_nav(make_project(tmp_path, catalog=catalog), EXTENSIONS)
    outline = build_outline(project, "--strict")
    html = (project / "site/zoo/models" / BASE / "index.html").read_text()
    assert '<div class="admonition warning">\n<p class="admonition-title">Pruned weights</p>' in html
    assert '<a href="#card-usage" rel="noopener noreferrer">usage</a>' in html
    assert '<p class="wide" id="card-kept">A wide paragraph.</p>' in html
    # Headings one level down (the page's title is the h1), with the permalinks toc gives them.
    assert '<h2 id="card-overview">Overview<a class="headerlink" href="#card-overview"' in html
    assert '<h3 id="card-usage">Usage<a class="headerlink" href="#card-usage"' in html
    toc = outline[f"zoo/models/{BASE}/index.md"]["toc"]
    assert ["Overview", "#card-overview", [["Usage", "#card-usage", []]]] in toc


def test_gfm_keeps_card_bodies_as_github_shows_them(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{BASE}/model.md": card("display_name: ResNet-50 base", EXTENDED_BODY)}
    project = with_nav(make_project(tmp_path, catalog=catalog, options="      card_markdown: gfm\n"), EXTENSIONS)
    assert mkdocs(project, "build", "--strict").returncode == 0
    html = (project / "site/zoo/models" / BASE / "index.html").read_text()
    assert "admonition" not in html and '<p>!!! warning "Pruned weights"' in html


def test_extensions_that_read_files_are_left_out_of_cards(tmp_path: Path) -> None:
    body = '# Secret\n\n--8<-- "secret.txt"\n'
    catalog = {**CATALOG, f"{BASE}/model.md": card("display_name: ResNet-50 base", body)}
    project = with_nav(make_project(tmp_path, catalog=catalog), "markdown_extensions:\n  - pymdownx.snippets\n")
    (project / "secret.txt").write_text("the builder's secret\n")
    write_files(project / "docs", {"notes.md": '# Notes\n\n--8<-- "secret.txt"\n'})
    assert mkdocs(project, "build").returncode == 0
    assert "the builder's secret" in (project / "site/notes/index.html").read_text()  # the user's own page may
    html = (project / "site/zoo/models" / BASE / "index.html").read_text()
    assert "the builder's secret" not in html and "--8&lt;-- " in html


def test_search_puts_models_first_and_leaves_tag_pages_out(tmp_path: Path) -> None:
    project = make_project(tmp_path, "material")
    assert mkdocs(project, "build", "--strict").returncode == 0
    docs = json.loads((project / "site/search/search_index.json").read_text())["docs"]
    boosts = {entry["location"]: entry.get("boost") for entry in docs if entry["location"].startswith("zoo/")}
    assert boosts[f"zoo/models/{BASE}/"] == boosts[f"zoo/models/{QA}/"] > 1
    assert boosts["zoo/models/cv/classification/"] is None
    assert not [location for location in boosts if location.startswith("zoo/tags/") and location != "zoo/tags/"]
    model = next(entry for entry in docs if entry["location"] == f"zoo/models/{BASE}/")
    assert "cv classification resnet_v1 50 pytorch sparseml imagenet base none" in model["text"].replace("-", " ")


def test_a_catalog_inside_docs_dir_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "catalog").rename(project / "docs" / "catalog")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("catalog: catalog", "catalog: docs/catalog"))
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert (
        f"zoocat: the catalog {project}/docs/catalog is inside docs_dir ({project}/docs), so MkDocs would publish "
        "every model.md a second time, as a page of its own; move the catalog out of docs_dir" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_strict_names_file_line_and_code_and_how_to_keep_it_out(tmp_path: Path) -> None:
    catalog = {**CATALOG, f"{QA}/model.md": card("display_name: BERT base\ndomain: cv")}
    result = mkdocs(make_project(tmp_path, catalog=catalog), "build", "--strict")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    warning = next(line for line in lines if "card.stub-mismatch" in line and "WARNING" in line)
    assert re.search(rf"zoocat: \S+/catalog/{QA}/model.md:3: \[card.stub-mismatch\]: front matter says", warning)
    assert (
        "zoocat: 1 warning came from the catalog: card.stub-mismatch (1). Mend the cards, or keep a code out of "
        "this build under the plugin's `checks:` option (for example `card.stub-mismatch: ignore`)"
    ) in result.stderr


def test_enabled_false_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    project = make_project(tmp_path, page="# Models\n", options="      enabled: false\n")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert not (project / "site/zoo").exists()
    assert "Model zoo" not in (project / "site/index.html").read_text()


@pytest.mark.parametrize("value", ["middle", "3"])
def test_nav_position_takes_start_or_end(tmp_path: Path, value: str) -> None:
    result = mkdocs(make_project(tmp_path, options=f"      nav_position: {value}\n"), "build")
    assert result.returncode == 1
    assert "nav_position" in result.stderr and "'start'" in result.stderr and "'end'" in result.stderr
