"""The thin CLI side of the warm-session agent: send one command to it, relay its terminal I/O.

A server command (list, call, read, prompt) is sent as argv + cwd + env + which of
stdin/stdout/stderr are terminals, over the agent's unix socket, as newline-delimited JSON
frames. The agent runs the same command code against a warm connection and streams back
``out``/``err`` writes, ``readline`` questions (answered from this terminal) and the
``exit`` code. This module imports neither the SDK nor asyncio (``tests/agent``
checks): a warm call costs one interpreter start, the parser and a socket round trip.

When the agent cannot be reached or started, :func:`route` returns None and the command
runs directly (one line says why with ``-v``). ``--no-agent`` or ``MCPTUI_NO_AGENT=1``
skip the agent. The socket lives in ``MCPTUI_RUNTIME_DIR``, else ``MCPTUI_HOME/run``,
else the user runtime dir (``$XDG_RUNTIME_DIR/mcptui``), else a 0700 ``run/`` folder
under the cache dir.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SERVER_COMMANDS = frozenset({"list", "call", "read", "prompt"})
RUNTIME_ENV = "MCPTUI_RUNTIME_DIR"
NO_AGENT_ENV = "MCPTUI_NO_AGENT"
IDLE_ENV = "MCPTUI_AGENT_IDLE"
SOCKET_NAME = "agent.sock"
START_TIMEOUT = 10.0

# Inside the agent process this is the pooled runner: main() hands it the parsed command.
in_agent_runner: Callable[[Any], int] | None = None


class AgentUnavailable(Exception):
    """The agent could not be reached or started; the command runs directly."""


class NotASocket(AgentUnavailable):
    """Something other than an agent socket sits at the socket path."""


# ----------------------------------------------------------------- where the socket lives
def runtime_dir() -> Path:
    """The folder holding the agent's socket (created 0700 by :func:`ensure_runtime_dir`)."""
    explicit = os.environ.get(RUNTIME_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("MCPTUI_HOME", "").strip()
    if home:
        return Path(home).expanduser() / "run"
    xdg = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if xdg and os.path.isdir(xdg) and os.access(xdg, os.W_OK):
        return Path(xdg) / "mcptui"
    from mcptui.core import locations

    return locations.cache_dir() / "run"


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def ensure_runtime_dir() -> Path:
    """The runtime folder, created 0700 and checked to be ours and private."""
    folder = runtime_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid():
        raise AgentUnavailable(f"{folder} belongs to another user")
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


def check_socket_file(path: Path) -> bool:
    """True when ``path`` exists and is a socket; NotASocket when it is anything else."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISSOCK(info.st_mode):
        raise NotASocket(
            f"{path} exists and is not an mcptui agent socket; not using the agent "
            "(remove that file, or set MCPTUI_NO_AGENT=1)"
        )
    return True


# ----------------------------------------------------------------- frames
def send_frame(sock: socket.socket, frame: dict[str, Any]) -> None:
    sock.sendall(json.dumps(frame).encode("utf-8") + b"\n")


class FrameReader:
    """Newline-delimited JSON frames from a blocking socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def buffered(self) -> dict[str, Any] | None:
        """A frame already received whole, without reading the socket."""
        return self.read() if b"\n" in self.buffer else None

    def read(self) -> dict[str, Any] | None:
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        value = json.loads(line)
        return value if isinstance(value, dict) else None


def connect(path: Path | None = None, timeout: float | None = 5.0) -> socket.socket:
    """A socket connected to a running agent; AgentUnavailable when none answers."""
    path = path or socket_path()
    if not check_socket_file(path):
        raise AgentUnavailable("no agent running")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except OSError as error:
        sock.close()
        raise AgentUnavailable(f"the agent socket does not answer ({error.strerror or error})") from None
    return sock


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end (Linux SO_PEERCRED), None where unknown."""
    import struct

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    creds = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


def same_user(sock: socket.socket) -> bool:
    """The other end runs as this user (or the system cannot tell; the folder is 0700 anyway)."""
    uid = peer_uid(sock)
    return uid is None or uid == os.getuid()


def request(frame: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """One question to a running agent (sessions, stop, ping) and its one answer."""
    with connect(path) as sock:
        send_frame(sock, frame)
        answer = FrameReader(sock).read()
    if answer is None:
        raise AgentUnavailable("the agent closed the connection")
    return answer


def start_agent() -> None:
    """Start the agent, detached (it forks into its own session), and wait until it listens."""
    import select
    import subprocess

    ensure_runtime_dir()
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui.agent"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )
    assert process.stdout is not None
    with process.stdout:
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        line = process.stdout.readline().decode("utf-8", "replace").strip() if ready else ""
    try:
        process.wait(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if not line.startswith("ready"):
        raise AgentUnavailable(line or "the agent did not start")


def connect_or_start() -> socket.socket:
    try:
        return connect()
    except NotASocket:
        raise
    except AgentUnavailable:
        start_agent()
        return connect()


# ----------------------------------------------------------------- running a command
def allowed(args: Any) -> bool:
    if getattr(args, "no_agent", False):
        return False
    if getattr(args, "era", None) or getattr(args, "task", False) or getattr(args, "no_wait", False):
        return False  # a chosen era (tasks pick one) needs a connection of its own, not a warm one
    return os.environ.get(NO_AGENT_ENV, "").strip().lower() in ("", "0", "false", "no")


def route(args: Any, argv: Sequence[str]) -> int | None:
    """The exit code of the command run by the agent, or None: run it directly."""
    if args.command not in SERVER_COMMANDS:
        return None
    if in_agent_runner is not None:
        return in_agent_runner(args)
    if not allowed(args):
        return None
    try:
        return run_via_agent(argv)
    except NotASocket as why:
        print(f"warning: {why}", file=sys.stderr)
    except AgentUnavailable as why:
        if args.verbose:
            print(f"· agent: not used ({why}); running directly", file=sys.stderr)
    return None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _run_frame(argv: Sequence[str]) -> dict[str, Any]:
    env = dict(os.environ)
    if _isatty(sys.stdout):
        try:
            size = os.get_terminal_size(sys.stdout.fileno())
            env.setdefault("COLUMNS", str(size.columns))
            env.setdefault("LINES", str(size.lines))
        except OSError:
            pass
    return {
        "t": "run",
        "argv": list(argv),
        "cwd": os.getcwd(),
        "env": env,
        "tty": {name: _isatty(getattr(sys, name)) for name in ("stdin", "stdout", "stderr")},
    }


def run_via_agent(argv: Sequence[str]) -> int:
    """Run ``argv`` in the agent, relaying its output and questions; AgentUnavailable before it starts."""
    try:
        sock = connect_or_start()
    except OSError as error:  # a runtime folder we cannot use, a socket path too long...
        raise AgentUnavailable(str(error)) from None
    with sock:
        sock.settimeout(None)
        frames = FrameReader(sock)
        try:
            send_frame(sock, _run_frame(argv))
            first = frames.read()
        except OSError as error:
            raise AgentUnavailable(f"the agent went away ({error})") from None
        if first is None or first.get("t") != "started":
            why = (first or {}).get("why") or "the agent refused the command"
            raise AgentUnavailable(why)
        from mcptui.core import speed  # already in: the CLI imports it at start-up

        speed.end_start_up_pause()  # no SDK load will end it here
        return _relay(sock, frames)


def _relay(sock: socket.socket, frames: FrameReader) -> int:
    """Serve the agent's frames until it sends the exit code.

    A ``readline`` is answered when a line arrives on stdin, while frames keep being served
    (the agent may go on without the answer, as a sign-in does when the browser wins).
    """
    stdin = _StdinLines()
    pending = 0
    while True:
        frame = frames.buffered()
        if frame is None:
            try:
                got = stdin.wait(sock) if pending else None
                if got is None:
                    frame = frames.read()
                    if frame is None:
                        raise OSError("closed")
                else:
                    send_frame(sock, {"t": "line", "data": got})
                    pending -= 1
                    continue
            except OSError:
                print("error: the mcptui agent went away during the command", file=sys.stderr)
                return 4
        kind = frame.get("t")
        if kind == "out":
            sys.stdout.write(frame.get("data", ""))
            sys.stdout.flush()
        elif kind == "err":
            sys.stderr.write(frame.get("data", ""))
            sys.stderr.flush()
        elif kind == "readline" and frame.get("secret"):
            send_frame(sock, {"t": "line", "data": _read_secret(frame)})
        elif kind == "readline":
            pending += 1
        elif kind == "open-url":
            send_frame(sock, {"t": "opened", "ok": _open_url(str(frame.get("url", "")))})
        elif kind == "exit":
            return int(frame.get("code", 1))


class _StdinLines:
    """Lines from stdin read without blocking the relay: its descriptor, watched with the socket."""

    def __init__(self) -> None:
        self.buffer = b""
        self.ended = False
        try:
            self.fd: int | None = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            self.fd = None

    def wait(self, sock: socket.socket) -> str | None:
        """The next stdin line ("" at its end), or None when a frame arrived first."""
        import select

        while True:
            if b"\n" in self.buffer or (self.ended and self.buffer):
                line, sep, self.buffer = self.buffer.partition(b"\n")
                return (line + sep).decode("utf-8", "replace")
            if self.ended:
                return ""
            if self.fd is None:
                return sys.stdin.readline()
            ready, _, _ = select.select([sock.fileno(), self.fd], [], [])
            if sock.fileno() in ready:
                return None
            chunk = os.read(self.fd, 4096)
            self.ended = not chunk
            self.buffer += chunk


def _read_secret(frame: dict[str, Any]) -> str:
    """A secret typed at this terminal without echo; "" at end of input."""
    import getpass

    try:
        return getpass.getpass(str(frame.get("prompt", ""))) + "\n"
    except (EOFError, OSError, ValueError):
        return ""


def _open_url(url: str) -> bool:
    """Open the agent's sign-in URL here, on this terminal's display, as the direct path would."""
    if not url.startswith(("http://", "https://")):
        return False
    from mcptui.core.browser_launch import show_url

    return show_url(url)[0]
