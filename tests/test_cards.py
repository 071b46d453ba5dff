from __future__ import annotations

from generator.model.problems import Problem
from generator.model.stubs import parse_stub
from generator.read.cards import load_card, metric_key

STUB = parse_stub("cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none")
PATH = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none/model.md"


def load(text: str | bytes):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_card(data, PATH, STUB)


def test_licence_comment_and_blank_lines_before_front_matter() -> None:
    card, problems = load("\n<!--\nLicensed under the Apache License\n-->\n\n---\ndisplay_name: X\n---\n# Body\n")
    assert problems == []
    assert card is not None and card.display_name == "X"
    assert card.body_markdown == "# Body\n" and card.body_line == 9


def test_byte_order_mark_crlf_and_no_trailing_newline() -> None:
    card, problems = load(b"\xef\xbb\xbf---\r\ndisplay_name: Y\r\ntags: [a, b]\r\n---\r\nBody")
    assert problems == []
    assert card is not None and card.display_name == "Y" and card.tags == ("a", "b") and card.body_markdown == "Body"


def test_not_utf8_names_the_line() -> None:
    card, problems = load(b"---\ndisplay_name: ok\n---\n\xff\xfe bad\n")
    assert card is None
    assert problems == [
        Problem(PATH, 4, "error", "card.encoding", "the file is not UTF-8 text (byte 25): save it as UTF-8")
    ]


def test_no_front_matter_and_empty_file() -> None:
    message = (
        "no front matter: the file must start with a '---' line, the YAML fields, and a closing '---' line "
        "(blank lines or an HTML comment may come first)"
    )
    empty = "the file is empty: write the front matter ('---', the YAML fields, '---') and a Markdown body"
    assert load("") == (None, [Problem(PATH, None, "error", "card.front-matter", empty)])
    assert load("<!-- only a comment -->\n") == (None, [Problem(PATH, None, "error", "card.front-matter", message)])


def test_unclosed_front_matter() -> None:
    card, problems = load("<!-- c -->\n---\ndisplay_name: x\n")
    assert card is None
    assert problems == [
        Problem(
            PATH,
            2,
            "error",
            "card.front-matter",
            "the front matter opened here is never closed: add a '---' line after the YAML fields",
        )
    ]


def test_yaml_syntax_error_has_the_file_line() -> None:
    card, problems = load("<!-- licence -->\n---\ndisplay_name: ok\ntags: [a, b\n---\n")
    assert card is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.code, problem.level, problem.line) == ("card.yaml-syntax", "error", 5)
    assert problem.message.startswith("the front matter is not valid YAML: while parsing a flow sequence")


def test_object_constructing_tag_is_refused() -> None:
    card, problems = load("---\nx: !!python/object/apply:os.system ['echo hacked']\n---\n")
    assert card is None
    assert problems[0].code == "card.yaml-syntax" and problems[0].line == 2
    assert (
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        in problems[0].message
    )


def test_front_matter_must_be_a_mapping() -> None:
    assert load("---\n- a\n- b\n---\n") == (
        None,
        [Problem(PATH, None, "error", "card.not-mapping", "the front matter is a list; write 'key: value' lines")],
    )


def test_duplicate_keys_are_a_problem() -> None:
    card, problems = load("---\ndisplay_name: a\ntags: [x]\ndisplay_name: b\n---\n")
    assert card is None
    assert problems == [
        Problem(PATH, 4, "error", "card.duplicate-key", "the key 'display_name' is given twice; keep one")
    ]


