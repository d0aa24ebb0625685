"""The form model against the real input schemas the demo MCPServer (SDK + pydantic) publishes."""

from __future__ import annotations

import asyncio

import pytest

from mcptui.core.schema_form import build_form, coerce_cli_args, initial_value, prune_empty, validate


@pytest.fixture(scope="module")
def demo_tools() -> dict[str, dict]:
    from mcptui.demo.server import build_demo_server

    tools = asyncio.run(build_demo_server().list_tools())
    return {t.name: t.model_dump(by_alias=True, exclude_none=True)["inputSchema"] for t in tools}


def test_every_demo_tool_builds_and_a_fresh_form_only_misses_required_fields(demo_tools):
    assert demo_tools
    for name, schema in demo_tools.items():
        form = build_form(schema)
        assert form.kind == "object", name
        value = prune_empty(initial_value(form), form)
        issues = validate(schema, value)
        assert all(issue.detail == "required" for issue in issues), (name, issues)
        # required scalars are missing; required objects/arrays start as {} / [] (their insides are checked)
        top_required = {
            c.name
            for c in form.children
            if c.required and not c.has_default and c.kind not in ("object", "array")
        }
        assert {i.path[0] for i in issues if len(i.path) == 1} == top_required, name


def test_describe_order_from_the_command_line(demo_tools):
    schema = demo_tools.get("describe_order")
    if schema is None:
        pytest.skip("the demo server no longer has describe_order")
    form = build_form(schema)
    kinds = {c.name: c.kind for c in form.children}
    assert {kinds[k] for k in kinds} >= {
        "string",
        "integer",
        "number",
        "object",
        "array",
        "boolean",
        "enum",
        "union",
    }
    args = coerce_cli_args(
        schema,
        [
            "customer_email=a@b.org",
            "quantity=2",
            "unit_price=9.5",
            "address.street=1 Main St",
            "address.city=Lyon",
            'items={"sku": "X1", "quantity": 2}',
            'items={"sku": "Y2"}',
            "size=XL",
            "tags=gift",
            "tags=fragile",
            "coupon_percent=null",
            'recipients=["a", "b"]',
        ],
    )
    assert args["quantity"] == 2 and args["unit_price"] == 9.5 and args["coupon_percent"] is None
    assert args["items"] == [{"sku": "X1", "quantity": 2}, {"sku": "Y2"}]
    assert args["recipients"] == ["a", "b"] and args["tags"] == ["gift", "fragile"]
    assert validate(schema, args) == []
    args["quantity"] = 0
    args["items"][1]["sku"] = ""
    assert {i.message for i in validate(schema, args)} == {
        "quantity: must be ≥ 1",
        "items[1].sku: must be at least 1 character",
    }
