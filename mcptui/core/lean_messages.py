"""The SDK's client tricks: large messages off its JSON parse, results off its dump (no Textual).

A JSON-RPC message of 64 KiB or more parsed to plain values before the SDK's model is built, its
payload kept out of the SDK's debug line, and results validated without the SDK's discarded
dump; installed by :func:`install_sdk_tricks` when :mod:`mcptui.core.transports` is imported.
What each buys: :mod:`mcptui.core.speed`'s list. pydantic and the SDK are imported on use.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from typing import Any

from mcptui.core import chunk_facts

LEAN_PARSE_BYTES = 64 * 1024  # a message this long or longer is parsed to plain values first
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # pydantic refuses lone surrogates: json.loads does not


class LeanMessageAdapter:
    """The SDK's ``jsonrpc_message_adapter`` with large messages parsed to plain values first.

    ``validate_json`` on a 7.5 MB ``tools/list`` reply of 50,000 tools (the demo's
    ``--bulk-tools 50000``) takes RSS from 72 to 322 MB and 0.57 s; ``json.loads`` then
    ``validate_python`` builds the same message in 0.25 s with RSS at 130 MB (the same objects: the
    message's ``result`` is a plain dict either way). Text that is not JSON, or holds an escaped
    surrogate (which pydantic refuses and ``json.loads`` would let through), takes the SDK's own
    path, so what is refused, and how, is unchanged. The parse is :func:`_parse` (jiter, else
    ``json.loads``, whose ``parse_constant`` hook is told of each NaN/Infinity token, the value
    its own, ``float(name)``); the values are ``json.loads``'s either way, and a catalog page
    parsed here has its facts proven once from its text (:mod:`mcptui.core.catalog_proof`).
    """

    def __init__(self, adapter: Any) -> None:
        self.adapter = adapter

    def validate_json(self, data: str | bytes | bytearray, **options: Any) -> Any:
        if len(data) >= LEAN_PARSE_BYTES:
            constants: list[str] = []  # NaN / Infinity / -Infinity tokens met (catalog_proof)
            try:
                text = data if isinstance(data, str) else bytes(data).decode("utf-8")
                parsed = None if _SURROGATE_ESCAPE.search(text) else json_value(text, constants)
            except ValueError:
                parsed = None  # not UTF-8 or not JSON: the SDK's parse names the problem as it did
            if parsed is not None:
                message = quieted(self.adapter.validate_python(parsed, **options))
                proof = importlib.import_module("mcptui.core.catalog_proof")
                # once, for the page's read
                proof.remember(data, parsed, bool(constants), chunk_facts.header_key())
                return message
        return self.adapter.validate_json(data, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.adapter, name)


class QuietPayload(dict[str, Any]):
    """A large message's ``result`` or ``params``: the very dict, with a short ``repr``.

    The SDK's streamable HTTP client formats every message of an SSE stream for a debug line
    before ``debug`` is even called (``logger.debug(f"SSE message: {message}")``): the
    50,000-tool reply of a 2025-11-25 session (SSE-framed) took 65-77 ms and an 8 MB string
    there, on every read. A ``dict`` subclass is equal to the dict, is a dict to every check,
    ``json`` and pydantic; only its ``repr`` (so the model's) no longer spells it out.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{{<{len(self)} keys of a large message: not shown>}}"


def quieted(message: Any) -> Any:
    """``message`` with its ``result``/``params`` dict as a :class:`QuietPayload` (in place:
    set past the model's assignment check, the field's value unchanged but for its type)."""
    fields = getattr(message, "__dict__", None)
    if isinstance(fields, dict):
        for name in ("result", "params"):
            if type(fields.get(name)) is dict:
                fields[name] = QuietPayload(fields[name])
    return message


def json_value(text: str | bytes, constants: list[str] | None = None) -> Any:
    """``json.loads``'s value of ``text``, by pydantic-core's parser (jiter) where it can (also
    the prefetch child's catalog line: :func:`mcptui.core.prefetch.line_value`).

    jiter (the parser pydantic's own ``validate_json`` uses) with NaN/Infinity refused and
    dict keys cached: the 50,000-tool reply (7.5 MB) in 402 M instructions against 601 M for
    ``json.loads`` (cachegrind, a fresh process each). On JSON both accept the values are the
    same (ints of any size, floats to the bit, ``-0``, escapes, a repeated key's last value,
    an overflowing float as infinity; see the tests). Where jiter refuses (a NaN/Infinity token,
    nesting past its 200 levels, text ``json.loads`` refuses too), ``json.loads`` parses it as
    before, telling ``constants`` of each NaN/Infinity token: nothing it accepted is refused.
    """
    try:
        return importlib.import_module("pydantic_core").from_json(
            text, allow_inf_nan=False, cache_strings="keys"
        )
    except ValueError:
        return json.loads(
            text, parse_constant=functools.partial(_constant, [] if constants is None else constants)
        )


def _constant(seen: list[str], name: str) -> float:
    """``json.loads``'s own value for ``NaN``/``Infinity``/``-Infinity``, noted in ``seen``."""
    seen.append(name)
    return float(name)


def _validate_without_dump(methods: Any) -> Any:
    """``methods.validate_server_result`` minus its discarded dump (see :func:`install_sdk_tricks`)."""
    surfaces, adapter_for, check_version = (
        methods.SERVER_RESULTS,
        methods._adapter,
        methods._check_known_version,
    )  # noqa: SLF001

    def validate_server_result(method: str, version: str, data: Any, *, surface: Any = surfaces) -> None:
        check_version(version)
        adapter_for(surface[(method, version)]).validate_python(data, by_name=False)

    validate_server_result.mcptui_lean = True  # type: ignore[attr-defined]
    return validate_server_result


def install_sdk_tricks() -> None:
    """Both SDK tricks: :class:`LeanMessageAdapter`, and results validated without a dump.

    ``mcp_types.methods.validate_server_result`` (which ``ClientSession.send_request`` runs on
    every result) validates against the negotiated version's wire model, then dumps the model
    and throws the dump away: on 50,000 tools 0.55-0.74 s of validation, 0.36-0.40 s of dump.
    The replacement runs the same validation (same adapter, same errors) and no dump.
    """
    lean_message_parsing()
    importlib.import_module("mcptui.core.sdk_output_check").install()  # its own docstring says why
    methods: Any = importlib.import_module("mcp_types.methods")
    if not getattr(methods.validate_server_result, "mcptui_lean", False):
        methods.validate_server_result = _validate_without_dump(methods)


def lean_message_parsing() -> None:
    """Install :class:`LeanMessageAdapter` where the SDK's client transports parse what they read."""
    types: Any = importlib.import_module("mcp_types")
    streamable: Any = importlib.import_module("mcp.client.streamable_http")
    if isinstance(types.jsonrpc_message_adapter, LeanMessageAdapter):
        return
    lean = LeanMessageAdapter(types.jsonrpc_message_adapter)
    types.jsonrpc_message_adapter = lean  # the SSE and stdio clients read it from mcp_types
    streamable.jsonrpc_message_adapter = lean  # streamable HTTP imported the name itself
