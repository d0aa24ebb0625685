"""The demo server's options, shared by `python -m mcptui.demo` and `mcptui demo`.

Light on purpose (argparse only): the command line's parser imports it.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """--page-size, --legacy-only, --stateless, --bulk-tools, --no-tasks-extension and --variant."""
    parser.add_argument("--page-size", type=int, default=None, metavar="N", help="paginate list results by N")
    parser.add_argument("--legacy-only", action="store_true", help="speak only the 2025-11-25 era")
    parser.add_argument("--stateless", action="store_true", help="stateless streamable HTTP (no sessions)")
    parser.add_argument(
        "--bulk-tools",
        type=int,
        default=0,
        metavar="N",
        help="add N trivial tools (bulk_0000...): a large catalog",
    )
    parser.add_argument(
        "--no-tasks-extension",
        action="store_true",
        help="no 2026-07-28 tasks extension (io.modelcontextprotocol/tasks)",
    )
    parser.add_argument(
        "--variant",
        choices=("default", "changed"),
        default="default",
        help="changed: a catalog that differs in known ways (for mcptui diff)",
    )


def server_option_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options in ``args``, or None."""
    if args.page_size is not None and args.page_size < 1:
        return "--page-size must be at least 1"
    if args.bulk_tools < 0:
        return "--bulk-tools must be 0 or more"
    return None


def server_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options as `run_demo` keyword arguments."""
    return {
        "page_size": args.page_size,
        "legacy_only": args.legacy_only,
        "stateless": args.stateless,
        "bulk_tools": args.bulk_tools,
        "variant": args.variant,
        "tasks_extension": not args.no_tasks_extension,
    }
