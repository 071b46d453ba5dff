"""Reading what a built site holds as data: a table's rows.js, as its script receives it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def rows_data(text: str) -> dict[str, Any]:
    """The object a rows.js file passes to zoocatRows."""
    assert text.startswith("zoocatRows(") and text.endswith(");\n"), text[:80]
    data: dict[str, Any] = json.loads(text.removeprefix("zoocatRows(").removesuffix(");\n"))
    return data


def table_data(site: Path, key: str) -> dict[str, Any]:
    """The data of the table of domain/sub-domain `key`."""
    return rows_data((site / "models" / key / "rows.js").read_text(encoding="utf-8"))
