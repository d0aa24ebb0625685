"""An era's wire models defined when first looked up: the classes a run uses and what they name.

:mod:`mcptui.core.lazy_eras` imports an era's module (``mcp_types._v2026_07_28``, ~150 pydantic
classes, ~190 M instructions to define) on the first lookup of any of its rows; a ``list`` then
uses the classes of four results, a ``call`` those of one. :func:`import_era` makes the era's
module with its imports run, and each class (or alias) defined the first time something asks
the module for it (a module ``__getattr__``, PEP 562), together with every top-level name its
statement mentions, transitively: bases, annotations (also those in strings: forward
references), field defaults, aliases. A ``list`` defines 16 of the 148 classes, a ``call``
31 (``CallToolResult | InputRequiredResult``: the input requests' classes too).

Exactness. The module is generated code whose top level is only imports, docstrings, class
definitions and assignments to plain names, each name bound once: that is checked, else the
module is imported as usual. Each definition runs the very statement of the source (compiled
alone, with the module's ``__future__`` flags, its file name and line numbers), in the module's
own namespace, after every statement it mentions and in source order, so it sees the values it
would have seen; a statement that mentions a name the source defines later (a forward reference
in an annotation) finds it undefined or defined, and pydantic resolves such annotations when the
validator is built (``defer_build``, as in a one-shot import), from the module's namespace,
which then holds them. What differs is only what the module has not been asked for: ``vars()``
of the module lists the names defined so far (``dir()`` lists them all).

The plan (each statement's code object, marshalled, the names it binds and those it needs) is
built once from the source (``ast``) and kept beside the code cache
(:func:`mcptui.core.code_cache.read_payload`: this user's regular file, CRC-checked), stamped
with the interpreter's bytecode magic number and the source's path, size and modification time;
each statement's code is unmarshalled when it first runs. Building it costs the one run that
finds none (a first run, a new SDK) ~80 M instructions more than the usual import (``list``
1,524 M → 1,602 M); every later run saves ~150 M. Wherever the eras are imported on first
use (a one-shot command, the prefetch child, and the TUI's live connection while its first
catalog is not drawn yet: a 2025-11-25 session's era; importing it whole there instead costs
more, +368 M against the plan's +294 M on a first launch, branch legacy8) with the code cache
on; ``MCPTUI_ERA_SLICES=0`` imports the whole module (same-run comparisons).
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys
import threading
import types
from pathlib import Path
from typing import Any

SWITCH = "MCPTUI_ERA_SLICES"
FORMAT = "mcptui-era-slices-1"


class UnsuitableSource(ValueError):
    """The module's top level is not the plain shape this module handles."""


# A plan: (eager codes, lazy codes, binds: name -> lazy index, needs: lazy index -> indices to
# run first, in order, itself last); codes are marshalled code objects.
Plan = tuple[tuple[bytes, ...], tuple[bytes, ...], dict[str, int], tuple[tuple[int, ...], ...]]


def _mentioned(node: ast.AST) -> set[str]:
    """Every name the statement loads, also inside string constants that parse as expressions
    (forward references such as ``list["JSONValue"]``); a superset of what it can need."""
    names: set[str] = set()
    nodes = list(ast.walk(node))
    prose = {id(sub.value) for sub in nodes if isinstance(sub, ast.Expr)}  # docstrings: never looked up
    for sub in nodes:
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in prose:
            try:
                expression = ast.parse(sub.value.strip(), mode="eval")
            except (SyntaxError, ValueError):
                continue  # prose (a docstring): no name can be looked up from it
            names.update(inner.id for inner in ast.walk(expression) if isinstance(inner, ast.Name))
    return names


def _bound(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign) and all(isinstance(target, ast.Name) for target in node.targets):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    raise UnsuitableSource(f"line {node.lineno}: {type(node).__name__}")


def build_plan(source: str | bytes, filename: str) -> Plan:
    """The plan of a module's source (raises :class:`UnsuitableSource` for any other shape)."""
    tree = ast.parse(source, filename=filename)
    flags = 0
    eager: list[ast.stmt] = []
    lazy: list[ast.stmt] = []
    for position, node in enumerate(tree.body):
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if docstring and isinstance(node.value.value, str):  # type: ignore[attr-defined]
            if position == 0:
                eager.append(node)  # the module's __doc__; any later one is a no-op
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            if lazy:
                raise UnsuitableSource(f"line {node.lineno}: an import after a definition")
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                for alias in node.names:
                    flags |= getattr(importlib.import_module("__future__"), alias.name).compiler_flag
            eager.append(node)
            continue
        lazy.append(node)
    binds: dict[str, int] = {}
    for index, node in enumerate(lazy):
        for name in _bound(node):
            if name in binds or name.startswith("__"):
                raise UnsuitableSource(f"line {node.lineno}: {name} bound twice, or a dunder")
            binds[name] = index
    direct = [sorted({binds[name] for name in _mentioned(node) if name in binds}) for node in lazy]
    needs = []
    for index in range(len(lazy)):
        seen = {index}
        todo = list(direct[index])
        while todo:
            other = todo.pop()
            if other not in seen:
                seen.add(other)
                todo.extend(direct[other])
        needs.append(tuple(sorted(seen)))

    def code(node: ast.stmt) -> bytes:
        module = ast.Module(body=[node], type_ignores=[])
        return marshal.dumps(compile(module, filename, "exec", flags, True))

    return tuple(code(node) for node in eager), tuple(code(node) for node in lazy), binds, tuple(needs)


