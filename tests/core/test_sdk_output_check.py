"""The SDK's output-schema check: passed without jsonschema when the result plainly fits, and the
SDK's own check, with its own errors, in every other case."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

ECHO_OUT = {
    "properties": {"result": {"title": "Result", "type": "string"}},
    "required": ["result"],
    "type": "object",
}


def _session(schemas: dict[str, Any]) -> Any:
    from mcp.client.session import ClientSession

    from mcptui.core import sdk_output_check

    sdk_output_check.install()
    session: Any = object.__new__(ClientSession)  # the check reads these two caches only
    session._tool_output_schemas = dict(schemas)
    session._tool_output_validators = {}
    return session


def _result(structured: Any) -> Any:
    import mcp_types

    if structured is None:  # left out, not sent as null
        return mcp_types.CallToolResult(content=[])
    return mcp_types.CallToolResult(content=[], structured_content=structured)


async def test_a_plain_fit_passes_without_compiling_a_validator() -> None:
    session = _session({"echo": ECHO_OUT})
    await session.validate_tool_result("echo", _result({"result": "hi"}))
    assert session._tool_output_validators == {}  # the SDK's own path would have compiled one


@pytest.mark.parametrize(
    ("schema", "structured", "message"),
    [
        (ECHO_OUT, {"result": 1}, "Invalid structured content"),
        (ECHO_OUT, {}, "Invalid structured content"),
        ({**ECHO_OUT, "properties": {"result": {"type": "strin"}}}, {}, "Invalid schema"),
        ({"type": "object", "required": ["a", "a"]}, {"a": 1}, "Invalid schema"),
        ({"type": "object", "properties": {"a": {"type": "string", "minLength": 3}}}, {"a": "x"}, "Invalid"),
    ],
)
async def test_anything_else_gets_the_sdks_own_check(schema: Any, structured: Any, message: str) -> None:
    session = _session({"t": schema})
    with pytest.raises(RuntimeError, match=message):
        await session.validate_tool_result("t", _result(structured))


async def test_missing_structured_content_is_still_refused() -> None:
    session = _session({"echo": ECHO_OUT})
    with pytest.raises(RuntimeError, match="did not return structured content"):
        await session.validate_tool_result("echo", _result(None))


async def test_a_schema_not_understood_is_validated_by_the_sdk() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/x"}},
        "$defs": {"x": {"type": "string"}},
    }
    session = _session({"t": schema})
    await session.validate_tool_result("t", _result({"a": "fine"}))
    assert "t" in session._tool_output_validators  # the SDK compiled and ran its validator
    with pytest.raises(RuntimeError, match="Invalid structured content"):
        await session.validate_tool_result("t", _result({"a": 3}))


PROBE = """
import asyncio, sys
import mcp_types
from mcp.client.session import ClientSession
from mcptui.core import sdk_output_check
sdk_output_check.install()
session = object.__new__(ClientSession)
session._tool_output_schemas = {"echo": %r}
session._tool_output_validators = {}
asyncio.run(session.validate_tool_result("echo", mcp_types.CallToolResult(content=[], structured_content={"result": "hi"})))
print("jsonschema" in sys.modules, "referencing" in sys.modules)
"""


def test_a_plain_fit_never_imports_jsonschema() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (ECHO_OUT,)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
