"""The answer loop of the tests' tiny hand-written stdio servers (no SDK: they start in ~20 ms,
so a test can record exactly when the server starts, reads EOF or is terminated).

``answer_loop(name)`` is Python source: it answers ``initialize`` (echoing the client's version),
``tools/list`` (one ``echo`` tool) and any other request with ``{}``, a line each, until stdin ends.
"""

from __future__ import annotations

_LOOP = r"""
for raw in sys.stdin.buffer:
    msg = json.loads(raw)
    reply = {"jsonrpc": "2.0", "id": msg.get("id")}
    if msg.get("method") == "initialize":
        reply["result"] = {"protocolVersion": msg["params"]["protocolVersion"],
                           "capabilities": {"tools": {}}, "serverInfo": {"name": NAME, "version": "0"}}
    elif msg.get("method") == "tools/list":
        reply["result"] = {"tools": [{"name": "echo", "inputSchema": {"type": "object"}}]}
    elif "id" in msg:
        reply["result"] = {}
    else:
        continue
    sys.stdout.write(json.dumps(reply) + "\n"); sys.stdout.flush()
"""


def answer_loop(name: str) -> str:
    """The loop's source, with ``name`` as the server's name (needs ``json`` and ``sys`` imported)."""
    return _LOOP.replace("NAME", repr(name))
