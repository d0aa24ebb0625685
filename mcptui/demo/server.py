"""The built-in demo MCP server ("mcptui-demo"): assembly, transports and the `run_demo` entry point.

- `build_demo_server(page_size=, legacy_only=, **mcpserver_kwargs)` returns a ready `MCPServer`
  (pass `auth=`/`auth_server_provider=`/`token_verifier=` through the kwargs for an OAuth variant);
- `register_demo_features(mcp)` adds every tool, prompt, resource and handler to any `MCPServer`;
- `run_demo(transport, port, host=, page_size=, legacy_only=, stateless=)` serves it over stdio,
  streamable HTTP or legacy SSE. On HTTP it prints exactly one stdout line once the socket is bound
  and the app started: ``mcptui-demo listening on http://127.0.0.1:PORT/mcp`` (``/sse`` for SSE).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import socket
import sys
import threading
import warnings
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import anyio
from mcp.server.lowlevel.server import NotificationOptions
from mcp.server.mcpserver import MCPServer
from mcp.shared.exceptions import MCPDeprecationWarning

from mcptui.demo.catalog import (
    register_completion,
    register_legacy_handlers,
    register_prompts,
    register_resources,
)
from mcptui.demo.client_tasks import register_client_task_tools
from mcptui.demo.middleware import BulkToolsMiddleware, LegacyOnlyMiddleware, PaginationMiddleware
from mcptui.demo.state import DemoState
from mcptui.demo.tasks import register_task_tools
from mcptui.demo.tools import register_tools

if TYPE_CHECKING:
    from mcp.server.sse import SseServerTransport
    from starlette.applications import Starlette
    from starlette.types import ASGIApp, Receive, Scope, Send

SERVER_NAME = "mcptui-demo"
SERVER_VERSION = "0.1.0"
LISTENING_PREFIX = "mcptui-demo listening on "
TRANSPORT_PATHS = {"http": "/mcp", "sse": "/sse"}
TRANSPORT_ALIASES = {"streamable-http": "http", "streamable_http": "http", "shttp": "http"}

INSTRUCTIONS = """This is the mcptui demo server. It exists to exercise an MCP client:
- tools: echo and add (trivial), describe_order (every JSON Schema type), get_forecast and number_stats
  (structured output), show_image, embedded_resource, resource_link, markdown_report, fail (isError),
  slow_count (progress + cancellation), emit_logs, toggle_extra_tool (tools/list_changed),
  touch_resource (resources/updated), ask_user (elicitation), ask_llm (sampling), write_stderr, research
  (runs only as a task, in both eras), ask_as_task (2025-11-25: an elicitation the client runs as a task);
- prompts: review_code, summarize, conversation (with completion on their arguments);
- resources: demo://readme, demo://config.json, demo://logo.png, demo://status; templates greeting://{name} and
  demo://items/{id} (with completion).
