"""A page per tag: its models in a table, the list of tags, safe names for untrusted tags."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import serve
from conftest import CatalogWriter, card, tree
from playwright.sync_api import Browser

from generator.build import BuildOptions, build
from generator.model.tag_slugs import MAX_SLUG, slugify

CLS = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
DET = "cv/detection/yolo_v3-spp/pytorch/ultralytics/coco"
QA = "nlp/question_answering/bert-base/pytorch/huggingface/squad"
HOSTILE = "<script>alert(1)</script>"


class _Rows(HTMLParser):
    """The data-stub of every table row, and every link, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.stubs: list[str] = []
        self.links: list[str] = []
        self.head_keys: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("data-stub"):
            self.stubs.append(values["data-stub"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "th" and values.get("data-key"):
            self.head_keys.append(values["data-key"] or "")


def parse(path: Path) -> _Rows:
    parser = _Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


MODEL_LINK = re.compile(r'<a href="(?:\.\./)+models/(.+?)/index\.html">')


def listed(path: Path) -> list[str]:
    """The stubs a tag's page lists, in order."""
    html = path.read_text(encoding="utf-8")
    return [
        stub
        for block in re.findall(r'<ul class="tag-models">(.*?)</ul>', html, re.S)
        for stub in MODEL_LINK.findall(block)
    ]


def tagged(tags: list[str], top1: float | None = None) -> str:
    lines = [f"tags: {json.dumps(tags)}"]
    if top1 is not None:
        lines += ["metrics:", f'  - {{name: top1_accuracy, value: {top1}, units: "%", primary: true}}']
    return card("\n".join(lines))


MODELS = {
    f"{CLS}/base-none": (["resnet", "dense"], 76.1),
    f"{CLS}/pruned-moderate": (["resnet", "pruned", "pruned"], 75.6),  # a tag written twice counts once
    f"{DET}/pruned-aggressive_97": (["yolo", "pruned"], None),
    f"{QA}/pruned_quant-aggressive_95": (["bert", "pruned", "quantized"], None),
    f"{QA}/base-none": ([], None),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tags") / "catalog"
    for stub, (tags, top1) in MODELS.items():
        (root / stub).mkdir(parents=True)
        (root / stub / "model.md").write_text(tagged(tags, top1))
    out = root.parent / "www" / "zoo"
    result = build(BuildOptions(str(root), str(out), base_url="https://example.org/zoo"))
    assert result.written and result.problems == []
    return out


def test_each_tag_page_lists_exactly_its_models(site: Path) -> None:
    tags = sorted({tag for tags, _ in MODELS.values() for tag in tags})
    assert sorted(p.name for p in (site / "tags").iterdir() if p.is_dir()) == tags
    for tag in tags:
        expected = [stub for stub, (names, _) in sorted(MODELS.items()) if tag in names]
        folder = site / "tags" / tag
        assert listed(folder / "index.html") == expected, tag
        # A tag's page is a view: no table rows, no data files of its own, no bare copy.
        assert parse(folder / "index.html").stubs == [] and sorted(p.name for p in folder.iterdir()) == ["index.html"]
        links = [re.split("[?#]", link)[0] for link in parse(folder / "index.html").links if "//" not in link]
        assert all((folder / link).resolve().is_file() for link in links if link)
    assert not (site / "tables" / "tags").exists()


def test_a_tag_across_domains_opens_each_of_its_tables_on_the_tag(site: Path) -> None:
    html = (site / "tags" / "pruned" / "index.html").read_text()
    tables = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">([^<]+)</span></li>', html)
    assert tables == [
        ("../../models/cv/classification/index.html?tag=pruned", "Image Classification", "1 model"),
        ("../../models/cv/detection/index.html?tag=pruned", "Object Detection", "1 model"),
        ("../../models/nlp/question_answering/index.html?tag=pruned", "Question Answering", "1 model"),
    ]
    # The models are listed under their table's title, given once.
    assert html.count('<h3 class="tag-group">') == 3 and listed(site / "tags" / "pruned" / "index.html") == [
        f"{CLS}/pruned-moderate", f"{DET}/pruned-aggressive_97", f"{QA}/pruned_quant-aggressive_95"
    ]  # fmt: skip


def test_model_pages_link_to_their_tag_pages(site: Path) -> None:
    stub = f"{CLS}/pruned-moderate"
    page = site / "models" / stub / "index.html"
    links = [link for link in parse(page).links if "/tags/" in link]
    assert [posixpath.normpath(posixpath.join(f"models/{stub}", link)) for link in links] == [
        "tags/resnet/index.html",
        "tags/pruned/index.html",
        "tags/pruned/index.html",
    ]
    assert all((page.parent / link).is_file() for link in links)


def test_tag_index_lists_every_tag_with_its_count(site: Path) -> None:
    html = (site / "tags" / "index.html").read_text()
    parser = parse(site / "tags" / "index.html")
    # Links inside tags/ are the tags'; the skip link, header and breadcrumbs are the others.
    assert [link for link in parser.links if not link.startswith(("../", "#"))] == [
        f"{tag}/index.html" for tag in ["bert", "dense", "pruned", "quantized", "resnet", "yolo"]
    ]
    assert '<a href="pruned/index.html">pruned <span class="count">3</span></a>' in html
    assert '<a href="bert/index.html">bert <span class="count">1</span></a>' in html
    home = (site / "index.html").read_text()
    assert 'href="tags/index.html"' in home and "6 tags" in home


def test_tag_pages_are_in_the_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://example.org/zoo/tags/</loc>" in sitemap
    assert "<loc>https://example.org/zoo/tags/pruned/</loc>" in sitemap
    assert "tables/tags" not in sitemap


def test_a_hostile_tag_is_escaped_everywhere(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    quote_tag = '"><img src=x onerror=alert(2)>'
    root = write_catalog({f"{CLS}/base-none/model.md": tagged([HOSTILE, quote_tag, "../../etc"])})
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).written
    slugs = sorted(p.name for p in (out / "tags").iterdir() if p.is_dir())
    assert slugs == ["etc", "img-src-x-onerror-alert-2", "script-alert-1-script"]
    pages = [out / "tags" / slug / "index.html" for slug in slugs] + [out / "tags/index.html"]
    pages += [out / "models" / CLS / "base-none/index.html", out / "models/cv/classification/index.html"]
    for page in pages:
        html = page.read_text()
        assert HOSTILE not in html and "<img" not in html, page
    tag_page = (out / "tags/script-alert-1-script/index.html").read_text()
    assert '<h1><span class="muted">Tag</span> &lt;script&gt;alert(1)&lt;/script&gt;</h1>' in tag_page
    # The link that opens the table on the tag carries it URL-encoded; the table's data file holds it as a string.
    assert "index.html?tag=%3Cscript%3Ealert%281%29%3C%2Fscript%3E" in tag_page
    assert json.dumps(HOSTILE) in (out / "models/cv/classification/rows.js").read_text()
    index = (out / "tags/index.html").read_text()
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in index
    assert not (tmp_path / "etc").exists() and not (out.parent / "etc").exists()


def test_tags_that_make_the_same_slug_are_told_apart_and_reported(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({
        f"{CLS}/base-none/model.md": tagged(["pruned"]),
        f"{CLS}/pruned-moderate/model.md": tagged(["Pruned"]),
        f"{QA}/base-none/model.md": tagged(["PRUNED!", "C++"]),
        f"{QA}/pruned-moderate/model.md": tagged(["C#"]),
    })  # fmt: skip
    out = tmp_path / "site"
    result = build(BuildOptions(str(root), str(out)))
    problems = [(p.path, p.code) for p in result.problems]
    assert sorted(problems) == [
        (f"{CLS}/pruned-moderate/model.md", "card.tag-slug"),
        (f"{QA}/base-none/model.md", "card.tag-slug"),
        (f"{QA}/base-none/model.md", "card.tag-slug"),
    ]
    # The tag written as its slug keeps it; the others get the slug and a hash of the tag.
    folders = sorted(p.name for p in (out / "tags").iterdir() if p.is_dir())
    assert len(folders) == 5 and "pruned" in folders and "c" in folders
    assert all(name in ("pruned", "c") or name.split("--")[0] in ("pruned", "c") for name in folders)
    by_name = {}
    for folder in folders:
        html = (out / "tags" / folder / "index.html").read_text()
        name = html.split('<h1><span class="muted">Tag</span> ', 1)[1].split("</h1>", 1)[0]
        by_name[name] = listed(out / "tags" / folder / "index.html")
    assert by_name == {
        "pruned": [f"{CLS}/base-none"],
        "Pruned": [f"{CLS}/pruned-moderate"],
        "PRUNED!": [f"{QA}/base-none"],
        "C++": [f"{QA}/base-none"],
        "C#": [f"{QA}/pruned-moderate"],
    }
    message = next(p.message for p in result.problems if p.path.startswith(CLS))
    assert message.startswith("the tags 'Pruned' and 'pruned' would share the page tags/pruned/; 'Pruned' gets tags/")
    # The same catalog names the pages the same way every time.
    again = tmp_path / "again"
    build(BuildOptions(str(root), str(again)))
    assert tree(out / "tags") == tree(again / "tags")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("bert_base", "bert_base"),
        ("BERT (base)", "bert-base"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "tag"),
        ("", "tag"),
        ("日本語", "tag"),
        ("Café au lait", "cafe-au-lait"),
        ("con", "con-tag"),
        ("LPT1", "lpt1-tag"),
        ("a--b", "a-b"),
    ],
)
def test_slugs_are_safe_folder_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_long_tags_are_cut() -> None:
    slug = slugify("x" * 59 + " yyyy")
    assert slug == "x" * 59 and len(slugify("z" * 500)) == MAX_SLUG


@pytest.mark.browser
def test_a_tag_page_opens_its_table_filtered_by_the_tag(site: Path, browser: Browser) -> None:
    with serve(site.parent) as origin:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{origin}zoo/tags/pruned/index.html")
        page.get_by_role("link", name="Image Classification").click()
        page.wait_for_selector(".table-count")
        # The table's own rows, filtered by the tag: a chip says so, and clearing it shows the others.
        shown = "table.models tbody tr[data-stub]"
        assert page.eval_on_selector_all(shown, "rows => rows.map(r => r.dataset.stub)") == [f"{CLS}/pruned-moderate"]
        assert page.locator(".table-count").text_content() == "1 of 2 models"
        assert page.locator('fieldset[data-facet="tag"] input[value="pruned"]').is_checked()
        page.get_by_role("button", name="Clear all filters").first.click()
        assert page.locator(".table-count").text_content() == "2 of 2 models"
        page.close()
        assert errors == []


# Tags that are names of Object.prototype's own properties: a plain object used as a lookup finds those.
PROTO_MODELS = {
    f"{CLS}/base-none": ["toString", "__proto__"],
    f"{CLS}/pruned-moderate": ["toString", "constructor"],
    f"{CLS}/pruned-aggressive_90": ["toString", "constructor", "hasOwnProperty"],
    f"{CLS}/pruned_quant-moderate": ["plain"],
}


@pytest.mark.browser
def test_tags_named_like_object_properties_filter_the_table(
    write_catalog: CatalogWriter, tmp_path: Path, browser: Browser
) -> None:
    # A metric named Constructor makes a column keyed "constructor": its range must start empty too.
    metric = "\nmetrics:\n  - {name: Constructor, value: 1.5, units: x}"
    root = write_catalog({
        f"{stub}/model.md": card(f"tags: {json.dumps(tags)}" + (metric if stub.endswith("base-none") else ""))
        for stub, tags in PROTO_MODELS.items()
    })  # fmt: skip
    out = tmp_path / "www" / "zoo"
    result = build(BuildOptions(str(root), str(out)))
    assert result.written and result.problems == []
    with serve(out.parent) as origin:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        table = f"{origin}zoo/models/cv/classification/index.html"
        page.goto(table)
        page.wait_for_selector(".table-count")
        assert page.locator('th[data-key="constructor"]').count() == 1
        tag_group = 'fieldset[data-facet="tag"]'
        listed = page.eval_on_selector_all(
            f"{tag_group} li",
            """items => items.map(item => [
            item.querySelector("input").value, item.querySelector(".facet-count").textContent])""",
        )
        assert dict(listed) == {
            "toString": "3",
            "constructor": "2",
            "__proto__": "1",
            "hasOwnProperty": "1",
            "plain": "1",
        }

        def shown() -> list[str]:
            rows = "table.models tbody tr:not([hidden])"
            stubs: list[str] = page.eval_on_selector_all(rows, "rows => rows.map(r => r.dataset.stub)")
            return sorted(stubs)

        for tag in ["__proto__", "constructor", "toString", "hasOwnProperty"]:
            box = page.locator(f'{tag_group} input[value="{tag}"]')
            box.click()
            assert shown() == sorted(stub for stub, tags in PROTO_MODELS.items() if tag in tags), tag
            assert page.url == f"{table}?tag={tag}"  # and no range of the "constructor" column
            box.click()
            assert len(shown()) == len(PROTO_MODELS)
        # From the URL: the facet is ticked, and a stub named like a property is no model to compare.
        page.goto(f"{table}?tag=constructor&compare=constructor,toString")
        page.wait_for_selector(".table-count")
        assert page.locator(f'{tag_group} input[value="constructor"]').is_checked()
        assert shown() == [f"{CLS}/pruned-aggressive_90", f"{CLS}/pruned-moderate"]
        assert page.locator(".compare").is_hidden()
        page.close()
        assert errors == []
