"""A big catalog costs little: the cache is written once per catalog, shallow, and reads back
equal; wire events keep a bounded part of a long list (redacted), not a copy of the catalog."""

from __future__ import annotations

import json

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.connection import ServerConnection
from mcptui.core.events import EventRecorder, RpcMessage
from mcptui.core.server_config import ServerConfig
from mcptui.core.wire_tap import LIST_KEEP, MessageTap


def big_catalog(count: int = 50_000) -> Catalog:
    tools = [{"name": f"bulk_{i:05d}", "inputSchema": {"type": "object"}} for i in range(count)]
    return Catalog(tools=tools, server_info={"name": "big", "version": "1"})


async def test_cache_written_once_per_catalog_and_read_back_equal(demo_http_url, tmp_path):
    cache = CatalogCache(tmp_path / "cache")
    config = ServerConfig(name="demo", url=demo_http_url)
    async with ServerConnection(config, cache=cache) as conn:
        cache.flush()
        assert cache.writes == 1
        first = conn.catalog
        loaded = cache.load(config.cache_slug)
        assert loaded is not None and loaded.stale
        assert {**loaded.to_dict(), "stale": False} == first.to_dict()
        await conn.resync()
        cache.flush()
        assert cache.writes == 2  # one more catalog, one more write


def test_cache_save_is_shallow_and_round_trips_a_big_catalog(tmp_path):
    catalog = big_catalog()
    assert catalog.to_dict()["tools"] is catalog.tools  # no deep copy of 50,000 dicts
    cache = CatalogCache(tmp_path)
    cache.save_soon("big", catalog)
    loaded = cache.load("big")  # waits for the background write
    assert cache.writes == 1
    assert loaded is not None and loaded.tools == catalog.tools and loaded.server_info == catalog.server_info
    data = json.loads((tmp_path / "big.catalog.json").read_text())
    assert data["format"] == 1 and len(data["catalog"]["tools"]) == 50_000


def test_a_newer_catalog_supersedes_one_not_yet_written(tmp_path):
    cache = CatalogCache(tmp_path)
    with cache._lock:  # the writer is busy: both saves queue behind it
        cache.save_soon("s", big_catalog(3))
        cache.save_soon("s", big_catalog(5))
    cache.flush()
    assert cache.writes == 1
    loaded = cache.load("s")
    assert loaded is not None and len(loaded.tools) == 5


class _Response:
    """Stands in for the SDK's JSONRPCResponse model (only its fields are read)."""

    jsonrpc = "2.0"

    def __init__(self, rid: int, result: dict) -> None:
        self.id = rid
        self.result = result


_Response.__name__ = "JSONRPCResponse"


def test_a_long_list_in_a_wire_event_is_cut_and_what_is_kept_is_redacted():
    recorder = EventRecorder()
    tap = MessageTap(recorder, "big")
    tools = big_catalog().tools
    tools[0] = {**tools[0], "description": "use Authorization: Bearer abcdefghijklmnop1234"}
    tap.observe("in", _Response(7, {"tools": tools, "nextCursor": "c2"}))
    (event,) = recorder.of(RpcMessage)
    kept = event.payload["result"]["tools"]
    assert len(kept) == LIST_KEEP + 1 and kept[-1].startswith(f"… {50_000 - LIST_KEEP:,} more item(s)")
    assert "abcdefghijklmnop1234" not in kept[0]["description"]
    assert event.payload["result"]["nextCursor"] == "c2" and event.payload["id"] == 7
    assert len(tools) == 50_000 and "abcdefghijklmnop1234" in tools[0]["description"]  # not mutated


def test_a_short_result_is_kept_whole():
    recorder = EventRecorder()
    MessageTap(recorder, "s").observe("in", _Response(1, {"tools": big_catalog(3).tools}))
    assert recorder.of(RpcMessage)[0].payload["result"]["tools"] == big_catalog(3).tools


def test_a_long_catalog_is_cached_a_slice_at_a_time_with_the_same_text(monkeypatch):
    """The cache's encoding of 50,000 tools: json.dumps's very text, from one C call per slice
    (the event loop gets the GIL between two), not one call for the whole catalog."""
    import json

    from mcptui.core import catalog as catalog_module

    tools = [
        {"name": f"t{i}", "description": 'q"\u00e9', "inputSchema": {"type": "object"}} for i in range(50_000)
    ]
    data = {
        "format": 1,
        "catalog": {"tools": tools, "prompts": [{"name": "p"}], "server_info": {"name": "s"}},
    }
    whole = json.dumps(data)
    sizes: list[int] = []
    dumps = json.dumps

    def counting(value, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        sizes.append(len(value) if isinstance(value, list) else -1)
        return dumps(value, *args, **kwargs)

    monkeypatch.setattr(catalog_module.json, "dumps", counting)
    text = catalog_module.encode_in_slices(data)
    monkeypatch.undo()
    assert text == whole
    assert max(sizes) <= catalog_module.SLICE
    assert sizes.count(catalog_module.SLICE) == 50_000 // catalog_module.SLICE
