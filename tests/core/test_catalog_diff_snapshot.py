"""The snapshot document: stable order, versioned, refused when it is not one."""

from __future__ import annotations

import json

import pytest

from mcptui.core.catalog import Catalog
from mcptui.core.catalog_snapshot import SNAPSHOT_FORMAT, SnapshotError, dumps, from_catalog, loads


def catalog(**fields: object) -> Catalog:
    return Catalog(fetched_at=0.0, **fields)  # type: ignore[arg-type]


def test_items_sorted_by_identity_and_keys_sorted_at_every_level() -> None:
    document = from_catalog(
        catalog(
            tools=[
                {"name": "b", "inputSchema": {"type": "object", "properties": {"z": {}, "a": {}}}},
                {"name": "a"},
            ],
            resources=[{"uri": "z://", "name": "z"}, {"uri": "a://", "name": "a"}],
        )
    )
    assert [t["name"] for t in document["tools"]] == ["a", "b"]
    assert [r["uri"] for r in document["resources"]] == ["a://", "z://"]
    assert list(document["tools"][1]) == ["inputSchema", "name"]
    assert list(document["tools"][1]["inputSchema"]["properties"]) == ["a", "z"]
    assert list(document)[:3] == ["format", "version", "takenAt"]
    assert document["takenAt"] == "1970-01-01T00:00:00Z"


def test_dumps_loads_round_trip_and_identical_catalogs_give_identical_text() -> None:
    one = catalog(tools=[{"name": "a", "description": "x"}], capabilities={"tools": {}})
    two = catalog(tools=[{"description": "x", "name": "a"}], capabilities={"tools": {}})
    text = dumps(from_catalog(one))
    assert text == dumps(from_catalog(two)) and text.endswith("\n")
    assert loads(text) == from_catalog(one)


def test_incomplete_catalog_says_so() -> None:
    document = from_catalog(catalog(truncated=["the tools list may be incomplete"]))
    assert document["incomplete"] == ["the tools list may be incomplete"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not json", "not JSON"),
        ("[]", "not an mcptui catalog snapshot"),
        (json.dumps({"format": "other"}), "not an mcptui catalog snapshot"),
        (json.dumps({"format": SNAPSHOT_FORMAT, "version": 99}), "version 99"),
        (json.dumps({"format": SNAPSHOT_FORMAT, "version": 1, "tools": {}}), "'tools' is not a list"),
    ],
)
def test_loads_refuses_what_is_not_a_snapshot(text: str, why: str) -> None:
    with pytest.raises(SnapshotError, match=why):
        loads(text)
