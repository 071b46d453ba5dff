"""Builds that meet each other, are killed, or find the output or its cache in a state zoocat did not leave them in
still end with the site a clean build makes, or refuse clearly."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CatalogWriter, card, tree

import generator
from generator.build import BuildOptions, BuildResult, build
from generator.cli import main
from generator.incremental.cache import cache_dir
from generator.incremental.cache_stamp import code_digest
from generator.output import lock, write
from generator.output.lock import lock_path
from generator.output.write import retired_path
from generator.render.theme import make_environment, theme_dirs

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

QA = "nlp/question_answering/bert-base/pytorch/huggingface/squad/base-none"


def small_zoo(write_catalog: CatalogWriter) -> Path:
    metric = 'metrics:\n  - {name: f1, value: 88.0, units: "%"}\n'
    files: dict[str, str | bytes] = {f"{QA}/model.md": card("display_name: BERT\ntags: [bert]\n" + metric)}
    for index in range(4):
        stub = f"cv/detection/yolo_v{index}-s/pytorch/ultralytics/coco/base-none"
        files[f"{stub}/model.md"] = card(f"display_name: YOLO {index}\ntags: [yolo]\n", f"# YOLO {index}\n")
    return write_catalog(files)


def clean(root: Path, folder: Path) -> dict[str, bytes]:
    build(BuildOptions(str(root), str(folder), incremental=False))
    return tree(folder)


def codes(result: BuildResult) -> list[str]:
    return [problem.code for problem in result.problems]


def python(script: str, *args: str, read: bool = False) -> subprocess.Popen[str]:
    """A Python process running script (given sys.argv[1:] = args), zoocat importable; read: its output piped."""
    code = f"import sys; sys.path.insert(0, {str(REPO)!r})\n" + textwrap.dedent(script)
    out = subprocess.PIPE if read else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=subprocess.DEVNULL, text=True)


HOLD_LOCK = """
    from generator.output.lock import output_lock
    with output_lock(sys.argv[1]):
        print("locked", flush=True)
        __import__("time").sleep(60)
"""


def test_a_second_build_waits_then_refuses_naming_the_holder(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    holder = python(HOLD_LOCK, str(out), read=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        monkeypatch.setattr(lock, "LOCK_WAIT", 0.3)
        done = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "-q"])
    finally:
        holder.kill()
        holder.communicate()
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert f"process {holder.pid} on" in done.output and str(lock_path(str(out))) in done.output
    assert not out.exists()  # nothing written
    # The holder was killed: its lock goes with it, and the next build takes it over, saying so.
    result = build(BuildOptions(str(root), str(out)))
    assert result.written and codes(result) == ["output.stale-lock"]
    assert str(holder.pid) in result.problems[0].message
    assert not lock_path(str(out)).exists()  # a build that ends removes its lock file
    assert codes(build(BuildOptions(str(root), str(out)))) == []


KILLED_WITH_A_CHILD = """
    import os, time
    from generator.output.lock import output_lock
    with output_lock(sys.argv[1]):
        child = os.fork()
        if child == 0:
            time.sleep(60)  # a worker of the build, still at work when the build is killed
            os._exit(0)
        print(child, flush=True)
        os._exit(9)
"""


def test_a_killed_builds_forked_workers_do_not_hold_its_lock(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    killed = python(KILLED_WITH_A_CHILD, str(out), read=True)
    assert killed.stdout is not None
    child = int(killed.stdout.readline())  # the child keeps the pipe open: no communicate()
    try:
        assert killed.wait() == 9
        monkeypatch.setattr(lock, "LOCK_WAIT", 0.3)
        result = build(BuildOptions(str(root), str(out)))
    finally:
        os.kill(child, signal.SIGKILL)
        killed.stdout.close()
    assert result.written and codes(result) == ["output.stale-lock"]


CLI_BUILD = """
    from generator.cli import main
    main(sys.argv[1:])
