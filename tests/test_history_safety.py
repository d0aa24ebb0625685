"""History without secrets, bounded and read lazily; secret fields masked in the form (Pilot)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mcptui.core.history import CallRecord, HistoryStore
from mcptui.core.secret_args import SECRET_MARKER, secret_argument_names, without_secrets
from mcptui.core.server_config import ServerConfig

PASSWORD_SCHEMA = {
    "properties": {
        "user": {"type": "string"},
        "password": {"type": "string", "format": "password"},
        "pin": {"type": "string", "writeOnly": True},
        "note": {"type": "string"},
    }
}


def test_secret_arguments_by_schema_and_by_name() -> None:
    names = secret_argument_names(PASSWORD_SCHEMA, {"api_key": "k", "authorization": "Bearer x", "text": "t"})
    assert names == {"password", "pin", "api_key", "authorization"}
    args = {"user": "me", "password": "hunter2", "note": "n"}
    assert without_secrets(PASSWORD_SCHEMA, args) == {"user": "me", "password": SECRET_MARKER, "note": "n"}
    plain = {"user": "me"}
    assert without_secrets(PASSWORD_SCHEMA, plain) is plain


def test_the_history_file_never_holds_a_secret(tmp_path) -> None:
    store = HistoryStore(tmp_path)
    store.load("s", "s")
    record = CallRecord(
        server="s", kind="tool", name="sign_in", arguments={"user": "me", "password": "hunter2"}
    )
    store.add(record, PASSWORD_SCHEMA)
    store.add(CallRecord(server="s", kind="prompt", name="p", arguments={"token": "tok-123", "q": "x"}))
    text = (tmp_path / "s.jsonl").read_text()
    assert "hunter2" not in text and "tok-123" not in text and SECRET_MARKER in text
    again = HistoryStore(tmp_path).load("s", "s")
    assert again[0].arguments == {"user": "me", "password": SECRET_MARKER}


def test_history_is_bounded_in_entries_and_bytes(tmp_path) -> None:
    store = HistoryStore(tmp_path, keep=10, max_bytes=20_000)
    store.load("s", "s")
    for i in range(200):
        store.add(
            CallRecord(server="s", kind="tool", name="echo", arguments={"i": i}, result={"content": []})
        )
    lines = (tmp_path / "s.jsonl").read_text().splitlines()
    assert len(lines) <= 10 + 10 // 4 and json.loads(lines[-1])["arguments"] == {"i": 199}
    assert len(store.records("s")) == 10
    big = {"content": [{"type": "text", "text": "x" * 100_000}]}
    store.add(CallRecord(server="s", kind="tool", name="big", result=big))
    path = tmp_path / "s.jsonl"
    assert path.stat().st_size <= 20_000
    kept = json.loads(path.read_text().splitlines()[-1])["result"]
    assert "not kept in the history" in kept["content"][0]["text"] and kept["_mcptuiTruncated"] > 100_000
    assert store.records("s")[-1].result is big  # the session still has the whole result


def test_loading_reads_only_the_tail_of_a_huge_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "s.jsonl"
    line = json.dumps({"server": "s", "kind": "tool", "name": "echo", "arguments": {"pad": "p" * 900}})
    with path.open("w") as fh:
        for i in range(6_000):  # ~5.6 MB
            fh.write(line.replace('"echo"', f'"echo{i}"') + "\n")
    assert path.stat().st_size > 5_000_000
    read = []
    real_open = Path.open

    class Counting:
        def __init__(self, fh) -> None:
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.fh.close()

        def read(self, *a):
            data = self.fh.read(*a)
            read.append(len(data))
            return data

        def __getattr__(self, name):
            return getattr(self.fh, name)

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Counting(real_open(self, *a, **k)))
    records = HistoryStore(tmp_path, keep=50, max_bytes=200_000).load("s", "s")
    assert sum(read) <= 200_000
    assert len(records) == 50 and records[-1].name == "echo5999"


# --- the TUI ---------------------------------------------------------------------------------

PROBE = ServerConfig(
    name="secrets",
    transport="stdio",
    command=sys.executable,
    args=[str(Path(__file__).parent / "secret_server.py")],
)


async def test_secrets_are_masked_kept_out_and_asked_for_again() -> None:
    from textual.widgets import Input

    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
    from mcptui.ui.widgets.detail_pane import DetailPane
    from mcptui.ui.widgets.form_scalars import StringBox
    from mcptui.ui.widgets.history import HistoryPane
    from tests.ui.conftest import connected, wait_for

    app = McpTuiApp([PROBE])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: connected(app, "secrets"))
        session = app.sessions["secrets"]
        item = CatalogItem.of("secrets", "tool", session.catalog.tool("sign_in"))
        app.main_screen.query_one(CatalogTree).select_item(item)
        app.main_screen.show_item(item, values={"user": "me", "password": "hunter2"})
        detail = app.main_screen.query_one(DetailPane)
        await pilot.pause()
        boxes = {tuple(b.path): b for b in detail.query(StringBox)}
        secret_input = boxes[("password",)].query_one(Input)
        assert secret_input.password and not boxes[("user",)].query_one(Input).password
        secret_input.focus()
        await pilot.press("f3")  # reveal, then hide again
        assert not secret_input.password
        await pilot.press("f3")
        assert secret_input.password
        await pilot.press("f9")
        records = app.history.records("secrets")
        await wait_for(pilot, lambda: records, what="the call")
        assert records[-1].ok and records[-1].arguments["password"] == SECRET_MARKER
        files = list(app.history.directory.glob("*.jsonl"))
        assert files and "hunter2" not in files[0].read_text()

        # re-run from the history: the form opens with the secret empty and focused, nothing sent
        app.main_screen.query_one(HistoryPane).post_message(HistoryPane.Rerun(records[-1]))
        await wait_for(pilot, lambda: any("not kept in the history" in n.message for n in app._notifications))
        await pilot.pause()
        await pilot.pause()
        boxes = {tuple(b.path): b for b in detail.query(StringBox)}
        assert boxes[("password",)].query_one(Input).value == ""
        assert boxes[("user",)].query_one(Input).value == "me"
        assert app.focused is boxes[("password",)].query_one(Input)
        assert len(records) == 1


def test_the_bounds_come_from_the_settings(tmp_path) -> None:
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.settings import UiSettings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"historyEntries": 7, "historyBytes": 12345, "confirmDestructive": "no"}))
    settings = UiSettings.load(path)
    assert (settings.history_entries, settings.history_bytes, settings.confirm_destructive) == (
        7,
        12345,
        True,
    )
    app = McpTuiApp([], settings=settings, auto_connect=False)
    assert (app.history.keep, app.history.max_bytes) == (7, 12345)
    path.write_text(json.dumps({"historyEntries": -1, "historyBytes": True}))
    assert (UiSettings.load(path).history_entries, UiSettings.load(path).history_bytes) == (500, 5_000_000)


def test_an_unwritable_history_says_so_once_and_keeps_the_calls(tmp_path) -> None:
    blocked = tmp_path / "history"
    blocked.write_text("a file where the folder should be")  # root can write anywhere else
    problems: list[str] = []
    store = HistoryStore(blocked, on_write_error=problems.append)
    store.load("s", "s")
    store.add(CallRecord(server="s", kind="tool", name="echo", arguments={"text": "a"}))
    store.add(CallRecord(server="s", kind="tool", name="echo", arguments={"text": "b"}))
    assert len(problems) == 1 and problems[0].startswith("history: cannot write")
    assert "kept for this session" in problems[0]
    assert [r.arguments["text"] for r in store.records("s")] == ["a", "b"]
