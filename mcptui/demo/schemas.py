"""Pydantic models and TypedDicts the demo tools use for rich input schemas and structured output."""

from __future__ import annotations

from typing import Literal, TypedDict

from pydantic import BaseModel, Field


class Address(BaseModel):
    """A postal address (nested object in an input schema)."""

    street: str = Field(description="Street and house number")
    city: str = Field(description="City name")
    postcode: str = Field(default="", description="Postal code", pattern=r"^[0-9A-Za-z -]*$")
    country: Literal["FR", "DE", "GB", "US", "JP"] = Field(default="FR", description="ISO country code")


class LineItem(BaseModel):
    """One line of an order (array-of-objects items)."""

    sku: str = Field(description="Stock keeping unit", min_length=1)
    quantity: int = Field(default=1, ge=1, le=99, description="How many")
    gift: bool = Field(default=False, description="Wrap as a gift")


class Forecast(BaseModel):
    """Structured output of get_forecast: becomes the tool's outputSchema."""

    city: str
    days: int
    unit: Literal["celsius", "fahrenheit"]
    temperatures: list[float] = Field(description="One temperature per day")
    summary: str


class NumberStats(TypedDict):
    """Structured output of number_stats (a TypedDict output schema)."""

    count: int
    total: float
    mean: float | None
    minimum: float | None
    maximum: float | None


class Preferences(BaseModel):
    """What the ask_user tool elicits from the user (primitive fields with defaults, as the spec allows)."""

    name: str = Field(default="Ada", description="Your name")
    age: int = Field(default=36, ge=0, le=150, description="Your age in years")
    subscribe: bool = Field(default=True, description="Subscribe to the newsletter?")
    color: Literal["red", "green", "blue"] = Field(default="blue", description="Favourite colour")
