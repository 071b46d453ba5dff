from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CatalogWriter, card, tree
from site_data import table_data

from generator.build import BuildOptions, build
from generator.cli import main
from generator.errors import BuildError, RenderError
from generator.incremental.parallel import Background, claim_paths
from generator.output.write import MARKER

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
PRUNED = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"
QA = "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none"


def small_catalog(write_catalog: CatalogWriter) -> Path:
    return write_catalog(
        {
            "catalog.yml": "title: Test zoo\nnames:\n  cv: Computer Vision\n  classification: Image Classification\n",
            f"{BASE}/model.md": card(
                """
            display_name: ResNet-50 base
            metrics:
              - {name: top1_accuracy, value: 76.1, units: "%", primary: true}
            """,
                "# ResNet-50\n\nSee [the pruned one](../pruned-moderate/) and [recipe](recipes/original.md).\n",
            ),
            f"{BASE}/recipes/original.md": "<!-- licence -->\n---\nmodifiers:\n  - !EpochRangeModifier\n    end_epoch: 10\n---\n# Notes\n",
            f"{BASE}/model.onnx.tar.gz": b"\x1f\x8b" + b"0" * 2046,
            f"{BASE}/sample-labels/labels.txt": "tench\ngoldfish\n",
            f"{PRUNED}/model.md": card("""
            metrics:
              - {name: top1_accuracy, value: 75.6, units: "%"}
              - {name: throughput, value: 900, units: items/sec, engine: deepsparse, cores: 4, batch_size: 1}
            """),
            f"{QA}/model.md": card("display_name: BERT base\ntags: [bert]"),
        }
    )


