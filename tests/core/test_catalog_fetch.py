"""fetch_catalog asks for the lists at once, and a failing list surfaces as its own error."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from mcptui.core.catalog_fetch import fetch_catalog


class FakeDispatcher:
    """Answers the raw list requests; the tools list waits until the prompts list was asked for."""

    def __init__(self, prompts_error: Exception | None) -> None:
        self.prompts_asked = asyncio.Event()
        self.prompts_error = prompts_error

    async def send_raw_request(self, method: str, params: Any, opts: dict[str, Any]) -> dict[str, Any]:
        if method == "tools/list":
            await self.prompts_asked.wait()  # answered only if the prompts were asked meanwhile
            return {"tools": [{"name": "t", "inputSchema": {"type": "object"}}]}
        if method == "prompts/list":
            self.prompts_asked.set()
            if self.prompts_error is not None:
                raise self.prompts_error
            return {"prompts": [{"name": "p"}]}
        if method == "resources/list":
            return {"resources": [{"uri": "demo://r", "name": "r"}]}
        return {"resourceTemplates": []}


class FakeSession:
    def __init__(self, prompts_error: Exception | None) -> None:
        self._dispatcher = FakeDispatcher(prompts_error)

    def _stamp(self, data: dict[str, Any], opts: dict[str, Any]) -> None:
        pass

    def _absorb_tool_listing(self, page: Any, complete: bool) -> Any:
        return page


class FakeClient:
    """Just enough of the SDK ``Client`` for fetch_catalog (its session's raw requests)."""

    def __init__(self, *, prompts_error: Exception | None = None) -> None:
        caps = SimpleNamespace(tools={}, prompts={}, resources={})
        caps.model_dump = lambda **_: {"tools": {}, "prompts": {}, "resources": {}}
        self.server_capabilities = caps
        self.server_info = None
        self.instructions = None
        self.protocol_version = "2025-11-25"
        self.read_timeout_seconds = None
        self.session = FakeSession(prompts_error)


async def test_the_lists_are_asked_for_at_once() -> None:
    catalog = await asyncio.wait_for(fetch_catalog(FakeClient(), "http"), timeout=10)
    assert [t["name"] for t in catalog.tools] == ["t"]
    assert [p["name"] for p in catalog.prompts] == ["p"]
    assert [r["uri"] for r in catalog.resources] == ["demo://r"]
    assert catalog.resource_templates == []


async def test_a_failing_list_raises_its_own_error_not_a_group() -> None:
    with pytest.raises(LookupError, match="prompts are broken"):
        await asyncio.wait_for(
            fetch_catalog(FakeClient(prompts_error=LookupError("prompts are broken")), "http"), 10
        )
