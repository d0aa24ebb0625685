"""Demo server elicitation and sampling tools, in both eras (legacy: server requests; 2026: MRTR)."""

from __future__ import annotations

import pytest
from mcp import MCPError
from mcp.types import CreateMessageResult, ElicitResult, ErrorData, TextContent

from tests.demo.clients import open_client

ERAS = [("auto", "2026-07-28"), ("legacy", "2025-11-25")]


@pytest.fixture(params=["http", "stdio"])
def endpoint(request: pytest.FixtureRequest) -> tuple[str, object]:
    fixture = {"http": "demo_http_url", "stdio": "demo_stdio_command"}[request.param]
    return request.param, request.getfixturevalue(fixture)


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_elicitation_accept_reports_the_fields(endpoint, mode, version):
    transport, target = endpoint
    asked: list[dict] = []

    async def elicit(context, params):
        asked.append({"message": params.message, "schema": params.requested_schema})
        return ElicitResult(
            action="accept", content={"name": "Grace", "age": 85, "subscribe": False, "color": "red"}
        )

    async with open_client(transport, target, mode=mode, elicitation_callback=elicit) as client:
        assert client.protocol_version == version
        result = await client.call_tool("ask_user", {"question": "Who are you?"})
    assert not result.is_error, result.content
    assert result.content[0].text == "accepted: name=Grace age=85 subscribe=False color=red"
    assert asked[0]["message"] == "Who are you?"
    props = asked[0]["schema"]["properties"]
    assert props["name"]["default"] == "Ada" and props["age"]["type"] == "integer"
    assert props["subscribe"]["type"] == "boolean" and props["color"]["enum"] == ["red", "green", "blue"]


@pytest.mark.parametrize(("mode", "version"), ERAS)
@pytest.mark.parametrize("action", ["decline", "cancel"])
async def test_elicitation_decline_and_cancel_are_reported(demo_http_url, mode, version, action):
    async def elicit(context, params):
        return ElicitResult(action=action)

    async with open_client("http", demo_http_url, mode=mode, elicitation_callback=elicit) as client:
        result = await client.call_tool("ask_user", {})
    assert result.content[0].text == f"{action}: no data"


async def test_elicitation_without_client_support_is_an_error(demo_http_url):
    async with open_client("http", demo_http_url, mode="legacy") as client:
        with pytest.raises(MCPError, match="elicitation"):
            await client.call_tool("ask_user", {})


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_sampling_answer_is_reported(endpoint, mode, version):
    transport, target = endpoint
    requests = []

    async def sample(context, params):
        requests.append(params)
        return CreateMessageResult(
            role="assistant", content=TextContent(type="text", text="Green screens glow"), model="test-llm"
        )

    async with open_client(transport, target, mode=mode, sampling_callback=sample) as client:
        assert client.protocol_version == version
        result = await client.call_tool("ask_llm", {"prompt": "haiku please", "max_tokens": 50})
    assert result.content[0].text == "test-llm answered: Green screens glow"
    assert requests[0].max_tokens == 50 and requests[0].messages[0].content.text == "haiku please"


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_sampling_refusal_surfaces_as_an_error(demo_http_url, mode, version):
    async def refuse(context, params):
        return ErrorData(code=-1, message="User rejected sampling request")

    async with open_client("http", demo_http_url, mode=mode, sampling_callback=refuse) as client:
        with pytest.raises(MCPError, match="rejected"):
            await client.call_tool("ask_llm", {})
        assert (await client.call_tool("add", {"a": 1, "b": 1})).structured_content == {"result": 2}
