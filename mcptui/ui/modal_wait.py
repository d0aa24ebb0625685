"""Await a modal screen's answer from a coroutine: push it, resolve a future on dismiss.

Used where the core asks a person something (sign-in, token, elicitation, sampling): the
asking coroutine waits without blocking the UI. If the wait is cancelled (the request was
abandoned, or the browser's callback won the race), the dialog closes by itself.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


async def ask_modal(app: App[Any], screen: Any) -> Any:
    """Push ``screen`` and return what it is dismissed with."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def done(result: Any) -> None:
        if not future.done():
            future.set_result(result)

    app.push_screen(screen, callback=done)
    try:
        return await future
    except asyncio.CancelledError:
        if screen in app.screen_stack:
            if app.screen is screen:
                screen.dismiss(None)
            else:
                screen.remove()
        raise
