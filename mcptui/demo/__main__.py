"""`python -m mcptui.demo [--http PORT | --sse PORT] [--host H] [--page-size N] [--legacy-only]
[--stateless] [--bulk-tools N]`."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m mcptui.demo", description="Run the mcptui demo MCP server."
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--http", type=int, metavar="PORT", help="serve streamable HTTP on PORT (0 = any free port)"
    )
    where.add_argument(
        "--sse", type=int, metavar="PORT", help="serve legacy HTTP+SSE on PORT (0 = any free port)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
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
    args = parser.parse_args(argv)
    if args.page_size is not None and args.page_size < 1:
        parser.error("--page-size must be at least 1")
    if args.bulk_tools < 0:
        parser.error("--bulk-tools must be 0 or more")
    for flag in ("http", "sse"):
        port = getattr(args, flag)
        if port is not None and not 0 <= port <= 65535:
            parser.error(f"--{flag} PORT must be between 0 and 65535")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from mcptui.demo.server import run_demo

    if args.http is not None:
        transport, port = "http", args.http
    elif args.sse is not None:
        transport, port = "sse", args.sse
    else:
        transport, port = "stdio", None
    try:
        run_demo(
            transport,
            port,
            host=args.host,
            page_size=args.page_size,
            legacy_only=args.legacy_only,
            stateless=args.stateless,
            bulk_tools=args.bulk_tools,
        )
    except OSError as exc:
        print(f"mcptui-demo: cannot listen on {args.host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 4
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
