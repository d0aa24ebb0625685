"""Issue 9 point 2: validation, coercion and the form stay linear on a 5,000-property schema."""

from __future__ import annotations

import time

from textual.widgets import Static, TextArea

from mcptui.core.schema_form import coerce_cli_args, validate
from mcptui.ui.widgets.argument_form import ArgumentForm
from tests.hostile.conftest import hostile, mcptui
from tests.ui.form_helpers import FormHost

N = 5_000
WIDE = {
    "type": "object",
    "properties": {f"p{i}": {"type": "integer"} for i in range(N)},
    "required": [f"p{i}" for i in range(0, N, 2)],
}


def test_validation_of_every_missing_field_is_linear():
    started = time.monotonic()
    issues = validate(WIDE, {})
    assert time.monotonic() - started < 1.0
    assert len(issues) == N // 2 and issues[0].message == "p0: required"


def test_coercion_of_every_field_is_linear():
    started = time.monotonic()
    arguments = coerce_cli_args(WIDE, [f"p{i}={i}" for i in range(N)])
    assert validate(WIDE, arguments) == []
    assert time.monotonic() - started < 1.0


def test_a_cli_call_with_missing_fields_answers_at_once():
    run = mcptui("call", "wide", "p1=3", "--", *hostile("wide-schema", N))
    assert run.code == 1
    assert run.err.startswith("error: the arguments do not fit the tool's input schema: p0: required;")
    assert "(and 2495 more)" in run.err
    assert run.seconds < 15


async def test_a_wide_form_is_raw_json_only_and_says_how_many_fields():
    started = time.monotonic()
    app = FormHost(WIDE)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        assert form.mode == "json" and form.field_count == N
        note = str(form.query_one(".form-too-wide", Static).render())
        assert "5,000 fields, too many for a form" in note
        assert len(app.query("*")) < 40  # no widget per field
        app.query_one(TextArea).focus()
        await pilot.press("f9")  # validated at once: 2,500 problems, nothing sent
        assert "2500 problems" in str(form._errors.render())
        await pilot.press("f6")  # no form to switch to: it says so, the editor stays
        assert form.mode == "json" and app.submitted == []
    assert time.monotonic() - started < 10


async def test_the_tui_shows_a_5000_field_tool_and_answers_f9():
    from mcptui.core.server_config import ServerConfig
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.catalog_tree import CatalogItem
    from tests.ui.conftest import connected, wait_for

    command = hostile("wide-schema", N)
    app = McpTuiApp([ServerConfig(name="h", transport="stdio", command=command[0], args=command[1:])])
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app, "h"), what="connected")
        tool = app.sessions["h"].catalog.tool("wide")
        started = time.monotonic()
        app.main_screen.goto_item(CatalogItem.of("h", "tool", tool))
        screen = app.main_screen
        form = await wait_for(pilot, lambda: next(iter(screen.query(ArgumentForm)), None), what="the form")
        await pilot.pause()
        assert form.field_count == N
        form.query_one(TextArea).focus()
        await pilot.press("f9")
        await wait_for(pilot, lambda: "2500 problems" in str(form._errors.render()), what="the problems")
        assert time.monotonic() - started < 10
        await pilot.press("ctrl+q")
