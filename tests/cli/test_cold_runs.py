"""One-shot (cold) runs ask the server only what the command needs, and leave promptly.

Requests are recorded by a proxy in front of the real demo server (tests/recording_proxy.py),
in both protocol eras: ``demo_http_url`` negotiates 2026-07-28, ``demo_legacy_url`` speaks
only 2025-11-25 (initialize handshake).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from typing import Any

import pytest

from mcptui.cli import parser
from tests.recording_proxy import recording_proxy
from tests.tiny_stdio import answer_loop

ERAS = ["demo_http_url", "demo_legacy_url"]


def _client_capabilities(requests: list[tuple[str, str | None, Any]]) -> list[dict[str, Any]]:
    """Every capabilities object the client sent: initialize params, or 2026-07-28 request _meta."""
    found = []
    for _verb, _method, body in requests:
        params = body.get("params") or {} if isinstance(body, dict) else {}
        if "capabilities" in params:
            found.append(params["capabilities"])
        meta = params.get("_meta") or {}
        if "io.modelcontextprotocol/clientCapabilities" in meta:
            found.append(meta["io.modelcontextprotocol/clientCapabilities"])
    return found


@pytest.mark.parametrize("era", ERAS)
def test_one_shot_list_opens_no_standing_stream(run_cli, request, era) -> None:
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        run = run_cli("list", recorded.url, "--json")
    assert run.code == 0, run.err
    assert "tools/list" in recorded.methods()
    assert "GET" not in recorded.verbs(), recorded.verbs()  # 2025-11-25: the SDK's GET stream
    assert "subscriptions/listen" not in recorded.methods()  # 2026-07-28: the listen stream


@pytest.mark.parametrize("era", ERAS)
def test_call_lists_only_tools_and_nothing_once_the_tool_is_cached(run_cli, request, era) -> None:
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        run = run_cli("call", recorded.url, "echo", "text=hi")
        assert run.code == 0, run.err
        assert run.out.strip() == "hi"
        first = recorded.methods()
        assert first.count("tools/list") == 1 and "tools/call" in first
        assert LISTS & set(first) == {"tools/list"}
        assert run_cli("list", recorded.url).code == 0  # caches the catalog
        recorded.requests.clear()
        run = run_cli("call", recorded.url, "echo", "text=again")
    assert run.code == 0, run.err
    assert run.out.strip() == "again"
    assert "tools/call" in recorded.methods()
    assert "tools/list" not in recorded.methods(), recorded.methods()  # nor by the SDK's output check


LISTS = {"tools/list", "prompts/list", "resources/list", "resources/templates/list"}


@pytest.mark.parametrize("era", ERAS)
def test_read_lists_nothing_and_prompt_only_prompts(run_cli, request, era) -> None:
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        run = run_cli("read", recorded.url, "demo://readme")
        assert run.code == 0, run.err
        assert "resources/read" in recorded.methods()
        assert not LISTS & set(recorded.methods()), recorded.methods()
        recorded.requests.clear()
        run = run_cli("prompt", recorded.url, "summarize", "topic=cats")
    assert run.code == 0, run.err
    assert "prompts/get" in recorded.methods()
    assert LISTS & set(recorded.methods()) == {"prompts/list"}


@pytest.mark.parametrize("era", ERAS)
def test_roots_are_offered_only_when_given(run_cli, request, era, tmp_path) -> None:
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        assert run_cli("call", recorded.url, "echo", "text=hi").code == 0
        without = _client_capabilities(recorded.requests)
        recorded.requests.clear()
        assert run_cli("call", recorded.url, "--root", str(tmp_path), "echo", "text=hi").code == 0
        given = _client_capabilities(recorded.requests)
    assert without and all("roots" not in caps for caps in without)
    assert given and all("roots" in caps for caps in given)


def test_call_of_an_unknown_tool_still_names_the_close_ones(run_cli, demo_http_url) -> None:
    run = run_cli("call", demo_http_url, "ecko", "text=hi")
    assert run.code == 1
    assert "no tool named 'ecko'" in run.err and "echo" in run.err


PRINT_JSON = "from mcptui.cli.context import print_json; print_json({'a': [1, 2], 'b': 'x'})"


def test_json_is_compact_when_piped_and_indented_on_a_terminal() -> None:
    piped = subprocess.run([sys.executable, "-c", PRINT_JSON], capture_output=True, text=True, check=True)
    assert piped.stdout == '{"a":[1,2],"b":"x"}\n'
    leader, follower = pty.openpty()
    try:
        child = subprocess.Popen([sys.executable, "-c", PRINT_JSON], stdout=follower, stderr=subprocess.PIPE)
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert child.wait(timeout=60) == 0
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    shown = b"".join(chunks).decode().replace("\r\n", "\n")
    assert json.loads(shown) == {"a": [1, 2], "b": "x"}
    assert '\n  "a": [\n' in shown


def test_help_builds_no_command_parser(monkeypatch, capsys) -> None:
    built: list[str] = []
    real = parser._add_command
    monkeypatch.setattr(parser, "_add_command", lambda sub, c, p: (built.append(c.name), real(sub, c, p)))
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    assert "call a tool" in capsys.readouterr().out  # every command is still listed
    assert built == []
    args = parser.parse_args(["call", "http://127.0.0.1:1/mcp", "echo", "text=hi", "--args", "{}"])
    assert built == ["call"] and args.args == "{}"
    with pytest.raises(SystemExit):
        parser.parse_args(["list", "--help"])
    assert built == ["call", "list"]


SERVER_STACK_PROBE = """
import json, sys
from mcptui.__main__ import main
code = main(["list", sys.argv[1], "--json"])
# the SDK's server stack; the OAuth flow (a server that asks for no auth never needs it)
HEAVY = ("mcp.server", "starlette", "uvicorn", "sse_starlette", "mcptui.core.auth.flow")
heavy = sorted(m for m in sys.modules if m.startswith(HEAVY))
import pydantic
import mcp_types._v2025_11_25 as other_era  # the demo negotiates 2026-07-28
models = [m for m in vars(other_era).values() if isinstance(m, type) and issubclass(m, pydantic.BaseModel)]
built = sum(bool(m.__pydantic_complete__) for m in models)
import mcp_types._types as version_free
free = [m for m in vars(version_free).values() if isinstance(m, type) and issubclass(m, pydantic.BaseModel)]
from mcptui.core import transports
import pydantic.plugin._loader as plugin_loader
print(json.dumps({"plugins_scanned": plugin_loader._plugins is not None,"code": code, "heavy": heavy, "client": "mcp.client.client" in sys.modules,
                  "other_era": [built, len(models)],
                  "version_free": [sum(bool(m.__pydantic_complete__) for m in free), len(free)],
                  "tls_roots_loaded": transports.tls_context.cache_info().currsize}))
