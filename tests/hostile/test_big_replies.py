"""Issue 9 point 5 (and the SSE part of 8): decompressed bodies and SSE events have a size limit
with a clear message; the SSE event cap is lifted from the SDK's 1 MiB so a 50 MB result works."""

from __future__ import annotations

import resource

import pytest

from tests.hostile.conftest import mcptui
from tests.hostile.http_server import serving

MB = 1_000_000


def _peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def test_a_gzip_bomb_is_refused_with_bounded_time_and_memory():
    with serving("gzip-bomb", 400 * MB) as url:  # ~400 KB on the wire, 400 MB inflated
        run = mcptui("list", url)
    assert run.code == 4
    assert run.err.splitlines()[0] == (
        f"error: the reply from {url} is larger than 256 MiB once decompressed; not read"
    )
    assert "MCPTUI_MAX_BODY_MB" in run.err
    assert run.seconds < 30
    assert _peak_child_rss_mb() < 700  # the inflated body is never held whole


def test_the_body_limit_is_configurable():
    with serving("gzip-bomb", 20 * MB) as url:
        run = mcptui("list", url, env={"MCPTUI_MAX_BODY_MB": "8"})
    assert run.code == 4
    assert "larger than 8 MiB once decompressed" in run.err


def test_a_50_mb_result_in_one_sse_event_works():
    with serving("big-event", 50 * MB) as url:
        run = mcptui("call", url, "big", "--json", timeout=120)
    assert run.code == 0, run.err[:300]
    assert len(run.out) > 50 * MB and run.err == ""


@pytest.mark.parametrize("limit", ["1", "2"])
def test_an_event_over_the_limit_says_so_not_that_the_server_exited(limit):
    with serving("big-event", 3 * MB) as url:
        run = mcptui("call", url, "big", env={"MCPTUI_MAX_EVENT_MB": limit})
    assert run.code == 4, run.err
    assert run.err.splitlines()[0] == f"error: {url} sent one event larger than {limit} MiB; not read"
    assert "may have exited" not in run.err
