"""`python -m mcptui.demo [--http PORT | --sse PORT] [--host H] [--page-size N] [--legacy-only]
[--stateless] [--bulk-tools N]`."""

from __future__ import annotations

import argparse
import sys

from mcptui.demo.options import add_server_options, server_option_problem, server_options


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
    add_server_options(parser)
    args = parser.parse_args(argv)
    problem = server_option_problem(args)
    if problem:
        parser.error(problem)
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
        run_demo(transport, port, host=args.host, **server_options(args))
    except OSError as exc:
        print(f"mcptui-demo: cannot listen on {args.host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 4
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
