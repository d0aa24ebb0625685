"""The agent's socket server: peers of this uid only, one frame in, a command or a question served.

Frames are newline-delimited JSON. A client opens a connection and sends one of:

- ``{"t": "run", "argv", "cwd", "env", "tty"}``: run a CLI command; answered ``started``
  (or ``busy`` with ``why``: the client then runs it directly), then ``out``/``err``/
  ``readline``/``open-url`` frames and one ``exit``. The client answers ``readline`` with
  ``line`` and ``open-url`` with ``opened``; closing the socket cancels the command.
- ``{"t": "catalog", "config", "cwd", "env"}``: the catalog of that server (a ServerConfig as
  a dict) from its warm connection, as a plain ``mcptui list TARGET`` shows it (see
  :meth:`PooledRunner.catalog`): answered ``{"t": "catalog", "format": 1, "catalog"}`` (the
  prefetch line of :mod:`mcptui.core.prefetch`), or ``error``/``busy`` with ``why``. The TUI
  asks it at launch, so the catalog is drawn before its own connection is up.
- ``{"t": "ping"}`` → ``pong`` (pid); ``{"t": "sessions"}`` → the warm connections;
  ``{"t": "stop", "target"}`` → how many were closed; ``{"t": "stop", "all": true}``
  closes them all and ends the agent.

The process runs one client command at a time per working folder and environment: the
command sees the client's cwd and env (``os.chdir``/``os.environ`` are per process), so a
command from another folder or environment, while one runs, gets ``busy``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from mcptui.agent.pool import Pool
from mcptui.agent.runner import PooledRunner
from mcptui.agent.terminal import CURRENT, RemoteTerminal, RoutedStream
from mcptui.cli import agent_client

DEFAULT_IDLE = 600.0
FRAME_LIMIT = 64 * 1024 * 1024


def idle_seconds() -> float:
    try:
        return max(0.05, float(os.environ.get(agent_client.IDLE_ENV, "") or DEFAULT_IDLE))
    except ValueError:
        return DEFAULT_IDLE


peer_uid = agent_client.peer_uid


class ProcessContext:
    """Who owns the process's cwd and environment: the commands running with the same ones."""

    def __init__(self) -> None:
        self.current: tuple[str, str] | None = None
        self.users = 0

    def enter(self, cwd: str, env: dict[str, str]) -> str | None:
        """Apply the client's cwd and env; the reason it cannot (busy with another), or None."""
        wanted = (cwd, json.dumps(env, sort_keys=True))
        if self.users and wanted != self.current:
            return "the agent is busy with a command from another folder or environment"
        if not self.users:
            try:
                os.chdir(cwd)
            except OSError as error:
                return f"cannot enter {cwd}: {error.strerror}"
            os.environ.clear()
            os.environ.update(env)
            self.current = wanted
        self.users += 1
        return None

    def leave(self) -> None:
        self.users -= 1


