from __future__ import annotations

import json

from generator.model.problems import Problem, format_problems, sarif
from generator.read.card_schema import card_schema
from generator.read.cards import KNOWN_FIELDS, SHOWN_HUB

PROBLEMS = [
    Problem("cv/a/model.md", 3, "error", "card.yaml-syntax", "bad: fix it"),
    Problem("cv/b", None, "warning", "discover.no-card", "no card"),
]


def test_sarif_shape() -> None:
    report = sarif(PROBLEMS, "zoo")
    run = report["runs"][0]
    assert report["version"] == "2.1.0"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["card.yaml-syntax", "discover.no-card"]
    first, second = run["results"]
    assert first == {
        "ruleId": "card.yaml-syntax",
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": "bad: fix it"},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": "zoo/cv/a/model.md"}, "region": {"startLine": 3}}}
        ],
    }
    assert "region" not in second["locations"][0]["physicalLocation"]


def test_text_json_and_github() -> None:
    assert format_problems(PROBLEMS, "zoo", "text").splitlines() == [
        "zoo/cv/a/model.md:3: error[card.yaml-syntax]: bad: fix it",
        "zoo/cv/b: warning[discover.no-card]: no card",
    ]
    assert json.loads(format_problems(PROBLEMS, "zoo", "json"))[1]["code"] == "discover.no-card"
    assert format_problems(PROBLEMS, "zoo", "github").splitlines()[0] == (
        "::error file=zoo/cv/a/model.md,line=3,title=card.yaml-syntax::bad: fix it"
    )


def test_schema_covers_every_known_field() -> None:
    schema = card_schema()
    # zoocat's own fields, and the Hugging Face keys the model page shows in their own places.
    assert set(schema["properties"]) == set(KNOWN_FIELDS) | SHOWN_HUB
    assert schema["properties"]["metrics"]["items"]["anyOf"][0]["required"] == ["name", "value", "units"]
