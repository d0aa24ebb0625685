"""list / call / read / prompt against the real demo server (streamable HTTP, legacy SSE, stdio)."""

from __future__ import annotations

import base64
import json

import pytest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- list
def test_list_human_output_is_compact_and_complete(run_cli, demo_http_url):
    run = run_cli("list", demo_http_url)
    assert run.code == 0, run.err
    out = run.out
    assert out.splitlines()[0] == f"{demo_http_url} — mcptui-demo 0.1.0"
    assert "protocol 2026-07-28 · transport http" in out
    assert "  add(a: int*, b: int*)" in out
    assert "Add two integers" in out
    assert "show_image(color: red|green|blue|yellow, size: int)" in out
    assert "describe_order(customer_email: str*" in out and "address: obj*" in out
    assert "summarize(topic*, style, max_words)" in out
    assert "demo://readme" in out and "greeting://{name}" in out
    wire = json.loads(run_cli("list", demo_http_url, "--json").out)
    counts = {k: len(wire[k]) for k in ("tools", "prompts", "resources", "resourceTemplates")}
    assert counts["tools"] >= 18 and counts["prompts"] >= 3
    assert f"Tools ({counts['tools']})" in out and f"Prompts ({counts['prompts']})" in out
    assert f"Resources ({counts['resources']})" in out
    assert f"Resource templates ({counts['resourceTemplates']})" in out
    assert (
        f"{counts['tools']} tools, {counts['prompts']} prompts, {counts['resources']} resources, "
        f"{counts['resourceTemplates']} templates"
    ) in out
    # the instructions were cut to one line, so the footer says so and how to get everything
    assert "shortened to the first line; --json shows everything" in out
    assert run.err == ""


def test_list_json_uses_wire_names(run_cli, demo_http_url):
    run = run_cli("list", demo_http_url, "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert set(data) >= {
        "serverInfo",
        "protocolVersion",
        "capabilities",
        "tools",
        "prompts",
        "resources",
        "resourceTemplates",
    }
    add = next(t for t in data["tools"] if t["name"] == "add")
    assert add["inputSchema"]["required"] == ["a", "b"]
    assert any("outputSchema" in t for t in data["tools"])
    assert all("uriTemplate" in t for t in data["resourceTemplates"])
    assert "input_schema" not in run.out


def test_list_legacy_sse_and_legacy_era(run_cli, demo_sse_url, demo_legacy_url):
    run = run_cli("list", demo_sse_url, "--transport", "sse")
    assert run.code == 0, run.err
    assert "· transport sse" in run.out and "protocol 20" in run.out
    run = run_cli("list", demo_legacy_url)
    assert run.code == 0, run.err
    assert "protocol 2025-11-25 · transport http" in run.out


def test_list_paginates_to_the_end(run_cli, demo_paged_url, demo_http_url):
    run = run_cli("list", demo_paged_url, "--json")
    assert run.code == 0, run.err
    paged = json.loads(run.out)
    whole = json.loads(run_cli("list", demo_http_url, "--json").out)
    for key in ("tools", "prompts", "resources", "resourceTemplates"):
        assert [x.get("name") for x in paged[key]] == [x.get("name") for x in whole[key]]
    assert len(paged["tools"]) > 2  # the paged server sends 2 per page


def test_list_over_stdio_after_double_dash(run_cli, demo_stdio_command):
    run = run_cli("list", "--", *demo_stdio_command)
    assert run.code == 0, run.err
    assert "transport stdio" in run.out and "add(a: int*, b: int*)" in run.out
    # the child's stderr never reaches the terminal without -v
    assert "serving on stdio" not in run.err


def test_list_by_config_name(run_cli, demo_http_url, isolated_mcptui_home):
    servers = isolated_mcptui_home / "config" / "servers.json"
    servers.parent.mkdir(parents=True)
    servers.write_text(json.dumps({"mcpServers": {"demo": {"type": "http", "url": demo_http_url}}}))
    run = run_cli("list", "demo")
    assert run.code == 0, run.err
    assert run.out.startswith("demo — mcptui-demo")


