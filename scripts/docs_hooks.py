"""MkDocs hooks for zoocat's own documentation: reference sections made from the code, never written twice.

`<!-- zoocat-docs: cli -->` becomes every command's --help; `<!-- zoocat-docs: card-fields -->` (and
`metric-fields`, `file-fields`) the tables of the card's front-matter keys, made from the JSON Schema that
`zoocat schema` prints.
"""

from __future__ import annotations

import re
from typing import Any

import click

from generator.cli import main
from generator.read.card_schema import card_schema

MARKER = re.compile(r"^<!-- zoocat-docs: (?P<name>[a-z-]+) -->$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return MARKER.sub(lambda match: SECTIONS[match.group("name")](), markdown)


def cli_reference() -> str:
    root = click.Context(main, info_name="zoocat", terminal_width=100, max_content_width=100)
    parts = ["```text", main.get_help(root), "```"]
    for name in sorted(main.list_commands(root)):
        command = main.get_command(root, name)
        assert command is not None
        context = click.Context(command, info_name=name, parent=root, terminal_width=100, max_content_width=100)
        parts += [f"## zoocat {name}", "", "```text", command.get_help(context), "```", ""]
    return "\n".join(parts)


def card_fields() -> str:
    return _fields(card_schema())


def metric_fields() -> str:
    return _fields(card_schema()["properties"]["metrics"]["items"]["anyOf"][0])


def file_fields() -> str:
    return _fields(card_schema()["properties"]["files"]["items"])


def _fields(schema: dict[str, Any]) -> str:
    required = set(schema.get("required", ()))
    rows = ["| key | type | required | meaning |", "|---|---|---|---|"]
    for name, spec in schema["properties"].items():
        needed = "yes" if name in required else "no"
        rows.append(f"| `{name}` | {_type(spec)} | {needed} | {spec.get('description', '')} |")
    return "\n".join(rows)


def _type(spec: dict[str, Any]) -> str:
    kinds = spec.get("type", "object")
    names = [kinds] if isinstance(kinds, str) else kinds
    if str(spec.get("pattern", "")).startswith("^\\d{4}"):
        return "date"
    if "array" in names:
        items = "strings" if spec.get("items", {}).get("type") == "string" else "mappings"
        return f"list of {items}" + (" or one string" if "string" in names else "")
    return " or ".join(kind for kind in names if kind != "null") + (" (may be empty)" if "null" in names else "")


SECTIONS = {
    "cli": cli_reference,
    "card-fields": card_fields,
    "metric-fields": metric_fields,
    "file-fields": file_fields,
}
