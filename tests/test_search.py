"""The whole-zoo search: the index the build writes, and the box in the header driven in Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import CatalogWriter, card, write_files
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Dialog, Page

from generator.build import BuildOptions, build, load_catalog
from generator.read.search_words import markdown_text, tokens
from generator.render import search_index as search_module
from generator.render.search_index import (
    ALPHABET,
    BITMAP_MARK,
    SEARCH_INDEX_URI,
    encode_postings,
    search_index,
    search_index_scripts,
)

P = "cv/classification"
HOSTILE = "<img src=x onerror=alert(1)>"
CARDS: dict[str, str | bytes] = {
    f"{P}/resnet_v1-50/pytorch/sparseml/imagenet/base-none/model.md": card(
        """
        display_name: ResNet-50 dense
        tags: [resnet, dense]
        metrics:
          - {name: top1_accuracy, value: 76.1, units: "%", primary: true}
        """,
        "# ResNet-50\n\nTrained the usual way. See [the paper](https://example.com/hiddenword).\n",
    ),
    f"{P}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate/model.md": card(
        """
        display_name: ResNet-50 pruned
        tags: [resnet, pruned]
        metrics:
          - {name: top1_accuracy, value: 75.6, units: "%", primary: true}
          - {name: exotic_score, value: 3, units: pts}
        """,
        "# ResNet-50 pruned\n\nIts weights were cut with a quokka schedule.\n",
    ),
    f"{P}/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none/model.md": card(
        f"""
        display_name: "Mobile {HOSTILE}"
        tags: [mobilenet]
        """,
        f"# MobileNet\n\nA small network. {HOSTILE} onerror marsupial\n",
    ),
    "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none/model.md": card(
        "display_name: BERT-base\ntags: [bert]",
        "# BERT\n\nA language model, first of its kind in this zoo.\n",
    ),
}
QUOKKA = f"{P}/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
MOBILE = f"{P}/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none"


def decode(text: str) -> list[int]:
    """The model numbers of a posting string, decoded as zoocat-search.js decodes them."""
    if text.startswith(BITMAP_MARK):
        values = [ALPHABET.index(char) for char in text[1:]]
        return [place * 6 + bit for place, value in enumerate(values) for bit in range(6) if value >> bit & 1]
    numbers, previous, gap = [], -1, 0
    for value in (ALPHABET.index(char) for char in text):
        if value >= 32:
            gap = gap * 32 + value - 32
            continue
        previous += gap * 32 + value + 1
        numbers.append(previous)
        gap = 0
    return numbers


def stubs_for(index: dict[str, Any], word: str) -> list[str]:
    words = index["words"].split(" ")
    if word not in words:
        return []
    return [index["models"][number][1] for number in decode(index["postings"][words.index(word)])]


# ---------------------------------------------------------------- the index


def test_a_word_only_in_one_card_body_finds_exactly_that_model(write_catalog: CatalogWriter) -> None:
    catalog, _ = load_catalog(str(write_catalog(CARDS)))
    index = search_index(catalog)
    assert stubs_for(index, "quokka") == [QUOKKA]
    assert stubs_for(index, "resnet") == sorted(s for s in map(str, (m.stub for m in catalog.models)) if "resnet" in s)
    assert stubs_for(index, "exotic") == [QUOKKA]  # a metric name
    assert stubs_for(index, "mobilenet") == [MOBILE]  # a tag and the stub
    assert stubs_for(index, "hiddenword") == []  # a link target is not text a reader sees
    assert stubs_for(index, "paper") != []
    record = next(r for r in index["models"] if r[1] == QUOKKA)
    assert record == ["ResNet-50 pruned", QUOKKA, 0, "Top1 accuracy 75.6%"]
    assert index["tables"] == ["Image Classification", "Question Answering"]


def test_vocabulary_is_in_utf16_order_and_the_script_is_deterministic(write_catalog: CatalogWriter) -> None:
    extra = {
        f"{P}/vgg-19/pytorch/torchvision/imagenet/base-none/model.md": card("tags: [x]", "\uff41 \U0001d400x é z\n")
    }
    root = str(write_catalog({**CARDS, **extra}))
    words = search_index(load_catalog(root)[0])["words"].split(" ")
    assert words.index("\U0001d400x") < words.index("\uff41")  # surrogates sort before U+FF41
    assert words == sorted(words, key=lambda word: word.encode("utf-16-be"))
    assert search_index_scripts(load_catalog(root)[0]) == search_index_scripts(load_catalog(root)[0])


@pytest.mark.parametrize("numbers", [[0], [5, 6, 7, 1000, 40000], list(range(0, 600, 2)), list(range(600))])
def test_postings_round_trip(numbers: list[int]) -> None:
    encoded = encode_postings(numbers, 600 if numbers[-1] < 600 else 40001)
    assert decode(encoded) == numbers
    assert encoded.startswith(BITMAP_MARK) == (len(numbers) >= 300)  # dense lists are shorter as bitmaps


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_postings_round_trip_in_the_shorter_form(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 5000))
    numbers = sorted(data.draw(st.sets(st.integers(0, count - 1), min_size=1)))
    encoded = encode_postings(numbers, count)
    assert decode(encoded) == numbers
    bitmap = 1 + -(-count // 6)
    # A gap takes a character per five bits, at least one.
    gaps = sum(max(1, -(-(b - a - 1).bit_length() // 5)) for a, b in zip([-1, *numbers], numbers, strict=False))
    assert len(encoded) == min(bitmap, gaps)


def test_markdown_text_keeps_words_and_drops_markup() -> None:
    text = markdown_text('Go <b class="x">bold</b> [link](https://a.example/b) &amp; <!-- note -->\n[r]: https://c.d\n')
    assert tokens(text) == ["go", "bold", "link"]


def test_the_index_cannot_end_its_own_script(write_catalog: CatalogWriter) -> None:
    """A card's text stays inside a JSON string of the index script."""
    evil = {
        f"{P}/vgg-19/pytorch/torchvision/imagenet/base-none/model.md": card('display_name: "\\"};alert(1);//\u2028"')
    }
    catalog, _ = load_catalog(str(write_catalog({**CARDS, **evil})))
    script = search_index_scripts(catalog)[SEARCH_INDEX_URI]
    prefix, suffix = "window.zoocatSearchIndex=", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix) and "\u2028" not in script
    names = [record[0] for record in json.loads(script[len(prefix) : -len(suffix)])["models"]]
    assert '"};alert(1);//\u2028' in names


