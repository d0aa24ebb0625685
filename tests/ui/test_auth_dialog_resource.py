"""The sign-in dialog names the resource the authorization URL carries, when not told otherwise."""

from __future__ import annotations

from textual.widgets import Static

from .test_modals import ModalHost, auth_dialog

URL_WITH_RESOURCE = (
    "https://auth.example.com/authorize?response_type=code&client_id=abc&scope=read&state=xyz"
    "&resource=https%3A%2F%2Fmcp.example.com%2Fmcp"
)


async def test_resource_is_read_from_the_authorization_url() -> None:
    modal = auth_dialog(resource=None, authorize_url=URL_WITH_RESOURCE)
    app = ModalHost(modal)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in modal.query(Static))
        assert "https://mcp.example.com/mcp" in shown and "(not stated)" not in shown


async def test_no_resource_anywhere_says_so() -> None:
    modal = auth_dialog(resource=None)
    app = ModalHost(modal)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert "(not stated)" in "\n".join(str(w.render()) for w in modal.query(Static))
