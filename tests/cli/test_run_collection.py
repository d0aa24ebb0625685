"""``mcptui run`` against the demo over real HTTP: exit codes, the summary, JUnit and JSON reports;
``mcptui collection save|list``."""

from __future__ import annotations

import json
import stat
import xml.etree.ElementTree as ET

from mcptui.core import locations
from mcptui.core.collections import collections_dir, load_file
from mcptui.core.config import ServersFile
from mcptui.core.history import CallRecord, HistoryStore
from mcptui.core.targets import resolve_target


def write(path, calls, target=None) -> str:
    data = {"mcptui_collection": 1, "name": "smoke", "calls": calls}
    if target:
        data["target"] = target
    path.write_text(json.dumps(data))
    return str(path)


PASSING = [
    {
        "name": "echo hi",
        "kind": "tool",
        "item": "echo",
        "arguments": {"text": "hi"},
        "expect": {"jsonpath": [{"path": "$.content[0].text", "equals": "hi"}], "under_ms": 30000},
    },
    {
        "name": "forecast",
        "kind": "tool",
        "item": "get_forecast",
        "arguments": {"city": "Oslo"},
        "expect": {"output_schema": True},
    },
    {
        "name": "readme",
        "kind": "resource",
        "item": "demo://readme",
        "expect": {"jsonpath": [{"path": "$.contents[0].uri", "equals": "demo://readme"}]},
    },
]


def test_a_passing_collection_exits_0_with_both_reports(run_cli, demo_http_url, tmp_path) -> None:
    junit, report = tmp_path / "r.xml", tmp_path / "r.json"
    path = write(tmp_path / "c.json", PASSING, target=demo_http_url)  # the file's own target
    run = run_cli("run", path, "--report", f"junit:{junit}", "--report", f"json:{report}")
    assert run.code == 0, run.err
    assert "PASS  echo hi" in run.out and "3 passed, 0 failed of 3 calls" in run.out
    suite = ET.parse(junit).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("3", "0")
    assert [c.get("name") for c in suite.iter("testcase")] == ["echo hi", "forecast", "readme"]
    assert not list(suite.iter("failure"))
    data = json.loads(report.read_text())
    assert (data["total"], data["passed"], data["failed"]) == (3, 3, 0)
    assert stat.S_IMODE(junit.stat().st_mode) == 0o600


def test_a_failed_expectation_exits_1_and_says_why(run_cli, demo_http_url, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("MCPTUI_TOKEN", raising=False)
    calls = [
        *PASSING[:1],
        {
            "name": "wrong text",
            "kind": "tool",
            "item": "echo",
            "arguments": {"text": "hello"},
            "expect": {"jsonpath": [{"path": "$.content[0].text", "matches": "^bye"}]},
        },
        {"name": "fails", "kind": "tool", "item": "fail", "arguments": {"message": "<b>&\x1b[2Jboom"}},
        {"name": "needs a secret", "kind": "tool", "item": "echo", "arguments": {"text": "${MCPTUI_TOKEN}"}},
        {"name": "no such tool", "kind": "tool", "item": "nope"},
    ]
    junit = tmp_path / "r.xml"
    run = run_cli("run", write(tmp_path / "c.json", calls), demo_http_url, "--report", f"junit:{junit}")
    assert run.code == 1, run.err
    assert "1 passed, 4 failed of 5 calls" in run.out
    assert "does not match /^bye/" in run.out
    assert "MCPTUI_TOKEN is not set" in run.out
    assert "\x1b" not in run.out
    suite = ET.parse(junit).getroot()  # well-formed despite the hostile text
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "4", "0")
    failures = {c.get("name"): c.find("failure") for c in suite.iter("testcase")}
    assert failures["echo hi"] is None
    assert "does not match /^bye/" in failures["wrong text"].get("message")
    boom = failures["fails"].get("message")
    assert "isError: true" in boom and "<b>&␛[2Jboom" in boom  # escaped by XML, controls made visible
    assert "<b>" not in junit.read_text()
    assert "not set" in failures["needs a secret"].get("message")
    assert "no tool named 'nope'" in failures["no such tool"].get("message")


def test_a_secret_variable_from_the_environment_is_sent(
    run_cli, demo_http_url, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("MCPTUI_TOKEN", "from-env")
    calls = [
        {
            "name": "s",
            "kind": "tool",
            "item": "echo",
            "arguments": {"text": "${MCPTUI_TOKEN}"},
            "expect": {"jsonpath": [{"path": "$.content[0].text", "equals": "from-env"}]},
        }
    ]
    run = run_cli("run", write(tmp_path / "c.json", calls), demo_http_url, "--json")
    assert run.code == 0, run.out
    assert json.loads(run.out)["calls"][0]["passed"] is True


def test_run_exit_codes_for_usage_and_connection_failures(run_cli, refused_url, tmp_path) -> None:
    path = write(tmp_path / "c.json", PASSING)
    assert run_cli("run", path).code == 1  # no target anywhere
    assert run_cli("run", str(tmp_path / "missing.json"), refused_url).code == 1
    assert run_cli("run", path, refused_url, "--report", "xml:out").code == 1
    run = run_cli("run", path, refused_url)
    assert run.code == 4, run.err


def test_save_from_history_then_list_and_run(run_cli, demo_http_url, tmp_path) -> None:
    config = resolve_target(demo_http_url, None, ServersFile(path=locations.servers_file()))
    store = HistoryStore()
    store.load(config.name, config.cache_slug)
    store.add(CallRecord(config.name, "tool", "echo", {"text": "older"}))
    store.add(CallRecord(config.name, "tool", "echo", {"text": "newest", "api_key": "sk-live"}))
    run = run_cli("collection", "save", "mine", demo_http_url, "--from-history", "1", "--as", "echo newest")
    assert run.code == 0, run.err
    path = collections_dir() / "mine.json"
    assert "sk-live" not in path.read_text() and "${MCPTUI_API_KEY}" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run_cli("collection", "save", "mine", demo_http_url, "--from-history", "2").code == 0
    saved = load_file(path)
    assert [c.name for c in saved.calls] == ["echo newest", "echo"]
    assert saved.target == demo_http_url
    assert run_cli("collection", "save", "mine", demo_http_url, "--from-history", "9").code == 1
    listed = run_cli("collection", "list")
    assert "mine  2 calls on " in listed.out
    rows = json.loads(run_cli("collection", "list", "--json").out)["collections"]
    assert rows[0]["calls"] == ["echo newest", "echo"]
    only = run_cli("run", "mine", "--only", "echo")  # by name; its own target
    assert only.code == 0, only.err + only.out
    assert "1 passed, 0 failed of 1 call" in only.out


def test_the_progress_line_shows_only_on_a_terminal(monkeypatch) -> None:
    import io

    from mcptui.cli import commands_run
    from mcptui.core.collections import SavedCall

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert commands_run._progress(2) is None
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    commands_run._progress(2)(0, 2, SavedCall("echo \x1b[2J", "tool", "echo"))
    assert terminal.getvalue() == "\r\033[K[1/2] echo ␛[2J"
