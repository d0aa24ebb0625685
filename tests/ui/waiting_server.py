"""An SDK MCP server whose tools ask the user and wait: for the tests of dialogs that wait for people.

``ask`` elicits a name and reports the action (``ask_model`` does the same through sampling);
``patient`` elicits with a progress token and records the keep-alive ``notifications/progress``
the client sends while a person answers: after two it withdraws its question and reports them.
Over stdio (``python -m tests.ui.waiting_server``) or streamable HTTP in the test's own loop
(:func:`serving_http`), where the SDK ties a server request to the call's stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import warnings
from collections.abc import AsyncIterator

import anyio
import mcp.types as types
from mcp.server.mcpserver import Context, MCPServer
from mcp.shared.message import ServerMessageMetadata
from pydantic import BaseModel

KEEPALIVES_WANTED = 2


class Name(BaseModel):
    name: str


def build_server() -> MCPServer:
    mcp = MCPServer("waiting", log_level="WARNING")

    @mcp.tool()
    async def ask(ctx: Context) -> str:
        """Ask for a name."""
        result = await ctx.elicit("Your name?", Name)
        return f"ask: {result.action}"

    @mcp.tool()
    async def ask_model(ctx: Context) -> str:
        """Ask the client's model (the user) for a reply."""
        message = types.SamplingMessage(role="user", content=types.TextContent(type="text", text="hi"))
        with contextlib.suppress(Exception), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # sampling is deprecated in 2026-07-28, not in 2025
            reply = await ctx.session.create_message(
                [message], max_tokens=5, related_request_id=ctx.request_id
            )
            return f"ask_model: {reply.model}"
        return "ask_model: refused"

    @mcp.tool()
    async def patient(ctx: Context) -> str:
        """Ask with a progress token; withdraw the question once kept alive twice."""
        beats: list[tuple[float, str | None]] = []
        enough = anyio.Event()

        async def heard(progress: float, total: float | None, message: str | None) -> None:
            beats.append((progress, message))
            if len(beats) >= KEEPALIVES_WANTED:
                enough.set()

        request = types.ElicitRequest(
            params=types.ElicitRequestFormParams(
                message="Your name, take your time",
                requested_schema={"type": "object", "properties": {"name": {"type": "string"}}},
            )
        )

        async def question() -> None:
            await ctx.session.send_request(
                request,
                types.ElicitResult,
                metadata=ServerMessageMetadata(related_request_id=ctx.request_id),
                progress_callback=heard,
            )

        async with anyio.create_task_group() as group:
            group.start_soon(question)
            await enough.wait()
            group.cancel_scope.cancel()  # withdraws the question (notifications/cancelled)
        return f"kept alive {len(beats)} times: {[b[0] for b in beats]} {beats[-1][1]}"

    return mcp


@contextlib.asynccontextmanager
async def serving_http() -> AsyncIterator[str]:
    """Serve :func:`build_server` over streamable HTTP on 127.0.0.1 in this loop; yield its URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = build_server().streamable_http_app(host="127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:  # started is set by uvicorn once it listens
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        sock.close()


if __name__ == "__main__":
    build_server().run("stdio")
