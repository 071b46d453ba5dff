"""Parse and format model stubs: the only code that knows the stub grammar.

DOMAIN/SUB_DOMAIN/ARCHITECTURE{-SUB_ARCHITECTURE}/FRAMEWORK/REPO/DATASET{-TRAINING_SCHEME}/
SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import StubError
from .quick_pickle import quick_pickle

SEGMENT_NAMES = (
    "domain",
    "sub_domain",
    "architecture",
    "framework",
    "repo",
    "dataset",
    "sparse tag",
)
FIELD_NAMES = (
    "domain",
    "sub_domain",
    "architecture",
    "sub_architecture",
    "framework",
    "repo",
    "dataset",
    "training_scheme",
    "sparse_name",
    "sparse_category",
    "sparse_target",
)
_PART = re.compile(r"[A-Za-z0-9_.]+")
_GRAMMAR = (
    "DOMAIN/SUB_DOMAIN/ARCHITECTURE{-SUB_ARCHITECTURE}/FRAMEWORK/REPO/"
    "DATASET{-TRAINING_SCHEME}/SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}"
)


@quick_pickle
@dataclass(frozen=True, order=True, slots=True)
class Stub:
    domain: str
    sub_domain: str
    architecture: str
    sub_architecture: str | None
    framework: str
    repo: str
    dataset: str
    training_scheme: str | None
    sparse_name: str
    sparse_category: str
    sparse_target: str | None
    # Asked for hundreds of thousands of times in a big build: made once.
    text: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", format_stub(self))

    def __str__(self) -> str:
        return self.text

    @property
    def sparse_tag(self) -> str:
        return _join(self.sparse_name, self.sparse_category, self.sparse_target)

    @property
    def table_key(self) -> str:
        return f"{self.domain}/{self.sub_domain}"

    def fields(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in FIELD_NAMES}


def _join(*parts: str | None) -> str:
    return "-".join(part for part in parts if part is not None)


def format_stub(stub: Stub) -> str:
    """The canonical folder-path form, without the `zoo:` prefix."""
    return "/".join(
        (
            stub.domain,
            stub.sub_domain,
            _join(stub.architecture, stub.sub_architecture),
            stub.framework,
            stub.repo,
            _join(stub.dataset, stub.training_scheme),
            stub.sparse_tag,
        )
    )


# Names the site itself uses beside model pages; a segment with one of them would collide.
# A stub has seven segments, so a model folder is seven folders below the catalog.
STUB_SEGMENTS = 7
# The sparse tag of the dense model that others are compared with, unless catalog.yml names another.
DEFAULT_BASELINE_TAG = "base-none"
RESERVED_SEGMENTS = frozenset(("index.html", "models.json", "models.csv"))


def parse_stub(text: str, *, is_path: bool = False) -> Stub:
    """Parse a stub; accept and drop a `zoo:` prefix and a `?key=value` query.

    With is_path, `text` is a folder path relative to the catalog root: taken exactly as it is.
    """
    path = text if is_path else _strip_decorations(text)
    segments = path.split("/")
    if len(segments) != STUB_SEGMENTS:
        raise StubError(f"stub {_short(text)} has {len(segments)} segment(s); expected {STUB_SEGMENTS}: {_GRAMMAR}")
    for segment in segments:
        if segment in RESERVED_SEGMENTS:
            raise StubError(f"the segment {segment!r} is a name zoocat's site uses for its own files; rename it")
    domain, sub_domain, arch, framework, repo, dataset, tag = segments
    for name, segment in zip(SEGMENT_NAMES[:6], segments[:6], strict=True):
        _check_parts(name, segment, 2 if name in ("architecture", "dataset") else 1)
    architecture, sub_architecture = _split_optional(arch)
    dataset_name, training_scheme = _split_optional(dataset)
    sparse_name, sparse_category, sparse_target = _split_sparse_tag(tag)
    return Stub(
        domain=domain,
        sub_domain=sub_domain,
        architecture=architecture,
        sub_architecture=sub_architecture,
        framework=framework,
        repo=repo,
        dataset=dataset_name,
        training_scheme=training_scheme,
        sparse_name=sparse_name,
        sparse_category=sparse_category,
        sparse_target=sparse_target,
    )


def _short(text: str) -> str:
    return repr(text) if len(text) <= 200 else repr(text[:197] + "...")


def _strip_decorations(text: str) -> str:
    path = text.strip()
    is_zoo = path.startswith("zoo:")
    if is_zoo:
        path = path[len("zoo:") :]
    path = path.split("?", 1)[0]
    if "/" not in path and (is_zoo or "-" in path) and path:
        raise StubError(
            f"{_short(text)} is a flat SparseZoo stub, not a folder path; zoocat needs the path form {_GRAMMAR}"
        )
    return path


def _check_parts(name: str, segment: str, max_parts: int) -> None:
    if segment == "":
        raise StubError(f"the {name} segment is empty; expected letters, digits, '_' or '.'")
    parts = segment.split("-", max_parts - 1)
    for part in parts:
        if not _PART.fullmatch(part) or set(part) == {"."}:
            raise StubError(
                f"the {name} segment {_short(segment)} is not valid; expected letters, digits, '_' "
                f"or '.'" + (", with an optional '-' suffix" if max_parts == 2 else "")
            )


def _split_optional(segment: str) -> tuple[str, str | None]:
    head, _, tail = segment.partition("-")
    return head, tail if tail else None


def _split_sparse_tag(segment: str) -> tuple[str, str, str | None]:
    expected = "expected SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}, such as 'pruned-moderate'"
    if segment == "":
        raise StubError(f"the sparse tag segment is empty; {expected}")
    parts = segment.split("-", 2)
    if len(parts) < 2:
        raise StubError(f"the sparse tag segment {_short(segment)} has no sparse category; {expected}")
    for part in parts:
        if not _PART.fullmatch(part) or set(part) == {"."}:
            raise StubError(f"the sparse tag segment {_short(segment)} is not valid; {expected}")
    return parts[0], parts[1], parts[2] if len(parts) == 3 else None


def has_sub_architecture(stub: Stub) -> bool:
    """Whether the stub names a sub-architecture: the SparseZoo writes "none" for none (distilbert-none)."""
    return bool(stub.sub_architecture) and stub.sub_architecture != "none"


def readable_name(stub: Stub) -> str:
    """A display name made from the stub when the card gives none."""
    arch = stub.architecture + (f"-{stub.sub_architecture}" if has_sub_architecture(stub) else "")
    sparsity = " ".join(
        part.replace("_", " ") for part in (stub.sparse_name, stub.sparse_category, stub.sparse_target) if part
    )
    dataset = stub.dataset + (f"-{stub.training_scheme}" if stub.training_scheme else "")
    return f"{arch} {sparsity} ({dataset})"
