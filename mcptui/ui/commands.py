"""Command palette entries: ``noun: verb`` commands, and the "go to" item palette.

:class:`AppCommands` offers what makes sense now (e.g. "call: cancel" only while a call
runs). :func:`goto_commands` lists every tool, prompt, resource and template of every
server for ``App.search_commands``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand

from mcptui.ui.safe_text import safe_markup

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp

KIND_NOUNS = {"tool": "tool", "prompt": "prompt", "resource": "resource", "template": "template"}


def app_commands(app: McpTuiApp) -> list[tuple[str, Callable[[], Any], str]]:
    """(title, callback, help) for every command available right now."""
    screen = app.main_screen
    commands: list[tuple[str, Callable[[], Any], str]] = [
        ("go to: tool, prompt or resource", app.open_goto_palette, "Jump to any item of any server (g)"),
        ("server: add", partial(app.edit_server, "add", None), "Add a server to the servers file (n)"),
        ("view: servers", partial(screen.action_focus_pane, "servers"), "Focus the server list (s)"),
        ("view: catalog", partial(screen.action_focus_pane, "catalog"), "Focus the catalog tree (t)"),
        (
            "view: filter catalog",
            partial(screen.action_focus_pane, "catalog-filter"),
            "Filter the catalog (/)",
        ),
        ("view: arguments form", partial(screen.action_focus_pane, "form"), "Focus the form (a)"),
        ("view: history", partial(screen.action_focus_pane, "history"), "Show the call history (h)"),
        ("view: console", partial(screen.action_focus_pane, "console"), "Focus the console (c)"),
        ("view: toggle console", screen.action_toggle_console, "Show or hide the console (F4)"),
        ("help: keys and panes", app.action_help, "Help for the focused pane (F1)"),
        ("theme: change", app.action_change_theme, "Pick a theme (including ANSI themes)"),
        ("app: screenshot", app.action_screenshot, "Save an SVG screenshot (F8)"),
        ("app: quit", app.action_quit, "Quit mcptui (ctrl+q)"),
    ]
    session = screen.session if screen.is_mounted else None
    if session is not None:
        name = session.name
        commands += [
            (f"server: reconnect {name}", screen.action_reconnect, "Reconnect / retry (F7)"),
            (f"server: edit {name}", partial(app.edit_server, "edit", name), "Edit this server (e)"),
            (f"server: remove {name}", partial(app.edit_server, "remove", name), "Remove this server (d)"),
            (
                f"auth: show credentials and sign-in steps of {name}",
                screen.action_auth_panel,
                "Auth panel (u)",
            ),
            (
                f"roots: edit the roots offered to {name}",
                partial(app.edit_roots, name),
                "Roots of this server",
            ),
        ]
        if session.connected:
            commands += [
                (f"catalog: resync {name}", screen.action_resync, "Reload the catalog (F5)"),
                (f"server: disconnect {name}", partial(app.disconnect, name), "Close the connection"),
            ]
    from mcptui.ui.widgets.detail_pane import DetailPane  # loaded with the main screen already

    detail_item = screen.query_one("#detail", DetailPane).item if screen.is_mounted else None
    offers_resources = bool(
        session and session.catalog and (session.catalog.capabilities or {}).get("resources")
    )
    if (
        session is not None
        and session.connected
        and offers_resources
        and detail_item
        and detail_item.kind == "resource"
    ):
        verb = "unsubscribe from" if detail_item.key in session.subscriptions else "subscribe to"
        commands.append(
            (
                f"resource: {verb} {detail_item.key}",
                partial(screen.toggle_subscription, detail_item.key),
                "Get notified when it changes",
            )
        )
    last = (
        app.history.records(session.name)[-1]
        if session is not None and app.history.records(session.name)
        else None
    )
    if last is not None:
        commands += [
            ("copy: last result as JSON", partial(copy_record, app, last, "result"), "OSC 52 clipboard"),
            (
                "export: last call as an mcptui command",
                partial(copy_record, app, last, "command"),
                "OSC 52 clipboard",
            ),
        ]
    if screen.is_mounted and screen.check_action("cancel_call", ()):
        commands.append(("call: cancel", screen.action_cancel_call, "Cancel the running call (Esc)"))
    if screen.is_mounted and screen.check_action("send", ()):
        commands.append(("call: send", screen.action_send, "Send the current call (F9)"))
    return commands


def copy_record(app: McpTuiApp, record: Any, what: str) -> None:
    """Copy a call's result as JSON, or the call as a command line (terminal clipboard, OSC 52)."""
    if what == "result" and record.result is not None:  # a cut one: whole, or said why not
        from mcptui.ui.copy_json import copy_result_json

        copy_result_json(app, record.result)
    elif what == "result":
        app.copy_to_clipboard(record.result_json())
        app.notify("result copied as JSON")
    else:
        app.copy_to_clipboard(record.as_command(*app.command_target(record.server)))
        app.notify("call copied as an mcptui command")


def _help(text: str | None) -> str | None:
    """A palette help text: the palette parses it as markup, so server text is escaped."""
    return safe_markup(text) if text else text


class AppCommands(Provider):
    """The app's own commands in the palette."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in app_commands(self.app):  # type: ignore[arg-type]
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(safe_markup(title)), callback, help=_help(help_text))

    async def discover(self) -> Hits:
        for title, callback, help_text in app_commands(self.app):  # type: ignore[arg-type]
            yield DiscoveryHit(safe_markup(title), callback, help=_help(help_text))


def goto_commands(app: McpTuiApp) -> list[SimpleCommand]:
    """One command per catalog item of every server: ``tool: name  (server)``."""
    from mcptui.ui.widgets.catalog_tree import GROUPS, CatalogItem

    commands: list[SimpleCommand] = []
    several = len(app.sessions) > 1
    for session in app.sessions.values():
        catalog = session.catalog
        if catalog is None:
            continue
        for kind, _title, attr in GROUPS:
            for data in getattr(catalog, attr):
                item = CatalogItem.of(session.name, kind, data)
                where = f"  ({session.name})" if several else ""
                commands.append(
                    SimpleCommand(
                        f"{KIND_NOUNS[kind]}: {safe_markup(item.key)}{safe_markup(where)}",
                        partial(app.main_screen.goto_item, item),
                        _help(str(data.get("description") or "").strip().split("\n")[0][:100] or None),
                    )
                )
    return commands
