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
the validators a run uses are built. What stays: the version-free models (``mcp_types._types``),
pydantic, httpx2, anyio.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

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


def import_client() -> None:
    """Import ``mcp`` (and with it ``mcp.client``) leaving the SDK's server stack unimported."""
    if "mcp" in sys.modules:
        return
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
    _defer_wire_models()
    try:
        importlib.import_module("mcp")
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        for parent in ("mcp", "mcp.client"):
            loaded = sys.modules.get(parent)
            for name, module in placed.items():
                child = name.rpartition(".")[2]
                if name.rpartition(".")[0] == parent and getattr(loaded, child, None) is module:
                    delattr(loaded, child)
