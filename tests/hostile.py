"""A hostile catalog: script and broken input in every place a card can put it."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import write_files

D = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"

CARDS: dict[str, str | bytes] = {
    # Script in every text a card can hold.
    f"{D}/base-none/model.md": f"""---
display_name: "{XSS}"
description: "<svg onload=alert(2)>"
tags: ["{XSS}", "javascript:alert(3)"]
license: "<iframe src=javascript:alert(4)>"
source: "javascript:alert(5)"
base: "javascript:alert(6)"
metrics:
  - {{name: "<b onmouseover=alert(7)>x</b>", value: 1, units: "<script>alert(8)</script>", primary: true}}
  - {{name: throughput, value: 10, units: items/sec, engine: "<script>alert(9)</script>", cores: 1, batch_size: 1}}
commands:
  "<script>alert(10)</script>": {{"<x>": "<script>alert(11)</script>"}}
owner: "<script>alert(12)</script>"
---
# Body {{{{ 7*7 }}}} {{% include 'base.html' %}}

<script>alert(13)</script>
<img src="x" onerror="alert(14)">
<svg onload="alert(15)"><circle r="1"/></svg>
<iframe src="https://evil.example.com"></iframe>
<style>body {{ display: none }}</style>
<a href="javascript:alert(16)">js link</a>
[md link](javascript:alert(17)) [data](data:text/html,<script>alert(18)</script>)
![img](javascript:alert(19)) ![remote](https://tracker.example.com/pixel.png)
<form action="https://evil.example.com"><input name="x"></form>
<object data="x.swf"></object><embed src="x.swf">
<base href="https://evil.example.com/"><meta http-equiv="refresh" content="0;url=https://evil.example.com">
[climb](../../../../../../../../etc/passwd)
""",
    f"{D}/base-none/recipes/original.md": f'---\nmodifiers:\n  - !Evil\n    x: "{XSS}"\n---\n{XSS}\n<a href=javascript:alert(20)>r</a>\n',
    f'{D}/base-none/"><script>alert(21)</script>.txt': "file name attack",
    f"{D}/base-none/page.html": "<script>alert(22)</script>",
    # Broken input, one problem each.
    f"{D}/pruned-conservative/model.md": "---\ndisplay_name: [unclosed\n---\n",
    f"{D}/pruned-moderate/model.md": "---\nx: !!python/object/apply:os.system ['touch /tmp/zoocat-pwned']\n---\n",
    f"{D}/pruned-aggressive/model.md": "---\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
    + "".join(f"a{i}: &a{i} [" + ", ".join(["*a" if i == 1 else f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    + "---\n",
    f"{D}/pruned_quant-moderate/model.md": "---\ndisplay_name: a\ndisplay_name: b\n---\n",
    f"{D}/pruned_quant-aggressive/model.md": "---\n- a list\n---\n",
    f"{D}/pruned_quant-conservative/model.md": "---\njust a scalar\n---\n",
    f"{D}/quant-moderate/model.md": "---\ndisplay_name: 1.10\nlicense: {spdx: mit}\n---\n",
    f"{D}/quant-none/model.md": b"\xef\xbb\xbf---\r\ndisplay_name: BOM and CRLF\r\n---\r\nBody",
    f"{D}/arch-moderate/model.md": b"---\ndisplay_name: bad bytes\n---\n\xff\xfe\n",
    f"{D}/arch-none/model.md": "",
    f"{D}/arch-aggressive/model.md": "# no front matter\n",
    f"{D}/pruned90-none/model.md": "---\nsub_domian: typo\n---\n",
    f"{D}/pruned95-none/model.md": "---\ndisplay_name: big\n---\n" + "x" * 5_000_001,
    "cv/classification/name with spaces/pytorch/sparseml/imagenet/base-none/model.md": "---\n---\n",
    "cv/classification/résnet/pytorch/sparseml/imagenet/base-none/model.md": "---\n---\n",
    f"{D}/base-none/deeper/model.md": "---\n---\n",
    f"{D}/empty-none/.keep": "",
    "cv/notes.txt": "stray",
    "cv/classification/ResNet_v1-50/pytorch/sparseml/imagenet/base-none/model.md": "---\ndisplay_name: case\n---\n",
}


def write_hostile(root: Path) -> Path:
    write_files(root, CARDS)
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("secret")
    os.symlink(outside / "secret.txt", root / D / "base-none" / "secret.txt")
    os.symlink(outside, root / "cv" / "outside")
    os.symlink(root / "cv", root / "cv" / "loop")
    return root
