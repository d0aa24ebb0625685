"""Sample schemas shared by the schema_form tests: real pydantic and zod-style output."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from mcptui.core.schema_form import FormField, build_form, validate


def obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    return {"type": "object", "properties": properties, "required": required or [], **extra}


def messages(schema: dict, value) -> set[str]:
    return {issue.message for issue in validate(schema, value)}


def field(schema: dict, *, required: bool = True) -> FormField:
    return build_form(obj({"x": schema}, ["x"] if required else [])).child("x")


class Address(BaseModel):
    city: str
    zip: str | None = None


class Node(BaseModel):
    value: int
    children: list[Node] = []


class SearchArgs(BaseModel):
    query: str = Field(description="what to look for")
    limit: int = Field(10, ge=1, le=100)
    mode: Literal["fast", "slow"] = "fast"
    home: Address
    address: Address | None = None
    tags: list[str] = []
    tree: Node | None = None
    either: int | str = 3


PYDANTIC = SearchArgs.model_json_schema()

ZOD = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "count": {"type": "number", "minimum": 0},
        "again": {"$ref": "#/properties/url"},
    },
    "required": ["url"],
    "additionalProperties": False,
}
