"""The package's layers: the profile imports no Pelican or Jinja, the import-linter contracts
of pyproject.toml hold, and no import cycle hides anywhere, not even in a function."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE = ("profile_gen.profile", "profile_gen.profile.loader", "profile_gen.profile.readiness")


@pytest.mark.parametrize("module", PURE)
def test_the_profile_layer_imports_no_pelican_nor_templates(module):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
    }
    assert "profile_gen" in imported  # the measure saw the package itself
    assert not imported & {"pelican", "jinja2", "markupsafe", "weasyprint", "markdown_it"}


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def import_cycles(package: str) -> list[list[str]]:
    """Every import cycle in `package`, read statically by grimp (as import-linter does):
    every `import` statement counts, those inside functions too, whatever runs first.

    Two levels: modules that import each other, directly or round a loop; and, in each
    package, children that do (a subpackage taken whole: `interop.embedded` importing
    `interop.jsonresume.write` while `interop.jsonresume.shape` imports `interop.embedded`).
    `if TYPE_CHECKING:` imports never run, so they are left out."""
    graph = grimp.build_graph(package, cache_dir=None, exclude_type_checking_imports=True)
    found = _loops(
        {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    )
    for parent in sorted(graph.modules):
        edges: dict[str, set[str]] = {name: set() for name in graph.find_children(parent)}
        for module in graph.find_descendants(parent):
            for imported in graph.find_modules_directly_imported_by(module):
                source, target = _child(parent, module), _child(parent, imported)
                if target and target != source:
                    edges[source].add(target)
        found += [loop for loop in _loops(edges) if loop not in found]
    return found


def _child(parent: str, module: str) -> str:
    """The child of `parent` that holds `module` ("" if none does)."""
    rest = module.removeprefix(parent + ".")
    return "" if rest == module else f"{parent}.{rest.split('.')[0]}"


def _loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            if component:
                loops.append(sorted([node, *component]))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return loops


def test_no_import_cycle_not_even_through_a_function_local_import():
    """A cycle hidden in a function's `import` fails here, whatever the order modules load."""
    cycles = import_cycles("profile_gen")
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(loop) for loop in cycles)


def test_the_cycle_check_sees_imports_inside_functions(tmp_path, monkeypatch):
    """The check itself: a package whose only cycles go through function-local imports, one
    between two modules and one between a module and a subpackage (as `interop.embedded`
    and `interop.jsonresume` were), and one harmless `TYPE_CHECKING` import."""
    files = {
        "__init__.py": "",
        "one.py": "def f():\n    from looped import two\n",
        "two.py": "import looped.one\n",
        "embedded.py": "def g():\n    from looped.resume.write import export\n",
        "resume/__init__.py": "from looped.resume.write import export\n",
        "resume/write.py": "export = 1\n",
        "resume/shape.py": "def h():\n    from looped.embedded import g\n",
        "typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import looped.plain\n",
        "plain.py": "import looped.typed\n",
    }
    for name, text in files.items():
        (tmp_path / "looped" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "looped" / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("looped") == [
        ["looped.one", "looped.two"],
        ["looped.embedded", "looped.resume"],
    ]