class Agent:
    """The running agent: its listening socket, the pool, the idle clock."""

    def __init__(self, listener: socket.socket, path: Path) -> None:
        self.listener = listener
        self.path = path
        self.pool = Pool()
        self.context = ProcessContext()
        self.running = 0
        self.last_activity = time.monotonic()
        self.idle = idle_seconds()
        self.stopped: asyncio.Event | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    async def serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stopped = asyncio.Event()
        agent_client.in_agent_runner = PooledRunner(self.pool, self.loop)
        server = await asyncio.start_unix_server(self._client, sock=self.listener, limit=FRAME_LIMIT)
        watch = asyncio.create_task(self._watch_idle())
        try:
            await self.stopped.wait()
        finally:
            watch.cancel()
            server.close()
            with contextlib.suppress(OSError):
                self.path.unlink()
            await self.pool.stop()

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    async def _watch_idle(self) -> None:
        assert self.stopped is not None
        while True:
            left = self.idle - (time.monotonic() - self.last_activity)
            if left <= 0 and not self.running and not self.pool.busy():
                self.stopped.set()
                return
            await asyncio.sleep(max(left, 0.05))

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        try:
            uid = peer_uid(sock) if sock is not None else None
            if uid is not None and uid != os.getuid():
                return
            line = await reader.readline()
            frame = json.loads(line) if line.strip() else {}
            await self._dispatch(frame if isinstance(frame, dict) else {}, reader, writer)
        except (ConnectionError, json.JSONDecodeError, ValueError):
            pass
        finally:
            self.touch()
            with contextlib.suppress(Exception):
                writer.close()
                await writer.wait_closed()

    async def _dispatch(self, frame: dict[str, Any], reader: Any, writer: asyncio.StreamWriter) -> None:
        kind = frame.get("t")
        if kind == "run":
            await self._run(frame, reader, writer)
            return
        if kind == "catalog":
            answer: dict[str, Any] = await self._catalog(frame)
        elif kind == "ping":
            answer = {"t": "pong", "pid": os.getpid(), "idle": self.idle}
        elif kind == "sessions":
            items = [entry.describe() for entry in self.pool.entries.values()]
            answer = {"t": "sessions", "pid": os.getpid(), "sessions": items}
        elif kind == "stop":
            everything = bool(frame.get("all"))
            target = None if everything else str(frame.get("target") or "")
            count = await self.pool.stop(target)
            answer = {"t": "stopped", "count": count, "agent": everything}
            if everything and self.stopped is not None:
                self.stopped.set()
        else:
            answer = {"t": "error", "why": f"unknown frame {kind!r}"}
        writer.write(json.dumps(answer).encode() + b"\n")
        await writer.drain()

    async def _catalog(self, frame: dict[str, Any]) -> dict[str, Any]:
        """A ``catalog`` frame's answer: the warm connection's catalog, with the client's cwd and env."""
        from mcptui.core.errors import McpTuiError

        try:
            config = config_from_frame(frame.get("config"))
        except (TypeError, ValueError) as error:
            return {"t": "error", "why": f"not a server's settings ({error})"}
        env = {str(k): str(v) for k, v in (frame.get("env") or {}).items()}
        refused = self.context.enter(str(frame.get("cwd") or "/"), env)
        if refused is not None:
            return {"t": "busy", "why": refused}
        self.running += 1
        try:
            assert agent_client.in_agent_runner is not None
            runner: Any = agent_client.in_agent_runner
            catalog = await runner.catalog(config, os.getcwd())
        except McpTuiError as error:
            return {"t": "error", "why": error.message}
        except Exception as error:  # noqa: BLE001 - the TUI connects itself; the agent goes on
            return {"t": "error", "why": f"{type(error).__name__}: {error}"}
        finally:
            self.running -= 1
            self.context.leave()
            self.touch()
        return {"t": "catalog", "format": 1, "catalog": catalog.to_dict()}

    async def _run(self, frame: dict[str, Any], reader: asyncio.StreamReader, writer: Any) -> None:
        env = {str(k): str(v) for k, v in (frame.get("env") or {}).items()}
        refused = self.context.enter(str(frame.get("cwd") or "/"), env)
        if refused is not None:
            writer.write(json.dumps({"t": "busy", "why": refused}).encode() + b"\n")
            await writer.drain()
            return
        self.running += 1
        assert self.loop is not None
        terminal = RemoteTerminal(self.loop, writer, frame.get("tty") or {})
        terminal.send({"t": "started"})
        listen = asyncio.create_task(self._listen(reader, terminal))
        try:
            code = await self._in_worker(terminal, [str(word) for word in frame.get("argv") or []])
            terminal.send({"t": "exit", "code": code})
            await asyncio.sleep(0)  # let the queued frames reach the writer
            with contextlib.suppress(ConnectionError):
                await writer.drain()
        finally:
            listen.cancel()
            terminal.release()  # a reader the command left behind gets "" (see RemoteTerminal.release)
            self.running -= 1
            self.context.leave()
            self.touch()

    async def _listen(self, reader: asyncio.StreamReader, terminal: RemoteTerminal) -> None:
        """The client's answers; its leaving (EOF) cancels the command."""
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                answer = json.loads(line)
                if not isinstance(answer, dict):
                    continue
                if answer.get("t") == "line":
                    terminal.answer(str(answer.get("data") or ""))
                elif answer.get("t") == "opened":
                    terminal.opened(bool(answer.get("ok")))
        except (ConnectionError, ValueError):
            pass
        terminal.client_gone()

    async def _in_worker(self, terminal: RemoteTerminal, argv: list[str]) -> int:
        assert self.loop is not None
        done: asyncio.Future[int] = self.loop.create_future()
        loop = self.loop

        def work() -> None:
            CURRENT.set(terminal)
            try:
                code = _run_cli(argv)
            except BaseException:  # noqa: BLE001 - cancelled (the client left) or worse
                code = 130

            def settle() -> None:
                if not done.done():
                    done.set_result(code)

            loop.call_soon_threadsafe(settle)

        threading.Thread(target=work, name="mcptui-agent-command", daemon=True).start()
        return await done


def config_from_frame(data: Any) -> Any:
    """The ServerConfig a ``catalog`` frame names (``dataclasses.asdict`` of one); ValueError if none."""
    from dataclasses import fields

    from mcptui.core.server_config import AuthSettings, ServerConfig

    if not isinstance(data, dict) or not isinstance(data.get("auth", {}), dict):
        raise ValueError("an object was expected")
    names = {f.name for f in fields(ServerConfig)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    values = dict(data)
    values["auth"] = AuthSettings(**values.get("auth", {}))
    config = ServerConfig(**values)
    if not isinstance(config.name, str) or not (config.url or config.command):
        raise ValueError("no URL and no command")
    return config


def _run_cli(argv: list[str]) -> int:
    from mcptui.cli.main import main

    def no_tui(servers_file: Path, target_config: Any, extra_roots: list[str] | None, **_: Any) -> int:
        raise RuntimeError("the agent does not open the TUI")

    return main(argv, open_tui=no_tui)


def route_std_streams() -> None:
    """``sys.stdout``/``stderr``/``stdin`` → the current command's terminal (devnull outside one)."""
    devnull_out = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    devnull_in = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    sys.stdout = RoutedStream("stdout", devnull_out)
    sys.stderr = RoutedStream("stderr", devnull_out)
    sys.stdin = RoutedStream("stdin", devnull_in)