"""


def test_concurrent_builds_of_one_output_end_with_the_clean_site(tmp_path: Path) -> None:
    root, out = tmp_path / "catalog", tmp_path / "site"
    generate(120, root, one_table=False)
    build(BuildOptions(str(root), str(out)))
    cards = sorted(root.rglob("model.md"))
    for round, card_path in enumerate(cards[:3]):
        card_path.write_text(card_path.read_text() + f"\nEdited {round}.\n")
        # A save hook's --full and `make site`'s plain build, started together.
        both = [python(CLI_BUILD, "build", str(root), "-o", str(out), "-q", *full) for full in (["--full"], [])]
        outcomes = [process.wait() for process in both]
        assert outcomes == [0, 0]  # the second waited for the first
        expected = clean(root, tmp_path / f"clean-{round}")
        assert tree(out) == expected, f"round {round}"
        again = build(BuildOptions(str(root), str(out)))
        assert again.catalog is None and tree(out) == expected  # nothing to do, rightly


def test_pages_deleted_or_changed_by_hand_are_made_again(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    expected = clean(root, tmp_path / "clean")
    (out / f"models/{QA}/index.html").unlink()
    tags = out / "tags/index.html"
    tags.write_bytes(tags.read_bytes().replace(b"<title>", b"<title>Hand-edited "))
    result = build(BuildOptions(str(root), str(out)))
    assert result.rewritten is not None and sorted(result.rewritten) == [f"models/{QA}/index.html", "tags/index.html"]
    assert tree(out) == expected
    # A file only touched, its bytes the same: rendered again, not rewritten; then nothing is left to do.
    os.utime(tags, ns=(1, 1))
    assert build(BuildOptions(str(root), str(out))).rewritten == []
    assert build(BuildOptions(str(root), str(out))).catalog is None
    # A file added by hand goes, as a clean build has no such file.
    (out / "mine.html").write_text("not zoocat's")
    build(BuildOptions(str(root), str(out)))
    assert tree(out) == expected


def test_no_state_is_saved_until_the_output_is_complete(
    write_catalog: CatalogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    seen: list[list[str]] = []
    real_swap = write._swap

    def swap(staging: Path, target: Path) -> None:
        seen.append(sorted(path.name for path in cache_dir(str(out)).glob("*.pickle")))
        real_swap(staging, target)

    monkeypatch.setattr(write, "_swap", swap)
    build(BuildOptions(str(root), str(out), full=True))
    assert seen and not [name for name in seen[0] if name in ("summary.pickle", "state.pickle")]


KILLED_IN_SWAP = """
    import os
    from pathlib import Path
    from generator.build import BuildOptions, build
    real = Path.rename

    def rename(self, target):
        if ".zoocat-new-" in self.name:  # the staging folder moved in: the second rename of the swap
            os._exit(9)
        return real(self, target)

    Path.rename = rename
    build(BuildOptions(sys.argv[1], sys.argv[2], full=True))
