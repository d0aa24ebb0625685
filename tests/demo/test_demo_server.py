"""The demo server, driven by the real SDK Client over streamable HTTP, SSE and stdio, in both protocol eras."""

from __future__ import annotations

import base64
import json

import pytest
from mcp import MCPError
from mcp.types import PromptReference, ResourceTemplateReference

from tests.demo.clients import list_all, open_client
from tests.servers import DEMO_MODULE, running_demo

MODERN = "2026-07-28"
LEGACY = "2025-11-25"

TOOL_NAMES = {
    "echo",
    "add",
    "describe_order",
    "get_forecast",
    "number_stats",
    "delete_everything",
    "show_image",
    "embedded_resource",
    "resource_link",
    "markdown_report",
    "fail",
    "slow_count",
    "emit_logs",
    "toggle_extra_tool",
    "touch_resource",
    "ask_user",
    "ask_llm",
    "write_stderr",
}
PROMPT_NAMES = ["review_code", "summarize", "conversation"]
RESOURCE_URIS = ["demo://readme", "demo://config.json", "demo://logo.png", "demo://status"]
TEMPLATES = ["greeting://{name}", "demo://items/{id}"]

ERAS = [("auto", MODERN), ("legacy", LEGACY)]


@pytest.fixture(params=["http", "sse", "stdio"])
def endpoint(request: pytest.FixtureRequest) -> tuple[str, object]:
    fixture = {"http": "demo_http_url", "sse": "demo_sse_url", "stdio": "demo_stdio_command"}[request.param]
    return request.param, request.getfixturevalue(fixture)


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_lists_everything_on_every_transport_and_era(endpoint, mode, version):
    transport, target = endpoint
    async with open_client(transport, target, mode=mode) as client:
        assert client.protocol_version == version
        assert "mcptui demo server" in (client.instructions or "")
        caps = client.server_capabilities
        assert caps.tools is not None and caps.tools.list_changed
        assert caps.resources is not None and caps.resources.subscribe
        assert caps.completions is not None
        tools, _ = await list_all(client, "tools")
        assert {tool.name for tool in tools} >= TOOL_NAMES
        prompts, _ = await list_all(client, "prompts")
        assert [p.name for p in prompts] == PROMPT_NAMES
        resources, _ = await list_all(client, "resources")
        assert [str(r.uri) for r in resources] == RESOURCE_URIS
        templates, _ = await list_all(client, "resource_templates")
        assert [t.uri_template for t in templates] == TEMPLATES
        result = await client.call_tool("echo", {"text": f"over {transport}"})
        assert result.content[0].text == f"over {transport}"


async def test_auto_mode_negotiates_2026_and_legacy_only_server_falls_back(demo_http_url, demo_legacy_url):
    async with open_client("http", demo_http_url, mode="auto") as client:
        assert client.protocol_version == MODERN
    async with open_client("http", demo_legacy_url, mode="auto") as client:
        assert client.protocol_version == LEGACY
        assert client.server_info is not None and client.server_info.name == "mcptui-demo"
        assert (await client.call_tool("add", {"a": 2, "b": 3})).structured_content == {"result": 5}
    async with open_client("http", demo_legacy_url, mode=MODERN) as client:
        with pytest.raises(MCPError):
            await client.list_tools()


@pytest.mark.parametrize("transport", ["sse", "stdio"])
async def test_legacy_only_mode_on_other_transports(transport, tmp_path):
    if transport == "stdio":
        async with open_client("stdio", [*DEMO_MODULE, "--legacy-only"], mode="auto") as client:
            assert client.protocol_version == LEGACY
            assert (await client.call_tool("add", {"a": 1, "b": 2})).structured_content == {"result": 3}
        return
    with running_demo("--legacy-only", transport="sse") as demo:
        async with open_client("sse", demo.url, mode="auto") as client:
            assert client.protocol_version == LEGACY
            assert (await client.call_tool("add", {"a": 1, "b": 2})).structured_content == {"result": 3}


