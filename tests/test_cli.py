from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import CatalogWriter, card

BASE = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
BROKEN = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned-moderate"


def zoocat(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def problem_catalog(write_catalog: CatalogWriter) -> Path:
    return write_catalog(
        {
            f"{BASE}/model.md": card("display_name: Base\ndomain: nlp"),
            f"{BROKEN}/model.md": "---\ndisplay_name: [unclosed\n---\n",
        }
    )


def test_stub_prints_json() -> None:
    result = zoocat(
        "stub", "zoo:cv/detection/yolo_v3-spp/pytorch/ultralytics/coco/pruned-aggressive_97?recipe_type=original"
    )
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout) == {
        "stub": "cv/detection/yolo_v3-spp/pytorch/ultralytics/coco/pruned-aggressive_97",
        "domain": "cv",
        "sub_domain": "detection",
        "architecture": "yolo_v3",
        "sub_architecture": "spp",
        "framework": "pytorch",
        "repo": "ultralytics",
        "dataset": "coco",
        "training_scheme": None,
        "sparse_name": "pruned",
        "sparse_category": "aggressive_97",
        "sparse_target": None,
    }


def test_invalid_stub_exits_2_without_traceback() -> None:
    result = zoocat("stub", "cv/classification")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: stub 'cv/classification' has 2 segment(s); expected 7")
    assert "Traceback" not in result.stderr


def test_build_prints_problems_and_a_summary(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = problem_catalog(write_catalog)
    result = zoocat("build", str(root), "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{root}/{BASE}/model.md:3: warning[card.stub-mismatch]: front matter says domain: 'nlp' but the folder path says "
        "domain: 'cv'; the path wins: fix or remove the 'domain' line"
    )
    assert lines[1].startswith(
        f"{root}/{BROKEN}/model.md:3: error[card.yaml-syntax]: the front matter is not valid YAML"
    )
    assert result.stdout.startswith("Built 1 model, 1 table, 1 error, 1 warning in ")
    assert (tmp_path / "out" / "index.html").exists()


def test_build_strict_exits_1_and_writes_nothing(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = problem_catalog(write_catalog)
    result = zoocat("build", str(root), "-o", str(tmp_path / "out"), "--strict")
    assert result.returncode == 1
    assert "Not built: --strict and 1 error, 1 warning" in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert zoocat("build", "--no-such-option").returncode == 2
    assert zoocat("build", "--base-url", "ftp://x").returncode == 2
    assert zoocat("validate", "--format", "xml").returncode == 2


def test_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    result = zoocat("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: the catalog folder {tmp_path / 'nope'} does not exist; pass the folder that holds your model folders\n"
    )


def test_validate_formats(write_catalog: CatalogWriter) -> None:
    root = problem_catalog(write_catalog)
    text = zoocat("validate", str(root))
    assert text.returncode == 1
    assert text.stderr.splitlines()[-1] == "Checked 1 model: 1 error, 1 warning"
    as_json = zoocat("validate", str(root), "--format", "json")
    problems = json.loads(as_json.stdout)
    assert [(p["path"], p["line"], p["level"], p["code"]) for p in problems] == [
        (f"{root}/{BASE}/model.md", 3, "warning", "card.stub-mismatch"),
        (f"{root}/{BROKEN}/model.md", 3, "error", "card.yaml-syntax"),
    ]
    github = zoocat("validate", str(root), "--format", "github").stdout.splitlines()
    assert github[0].startswith(
        f"::warning file={root}/{BASE}/model.md,line=3,title=card.stub-mismatch::front matter says"
    )


def test_validate_clean_catalog_exits_0(write_catalog: CatalogWriter) -> None:
    root = write_catalog({f"{BASE}/model.md": card("display_name: Base")})
    assert zoocat("validate", str(root)).returncode == 0


def test_rebuild_summaries_and_quiet(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({f"{BASE}/model.md": card("display_name: Base\n", "# Base\n\nOne.\n")})
    out = str(tmp_path / "out")
    assert zoocat("build", str(root), "-o", out).stdout.startswith("Built 1 model, 1 table, 0 errors, 0 warnings in ")
    again = zoocat("build", str(root), "-o", out)
    assert again.stdout.startswith("Nothing changed since the last build (1 model, 1 table, 0 errors, 0 warnings)")
    (root / BASE / "model.md").write_text(card("display_name: Base\n", "# Base\n\nTwo.\n"))
    update = zoocat("build", str(root), "-o", out, "--jobs", "1")
    assert update.stdout.startswith("Updated 3 files of 1 model, 1 table, 0 errors, 0 warnings in ")
    full = zoocat("build", str(root), "-o", out, "--full", "--quiet")
    # --quiet: no summary; and no progress bar where stderr is not a terminal (CI logs, files).
    assert full.returncode == 0 and full.stdout == "" and full.stderr == ""


def test_a_long_build_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import generate

    generate(800, tmp_path / "zoo", one_table=False)  # long enough (over a second on one core) for the bar
    primary, secondary = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import main; main()", "build", str(tmp_path / "zoo"),
         "-o", str(tmp_path / "out"), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=secondary, env=env,
    )  # fmt: skip
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal is closed once the build has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    process.wait()
    assert process.returncode == 0
    assert b"Rendering  [" in shown
    assert re.search(rb"\] +(\d+)/\1(?!\d)", shown), "the bar ends full"
