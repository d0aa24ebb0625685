"""Issue 9 point 9 (part): local write failures and CRLF header values are one clear line."""

from __future__ import annotations

import json

from mcptui.core import config


def test_an_unwritable_servers_file_is_one_line_not_an_internal_error(run_cli, tmp_path, monkeypatch):
    source = tmp_path / "other.json"
    source.write_text(json.dumps({"mcpServers": {"a": {"url": "http://127.0.0.1:1/mcp"}}}))
    target = tmp_path / "ro" / "servers.json"

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(config, "save_servers", read_only)
    run = run_cli("import", str(source), "--config", str(target))
    assert run.code == 1
    assert run.err.splitlines()[0] == f"error: cannot write {target}: Permission denied"
    assert "internal error" not in run.err


def test_a_header_value_with_crlf_is_refused_without_echoing_it(run_cli):
    run = run_cli("list", "http://127.0.0.1:1/mcp", "-H", "X-Token: s3cr3t\r\nInjected: yes")
    assert run.code == 1
    assert run.err.splitlines()[0] == "error: --header 'X-Token': the value contains a line break or NUL"
    assert "s3cr3t" not in run.err and "Injected" not in run.err


def test_a_redirect_over_streamable_http_is_exit_4_like_over_sse():
    from tests.hostile.conftest import mcptui
    from tests.hostile.http_server import serving

    with serving("redirect", 0) as url:
        run = mcptui("list", url, "--transport", "http")
    assert run.code == 4, run.err
    assert run.err.splitlines()[0] == f"error: {url} answered with a redirect"
    assert "Redirect to http://127.0.0.1:9/elsewhere/mcp not followed" in run.err


def test_an_unwritable_save_dir_keeps_the_result_and_says_why(run_cli, demo_http_url, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = run_cli("call", demo_http_url, "show_image", "--save-dir", str(blocker / "out"))
    assert run.code == 0, run.err
    assert "[image image/png," in run.out and "(not saved: cannot write" in run.out
    assert run.err.splitlines() == [
        f"warning: --save-dir: not saved: cannot write {blocker / 'out'}: Not a directory"
    ]