"""


def test_one_shot_list_imports_no_server_stack_and_builds_only_used_models(demo_http_url) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVER_STACK_PROBE, demo_http_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    assert report["client"] is True  # the probe really used the SDK's client
    assert report["heavy"] == []
    built, models = report["other_era"]
    assert models > 50 and built < models / 2  # the other era's validators were never built
    built, models = report["version_free"]
    assert models > 100 and built < models / 4  # nor most of the version-free ones (lazy_models)
    assert report["tls_roots_loaded"] == 0  # an http:// server: no TLS context (lazy_tls)
    assert report["plugins_scanned"] is False  # no pydantic plugin discovery (PYDANTIC_DISABLE_PLUGINS)


EOF_RECORDER = (
    r"""
import json, os, signal, sys, time
record = open(sys.argv[1], "w")
def on_term(signum, frame):
    record.write(f"term {time.monotonic()}\n"); record.close(); os._exit(0)
signal.signal(signal.SIGTERM, on_term)
"""
    + answer_loop("eof")
    + r"""
record.write(f"eof {time.monotonic()}\n"); record.flush()
signal.pause()  # stdin closed: this server stays until it is told to go
"""
)


def test_one_shot_stdio_ends_a_server_that_ignores_stdin_close_after_the_short_grace(tmp_path) -> None:
    from mcptui.core import child_guard

    server, record = tmp_path / "server.py", tmp_path / "record"
    server.write_text(EOF_RECORDER)
    env = {**os.environ, "MCPTUI_NO_AGENT": "1"}
    command = [
        sys.executable,
        "-m",
        "mcptui",
        "list",
        "--json",
        "--",
        sys.executable,
        str(server),
        str(record),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert [t["name"] for t in json.loads(done.stdout)["tools"]] == ["echo"]
    seen = dict(line.split() for line in record.read_text().splitlines())
    assert set(seen) == {"eof", "term"}  # it saw stdin close, stayed, and was sent SIGTERM
    # the one-shot grace, not the long one a TUI gives its servers
    assert float(seen["term"]) - float(seen["eof"]) < child_guard.EXIT_GRACE


LAZY_MODELS_PROBE = """
import gc, json, sys
import pydantic
from mcptui.core.sdk_import import import_client
import_client(lazy_models=True)
import mcp.types as types
import mcp_types, mcp_types._types, mcp_types.jsonrpc, mcp_types._v2025_11_25, mcp_types._v2026_07_28
modules = [mcp_types._types, mcp_types.jsonrpc, mcp_types._v2025_11_25, mcp_types._v2026_07_28]
models = {m for mod in modules for m in vars(mod).values()
          if isinstance(m, type) and issubclass(m, pydantic.BaseModel) and m.__module__ == mod.__name__}
