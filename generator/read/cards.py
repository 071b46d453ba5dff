"""Load a model.md: split and safely parse its front matter, validate it into a ModelCard."""

from __future__ import annotations

import difflib
import re
from datetime import UTC, date, datetime
from typing import Any

from ..model.model_records import ModelCard, metric_key
from ..model.problems import Level, Problem
from ..model.stubs import Stub
from .card_limits import BY_NAME, DEFAULT_LIMITS, Limits
from .card_lists import card_commands, card_files, metric_list
from .card_report import Reporter, described, type_name, wrong_type
from .card_titles import heading_name
from .front_matter import NoFrontMatter, SplitError, decode, split_front_matter
from .hub_metadata import HUB_FIELDS, HUB_LIST_FIELDS, HUB_TEXT_FIELDS, is_hub_key, read_model_index, text_list
from .trainer_results import trainer_metrics
from .yaml_lines import LinePath, LoadedYaml, YamlError, load_yaml

# Front-matter keys that restate a stub field, and the stub field each one names.
STUB_CLAIMS = {
    "domain": "domain",
    "sub_domain": "sub_domain",
    "task": "sub_domain",
    "architecture": "architecture",
    "sub_architecture": "sub_architecture",
    "framework": "framework",
    "repo": "repo",
    "dataset": "dataset",
    "source_dataset": "dataset",
    "training_scheme": "training_scheme",
    "sparse_name": "sparse_name",
    "sparse_category": "sparse_category",
    "sparse_target": "sparse_target",
}
STRING_FIELDS = (
    "display_name",
    "description",
    "license",
    "source",
    "card_version",
    "base",
    "parent",
    "version",
    "train_dataset",
)
LIST_FIELDS = ("tags", "optimizations")
DATE_FIELDS = ("date", "updated")
STRUCTURED_FIELDS = ("metrics", "files", "commands")
KNOWN_FIELDS = frozenset((*STUB_CLAIMS, *STRING_FIELDS, *LIST_FIELDS, *DATE_FIELDS, *STRUCTURED_FIELDS))
# Hub keys the model page shows in its own places; the others (widget, inference, extra_gated_*...) are listed under
# "Other card fields".
SHOWN_HUB = frozenset(
    (*HUB_LIST_FIELDS, "library_name", "pipeline_tag", "license_name", "license_link", "model_name", "model-index")
)
# ISO 8601 as YAML and Python both read it: a day, optionally a time, optionally an offset.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{3}|\.\d{6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def load_card(
    data: bytes, path: str, stub: Stub, limits: Limits = DEFAULT_LIMITS
) -> tuple[ModelCard | None, list[Problem]]:
    """Parse model.md bytes; None when the card has errors (the problems say why)."""
    try:
        split = split_front_matter(decode(data))
    except UnicodeDecodeError as error:
        return None, [_not_utf8(path, data, error)]
    except NoFrontMatter as error:
        return _body_only(error.text, path, stub, limits)
    except SplitError as error:
        return None, [Problem(path, error.line, "error", "card.front-matter", error.message)]
    report = Reporter(path, split.front_matter_line)
    try:
        loaded = load_yaml(split.front_matter)
    except YamlError as error:
        line = None if error.line is None else error.line + split.front_matter_line - 1
        message = f"the front matter is not valid YAML: {error.message}"
        return None, [Problem(path, line, "error", "card.yaml-syntax", message)]
    report.lines = loaded.lines
    card = _validate(loaded, report, stub, split.body, split.body_line, limits)
    return (None if report.has_errors else card), report.problems


def _body_only(text: str, path: str, stub: Stub, limits: Limits) -> tuple[ModelCard | None, list[Problem]]:
    """A card with no front matter (an old Hugging Face card, a plain README): built from its body and its path."""
    message = (
        "no front matter: the card is built from its body and its folder path; to give it a name, licence or "
        "metrics, start the file with a '---' line, 'key: value' lines (display_name, license, metrics...) and a "
        "closing '---' line"
    )
    report = Reporter(path, 1)
    report.problems.append(Problem(path, 1, "warning", "card.no-front-matter", message))
    card = _validate(LoadedYaml({}, {}, ()), report, stub, text, 1, limits)
    return (None if report.has_errors else card), report.problems


