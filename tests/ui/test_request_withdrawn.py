"""Issue 11 point 4: a server request the server withdraws closes its dialog, says so, sends nothing.

The SDK cancels the handler of a request the server cancels (``notifications/cancelled``) and
never answers it; here the handler's wait is cancelled the same way, with the dialog open.
"""

from __future__ import annotations

import pytest

from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.elicitation import ElicitationScreen
from mcptui.ui.screens.sampling import SamplingScreen
from mcptui.ui.settings import UiSettings

from .conftest import wait_for

SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}}}
SAMPLE = {"messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}], "maxTokens": 5}


@pytest.mark.parametrize("kind", ["elicitation", "sampling"])
async def test_a_withdrawn_request_closes_its_dialog_with_a_toast(kind) -> None:
    app = McpTuiApp([], settings=UiSettings(), auto_connect=False, show_times=False)
    async with app.run_test(size=(110, 40)) as pilot:
        if kind == "elicitation":
            ask, screen_type = app.handlers.elicit("srv", "your name?", SCHEMA), ElicitationScreen
        else:
            ask, screen_type = app.handlers.sample("srv", SAMPLE), SamplingScreen
        worker = app.run_worker(ask, exit_on_error=False)
        await wait_for(pilot, lambda: isinstance(app.screen, screen_type), what="the dialog")
        worker.cancel()  # what the SDK does when the server cancels its request
        await wait_for(pilot, lambda: not isinstance(app.screen, screen_type), what="the dialog to close")
        await wait_for(
            pilot,
            lambda: any("srv withdrew its request" in n.message for n in app._notifications),
            what="toast",
        )
        assert worker.is_cancelled  # nothing answered: the handler never returned a result
