"""The detail pane's resource-template and prompt forms: which fields are required, what is sent.

The schemas and the URI expansion are the core's (:mod:`mcptui.core.call_arguments`); these
checks go through the pane so they test what the app runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label

from mcptui.ui.widgets.catalog_tree import CatalogItem
from mcptui.ui.widgets.detail_pane import DetailPane, item_schema

from .conftest import wait_for


class PaneHost(App[None]):
    """A detail pane alone, recording what it asks to send."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[DetailPane.SendRequested] = []

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail")

    def on_detail_pane_send_requested(self, message: DetailPane.SendRequested) -> None:
        self.sent.append(message)


def template(uri_template: str) -> CatalogItem:
    return CatalogItem.of("srv", "template", {"uriTemplate": uri_template, "name": "t"})


async def sent_by(item: CatalogItem, values: dict[str, Any]) -> tuple[list[DetailPane.SendRequested], str]:
    """Fill ``item``'s form with ``values`` and press Send: what was posted, and the status line."""
    app = PaneHost()
    async with app.run_test() as pilot:
        detail = app.query_one(DetailPane)
        detail.show_item(item, values=values)
        await wait_for(pilot, lambda: detail.form is not None and detail.form.is_attached, what="the form")
        detail.request_send()
        await pilot.pause()
        await pilot.pause()
        return app.sent, str(detail.query_one("#call-status", Label).render())


async def test_a_query_variable_is_optional() -> None:
    item = template("repo://{owner}/{repo}{?ref}")
    assert item_schema(item)["required"] == ["owner", "repo"]
    sent, status = await sent_by(item, {"owner": "me", "repo": "tool"})
    assert [(m.kind, m.name) for m in sent] == [("resource", "repo://me/tool")], status
    sent, _ = await sent_by(item, {"owner": "me", "repo": "tool", "ref": "main"})
    assert sent[0].name == "repo://me/tool?ref=main"


@pytest.mark.parametrize(
    ("uri_template", "values", "uri"),
    [
        ("files{/dir,name}", {"dir": "a", "name": "b"}, "files/a/b"),
        ("x{;id}", {"id": "7"}, "x;id=7"),
        ("x{.ext}", {"ext": "tar"}, "x.tar"),
        ("file://{+path}", {"path": "src/a b.py"}, "file://src/a%20b.py"),
    ],
)
async def test_path_operators_expand_as_rfc_6570_says(uri_template, values, uri) -> None:
    sent, status = await sent_by(template(uri_template), values)
    assert [m.name for m in sent] == [uri], status


async def test_a_prompt_sends_its_arguments_as_strings() -> None:
    prompt = CatalogItem.of(
        "srv", "prompt", {"name": "p", "arguments": [{"name": "topic", "required": True}, {"name": "tone"}]}
    )
    assert item_schema(prompt)["required"] == ["topic"]
    sent, status = await sent_by(prompt, {"topic": "tea"})
    assert [(m.kind, m.name, m.arguments) for m in sent] == [("prompt", "p", {"topic": "tea"})], status
