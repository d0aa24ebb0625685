"""Output and ``mcptui call`` pieces of the task commands, shared by commands_server and commands_tasks.

``mcptui call`` runs a tool as a task when its ``execution.taskSupport`` is ``required`` (or
``optional`` with ``--task``): the task's status changes go to stderr (not with ``--json``), the
result to stdout as for any call; ``--no-wait`` prints the created task (its id) and returns.
``--task``/``--no-wait`` connect in the 2025-11-25 era (where tasks are) unless the server
entry names an era. Every server string is sanitized before it is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mcptui.core.sanitize import json_safe, sanitize_body, sanitize_line


def status_line(task: Any) -> str:
    """``task ID: status — message · elapsed · polled every …``, sanitized (core/task_status.py)."""
    from mcptui.core.task_status import line

    return sanitize_line(line(task))


def print_json(value: Any) -> None:
    print(json_safe(json.dumps(value, indent=2, ensure_ascii=False)), file=sys.stdout, flush=True)


def out(text: str) -> None:
    print(sanitize_body(text), file=sys.stdout, flush=True)


def show_result(args: argparse.Namespace, result: dict[str, Any], name: str, what: str) -> int:
    from mcptui.cli.context import report_error
    from mcptui.core.errors import ToolError

    if args.json:
        print_json(result)
    else:
        from mcptui.cli.render import BinarySaver, render_tool_result

        out(render_tool_result(result, BinarySaver(getattr(args, "save_dir", None), name)))
    if result.get("isError"):
        report_error(ToolError(f"{what} returned an error (isError: true)"), as_json=args.json)
        return ToolError.exit_code
    return 0


def task_config(args: argparse.Namespace, config: Any) -> Any:
    """``mcptui call --task/--no-wait`` connects in the era that has tasks (see in_tasks_era)."""
    if not (getattr(args, "task", False) or getattr(args, "no_wait", False)):
        return config
    from mcptui.core.tasks import in_tasks_era

    return in_tasks_era(config)


def wants_task(args: argparse.Namespace, tool: dict[str, Any]) -> bool:
    """Whether ``mcptui call`` runs ``tool`` as a task (required, or optional with --task / --no-wait)."""
    from mcptui.core.errors import UsageError
    from mcptui.core.tasks import prefers_task, task_support

    asked = bool(getattr(args, "task", False) or getattr(args, "no_wait", False))
    if asked and task_support(tool) == "forbidden":
        raise UsageError(
            f"tool {tool.get('name')!r} does not run as a task (no execution.taskSupport)",
            hint="call it without --task / --no-wait",
        )
    return prefers_task(tool, as_task=asked)


async def call_as_task(
    args: argparse.Namespace, connection: Any, name: str, arguments: dict[str, Any], label: str
) -> int:
    """``mcptui call`` of a task tool: start it, show its status on stderr, print the result."""
    if getattr(args, "no_wait", False):
        task = await connection.tasks.start(name, arguments)
        if args.json:
            print_json(task.wire())
        else:
            out(task.task_id)
            print(
                status_line(task) + f"\nhint: mcptui tasks result {label} {task.task_id}",
                file=sys.stderr,
                flush=True,
            )
        return 0

    def on_status(task: Any) -> None:
        if not args.json:
            print(status_line(task), file=sys.stderr, flush=True)

    result = await connection.tasks.run_tool(name, arguments, on_status=on_status)
    return show_result(args, result, name, f"tool {name!r} (run as a task)")
