"""The version-free model check left out only where it certainly passes (core/catalog_model_check.py).

Unit: a plain result model and matching values prove it; a constraint, a validator, a strict
or transforming config, a post-init hook, a list limit, a wrong value type or a missing
required field keep it. Read: a proven page runs the SDK's model check on no plain chunk, and
still on a chunk of another shape; what is kept is what the SDK's typed path keeps.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import mcp.types as types
import pytest
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from mcptui.core import catalog_proof
from mcptui.core.catalog_model_check import implied
from mcptui.core.catalog_pages import CHUNK, read_page
from tests.core.test_catalog_proof import RawClient, body, parsed_page, sdk_own, tool


class Item(BaseModel):
    name: str
    note: str | None = None
    extra: dict[str, Any] | None = None


class Page(BaseModel):
    items: list[Item]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True)
    name: str


class Stripped(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    name: str


class Factory(BaseModel):
    name: str
    made: dict[str, Any] = Field(default_factory=dict)  # code run for a missing field


class Short(BaseModel):
    name: str = Field(max_length=3)


class Checked(BaseModel):
    name: Annotated[str, AfterValidator(str.upper)]


class Validated(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def upper(cls, value: str) -> str:
        return value.upper()


class Whole(BaseModel):
    name: str

    @model_validator(mode="after")
    def whole(self) -> Whole:
        return self


class Posted(BaseModel):
    name: str

    def model_post_init(self, context: Any) -> None:
        pass


def page_of(item: type) -> type:
    model = type(f"PageOf{item.__name__}", (BaseModel,), {"__annotations__": {"items": list[item]}})  # type: ignore[valid-type]
    model.model_validate({"items": []})
    return model


class Limited(BaseModel):
    items: list[Item] = Field(max_length=10)


def test_a_plain_model_and_matching_values_prove_it():
    Page.model_validate({"items": []})
    assert implied(Page, "items", ("name", "note"), [{"name": "a", "note": None}, {"name": "b", "note": "n"}])
    assert implied(Page, "items", ("name", "extra"), [{"name": "a", "extra": {"k": 1}}])
    assert not implied(Page, "items", ("name", "note"), [{"name": 1, "note": None}])  # a wrong type
    assert not implied(Page, "items", ("name", "extra"), [{"name": "a", "extra": []}])
    assert not implied(Page, "items", ("note",), [{"note": "n"}])  # name is required
    assert not implied(Page, "items", ("name", "other"), [{"name": "a", "other": "x"}])  # not a field
    assert not implied(Page, "other", ("name",), [{"name": "a"}])  # not the list


@pytest.mark.parametrize("item", [Strict, Stripped, Factory, Short, Checked, Validated, Whole, Posted])
def test_anything_beyond_a_plain_model_keeps_the_check(item):
    model = page_of(item)
    assert not implied(model, "items", ("name",), [{"name": "abc"}])


def test_a_plain_page_of_plain_items_proves_it_and_a_limited_list_does_not():
    assert implied(page_of(Item), "items", ("name",), [{"name": "abc"}])
    Limited.model_validate({"items": []})
    assert not implied(Limited, "items", ("name",), [{"name": "abc"}])


async def test_a_proven_page_runs_the_model_check_only_where_it_is_not_proven(monkeypatch):
    catalog_proof.forget()
    checked: list[int] = []
    real = types.ListToolsResult.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
        checked.append(len(obj.get("tools", ())))
        return real(cls, obj, *args, **kwargs)

    monkeypatch.setattr(types.ListToolsResult, "model_validate", classmethod(counting))
    tools: list[Any] = [tool(i) for i in range(CHUNK * 3)]
    tools[CHUNK + 2] = {**tool(-1), "annotations": {"readOnlyHint": True}}  # a nested model: checked
    raw = body(tools)
    client = RawClient(parsed_page(raw))
    page = await read_page(client, "tool", None, 0, [])
    assert checked == [0, CHUNK]  # the envelope (page_checker), then the second chunk only
    assert page.items == sdk_own(raw)[0]
    checked.clear()
    page = await read_page(RawClient(json.loads(raw)["result"]), "tool", None, 0, [])  # not proven
    assert checked == [0, CHUNK, CHUNK, CHUNK]


class Crossed(BaseModel):
    model_config = ConfigDict(validate_by_name=True)
    first: str = Field(alias="second")
    second: dict[str, Any] | None = Field(default=None, alias="other")


def test_a_key_that_is_one_fields_alias_and_another_fields_name_keeps_the_check():
    model = page_of(Crossed)
    assert not implied(model, "items", ("second",), [{"second": "a"}])