def _not_utf8(path: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    line = data[: error.start].count(b"\n") + 1
    message = f"the file is not UTF-8 text (byte {error.start}): save it as UTF-8"
    return Problem(path, line, "error", "card.encoding", message)


def _validate(loaded: LoadedYaml, report: Reporter, stub: Stub, body: str, body_line: int, limits: Limits) -> ModelCard:
    data = loaded.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type_name(data)
        report.add("error", "card.not-mapping", f"the front matter is a {kind}; write 'key: value' lines")
        return ModelCard()
    for key, line in loaded.duplicates:
        message = f"the key '{key}' is given twice; keep one"
        report.problems.append(
            Problem(report.path, line + report.first_line - 1, "error", "card.duplicate-key", message)
        )
    _unknown_keys(data, report)
    card = _card(_capped_lists(data, report, limits), report, stub, (body, body_line), limits)
    _check_stub_claims(data, stub, report)
    return card


def _card(data: dict[Any, Any], report: Reporter, stub: Stub, body: tuple[str, int], limits: Limits) -> ModelCard:
    """The card of front matter whose shape was checked, its lists capped; each field's problems reported."""
    strings = {key: _string(data, key, report) for key in STRING_FIELDS}
    for key, limit in (("display_name", "name_length"), ("description", "description_length")):
        strings[key] = _capped_text(strings[key], key, limit, report, limits)
    dates = _dates(data, report)
    hub = _hub_fields(data, report)
    listed, metric_ids = metric_list(data.get("metrics"), report)
    index = read_model_index(data.get("model-index"), report.add, limits["metrics"], metric_key)
    if index.over:
        _over("metrics", len(index.metrics) + index.over, "'model-index' has", ("model-index",), report, limits)
    hub_name = index.name or hub["model_name"]
    named: dict[str, Any] = {key: strings[key] for key in STRING_FIELDS if key != "display_name"}
    return ModelCard(
        display_name=strings["display_name"] or hub_name or heading_name(body[0], limits["name_length"]),
        **named,
        date=dates[0],
        updated=dates[1],
        tags=_tags(data, report, limits),
        optimizations=_string_list(data, "optimizations", report),
        metrics=(*listed, *index.metrics) or trainer_metrics(body[0], limits["metrics"]),
        **{key: hub[key] for key in HUB_CARD_FIELDS},
        base_models=hub["base_model"],
        hub_name=hub_name,
        metric_ids=metric_ids,
        files=card_files(data.get("files"), stub.framework, report),
        commands=card_commands(data.get("commands"), report),
        extra={str(key): value for key, value in data.items() if key not in KNOWN_FIELDS and key not in SHOWN_HUB},
        body_markdown=_capped_body(body[0], body[1], report, limits),
        body_line=body[1],
    )


# The Hub's fields a card keeps as they are, under the same names (base_model as base_models).
HUB_CARD_FIELDS = ("language", "datasets", "library_name", "pipeline_tag", "license_name", "license_link")


def _over(name: str, found: int, what: str, at: LinePath, report: Reporter, limits: Limits) -> None:
    """Report a value over a limit: an error, which leaves the card out, unless catalog.yml lowered the limit's check
    (then the caller cuts the value to the limit, and the site stays as bounded)."""
    level: Level = "warning" if name in limits.cut else "error"
    report.add(level, BY_NAME[name].code, limits.over(name, found, what), at)


def _capped_lists(data: dict[str, Any], report: Reporter, limits: Limits) -> dict[str, Any]:
    """The front matter with its lists cut to their limits. Cut even when the card is left out: the entries past the
    limit are not checked one by one, so 100,000 bad entries make one problem, not 100,000."""
    capped = dict(data)
    for key, name in (("tags", "tags"), ("metrics", "metrics"), ("files", "files")):
        value, limit = data.get(key), limits[name]
        if isinstance(value, list) and len(value) > limit:
            _over(name, len(value), f"'{key}' has", (key,), report, limits)
            capped[key] = value[:limit]
    return capped


def _capped_text(value: str | None, key: str, name: str, report: Reporter, limits: Limits) -> str | None:
    if value is None or len(value) <= limits[name]:
        return value
    _over(name, len(value), f"'{key}' has", (key,), report, limits)
    return value[: limits[name]]


def _capped_body(body: str, body_line: int, report: Reporter, limits: Limits) -> str:
    size, limit = len(body.encode("utf-8")), limits["body_bytes"]
    if size <= limit:
        return body
    level: Level = "warning" if "body_bytes" in limits.cut else "error"
    message = limits.over("body_bytes", size, "the body has")
    report.problems.append(Problem(report.path, body_line, level, BY_NAME["body_bytes"].code, message))
    return body.encode("utf-8")[:limit].decode("utf-8", "ignore")  # a character cut in two is left out


def _unknown_keys(data: dict[str, Any], report: Reporter) -> None:
    for key in data:
        if str(key) in KNOWN_FIELDS or is_hub_key(str(key)):
            continue
        near = difflib.get_close_matches(str(key), sorted(KNOWN_FIELDS | HUB_FIELDS), n=1, cutoff=0.75)
        hint = f"did you mean '{near[0]}'? " if near else ""
        message = f"unknown key '{key}': {hint}it is kept and shown under 'Other card fields'"
        report.add("warning", "card.unknown-key", message, (str(key),))


def _string(data: dict[str, Any], key: str, report: Reporter) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) or key not in ("version", "card_version"):
            # 1.10 would silently become 1.1: say so rather than change the author's text.
            message = f"YAML read '{key}' as the number {value!r}, which may not be what was written: put it in quotes"
            report.add("warning", "card.type", message, (key,))
        return str(value)
    if key == "license" and isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        # Some Hub cards list their licences; the Hub itself takes one. Shown together rather than dropping the card.
        listed = ", ".join(value)
        message = (
            f"'license' is a list ({listed if len(listed) <= 80 else listed[:77] + '...'}): give one licence, or an "
            "SPDX expression such as 'mit OR apache-2.0'; they are shown together"
        )
        report.add("warning", "card.type", message, (key,))
        return ", ".join(value)
    report.add("error", "card.type", wrong_type(key, "a string", value), (key,))
    return None


