"""The SDK's two protocol eras' wire models imported when first used, not both at start-up.

``mcp_types.methods`` (the SDK's per-version method maps) imports both generated wire-model
modules, ``mcp_types._v2025_11_25`` and ``mcp_types._v2026_07_28`` (~150 pydantic classes each,
~190 M instructions each to define), only to fill its maps: ``(method, version)`` → the class
that validates that message in that version. A connection speaks one era, so one of the two
is dead weight for a one-shot command (the demo, a 2026-07-28 server: the older era is never
looked up).

:func:`eras_on_first_use` imports ``mcp_types.methods`` with both era modules replaced by
stand-ins whose attributes are :class:`Pending` names, and with each map's
``MappingProxyType`` given a :class:`LazySurface`: the same keys, each value the real class,
imported with its era on the first lookup of any row of that era (``[]``, ``get``, ``items``,
``values``; keys and membership need no class). The stand-ins leave ``sys.modules`` as soon
as ``methods`` is imported, so the real era modules import as usual, whoever asks (``methods``'
own ``v2025``/``v2026`` names become modules that import the real one on use). Every map is
still a read-only ``MappingProxyType`` (``types.MappingProxyType`` is swapped only while
``methods``' body runs, and answers ``isinstance`` as the real type), its rows the same classes.
An era imported on first use is imported as :func:`mcptui.core.speed.load_sdk` imports the SDK:
collector paused, then frozen (left to the collector, its ~100k long-lived objects cost the
next collections ~40 M instructions). Left alone, everything imported as usual: when
``methods`` or an era is imported already, when ``MCPTUI_LAZY_ERAS=0`` (same-run comparisons),
or when ``methods`` kept a stand-in row anywhere but in a map (it is then imported again, as
usual). Only for a one-shot command (``import_client(lazy_models=True)``): the TUI and the agent
import everything in a thread ahead of use.

Measured in instructions (valgrind, against the demo): on a 2026-07-28 server ``list URL
--json`` 1,785 M → 1,604 M (-10%), ``call URL echo text=hi`` 1,769 M → 1,588 M. On a
2025-11-25 server (``--legacy-only``) both eras are still imported, since the SDK looks up the
newer era's result rows for every result (``_later_revision_fields`` in
``mcp/client/session.py``): 1,793 M → 1,799 M, unchanged within noise, until
:mod:`mcptui.core.sdk_facts` keeps those answers on disk (then 1,539 M). The era imported on
first use defines only the classes looked up, and what they name (:mod:`mcptui.core.era_slices`;
else, as before, the whole module): ``list`` 1,524 M → 1,390 M.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any

SWITCH = "MCPTUI_LAZY_ERAS"
ERAS = ("mcp_types._v2025_11_25", "mcp_types._v2026_07_28")
METHODS = "mcp_types.methods"


class Pending:
    """A class of an era not imported yet: its module and name."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def resolve(self) -> Any:
        return getattr(self.module_now(), self.name)

    def module_now(self) -> Any:
        module = sys.modules.get(self.module)
        if module is None:  # the era's ~150 classes, imported as load_sdk imports the SDK: no
            # collection meanwhile, then frozen (else the next collections walk its ~100k
            # long-lived objects: +40 M instructions)
            with importlib.import_module("mcptui.core.speed").sdk_import_window():
                # its classes defined on first lookup (era_slices), else the whole module
                sliced = importlib.import_module("mcptui.core.era_slices").import_era(self.module)
                module = sliced if sliced is not None else importlib.import_module(self.module)
        elif getattr(module.__spec__, "_initializing", False):  # another thread imports it
            module = importlib.import_module(self.module)  # (era_ahead): wait on its module lock
        return module

    def __repr__(self) -> str:
        return f"<pending {self.module}.{self.name}>"


class LazySurface(Mapping[Any, Any]):
    """A method map's rows, each :class:`Pending` value resolved (and kept) on first lookup."""

    def __init__(self, rows: dict[Any, Any]) -> None:
        self._rows = rows

    def __getitem__(self, key: Any) -> Any:
        value = self._rows[key]
        if type(value) is Pending:
            value = self._rows[key] = value.resolve()
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def pending(self) -> int:
        """How many rows are still unresolved (tests)."""
        return sum(type(value) is Pending for value in self._rows.values())


class _StandInEra(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's probes (__path__, __spec__...)
            raise AttributeError(name)
        return Pending(self.__name__, name)


class _EraOnUse(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        return getattr(Pending(self.__name__, "").module_now(), name)


_REAL_PROXY: Any = types.MappingProxyType


class _ProxyMaker(type):
    """``types.MappingProxyType`` for the window: a map with :class:`Pending` rows is given a
    :class:`LazySurface`; ``isinstance`` and every other map answer as the real type does."""

    def __call__(cls, rows: Any) -> Any:
        if type(rows) is dict and any(type(value) is Pending for value in rows.values()):
            return _REAL_PROXY(LazySurface(rows))
        return _REAL_PROXY(rows)

    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, _REAL_PROXY)

    def __subclasscheck__(cls, sub: Any) -> bool:
        return issubclass(sub, _REAL_PROXY)


class _MappingProxy(metaclass=_ProxyMaker):
    pass


@contextlib.contextmanager
def _window() -> Iterator[bool]:
    if METHODS in sys.modules or any(era in sys.modules for era in ERAS):
        yield False
        return
    placed = {era: _StandInEra(era, "mcptui stand-in while mcp_types.methods is imported") for era in ERAS}
    sys.modules.update(placed)
    types.MappingProxyType = _MappingProxy  # type: ignore[misc,assignment]
    try:
        yield True
    finally:
        types.MappingProxyType = _REAL_PROXY  # type: ignore[misc]
        for era, module in placed.items():
            if sys.modules.get(era) is module:
                del sys.modules[era]


def eras_on_first_use() -> None:
    """Import ``mcp_types.methods`` with its era modules imported on first use (see above);
    ``MCPTUI_LAZY_ERAS=0``: as usual (same-run comparisons)."""
    if os.environ.get(SWITCH, "") == "0":
        return
    importlib.import_module("mcp_types")  # the version-free models: imported as usual, first
    importlib.import_module("mcp_types.version")
    with _window() as lazy:
        if lazy:
            methods = importlib.import_module(METHODS)
    if not lazy:
        return
    for name, value in list(vars(methods).items()):
        if value is _MappingProxy:
            setattr(methods, name, _REAL_PROXY)  # its own global back to the real type
        elif isinstance(value, _StandInEra):  # `v2025`: the real module's attributes, on use
            setattr(methods, name, _EraOnUse(value.__name__, "the era module, imported on first use"))
        elif _holds_pending(value):  # a row outside a LazySurface: this SDK builds its maps
            del sys.modules[METHODS]  # otherwise, so they are built as usual
            importlib.import_module(METHODS)
            return


def _holds_pending(value: Any) -> bool:
    if type(value) is Pending:
        return True
    if isinstance(value, dict | list | tuple | set | frozenset):
        items = value.values() if isinstance(value, dict) else value
        return any(type(item) is Pending for item in items)
    return False
