"""Shared pieces of the ArgumentForm pilot tests: real MCPServer schemas, a host app, field lookup."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input

from mcptui.ui.widgets.argument_form import ArgumentForm
from mcptui.ui.widgets.form_fields import FieldBox

WIDGETS_TCSS = Path(__file__).resolve().parents[2] / "mcptui" / "ui" / "styles" / "widgets.tcss"


class Address(BaseModel):
    street: str = Field(description="Street and house number")
    city: str
    country: Literal["FR", "DE", "GB"] = Field(default="FR", description="ISO country code")


class LineItem(BaseModel):
    sku: str = Field(min_length=1)
    quantity: int = Field(default=1, ge=1, le=99)
    gift: bool = False


class Circle(BaseModel):
    kind: Literal["circle"] = "circle"
    radius: float


class Square(BaseModel):
    kind: Literal["square"] = "square"
    side: float


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
    def draw(shape: Circle | Square) -> str:
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
