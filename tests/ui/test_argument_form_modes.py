"""Pilot tests of ArgumentForm modes: raw JSON round trip, prefilled values, completion suggestions."""

from __future__ import annotations

import json

from textual.widgets import Input, Select, TextArea

from mcptui.ui.widgets.argument_form import ArgumentForm

from .form_helpers import FormHost, box_at, tool_schemas, type_into


async def test_raw_json_toggle_round_trip_keeps_everything() -> None:
    app = FormHost((await tool_schemas())["greet"])
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("name",), "Ada")
        await pilot.press("f6")
        await pilot.pause()
        assert form.mode == "json"
        area = form.query_one(".form-json", TextArea)
        assert json.loads(area.text) == {"name": "Ada", "style": "casual"}
        assert app.focused is area
        # break the JSON: switching back is refused with the reason, nothing lost
        area.load_text('{"name": "Grace", "style": "formal", "extra": [1, 2]')
        await pilot.press("f6")
        await pilot.pause()
        assert form.mode == "json"
        assert "Invalid JSON" in str(form.query_one(".form-errors").render())
        area.load_text('{"name": "Grace", "style": "formal", "extra": [1, 2]}')
        await pilot.press("f6")
        await pilot.pause()
        assert form.mode == "form"
        assert box_at(form, "name").query_one(Input).value == "Grace"
        assert box_at(form, "style").query_one(Select).value == 0  # "formal"
        # the unknown key is kept and sent
        assert form.arguments == {"name": "Grace", "style": "formal", "extra": [1, 2]}


async def test_json_mode_sends_the_json_after_validation() -> None:
    app = FormHost((await tool_schemas())["greet"])
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        box_at(form, "name").query_one(Input).focus()
        await pilot.press("f6")
        await pilot.pause()
        area = form.query_one(".form-json", TextArea)
        area.load_text('{"style": "casual"}')
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.submitted == []
        assert "name: required" in str(form.query_one(".form-errors").render())
        area.load_text('{"name": "Lin"}')
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.submitted == [{"name": "Lin"}]


async def test_number_text_is_kept_when_switching_to_json() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "number"}}, "required": ["n"]}
    app = FormHost(schema)
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        box_at(form, "n").query_one(Input).focus()
        box_at(form, "n").query_one(Input).value = "1e"  # not a number yet
        assert form.validate() == ["n: expected a number, got '1e'"]
        await pilot.press("f6")
        await pilot.pause()
        assert json.loads(form.query_one(".form-json", TextArea).text) == {"n": "1e"}


async def test_values_and_set_values_fill_the_form() -> None:
    schema = (await tool_schemas())["order"]
    app = FormHost(schema, values={"email": "x@y.z", "address": {"street": "s", "city": "c"}, "note": None})
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        assert form.arguments["email"] == "x@y.z"
        assert form.arguments["address"] == {"street": "s", "city": "c"}  # given wholesale
        await form.set_values({"email": "new@y.z", "quantity": 3, "recipients": ["a", "b"], "coupon": 5})
        await pilot.pause()
        args = form.arguments
        assert args["email"] == "new@y.z" and args["quantity"] == 3 and args["coupon"] == 5
        assert args["recipients"] == ["a", "b"]
        assert box_at(form, "recipients").active_box.form_field.kind == "array"
        assert args["size"] == "M"  # defaults kept


async def test_value_of_the_wrong_shape_is_shown_as_json_not_dropped() -> None:
    wrong = {"address": "somewhere", "quantity": "abc", "express": "yes", "size": "XXL", "email": 5}
    app = FormHost((await tool_schemas())["order"], values=wrong)
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        assert {key: form.arguments[key] for key in wrong} == wrong
        assert "JSON" in str(box_at(form, "size").query_one(".field-hint").render())
        messages = form.validate()
        for expected in (
            "address: must be an object",
            "quantity: must be an integer",
            "express: must be true or false",
            "size: must be one of: S, M, L",
            "email: must be a string",
        ):
            assert expected in messages


async def test_completion_suggests_values_from_the_completer() -> None:
    calls: list[tuple[str, str, dict[str, str]]] = []

    async def completer(name: str, value: str, context: dict[str, str]) -> list[str]:
        calls.append((name, value, context))
        return [c for c in ("python", "pytest", "rust") if c.startswith(value)]

    schema = {
        "type": "object",
        "properties": {"language": {"type": "string"}, "project": {"type": "string"}},
        "required": ["language"],
    }
    app = FormHost(schema, completer=completer)
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("project",), "mcptui")
        box_at(form, "language").query_one(Input).focus()  # entering the empty field lists every value
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "python, pytest, rust" in str(
            box_at(form, "language").query_one(".field-suggestions").render()
        )
        await type_into(pilot, form, ("language",), "py")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = box_at(form, "language")
        assert box.query_one(Input)._suggestion == "python"
        assert "python, pytest" in str(box.query_one(".field-suggestions").render())
        await pilot.press("right")  # accept the inline suggestion
        assert box.query_one(Input).value == "python"
        assert ("language", "py", {"project": "mcptui"}) in calls


async def test_completer_failure_is_silent() -> None:
    async def completer(name: str, value: str, context: dict[str, str]) -> list[str]:
        raise RuntimeError("server does not support completion")

    app = FormHost((await tool_schemas())["greet"], completer=completer)
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("name",), "A")
        await app.workers.wait_for_complete()
        assert box_at(form, "name").query_one(Input).value == "A"
        assert await form.complete("name", "A") == []
