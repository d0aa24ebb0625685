"""Import the SDK's client without its server stack (~0.13 s of a cold one-shot run).

Any ``import mcp...`` runs ``mcp/__init__.py``, which imports ``mcp.client.client`` (``Client``),
whose in-memory transport and in-process connectors import ``mcp.server`` (the low-level server,
MCPServer, Starlette, uvicorn, sse-starlette); ``mcp/__init__`` also imports ``mcp.server.session``
and ``mcp.server.stdio``. None of it is used by a client talking to a server over a transport,
so the SDK's lower-level client pieces (``ClientSession``) cannot be imported without it either.

:func:`import_client` imports ``mcp`` with those few server modules replaced, for the duration of
the import, by stand-ins: classes whose ``isinstance`` asks the real class once its module is
loaded (nothing can be an instance before that), and functions that import the real one when
called. The stand-ins leave ``sys.modules`` right after, so a later ``import mcp.server...`` (the
demo server, a test's in-process server) imports the real modules as usual. ``Client`` keeps
everything it does over a transport (era negotiation, discover, session-expiry handling).

The per-era wire models are defined with ``defer_build`` (:func:`_defer_wire_models`): both eras
are still imported (``mcp_types.methods`` maps every version to its classes at import), but only
the validators a run uses are built.

Two more tricks, measured in instructions (valgrind, deterministic; ``mcptui list URL --json``
against the demo: 2,521 M before them):

- :func:`_cached_annotation_compiles` (always): pydantic evaluates every string annotation of
  the SDK's ~500 models through ``typing.ForwardRef``, which compiles it: 2,180 compiles of 526
  distinct strings. During the import ``typing`` gets a compile that keeps each code object
  (immutable, so sharing is exact): -94 M (-3.7%).
- ``lazy_models=True`` (:func:`_models_built_on_first_use`, a one-shot command): every model and
  ``TypeAdapter`` the import defines (the version-free ``mcp_types._types``, ``jsonrpc``, the
  SDK client's adapters) is built on first use instead of at import: a ``list`` builds 28 models
  instead of 203: -84 M more (-3.3%). Deferring the models without the adapters costs +140 M
  (a module-level adapter over a union then builds every member inline, uncached). Not for the
  TUI or the agent: there the import runs in a thread and builds everything off the event loop.
  With it, no pydantic plugin discovery (a scan of 74 distributions' metadata here: ~10 ms),
  and the two eras' wire models are imported when first looked up
  (:mod:`mcptui.core.lazy_eras`: a 2026-07-28 connection never imports the older era).

What stays: class creation of the ~500 models of both eras (pydantic collects each one's fields
at definition), pydantic itself, httpx2, anyio.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Iterator
from typing import Any

PLUGINS_SWITCH = "PYDANTIC_DISABLE_PLUGINS"  # pydantic's documented switch

# module → the names other SDK modules import from it at import time: (kind, real module)
_STAND_INS: dict[str, dict[str, tuple[str, str]]] = {
    "mcp.server": {"Server": ("class", "mcp.server.lowlevel.server")},
    "mcp.server.session": {"ServerSession": ("class", "mcp.server.session")},
    "mcp.server.stdio": {"stdio_server": ("function", "mcp.server.stdio")},
    "mcp.server.mcpserver": {"MCPServer": ("class", "mcp.server.mcpserver.server")},
    "mcp.server.runner": {"modern_on_request": ("function", "mcp.server.runner")},
    "mcp.client._memory": {"InMemoryTransport": ("function", "mcp.client._memory")},
}


def _stand_in_class(module: str, name: str) -> type:
    class StandIn(type):
        def __instancecheck__(cls, obj: Any) -> bool:
            loaded = sys.modules.get(module)
            real = getattr(loaded, name, None) if loaded is not None else None
            return isinstance(real, type) and real is not cls and isinstance(obj, real)

    return StandIn(name, (), {"__module__": module})


def _stand_in_function(module: str, name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _stand_in_module(name: str, attrs: dict[str, tuple[str, str]], package_dir: str) -> types.ModuleType:
    module = types.ModuleType(name, "mcptui stand-in while the SDK client is imported")
    if name == "mcp.server":
        module.__path__ = [os.path.join(package_dir, "server")]  # its real submodules still import
    for attr, (kind, real) in attrs.items():
        maker = _stand_in_class if kind == "class" else _stand_in_function
        setattr(module, attr, maker(real, attr))
    return module


def _defer_wire_models() -> None:
    """The per-era wire models (``mcp_types._v2025_11_25``, ``_v2026_07_28``: ~500 classes) build
    their validators when first used instead of at import: a run builds those of the messages it
    exchanges, in its one era (~10% of a one-shot run's CPU). Set on their shared base before
    they are defined; pydantic merges it into each subclass's config.
    """
    wire_base = importlib.import_module("mcp_types._wire_base")  # light: the era packages come later
    if "mcp_types._v2025_11_25" not in sys.modules and "mcp_types._v2026_07_28" not in sys.modules:
        wire_base.WireModel.model_config["defer_build"] = True


@contextlib.contextmanager
def _cached_annotation_compiles() -> Iterator[None]:
    """While the SDK is imported, ``typing`` compiles each distinct annotation string once.

    ``typing.ForwardRef`` calls the builtin ``compile(source, "<string>", "eval")``; a module
    global named ``compile`` in ``typing`` is found before the builtin. Calls of any other
    shape go to the builtin unchanged. Left alone if ``typing`` already has such a global.
    """
    import typing

    if "compile" in vars(typing):  # pragma: no cover - someone else's patch: not ours to wrap
        yield
        return
    codes: dict[tuple[str, str, str], types.CodeType] = {}

    def compile_once(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            args
            or kwargs
            or not (isinstance(source, str) and isinstance(filename, str) and isinstance(mode, str))
        ):
            return builtins.compile(source, filename, mode, *args, **kwargs)
        key = (source, filename, mode)
        code = codes.get(key)
        if code is None:  # dont_inherit: no future flags of this module, as typing's own call
            code = codes[key] = builtins.compile(source, filename, mode, 0, True)
        return code

    typing.compile = compile_once  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del typing.compile  # type: ignore[attr-defined]


@contextlib.contextmanager
def _models_built_on_first_use() -> Iterator[None]:
    """While the SDK is imported, pydantic models and ``TypeAdapter``s defer building their
    validators until first used (pydantic's ``defer_build``, made the default for the window).

    Uses two pydantic internals (the config defaults, ``TypeAdapter._defer_build``); with a
    pydantic that has neither in the expected shape, everything is built at import as usual.
    """
    from pydantic import type_adapter
    from pydantic._internal import _config

    defaults = getattr(_config, "config_defaults", None)
    adapter_rule = type_adapter.TypeAdapter.__dict__.get("_defer_build")
    if (
        not isinstance(defaults, dict)
        or "defer_build" not in defaults
        or not isinstance(adapter_rule, property)
    ):
        yield  # pragma: no cover - another pydantic
        return
    before = defaults["defer_build"]
    defaults["defer_build"] = True
    type_adapter.TypeAdapter._defer_build = property(lambda _adapter: True)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        defaults["defer_build"] = before
        type_adapter.TypeAdapter._defer_build = adapter_rule  # type: ignore[method-assign,assignment]


def import_client(*, lazy_models: bool = False) -> None:
    """Import ``mcp`` (and with it ``mcp.client``) leaving the SDK's server stack unimported.

    ``lazy_models``: build the validators of the models it defines when first used (a one-shot
    command uses few); else at import, as pydantic does. It also turns off pydantic's plugin
    discovery (``PYDANTIC_DISABLE_PLUGINS``, unless set already), which reads the metadata of
    every installed distribution on the first validator built (~10 ms) for plugins a one-shot
    command has no use for. Our stdio children never see it: the SDK gives them a fixed set of
    variables.
    """
    if "mcp" in sys.modules:
        return
    if lazy_models:
        os.environ.setdefault(PLUGINS_SWITCH, "__all__")
    spec = importlib.util.find_spec("mcp")
    if spec is None or spec.origin is None:  # pragma: no cover - the SDK is a dependency
        importlib.import_module("mcp")
        return
    package_dir = os.path.dirname(spec.origin)
    placed = {
        name: _stand_in_module(name, attrs, package_dir)
        for name, attrs in _STAND_INS.items()
        if name not in sys.modules
    }
    sys.modules.update(placed)
    try:
        with contextlib.ExitStack() as window:
            window.enter_context(_cached_annotation_compiles())
            if lazy_models:
                window.enter_context(_models_built_on_first_use())
            _defer_wire_models()
            if lazy_models:
                importlib.import_module("mcptui.core.lazy_eras").eras_on_first_use()
            importlib.import_module("mcp")
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        if lazy_models and "mcp.client.session" in sys.modules:  # a legacy session: no newer era
            importlib.import_module("mcptui.core.sdk_facts").install()
        for parent in ("mcp", "mcp.client"):
            loaded = sys.modules.get(parent)
            for name, module in placed.items():
                child = name.rpartition(".")[2]
                if name.rpartition(".")[0] == parent and getattr(loaded, child, None) is module:
                    delattr(loaded, child)
