"""The Textual application: global keys, themes, sessions, and the ``run_tui`` entry point.

Importing this module must stay cheap and must not import the MCP SDK: the first frame is
drawn before :mod:`mcptui.core.connection` (and with it ``mcp``) is imported inside each
server's connection worker. ``run_tui`` is what ``mcptui`` and ``mcptui TARGET`` call.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from mcptui.core import first_shown, locations, speed
from mcptui.core.catalog import CatalogCache
from mcptui.core.credentials import Credentials
from mcptui.core.history import HistoryStore
from mcptui.core.server_config import ServerConfig
from mcptui.core.session import DEFAULT_CACHE, SessionManager
from mcptui.core.session_state import ServerSnapshot, SessionEvent
from mcptui.ui.auth_interaction import UiAuthInteraction
from mcptui.ui.client_handlers import UiClientHandlers
from mcptui.ui.commands import AppCommands, goto_commands
from mcptui.ui.messages import EventRouter, SessionUpdate
from mcptui.ui.safe_text import safe_body, safe_line
from mcptui.ui.screens.main_screen import MainScreen
from mcptui.ui.settings import UiSettings

if TYPE_CHECKING:
    from mcptui.core.prefetch import PrefetchSource

# What is imported by now (Textual, Rich, our modules) lives as long as the process: move it out
# of the cyclic collector's reach, so start-up does not pay for full collections walking it.
speed.freeze_imports()

DEMO_NAME = "demo"
QUIT_GRACE = 1.5  # seconds the sessions get to close on ctrl+q before stdio children are killed
STYLES = Path(__file__).parent / "styles"


def demo_server() -> ServerConfig:
    """The built-in demo server over stdio (used when no server is configured)."""
    return ServerConfig(name=DEMO_NAME, transport="stdio", command=sys.executable, args=["-m", "mcptui.demo"])


class McpTuiApp(App[int]):
    """A keyboard-first explorer for MCP servers."""

    TITLE = "mcptui"
    CSS_PATH = [STYLES / "widgets.tcss", STYLES / "app.tcss"]  # absolute: subclasses may live elsewhere
    COMMANDS = App.COMMANDS | {AppCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", tooltip="Quit mcptui"),
        Binding("f1", "help", "Help", id="help", tooltip="Help for the focused pane"),
        Binding("f2", "command_palette", "Palette", id="palette", tooltip="Open the command palette"),
        Binding(
            "f8", "screenshot", "Screenshot", show=False, id="screenshot", tooltip="Save an SVG screenshot"
        ),
    ]

    def __init__(
        self,
        servers: list[ServerConfig],
        *,
        servers_file: Path | None = None,
        settings: UiSettings | None = None,
        cache: CatalogCache | None = None,
        history: HistoryStore | None = None,
        auto_connect: bool = True,
        show_times: bool | None = None,
        auth_factory: Any = None,
        auth_options: dict[str, Any] | None = None,
        connect_on_select: set[str] | None = None,
        prefetch: tuple[str, PrefetchSource] | None = None,
    ) -> None:
        super().__init__()
        self.prefetch = prefetch  # (server name, source) of a catalog fetched at launch
        self._prefetch_job: Any = None  # its worker: the live connection waits for it (a little)
        self._live_waits: set[str] = set()  # servers whose live connection waits for their prefetch
        self._launched = False  # the launch's connections were started (after the first frame)
        self.connect_on_select = set(connect_on_select or ())  # not at start: when first selected
        self.servers_file = servers_file
        self.settings = settings if settings is not None else UiSettings.load()
        self.auto_connect = auto_connect
        self.show_times = self.settings.timings if show_times is None else show_times
        self.auth_options = dict(auth_options or {})
        self.auth_interaction = UiAuthInteraction(self)
        self.handlers = UiClientHandlers(self)
        self.main_screen = MainScreen()
        self.router = EventRouter(self._post_to_main)
        self.manager = SessionManager(
            servers,
            listener=self._session_event,
            sink=self.router,
            runner=self._run_job,
            cache=cache if cache is not None else DEFAULT_CACHE,
            history=history,
            history_limits=(self.settings.history_entries, self.settings.history_bytes),
            credentials=Credentials(self.auth_interaction, self.auth_options, sink=self.router),
            handlers=self.handlers,
            auth_factory=auth_factory,
        )

    # ----------------------------------------------------------------- sessions
    @property
    def sessions(self) -> dict[str, ServerSnapshot]:
        """What each server is now (the session manager's latest snapshots)."""
        return self.manager.snapshots()

    @property
    def history(self) -> HistoryStore:
        return self.manager.history

    def _post_to_main(self, message: Any) -> None:
        self.main_screen.post_message(message)

    def _session_event(self, event: SessionEvent) -> None:
        """The manager's listener: its events become messages (the main screen, an open panel)."""
        self.main_screen.post_message(SessionUpdate(event))
        if self.is_running and self.screen is not self.main_screen:
            self.screen.post_message(SessionUpdate(event))

    def _run_job(self, work: Any, *, group: str, exclusive: bool, description: str) -> Any:
        """The manager's jobs run as workers of the app (a connection's job lives as long as it)."""
        return self.run_worker(
            work,
            name=description,
            group=group,
            exclusive=exclusive,
            exit_on_error=False,
            description=description,
        )

    def add_session(self, config: ServerConfig) -> ServerSnapshot:
        return self.manager.add(config)

    def remove_session(self, name: str) -> None:
        self.manager.remove(name)

    def connect(self, name: str) -> None:
        """Start (or restart) the long-lived connection worker of ``name``."""
        self._live_waits.discard(name)
        self.manager.connect(name)

    def disconnect(self, name: str) -> None:
        self.manager.disconnect(name)

    def resync(self, name: str) -> None:
        self.manager.resync(name)

    def command_target(self, name: str) -> tuple[str | None, list[str] | None]:
        """How the command line names this server: (name or URL, or None plus the stdio command)."""
        session = self.sessions.get(name)
        if session is None:
            return name, None
        config = session.config
        if config.from_config:
            return config.name, None
        if config.url:
            return config.url, None
        return None, [config.command or "", *config.args]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast (widgets' and screens' ``notify`` land here) is plain text, never markup.

        Toasts often carry server text (names, URIs, error messages): its control characters
        are made visible and secrets in it redacted; ``markup`` is ignored.
        """
        from mcptui.core.redact import redact_text

        super().notify(
            safe_body(redact_text(str(message))),
            title=safe_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ----------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        elif self.settings.theme:
            self.notify(f"unknown theme {self.settings.theme!r} in settings.json", severity="warning")
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.push_screen(self.main_screen)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning")
        if self.prefetch is not None:  # its catalog shows until the live connection's is in
            self._start_prefetch(*self.prefetch)
        if self.auto_connect:
            self.call_after_refresh(self._connect_all)

    def on_unmount(self) -> None:
        first_shown.release(start_work=False)  # the app ends: nothing waits on it, no warm-up

    def _connect_all(self) -> None:
        """After the first frame: connect every server (those waiting for their prefetch a bit later)."""
        from mcptui.core.prefetch import LIVE_HEAD_START

        self._launched = True
        if self.main_screen.catalog_side.shown_catalog is None:
            first_shown.hold()  # the cache write and the SDK's warm-up wait for a first catalog drawn
        for name in list(self.sessions):
            if name in self.connect_on_select:
                continue
            if name in self._live_waits:
                self.set_timer(LIVE_HEAD_START, partial(self._connect_after_prefetch, name))
            else:
                self.connect(name)

    def _start_prefetch(self, name: str, source: PrefetchSource) -> None:
        """Show the prefetched catalog; the live connection of ``name`` starts once it is drawn.

        Its SDK import holds the GIL for ~0.5 s: started at once, it slows the drawing of the
        catalog that is already here (bench/tui_bench.py). It waits at most ``LIVE_HEAD_START``
        after the first frame for a prefetch that is late.
        """
        self._prefetch_job = self.manager.use_prefetch(name, source)
        if self._prefetch_job is None or not self.auto_connect:
            return
        if os.environ.get("MCPTUI_PREFETCH_LIVE") != "now":
            self._live_waits.add(name)

    def _connect_after_prefetch(self, name: str) -> None:
        """The prefetch of ``name`` is drawn (or late): its live connection starts, once."""
        if name not in self._live_waits:
            return  # started already
        if not self._launched:
            self._live_waits.discard(name)  # before the first frame: _connect_all connects it
        else:
            self.connect(name)

    def server_selected(self, name: str) -> None:
        """A server was selected: connect it now if it waited for that (the demo beside others)."""
        if name in self.connect_on_select and name in self.sessions:
            self.connect_on_select.discard(name)
            if self.auto_connect:
                self.connect(name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails unexpectedly is reported once, never raised into the UI."""
        if event.worker is self._prefetch_job and event.worker.is_finished and self.prefetch is not None:
            self.call_after_refresh(self._connect_after_prefetch, self.prefetch[0])  # once it is drawn
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            what = event.worker.description or event.worker.name or "background task"
            self.notify(f"{what}: {type(error).__name__}: {error}", severity="error", timeout=8)

    async def action_quit(self) -> None:
        """Quit at once: each session gets a short grace to close, then any stdio child is killed."""
        import asyncio

        first_shown.release(start_work=False)  # no catalog will be drawn: no warm-up either

        self.manager.disconnect_all()
        workers = [w for w in self.workers if w.group.startswith("connection:") and not w.is_finished]
        if workers:
            done = asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(done, QUIT_GRACE)
        if "mcptui.core.child_guard" in sys.modules:
            sys.modules["mcptui.core.child_guard"].kill_all()
        self.exit(0)

    # ----------------------------------------------------------------- actions
    def action_help(self) -> None:
        from mcptui.ui.help_screen import HelpScreen

        self.push_screen(HelpScreen(self.focused))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Ask where to save an SVG screenshot (default: the downloads folder); the file is 0600.

        Textual's ``filename`` / ``path`` are not used: the dialog asks, with the default filled in.
        """
        import time

        from mcptui.core.private_files import private_dir, write_private
        from mcptui.ui.screens.save_dialog import save_where

        svg = self.export_screenshot()  # now, not with the dialog on screen
        default = locations.save_dir() / f"mcptui-{time.strftime('%Y%m%d-%H%M%S')}.svg"

        def write(path: Path) -> None:
            try:
                private_dir(path.parent, own=False)
                write_private(path, svg)
            except OSError as error:
                self.notify(f"could not save the screenshot: {error.strerror or error}", severity="error")
                return
            self.notify(f"screenshot saved: {path}")

        save_where(self, "the screenshot", default, write)

    def open_goto_palette(self) -> None:
        self.search_commands(goto_commands(self), placeholder="Go to a tool, prompt or resource…")

    def edit_roots(self, name: str) -> None:
        """Edit the roots offered to ``name``; tell the server when it is connected."""
        from mcptui.ui.screens.dialogs import RootsEditor

        def saved(roots: list[dict] | None) -> None:
            if roots is None:
                return
            self.handlers.root_lists[name] = roots
            if name in self.sessions:  # the server pane shows the folders given
                from urllib.parse import urlparse
                from urllib.request import url2pathname

                self.manager.set_roots(name, [url2pathname(urlparse(str(r["uri"])).path) for r in roots])
            self.notify(f"{name}: {len(roots)} root(s) offered")

        self.push_screen(RootsEditor(name, self.handlers.roots(name)), saved)

    def edit_server(self, action: str, name: str | None) -> None:
        from mcptui.ui.screens.server_editor import edit_server

        edit_server(self, action, name)

    def _fatal_error(self) -> None:
        """An unhandled exception: one line, never Textual's traceback with its local variables.

        The locals of a frame can hold call arguments or tokens; ``MCPTUI_DEBUG=1`` shows the
        full traceback (without locals) for a developer.
        """
        from rich.text import Text

        error = sys.exc_info()[1] or self._exception
        if os.environ.get("MCPTUI_DEBUG") == "1":
            from rich.traceback import Traceback

            self._exit_renderables.append(Traceback(show_locals=False, width=None))
        else:
            name = type(error).__name__ if error is not None else "error"
            line = f"mcptui: internal error ({name}); please report it (MCPTUI_DEBUG=1 shows the details)"
            self._exit_renderables.append(Text(line))
        self.bell()
        self._close_messages_no_wait()


def startup_servers(servers_file: Path | None = None) -> tuple[list[ServerConfig], set[str]]:
    """The configured servers plus the demo (kept reachable once the user has servers of their
    own: listed last, connected only when selected); the names connected on first selection."""
    from mcptui.core.config import load_servers

    servers = list(load_servers(servers_file).servers.values())
    if not servers:
        return [demo_server()], set()
    if any(config.name == DEMO_NAME for config in servers):
        return servers, set()
    return [*servers, demo_server()], {DEMO_NAME}


def run_tui(
    servers_file: Path | None = None,
    target_config: ServerConfig | None = None,
    extra_roots: list[str] | None = None,
    prefetch: tuple[str, PrefetchSource] | None = None,
) -> int:
    """Open the TUI on ``target_config``, else on the configured servers (and the demo), else the demo.

    ``extra_roots`` (``--root``, already resolved) are offered to every server opened, except the
    demo listed beside the user's own servers. ``prefetch``: (server name, its catalog on the
    way), started before Textual was imported (see :mod:`mcptui.core.prefetch`).
    """
    lazy: set[str] = set()
    if target_config is not None:
        servers = [target_config]
    else:
        servers, lazy = startup_servers(servers_file)
    if extra_roots:
        servers = [  # not to the demo added beside the user's servers: it was not chosen
            s
            if s.name in lazy
            else s.with_overrides(roots=[*s.roots, *(r for r in extra_roots if r not in s.roots)])
            for s in servers
        ]
    app = McpTuiApp(servers, servers_file=servers_file, connect_on_select=lazy, prefetch=prefetch)
    try:
        result = app.run()
    finally:
        if prefetch is not None:
            prefetch[1].close()  # quit before the live catalog came: the child (or socket) is ended
    return result if isinstance(result, int) else 0
