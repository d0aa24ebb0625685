"""Pilot tests of ArgumentForm fields: every kind filled with keys, defaults, required, validation, arrays, unions.

The schemas are produced by a real MCPServer (pydantic-style ``anyOf`` with null, ``$defs``/``$ref``).
"""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, TextArea

from mcptui.ui.widgets.argument_form import ArgumentForm
from mcptui.ui.widgets.form_groups import ArrayBox, UnionBox

from .form_helpers import FormHost, box_at, tool_schemas, type_into


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
        await pilot.press("f9")
        await pilot.pause()
        assert app.submitted == [{"name": "Ada", "style": "casual"}] * 2


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
        await pilot.press("f9")
        await pilot.pause()
        assert app.submitted == [{"labels": {"a": 1}, "story": "one\ntwo"}]


async def test_union_of_objects_switches_variant_and_sends_the_chosen_shape() -> None:
    app = FormHost((await tool_schemas())["draw"])
    async with app.run_test(size=(100, 40)) as pilot:
        form = app.query_one(ArgumentForm)
        await pilot.pause()
        shape = box_at(form, "shape")
        assert isinstance(shape, UnionBox)
        assert [v.title for v in shape.form_field.variants] == ["Circle", "Square"]
        shape.query_one(".variant-select", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        await type_into(pilot, form, ("shape", "side"), "2")
        await pilot.press("enter")
        await pilot.pause()
        assert app.submitted == [{"shape": {"kind": "square", "side": 2}}]
        # prefilled values pick the variant by its discriminator constant
        await form.set_values({"shape": {"kind": "square", "side": 5}})
        await pilot.pause()
        assert box_at(form, "shape").active == 1
