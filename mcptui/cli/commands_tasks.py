"""Tasks on the command line: ``mcptui tasks list|get|result|cancel TARGET [ID]``, and ``call`` as a task.

``mcptui tasks ACTION TARGET [TASK_ID]`` reads like ``mcptui auth ACTION TARGET`` (the action
first) and ``mcptui read TARGET URI`` (TARGET, then what on it). Each run is a new session, so
``get``/``result``/``cancel`` find a task only where the server keeps tasks across sessions (the
demo does over HTTP; a stdio server dies with the process that started it).

``mcptui call`` of a task tool is in :mod:`mcptui.cli.task_calls`.

Nothing heavy is imported at module level: the parser imports this module at start-up.
"""

from __future__ import annotations

import argparse
from typing import Any

from mcptui.cli.task_calls import out, print_json, show_result, status_line

TASK_ACTIONS = ("list", "get", "result", "cancel")


def tasks_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=TASK_ACTIONS, help="list | get | result | cancel")
    p.add_argument("words", nargs="*", metavar="TARGET [TASK_ID]", help="server, then the task id")


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
    from mcptui.core.tasks import in_tasks_era

    config = in_tasks_era(resolve(args, target))
    return asyncio.run(_session(args, config, target or config.describe(), rest, _run_action))


async def _run_action(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    if args.action == "list":
        tasks = await connection.tasks.list()
        if args.json:
            print_json({"tasks": [task.wire() for task in tasks]})
        elif not tasks:
            out(f"{label}: no tasks")
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