"""


def test_a_build_killed_between_the_renames_of_its_swap_leaves_the_site_to_the_next(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    before = tree(out)
    assert python(KILLED_IN_SWAP, str(root), str(out)).wait() == 9
    assert not out.exists() and retired_path(out).is_dir()  # the moment the swap was killed in
    # The next build puts the old site back first, even one that then refuses to write (--strict, a problem).
    (root / f"{QA}/model.md").write_text(card("display_name: BERT\ndomain: cv\n"))
    refused = build(BuildOptions(str(root), str(out), strict=True))
    assert not refused.written and "output.restored" in codes(refused)
    assert tree(out) == before
    result = build(BuildOptions(str(root), str(out)))
    assert result.written and result.rewritten is None  # the state was dropped before the swap: a full build
    assert tree(out) == clean(root, tmp_path / "clean")
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.zoocat-cache", "catalog", "clean", "site"]


def _hack_compiled_template(out: Path, name: str) -> None:
    """The cache's compiled copy of template name made to render "HACKED", in the cache's own format."""
    env = make_environment(theme_dirs(), cache_dir(str(out)) / "templates")
    assert env.loader is not None and env.bytecode_cache is not None
    source, filename, _ = env.loader.get_source(env, name)
    bucket = env.bytecode_cache.get_bucket(env, name, filename, source)
    bucket.code = env.compile("HACKED", name, filename)
    env.bytecode_cache.set_bucket(bucket)


def test_full_builds_run_no_compiled_template_from_the_cache(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    _hack_compiled_template(out, "tags.html")
    build(BuildOptions(str(root), str(out), full=True))
    assert b"HACKED" not in (out / "tags/index.html").read_bytes()
    assert tree(out) == clean(root, tmp_path / "clean")


def test_a_compiled_template_edited_or_of_another_version_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"
    env = make_environment(theme_dirs(), folder)
    assert env.loader is not None and env.bytecode_cache is not None
    source, filename, _ = env.loader.get_source(env, "tags.html")
    bucket = env.bytecode_cache.get_bucket(env, "tags.html", filename, source)
    bucket.code = env.compile("HACKED", "tags.html", filename)
    env.bytecode_cache.set_bucket(bucket)
    [saved] = folder.rglob("*.cache")
    # Jinja's own checks pass (the source's checksum is right), but the file's digest is not its bytes'.
    saved.write_bytes(saved.read_bytes()[:16] + bucket.bytecode_to_string())
    fresh = make_environment(theme_dirs(), folder)
    bucket = fresh.bytecode_cache.get_bucket(fresh, "tags.html", filename, source)  # type: ignore[union-attr]
    assert bucket.code is not None and "HACKED" not in repr(bucket.code.co_consts)
    # Cut short: compiled again.
    saved.write_bytes(saved.read_bytes()[:40])
    bucket = fresh.bytecode_cache.get_bucket(fresh, "tags.html", filename, source)  # type: ignore[union-attr]
    assert bucket.code is None or "HACKED" not in repr(bucket.code.co_consts)
    # Another version of zoocat keeps its own.
    monkeypatch.setattr("generator.render.theme.__version__", "0.0.0-other")
    other = make_environment(theme_dirs(), folder)
    assert other.bytecode_cache.get_bucket(other, "tags.html", filename, source).code is None  # type: ignore[union-attr]


def _file_for_folder(cache: Path) -> None:
    shutil.rmtree(cache)
    cache.write_text("something of mine")


def _file_for_subfolder(cache: Path) -> None:
    shutil.rmtree(cache / "templates")
    (cache / "templates").write_text("something of mine")


def _empty(cache: Path) -> None:
    shutil.rmtree(cache)
    cache.mkdir()


def _foreign(cache: Path) -> None:
    (cache / "notes.txt").write_text("something of mine")


def _truncated(name: str) -> Callable[[Path], None]:
    def cut(cache: Path) -> None:
        (cache / name).write_bytes((cache / name).read_bytes()[:30])

    return cut


def _empty_state(cache: Path) -> None:
    (cache / "state.pickle").write_bytes(b"")


def _other_version(cache: Path) -> None:
    (cache / "stamp").write_text("zoocat 0.1.0 (code 0123456789abcdef), Python 3.11")


def _other_version_inside(cache: Path) -> None:
    # A stamp that matches over pickles that do not: the pickles' own stamps are checked too.
    for name in ("summary.pickle", "state.pickle"):
        state = pickle.loads((cache / name).read_bytes())
        (cache / name).write_bytes(pickle.dumps(replace(state, stamp="zoocat 0.0.1, state 1, Python 3.0")))


ODD_STATES: dict[str, tuple[Callable[[Path], None], bool]] = {
    "file-for-folder": (_file_for_folder, True),
    "file-for-subfolder": (_file_for_subfolder, True),
    "empty": (_empty, False),
    "foreign-file": (_foreign, True),
    "truncated-summary": (_truncated("summary.pickle"), False),
    "truncated-state": (_truncated("state.pickle"), False),
    "empty-state": (_empty_state, False),
    "other-version": (_other_version, False),
    "other-version-inside": (_other_version_inside, False),
}


@pytest.mark.parametrize("odd", sorted(ODD_STATES))
def test_a_cache_in_an_odd_state_is_set_aside_and_the_build_is_full(
    write_catalog: CatalogWriter, tmp_path: Path, odd: str
) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    cache = cache_dir(str(out))
    damage, foreign = ODD_STATES[odd]
    damage(cache)
    (root / f"{QA}/model.md").write_text(card("display_name: BERT 2\n"))
    done = CliRunner().invoke(main, ["build", str(root), "-o", str(out)])
    assert done.exit_code == 0 and "Traceback" not in done.output, done.output
    assert "Built 5 models" in done.output
    # The cache lies beside the output, outside the catalog: named by its own path, not "catalog/../.site...".
    assert f"\n{Path(cache).resolve().as_posix()}: warning[cache.reset]:" in "\n" + done.output
    assert tree(out) == clean(root, tmp_path / "clean")
    aside = tmp_path / ".site.zoocat-cache.broken-1"
    assert aside.exists() == foreign  # what zoocat did not make is kept; its own files are removed
    if foreign:
        assert b"something of mine" in b"".join(p.read_bytes() for p in [aside, *aside.rglob("*")] if p.is_file())
    again = build(BuildOptions(str(root), str(out)))
    assert again.catalog is None and codes(again) == []  # a sound cache again


def test_full_sets_a_foreign_cache_aside_too(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    _foreign(cache_dir(str(out)))
    result = build(BuildOptions(str(root), str(out), full=True))
    assert codes(result) == ["cache.reset"] and (tmp_path / ".site.zoocat-cache.broken-1/notes.txt").is_file()


class _Planted:
    """Unpickled, it makes a folder: a cache that a build unpickles would run it."""

    def __init__(self, witness: str) -> None:
        self.witness = witness

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (self.witness,)


def test_a_cache_written_by_other_code_is_not_unpickled(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root, out = small_zoo(write_catalog), tmp_path / "site"
    build(BuildOptions(str(root), str(out)))
    cache, witness = cache_dir(str(out)), tmp_path / "unpickled"
    _other_version(cache)
    for name in ("summary.pickle", "state.pickle"):
        (cache / name).write_bytes(pickle.dumps(_Planted(str(witness))))
    result = build(BuildOptions(str(root), str(out)))
    assert codes(result) == ["cache.reset"] and "was saved by zoocat 0.1.0 (code 0123456789abcdef)" in str(
        result.problems[0].message
    )
    assert not witness.exists()
    assert tree(out) == clean(root, tmp_path / "clean")


def test_the_code_stamp_changes_with_any_of_zoocats_files(tmp_path: Path) -> None:
    package = tmp_path / "generator"
    shutil.copytree(Path(generator.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_digest(package)
    assert code_digest(package) == before
    module = package / "importers" / "plan.py"
    module.write_text(module.read_text() + "# an edit\n")
    assert code_digest(package) != before