def _valid(plan: Any) -> bool:
    if not (type(plan) is tuple and len(plan) == 4):
        return False
    eager, lazy, binds, needs = plan
    return (
        type(eager) is tuple
        and type(lazy) is tuple
        and all(type(code) is bytes for code in (*eager, *lazy))
        and type(binds) is dict
        and all(
            type(name) is str and type(index) is int and 0 <= index < len(lazy)
            for name, index in binds.items()
        )
        and type(needs) is tuple
        and len(needs) == len(lazy)
        and all(
            type(run) is tuple and all(type(i) is int and 0 <= i < len(lazy) for i in run) for run in needs
        )
    )


class SlicedEra:
    """What a sliced era module holds besides its namespace: its plan and what has run."""

    def __init__(self, module: types.ModuleType, plan: Plan) -> None:
        self.module = module
        self.lazy, self.binds, self.needs = plan[1], plan[2], plan[3]
        self.done: set[int] = set()
        self.lock = threading.RLock()

    def define(self, name: str) -> Any:
        """``name``'s value, its statement (and all it mentions) run first if they have not."""
        index = self.binds.get(name)
        if index is None:
            raise AttributeError(f"module {self.module.__name__!r} has no attribute {name!r}")
        namespace = self.module.__dict__
        with self.lock:
            steps = [step for step in self.needs[index] if step not in self.done]
            if steps:  # as lazy_eras imports an era: no collection meanwhile, then frozen
                with importlib.import_module("mcptui.core.speed").sdk_import_window():
                    for step in steps:
                        exec(marshal.loads(self.lazy[step]), namespace)  # noqa: S102 - the SDK's own source
                        self.done.add(step)
        return namespace[name]

    def pending(self) -> int:
        """How many definitions have not run (tests)."""
        return len(self.lazy) - len(self.done)


def _plan_file(name: str) -> Path:
    from mcptui.core import code_cache

    return code_cache.cache_file().with_name(f"{sys.implementation.cache_tag}.era-{name}.marshal")


def _plan_for(name: str, origin: str) -> Plan | None:
    """The module's plan: from its file when its stamp matches, else built (and stored)."""
    from mcptui.core import code_cache

    try:
        info = os.stat(origin)
    except OSError:
        return None
    stamp = (importlib.util.MAGIC_NUMBER, origin, info.st_size, info.st_mtime_ns)
    path = _plan_file(name)
    plan = code_cache.read_payload(path, FORMAT, stamp)
    if _valid(plan):
        return plan  # type: ignore[no-any-return]
    try:
        with open(origin, "rb") as handle:
            plan = build_plan(handle.read(), origin)
    except (OSError, SyntaxError, ValueError):  # UnsuitableSource among them
        return None
    code_cache.write_payload(path, FORMAT, stamp, plan)
    return plan


def wanted() -> bool:
    return os.environ.get(SWITCH, "") != "0" and os.environ.get("MCPTUI_CODE_CACHE", "") != "0"


_IMPORTING = threading.Lock()  # one module made at a time (two threads asking: one module)


def import_era(name: str) -> types.ModuleType | None:
    """The module ``name``, its definitions run on first lookup; None when it cannot be (not
    wanted, its source missing or of another shape): the caller imports it as usual."""
    if name in sys.modules:
        return sys.modules[name]
    if not wanted():
        return None
    with _IMPORTING:
        return sys.modules.get(name) or _make(name)


def _make(name: str) -> types.ModuleType | None:
    parent_name, _, child = name.rpartition(".")
    parent = importlib.import_module(parent_name) if parent_name else None
    spec = importlib.util.find_spec(name)
    if (
        spec is None
        or not isinstance(spec.loader, importlib.machinery.SourceFileLoader)
        or not spec.origin
        or not spec.has_location
    ):
        return None
    plan = _plan_for(name, spec.origin)
    if plan is None:
        return None
    module = importlib.util.module_from_spec(spec)
    era = SlicedEra(module, plan)

    def __getattr__(attr: str) -> Any:  # noqa: N807 - the module's own hook (PEP 562)
        return era.define(attr)

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*module.__dict__, *era.binds})

    sys.modules[name] = module
    try:
        for code in plan[0]:
            exec(marshal.loads(code), module.__dict__)  # noqa: S102 - the SDK's own imports
    except BaseException:
        del sys.modules[name]
        raise
    module.__dict__.update(__getattr__=__getattr__, __dir__=__dir__, __mcptui_sliced__=era)
    if parent is not None:
        setattr(parent, child, module)
    return module


def sliced(module: Any) -> SlicedEra | None:
    """The :class:`SlicedEra` of a module made by :func:`import_era`, else None."""
    era = getattr(module, "__dict__", {}).get("__mcptui_sliced__")
    return era if isinstance(era, SlicedEra) else None