Nothing here touches the outside world."""


def _enable_legacy_list_changed(mcp: MCPServer) -> None:
    """Advertise listChanged in the 2025-11-25 era too (MCPServer passes no NotificationOptions)."""
    lowlevel = mcp._lowlevel_server  # noqa: SLF001 - no public way to set notification options
    original = lowlevel.create_initialization_options
    everything = NotificationOptions(prompts_changed=True, resources_changed=True, tools_changed=True)

    def create_initialization_options(
        notification_options: NotificationOptions | None = None,
        experimental_capabilities: dict[str, dict[str, Any]] | None = None,
        extensions: dict[str, dict[str, Any]] | None = None,
    ) -> Any:
        return original(notification_options or everything, experimental_capabilities, extensions)

    lowlevel.create_initialization_options = create_initialization_options  # type: ignore[method-assign]


def register_demo_features(mcp: MCPServer, state: DemoState | None = None) -> DemoState:
    """Register every demo tool, prompt, resource, completion and legacy handler on `mcp`."""
    state = state or DemoState()
    # ctx.info & co. warn that logging is deprecated in 2026-07-28; the demo logs on purpose.
    warnings.filterwarnings(
        "ignore", message="The logging capability is deprecated", category=MCPDeprecationWarning
    )
    warnings.filterwarnings("ignore", category=MCPDeprecationWarning, module=r"mcptui\.demo\.")
    register_tools(mcp, state)
    register_task_tools(mcp)
    register_client_task_tools(mcp)
    register_prompts(mcp)
    register_resources(mcp, state)
    register_completion(mcp)
    register_legacy_handlers(mcp, state)
    _enable_legacy_list_changed(mcp)
    return state


def build_demo_server(
    *,
    page_size: int | None = None,
    legacy_only: bool = False,
    bulk_tools: int = 0,
    variant: str = "default",
    name: str = SERVER_NAME,
    tasks_extension: bool = True,
    **server_kwargs: Any,
) -> MCPServer:
    """A fresh demo `MCPServer`; extra keyword arguments go to the `MCPServer` constructor (e.g. auth).

    ``tasks_extension=False``: no 2026-07-28 tasks extension (research then runs inline there).
    """
    server_kwargs.setdefault("log_level", "WARNING")
    if tasks_extension:
        from mcptui.demo.tasks_ext import DemoTasksExtension

        server_kwargs.setdefault("extensions", [DemoTasksExtension()])
    mcp = MCPServer(name, instructions=INSTRUCTIONS, version=SERVER_VERSION, **server_kwargs)
    register_demo_features(mcp)
    if legacy_only:
        mcp.middleware.append(LegacyOnlyMiddleware())
    if page_size:
        mcp.middleware.append(PaginationMiddleware(page_size))
    if bulk_tools:  # inside the pagination: its pages hold the bulk tools too
        mcp.middleware.append(BulkToolsMiddleware(bulk_tools))
    if variant == "changed":  # innermost: pages and bulk tools come on top of the changed catalog
        from mcptui.demo.variant import ChangedCatalogMiddleware

        mcp.middleware.append(ChangedCatalogMiddleware())
    return mcp


def build_http_app(
    mcp: MCPServer,
    transport: str,
    *,
    host: str = "127.0.0.1",
    stateless: bool = False,
    legacy_only: bool = False,
) -> Starlette:
    """The Starlette app serving `mcp` over streamable HTTP (``/mcp``) or legacy SSE (``/sse``)."""
    if transport == "http":
        return mcp.streamable_http_app(stateless_http=stateless, host=host)
    if transport == "sse":
        return build_sse_app(mcp, host=host, legacy_only=legacy_only)
    raise ValueError(f"unknown HTTP transport {transport!r} (expected 'http' or 'sse')")


async def serve_streams(
    mcp: MCPServer, read_stream: Any, write_stream: Any, *, legacy_only: bool = False
) -> None:
    """Serve one stream connection (stdio, SSE).

    Normally the client's first request picks the era (`Server.run` -> serve_dual_era_loop). Legacy-only
    uses the SDK's handshake-only `serve_loop` instead, so a `server/discover` probe is refused (by
    LegacyOnlyMiddleware) without locking the stream to 2026-07-28.
    """
    lowlevel = mcp._lowlevel_server  # noqa: SLF001
    options = lowlevel.create_initialization_options()
    if not legacy_only:
        await lowlevel.run(read_stream, write_stream, options)
        return
    from mcp.server.runner import serve_loop

    async with lowlevel.lifespan(lowlevel) as lifespan_state:
        await serve_loop(
            lowlevel, read_stream, write_stream, lifespan_state=lifespan_state, init_options=options
        )


async def serve_stdio(mcp: MCPServer, *, legacy_only: bool = False) -> None:
    """Serve `mcp` on this process's stdin/stdout until stdin closes."""
    from mcp.server.stdio import stdio_server

    async with stdio_server() as (read_stream, write_stream):
        await serve_streams(mcp, read_stream, write_stream, legacy_only=legacy_only)


