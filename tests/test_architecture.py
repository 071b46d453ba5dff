"""The package's one import rule (README, "Architecture"): each stage imports only the stages below it.

Imports are read from the source with ast, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator"

# Bottom to top. A module belongs to the longest name listed that is its own or one of its packages'.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("generator", "generator.errors", "generator.build_options")),
    ("records", ("generator.model.model_records", "generator.model.problems", "generator.model.stubs")),
    ("records", ("generator.model.quick_pickle",)),
    ("read", ("generator.read",)),
    ("model", ("generator.model",)),
    ("render", ("generator.render",)),
    ("output", ("generator.output",)),
    ("incremental", ("generator.incremental",)),
    ("build", ("generator.build", "generator.new_card")),
    ("ways in", ("generator.cli", "generator.__main__", "generator.integrations", "generator.importers")),
)
ORDER = list(dict.fromkeys(name for name, _ in LAYERS))


def layer_of(module: str) -> str:
    best, layer = "", ""
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            owns = module == prefix or module.startswith(prefix + ".")
            if owns and len(prefix) > len(best):
                best, layer = prefix, name
    assert layer, f"{module} is in no layer: add it to LAYERS and to the README's architecture section"
    return layer


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, here: str | None = None) -> set[str]:
    """The zoocat modules (or packages) a file imports, as dotted names; here: the module the file is."""
    here = here or module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == "generator" or target.startswith("generator."):
                # `from . import x` names a module when x is one, else a name of the package.
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    as_module = PACKAGE.parent / (sub.replace(".", "/") + ".py")
                    found.add(sub if as_module.exists() or as_module.with_suffix("").is_dir() else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name == "generator" or a.name.startswith("generator.")}
    return found


def upward_imports() -> list[str]:
    breaks = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        rank = ORDER.index(layer_of(module))
        for target in sorted(imported(path)):
            if ORDER.index(layer_of(target)) > rank:
                breaks.append(f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})")
    return breaks


def test_no_module_imports_a_stage_above_its_own() -> None:
    assert upward_imports() == []


def test_the_rule_sees_an_upward_import(tmp_path: Path) -> None:
    # The reader of imports itself: a relative import from reading into rendering is found and named.
    assert layer_of("generator.read.cards") == "read"
    assert layer_of("generator.model.model_records") == "records"
    assert layer_of("generator.model.catalog") == "model"
    source = PACKAGE / "read" / "cards.py"
    text = source.read_text(encoding="utf-8")
    assert "generator.render.views" not in imported(source)
    fake = tmp_path / "cards.py"
    fake.write_text(text + "\nfrom ..render.views import relative\n", encoding="utf-8")
    assert "generator.render.views" in imported(fake, "generator.read.cards")


def test_every_layer_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for folder in ("generator/read/", "generator/model/", "generator/render/", "generator/output/"):
        assert folder in readme
    for folder in ("generator/incremental/", "generator/integrations/"):
        assert folder in readme
