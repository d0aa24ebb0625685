"""Argument parsing: the `--` split, global options anywhere, the default TUI command, usage errors → exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mcptui.__main__ import main
from mcptui.cli.parser import COMMANDS, VALUE_OPTIONS, insert_default_command, parse_args, split_argv
from mcptui.core.errors import UsageError


def test_split_argv_at_first_double_dash():
    assert split_argv(["call", "add", "a=1", "--", "python", "srv.py", "--", "x"]) == (
        ["call", "add", "a=1"],
        ["python", "srv.py", "--", "x"],
    )
    assert split_argv(["list", "srv"]) == (["list", "srv"], None)


def test_stdio_command_makes_every_word_belong_to_the_subcommand():
    args = parse_args(["call", "add", "a=1", "b=2", "--", "python", "srv.py", "--flag"])
    assert args.command == "call"
    assert args.words == ["add", "a=1", "b=2"]
    assert args.stdio_command == ["python", "srv.py", "--flag"]


def test_global_options_before_and_after_the_subcommand_merge():
    args = parse_args(
        [
            "--json",
            "-H",
            "A: 1",
            "--timeout",
            "3",
            "call",
            "srv",
            "t",
            "--header",
            "B: 2",
            "-v",
            "--transport",
            "sse",
        ]
    )
    assert args.json is True
    assert args.header == ["A: 1", "B: 2"]
    assert args.timeout == 3.0
    assert args.verbose == 1
    assert args.transport == "sse"
    assert args.accept_defaults is False and args.no_browser is False
    assert not any(name.startswith("top_") for name in vars(args))


def test_defaults_when_no_global_option_is_given():
    args = parse_args(["list", "srv"])
    assert (args.json, args.header, args.timeout, args.transport, args.config, args.verbose) == (
        False,
        [],
        None,
        None,
        None,
        0,
    )


def test_key_value_words_after_an_option_stay_in_order():
    args = parse_args(["call", "srv", "tool", "--json", "a=1", "--save-dir", "/tmp/x", "b=2"])
    assert args.words == ["srv", "tool", "a=1", "b=2"]
    assert args.save_dir == "/tmp/x"


def test_no_command_opens_the_tui_and_a_bare_target_opens_it_on_that_server():
    assert insert_default_command([]) == ["tui"]
    assert insert_default_command(["-v"]) == ["-v", "tui"]
    assert insert_default_command(["http://x/mcp"]) == ["tui", "http://x/mcp"]
    assert insert_default_command(["--config", "f.json", "myserver"]) == [
        "--config",
        "f.json",
        "tui",
        "myserver",
    ]
    assert insert_default_command(["list", "x"]) == ["list", "x"]
    assert insert_default_command(["--help"]) == ["--help"]
    args = parse_args(["--", "python", "srv.py"])
    assert args.command == "tui" and args.stdio_command == ["python", "srv.py"]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["list", "srv", "--bogus"], "unrecognized option --bogus"),
        (["--transport", "carrier-pigeon", "list", "x"], "invalid choice"),
        (["--timeout", "soon", "list", "x"], "invalid float value"),
        (["--timeout", "0", "list", "x"], "--timeout must be a positive"),
        (["list", "x", "--"], "nothing after '--'"),
        (["servers", "extra"], "unexpected argument"),
    ],
)
def test_usage_errors_raise_usage_error(argv, fragment):
    with pytest.raises(UsageError) as info:
        parse_args(argv)
    assert fragment in str(info.value)


def test_usage_error_exits_1_not_2_with_one_line_and_a_hint(run_cli):
    run = run_cli("list", "srv", "--bogus")
    assert run.code == 1
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert lines[0] == "error: mcptui list: unrecognized option --bogus"
    assert lines[1].startswith("hint: ")
    assert "Traceback" not in run.err


def test_usage_error_with_json_is_one_json_line_on_stderr(run_cli):
    run = run_cli("--json", "list", "srv", "--bogus")
    assert run.code == 1 and run.out == ""
    (line,) = run.err.strip().splitlines()
    error = json.loads(line)["error"]
    assert error["code"] == "usage" and error["exitCode"] == 1
    assert "unrecognized option" in error["message"]


def test_help_and_version_exit_0(run_cli):
    run = run_cli("--help")
    assert run.code == 0
    for command in ("list", "call", "read", "prompt", "servers", "import", "locate", "demo", "auth"):
        assert command in run.out
    assert "Exit codes" in run.out
    run = run_cli("call", "--help")
    assert run.code == 0 and "TARGET TOOL [key=value ...]" in run.out and "--save-dir" in run.out
    run = run_cli("--version")
    assert run.code == 0 and run.out.startswith("mcptui ")


def test_missing_words_are_usage_errors(run_cli):
    run = run_cli("list")
    assert run.code == 1 and "missing TARGET" in run.err
    run = run_cli("call", "srv")
    assert run.code == 1 and "missing TOOL" in run.err
    run = run_cli("read", "http://127.0.0.1:1/mcp", "a", "b")
    assert run.code == 1 and "unexpected argument 'b'" in run.err


def test_unexpected_exception_is_one_line_internal_error(monkeypatch, run_cli):
    def boom(args):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(COMMANDS, "locate", COMMANDS["locate"]._replace(run=boom))
    run = run_cli("locate")
    assert run.code == 1
    assert run.err.splitlines()[0] == "internal error: RuntimeError: kaboom"
    assert "Traceback" not in run.err
    run = run_cli("-v", "locate")
    assert "Traceback" in run.err and "internal error: RuntimeError: kaboom" in run.err


def test_keyboard_interrupt_is_quiet_130(monkeypatch, run_cli):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(COMMANDS, "locate", COMMANDS["locate"]._replace(run=interrupted))
    run = run_cli("locate")
    assert run.code == 130 and run.out == "" and run.err == ""


def test_broken_pipe_is_quiet_141(monkeypatch, run_cli):
    def reader_left(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setitem(COMMANDS, "locate", COMMANDS["locate"]._replace(run=reader_left))
    run = run_cli("locate")
    assert run.code == 141 and run.err == ""


def test_import_and_parse_load_no_heavy_package():
    """`import mcptui.cli` + parsing must not pull in mcp, httpx2, pydantic or textual (speed budget)."""
    code = (
        "import json, sys, time\n"
        "t = time.perf_counter()\n"
        "import mcptui.cli.parser\n"
        "mcptui.cli.parser.parse_args(['--json', 'call', 'srv', 'add', 'a=1', '-H', 'K: V'])\n"
        "mcptui.cli.parser.build_parser().parse_args(['list', 'x'])\n"
        "took = time.perf_counter() - t\n"
        "print(json.dumps({'took': took, 'mods': sorted({m.split('.')[0] for m in sys.modules})}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for heavy in ("mcp", "mcp_types", "httpx2", "httpx", "pydantic", "textual", "authlib", "asyncio"):
        assert heavy not in report["mods"], f"{heavy} imported at start-up"
    # generous bound for loaded CI machines; the budget (0.15 s) is measured in bench/
    assert report["took"] < 1.0


def test_main_reads_sys_argv(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["mcptui", "--version"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("mcptui ")


def test_value_options_are_read_off_the_parser():
    """The words that take a value before the command, for finding the command (not a hand-kept list)."""
    assert {"--header", "-H", "--timeout", "--transport", "--config", "--root"} == VALUE_OPTIONS
    assert insert_default_command(["--config", "c.json", "list", "x"]) == ["--config", "c.json", "list", "x"]
    assert insert_default_command(["--config", "list", "x"]) == ["--config", "list", "tui", "x"]
    assert insert_default_command(["--json", "list", "x"]) == ["--json", "list", "x"]


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["servers", "--help"]])
def test_one_shot_runs_import_neither_the_sdk_nor_textual(argv):
    code = (
        "import sys, contextlib, io\n"
        "from mcptui.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "mcptui" in loaded
    assert not loaded & {"mcp", "mcp_types", "textual", "httpx", "httpx2", "pydantic", "asyncio"}


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["list", "srv", "x"], "unexpected argument 'x': mcptui list TARGET"),
        (["read", "srv"], "missing URI: mcptui read TARGET URI"),
        (["read", "srv", "u", "v"], "unexpected argument 'v': mcptui read TARGET URI"),
        (["call", "srv"], "missing TOOL: mcptui call TARGET TOOL [key=value ...]"),
        (["prompt", "--", "cmd"], "missing NAME: mcptui prompt TARGET NAME [key=value ...]"),
        (["call", "srv", "tool", "a=1", "b=2"], None),
        (["read", "srv", "u"], None),
    ],
)
def test_the_words_after_target_are_checked_against_the_synopsis(argv, problem):
    """Checked before any connection: the words each command takes come from its table entry."""
    from mcptui.cli.commands_server import _check_words, split_target
    from mcptui.cli.parser import COMMANDS

    args = parse_args(argv)
    synopsis = COMMANDS[args.command].run.keywords["synopsis"]
    _, rest = split_target(args, synopsis)
    if problem is None:
        _check_words(rest, synopsis)
        return
    with pytest.raises(UsageError) as raised:
        _check_words(rest, synopsis)
    assert raised.value.message == problem
