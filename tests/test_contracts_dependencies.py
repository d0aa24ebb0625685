"""The dependencies in pyproject.toml are exactly what mcptui imports.

Every ``import`` in mcptui/ (read with ``ast``, at any depth, plus ``importlib.import_module("…")``
with a literal name) is mapped to its distribution; each third-party one must be declared in
[project] dependencies or a runtime extra, and each declared one must be imported.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mcptui"

# Declared and not imported, on purpose. Each entry says why; remove it once it is imported.
DECLARED_BUT_UNUSED: dict[str, str] = {}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert found, requirement
    return normalized(found.group(1))


def declared() -> set[str]:
    """Distributions mcptui may import: [project] dependencies and the runtime extras (not ``test``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {requirement_name(r) for r in project["dependencies"]}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        if extra != "test":
            names |= {requirement_name(r) for r in requirements}
    return names


def imported_top_level_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value.split(".")[0])
    return names


def third_party_imports() -> dict[str, set[str]]:
    """Top-level third-party import name -> the files (relative to the repo) that import it."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in imported_top_level_names(path.read_text(encoding="utf-8")):
            if name in sys.stdlib_module_names or name in ("mcptui", "__future__"):
                continue
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def imported_distributions() -> dict[str, set[str]]:
    """Distribution (normalized) -> the import names that bring it in."""
    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for name in third_party_imports():
        for distribution in owners.get(name, []):
            found.setdefault(normalized(distribution), set()).add(name)
    return found


def test_the_import_scan_sees_imports_at_any_depth() -> None:
    source = (
        "import os, textual.app\n"
        "from . import sibling\n"
        "def f():\n"
        "    from jsonschema import validators\n"
        "    try:\n"
        "        import keyring\n"
        "    except ImportError:\n"
        "        pass\n"
        "    importlib.import_module('httpcore2')\n"
    )
    assert imported_top_level_names(source) == {"os", "textual", "jsonschema", "keyring", "httpcore2"}


def test_every_third_party_import_is_installed_from_a_known_distribution() -> None:
    owners = importlib.metadata.packages_distributions()
    unknown = {name: files for name, files in third_party_imports().items() if name not in owners}
    assert not unknown, f"imported, but no installed distribution provides it: {unknown}"


def test_every_third_party_import_is_declared() -> None:
    owners = importlib.metadata.packages_distributions()
    allowed = declared()
    undeclared = {
        name: sorted(files)
        for name, files in third_party_imports().items()
        if name in owners and not {normalized(d) for d in owners[name]} & allowed
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_every_declared_dependency_is_imported() -> None:
    unused = declared() - set(imported_distributions()) - set(DECLARED_BUT_UNUSED)
    assert not unused, f"declared in pyproject.toml but never imported by mcptui: {sorted(unused)}"


def test_the_declared_but_unused_list_is_current() -> None:
    imported = set(imported_distributions())
    stale = {name for name in DECLARED_BUT_UNUSED if name in imported}
    assert not stale, f"imported now: remove from DECLARED_BUT_UNUSED: {sorted(stale)}"
    assert set(DECLARED_BUT_UNUSED) <= declared(), "an allowlisted name is no longer declared"
