"""``mcptui`` with a timeline of its cold launch: ``python bench/launch_timeline.py MARKS_FILE URL...``.

Bench-only: nothing in ``mcptui`` prints or records these. This wrapper runs ``mcptui``'s own
:func:`mcptui.__main__.main` with hooks put on functions of the launch path *as their modules
are imported* (an import hook: nothing is imported earlier than ``mcptui`` imports it), so the
prefetch child (a fork) inherits them. Each hook appends one line to MARKS_FILE (one
``O_APPEND`` write: atomic, also from the child, which ends with ``os._exit``):
``pid wall cpu event``, ``wall`` on ``time.perf_counter`` (CLOCK_MONOTONIC on Linux, shared by
every process, so the bench's terminal stamps fit in) and ``cpu`` the process's own CPU time.
Read by :func:`tui_bench.launch_timeline`. ``main`` is called as the program calls it (no
``argv``), so the code cache (:mod:`mcptui.core.code_cache`) is installed as in a real launch.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import os
import sys
import time
from collections.abc import Callable
from typing import Any

_FD = -1


def mark(event: str) -> None:
    line = f"{os.getpid()} {time.perf_counter():.6f} {time.process_time():.6f} {event}\n"
    os.write(_FD, line.encode())


def around(owner: Any, name: str, before: str, after: str = "") -> None:
    """Mark ``before`` when ``owner.name`` is called and ``after`` when it returns (or raises)."""
    original = getattr(owner, name)
    if getattr(original, "__code__", None) is not None and original.__code__.co_flags & 0x80:  # async def

        @functools.wraps(original)
        async def coroutine(*args: Any, **kwargs: Any) -> Any:
            mark(before)
            try:
                return await original(*args, **kwargs)
            finally:
                if after:
                    mark(after)

        setattr(owner, name, coroutine)
        return

    @functools.wraps(original)
    def function(*args: Any, **kwargs: Any) -> Any:
        mark(before)
        try:
            return original(*args, **kwargs)
        finally:
            if after:
                mark(after)

    setattr(owner, name, function)


def _prefetch_fork(module: Any) -> None:
    around(module, "EarlyFork", "fork")
    around(module, "_child", "child: forked")
    around(module, "_read_line", "child: waits for settings", "child: settings read")


def _speed(module: Any) -> None:
    around(module, "_import_sdk", "sdk import start", "sdk import end")


class _MarkedOut:
    """The child's line stream: its write is marked, just before it (a long line goes onto the
    pipe during the write, and the parent may then end the child before anything after it)."""

    def __init__(self, out: Any) -> None:
        self.out = out

    def write(self, text: str) -> int:
        mark("child: line written")
        return int(self.out.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.out, name)


def _prefetch(module: Any) -> None:
    around(module, "fetch_in_child", "child: fetch start", "child: fetch end (disconnected)")
    fetch = module._fetch

    async def _fetch(settings: Any, out: Any) -> None:
        await fetch(settings, _MarkedOut(out))

    module._fetch = _fetch
    around(module, "parse_line", "parent: parse start", "parent: parse end")
    read = module.LinePrefetch._read

    def _read(self: Any) -> None:
        read(self)
        mark("parent: line read")

    module.LinePrefetch._read = _read
    around(module.ForkPrefetch, "__init__", "parent: settings sent")


def _connection(module: Any) -> None:
    around(module.ServerConnection, "connect", "connect start", "connect end (catalog listed)")


def _catalog(module: Any) -> None:
    around(module.Catalog, "to_dict", "child: to_dict start", "child: to_dict end")


def _main(module: Any) -> None:
    around(module, "open_tui", "parent: command line read, open_tui")


def _ui_app(module: Any) -> None:
    mark("parent: ui imported (Textual and our UI)")
    around(module.McpTuiApp, "on_mount", "parent: app mounted")
    around(module.McpTuiApp, "_connect_all", "parent: first frame refreshed")


def _session(module: Any) -> None:
    publish = module.SessionManager._publish

    def _publish(self: Any, name: str, **changes: Any) -> Any:
        catalog = changes.get("catalog")
        if catalog is not None:
            mark("parent: catalog published (prefetched)" if catalog.prefetched else "parent: live catalog")
        return publish(self, name, **changes)

    module.SessionManager._publish = _publish


def _catalog_tree(module: Any) -> None:
    show = module.CatalogTree.show_catalog

    def show_catalog(self: Any, server: Any, catalog: Any) -> None:
        if catalog is None:
            return show(self, server, catalog)
        mark("parent: tree build start")
        try:
            return show(self, server, catalog)
        finally:
            mark("parent: tree build end")

    module.CatalogTree.show_catalog = show_catalog
    render_lines = module.CatalogTree.render_lines

    def rendered(self: Any, crop: Any) -> Any:
        if self._announce_paint:
            mark("parent: tree rendered with the catalog")
        return render_lines(self, crop)

    module.CatalogTree.render_lines = rendered


def _main_screen(module: Any) -> None:
    changed = module.MainScreen._snapshot_changed

    def _snapshot_changed(self: Any, snapshot: Any) -> None:
        if snapshot.catalog is not None and snapshot.catalog.prefetched:
            mark("parent: screen handles the prefetched snapshot")
        return changed(self, snapshot)

    module.MainScreen._snapshot_changed = _snapshot_changed


HOOKS: dict[str, Callable[[Any], None]] = {
    "mcptui.ui.screens.main_screen": _main_screen,
    "mcptui.core.prefetch_fork": _prefetch_fork,
    "mcptui.core.speed": _speed,
    "mcptui.core.prefetch": _prefetch,
    "mcptui.core.connection": _connection,
    "mcptui.core.catalog": _catalog,
    "mcptui.ui.app": _ui_app,
    "mcptui.core.session": _session,
    "mcptui.ui.widgets.catalog_tree": _catalog_tree,
}


class _HookedLoader(importlib.abc.Loader):
    def __init__(self, loader: Any, hook: Callable[[Any], None]) -> None:
        self.loader, self.hook = loader, hook

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        try:
            self.hook(module)
        except AttributeError as error:  # a renamed function: say so in the marks, run on
            mark(f"hook failed: {module.__name__}: {error}")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        hook = HOOKS.get(name)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _HookedLoader(spec.loader, hook)
        return spec


def main() -> int:
    global _FD
    _FD = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    mark("parent: wrapper start (interpreter up)")
    sys.meta_path.insert(0, _Finder())
    from mcptui.__main__ import main as mcptui_main

    sys.argv = [sys.argv[0], *sys.argv[2:]]  # run as the program (argv=None): its code cache too
    return mcptui_main()


if __name__ == "__main__":
    raise SystemExit(main())
