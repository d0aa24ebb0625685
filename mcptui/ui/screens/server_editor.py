"""Add, edit and remove servers from the UI, written back to the servers file.

The editor holds the common fields of an ``mcpServers`` entry (a URL, or a command line for
stdio; the transport; a timeout; the roots offered to the server, as typed with ``~`` and
``${VAR}`` kept; whether to confirm every non-read-only tool (``cautious``); the sign-in method with its credentials: client id, secret
and scope for a pre-registered OAuth client, a token for bearer, user and password for basic).
Secrets are typed into masked inputs and written as typed, so a ``${ENV_VAR}`` reference stays
a reference in the file (expanded only when the file is loaded); a saved literal secret is
never shown back, and leaving its input empty keeps it. Extra keys of an existing entry
(headers, env...) are kept as they are. Writing goes through :func:`mcptui.core.config.upsert_server` /
:func:`~mcptui.core.config.remove_server`, which validate before writing.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from mcptui.core.errors import McpTuiError
from mcptui.ui.safe_text import safe_text
from mcptui.ui.screens.dialogs import ConfirmModal

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp

AUTH_METHODS = [
    ("automatic (OAuth when the server asks)", "auto"),
    ("bearer token", "bearer"),
    ("basic (user and password)", "basic"),
    ("pre-registered OAuth client", "oauth-client"),
    ("none", "none"),
]
# the ``auth`` keys each method takes: (key, label, secret)
CREDENTIAL_FIELDS: dict[str, list[tuple[str, str, bool]]] = {
    "oauth-client": [
        ("clientId", "Client id", False),
        ("clientSecret", "Client secret (prefer ${ENV_VAR})", True),
        ("scope", "Scope (optional, space-separated)", False),
    ],
    "bearer": [("token", "Token (prefer ${ENV_VAR})", True)],
    "basic": [("username", "User name", False), ("password", "Password (prefer ${ENV_VAR})", True)],
}
SECRET_KEYS = {key for fields in CREDENTIAL_FIELDS.values() for key, _label, secret in fields if secret}
TRANSPORTS = [
    ("auto (HTTP, then SSE)", "auto"),
    ("streamable HTTP", "http"),
    ("legacy SSE", "sse"),
    ("stdio", "stdio"),
]


def is_reference(value: str) -> bool:
    """True for a value that is only ``${VAR}`` references (safe to show and to write)."""
    return "${" in value and "}" in value


def apply_credentials(auth: dict[str, Any], method: str, credentials: dict[str, str]) -> None:
    """Write the typed credentials of ``method`` into ``auth`` as typed (``${VAR}`` unexpanded).

    An empty secret keeps the saved one; an empty plain field (client id, scope, user) removes it.
    """
    for key, _label, secret in CREDENTIAL_FIELDS.get(method, []):
        if key not in credentials:
            continue
        value = credentials[key].strip()
        if value:
            auth[key] = value
        elif not secret:
            auth.pop(key, None)


def entry_from_fields(
    where: str,
    transport: str,
    timeout: str,
    base: dict[str, Any] | None,
    auth_method: str = "auto",
    credentials: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An ``mcpServers`` entry from the editor's fields, keeping unknown keys of ``base``.

    ``credentials`` holds the typed ``auth`` keys (``clientId``, ``clientSecret``, ``scope``,
    ``token``, ``username``, ``password``); they are written as typed, so ``${VAR}`` stays a
    reference. Secrets can also live in the token store (``mcptui auth token``).
    """
    entry = {k: v for k, v in (base or {}).items() if k not in ("url", "command", "args", "type", "timeout")}
    where = where.strip()
    if where.startswith(("http://", "https://")):
        entry["url"] = where
        if transport in ("http", "sse"):
            entry["type"] = transport
    else:
        words = shlex.split(where)
        if words:
            entry["command"] = words[0]
            if words[1:]:
                entry["args"] = words[1:]
        entry["type"] = "stdio"
    if timeout.strip():
        entry["timeout"] = float(timeout)
    auth = dict(entry.get("auth") or {})
    apply_credentials(auth, auth_method, credentials or {})
    if auth_method != "auto" or auth:
        auth["method"] = auth_method
        entry["auth"] = auth
    return entry