def test_embed_pages_have_no_search_box_and_others_link_home_without_script(write_catalog: CatalogWriter) -> None:
    out = write_catalog(CARDS).parent / "site"
    assert build(BuildOptions(str(out.parent / "catalog"), str(out))).written
    assert (out / SEARCH_INDEX_URI).is_file()
    embed = (out / "tables" / "models" / P / "index.html").read_text()
    assert "data-zoocat-search" not in embed
    model_page = (out / "models" / QUOKKA / "index.html").read_text()
    assert 'href="../../../../../../../../index.html#main">Browse all 4 models</a>' in model_page
    assert '<div class="site-search" data-zoocat-search data-root="../../../../../../../../">' in model_page
    assert "search-box" not in model_page and "combobox" not in model_page  # the script draws the box


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalog built into www/zoo/, to be served under the /zoo/ sub-path like GitHub Pages."""
    root = write_files(tmp_path_factory.mktemp("search") / "catalog", CARDS)
    result = build(BuildOptions(str(root), str(root.parent / "www" / "zoo")))
    assert result.written
    return root.parent / "www"


@pytest.fixture
def origin(www: Path) -> Iterator[str]:
    with serve(www) as url:
        yield url + "zoo/"


def watched(browser: Browser, **options: object) -> tuple[Page, list[str]]:
    page = browser.new_page(**options)  # type: ignore[arg-type]
    trouble: list[str] = []
    page.on("pageerror", lambda error: trouble.append(str(error)))

    def dialog(opened: Dialog) -> None:
        trouble.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    return page, trouble


def search(page: Page, query: str) -> list[str]:
    """Type into the header box; the result names once the status has caught up."""
    page.fill("#zoocat-search", "")
    page.click("#zoocat-search")
    page.keyboard.type(query)
    page.wait_for_function("document.querySelector('.site-search [role=status]').textContent.length > 0")
    return page.locator("#zoocat-search-results [role=option] .search-name").all_text_contents()


@pytest.mark.browser
def test_a_word_of_one_card_text_finds_that_model_and_the_keyboard_opens_it(browser: Browser, origin: str) -> None:
    page, trouble = watched(browser)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(origin + f"models/{MOBILE}/index.html")
    assert not any(url.endswith(SEARCH_INDEX_URI) for url in requests)  # loaded only when the box is used
    assert search(page, "quokk") == ["ResNet-50 pruned"]
    box = page.locator("#zoocat-search")
    label = "Find a model by name, stub, tag, metric or card text"
    assert page.get_by_role("search", name="All models").get_by_role("combobox", name=label).count() == 1
    assert (
        page.locator(".site-search [role=status]").text_content() == "1 model found, use the arrow keys to choose one"
    )
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin + f"models/{QUOKKA}/index.html"
    assert page.locator("h1").first.text_content() == "ResNet-50 pruned"
    assert all(url.startswith(origin) for url in requests)
    assert trouble == []
    page.close()


@pytest.mark.browser
def test_arrows_wrap_escape_closes_then_clears(browser: Browser, origin: str) -> None:
    page, trouble = watched(browser)
    page.goto(origin + "index.html")
    names = search(page, "resnet 50")
    assert sorted(names) == ["ResNet-50 dense", "ResNet-50 pruned"]
    box = page.locator("#zoocat-search")
    page.keyboard.press("ArrowUp")  # from the box, up goes to the last result
    assert box.get_attribute("aria-activedescendant") == "zoocat-search-results-1"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "zoocat-search-results-0"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator(".search-panel").is_hidden()
    assert box.input_value() == "resnet 50"
    page.keyboard.press("ArrowDown")  # reopens
    assert page.locator(".search-panel").is_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    assert search(page, "zzzz") == []
    assert page.locator(".search-note").text_content() == "No model matches “zzzz”"
    assert box.get_attribute("aria-expanded") == "false"
    assert trouble == []
    page.close()


@pytest.mark.browser
def test_hostile_card_text_is_shown_as_text(browser: Browser, origin: str) -> None:
    page, trouble = watched(browser)
    page.goto(origin + "index.html")
    assert search(page, "onerror") == [f"Mobile {HOSTILE}"]
    assert page.locator(".site-search img").count() == 0
    page.wait_for_timeout(200)  # an injected onerror would have run by now
    assert trouble == []
    page.close()


@pytest.mark.browser
def test_open_results_pass_axe(browser: Browser, origin: str) -> None:
    for scheme in ("light", "dark"):
        page, _ = watched(browser, color_scheme=scheme)
        page.goto(origin + f"models/{P}/index.html")
        search(page, "resnet")
        page.keyboard.press("ArrowDown")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.close()


@pytest.mark.browser
def test_works_from_file_urls(browser: Browser, www: Path) -> None:
    page, trouble = watched(browser)
    page.goto((www / "zoo" / "models" / QUOKKA / "index.html").as_uri())
    assert search(page, "marsupial") == [f"Mobile {HOSTILE}"]
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the first result, none chosen
    assert page.url == (www / "zoo" / "models" / MOBILE / "index.html").as_uri()
    assert trouble == []
    page.close()


@pytest.mark.browser
def test_says_so_when_the_index_cannot_load(browser: Browser, www: Path, tmp_path: Path) -> None:
    broken = tmp_path / "zoo"
    (broken / "assets").mkdir(parents=True)
    for name in ("index.html", "assets/zoocat-search.js", "assets/zoocat.css"):
        (broken / name).write_bytes((www / "zoo" / name).read_bytes())
    page, _ = watched(browser)
    page.goto((broken / "index.html").as_uri())
    fallback = page.locator(".search-fallback")
    assert fallback.is_hidden()
    search(page, "resnet")
    assert (page.locator(".search-note").text_content() or "").startswith("Search is unavailable")
    assert (page.locator(".site-search [role=status]").text_content() or "").startswith("Search is unavailable")
    assert fallback.is_visible() and fallback.get_attribute("href") == "index.html#main"
    page.close()


@pytest.mark.browser
def test_without_javascript_the_box_is_a_link_home(browser: Browser, www: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((www / "zoo" / "models" / P / "index.html").as_uri())
    assert page.locator("#zoocat-search").is_hidden()
    link = page.locator(".search-fallback")
    assert link.is_visible() and link.text_content() == "Browse all 4 models"
    link.click()
    assert page.url == (www / "zoo" / "index.html").as_uri() + "#main"
    context.close()


@pytest.mark.browser
def test_a_theme_that_writes_its_own_box_keeps_it(browser: Browser, tmp_path: Path) -> None:
    root = write_files(tmp_path / "catalog", CARDS)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "_search.html").write_text(
        '<div class="site-search" data-zoocat-search data-root="{{ root }}">'
        '<a class="search-fallback" href="{{ root }}index.html">Home</a>'
        '<div class="search-box" role="search" aria-label="Our models" hidden>'
        '<input id="zoocat-search" role="combobox" aria-label="Search" aria-expanded="false" placeholder="Our box">'
        '<div class="search-panel" hidden><p class="search-note" hidden></p>'
        '<div id="zoocat-search-results" role="listbox" aria-label="Found" hidden></div></div>'
        '<p role="status"></p></div></div>'
    )
    assert build(BuildOptions(str(root), str(tmp_path / "site"), theme_dir=str(theme))).written
    page, trouble = watched(browser)
    page.goto((tmp_path / "site" / "index.html").as_uri())
    assert search(page, "quokk") == ["ResNet-50 pruned"]
    assert page.locator(".search-box").count() == 1
    assert page.get_by_role("search", name="Our models").get_by_placeholder("Our box").is_visible()
    assert trouble == []
    page.close()


# ---------------------------------------------------------------- a split index


def test_a_big_zoos_index_is_split_each_model_in_one_part(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "PART_MODELS", 2)  # CARDS' models, two a part: four parts
    catalog, _ = load_catalog(str(write_catalog(CARDS)))
    scripts = search_index_scripts(catalog)
    count = search_module.part_count(len(catalog.models))
    assert count & (count - 1) == 0 and count * 2 >= len(catalog.models) > count  # a power of two, just enough
    assert list(scripts) == [SEARCH_INDEX_URI, *(f"search-index-{part}.js" for part in range(1, count))]
    listed = []
    for part, (uri, script) in enumerate(scripts.items()):
        name = "zoocatSearchIndex" if part == 0 else f"zoocatSearchPart{part}"
        data = json.loads(script.removeprefix(f"window.{name}=").removesuffix(";\n"))
        assert (data["part"], data["parts"]) == (part, count), uri
        assert [record[1] for record in data["models"]] == sorted(record[1] for record in data["models"])
        listed += [record[1] for record in data["models"]]
    assert sorted(listed) == sorted(model.stub.text for model in catalog.models)
    # A model's part depends on its stub alone: an edit to one card rewrites one part.
    out = tmp_path / "site"
    root = str(write_catalog(CARDS))
    build(BuildOptions(root, str(out), jobs=1))
    card_path = Path(root) / QUOKKA / "model.md"
    card_path.write_text(card_path.read_text() + "\nA wombat.\n")
    rewritten = build(BuildOptions(root, str(out), jobs=1)).rewritten or []
    assert [uri for uri in rewritten if uri.startswith("search-index")] == [part_of(scripts, QUOKKA)]


def part_of(scripts: dict[str, str], stub: str) -> str:
    return next(uri for uri, script in scripts.items() if f'"{stub}"' in script)


@pytest.mark.browser
def test_the_box_searches_every_part_of_a_split_index(
    browser: Browser, write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "PART_MODELS", 1)
    out = tmp_path / "www" / "zoo"
    assert build(BuildOptions(str(write_catalog(CARDS)), str(out), jobs=1)).written
    assert (out / "search-index-1.js").is_file()
    with serve(out.parent) as url:
        page, trouble = watched(browser)
        page.goto(url + "zoo/index.html")
        # "resnet" is in models of several parts; the results are merged in the order one index gives.
        names = search(page, "resnet 50")
        page.wait_for_function("!document.querySelector('.search-note').textContent.startsWith('Searching')")
        assert sorted(search(page, "resnet 50")) == sorted(names) == ["ResNet-50 dense", "ResNet-50 pruned"]
        assert search(page, "quokk") == ["ResNet-50 pruned"]
        assert trouble == []
        page.close()
