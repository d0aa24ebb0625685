"""Tasks on the command line: ``mcptui tasks list|get|result|cancel TARGET [ID]``, and ``call`` as a task.

``mcptui tasks ACTION TARGET [TASK_ID]`` reads like ``mcptui auth ACTION TARGET`` (the action
first) and ``mcptui read TARGET URI`` (TARGET, then what on it). Each run is a new session, so
``get``/``result``/``cancel`` find a task only where the server keeps tasks across sessions (the
demo does over HTTP; a stdio server dies with the process that started it).

``--era 2026-07-28`` speaks the tasks extension (default: the 2025-11-25 era, as before): ``get``
and ``result`` use tasks/get (the result is inlined; a failed task's JSON-RPC error exits 1),
``cancel`` tasks/cancel, and ``list`` (there is no tasks/list) the tasks this client started on
that server, remembered on disk, each asked about again.

``mcptui call`` of a task tool is in :mod:`mcptui.cli.task_calls`.

Nothing heavy is imported at module level: the parser imports this module at start-up.
"""

from __future__ import annotations

import argparse
from typing import Any

from mcptui.cli.task_calls import (
    check_era,
    era_argument,
    era_config,
    out,
    print_json,
    show_result,
    status_line,
)

TASK_ACTIONS = ("list", "get", "result", "cancel")


def tasks_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=TASK_ACTIONS, help="list | get | result | cancel")
    p.add_argument("words", nargs="*", metavar="TARGET [TASK_ID]", help="server, then the task id")
    era_argument(p)


def cmd_tasks(args: argparse.Namespace) -> int:
    import asyncio

    from mcptui.cli.commands_server import _session, split_target
    from mcptui.cli.context import resolve
    from mcptui.core.errors import UsageError

    needed = 0 if args.action == "list" else 1
    synopsis = f"mcptui tasks {args.action} TARGET" + (" TASK_ID" if needed else "")
    target, rest = split_target(args, synopsis)
    if len(rest) < needed:
        raise UsageError(
            f"missing TASK_ID: {synopsis}", hint=f"the ids: mcptui tasks list {target or '-- ...'}"
        )
    if len(rest) > needed:
        raise UsageError(f"unexpected argument {rest[needed]!r}: {synopsis}")
    config = era_config(args, resolve(args, target), tasks=True)
    return asyncio.run(_session(args, config, target or config.describe(), rest, _run_action))


async def _run_action(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    check_era(args, connection, label)
    if args.action == "list":
        tasks = await connection.tasks.list()
        if args.json:
            print_json({"tasks": [task.wire() for task in tasks]})
        elif not tasks:
            out(
                f"{label}: no tasks"
                + (" this client knows of" if getattr(connection.tasks, "remembers", False) else "")
            )
        else:
            for task in tasks:
                out(status_line(task))
        return 0
    task_id = rest[0]
    if args.action == "get":
        task = await connection.tasks.get(task_id)
        print_json(task.wire()) if args.json else out(status_line(task))
        return 0
    if args.action == "cancel":
        task = await connection.tasks.cancel(task_id)
        print_json(task.wire()) if args.json else out(status_line(task))
        return 0
    return show_result(args, await connection.tasks.result(task_id), task_id, f"task {task_id}")