def roots_text(entry: dict[str, Any] | None) -> str:
    """The entry's ``roots`` as the editor shows them: space-separated, quoted when needed."""
    roots = (entry or {}).get("roots") or []
    return shlex.join(str(r) for r in roots) if isinstance(roots, list) else ""


def apply_roots(entry: dict[str, Any], text: str) -> None:
    """Set ``entry["roots"]`` from the editor's text (each an existing folder); raises ValueError."""
    from mcptui.core.config_entry import expand_vars
    from mcptui.core.roots import resolve_root

    roots = shlex.split(text)
    for root in roots:
        resolve_root(root, expand_vars)  # RootError is a ValueError with a clear message
    if roots:
        entry["roots"] = roots
    else:
        entry.pop("roots", None)


def apply_cautious(entry: dict[str, Any], cautious: bool) -> None:
    if cautious:
        entry["cautious"] = True
    else:
        entry.pop("cautious", None)


def auth_method_of(entry: dict[str, Any] | None) -> str:
    method = str(((entry or {}).get("auth") or {}).get("method", "auto"))
    return method if method in {v for _l, v in AUTH_METHODS} else "auto"


def fields_from_entry(entry: dict[str, Any] | None) -> tuple[str, str, str]:
    entry = entry or {}
    if entry.get("url"):
        where = str(entry["url"])
    else:
        words = [str(entry["command"])] if entry.get("command") else []
        where = shlex.join([*words, *[str(a) for a in entry.get("args", [])]])
    transport = str(entry.get("type", "auto"))
    transport = {"streamable-http": "http", "streamableHttp": "http"}.get(transport, transport)
    if transport not in {v for _l, v in TRANSPORTS}:
        transport = "auto"
    timeout = str(entry.get("timeout", "")) if entry.get("timeout") is not None else ""
    return where, transport, timeout


class ServerEditor(ModalScreen[tuple[str, dict[str, Any]] | None]):
    """A form for one server entry; dismisses with (name, entry) or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="editor-cancel"),
        Binding("f9", "save", "Save", id="editor-save"),
    ]

    def __init__(self, name: str | None = None, entry: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.original_name = name
        self.entry = entry

    def compose(self) -> ComposeResult:
        where, transport, timeout = fields_from_entry(self.entry)
        with Vertical(id="server-editor", classes="modal-box"):
            yield Label("Edit server" if self.original_name else "Add server", classes="modal-title")
            yield Label("Name")
            yield Input(self.original_name or "", placeholder="my-server", id="editor-name")
            yield Label("URL, or command line for a stdio server")
            yield Input(where, placeholder="https://host/mcp  or  python server.py", id="editor-where")
            yield Label("Transport")
            yield Select(TRANSPORTS, value=transport, allow_blank=False, id="editor-transport")
            yield Label("Sign-in")
            yield Select(AUTH_METHODS, value=auth_method_of(self.entry), allow_blank=False, id="editor-auth")
            yield from self._credential_inputs()
            yield Label("Timeout (seconds, optional)")
            yield Input(timeout, placeholder="30", id="editor-timeout", type="number")
            yield Label("Roots: folders the server may see (space-separated; none by default)")
            yield Input(roots_text(self.entry), placeholder="~/projects/app /data", id="editor-roots")
            yield Checkbox(
                "Cautious: confirm every tool not marked read-only",
                bool((self.entry or {}).get("cautious")),
                id="editor-cautious",
            )
            yield Label("", id="editor-error")
            with Horizontal(classes="modal-buttons"):
                yield Button("Save  F9", id="editor-save", variant="primary")
                yield Button("Cancel  Esc", id="editor-cancel")

    def _credential_inputs(self) -> ComposeResult:
        """One hidden group per method; the chosen method's group is shown."""
        saved = dict((self.entry or {}).get("auth") or {})
        for method, fields in CREDENTIAL_FIELDS.items():
            with Vertical(id=f"editor-creds-{method}", classes="editor-credentials") as group:
                group.display = method == auth_method_of(self.entry)
                for key, label, secret in fields:
                    current = str(saved.get(key) or "")
                    shown = current if not secret or is_reference(current) else ""
                    placeholder = "${MY_SECRET}" if secret else ""
                    if secret and current and not shown:
                        placeholder = "saved — leave empty to keep it"
                    yield Label(label)
                    yield Input(
                        shown,
                        placeholder=placeholder,
                        password=secret,
                        id=f"editor-auth-{key}",
                    )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "editor-auth":
            return
        for method in CREDENTIAL_FIELDS:
            self.query_one(f"#editor-creds-{method}").display = event.value == method

    def credentials(self, method: str) -> dict[str, str]:
        """The typed credentials of ``method`` (as typed: nothing is expanded)."""
        return {
            key: self.query_one(f"#editor-auth-{key}", Input).value
            for key, _label, _secret in CREDENTIAL_FIELDS.get(method, [])
        }

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "editor-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        name = self.query_one("#editor-name", Input).value.strip()
        where = self.query_one("#editor-where", Input).value
        transport = str(self.query_one("#editor-transport", Select).value)
        timeout = self.query_one("#editor-timeout", Input).value
        auth_method = str(self.query_one("#editor-auth", Select).value)
        problem = None
        if not name:
            problem = "a name is needed"
        elif not where.strip():
            problem = "a URL or a command line is needed"
        if problem is None:
            try:
                entry = entry_from_fields(
                    where, transport, timeout, self.entry, auth_method, self.credentials(auth_method)
                )
                apply_roots(entry, self.query_one("#editor-roots", Input).value)
                apply_cautious(entry, self.query_one("#editor-cautious", Checkbox).value)
            except ValueError as error:
                problem = str(error)
        if problem is not None:
            self.query_one("#editor-error", Label).update(
                safe_text(f"✖ {problem}")
            )  # names may hold brackets
            return
        self.dismiss((name, entry))


