"""A DeprecationWarning our own code triggers fails the test; one from inside a dependency does not.

pyproject.toml's ``filterwarnings`` decides which module a warning is attributed to counts: the
module named in the warning (the caller's, for a library's ``stacklevel=2`` deprecation).
"""

from __future__ import annotations

import warnings

import pytest


def warn_from(module: str) -> None:
    warnings.warn_explicit("old API", DeprecationWarning, f"{module}.py", 1, module=module)


@pytest.mark.parametrize("module", ["mcptui", "mcptui.core.config", "mcptui.ui.app"])
def test_a_deprecation_in_our_code_is_an_error(module: str) -> None:
    with pytest.raises(DeprecationWarning, match="old API"):
        warn_from(module)


@pytest.mark.parametrize("module", ["textual.app", "mcp.client.client", "mcptui_plugin"])
def test_a_deprecation_inside_a_dependency_is_ignored(module: str) -> None:
    warn_from(module)