def test_real_1_0_0_card_fields() -> None:
    text = """---
card_version: 1.0.0
domain: cv
base: _some_base_stub
task: classification
architecture: resnet_v1
sub_architecture: 50
framework: pytorch
repo: sparseml
version: null
source_dataset: imagenet
train_dataset: imagenet_2
display_name: 95% Pruned ResNet-50
tags:
- resnet
parent: _some_parent_stub
optimizations:
- GMP 95%
- QAT Int8
commands:
  deploy:
    deploy_model: deepsparse.command.dosomething stub
  benchmark:
    benchmark: deepsparse.benchmark stub


---

# ResNet-50
"""
    card, problems = load(text)
    assert problems == []
    assert card is not None
    assert card.card_version == "1.0.0" and card.base == "_some_base_stub" and card.version is None
    assert card.optimizations == ("GMP 95%", "QAT Int8")
    assert card.commands == (
        ("deploy", (("deploy_model", "deepsparse.command.dosomething stub"),)),
        ("benchmark", (("benchmark", "deepsparse.benchmark stub"),)),
    )
    # Its stub fields (sub_architecture, task...) agree with the path: checked, and not shown as extra fields.
    assert card.extra == {}


def test_legacy_card_disagreeing_with_the_path_is_a_warning() -> None:
    text = (
        '---\ndomain: "nlp"\nsub_domain: "question_answering"\narchitecture: "resnet_v1"\nframework: "pytorch"\n---\n'
    )
    card, problems = load(text)
    assert card is not None
    assert problems == [
        Problem(
            PATH,
            2,
            "warning",
            "card.stub-mismatch",
            "front matter says domain: 'nlp' but the folder path says domain: 'cv'; the path wins: "
            "fix or remove the 'domain' line",
        ),
        Problem(
            PATH,
            3,
            "warning",
            "card.stub-mismatch",
            "front matter says sub_domain: 'question_answering' but the folder path says sub_domain: "
            "'classification'; the path wins: fix or remove the 'sub_domain' line",
        ),
    ]


def test_unknown_keys_are_kept() -> None:
    card, problems = load("---\nowner: vision-team\nhardware: {min_ram_gb: 4}\nsub_domian: x\n---\n")
    assert problems == [
        Problem(
            PATH,
            2,
            "warning",
            "card.unknown-key",
            "unknown key 'owner': it is kept and shown under 'Other card fields'",
        ),
        Problem(
            PATH,
            3,
            "warning",
            "card.unknown-key",
            "unknown key 'hardware': it is kept and shown under 'Other card fields'",
        ),
        Problem(
            PATH,
            4,
            "warning",
            "card.unknown-key",
            "unknown key 'sub_domian': did you mean 'sub_domain'? it is kept and shown under 'Other card fields'",
        ),
    ]
    assert card is not None and card.extra == {"owner": "vision-team", "hardware": {"min_ram_gb": 4}, "sub_domian": "x"}


def test_metrics_are_validated_with_lines() -> None:
    text = """---
metrics:
  - name: top1_accuracy
    value: 75.9
    units: "%"
    primary: true
  - name: throughput
    value: fast
    units: items/sec
  - value: 3
    units: ms
---
"""
    card, problems = load(text)
    assert card is None
    assert problems == [
        Problem(PATH, 8, "error", "card.metric", "metrics[1].value is the text 'fast': give a number"),
        Problem(PATH, 10, "error", "card.metric", "metrics[2] needs a 'name' (text)"),
    ]


def test_type_messages_read_as_english() -> None:
    """Values are named as YAML writes them (empty, true, the text 'x'), never as Python's None or True."""
    text = """---
display_name: true
metrics:
  - {name: top1_accuracy, value: , units: "%", primary: 1}
  - {name: top5_accuracy, value: [1], units: "%", cores: 1.5}
---
"""
    _, problems = load(text)
    assert [problem.message for problem in problems] == [
        "'display_name' is true (a yes/no value): give a string; YAML reads yes, no, on, off, true and false as "
        "booleans: put the text in quotes",
        "metrics[0].value is empty: give a number",
        "metrics[0].primary is the number 1: give true or false",
        "metrics[1].value is a list: give a number",
        "metrics[1].cores is the number 1.5: give a whole number",
    ]
    assert not any("None" in problem.message or "True" in problem.message for problem in problems)


