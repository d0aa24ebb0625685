"""The loopback listener and paste-back: only the expected path and state, once."""

from __future__ import annotations

import socket

import httpx2
import pytest

from mcptui.core.auth.callback import CallbackListener, parse_pasted
from mcptui.core.errors import AuthError


async def get(url: str) -> httpx2.Response:
    async with httpx2.AsyncClient() as client:
        return await client.get(url)


async def test_accepts_expected_state_and_answers_with_a_closing_page():
    async with CallbackListener(0) as listener:
        listener.expect("S1")
        response = await get(listener.redirect_uri + "?code=C1&state=S1&iss=https%3A%2F%2Fa")
        assert response.status_code == 200 and "close this tab" in response.text
        result = await listener.wait()
        assert (result.code, result.iss, result.source) == ("C1", "https://a", "listener")


async def test_hostile_requests_are_refused_and_the_real_one_still_wins():
    async with CallbackListener(0) as listener:
        listener.expect("GOOD")
        base = f"http://127.0.0.1:{listener.port}"
        assert (await get(base + "/other?code=C&state=GOOD")).status_code == 404
        assert (await get(listener.redirect_uri + "?code=C&state=BAD")).status_code == 400
        assert (await get(listener.redirect_uri + "?code=C")).status_code == 400
        assert (await get(listener.redirect_uri + "?state=GOOD")).status_code == 400
        async with httpx2.AsyncClient() as client:
            assert (await client.post(listener.redirect_uri, content=b"code=C&state=GOOD")).status_code == 405
        assert (await get(listener.redirect_uri + "?code=REAL&state=GOOD")).status_code == 200
        replay = await get(listener.redirect_uri + "?code=REAL&state=GOOD")
        assert replay.status_code == 400 and "already used" in replay.text
        assert (await listener.wait()).code == "REAL"
        assert listener.rejected[:3] == [
            "wrong path /other",
            "the response's state does not match this authorization request",
            "the response has no state",
        ]


async def test_paste_back_validates_like_the_listener():
    async with CallbackListener(0) as listener:
        listener.expect("S")
        assert listener.deliver(parse_pasted("http://127.0.0.1:1/callback?code=C&state=WRONG")) == (
            False,
            "the response's state does not match this authorization request",
        )
        assert listener.deliver(parse_pasted("?code=C2&state=S"))[0]
        assert not listener.deliver(parse_pasted("code=C3&state=S"))[0]  # replay
        assert (await listener.wait()).code == "C2"


def test_parse_pasted_forms():
    assert parse_pasted(" http://127.0.0.1:8085/callback?code=a&state=b&iss=x ") == {
        "code": "a",
        "state": "b",
        "iss": "x",
    }
    assert parse_pasted("?code=a&state=b") == {"code": "a", "state": "b"}
    assert parse_pasted("code=a&state=b") == {"code": "a", "state": "b"}
    assert parse_pasted("'bare-code'") == {"code": "bare-code"}
    assert parse_pasted("  ") == {}


async def test_bare_code_paste_is_accepted_without_state_check():
    async with CallbackListener(0) as listener:
        listener.expect("S")
        assert listener.deliver(parse_pasted("just-a-code"))[0]
        result = await listener.wait()
        assert result.code == "just-a-code" and not result.state_checked


async def test_first_free_port_of_the_range_and_clear_error_when_none():
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    busy = blocker.getsockname()[1]
    try:
        async with CallbackListener([busy, 0]) as listener:
            assert listener.port != busy
        with pytest.raises(AuthError, match="no free port"):
            await CallbackListener([busy]).start()
    finally:
        blocker.close()
