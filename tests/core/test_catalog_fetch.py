"""fetch_catalog asks for the lists at once, and a failing list surfaces as its own error."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from mcptui.core.catalog_fetch import fetch_catalog


class Item:
    def __init__(self, **wire: Any) -> None:
        self.wire = wire

    def model_dump(self, **_: Any) -> dict[str, Any]:
        return dict(self.wire)


class FakeClient:
    """Just enough of the SDK ``Client`` for fetch_catalog; the tools list waits for the prompts list."""

    def __init__(self, *, prompts_error: Exception | None = None) -> None:
        caps = SimpleNamespace(tools={}, prompts={}, resources={})
        caps.model_dump = lambda **_: {"tools": {}, "prompts": {}, "resources": {}}
        self.server_capabilities = caps
        self.server_info = None
        self.instructions = None
        self.protocol_version = "2026-07-28"
        self.prompts_asked = asyncio.Event()
        self.prompts_error = prompts_error

    async def list_tools(self, cursor: str | None, cache_mode: str) -> Any:
        await self.prompts_asked.wait()  # answered only if the prompts were asked meanwhile
        return SimpleNamespace(tools=[Item(name="t")], next_cursor=None)

    async def list_prompts(self, cursor: str | None, cache_mode: str) -> Any:
        self.prompts_asked.set()
        if self.prompts_error is not None:
            raise self.prompts_error
        return SimpleNamespace(prompts=[Item(name="p")], next_cursor=None)

    async def list_resources(self, cursor: str | None, cache_mode: str) -> Any:
        return SimpleNamespace(resources=[Item(uri="demo://r")], next_cursor=None)

    async def list_resource_templates(self, cursor: str | None, cache_mode: str) -> Any:
        return SimpleNamespace(resource_templates=[], next_cursor=None)


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
