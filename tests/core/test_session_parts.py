"""The SessionManager's parts (calls, requests) through the manager's own intents, on the real demo."""

from __future__ import annotations

from mcptui.core.history import HistoryStore
from mcptui.core.server_config import ServerConfig
from mcptui.core.session_state import CallCompleted, CallProgressed, ConnectProblem

from .test_session_manager import manager_for


async def test_resync_completions_roots_and_log_level_reach_the_connected_demo(demo_http_url) -> None:
    manager, listener, runner = manager_for(ServerConfig(name="demo", url=demo_http_url))
    assert manager.resync("demo") is not None  # not connected yet: said so, with the way out
    await listener.until(lambda: any(isinstance(e, ConnectProblem) for e in listener.events))
    assert "press F7" in manager.snapshot("demo").hint
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    first = manager.snapshot("demo").catalog

    manager.resync("demo")
    await listener.until(lambda: manager.snapshot("demo").catalog is not first)
    assert manager.snapshot("demo").catalog.tool("echo") is not None and not manager.snapshot("demo").error

    ref = {"type": "ref/resource", "uri": "greeting://{name}"}
    assert await manager.complete("demo", ref, "name", "", None)
    assert await manager.complete("nobody", ref, "name", "", None) == []

    job = manager.set_roots("demo", ["/tmp"])
    assert job is not None and manager.snapshot("demo").config.roots == ["/tmp"]
    manager.set_log_level("error")
    assert manager.set_roots("nobody", ["/tmp"]) is None
    manager.disconnect_all()
    await runner.wait()
    assert sum(isinstance(e, ConnectProblem) for e in listener.events) == 1  # the first resync only


async def test_a_call_whose_server_is_removed_meanwhile_still_ends_and_is_kept(demo_http_url) -> None:
    config = ServerConfig(name="demo", url=demo_http_url)
    manager, listener, runner = manager_for(config)
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    ticket = manager.call("demo", "tool", "slow_count", {"steps": 50, "delay": 0.2})
    assert ticket is not None
    await listener.until(lambda: any(isinstance(e, CallProgressed) for e in listener.events))
    manager.remove("demo")  # the connection closes under the running call
    await listener.until(lambda: any(isinstance(e, CallCompleted) for e in listener.events))
    done = next(e for e in listener.events if isinstance(e, CallCompleted))
    assert done.ticket == ticket and done.record.name == "slow_count"
    assert manager.history.load("demo", config.cache_slug)[-1] is done.record
    on_disk = HistoryStore(manager.history.directory).load("demo", config.cache_slug)
    assert [r.name for r in on_disk] == ["slow_count"]  # written to the server's file, too
    assert not manager.cancel(ticket.call_id)  # it has ended
    await runner.wait()
