"""Inputs that once crashed the build or produced wrong output: each is reported, the rest builds."""

from __future__ import annotations

import json
import mimetypes
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import CatalogWriter, card

from generator.build import BuildOptions, build, load_catalog
from generator.errors import BuildError
from generator.output.write import write_files
from generator.read.markdown_nesting import MAX_NESTING
from generator.render.site_files import SiteFiles

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
OTHER = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)


def build_one(write_catalog: CatalogWriter, tmp_path: Path, front: str, body: str = "Text.\n", **files: str):  # type: ignore[no-untyped-def]
    root = write_catalog(
        {f"{BASE}/model.md": card(front, body), f"{OTHER}/model.md": card("display_name: ok"), **files}
    )
    return build(BuildOptions(str(root), str(tmp_path / "site"))), tmp_path / "site"


def page(out: Path, stub: str = BASE) -> str:
    return (out / "models" / stub / "index.html").read_text()


def test_alias_bomb_is_refused_fast(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    started = time.perf_counter()
    result, out = build_one(write_catalog, tmp_path, "bomb:\n" + "\n".join("  " + line for line in BOMB.splitlines()))
    assert time.perf_counter() - started < 20  # generous: it takes well under a second; unbounded, it never ends
    assert [p.code for p in result.problems] == ["card.yaml-syntax"]
    assert "aliases expand this YAML to 4,412,961,5" in result.problems[0].message
    assert result.written and not (out / "models" / BASE).exists()


@pytest.mark.parametrize(
    "front",
    ["odd: {1: a, b: c}", "deep: " + "[" * 100 + "]" * 100, "s: !!set {alpha, beta, gamma, delta, eps}"],
)
def test_unknown_values_render_deterministically(write_catalog: CatalogWriter, tmp_path: Path, front: str) -> None:
    result, out = build_one(write_catalog, tmp_path, front)
    assert result.written and [p.code for p in result.problems] == ["card.unknown-key"]
    first = page(out)
    build(BuildOptions(str(out.parent / "catalog"), str(out)))
    assert page(out) == first
    if "set" in front:
        assert "<code>[alpha, beta, delta, eps, gamma]</code>" in first


def test_numbers_too_big_are_problems(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    huge = "1" + "0" * 400
    result, out = build_one(
        write_catalog, tmp_path,
        f"metrics:\n  - {{name: top1, value: {huge}, units: '%'}}\nfiles:\n  - {{path: model.onnx.tar.gz, size: {huge}}}",
    )  # fmt: skip
    assert sorted(p.message[:40] for p in result.problems) == [
        "files[0].size is the number 100000000000",
        "metrics[0].value is the number 100000000",
    ]
    assert result.written and (out / "models" / OTHER / "index.html").exists()


def test_impossible_dates_and_odd_side_files(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    result, _ = build_one(
        write_catalog, tmp_path, "released: 2021-02-30",
        **{f"{OTHER}/benchmark.yaml": "benchmarks:\n  results:\n  - {num_cores: '²', benchmark_result: {items_per_sec: 3}}\n"},
    )  # fmt: skip
    assert [(p.code, p.line) for p in result.problems] == [("card.yaml-syntax", 2)]  # the line of the date
    assert result.problems[0].message == (
        "the front matter is not valid YAML: a value cannot be read (day is out of range for month); "
        "quote it to keep it as text"
    )
    assert "3 items/sec" in page(tmp_path / "site", OTHER)


def test_a_body_nested_too_deep_is_shown_as_text(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    body = "".join("  " * depth + "- item\n" for depth in range(1000))
    started = time.perf_counter()
    limits = {"catalog.yml": "limits: {body_bytes: 2000000}\n"}  # the body is over 1 MB of indents
    result, out = build_one(write_catalog, tmp_path, "display_name: deep", body, **limits)
    assert time.perf_counter() - started < 20
    # The line where the body first nests too deep: the body starts on line 4, its item 41 levels in is 41 below.
    assert [(p.code, p.line) for p in result.problems] == [("card.body-depth", 4 + MAX_NESTING + 1)]
    assert '<pre tabindex="0">- item\n  - item' in page(out)


def test_unreadable_files_are_warnings(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: not str(path).endswith("secret.bin") and real_access(path, mode)
    )
    result, out = build_one(write_catalog, tmp_path, "display_name: x", **{f"{BASE}/secret.bin": "x"})
    assert [(p.path, p.code) for p in result.problems] == [(f"{BASE}/secret.bin", "file.unreadable")]
    assert result.written and not (out / "models" / BASE / "files" / "secret.bin").exists()


def test_recipes_with_the_same_stem_get_their_own_pages(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    result, out = build_one(
        write_catalog, tmp_path, "display_name: x",
        **{f"{BASE}/recipes/original.md": "---\na: 1\n---\n", f"{BASE}/recipes/original.yaml": "a: 2\n"},
    )  # fmt: skip
    assert result.problems == []
    assert (out / "models" / BASE / "recipes" / "original.md" / "index.html").exists()
    assert (out / "models" / BASE / "recipes" / "original.yaml" / "index.html").exists()


def test_download_base_url_applies_to_body_links(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    _result, out = build_one(
        write_catalog, tmp_path, "display_name: x", "[sample](sample-inputs/a.json)\n",
        **{"catalog.yml": "download_base_url: https://files.example.org/zoo/", f"{BASE}/sample-inputs/a.json": "{}"},
    )  # fmt: skip
    assert f'href="https://files.example.org/zoo/{BASE}/sample-inputs/a.json"' in page(out)


def test_speed_metric_without_context_and_shadowed_names(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    result, out = build_one(
        write_catalog, tmp_path,
        "metrics:\n  - {name: throughput, value: 1200, units: items/sec}\n  - {name: dataset, value: 1, units: x}",
    )  # fmt: skip
    assert [(p.code, p.line) for p in result.problems] == [("card.metric-context", 3), ("card.metric-name", 4)]
    table = (out / "models/cv/classification/index.html").read_text()
    assert 'data-value="1200.0">1,200 items/sec' in table


def test_train_dataset_is_shown(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    _, out = build_one(write_catalog, tmp_path, "train_dataset: imagenet_2")
    assert "<dt>Training dataset</dt><dd>imagenet_2</dd>" in page(out)


def test_remote_images_and_active_files_are_defused(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    active = ["demo.html", "plot.svg", "page.XHT", "feed.xhtm", "math.mml", "Report.PDF", "page.html.gz", "LICENSE",
              "demo.html.bin"]  # fmt: skip
    inert = ["model.onnx", "resnet_v1.5.onnx", "model.tar.gz", "notes.TXT", "weights.v2.bin", "curve.png"]
    _, out = build_one(
        write_catalog, tmp_path, "display_name: x", '![badge](https://tracker.example.com/p.png)\n<img src="//t.example.com/x">\n',
        **{f"{BASE}/{name}": f"<script>alert('{name}')</script>" for name in active + inert},
    )  # fmt: skip
    html = page(out)
    # No request to another site: each remote image is only a link to it, marked, for the reader to follow.
    assert not re.search(r"src=\"[^\"]*t(racker)?\.example\.com", html)
    assert html.count('class="external-image" href="https://') == 2
    # A file of a type a browser may run is a download, under its own name, and the page says so.
    assert '<a href="downloads/demo.html.bin" download="demo.html">demo.html</a>' in html
    assert "<em>download only</em>" in html and "never opens them" in html
    assert '<a href="downloads/demo.html.bin.bin" download="demo.html.bin">' in html  # no name is given twice
    model = out / "models" / BASE
    downloads = sorted(p.relative_to(model / "downloads").as_posix() for p in (model / "downloads").rglob("*"))
    assert downloads == sorted(f"{name}.bin" for name in active)
    files = sorted(p.relative_to(model / "files").as_posix() for p in (model / "files").rglob("*"))
    assert files == sorted([*inert, "model.md"])
    # Whatever a host makes of the names, none of them is a type a browser runs.
    for name in downloads + files:
        kind, _ = mimetypes.guess_type(name)
        assert kind is None or not re.search(r"html|xml|svg|script|pdf", kind), (name, kind)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("no_such_name", "'no_such_name' is undefined"),
        ("1 / 0", "ZeroDivisionError: division by zero"),  # not Jinja's own error: any error a template raises
    ],
)
def test_template_errors_name_the_template(
    write_catalog: CatalogWriter, tmp_path: Path, expression: str, message: str
) -> None:
    root = write_catalog({f"{BASE}/model.md": card("display_name: x")})
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}\n{{ ' + expression + " }}{% endblock %}"
    )
    with pytest.raises(BuildError, match=rf"theme/index\.html:2: template error: .*{re.escape(message)}"):
        build(BuildOptions(str(root), str(tmp_path / "site"), theme_dir=str(theme)))
    assert not (tmp_path / "site").exists()


def test_leftovers_of_a_killed_build_are_removed(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{BASE}/model.md": card("display_name: x")})
    (tmp_path / ".site.zoocat-new-abc123" / "models").mkdir(parents=True)
    build(BuildOptions(str(root), str(tmp_path / "site")))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.zoocat-cache", "catalog", "site"]


def test_validate_and_build_agree_on_collisions(write_catalog: CatalogWriter) -> None:
    root = write_catalog(
        {
            "cv/classification/models.json/pytorch/sparseml/imagenet/base-none/model.md": card("display_name: x"),
            f"{BASE}/model.md": card("display_name: y"),
        }
    )
    catalog, problems = load_catalog(str(root))
    assert [p.code for p in problems] == ["stub.invalid"]
    assert "the segment 'models.json' is a name zoocat's site uses for its own files; rename it" in problems[0].message
    assert [str(m.stub) for m in catalog.models] == [BASE]


def test_github_annotations_escape_property_values(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{BASE}/model.md": card("domain: nlp")})
    odd = tmp_path / "my,zoo"
    root.rename(odd)
    result = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", "validate", str(odd), "--format", "github"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.stdout.startswith("::warning file=" + str(odd).replace(",", "%2C") + "/")
    assert json.dumps(result.stdout).count("::") == 2


def test_card_html_cannot_borrow_the_sites_classes() -> None:
    from generator.render.markdown_html import render_markdown

    html = render_markdown('<div class="zoocat-table"><span class="k copy-row">x</span></div>', str)
    assert "zoocat-table" not in html and "copy-row" not in html
    assert '<span class="k">x</span>' in html


def test_a_file_turned_into_a_pipe_since_it_was_listed_fails_instead_of_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "model.onnx"
    os.mkfifo(pipe)
    errors: list[BaseException] = []

    def publish() -> None:
        try:
            write_files(SiteFiles(copies={"models/a/files/model.onnx": str(pipe)}), tmp_path / "out")
        except OSError as error:
            errors.append(error)

    worker = threading.Thread(target=publish, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(pipe, "wb"):  # lets the stuck reader go before failing
            pass
    assert not worker.is_alive()
    assert len(errors) == 1 and "no longer a regular file" in str(errors[0])