deferred = [m for m in models if not m.__pydantic_complete__]
version_free_deferred = sum(m.__module__ == "mcp_types._types" for m in deferred)
adapters = [a for a in gc.get_objects() if isinstance(a, pydantic.TypeAdapter) and not a.pydantic_complete]
# the SDK still validates: good data passes, bad data is refused (built on this first use)
tools = types.ListToolsResult.model_validate({"tools": [{"name": "t", "inputSchema": {"type": "object"}}]})
try:
    types.Tool.model_validate({"name": 1})
    refused = False
except pydantic.ValidationError:
    refused = True
message = mcp_types.jsonrpc.jsonrpc_message_adapter.validate_json('{"jsonrpc": "2.0", "id": 1, "result": {}}')
# every deferred model and adapter builds from its own module alone (no caller's namespace)
failed = [m.__name__ for m in deferred if m.model_rebuild(_types_namespace={}) is False]
failed += [repr(a) for a in adapters if a.rebuild(_types_namespace={}) is False]
print(json.dumps({"version_free_deferred": version_free_deferred, "adapters": len(adapters),
                  "tool": tools.tools[0].name, "refused": refused, "message": type(message).__name__,
                  "failed": failed, "compile_left": "compile" in vars(__import__("typing"))}))
"""


def test_lazy_models_still_validate_and_each_builds_from_its_own_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LAZY_MODELS_PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["version_free_deferred"] > 100  # the trick is in effect
    assert report["adapters"] > 3  # the SDK's module-level adapters too
    assert report["tool"] == "t" and report["refused"] is True
    assert report["message"] == "JSONRPCResponse"
    assert report["failed"] == []
    assert report["compile_left"] is False  # typing got its builtin compile back


def test_without_lazy_models_the_import_builds_every_version_free_model() -> None:
    probe = (
        "import pydantic, mcp_types._types as t\n"
        "from mcptui.core.sdk_import import import_client\n"
        "import_client()\n"
        "print(sum(not m.__pydantic_complete__ for m in vars(t).values()"
        " if isinstance(m, type) and issubclass(m, pydantic.BaseModel) and m.__module__ == t.__name__))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    # the TUI and the agent build them in the import thread (the few left are generic bases)
    assert int(done.stdout) < 20