async def test_rich_input_schema_covers_every_json_type(demo_http_url):
    async with open_client("http", demo_http_url) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    schema = tools["describe_order"].input_schema
    props = schema["properties"]
    assert set(schema["required"]) == {"customer_email", "quantity", "unit_price", "address", "items"}
    assert props["customer_email"] == {**props["customer_email"], "type": "string", "format": "email"}
    assert props["quantity"]["type"] == "integer" and props["quantity"]["maximum"] == 1000
    assert props["unit_price"]["type"] == "number"
    assert props["express"]["type"] == "boolean" and props["express"]["default"] is False
    assert props["size"]["enum"] == ["S", "M", "L", "XL"] and props["size"]["default"] == "M"
    assert props["tags"]["items"] == {"type": "string"}
    assert props["items"]["items"] == {"$ref": "#/$defs/LineItem"}
    assert schema["$defs"]["Address"]["properties"]["country"]["enum"][0] == "FR"
    assert {"type": "null"} in props["note"]["anyOf"]
    assert {"type": "integer", "minimum": 0, "maximum": 100} in props["coupon_percent"]["anyOf"]
    assert {"type": "array", "items": {"type": "string"}} in props["recipients"]["anyOf"]
    assert props["placeholder"]["type"] == "null"
    assert {"type": "string", "format": "date"} in props["delivery_date"]["anyOf"]
    assert all(props[name].get("description") for name in props)
    forecast = tools["get_forecast"]
    assert forecast.output_schema is not None and "temperatures" in forecast.output_schema["properties"]
    assert forecast.annotations.read_only_hint is True and forecast.annotations.title == "Weather forecast"
    delete = tools["delete_everything"]
    assert delete.annotations.destructive_hint is True and delete.title == "Delete everything (pretend)"


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_every_tool_result_kind(demo_http_url, mode, version):
    async with open_client("http", demo_http_url, mode=mode) as client:
        assert client.protocol_version == version
        added = await client.call_tool("add", {"a": 40, "b": 2})
        assert added.structured_content == {"result": 42} and added.content[0].text == "42"

        order = await client.call_tool(
            "describe_order",
            {
                "customer_email": "ada@example.com",
                "quantity": 2,
                "unit_price": 10,
                "address": {"street": "1 rue de la Paix", "city": "Paris"},
                "items": [{"sku": "tea", "quantity": 3}],
                "recipients": ["Ada", "Bob"],
                "coupon_percent": 50,
                "delivery_date": "2026-12-24",
            },
        )
        assert not order.is_error
        assert "= 10.00 EUR" in order.content[0].text and "for Ada, Bob" in order.content[0].text

        bad = await client.call_tool("describe_order", {"quantity": "many"})
        assert bad.is_error

        forecast = await client.call_tool("get_forecast", {"city": "Oslo", "days": 2, "unit": "fahrenheit"})
        assert forecast.structured_content["city"] == "Oslo"
        assert len(forecast.structured_content["temperatures"]) == 2
        assert json.loads(forecast.content[0].text) == forecast.structured_content

        stats = await client.call_tool("number_stats", {"numbers": [1, 2, 6]})
        assert stats.structured_content == {
            "count": 3,
            "total": 9.0,
            "mean": 3.0,
            "minimum": 1.0,
            "maximum": 6.0,
        }

        image = await client.call_tool("show_image", {"color": "red", "size": 4})
        assert image.content[0].type == "image" and image.content[0].mime_type == "image/png"
        assert base64.b64decode(image.content[0].data).startswith(b"\x89PNG\r\n\x1a\n")

        embedded = await client.call_tool("embedded_resource", {})
        block = embedded.content[0]
        assert block.type == "resource" and block.resource.uri == "demo://readme"
        assert block.resource.mime_type == "text/markdown"

        link = await client.call_tool("resource_link", {})
        assert [c.type for c in link.content] == ["text", "resource_link"]
        assert link.content[1].uri == "demo://logo.png" and link.content[1].mime_type == "image/png"

        report = await client.call_tool("markdown_report", {})
        assert report.content[0].text.startswith("# Quarterly report") and report.structured_content is None

        failed = await client.call_tool("fail", {"message": "boom"})
        assert failed.is_error and "boom" in failed.content[0].text


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_resources_prompts_and_completion(demo_http_url, mode, version):
    async with open_client("http", demo_http_url, mode=mode) as client:
        readme = (await client.read_resource("demo://readme")).contents[0]
        assert readme.mime_type == "text/markdown" and readme.text.startswith("# mcptui demo server")
        config = (await client.read_resource("demo://config.json")).contents[0]
        assert config.mime_type == "application/json" and json.loads(config.text)["name"] == "mcptui-demo"
        logo = (await client.read_resource("demo://logo.png")).contents[0]
        assert logo.mime_type == "image/png" and base64.b64decode(logo.blob).startswith(b"\x89PNG")
        assert (await client.read_resource("greeting://zoe")).contents[0].text == "Hello, zoe!"
        assert json.loads((await client.read_resource("demo://items/42")).contents[0].text)["name"] == "towel"
        with pytest.raises(MCPError, match="No item with id"):
            await client.read_resource("demo://items/999")

        review = await client.get_prompt("review_code", {"code": "print(1)"})
        assert "python code" in review.messages[0].content.text
        convo = await client.get_prompt("conversation", {"topic": "tea", "tone": "formal"})
        assert [m.role for m in convo.messages] == ["user", "assistant", "user", "user"]
        assert convo.messages[2].content.type == "resource"
        prompts = {p.name: p for p in (await client.list_prompts()).prompts}
        assert [(a.name, a.required) for a in prompts["summarize"].arguments] == [
            ("topic", True),
            ("style", False),
            ("max_words", False),
        ]

        language = await client.complete(
            PromptReference(type="ref/prompt", name="review_code"), {"name": "language", "value": "p"}
        )
        assert language.completion.values == ["python", "perl", "php"]
        names = await client.complete(
            ResourceTemplateReference(type="ref/resource", uri="greeting://{name}"),
            {"name": "name", "value": "al"},
        )
        assert names.completion.values == ["alice", "albert"]
        ids = await client.complete(
            ResourceTemplateReference(type="ref/resource", uri="demo://items/{id}"),
            {"name": "id", "value": "4"},
        )
        assert ids.completion.values == ["42"]


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_pagination_needs_several_pages(demo_paged_url, mode):
    async with open_client("http", demo_paged_url, mode=mode) as client:
        tools, tool_pages = await list_all(client, "tools")
        assert {t.name for t in tools} >= TOOL_NAMES and tool_pages == -(-len(tools) // 2)
        assert len({t.name for t in tools}) == len(tools)
        prompts, prompt_pages = await list_all(client, "prompts")
        assert [p.name for p in prompts] == PROMPT_NAMES and prompt_pages == 2
        resources, resource_pages = await list_all(client, "resources")
        assert [str(r.uri) for r in resources] == RESOURCE_URIS and resource_pages == 2
        templates, template_pages = await list_all(client, "resource_templates")
        assert len(templates) == 2 and template_pages == 1
        with pytest.raises(MCPError, match="Invalid cursor"):
            await client.list_tools(cursor="not-a-cursor")


async def test_unpaged_server_returns_one_page(demo_http_url):
    async with open_client("http", demo_http_url) as client:
        _, pages = await list_all(client, "tools")
    assert pages == 1


@pytest.mark.parametrize(("mode", "version"), ERAS)
async def test_stdio_stderr_is_captured(demo_stdio_command, tmp_path, mode, version):
    errlog = tmp_path / "stderr.log"
    async with open_client("stdio", demo_stdio_command, mode=mode, errlog=errlog) as client:
        assert client.protocol_version == version
        result = await client.call_tool("write_stderr", {"text": "canary-123"})
        assert not result.is_error
    text = errlog.read_text()
    assert "mcptui-demo: serving on stdio" in text
    assert "mcptui-demo stderr: canary-123" in text
