"""The hostile catalog: every problem reported by code and line, every good card built, nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import D, write_hostile
from playwright.sync_api import Browser

from generator.build import BuildOptions, BuildResult, build

CL = "cv/classification"
EXPECTED = [
    ("cv", None, "discover.stray-files"),
    ("cv/classification/ResNet_v1-50/pytorch/sparseml/imagenet/base-none/model.md", None, "stub.near-duplicate"),
    ("cv/classification/name with spaces/pytorch/sparseml/imagenet/base-none/model.md", None, "stub.invalid"),
    ("cv/classification/résnet/pytorch/sparseml/imagenet/base-none/model.md", None, "stub.invalid"),
    ("cv/loop", None, "discover.link-inside"),
    ("cv/outside", None, "discover.link-outside"),
    (f"{D}/arch-aggressive/model.md", 1, "card.no-front-matter"),
    (f"{D}/arch-moderate/model.md", 4, "card.encoding"),
    (f"{D}/arch-none/model.md", None, "card.front-matter"),
    (f"{D}/base-none/deeper/model.md", None, "discover.nested-card"),
    (f"{D}/base-none/model.md", None, "card.base-invalid"),
    (f"{D}/base-none/model.md", None, "stub.case-collision"),
    (f"{D}/base-none/model.md", 13, "card.unknown-key"),
    (f"{D}/base-none/model.md", 18, "card.broken-link"),
    (f"{D}/base-none/model.md", 26, "card.broken-link"),
    (f"{D}/base-none/model.md", 28, "card.broken-link"),
    (f"{D}/base-none/secret.txt", None, "discover.link-outside"),
    (f"{D}/empty-none", None, "discover.no-card"),
    (f"{D}/pruned-aggressive/model.md", None, "card.yaml-syntax"),
    (f"{D}/pruned-conservative/model.md", 3, "card.yaml-syntax"),
    (f"{D}/pruned-moderate/model.md", 2, "card.yaml-syntax"),
    (f"{D}/pruned90-none/model.md", 2, "card.unknown-key"),
    (f"{D}/pruned95-none/model.md", None, "card.too-big"),
    (f"{D}/pruned_quant-aggressive/model.md", None, "card.not-mapping"),
    (f"{D}/pruned_quant-conservative/model.md", None, "card.not-mapping"),
    (f"{D}/pruned_quant-moderate/model.md", 3, "card.duplicate-key"),
    (f"{D}/quant-moderate/model.md", 2, "card.type"),
    (f"{D}/quant-moderate/model.md", 3, "card.type"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    base = tmp_path_factory.mktemp("hostile")
    root = write_hostile(base / "catalog")
    result = build(BuildOptions(str(root), str(base / "site")))
    return result, base / "site"


def test_every_problem_is_reported_with_code_and_line(hostile: tuple[BuildResult, Path]) -> None:
    result, _ = hostile
    assert sorted((p.path, p.line or 0, p.code) for p in result.problems) == sorted(
        (path, line or 0, code) for path, line, code in EXPECTED
    )
    assert not Path("/tmp/zoocat-pwned").exists()


def test_the_good_cards_are_built(hostile: tuple[BuildResult, Path]) -> None:
    result, site = hostile
    assert result.written
    assert sorted(str(m.stub) for m in result.catalog.models) == sorted([
        f"{D}/base-none", f"{D}/quant-none", f"{D}/pruned90-none", f"{D}/arch-aggressive",
        "cv/classification/ResNet_v1-50/pytorch/sparseml/imagenet/base-none",
    ])  # fmt: skip
    page = (site / "models" / D / "quant-none" / "index.html").read_text()
    assert "<h1>BOM and CRLF</h1>" in page
    body = (site / "models" / D / "base-none" / "index.html").read_text()
    assert "Body {{ 7*7 }} {% include 'base.html' %}</h2>" in body  # template syntax shown as text
    assert not (site / "models" / D / "base-none" / "files" / "secret.txt").exists()
    assert not any(site.rglob("passwd"))


@pytest.mark.browser
def test_no_page_runs_card_script_or_leaves_the_site(hostile: tuple[BuildResult, Path], browser: Browser) -> None:
    _, site = hostile
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                  if not route.request.url.startswith("file://") else route.continue_())  # fmt: skip
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.txt"))
    assert len(pages) > 8
    for path in pages:
        page.goto(path.as_uri())
        page.mouse.move(200, 300)  # hover handlers, if any survived
        # Only zoocat's own script and data blocks may exist; no element carries an event handler.
        # (and 404.html's inline script, which finds the site's folder: it holds nothing from a card)
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.src ? 'src' : e.id || e.type)")
        own = {"zoocat-find-root"} if path.name == "404.html" else set()
        assert set(scripts) <= {"src", "application/json", *own}, path
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
            ".filter(n => n.startsWith('on'))"
        )
        assert handlers == [], path
        links = page.eval_on_selector_all(
            "[href], [src]", "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
        )
        assert not [link for link in links if link.strip().lower().startswith(("javascript:", "data:"))], path
    page.wait_for_timeout(200)
    assert dialogs == [] and outside == []
    context.close()
