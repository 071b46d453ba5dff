"""What every importer shares: the item it plans, the stubs it gives them, and the one step that writes them."""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..errors import NewModelError, StubError
from ..model.problems import Level, Problem
from ..model.stubs import Stub, parse_stub
from ..new_card import make_folders, refuse_links, remove_folders, write_new_file
from ..read.cards import load_card
from ..read.discover import CARD_NAME

# The dataset segment of a model whose source names none: a documented default, always reported as a warning.
UNKNOWN_DATASET = "unknown"


def segment(text: str) -> str:
    """'ImageNet-1k' -> 'imagenet_1k': lower case, every run of other characters than letters, digits and '.' made
    one '_', so the text is one part of a stub segment ('-' separates parts, so it never stays)."""
    part = re.sub(r"[^a-z0-9.]+", "_", text.lower()).strip("_")
    return "" if set(part) <= {"."} else part


@dataclass(frozen=True)
class StubFields:
    domain: str
    sub_domain: str
    architecture: str
    framework: str
    repo: str
    dataset: str
    sparse_name: str = "base"
    sparse_category: str = "none"
    sub_architecture: str | None = None

    def text(self) -> str:
        architecture = "-".join(part for part in (self.architecture, self.sub_architecture) if part)
        sparse_tag = f"{self.sparse_name}-{self.sparse_category}"
        parts = (self.domain, self.sub_domain, architecture, self.framework, self.repo, self.dataset, sparse_tag)
        return "/".join(parts)


@dataclass
class Item:
    """One model a source describes, as an importer planned it."""

    label: str  # what the table shows: 'configs/resnet/metafile.yml:20 resnet18_8xb16_cifar10'
    path: str  # the source file problems name
    line: int | None
    fields: StubFields | None  # None when the source cannot be mapped to a stub (a problem says why)
    name: str  # the model's own name, normalised: its sub-architecture when stubs clash
    card: bytes = b""
    files: tuple[tuple[str, str], ...] = ()  # (path in the model folder, OS path to copy from)
    stub: Stub | None = None
    status: str = "not imported"


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int | None, level: Level, code: str, message: str) -> None:
        self.problems.append(Problem(path, line, level, code, message))


def assign_stubs(report: Report) -> None:
    """Give each mappable item its stub. Items that would share one all take their own name as the sub-architecture,
    whatever their order; any that still share one are refused, never written into one folder."""
    mappable = [item for item in report.items if item.fields is not None]
    for group in _by_stub(mappable).values():
        if len(group) < 2:
            continue
        shared = group[0].fields.text() if group[0].fields else ""
        for item in group:
            assert item.fields is not None
            item.fields = replace(item.fields, sub_architecture=item.name or None)
        # One warning a group, at its first item: a metafile of 30 ResNets is one clash, not 30.
        names = [item.label for item in group]
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        message = (
            f"{len(group)} models would share the stub {shared} ({shown}): each takes its own name as the "
            f"sub-architecture, such as {group[0].fields.text() if group[0].fields else ''}"
        )
        report.add(group[0].path, group[0].line, "warning", "import.stub-clash", message)
    for group in _by_stub(mappable).values():
        for item in group[1:]:
            message = (
                f"{item.label} would have the same stub as {group[0].label} "
                f"({group[0].fields.text() if group[0].fields else ''}) "
                "even with its name as the sub-architecture; not imported: give the models distinct names"
            )
            report.add(item.path, item.line, "error", "import.stub-clash", message)
            item.fields = None
    for item in mappable:
        if item.fields is None:
            continue
        try:
            item.stub = parse_stub(item.fields.text(), is_path=True)
        except StubError as error:
            report.add(item.path, item.line, "error", "import.stub-invalid", f"{item.label}: not imported: {error}")
            continue
        _check_card(item, report)


def _by_stub(items: list[Item]) -> dict[str, list[Item]]:
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.fields is not None:
            # Case-folded: two stubs that differ only in case would be one folder on some file systems.
            groups[item.fields.text().casefold()].append(item)
    return groups


def _check_card(item: Item, report: Report) -> None:
    """An imported card must load: one that zoocat cannot read would be left out of every build."""
    assert item.stub is not None
    _, problems = load_card(item.card, item.path, item.stub)
    for problem in problems:
        if problem.level == "error":
            message = (
                f"zoocat cannot read this card yet ({problem.message}), so {item.label} is not imported: "
                "fix the source and import again"
            )
            report.add(item.path, problem.line, "error", "import.card-invalid", message)
            item.stub = None


def write_items(report: Report, catalog: str, dry_run: bool) -> None:
    """Create CATALOG/STUB for each item that has a stub; a folder that exists is reported and left alone."""
    for item in report.items:
        if item.stub is None:
            continue
        folder = os.path.join(catalog, *item.stub.text.split("/"))
        if os.path.lexists(folder):
            message = (
                f"{folder} already exists; {item.label} is not imported and the folder is left as it is: "
                "remove it, or import into another --catalog"
            )
            report.add(item.path, item.line, "error", "import.exists", message)
            item.status = "exists, skipped"
            continue
        if dry_run:
            item.status = "would import"
            continue
        try:
            _create(catalog, item, folder)
        except (NewModelError, OSError) as error:
            detail = str(error) if isinstance(error, NewModelError) else f"{error.filename or folder}: {error.strerror}"
            message = f"cannot write {folder} ({detail}); {item.label} is not imported"
            report.add(item.path, item.line, "error", "import.write-failed", message)
            continue
        item.status = "imported"


def _create(catalog: str, item: Item, folder: str) -> None:
    segments = item.stub.text.split("/") if item.stub else []
    refuse_links(catalog, segments)
    made: list[str] = []
    try:
        make_folders(catalog, segments, made)
        for relative, source in item.files:
            target = os.path.join(folder, *relative.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _link_or_copy(source, target)
        write_new_file(os.path.join(folder, CARD_NAME), item.card)
    except FileExistsError:
        remove_folders(made)
        raise NewModelError(f"{folder} was created by someone else meanwhile; nothing in it was changed") from None
    except BaseException:
        # The model folder is this call's own (make_folders made it new): nothing of anyone else's is in it.
        if folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        remove_folders(made)
        raise


def _link_or_copy(source: str, target: str) -> None:
    """A hard link costs no space for multi-gigabyte weights; a copy where the file systems differ."""
    try:
        os.link(os.path.realpath(source), target)
    except OSError:
        shutil.copyfile(source, target)
