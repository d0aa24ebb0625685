"""`mcptui snapshot` and `mcptui diff` against the real demo and its changed variant, over HTTP and stdio."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcptui.core.catalog_diff import EXIT_BREAKING, EXIT_DIFFERENT, EXIT_SAME
from mcptui.core.catalog_snapshot import SNAPSHOT_FORMAT
from mcptui.demo.variant import EXPECTED_CHANGES
from tests.hostile_server import PAYLOAD, RAW_BYTES
from tests.servers import demo_stdio_command, running_demo


@pytest.fixture(scope="module")
def variant_url() -> Iterator[str]:
    with running_demo("--variant", "changed", transport="http") as demo:
        yield demo.url


def snapshot_file(run_cli, target: str, path: Path, *more: str) -> Path:
    result = run_cli("snapshot", target, *more)
    assert result.code == 0, result.err
    path.write_text(result.out, encoding="utf-8")
    return path


def test_snapshot_prints_the_versioned_stable_document(run_cli, demo_http_url: str) -> None:
    first = run_cli("snapshot", demo_http_url)
    assert first.code == 0, first.err
    document = json.loads(first.out)
    assert document["format"] == SNAPSHOT_FORMAT and document["version"] == 1
    assert document["serverInfo"]["name"] == "mcptui-demo" and document["transport"] == "http"
    assert "echo" in [t["name"] for t in document["tools"]]
    second = run_cli("snapshot", demo_http_url)
    strip = lambda text: [line for line in text.splitlines() if '"takenAt"' not in line]  # noqa: E731
    assert strip(first.out) == strip(second.out)  # the same server twice: the same text


def test_snapshot_to_file_then_diff_against_the_same_live_server_is_same(
    run_cli, demo_http_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "demo.json"
    assert run_cli("snapshot", demo_http_url, "-o", str(path)).code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    same = run_cli("diff", str(path), demo_http_url)
    assert same.code == EXIT_SAME, same.out + same.err
    assert "no changes" in same.out
    as_json = run_cli("diff", str(path), demo_http_url, "--json")
    assert as_json.code == EXIT_SAME and json.loads(as_json.out)["same"] is True


def test_diff_demo_and_variant_human_output_marks_breaking(
    run_cli, demo_http_url: str, variant_url: str
) -> None:
    result = run_cli("diff", demo_http_url, variant_url)
    assert result.code == EXIT_BREAKING, result.err
    out = result.out
    assert "  + translate\n" in out
    assert "  - write_stderr  [breaking]" in out
    assert "  ~ add\n      ~ description: description changed" in out
    assert "+ inputSchema.required.repeat: 'repeat' now required  BREAKING" in out
    assert "- inputSchema.properties.color.enum: enum value(s) removed: 'yellow'  BREAKING" in out
    assert "annotations.readOnlyHint: readOnlyHint true → false  BREAKING" in out
    assert "+ arguments.audience: optional argument added" in out
    assert out.rstrip().endswith("8 change(s) in 7 item(s) (4 breaking)")


def test_diff_demo_and_variant_json_lists_every_known_change(
    run_cli, demo_http_url: str, variant_url: str
) -> None:
    result = run_cli("diff", demo_http_url, variant_url, "--json")
    assert result.code == EXIT_BREAKING, result.err
    data = json.loads(result.out)
    assert data["exitCode"] == EXIT_BREAKING and data["breaking"] is True
    found = [(c["kind"], c["name"], c.get("path", ""), c["breaking"]) for c in data["changes"]]
    assert found == EXPECTED_CHANGES


def test_diff_different_but_not_breaking_exits_1(
    run_cli, variant_url: str, demo_http_url: str, tmp_path: Path
) -> None:
    # the reverse direction has breaking changes too; make a file whose only change is a description
    document = json.loads(run_cli("snapshot", demo_http_url).out)
    for tool in document["tools"]:
        if tool["name"] == "add":
            tool["description"] = "something else"
    path = tmp_path / "described.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("diff", str(path), demo_http_url)
    assert result.code == EXIT_DIFFERENT, result.out + result.err
    assert "1 change(s) in 1 item(s)" in result.out and "BREAKING" not in result.out


def test_diff_file_against_stdio_variant(run_cli, demo_http_url: str, tmp_path: Path) -> None:
    path = snapshot_file(run_cli, demo_http_url, tmp_path / "demo.json")
    result = run_cli("diff", str(path), "--json", "--", *demo_stdio_command("--variant", "changed"))
    assert result.code == EXIT_BREAKING, result.err
    data = json.loads(result.out)
    assert data["before"]["transport"] == "http" and data["after"]["transport"] == "stdio"
    assert [
        (c["kind"], c["name"], c.get("path", ""), c["breaking"]) for c in data["changes"]
    ] == EXPECTED_CHANGES


def test_same_server_over_two_eras_differs_only_in_tasks(run_cli, demo_http_url: str) -> None:
    """The demo's tasks are a 2025-11-25 utility and a 2026-07-28 extension: the tasks capability,
    the extension and the research tool's task support are the only differences between the eras."""
    result = run_cli(
        "diff", demo_http_url, demo_http_url, "--era-a", "2025-11-25", "--era-b", "2026-07-28", "--json"
    )
    data = json.loads(result.out)
    changes = data["changes"]
    assert changes and all(
        (c["kind"] == "capability" and c["name"].startswith(("tasks", "extensions")))
        or c["name"] == "research"
        for c in changes
    ), changes
    assert (data["before"]["protocolVersion"], data["after"]["protocolVersion"]) == (
        "2025-11-25",
        "2026-07-28",
    )