def test_speed_metric_context() -> None:
    text = """---
metrics:
  - {name: top1_accuracy, value: 75.9, units: "%", dataset: imagenet, split: validation}
  - {name: throughput, value: 1520.5, units: items/sec, engine: deepsparse, device: c6i.12xlarge, cores: 24, batch_size: 64}
---
"""
    card, problems = load(text)
    assert problems == [] and card is not None
    quality, speed = card.metrics
    assert not quality.is_speed and speed.is_speed
    assert speed.context == "deepsparse, c6i.12xlarge, 24 cores, batch 64"


def test_a_number_where_a_string_is_expected_is_kept_as_its_text_with_a_warning() -> None:
    card, problems = load("---\ndisplay_name: 1.10\n---\n")
    assert card is not None and card.display_name == "1.1"
    assert problems == [
        Problem(
            PATH,
            2,
            "warning",
            "card.type",
            "YAML read 'display_name' as the number 1.1, which may not be what was written: put it in quotes",
        )
    ]


def test_a_list_of_licences_is_shown_together_with_a_warning_and_a_mapping_is_an_error() -> None:
    card, problems = load("---\nlicense: [mit, apache-2.0]\n---\n")
    assert card is not None and card.license == "mit, apache-2.0"
    assert [(p.level, p.code, p.line) for p in problems] == [("warning", "card.type", 2)]
    assert "give one licence, or an SPDX expression such as 'mit OR apache-2.0'" in problems[0].message
    many = ", ".join(f"licence-{index}" for index in range(1000))
    card, problems = load(f"---\nlicense: [{many}]\n---\n")
    assert card is not None and len(problems[0].message) < 250  # the card's text quoted, not all of it
    card, problems = load("---\nlicense: {spdx: mit}\n---\n")
    assert card is None and [(p.level, p.code, p.line) for p in problems] == [("error", "card.type", 2)]


def test_metric_keys() -> None:
    assert metric_key("mAP@0.5") == "map_0_5"
    assert metric_key("Top-1 accuracy") == "top_1_accuracy"
    assert metric_key("f1") == "f1"


def test_two_primary_metrics_are_a_warning() -> None:
    text = "---\nmetrics:\n  - {name: a, value: 1, units: x, primary: true}\n  - {name: b, value: 2, units: x, primary: true}\n---\n"
    card, problems = load(text)
    assert card is not None
    assert problems == [
        Problem(
            PATH,
            4,
            "warning",
            "card.metric-primary",
            "metrics[0], metrics[1] are all marked primary; the first is the headline metric: keep 'primary: true' on one",
        )
    ]


def test_version_read_as_a_float_and_tags_with_commas_are_warnings() -> None:
    card, problems = load("---\nversion: 1.10\ntags: [ok, 'a,b']\n---\n")
    assert card is not None and card.version == "1.1"
    assert problems == [
        Problem(
            PATH,
            2,
            "warning",
            "card.type",
            "YAML read 'version' as the number 1.1, which may not be what was written: put it in quotes",
        ),
        Problem(
            PATH,
            3,
            "warning",
            "card.tag-comma",
            "the tag 'a,b' holds a comma, which separates values in table links: use another character",
        ),
    ]


def test_a_figure_written_as_text_is_read_as_model_index_reads_it() -> None:
    """'70.1%' and '20.0 ± 1.2' as Hugging Face results write them; other text is still an error."""
    text = "---\nmetrics:\n  - {name: top1, value: '70.1%'}\n  - {name: wer, value: '20.0 ± 1.2', units: '%'}\n---\n"
    card, problems = load(text)
    assert problems == [] and card is not None
    assert [(m.value, m.units, m.spread) for m in card.metrics] == [(70.1, "%", None), (20.0, "%", 1.2)]
    card, problems = load("---\nmetrics:\n  - {name: top1, value: 'about 70', units: '%'}\n---\n")
    assert card is None and [(p.code, p.line) for p in problems] == [("card.metric", 3)]
    assert "is the text 'about 70': give a number" in problems[0].message