def _dates(data: dict[str, Any], report: Reporter) -> tuple[datetime | None, datetime | None]:
    published, updated = (_date(data, key, report) for key in DATE_FIELDS)
    if published and updated and updated < published:
        message = f"'updated' ({updated:%Y-%m-%d}) is before 'date' ({published:%Y-%m-%d}): swap or fix them"
        report.add("warning", "card.date", message, ("updated",))
    return published, updated


def _date(data: dict[str, Any], key: str, report: Reporter) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    moment = parse_date(value)
    if moment is None:
        message = f"'{key}' is {described(value)}: give a date such as 2023-04-01 or 2023-04-01T09:30:00Z"
        report.add("error", "card.date", message, (key,))
    return moment


def parse_date(value: Any) -> datetime | None:
    """A YAML date or datetime, or ISO 8601 text, as a moment in UTC (a day alone is its midnight in UTC)."""
    try:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime(value.year, value.month, value.day)
        elif isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            # Python 3.10 reads no 'Z' suffix.
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        else:
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # 2023-02-30, or an offset that moves year 1 out of range
        return None


def _string_list(data: dict[str, Any], key: str, report: Reporter) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        report.add("error", "card.type", wrong_type(key, "a list of strings", value), (key,))
        return ()
    items: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            items.append(item)
        else:
            report.add("error", "card.type", wrong_type(f"{key}[{index}]", "a string", item), (key, index))
    return tuple(items)


def _tags(data: dict[str, Any], report: Reporter, limits: Limits) -> tuple[str, ...]:
    tags = _string_list(data, "tags", report)
    limit = limits["tag_length"]
    long = [index for index, tag in enumerate(tags) if len(tag) > limit]
    if long:
        first = long[0]
        others = f" (one of {len(long):,} tags this long)" if len(long) > 1 else ""
        _over("tag_length", len(tags[first]), f"'tags[{first}]'{others} has", ("tags", first), report, limits)
        tags = tuple(dict.fromkeys(tag[:limit] for tag in tags))  # two tags cut alike are one
    for index, tag in enumerate(tags):
        if "," in tag:
            message = f"the tag {tag!r} holds a comma, which separates values in table links: use another character"
            report.add("warning", "card.tag-comma", message, ("tags", index))
    return tags


def _check_stub_claims(data: dict[str, Any], stub: Stub, report: Reporter) -> None:
    """Stub fields the front matter states (legacy cards do) must agree with the path, which has the last word: they
    are checked, not kept."""
    for key, field_name in STUB_CLAIMS.items():
        value = data.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        stated, actual = str(value), getattr(stub, field_name)
        if stated != (actual or ""):
            path_value = repr(actual) if actual is not None else "nothing"
            message = (
                f"front matter says {key}: {stated!r} but the folder path says "
                f"{field_name}: {path_value}; the path wins: fix or remove the '{key}' line"
            )
            report.add("warning", "card.stub-mismatch", message, (key,))


def _hub_fields(data: dict[str, Any], report: Reporter) -> dict[str, Any]:
    """The Hub's text and list fields; one of another shape is a warning (cards from the Hub are read as they are)."""
    fields: dict[str, Any] = {}
    for key in HUB_TEXT_FIELDS:
        value = data.get(key)
        fields[key] = None if value is None or isinstance(value, (dict, list, bool)) else str(value)[:500]
        if fields[key] is None and value is not None:
            report.add("warning", "card.type", wrong_type(key, "a text", value) + "; it is left out", (key,))
    for key in HUB_LIST_FIELDS:
        items = text_list(data.get(key))
        if items is None:
            message = wrong_type(key, "a text or a list of texts", data[key]) + "; it is left out"
            report.add("warning", "card.type", message, (key,))
        fields[key] = tuple(item[:200] for item in items or ())[:100]
    return fields
