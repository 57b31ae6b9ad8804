"""The tree shows the flow: no module imports from a later stage (lazy imports inside functions
included), and every module belongs to a stage."""

import ast

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "bomca_extract"
# the flow, first to last; the foundation (the registry, records, language profiles, shared
# helpers) is under everything
STAGES = ["foundation", "readers", "text", "nlp", "extractors", "batch", "output", "evaluation", "review", "cli"]
FOUNDATION = {"__init__", "version", "timing", "threads", "staging", "schema", "records", "lang"}
ENTRY = {"cli", "__main__", "launch", "api"}


def stage_of(module: str) -> str:
    """'bomca_extract.nlp.rules' -> 'nlp'."""
    top = module.split(".")[1] if "." in module else "__init__"
    if top in FOUNDATION:
        return "foundation"
    return "cli" if top in ENTRY else top


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> list[str]:
    """Every bomca_extract module `path` imports, relative imports resolved."""
    package = module_name(path).split(".") if path.name == "__init__.py" else module_name(path).split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.append(target)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name.split(".")[0] == "bomca_extract"]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_from_a_later_stage(path):
    own = STAGES.index(stage_of(module_name(path)))
    later = [name for name in imports_of(path) if STAGES.index(stage_of(name)) > own]
    assert later == [], f"{module_name(path)} ({STAGES[own]}) imports from a later stage: {later}"


def test_every_folder_is_a_stage_or_the_foundation():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders <= set(STAGES) | FOUNDATION
    assert all(stage_of(module_name(path)) in STAGES for path in MODULES)
