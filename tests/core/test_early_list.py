"""The prefetch child's early tools/list: exactly the request the SDK would send, sent before the
SDK is imported and taken in place of the SDK's own (against the real demo, both eras)."""

from __future__ import annotations

import json

import pytest

from mcptui.core import early_list
from mcptui.core.connection import ServerConnection
from mcptui.core.prefetch import ChildPrefetch, ForkPrefetch
from mcptui.core.server_config import ServerConfig
from tests.recording_proxy import recording_proxy


async def test_the_early_request_is_the_one_the_sdk_stamps_for_the_child(demo_http_url):
    import mcp.types as types

    # the child's connection (mcptui.core.prefetch._fetch)
    connection = ServerConnection(ServerConfig(name="demo", url=demo_http_url), one_shot=True, log_level=None)
    await connection.connect(lists=False)
    try:
        request = types.ListToolsRequest(params=types.PaginatedRequestParams(cursor=None))
        data = request.model_dump(by_alias=True, mode="json", exclude_none=True)
        opts: dict = {}
        connection._require().session._stamp(data, opts)
    finally:
        await connection.disconnect()
    assert data["params"] == early_list._params()
    assert {key: opts["headers"][key] for key in early_list.ROUTING} == early_list.ROUTING


@pytest.mark.parametrize("kind", [ChildPrefetch, ForkPrefetch])
async def test_a_child_sends_tools_list_before_its_handshake_and_once(demo_http_url, kind):
    with recording_proxy(demo_http_url) as recorded:
        catalog = await kind(ServerConfig(name="demo", url=recorded.url)).catalog()
        methods = recorded.methods()
    assert catalog is not None and catalog.tool("echo") is not None and not catalog.invalid
    assert methods[0] == "tools/list" and methods.count("tools/list") == 1, methods  # then discover
    assert catalog.tool("get_forecast")["outputSchema"]  # the whole item, checked as a page


async def test_a_legacy_server_refuses_it_and_the_child_lists_as_before(demo_legacy_url):
    with recording_proxy(demo_legacy_url) as recorded:
        catalog = await ChildPrefetch(ServerConfig(name="demo", url=recorded.url)).catalog()
        methods = recorded.methods()
    assert catalog is not None and catalog.tool("echo") is not None
    assert catalog.protocol_version == "2025-11-25"
    assert methods[0] == "tools/list" and methods.count("tools/list") == 2  # refused, then the SDK's own
    assert "tools/list" in methods[methods.index("initialize") :]


def test_only_what_cannot_differ_from_the_sdks_request_is_sent_early(monkeypatch):
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    base = {"url": "http://127.0.0.1:9/mcp", "transport": "auto", "protocol": "auto"}
    assert early_list.eligible(base)
    assert early_list.eligible({**base, "transport": "http", "protocol": "2026-07-28"})
    assert not early_list.eligible({**base, "url": "https://example.test/mcp"})
    assert not early_list.eligible({**base, "transport": "sse"})
    assert not early_list.eligible({**base, "protocol": "legacy"})
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:3128")
    assert not early_list.eligible(base)


def test_the_answer_is_read_from_json_or_server_sent_events():
    def reply(result, ident=early_list.EARLY_ID):
        return json.dumps({"jsonrpc": "2.0", "id": ident, "result": result}).encode()

    tools = {"tools": [{"name": "a"}]}
    assert early_list.answer(reply(tools), False) == tools
    stream = b"id: 1\r\ndata: \r\n\r\nevent: message\r\ndata: " + reply(tools) + b"\r\n\r\n"
    assert early_list.answer(stream, True) == tools  # a priming event first, CRLF line ends
    assert early_list.answer(reply(tools, ident=7), False) is None  # not our request's answer
    error = json.dumps({"jsonrpc": "2.0", "id": early_list.EARLY_ID, "error": {"code": -1, "message": "no"}})
    assert early_list.answer(error.encode(), False) is None
    assert early_list.answer(b"data: {not json\n\n", True) is None
