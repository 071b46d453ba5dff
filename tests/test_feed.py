"""Model dates (from cards or git) and the Atom feed made from them."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import CatalogWriter, card

from generator.build import BuildOptions, build, load_catalog
from generator.read import git_dates as history

ATOM = "{http://www.w3.org/2005/Atom}"
D = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
A, B, C = f"{D}/base-none", f"{D}/pruned-moderate", f"{D}/pruned_quant-moderate"


def dated(front_matter: str, name: str = "A model", description: str | None = None) -> str:
    lines = [f"display_name: {name!r}"] + ([f"description: {description!r}"] if description else [])
    return card("\n".join([*lines, front_matter]))


def read_feed(site: Path) -> ET.Element:
    return ET.parse(site / "feed.xml").getroot()


def text(element: ET.Element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.text


def check_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires of a feed and its entries (4.1.1, 4.1.2)."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    entries = feed.findall(f"{ATOM}entry")
    # An author for the feed, or one in every entry.
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None or all(
        e.find(f"{ATOM}author/{ATOM}name") is not None for e in entries
    )
    ids = [text(e, f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and links[0].get("href")
    for stamp in [text(feed, f"{ATOM}updated")] + [text(e, f"{ATOM}updated") for e in entries]:
        assert stamp and stamp.endswith("Z") and len(stamp) == len("2021-01-01T00:00:00Z")


def test_feed_lists_dated_models_newest_first(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    root = write_catalog({
        f"{A}/model.md": dated("date: 2021-03-01", "ResNet <dense> & co", "Scores <b>76%</b> & more"),
        f"{B}/model.md": dated("date: 2021-04-01\nupdated: 2023-05-06T07:08:09+02:00", "Pruned"),
        f"{C}/model.md": dated("tags: [undated]", "Undated"),  # no git here: no date, not in the feed
    })  # fmt: skip
    out = tmp_path / "site"
    assert build(BuildOptions(str(root), str(out))).problems == []
    feed = read_feed(out)
    check_atom(feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [text(e, f"{ATOM}title") for e in entries] == ["Pruned", "ResNet <dense> & co"]
    assert [text(e, f"{ATOM}updated") for e in entries] == ["2023-05-06T05:08:09Z", "2021-03-01T00:00:00Z"]
    assert [text(e, f"{ATOM}published") for e in entries] == ["2021-04-01T00:00:00Z", "2021-03-01T00:00:00Z"]
    assert text(feed, f"{ATOM}updated") == "2023-05-06T05:08:09Z"  # the newest entry's, not the build's
    assert text(entries[1], f"{ATOM}summary") == "Scores <b>76%</b> & more"  # escaped text, read back as written
    assert "&lt;b&gt;76%&lt;/b&gt; &amp; more" in (out / "feed.xml").read_text()
    assert entries[0].find(f"{ATOM}summary") is None
    # Without a base_url: tag: ids, links relative to the feed that lead to the pages.
    assert text(entries[0], f"{ATOM}id") == f"tag:zoocat,2024:models/{B}"
    href = entries[0].find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert href == f"models/{B}/index.html" and (out / href).is_file()
    # Every page names the feed, relative to itself.
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in (out / "index.html").read_text()
    page = (out / "models" / A / "index.html").read_text()
    assert 'type="application/atom+xml" href="../../../../../../../../feed.xml"' in page


def test_feed_with_a_base_url_is_absolute_and_builds_are_identical(
    write_catalog: CatalogWriter, tmp_path: Path
) -> None:
    root = write_catalog({
        "catalog.yml": "title: Zoo & friends\n",
        f"{A}/model.md": dated("date: 2021-03-01"),
        f"{B}/model.md": dated('updated: "2022-01-02"'),
    })  # fmt: skip
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        build(BuildOptions(str(root), str(out), base_url="https://example.org/zoo"))
    assert (first / "feed.xml").read_bytes() == (second / "feed.xml").read_bytes()
    feed = read_feed(first)
    check_atom(feed)
    assert text(feed, f"{ATOM}id") == "https://example.org/zoo/feed.xml"
    assert text(feed, f"{ATOM}title") == "Zoo & friends"
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://example.org/zoo/feed.xml"
    entry = feed.findall(f"{ATOM}entry")[0]
    assert text(entry, f"{ATOM}id") == f"https://example.org/zoo/models/{B}/"
    assert entry.find(f"{ATOM}link").get("href") == f"https://example.org/zoo/models/{B}/"  # type: ignore[union-attr]
    assert entry.find(f"{ATOM}published") is None  # only 'updated' was given


def test_feed_keeps_the_fifty_newest(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"{D}/pruned{n}-none/model.md": dated(f"date: 2020-01-01T00:{n // 60:02d}:{n % 60:02d}Z", f"m{n}")
        for n in range(53)
    }
    out = tmp_path / "site"
    build(BuildOptions(str(write_catalog(files)), str(out)))
    titles = [text(e, f"{ATOM}title") for e in read_feed(out).findall(f"{ATOM}entry")]
    assert titles == [f"m{n}" for n in range(52, 2, -1)]


def test_no_dates_no_feed(write_catalog: CatalogWriter, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(BuildOptions(str(write_catalog({f"{A}/model.md": card("display_name: A")})), str(out)))
    assert not (out / "feed.xml").exists()
    assert "application/atom+xml" not in (out / "index.html").read_text()


@pytest.mark.parametrize(
    ("front_matter", "line", "level", "start"),
    [
        ("date: last spring", 3, "error", "'date' is the text 'last spring': give a date such as 2023-04-01"),
        ('updated: "2021-13-01"', 3, "error", "'updated' is the text '2021-13-01': give a date"),
        ("date: 20210301", 3, "error", "'date' is the number 20210301: give a date such as 2023-04-01"),
        ("date: [2021-03-01]", 3, "error", "'date' is a list: give a date"),
        ("date: 2021-03-01\nupdated: 2020-01-01", 4, "warning", "'updated' (2020-01-01) is before 'date'"),
    ],
)
def test_bad_dates_are_reported_with_their_line(
    write_catalog: CatalogWriter, front_matter: str, line: int, level: str, start: str
) -> None:
    root = write_catalog({f"{A}/model.md": card(f"display_name: A\n{front_matter}")})
    _, problems = load_catalog(str(root))
    assert [(p.path, p.line, p.level, p.code) for p in problems] == [(f"{A}/model.md", line, level, "card.date")]
    assert problems[0].message.startswith(start)


def test_an_impossible_yaml_date_names_its_line(write_catalog: CatalogWriter) -> None:
    root = write_catalog({f"{A}/model.md": card("display_name: A\ntags: [x]\ndate: 2021-02-30")})
    _, problems = load_catalog(str(root))
    assert [(p.line, p.code) for p in problems] == [(4, "card.yaml-syntax")]


def test_dates_are_known_fields_not_extra(write_catalog: CatalogWriter) -> None:
    root = write_catalog({f"{A}/model.md": card("date: 2021-03-01\nupdated: 2021-03-02T10:00:00Z")})
    catalog, problems = load_catalog(str(root))
    assert problems == [] and catalog.models[0].card.extra == {}
    assert f"{catalog.models[0].dates.updated:%Y-%m-%d %H:%M %Z}" == "2021-03-02 10:00 UTC"


# ---------------------------------------------------------------- dates from git


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(write_catalog: CatalogWriter, tmp_path: Path) -> Path:
    """A git checkout holding the catalog in a sub-folder: A committed in 2021 and changed in 2022, B in 2022."""
    write_catalog({f"{A}/model.md": card("display_name: A"), "catalog.yml": "title: Git zoo\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "A", when="2021-01-02T03:04:05+00:00")
    (tmp_path / "catalog" / A / "notes.txt").write_text("more\n")
    write_catalog(
        {f"{B}/model.md": card("display_name: B"), f"{C}/model.md": card("display_name: C\ndate: 2019-01-01")}
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "B", when="2022-06-07T08:09:10+02:00")
    (tmp_path / "catalog" / "uncommitted").mkdir()
    return tmp_path / "catalog"


def test_git_gives_the_first_and_last_commit_of_each_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    run = subprocess.run

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    catalog, problems = load_catalog(str(repo))
    assert problems == [] and len(calls) == 1  # one git log for the whole catalog
    dates = {str(m.stub): (f"{m.dates.added:%Y-%m-%dT%H:%M:%S}", f"{m.dates.updated:%Y-%m-%dT%H:%M:%S}")
             for m in catalog.models}  # fmt: skip
    assert dates == {
        A: ("2021-01-02T03:04:05", "2022-06-07T06:09:10"),
        B: ("2022-06-07T06:09:10", "2022-06-07T06:09:10"),
        C: ("2019-01-01T00:00:00", "2019-01-01T00:00:00"),  # the card's own date wins over git
    }


def test_git_dates_reach_the_feed(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(BuildOptions(str(repo), str(out)))
    entries = read_feed(out).findall(f"{ATOM}entry")
    assert [(text(e, f"{ATOM}title"), text(e, f"{ATOM}updated")) for e in entries] == [
        ("A", "2022-06-07T06:09:10Z"),  # ties by stub
        ("B", "2022-06-07T06:09:10Z"),
        ("C", "2019-01-01T00:00:00Z"),
    ]


def test_without_git_there_are_no_dates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # git cannot be found
    catalog, problems = load_catalog(str(repo))
    assert problems == []
    assert {str(m.stub): m.dates.updated is not None for m in catalog.models} == {A: False, B: False, C: True}


def test_log_parsing_skips_files_outside_model_folders() -> None:
    log = "\x0150\0\ncv/x/model.md\0stray.txt\0cv/x/sub/deep.bin\0\x0110\0\ncv/y/model.md\0cv/x/a\nb\0"
    dates = history._parse_log(log, frozenset({"cv/x", "cv/y"}))
    assert {k: (v.added.timestamp(), v.updated.timestamp()) for k, v in dates.items() if v.added and v.updated} == {
        "cv/x": (10.0, 50.0),
        "cv/y": (10.0, 10.0),
    }
