"""Issue 9 point 8: each broken reply is reported as what it is, at once, in one line."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import hostile, mcptui


@pytest.mark.parametrize(
    ("mode", "n", "says"),
    [
        ("deep-json", 5000, "sent JSON nested too deeply to read"),
        ("wrong-id", None, "answered with id 987654, which no request of ours has"),
    ],
)
def test_an_unusable_answer_fails_the_call_at_once(mode, n, says):
    run = mcptui("--timeout", "30", "call", "echo", "x=1", "--", *hostile(mode, n))
    assert run.code == 4
    assert run.err.splitlines()[0].endswith(says), run.err
    assert "did not answer in time" not in run.err
    assert run.seconds < 15  # not the 30 s timeout


def test_invalid_utf8_on_stdout_is_replaced_not_a_timeout():
    run = mcptui("--timeout", "30", "call", "echo", "x=1", "--", *hostile("bad-utf8"))
    assert run.code == 0, run.err
    assert run.out.strip() == "bad \ufffd\ufffd bytes"
    assert run.seconds < 15


def test_an_invalid_tool_schema_is_named_and_the_others_shown():
    run = mcptui("list", "--", *hostile("bad-tool"))
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        "warning: invalid tool 'broken' (tools[1]) left out: inputSchema.type: Input should be 'object'"
    ]
    assert "echo" in run.out


def test_the_stale_banner_says_connecting_failed_with_the_reason(run_cli, refused_url):
    from mcptui.core import locations
    from mcptui.core.catalog import Catalog, CatalogCache
    from mcptui.core.config import ServersFile
    from mcptui.core.targets import resolve_target

    config = resolve_target(refused_url, None, ServersFile(path=locations.servers_file()))
    CatalogCache(locations.catalog_cache_dir()).save(config.cache_slug, Catalog(tools=[{"name": "old"}]))
    run = run_cli("list", refused_url)
    assert run.code == 4
    assert "STALE: connecting failed (connection refused by" in run.out
    assert "could not be reached" not in run.out
