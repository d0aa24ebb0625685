"""The command line's modules depend one way, and never on the TUI.

Reads every import in ``mcptui/cli/*.py`` with :mod:`ast`, those inside functions included
(a lazy import is still a dependency), and checks the graph between the package's modules
has no cycle and that nothing in it imports :mod:`mcptui.ui` or textual.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mcptui.cli

CLI_DIR = Path(mcptui.cli.__file__).parent


def imported_names(path: Path, package: str, modules: set[str] = frozenset()) -> set[str]:
    """Every module ``path`` imports; ``from P import name`` is ``P.name`` when that is in ``modules``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names.add(full if full in modules else base)
                names.add(full)  # for the checks on names outside the package (mcptui.ui.app)
    return names


def import_graph(folder: Path, package: str) -> dict[str, set[str]]:
    """module → the modules of the same package it imports."""
    modules = {
        (package if path.stem == "__init__" else f"{package}.{path.stem}"): path
        for path in sorted(folder.glob("*.py"))
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = imported_names(path, package, set(modules))
        graph[name] = {other for other in found if other in modules and other != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, a]``), or None when the graph is acyclic."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cli_modules_import_each_other_one_way_only():
    graph = import_graph(CLI_DIR, "mcptui.cli")
    assert {"mcptui.cli.main", "mcptui.cli.parser", "mcptui.cli.context"} <= set(graph)
    assert "mcptui.cli.context" in graph["mcptui.cli.commands_server"]  # the graph sees real edges
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cli_never_imports_the_tui():
    for path in sorted(CLI_DIR.glob("*.py")):
        for name in imported_names(path, "mcptui.cli"):
            assert not (name == "mcptui.ui" or name.startswith(("mcptui.ui.", "textual"))), (
                f"{path.name}: {name}"
            )


def test_a_cycle_through_a_lazy_import_is_found(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("from pkg import b\n")
    (tmp_path / "b.py").write_text("def later():\n    from pkg.c import x\n")
    (tmp_path / "c.py").write_text("from . import a\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph == {"pkg": set(), "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"}}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]
    (tmp_path / "c.py").write_text("x = 1\n")
    assert find_cycle(import_graph(tmp_path, "pkg")) is None