def test_modern_era_asked_of_a_legacy_only_server_is_an_error(run_cli, demo_legacy_url: str) -> None:
    result = run_cli("snapshot", demo_legacy_url, "--era", "2026-07-28")
    assert result.code == 4 and "answered in protocol 2025-11-25, not 2026-07-28" in result.err
    assert json.loads(run_cli("snapshot", demo_legacy_url, "--era", "legacy").out)["tools"]


def test_connection_failure_keeps_the_unreachable_exit_code(
    run_cli, refused_url: str, demo_http_url: str
) -> None:
    assert run_cli("diff", refused_url, demo_http_url).code == 4
    assert run_cli("snapshot", refused_url).code == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("diff",), "missing A"),
        (("diff", "a.json", "b.json"), "no snapshot file a.json"),
        (("diff", "x", "y", "z"), "unexpected argument 'z'"),
        (("diff", "--era-a", "1999", "x", "y"), "unknown era"),
    ],
)
def test_diff_usage_errors(run_cli, argv: tuple[str, ...], message: str) -> None:
    result = run_cli(*argv)
    assert result.code == 1 and message in result.err


def test_diff_refuses_a_file_that_is_not_a_snapshot(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"tools": []}', encoding="utf-8")
    result = run_cli("diff", str(path), str(path))
    assert result.code == 1 and "not an mcptui catalog snapshot" in result.err


def hostile_document(name: str, description: str) -> dict:
    return {
        "format": SNAPSHOT_FORMAT,
        "version": 1,
        "serverInfo": {"name": f"srv{PAYLOAD}", "version": PAYLOAD},
        "tools": [{"name": name, "description": description, "inputSchema": {"type": "object"}}],
        "prompts": [],
        "resources": [],
        "resourceTemplates": [],
        "capabilities": {f"cap{PAYLOAD}": {}},
    }


@pytest.mark.parametrize("as_json", [False, True])
def test_hostile_strings_are_sanitized_in_diff_output(run_cli, tmp_path: Path, as_json: bool) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(hostile_document(f"t{PAYLOAD}", f"one{PAYLOAD}")), encoding="utf-8")
    b.write_text(json.dumps(hostile_document(f"t{PAYLOAD}", f"two{PAYLOAD}\nline")), encoding="utf-8")
    b_doc = json.loads(b.read_text())
    b_doc["tools"].append({"name": f"new{PAYLOAD}", "inputSchema": {"type": "object"}})
    b_doc["capabilities"] = {}
    b.write_text(json.dumps(b_doc), encoding="utf-8")
    result = run_cli("diff", str(a), str(b), *(["--json"] if as_json else []))
    assert result.code == EXIT_BREAKING, result.err
    raw = [repr(c) for c in RAW_BYTES if c in result.out]
    assert not raw, f"raw control characters reached the terminal: {raw}"
    if as_json:
        assert json.loads(result.out)["changes"][0]["kind"] == "tool"
    else:
        assert "+ new␛[2J" in result.out and "- cap␛[2J" in result.out
        assert "\nline" not in result.out  # a server's newline cannot forge an output line