def test_end_to_end_small_catalog(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    out = tmp_path / "site"
    result = build(BuildOptions(str(root), str(out)))
    assert result.written and result.problems == []
    expected = {
        "index.html",
        "404.html",
        ".nojekyll",
        "catalog.json",
        MARKER,
        "assets/zoocat.css",
        "assets/zoocat-parts.css",
        "assets/zoocat-mkdocs.css",
        "assets/favicon.svg",
        "assets/zoocat.js",
        "assets/zoocat-search.js",
        "search-index.js",
        "models/cv/index.html",
        "models/nlp/index.html",
        "models/cv/classification/index.html",
        "models/cv/classification/models.json",
        "models/cv/classification/rows.js",
        "models/cv/classification/models.csv",
        "tables/models/cv/classification/index.html",
        "models/nlp/question_answering/index.html",
        "models/nlp/question_answering/models.json",
        "models/nlp/question_answering/rows.js",
        "models/nlp/question_answering/models.csv",
        "tables/models/nlp/question_answering/index.html",
        "tags/index.html",
        "tags/bert/index.html",
        f"models/{BASE}/index.html",
        f"models/{PRUNED}/index.html",
        f"models/{QA}/index.html",
        f"models/{BASE}/recipes/original/index.html",
        f"models/{BASE}/files/model.md",
        f"models/{BASE}/files/recipes/original.md",
        f"models/{BASE}/files/model.onnx.tar.gz",
        f"models/{BASE}/files/sample-labels/labels.txt",
        f"models/{PRUNED}/files/model.md",
        f"models/{QA}/files/model.md",
    }
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == expected

    table = (out / "models/cv/classification/index.html").read_text()
    assert table.count("<tr data-stub=") == 2
    assert f'<tr data-stub="{BASE}">' in table
    assert "<h1>Image Classification</h1>" in table
    assert '<td class="num" data-value="2048">2.0 kB</td>' in table
    assert 'data-value="900.0">900 items/sec</td>' in table  # one context, named under the table
    assert 'Throughput measured with: <span class="speed-context-name">deepsparse, 4 cores, batch 1</span>' in table
    # The architecture does not vary in this table, the sparse name does (a column offered, not shown at first).
    columns = {column["key"]: column for column in table_data(out, "cv/classification")["columns"]}
    assert columns["sparse_name"]["hidden"] and "architecture" not in columns
    assert 'data-key="sparse_name"' not in table

    page = (out / f"models/{BASE}/index.html").read_text()
    assert 'href="../../../../../../../../assets/zoocat.css"' in page
    assert 'href="../pruned-moderate/index.html"' in page  # link to another model folder
    assert 'href="recipes/original/index.html"' in page  # link to a recipe becomes its page
    assert 'href="files/sample-labels/labels.txt"' in page

    recipe = (out / f"models/{BASE}/recipes/original/index.html").read_text()
    assert "EpochRangeModifier" in recipe

    embed = (out / "tables/models/cv/classification/index.html").read_text()
    assert '<base href="../../../../models/cv/classification/index.html" target="_top">' in embed
    assert "site-header" not in embed

    data = json.loads((out / "catalog.json").read_text())
    assert [m["stub"] for m in data["models"]] == [BASE, PRUNED, QA]
    assert data["models"][0]["page"] == f"models/{BASE}/index.html"
    assert data["models"][1]["display_name"] == "A model"  # the body's first heading
    # The table's rows as data, once: its script's file and the downloads made from the same cells.
    rows = (out / "models/cv/classification/rows.js").read_text()
    assert rows.startswith('zoocatRows({"key":"cv/classification",') and rows.endswith("]});\n")
    assert f'["{BASE}",' in rows and rows.count('\n["') == 2
    records = json.loads((out / "models/cv/classification/models.json").read_text())
    assert [r["stub"] for r in records] == [BASE, PRUNED] and records[0]["compressed_size"] == 2048
    csv_text = (out / "models/cv/classification/models.csv").read_text()
    assert (
        csv_text.splitlines()[0]
        == "stub,display_name,top1_accuracy,recovery,throughput,compressed_size,sparse_category,sparse_name"
    )


def test_example_catalog_builds_without_problems(tmp_path: Path) -> None:
    result = build(BuildOptions(str(REPO / "catalog"), str(tmp_path / "site")))
    # The published figures of six models do not meet their category's definition, and one recipe uses an alias it
    # never defines (real data, kept as is).
    codes = sorted(p.code for p in result.problems)
    assert codes == ["card.category-mismatch"] * 6 + ["recipe.yaml"]
    assert [p.path for p in result.problems if p.code == "recipe.yaml"] == [
        "cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned_quant-moderate/recipes/original.md"
    ]
    assert len(result.catalog.models) >= 40
    assert {table.key for table in result.catalog.tables} >= {
        "cv/classification",
        "cv/detection",
        "cv/segmentation",
        "nlp/question_answering",
        "nlp/text_classification",
        "nlp/token_classification",
    }


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(BuildOptions(str(REPO / "catalog"), str(first)))
    build(BuildOptions(str(REPO / "catalog"), str(second)))
    assert tree(first) == tree(second)


def test_bad_cards_are_left_out_and_the_rest_is_built(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    (root / PRUNED / "model.md").write_text("---\ntags: [unclosed\n---\n")
    result = build(BuildOptions(str(root), str(tmp_path / "site")))
    assert result.written and result.errors == 1
    assert result.problems[0].path == f"{PRUNED}/model.md" and result.problems[0].line == 3
    assert not (tmp_path / "site" / "models" / PRUNED).exists()
    assert (tmp_path / "site" / "models" / BASE / "index.html").exists()


def test_strict_writes_nothing_on_a_warning(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    (root / QA / "model.md").write_text(card("domain: cv"))
    result = build(BuildOptions(str(root), str(tmp_path / "site"), strict=True))
    assert not result.written and result.warnings == 1
    assert not (tmp_path / "site").exists()


def test_a_failed_build_leaves_the_previous_site(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_catalog(write_catalog)
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before = tree(out)
    (root / QA / "model.md").write_text(card("display_name: Changed"))

    def explode(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.output.write._swap", explode)
    with pytest.raises(BuildError, match=r"cannot write the site to .*: No space left on device"):
        build(BuildOptions(str(root), str(out), full=True))  # a full build swaps a whole new folder in
    assert tree(out) == before
    # No staging folder left (the cache of the first build stays).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.zoocat-cache", "catalog", "site"]


def test_rebuild_replaces_a_zoocat_site(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    (out / "stale.html").write_text("old")
    shutil.rmtree(root / QA)
    build(BuildOptions(str(root), str(out)))
    assert not (out / "stale.html").exists() and not (out / "models" / "nlp").exists()


def test_refuses_folders_it_did_not_build(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    with pytest.raises(BuildError, match="is not empty and was not built by zoocat"):
        build(BuildOptions(str(root), str(mine)))
    assert (mine / "thesis.tex").read_text() == "precious"
    with pytest.raises(BuildError, match="is inside the catalog"):
        build(BuildOptions(str(root), str(root / "site")))
    with pytest.raises(BuildError, match="is inside the output folder"):
        build(BuildOptions(str(root), str(tmp_path)))


def test_published_files_are_copies_that_an_edit_in_place_does_not_change(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    root = small_catalog(write_catalog)
    out = tmp_path / "site"
    big = root / BASE / "model.onnx"
    big.write_bytes(b"\x08" * (1 << 21))  # over the size read whole
    build(BuildOptions(str(root), str(out)))
    files = out / "models" / BASE / "files"
    for name in ("model.onnx", "model.onnx.tar.gz"):
        assert (files / name).read_bytes() == (root / BASE / name).read_bytes()
    with open(big, "r+b") as handle:  # as torch.save and onnx.save rewrite a file: in place, same inode
        handle.write(b"\x09" * 16)
    assert (files / "model.onnx").read_bytes() == b"\x08" * (1 << 21)


def test_files_outside_the_root_are_not_published(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    os.symlink(secret, root / BASE / "notes.txt")
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    assert not (out / "models" / BASE / "files" / "notes.txt").exists()
    assert "notes.txt" not in (out / "models" / BASE / "index.html").read_text()


class _ActiveContent(HTMLParser):
    """Collects what could run script: script elements, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ours = (values.get("src") or "").endswith(("assets/zoocat.js", "assets/zoocat-search.js"))
        if tag in ("script", "iframe", "object", "embed", "style") and not ours:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={value}")


def active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found


def test_card_script_never_reaches_the_page(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    hostile = """---
display_name: "<script>alert(1)</script>"
tags: ["<img src=x onerror=alert(2)>"]
---
<script>alert(3)</script>
<img src="x" onerror="alert(4)">
[click](javascript:alert(5))
{{ 7*7 }}
"""
    root = write_catalog({f"{BASE}/model.md": hostile})
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    for page in out.rglob("*.html"):
        found = active_content(page.read_text())
        # The 404 page styles itself without script, and its own script finds the site folder.
        assert found == (["<style>", "<script>"] if page.name == "404.html" else []), page
    model_page = (out / "models" / BASE / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in model_page
    assert "{{ 7*7 }}" in model_page


def test_base_url_adds_sitemap_and_canonical_links(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out), base_url="https://user.github.io/zoo"))
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://user.github.io/zoo/</loc>" in sitemap
    assert f"<loc>https://user.github.io/zoo/models/{BASE}/</loc>" in sitemap
    assert "tables/" not in sitemap
    page = (out / f"models/{BASE}/index.html").read_text()
    assert f'<link rel="canonical" href="https://user.github.io/zoo/models/{BASE}/">' in page


def test_download_base_url_and_declared_files(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog(
        {
            "catalog.yml": "download_base_url: https://downloads.example.org/zoo\n",
            f"{BASE}/model.md": card("""
            files:
              - {path: model.onnx.tar.gz, size: 23100000}
              - {path: pytorch/model.pth, url: "https://mirror.example.org/resnet50.pth"}
            """),
        }
    )
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    page = (out / f"models/{BASE}/index.html").read_text()
    assert f'href="https://downloads.example.org/zoo/{BASE}/model.onnx.tar.gz"' in page
    assert 'href="https://mirror.example.org/resnet50.pth"' in page
    assert f'href="https://downloads.example.org/zoo/{BASE}/model.md"' in page
    assert not (out / f"models/{BASE}/files").exists()  # files live at the download URL instead
    table = (out / "models/cv/classification/index.html").read_text()
    assert '<td class="num" data-value="23100000">23.1 MB<span class="note">stated</span></td>' in table
    model = json.loads((out / "catalog.json").read_text())["models"][0]
    assert {f["path"]: f["kind"] for f in model["files"]} == {
        "model.md": "model card",
        "model.onnx.tar.gz": "compressed ONNX model",
        "pytorch/model.pth": "pytorch model",
    }


def test_a_size_only_the_card_gives_is_shown_as_stated(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    """A published size the zoo cannot hold the file for is the card's word, not a measurement: pages say so."""
    root = write_catalog(
        {
            f"{BASE}/model.md": card("""
            metrics: [{name: top1_accuracy, value: 76.1, units: "%"}]
            files: [{path: model.onnx.tar.gz, size: 24800000}]
            """),
            f"{PRUNED}/model.md": card('metrics: [{name: top1_accuracy, value: 75.3, units: "%"}]'),
            f"{PRUNED}/model.onnx.tar.gz": b"\x1f\x8b" + b"0" * 8398,
        }
    )
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    table = (out / "models/cv/classification/index.html").read_text()
    assert '<td class="num" data-value="24800000">24.8 MB<span class="note">stated</span></td>' in table
    assert '<td class="num" data-value="8400">8.4 kB</td>' in table  # measured: no note
    base_page = (out / f"models/{BASE}/index.html").read_text()
    assert re.search(r"<td>model\.onnx\.tar\.gz</td><td>[^<]*</td><td>24\.8 MB \(stated\)</td>", base_page)
    pruned_page = (out / f"models/{PRUNED}/index.html").read_text()
    assert "8.4 kB</td>" in pruned_page and "(stated)" in pruned_page  # the baseline's size, in the comparison
    assert "8.4 kB (stated)" not in pruned_page


def test_a_row_stays_small_whatever_the_card_says(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    """Card text in a table is clipped (the model page has it all), so a row's HTML has a bound."""
    stub = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
    long_name, long_device = "A" * 5000, "d" * 3000
    root = write_catalog({
        f"{stub}/model.md": card(
            f"display_name: {long_name}\nmetrics:\n"
            f"  - {{name: throughput, value: 10, units: items/sec, engine: e, device: {long_device}}}\n"
        ),
        "catalog.yml": "limits: {name_length: 5000}\n",  # the name may be as long as the site allows
    })  # fmt: skip
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    table = (out / "models/cv/classification/index.html").read_text()
    row = re.search(r'<tr data-stub="[^"]+">.*?</tr>', table, re.DOTALL)
    assert row is not None and len(row.group(0).encode()) < 1500
    assert "A" * 119 + "…" in row.group(0) and "A" * 121 not in row.group(0)
    assert long_name in (out / f"models/{stub}/index.html").read_text()


def _pid_with(value: str) -> tuple[int, str]:
    if value == "fail":
        raise OSError(5, "cannot list")
    return os.getpid(), value


def _listing(count: int) -> set[str]:
    return {f"models/{number}/index.html" for number in range(count)}


def _children() -> set[str]:
    """This process's child processes, as Linux lists them."""
    me = os.getpid()
    return set(Path(f"/proc/{me}/task/{me}/children").read_text().split())


def test_background_work_is_done_in_another_process_or_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    pid, value = Background(_pid_with, "listed").result()
    assert (value, pid != os.getpid()) == ("listed", True)
    with pytest.raises(OSError, match="cannot list"):
        Background(_pid_with, "fail").result()
    before = _children()  # a browser the session started may be one
    unused = Background(_pid_with, "never asked")
    unused.close()  # a full build drops the listing it started
    assert _children() == before  # every child was waited for, the unused one too
    big = Background(_listing, 30000)  # more than a pipe holds: the child writes while this process reads
    assert len(big.result()) == 30000
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert Background(_pid_with, "here").result() == (os.getpid(), "here")


def test_two_units_may_not_write_one_path() -> None:
    claimed: set[str] = set()
    claim_paths(claimed, ["index.html", "tags/a/index.html"])
    claim_paths(claimed, ["tags/b/index.html"])
    with pytest.raises(RenderError, match=r"two outputs want the path tags/a/index\.html"):
        claim_paths(claimed, ["tags/c/index.html", "tags/a/index.html"])
    assert claimed == {"index.html", "tags/a/index.html", "tags/b/index.html"}


def test_a_bug_in_zoocat_keeps_its_traceback(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A ValueError in zoocat's own rendering is a bug, not bad input: it must not read as a one-line user error.
    def broken(self: object, name: str) -> None:
        raise ValueError("an internal slip")

    monkeypatch.setattr("generator.render.site_units.Renderer.render_unit", broken)
    root = small_catalog(write_catalog)
    done = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "site"), "-j", "1"])
    assert done.exit_code == 70, done.output
    assert "Traceback" in done.output and "ValueError: an internal slip" in done.output
    assert "This is a bug in zoocat" in done.output


def test_a_user_error_is_one_line_without_a_traceback(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = small_catalog(write_catalog)
    (tmp_path / "site").write_text("not a folder")
    done = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "site")])
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "exists and is not a folder" in done.output


def test_metric_columns_are_bounded_and_catalog_yml_may_name_any_metric(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    """Cards may hold hundreds of results: only primary figures make columns, at most MAX_METRIC_COLUMNS."""
    from generator.model.table_columns import MAX_METRIC_COLUMNS

    files: dict[str, str | bytes] = {}
    for index in range(MAX_METRIC_COLUMNS + 3):
        results = "\n".join(f"  - {{name: extra_{n}, value: {n}, units: '%'}}" for n in range(30))
        primary = f"  - {{name: score_{index}, value: {index}, units: '%', primary: true}}"
        files[f"cv/classification/net-{index}/pytorch/sparseml/imagenet/base-none/model.md"] = card(
            f"metrics:\n{primary}\n{results}"
        )
    root = write_catalog(files)
    out = tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    header = (out / "models/cv/classification/models.csv").read_text().splitlines()[0].split(",")
    metrics = [key for key in header if key.startswith(("score_", "extra_"))]
    assert len(metrics) == MAX_METRIC_COLUMNS and all(key.startswith("score_") for key in metrics)
    data = table_data(out, "cv/classification")
    shown = [c["key"] for c in data["columns"] if c["numeric"] and not c.get("hidden")]
    assert shown == ["score_0"]  # each other column holds one figure of eleven: offered, not shown

    (root / "catalog.yml").write_text(
        "tables:\n  cv/classification:\n    columns: [extra_3, score_0@imagenet, nothing]\n"
    )
    result = build(BuildOptions(str(root), str(out)))
    header = (out / "models/cv/classification/models.csv").read_text().splitlines()[0].split(",")
    assert header == ["stub", "display_name", "extra_3", "score_0"]
    assert [p.code for p in result.problems] == ["config.unknown-column"]


def _shown_columns(out: Path, table: str) -> list[str]:
    data = table_data(out, table)
    return [c["key"] for c in data["columns"] if not c.get("hidden")]


def test_a_metric_column_is_shown_first_when_a_quarter_of_the_models_fill_it(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    """A column of one figure among dashes would push a full one off the screen: it is offered, not shown."""
    files: dict[str, str | bytes] = {}
    for index in range(8):
        # six on ImageNet, two (a quarter) on CIFAR-10; two with a throughput
        dataset = "cifar_10" if index < 2 else "imagenet"
        speed = "\n  - {name: throughput, value: 100, units: items/sec}" if index < 2 else ""
        body = f"metrics:\n  - {{name: top1_accuracy, value: {70 + index}, units: '%'}}{speed}"
        files[f"cv/classification/net-{index}/pytorch/sparseml/{dataset}/base-none/model.md"] = card(body)
    root, out = write_catalog(files), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    expected = ["display_name", "top1_accuracy", "top1_accuracy@cifar_10", "throughput"]
    assert _shown_columns(out, "cv/classification") == expected

    # One of seven is less than a quarter: both columns are left to the column menu.
    (root / "cv/classification/net-1/pytorch/sparseml/cifar_10/base-none/model.md").unlink()
    build(BuildOptions(str(root), str(out), full=True))
    assert _shown_columns(out, "cv/classification") == ["display_name", "top1_accuracy"]


def test_a_model_page_writes_each_fact_once(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    """A command's text, the stub and a tag's name are in the page once: the copy buttons take their text from the
    code beside them (zoocat.js draws them), and a tag's link is named by its text alone."""
    line = "deepsparse.benchmark zoo:" + BASE + " --batch_size 64"
    fields = f"tags: [resnet]\ncommands:\n  benchmark:\n    benchmark_batch_64: {line}\n"
    root = write_catalog({f"{BASE}/model.md": card(fields)})
    build(BuildOptions(str(root), str(tmp_path / "site")))
    page = (tmp_path / "site" / "models" / BASE / "index.html").read_text()
    assert page.count(line) == 1 and f'<code data-copy-label="Copy">{line}</code>' in page
    assert f'<code id="stub" data-copy-label="Copy stub" data-copy-prefix="zoo:">{BASE}</code>' in page
    assert "<button" not in page and "data-copy=" not in page
    assert re.search(r'<a href="[./]*tags/resnet/index.html">resnet</a>', page)
    assert page.count(">resnet<") == 1
