"""Union alternatives without titles (FastMCP strips them) are named by what tells them apart."""

from __future__ import annotations

from mcptui.core.schema_form import build_form

# the shape FastMCP sends for `pet: Cat | Dog` (discriminated) and `where: Point | Circle`, titles pruned
UNTITLED = {
    "type": "object",
    "properties": {
        "pet": {
            "oneOf": [
                {"type": "object", "properties": {"kind": {"const": "cat"}, "meows": {"type": "boolean"}}},
                {
                    "type": "object",
                    "properties": {"kind": {"type": "string", "enum": ["dog"]}, "barks": {"type": "boolean"}},
                },
            ],
            "discriminator": {"propertyName": "kind"},
        },
        "where": {
            "anyOf": [
                {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}},
                {"type": "object", "properties": {"r": {"type": "number"}}},
            ]
        },
    },
}


def test_untitled_variants_are_labelled_by_discriminator_or_properties() -> None:
    pet, where = build_form(UNTITLED).children
    assert pet.summary() == "kind: cat | kind: dog"
    assert [v.summary() for v in pet.variants] == ["kind: cat", "kind: dog"]
    assert where.summary() == "object (x, y) | object (r)"


def test_a_title_still_wins() -> None:
    schema = {"type": "object", "title": "Cat", "properties": {"kind": {"const": "cat"}}}
    assert (
        build_form({"type": "object", "properties": {"pet": {"anyOf": [schema]}}}).children[0].summary()
        == "Cat"
    )