def edit_server(app: McpTuiApp, action: str, name: str | None) -> None:
    """Run the add / edit / remove flow for ``name`` and apply it to the app."""
    from mcptui.core import config

    def current_entry() -> dict[str, Any] | None:
        try:
            entry = config.load_servers(app.servers_file).entry(name or "")
        except McpTuiError:
            entry = None
        if entry is None and name in app.sessions:  # not in the file (a target or the demo)
            entry = config.server_to_entry(app.sessions[name].config)
        return entry

    def saved(answer: tuple[str, dict[str, Any]] | None) -> None:
        if answer is None:
            return
        new_name, entry = answer
        try:
            loaded = config.upsert_server(app.servers_file, new_name, entry)
            if name and new_name != name:
                loaded = config.remove_server(app.servers_file, name)
        except McpTuiError as error:
            app.notify(str(error), severity="error")
            return
        if name and name in app.sessions and name != new_name:
            app.remove_session(name)
        app.disconnect(new_name)
        app.handlers.root_lists.pop(new_name, None)  # the new entry's roots apply
        session = app.add_session(loaded.servers[new_name])
        app.main_screen.refresh_servers()
        app.main_screen.select_server(session.name)
        app.connect(session.name)
        app.notify(f"saved {new_name} to {loaded.path}")

    def removed(confirmed: bool | None) -> None:
        if not confirmed or not name:
            return
        try:
            loaded = config.remove_server(app.servers_file, name)
        except McpTuiError as error:
            app.notify(str(error), severity="error")
            return
        app.remove_session(name)
        app.main_screen.refresh_servers()
        if app.sessions:
            app.main_screen.select_server(next(iter(app.sessions)))
        app.notify(f"removed {name} from {loaded.path}")

    if action == "remove":
        app.push_screen(ConfirmModal(f"Remove server {name!r} from the servers file?"), removed)
    elif action == "edit":
        app.push_screen(ServerEditor(name, current_entry()), saved)
    else:
        app.push_screen(ServerEditor(), saved)