class _SseEndpoint:
    """ASGI endpoint for GET /sse. MCPServer.sse_app's own endpoint sends a second response after the
    stream ends (a RuntimeError traceback on every disconnect and at shutdown); this one does not."""

    def __init__(self, mcp: MCPServer, transport: SseServerTransport, legacy_only: bool) -> None:
        self._mcp = mcp
        self._transport = transport
        self._legacy_only = legacy_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self._transport.connect_sse(scope, receive, send) as (read_stream, write_stream):
            await serve_streams(self._mcp, read_stream, write_stream, legacy_only=self._legacy_only)


def build_sse_app(mcp: MCPServer, *, host: str = "127.0.0.1", legacy_only: bool = False) -> Starlette:
    """A legacy HTTP+SSE app: GET /sse opens the stream, POST /messages/?session_id=... carries requests."""
    from mcp.server.sse import SseServerTransport
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route

    security = None
    if host in ("127.0.0.1", "localhost", "::1"):  # the same DNS-rebinding guard MCPServer.sse_app sets up
        security = TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
            allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
        )
    transport = SseServerTransport("/messages/", security_settings=security)
    routes = [
        Route("/sse", endpoint=_SseEndpoint(mcp, transport, legacy_only), methods=["GET"]),
        Mount("/messages/", app=transport.handle_post_message),
    ]
    return Starlette(routes=routes)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0 picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP (else Nagle adds ~40 ms a reply)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def listening_url(host: str, port: int, path: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path}"


def serve_http(app: ASGIApp, sock: socket.socket, on_started: Callable[[], None]) -> None:
    """Serve `app` with uvicorn on an already bound socket; SIGINT/SIGTERM stop it quietly."""
    import uvicorn

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                on_started()

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            # Streams still open at shutdown are cut; uvicorn logs each as an ERROR. Expected here.
            logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
            await super().shutdown(sockets=sockets)

        @contextlib.contextmanager
        def capture_signals(self) -> Generator[None, None, None]:
            # uvicorn re-raises the captured signal after shutdown (a KeyboardInterrupt traceback);
            # the demo just returns instead.
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in originals.items():
                    signal.signal(sig, handler)

    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
    _Server(config).run(sockets=[sock])


def _quiet_exit_on_sigterm() -> None:
    def stop(signum: int, frame: Any) -> None:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(0)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def run_demo(
    transport: str,
    port: int | None = None,
    host: str = "127.0.0.1",
    page_size: int | None = None,
    legacy_only: bool = False,
    stateless: bool = False,
    bulk_tools: int = 0,
    variant: str = "default",
    tasks_extension: bool = True,
) -> None:
    """Serve the demo: transport "stdio" (default), "http" (streamable HTTP) or "sse" (legacy HTTP+SSE)."""
    transport = TRANSPORT_ALIASES.get(transport, transport)
    mcp = build_demo_server(
        page_size=page_size,
        legacy_only=legacy_only,
        bulk_tools=bulk_tools,
        variant=variant,
        tasks_extension=tasks_extension,
    )
    era = "2025-11-25 only" if legacy_only else "both protocol eras"
    if transport == "stdio":
        _quiet_exit_on_sigterm()
        print(f"mcptui-demo: serving on stdio ({era})", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            anyio.run(functools.partial(serve_stdio, mcp, legacy_only=legacy_only))
        return
    if transport not in TRANSPORT_PATHS:
        raise ValueError(f"unknown transport {transport!r} (expected stdio, http or sse)")
    sock = bind_socket(host, port or 0)
    url = listening_url(host, sock.getsockname()[1], TRANSPORT_PATHS[transport])
    app = build_http_app(mcp, transport, host=host, stateless=stateless, legacy_only=legacy_only)

    def announce() -> None:
        print(f"{LISTENING_PREFIX}{url}", flush=True)
        print(f"mcptui-demo: {transport} on {url} ({era})", file=sys.stderr, flush=True)

    try:
        serve_http(app, sock, announce)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
