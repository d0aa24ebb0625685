"""``mcptui sessions``: the agent's warm connections; ``sessions stop [TARGET | --all]`` closes them.

Never starts an agent: with none running, the list is empty. ``stop TARGET`` closes the
connections to TARGET (a name, URL, stdio command line or the id shown by the list);
``stop --all`` closes every one and ends the agent.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mcptui.cli import agent_client
from mcptui.core.errors import UsageError
from mcptui.core.sanitize import sanitize_line


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["stop"], help="stop: close connections")
    p.add_argument("target", nargs="?", metavar="TARGET", help="the connection to stop")
    p.add_argument("--all", action="store_true", help="stop: close every connection and end the agent")


def _ask(frame: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return agent_client.request(frame)
    except agent_client.AgentUnavailable:
        return None


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"


def cmd_sessions(args: argparse.Namespace) -> int:
    if args.action == "stop":
        return _stop(args)
    if args.target or args.all:
        raise UsageError("TARGET and --all go with 'stop'", hint="mcptui sessions stop TARGET")
    answer = _ask({"t": "sessions"})
    sessions = list(answer.get("sessions") or []) if answer else []
    if args.json:
        pid = answer.get("pid") if answer else None
        print(json.dumps({"agent": {"pid": pid} if answer else None, "sessions": sessions}, indent=2))
        return 0
    if answer is None:
        print("no agent running", file=sys.stderr)
        return 0
    if not sessions:
        print(f"agent {answer.get('pid')} has no warm connections", file=sys.stderr)
        return 0
    rows = [("ID", "TARGET", "TRANSPORT", "AGE", "IDLE", "CALLS")]
    for item in sessions:
        rows.append(
            (
                str(item.get("id", "")),
                sanitize_line(str(item.get("target", ""))),
                str(item.get("transport", "")),
                _duration(float(item.get("age", 0))),
                "busy" if item.get("busy") else _duration(float(item.get("idle", 0))),
                str(item.get("calls", 0)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _stop(args: argparse.Namespace) -> int:
    if not args.all and not args.target:
        raise UsageError("stop what?", hint="mcptui sessions stop TARGET, or --all to end the agent")
    if args.all and args.target:
        raise UsageError("give TARGET or --all, not both")
    frame: dict[str, Any] = {"t": "stop", "all": True} if args.all else {"t": "stop", "target": args.target}
    answer = _ask(frame)
    count = int(answer.get("count", 0)) if answer else 0
    if args.json:
        print(json.dumps({"stopped": count, "agent": bool(answer and args.all)}))
    elif answer is None:
        print("no agent running", file=sys.stderr)
    else:
        what = "; the agent is stopping" if args.all else ""
        print(f"closed {count} connection{'s' if count != 1 else ''}{what}", file=sys.stderr)
    if args.target and not count:
        raise UsageError(f"no warm connection to {args.target!r}", hint="mcptui sessions lists them")
    return 0
