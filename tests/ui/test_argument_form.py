"""Pilot tests of ArgumentForm: every field kind filled with keys, defaults, validation, raw JSON, completion.

The schemas are produced by a real MCPServer (pydantic-style ``anyOf`` with null, ``$defs``/``$ref``).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Select, TextArea

from mcptui.ui.widgets.argument_form import ArgumentForm
from mcptui.ui.widgets.form_fields import FieldBox
from mcptui.ui.widgets.form_groups import ArrayBox, UnionBox

WIDGETS_TCSS = Path(__file__).resolve().parents[2] / "mcptui" / "ui" / "styles" / "widgets.tcss"


class Address(BaseModel):
    street: str = Field(description="Street and house number")
    city: str
    country: Literal["FR", "DE", "GB"] = Field(default="FR", description="ISO country code")


class LineItem(BaseModel):
    sku: str = Field(min_length=1)
    quantity: int = Field(default=1, ge=1, le=99)
    gift: bool = False


_SCHEMAS: dict[str, dict[str, Any]] = {}


async def tool_schemas() -> dict[str, dict[str, Any]]:
    """Input schemas of a few tools, exactly as an MCPServer lists them."""
    from mcp.server.mcpserver import MCPServer

    mcp = MCPServer("forms")

    @mcp.tool()
    def order(
        email: Annotated[str, Field(description="Customer e-mail address")],
        quantity: Annotated[int, Field(ge=1, le=1000, description="Number of parcels")],
        price: Annotated[float, Field(gt=0)],
        address: Address,
        items: list[LineItem],
        express: bool = False,
        size: Literal["S", "M", "L"] = "M",
        tags: list[str] = [],  # noqa: B006
        note: Annotated[str | None, Field(description="Optional note")] = None,
        coupon: int | None = None,
        recipients: str | list[str] = "front desk",
        when: datetime.date | None = None,
    ) -> str:
        return "ok"

    @mcp.tool()
    def annotate(
        labels: dict[str, Any],
        story: Annotated[str, Field(max_length=5000, description="A long text")] = "",
    ) -> str:
        return "ok"

    @mcp.tool()
    def greet(name: str, style: Literal["formal", "casual"] = "casual") -> str:
        return name

    if not _SCHEMAS:
        _SCHEMAS.update({tool.name: tool.input_schema for tool in await mcp.list_tools()})
    return _SCHEMAS


class FormHost(App[None]):
    CSS_PATH = str(WIDGETS_TCSS)

    def __init__(self, schema: dict[str, Any] | None, **kwargs: Any) -> None:
        super().__init__()
        self.schema = schema
        self.form_kwargs = kwargs
        self.submitted: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield ArgumentForm(self.schema, **self.form_kwargs)

    def on_argument_form_submitted(self, event: ArgumentForm.Submitted) -> None:
        self.submitted.append(event.arguments)


def box_at(form: ArgumentForm, *path: str | int) -> FieldBox:
    assert form._root is not None
    for box_path, box in form._root.boxes(()):
        if box_path == tuple(path):
            return box
    raise AssertionError(f"no field at {path}")


async def type_into(pilot: Any, form: ArgumentForm, path: tuple[str | int, ...], text: str) -> None:
    box = box_at(form, *path)
    box.query_one(Input).focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_defaults_prefilled_required_marked_and_hints_shown() -> None:
    app = FormHost((await tool_schemas())["order"])
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        assert form.arguments == {
            "address": {"country": "FR"},
            "items": [],
            "express": False,
            "size": "M",
            "recipients": "front desk",
        }
        email = box_at(form, "email")
        assert "Email *" in str(email.query_one(".field-label").render())
        assert "Customer e-mail address" in str(email.query_one(".field-hint").render())
        assert "*" not in str(box_at(form, "size").query_one(".field-label").render())
        note = box_at(form, "note")
        assert note.query_one(".null-toggle", Checkbox).value is True  # default null
        assert note.query_one(Input).is_disabled


async def test_every_field_kind_filled_with_keys_then_sent_with_enter() -> None:
    app = FormHost((await tool_schemas())["order"])
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("email",), "a@b.co")
        await type_into(pilot, form, ("quantity",), "12")
        await type_into(pilot, form, ("price",), "2.5")
        await type_into(pilot, form, ("address", "street"), "Main")
        await type_into(pilot, form, ("address", "city"), "Paris")
        # enum inside a nested object: open the select, move down, choose
        box_at(form, "address", "country").query_one(Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        # array of objects: add an item with the key, fill it, toggle its boolean with space
        items = box_at(form, "items")
        assert isinstance(items, ArrayBox)
        items.query_one(".add-item").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(items.items) == 1
        await pilot.press(*"SKU-1")  # the new item's first field is focused
        box_at(form, "items", 0, "gift").query_one(Checkbox).focus()
        await pilot.press("space")
        # boolean at the top level
        box_at(form, "express").query_one(Checkbox).focus()
        await pilot.press("space")
        # top-level enum
        box_at(form, "size").query_one(Select).focus()
        await pilot.press("enter", "down", "enter")
        # array of strings: two tags via the add button
        tags = box_at(form, "tags")
        tags.query_one(".add-item").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"red")
        tags.query_one(".add-item").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"blue")
        # nullable string: untick null, then type
        note = box_at(form, "note")
        note.query_one(".null-toggle", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        await type_into(pilot, form, ("note",), "ring")
        # union: switch recipients from string to array of string, add one entry
        recipients = box_at(form, "recipients")
        assert isinstance(recipients, UnionBox)
        recipients.query_one(".variant-select", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert recipients.active_box.form_field.kind == "array"
        recipients.active_box.query_one(".add-item").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Bob")
        # a nullable date (string with a format)
        box_at(form, "when").query_one(".null-toggle", Checkbox).focus()
        await pilot.press("space")
        await type_into(pilot, form, ("when",), "2026-12-24")
        # Enter in a text box sends the form
        await pilot.press("enter")
        await pilot.pause()
        assert form.validate() == []
        assert app.submitted == [
            {
                "email": "a@b.co",
                "quantity": 12,
                "price": 2.5,
                "address": {"street": "Main", "city": "Paris", "country": "DE"},
                "items": [{"sku": "SKU-1", "quantity": 1, "gift": True}],
                "express": True,
                "size": "L",
                "tags": ["red", "blue"],
                "note": "ring",
                "recipients": ["Bob"],
                "when": "2026-12-24",
            }
        ]


async def test_missing_required_fields_show_errors_and_nothing_is_sent() -> None:
    app = FormHost((await tool_schemas())["order"])
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("quantity",), "0")
        await pilot.press("enter")
        await pilot.pause()
        assert app.submitted == []
        assert box_at(form, "email").error_text == "required"
        assert box_at(form, "address", "street").error_text == "required"
        assert box_at(form, "quantity").error_text == "must be ≥ 1"
        assert box_at(form, "quantity").has_class("-invalid")
        summary = str(form.query_one(".form-errors").render())
        assert "problems" in summary
        # the first invalid field got the focus; fixing a field clears its error
        assert app.focused is box_at(form, "email").query_one(Input)
        await pilot.press(*"a@b.c")
        assert not box_at(form, "email").has_class("-invalid")
        messages = form.validate()
        assert "email: required" not in messages and "address.city: required" in messages


async def test_send_button_and_ctrl_j_send_a_valid_form() -> None:
    app = FormHost((await tool_schemas())["greet"])
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        await type_into(pilot, form, ("name",), "Ada")
        form.query_one(".send-button").focus()
        await pilot.press("enter")
        await pilot.pause()
        box_at(form, "style").query_one(Select).focus()
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert app.submitted == [{"name": "Ada", "style": "casual"}] * 2


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
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert app.submitted == []
        assert "name: required" in str(form.query_one(".form-errors").render())
        area.load_text('{"name": "Lin"}')
        await pilot.pause()
        await pilot.press("ctrl+j")
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


async def test_array_items_removed_with_key_and_button() -> None:
    app = FormHost((await tool_schemas())["order"], values={"tags": ["a", "b", "c"]})
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        tags = box_at(form, "tags")
        assert isinstance(tags, ArrayBox)
        assert form.arguments["tags"] == ["a", "b", "c"]
        box_at(form, "tags", 0).query_one(Input).focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert form.arguments["tags"] == ["b", "c"]
        assert app.focused is box_at(form, "tags", 0).query_one(Input)  # the neighbour
        assert "[0]" in str(box_at(form, "tags", 0).query_one(".field-label").render())
        tags.items[1].query_one(".remove-item").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert form.arguments["tags"] == ["b"]


async def test_union_variant_switch_keeps_each_variant_input() -> None:
    app = FormHost((await tool_schemas())["order"])
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        recipients = box_at(form, "recipients")
        assert isinstance(recipients, UnionBox)
        await recipients.switch_to(1)
        await pilot.pause()
        assert form.arguments.get("recipients") is None  # an empty list is left out
        await recipients.switch_to(0)
        await pilot.pause()
        assert form.arguments["recipients"] == "front desk"


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
    app = FormHost((await tool_schemas())["order"], values={"address": "somewhere"})
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        assert form.arguments["address"] == "somewhere"
        assert any("must be an object" in m for m in form.validate())


async def test_no_arguments_schema_sends_an_empty_object() -> None:
    app = FormHost(None)
    async with app.run_test(size=(80, 20)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        assert "no arguments" in str(form.query_one(".no-arguments").render())
        form.query_one(".send-button").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.submitted == [{}]


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


async def test_free_form_object_is_edited_as_json_and_long_text_in_a_text_area() -> None:
    app = FormHost((await tool_schemas())["annotate"])
    async with app.run_test(size=(80, 30)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        labels = box_at(form, "labels")
        assert labels.form_field.kind == "json"
        area = labels.query_one(TextArea)
        area.focus()
        await pilot.press(*'{"a": 1')
        assert form.validate() and "labels" in form.validate()[0]  # invalid JSON is reported on the field
        assert "invalid JSON" in labels.error_text
        await pilot.press("}")
        story = box_at(form, "story").query_one(TextArea)  # maxLength 5000: multi-line
        story.focus()
        await pilot.press(*"one", "enter", *"two")
        assert form.focus_first()
        await pilot.pause()
        assert app.focused is area
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert app.submitted == [{"labels": {"a": 1}, "story": "one\ntwo"}]
