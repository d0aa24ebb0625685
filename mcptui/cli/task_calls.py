"""Output and ``mcptui call`` pieces of the task commands, shared by commands_server and commands_tasks.

``mcptui call`` runs a tool as a task when its ``execution.taskSupport`` is ``required`` (or
``optional`` with ``--task``): the task's status changes go to stderr (not with ``--json``), the
result to stdout as for any call; ``--no-wait`` prints the created task (its id) and returns.
In 2026-07-28 (the tasks extension) the server decides per call: any tool of a server that
declares the extension is "optional" here, and a plain call that the server turns into a task is
followed by the core. ``--task``/``--no-wait`` (and ``mcptui tasks``) connect in the 2025-11-25
era unless ``--era`` or the server entry names one. Every server string is sanitized before it
is printed.
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


MODERN = "2026-07-28"
ERAS = {"auto": "auto", "legacy": "legacy", "2025-11-25": "legacy", MODERN: MODERN}  # as snapshot's --era


def _era(value: str) -> str:
    if value not in ERAS:
        raise argparse.ArgumentTypeError(f"unknown era {value!r} (choose from {', '.join(ERAS)})")
    return ERAS[value]


def era_argument(p: argparse.ArgumentParser) -> None:
    """``--era`` for ``call`` and ``tasks``: the protocol era to connect in."""
    p.add_argument(
        "--era",
        type=_era,
        metavar="ERA",
        help="protocol era: auto, 2025-11-25 (legacy), 2026-07-28 (tasks and --task: 2025-11-25 unless given)",
    )


def era_config(args: argparse.Namespace, config: Any, *, tasks: bool) -> Any:
    """``config`` in the era asked for: ``--era``; else, for tasks, the 2025-11-25 one (in_tasks_era).

    A version pin makes the SDK skip server/discover (no capabilities): 2026-07-28 is asked for
    through "auto" and checked once connected (:func:`check_era`).
    """
    era = getattr(args, "era", None)
    if era:
        return config.with_overrides(protocol="auto" if era == MODERN else era)
    if not tasks:
        return config
    from mcptui.core.tasks import in_tasks_era

    return in_tasks_era(config)


def check_era(args: argparse.Namespace, connection: Any, label: str) -> None:
    """``--era 2026-07-28`` of a server that answered in another era: exit 4."""
    if getattr(args, "era", None) == MODERN and connection.protocol_version != MODERN:
        from mcptui.core.errors import TransportError

        raise TransportError(
            f"{label} answered in protocol {connection.protocol_version}, not {MODERN}",
            hint="this server does not speak the 2026-07-28 era",
        )


def task_config(args: argparse.Namespace, config: Any) -> Any:
    """``mcptui call``: ``--era``, else ``--task/--no-wait`` connect in the era that has tasks."""
    tasks = bool(getattr(args, "task", False) or getattr(args, "no_wait", False))
    return era_config(args, config, tasks=tasks)


def wants_task(args: argparse.Namespace, tool: dict[str, Any], connection: Any) -> bool:
    """Whether ``mcptui call`` runs ``tool`` as a task (required, or optional with --task / --no-wait).

    ``connection.tasks.support``: the tool's taskSupport (2025-11-25), or "optional" for every tool
    of a server with the tasks extension (2026-07-28, where the server decides).
    """
    from mcptui.core.errors import UsageError

    asked = bool(getattr(args, "task", False) or getattr(args, "no_wait", False))
    support = connection.tasks.support(tool)
    if asked and support == "forbidden":
        raise UsageError(
            f"tool {tool.get('name')!r} does not run as a task "
            "(no execution.taskSupport, and no tasks extension on the server)",
            hint="call it without --task / --no-wait",
        )
    return support == "required" or (support == "optional" and asked)


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
            era = f" --era {connection.protocol_version}" if task.extension else ""
            print(
                status_line(task) + f"\nhint: mcptui tasks result {label} {task.task_id}{era}",
                file=sys.stderr,
                flush=True,
            )
        return 0

    def on_status(task: Any) -> None:
        if not args.json:
            print(status_line(task), file=sys.stderr, flush=True)

    result = await connection.tasks.run_tool(name, arguments, on_status=on_status)
    return show_result(args, result, name, f"tool {name!r} (run as a task)")
