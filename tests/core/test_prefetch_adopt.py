"""A launch lists the catalog once: the live connection takes what this launch's prefetch child
listed (against the real demo, through a recording proxy), and lists for itself otherwise."""

from __future__ import annotations

import pytest

from mcptui.core.catalog import Catalog
from mcptui.core.prefetch import ChildPrefetch
from mcptui.core.server_config import ServerConfig
from tests.core.test_prefetch import FakeSource
from tests.core.test_session_manager import manager_for
from tests.recording_proxy import recording_proxy


def live(manager) -> Catalog | None:
    snapshot = manager.snapshot("demo")
    catalog = snapshot.catalog
    return catalog if snapshot.connected and catalog is not None and not catalog.prefetched else None


@pytest.mark.parametrize("era", ["demo_http_url", "demo_legacy_url"])
async def test_a_launch_with_a_prefetch_child_asks_for_each_list_once(request, era):
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        config = ServerConfig(name="demo", url=recorded.url)
        manager, listener, runner = manager_for(config)
        manager.use_prefetch("demo", ChildPrefetch(config))
        manager.connect("demo")  # at once: it waits for the child's catalog instead of listing
        await listener.until(lambda: live(manager) is not None)
        catalog = live(manager)
        assert catalog.tool("echo") is not None and not catalog.stale
        assert any(s.catalog is not None and s.catalog.prefetched for s in listener.snapshots())
        connection = manager.connection("demo")
        result = await connection.call_tool("get_forecast", {"city": "Oslo", "days": 1})
        assert result["structuredContent"]["city"] == "Oslo"  # its output schema was known
        manager.disconnect_all()
        await runner.wait()
        methods = recorded.methods()
    assert methods.count("tools/list") == 1, methods  # the child's; not the live one's, nor the call's
    assert methods.count("prompts/list") == 1 and methods.count("resources/list") == 1


def early_catalog(version: str | None, transport: str | None = "http") -> Catalog:
    tools = [{"name": "early", "inputSchema": {"type": "object"}}]
    return Catalog(tools=tools, protocol_version=version, transport=transport, prefetched=True)


class ChildLike(FakeSource):
    """A prefetch listed for this launch (as a child's is), handed over when the test says so."""

    listed_for_launch = True


async def live_once_ready(manager, listener, runner, source) -> Catalog:
    """Connect with ``source`` as the prefetch, hand its catalog over, and return the live one."""
    manager.use_prefetch("demo", source)
    manager.connect("demo")
    source.ready.set()
    await listener.until(lambda: live(manager) is not None)
    catalog = live(manager)
    manager.disconnect_all()
    await runner.wait()
    return catalog


@pytest.mark.parametrize(
    ("source_kind", "version", "taken"),
    [
        (ChildLike, "2026-07-28", True),  # a child of this launch, same era and transport: taken
        (ChildLike, "2025-11-25", False),  # listed in another era: the live connection lists
        (FakeSource, "2026-07-28", False),  # not listed for this launch (a warm agent's): listed
    ],
)
async def test_the_live_connection_takes_only_a_catalog_listed_for_it(
    demo_http_url, source_kind, version, taken
):
    with recording_proxy(demo_http_url) as recorded:
        config = ServerConfig(name="demo", url=recorded.url)
        manager, listener, runner = manager_for(config)
        catalog = await live_once_ready(
            manager, listener, runner, source_kind(config, early_catalog(version))
        )
        methods = recorded.methods()
    assert (catalog.tool("early") is not None) is taken
    assert (catalog.tool("echo") is not None) is not taken
    assert methods.count("tools/list") == (0 if taken else 1)
    if taken:  # under the live session's own header
        assert catalog.protocol_version == "2026-07-28" and catalog.server_info.get("name") == "mcptui-demo"


async def test_a_prefetch_that_brings_nothing_lets_the_live_connection_list(demo_http_url):
    with recording_proxy(demo_http_url) as recorded:
        config = ServerConfig(name="demo", url=recorded.url)
        manager, listener, runner = manager_for(config)
        catalog = await live_once_ready(
            manager, listener, runner, ChildLike(config, None)
        )  # the child failed
        assert catalog.tool("echo") is not None
        assert recorded.methods().count("tools/list") == 1


class SignedIn:
    """Credentials saved for every server (the live connection's requests would carry them)."""

    def status(self, config: ServerConfig) -> dict:
        return {"signedIn": True}

    def auth_factory(self, config: ServerConfig, sink) -> None:
        return None  # the demo needs none: only the saved state matters here


async def test_with_saved_credentials_the_live_connection_lists_for_itself(demo_http_url):
    with recording_proxy(demo_http_url) as recorded:
        config = ServerConfig(name="demo", url=recorded.url)
        manager, listener, runner = manager_for(config, credentials=SignedIn())
        source = ChildLike(config, early_catalog("2026-07-28"))  # listed without the credentials
        catalog = await live_once_ready(manager, listener, runner, source)
        assert recorded.methods().count("tools/list") == 1
    assert catalog.tool("echo") is not None and catalog.tool("early") is None
