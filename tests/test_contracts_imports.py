"""The import contracts in pyproject.toml ([tool.importlinter]) hold: ``lint-imports`` passes.

core never imports ui, cli or textual; ui and cli never import each other (mcptui.__main__, which plugs the TUI into the CLI, is outside both).
A second run on a copy of the package with one forbidden import proves the gate can fail.
tests/core/test_import_hygiene.py checks the same for core and textual at run time (imports made
through importlib, which a static check cannot see).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("importlinter") is None, reason="import-linter is not installed"
)


def lint_imports(cwd: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_are_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("core/redact.py", "import textual", "core never imports Textual"),
        ("core/redact.py", "import mcptui.ui.safe_text", "core never imports ui or cli"),
        ("ui/safe_text.py", "import mcptui.cli", "ui and cli never import each other"),
        ("cli/render.py", "import mcptui.ui.safe_text", "ui and cli never import each other"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "mcptui", tmp_path / "mcptui", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "mcptui" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = lint_imports(tmp_path, pythonpath=tmp_path)
    assert done.returncode != 0, done.stdout
    broken = [row for row in done.stdout.splitlines() if row.endswith("BROKEN") or " BROKEN (" in row]
    assert any(row.startswith(contract) for row in broken), done.stdout