# ---------------------------------------------------------------- call
def test_call_coerces_key_values_by_schema(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "add", "a=2", "b=40")
    assert run.code == 0, run.err
    assert run.out.strip() == "42"
    run = run_cli("call", demo_http_url, "number_stats", "numbers=[1, 2, 3.5]", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["structuredContent"]["count"] == 3


def test_call_args_json_and_pairs_override(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "add", "--args", '{"a": 1, "b": 1}', "b=9", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["structuredContent"] == {"result": 10}


def test_call_json_shape_uses_wire_names(run_cli, demo_http_url):
    run = run_cli("--json", "call", demo_http_url, "get_forecast", "city=Paris", "days=2")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["isError"] is False
    assert result["structuredContent"]["city"] == "Paris"
    assert len(result["structuredContent"]["temperatures"]) == 2
    assert "structured_content" not in run.out and "is_error" not in run.out


def test_call_structured_output_human(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "get_forecast", "city=Oslo", "unit=fahrenheit")
    assert run.code == 0, run.err
    assert "structuredContent:" in run.out and '"city": "Oslo"' in run.out


def test_call_image_summary_and_save_dir(run_cli, demo_http_url, tmp_path):
    run = run_cli("call", demo_http_url, "show_image", "color=red")
    assert run.code == 0, run.err
    assert run.out.startswith("[image image/png, ") and " B]" in run.out
    run = run_cli("call", demo_http_url, "show_image", "--save-dir", str(tmp_path / "imgs"))
    assert run.code == 0, run.err
    saved = tmp_path / "imgs" / "show_image-1.png"
    assert f"saved to {saved}" in run.out
    assert saved.read_bytes().startswith(PNG_MAGIC)


def test_call_links_and_embedded_resources(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "resource_link")
    assert run.code == 0 and "[resource link] demo://logo.png logo (image/png)" in run.out
    run = run_cli("call", demo_http_url, "embedded_resource")
    assert run.code == 0 and "[resource demo://readme (text/markdown)]" in run.out
    assert "# mcptui demo server" in run.out


def test_call_is_error_exits_5(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "fail", "message=on purpose")
    assert run.code == 5
    assert "on purpose" in run.out
    assert run.err.strip() == "error: tool 'fail' returned an error (isError: true)"
    run = run_cli("call", demo_http_url, "fail", "--json")
    assert run.code == 5
    assert json.loads(run.out)["isError"] is True
    assert json.loads(run.err)["error"]["exitCode"] == 5


def test_call_unknown_tool_suggests_close_matches(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "ad", "a=1")
    assert run.code == 1
    assert run.err.splitlines()[0] == f"error: no tool named 'ad' on {demo_http_url}"
    assert "did you mean add" in run.err and f"mcptui list {demo_http_url}" in run.err


def test_call_bad_values_are_usage_errors(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "add", "a=one", "b=2")
    assert run.code == 1 and "a: expected an integer" in run.err
    run = run_cli("call", demo_http_url, "add", "a=1")
    assert run.code == 1 and "b: required" in run.err
    run = run_cli("call", demo_http_url, "show_image", "color=purple")
    assert run.code == 1 and "color" in run.err
    run = run_cli("call", demo_http_url, "add", "--args", "[1, 2]")
    assert run.code == 1 and "--args" in run.err
    assert "Traceback" not in run.err


def test_call_over_stdio_with_tool_before_double_dash(run_cli, demo_stdio_command):
    run = run_cli("call", "add", "a=1", "b=2", "--", *demo_stdio_command)
    assert run.code == 0, run.err
    assert run.out.strip() == "3"
    run = run_cli("call", "nope", "--", *demo_stdio_command)
    assert run.code == 1 and "mcptui list -- " in run.err


def test_call_over_legacy_sse(run_cli, demo_sse_url):
    run = run_cli("call", demo_sse_url, "echo", "text=hi there")
    assert run.code == 0, run.err
    assert run.out.strip() == "hi there"


def test_call_progress_tool_completes(run_cli, demo_http_url):
    run = run_cli("-v", "call", demo_http_url, "slow_count", "steps=3", "delay=0")
    assert run.code == 0, run.err
    assert "Counted to 3" in run.out
    assert "· progress 1/3" in run.err


# ---------------------------------------------------------------- server requests
@pytest.mark.parametrize("era_url", ["demo_http_url", "demo_legacy_url"])
def test_elicitation_declined_without_tty_and_accepted_with_defaults(run_cli, era_url, request):
    url = request.getfixturevalue(era_url)
    run = run_cli("call", url, "ask_user")
    assert run.code == 0, run.err
    assert "decline" in run.out
    assert "declined because stdin is not a terminal" in run.err and "--accept-defaults" in run.err
    run = run_cli("call", url, "ask_user", "--accept-defaults")
    assert run.code == 0, run.err
    assert "accepted: name=Ada age=36 subscribe=True color=blue" in run.out
    assert "with the defaults" in run.err


def test_sampling_is_declined_with_a_note(run_cli, demo_legacy_url):
    run = run_cli("call", demo_legacy_url, "ask_llm", "prompt=hi")
    assert run.code != 0
    assert "sampling/createMessage" in run.err and "declined" in run.err
    assert "Traceback" not in run.err


# ---------------------------------------------------------------- read / prompt
def test_read_text_and_json(run_cli, demo_http_url):
    run = run_cli("read", demo_http_url, "demo://readme")
    assert run.code == 0, run.err
    assert run.out.startswith("# mcptui demo server")
    run = run_cli("read", demo_http_url, "demo://config.json", "--json")
    assert run.code == 0, run.err
    contents = json.loads(run.out)["contents"]
    assert contents[0]["mimeType"] == "application/json"
    assert json.loads(contents[0]["text"])["name"] == "mcptui-demo"


def test_read_binary_summary_and_save(run_cli, demo_http_url, tmp_path):
    run = run_cli("read", demo_http_url, "demo://logo.png", "--save-dir", str(tmp_path))
    assert run.code == 0, run.err
    assert run.out.startswith("[blob image/png, ") and "demo://logo.png" in run.out
    assert (tmp_path / "logo.png-1.png").read_bytes().startswith(PNG_MAGIC)
    run = run_cli("read", demo_http_url, "demo://logo.png", "--json")
    blob = json.loads(run.out)["contents"][0]["blob"]
    assert base64.b64decode(blob).startswith(PNG_MAGIC)


def test_read_template_instance_and_unknown_uri(run_cli, demo_http_url):
    run = run_cli("read", demo_http_url, "greeting://Ada")
    assert run.code == 0, run.err
    assert "Ada" in run.out
    run = run_cli("read", demo_http_url, "demo://nope")
    assert run.code == 1
    assert len(run.err.strip().splitlines()) <= 2 and "Traceback" not in run.err


def test_prompt_with_arguments(run_cli, demo_http_url):
    run = run_cli("prompt", demo_http_url, "summarize", "topic=cats", "max_words=50")
    assert run.code == 0, run.err
    assert "[user] Summarise cats" in run.out and "50 words" in run.out
    run = run_cli("prompt", demo_http_url, "conversation", "topic=tea", "--json")
    assert run.code == 0, run.err
    messages = json.loads(run.out)["messages"]
    assert [m["role"] for m in messages][:2] == ["user", "assistant"]


def test_prompt_argument_errors(run_cli, demo_http_url):
    run = run_cli("prompt", demo_http_url, "summarize")
    assert run.code == 1 and "needs topic" in run.err
    run = run_cli("prompt", demo_http_url, "summarize", "topic=x", "colour=red")
    assert run.code == 1 and "no argument 'colour'" in run.err
    run = run_cli("prompt", demo_http_url, "sumarize", "topic=x")
    assert run.code == 1 and "did you mean summarize" in run.err
