"""A raw JSON-RPC stdio MCP server (legacy handshake) that misbehaves on purpose, one mode per case.

Run as ``python tests/hostile/stdio_server.py MODE [N [PID_FILE]]``. The SDK's server side cannot send a
malformed notification, a repeated cursor or invalid UTF-8, so this one writes the lines itself.
Every mode answers ``initialize`` and ``ping`` normally; only what the mode names goes wrong.

Modes: ``bad-progress`` (a progress notification of the wrong shape during a call),
``repeat-cursor`` / ``endless-pages`` (tools/list pagination that never ends), ``wide-schema``
(one tool with N properties, half required), ``stubborn`` (ignores SIGTERM and stdin EOF),
``flood`` (N elicitation + N sampling requests during a call), ``bad-utf8`` (invalid UTF-8 on
stdout), ``deep-json`` (a valid but deeply nested result), ``bad-tool`` (one tool with an
invalid input schema), ``wrong-id`` (a call's answer carries another id), ``bad-items`` (good tools,
prompts, resources and templates with one invalid item in each list; the tools list comes in
two pages with a bad tool on each, one with an ESC in its name, one without a name).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else ""
N = int(sys.argv[2]) if len(sys.argv) > 2 else 10
OUT = sys.stdout.buffer


def send(message: dict) -> None:
    OUT.write(json.dumps(message).encode() + b"\n")
    OUT.flush()


def tools() -> list[dict]:
    simple = {"name": "echo", "inputSchema": {"type": "object", "properties": {"x": {"type": "string"}}}}
    if MODE == "wide-schema":
        props = {f"p{i}": {"type": "integer"} for i in range(N)}
        required = [f"p{i}" for i in range(0, N, 2)]
        return [
            simple,
            {"name": "wide", "inputSchema": {"type": "object", "properties": props, "required": required}},
        ]
    if MODE == "bad-tool":
        return [simple, {"name": "broken", "inputSchema": {"type": "array"}}]
    if MODE == "bad-items":
        typed = {
            "name": "typed",
            "inputSchema": {"type": "object"},
            "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}}},
        }
        broken = {"name": "bro\x1bken", "inputSchema": {"type": "array"}}
        return [simple, broken, typed, {"inputSchema": {"type": "object"}}]
    return [simple]


BAD_ITEMS_LISTS = {  # bad-items: one invalid entry among good ones in each list
    "prompts/list": ("prompts", [{"name": "greet"}, {"name": "bad-prompt", "arguments": "nope"}]),
    "resources/list": (
        "resources",
        [{"name": "readme", "uri": "file:///readme"}, {"name": "bad-resource", "uri": 5}],
    ),
    "resources/templates/list": (
        "resourceTemplates",
        [{"name": "bad-template"}, {"name": "page", "uriTemplate": "file:///{page}"}],
    ),
}


def on_call(msg: dict) -> None:
    rid = msg["id"]
    if MODE == "bad-progress":
        send({"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progress": "lots"}})
    if MODE == "flood":
        for i in range(N):
            send(
                {
                    "jsonrpc": "2.0",
                    "id": f"e{i}",
                    "method": "elicitation/create",
                    "params": {
                        "message": f"question {i}",
                        "requestedSchema": {"type": "object", "properties": {}},
                    },
                }
            )
            send(
                {
                    "jsonrpc": "2.0",
                    "id": f"s{i}",
                    "method": "sampling/createMessage",
                    "params": {
                        "messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}],
                        "maxTokens": 5,
                    },
                }
            )
    if MODE == "bad-utf8":
        text = b'{"content": [{"type": "text", "text": "bad \xff\xfe bytes"}]}'
        OUT.write(b'{"jsonrpc": "2.0", "id": ' + json.dumps(rid).encode() + b', "result": ' + text + b"}\n")
        OUT.flush()
        return
    if MODE == "wrong-id":
        send({"jsonrpc": "2.0", "id": 987654, "result": {"content": []}})
        return
    if MODE == "bad-items" and msg["params"]["name"] == "typed":
        send({"jsonrpc": "2.0", "id": rid, "result": {"content": [], "structuredContent": {"n": 7}}})
        return
    if MODE == "deep-json":
        deep = "[" * N + '"bottom"' + "]" * N  # written by hand: json.dumps would recurse
        line = '{"jsonrpc": "2.0", "id": %s, "result": {"content": [], "structuredContent": {"deep": %s}}}'
        OUT.write((line % (json.dumps(rid), deep)).encode() + b"\n")
        OUT.flush()
        return
    send({"jsonrpc": "2.0", "id": rid, "result": {"content": [{"type": "text", "text": "ok"}]}})


def on_list(msg: dict) -> None:
    cursor = (msg.get("params") or {}).get("cursor")
    result: dict = {"tools": tools()}
    if MODE == "bad-items":  # two pages, a bad tool on each
        result = {"tools": tools()[:3], "nextCursor": "2"} if cursor is None else {"tools": tools()[3:]}
    if MODE == "repeat-cursor":
        result["nextCursor"] = "again"
    elif MODE == "endless-pages":
        result["nextCursor"] = str(int(cursor or 0) + 1)
    send({"jsonrpc": "2.0", "id": msg["id"], "result": result})


def main() -> None:
    pid_file = sys.argv[3] if len(sys.argv) > 3 else None  # where to write our pid (tests check it died)
    if pid_file:
        with open(pid_file, "w") as fh:
            fh.write(str(os.getpid()))
    if MODE == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for raw in sys.stdin.buffer:
        try:
            msg = json.loads(raw)
        except ValueError:
            continue
        method, rid = msg.get("method"), msg.get("id")
        if method == "initialize":
            caps = {"tools": {"listChanged": False}}
            if MODE == "bad-items":
                caps.update(prompts={}, resources={})
            send(
                {
                    "jsonrpc": "2.0",
                    "id": rid,
                    "result": {
                        "protocolVersion": msg["params"]["protocolVersion"],
                        "capabilities": caps,
                        "serverInfo": {"name": f"hostile-{MODE}", "version": "0"},
                    },
                }
            )
        elif method == "tools/list":
            on_list(msg)
        elif method == "tools/call":
            on_call(msg)
        elif MODE == "bad-items" and method in BAD_ITEMS_LISTS:
            field, items = BAD_ITEMS_LISTS[method]
            send({"jsonrpc": "2.0", "id": rid, "result": {field: items}})
        elif method == "ping":
            send({"jsonrpc": "2.0", "id": rid, "result": {}})
        elif rid is not None and method is not None:
            send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "method not found"}})
    if MODE == "stubborn":
        while True:  # stdin closed: stay anyway
            time.sleep(3600)


if __name__ == "__main__":
    main()
