"""Pilot tests of the Tasks tab: a required-task tool called from the form runs as a task, shows
its status then its result; a held task is cancelled with x; hostile status text is sanitized."""

from __future__ import annotations

import dataclasses

from textual.widgets import OptionList, Static, TabbedContent

from mcptui.core.session_tasks import TaskChanged
from mcptui.core.tasks import TaskInfo
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.tasks_pane import TasksPane

from .conftest import connected, wait_for
from .test_calls import select_tool

SIZE = (120, 36)


def legacy(config):
    return dataclasses.replace(config, protocol="legacy")


def statuses(app: McpTuiApp) -> list[str]:
    return [task.status for task in app.manager.tasks.tasks("demo")]


def shown_result(pane: TasksPane) -> str:
    return str(pane.query_one("#tasks-result", Static).render())


async def test_call_a_task_tool_see_status_then_result_and_cancel_another(demo_http) -> None:
    app = McpTuiApp([legacy(demo_http)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "research", {"topic": "owls", "steps": 2, "delay": 0})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the task call to finish")
        assert records[-1].ok and records[-1].result["structuredContent"]["topic"] == "owls"
        pane = app.main_screen.query_one(TasksPane)
        app.main_screen.query_one(TabbedContent).active = "tab-tasks"
        await wait_for(pilot, lambda: statuses(app) == ["completed"], what="the task completed")
        await wait_for(pilot, lambda: "Research on owls: 2 steps done." in shown_result(pane))
        option = pane.query_one(OptionList).get_option_at_index(0)
        assert "completed" in str(option.prompt) and "research" in str(option.prompt)

        select_tool(app, "research", {"topic": "held", "hold": True})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: statuses(app)[1:] == ["working"], what="the second task working")
        await wait_for(
            pilot, lambda: "researching held" in str(pane.query_one(OptionList).get_option_at_index(1).prompt)
        )
        await wait_for(pilot, lambda: "running" in shown_result(pane), what="the running task shown")
        pane.query_one(OptionList).focus()
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: statuses(app)[1:] == ["cancelled"], what="the task cancelled")
        await wait_for(pilot, lambda: len(records) == 2, what="the call to end")
        assert "cancelled" in (records[-1].error or "")


async def test_status_text_from_the_server_is_sanitized(demo_http) -> None:
    app = McpTuiApp([legacy(demo_http)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        hostile = TaskInfo(
            "t\x1b[2J1", "working", status_message="\x1b]52;c;ZXZpbA==\x07evil", tool="x\x1b[31m"
        )
        app.manager.listener(app.manager.tasks.board.update("demo", hostile))
        pane = app.main_screen.query_one(TasksPane)
        await wait_for(pilot, lambda: pane.query_one(OptionList).option_count == 1)
        prompt = str(pane.query_one(OptionList).get_option_at_index(0).prompt)
        assert "\x1b" not in prompt and "\x07" not in prompt and "evil" in prompt
        assert isinstance(app.manager.tasks.board.update("demo", hostile), TaskChanged)


async def test_a_2026_extension_task_asks_through_the_dialog_then_shows_its_result(demo_http) -> None:
    """2026-07-28 (the tasks extension): the call becomes a task, input_required shows in the pane
    and opens the elicitation dialog, the answer goes back and the result is shown."""
    from mcptui.ui.screens.elicitation import ElicitationScreen

    app = McpTuiApp([demo_http])  # auto: the dual-era demo speaks 2026-07-28
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        connection = app.manager.connection("demo")
        assert connection.protocol_version == "2026-07-28"
        polls: list[float] = []

        async def no_wait(seconds: float) -> None:  # polls without a clock (the interval is recorded)
            polls.append(seconds)
            await pilot.pause()

        connection.extension_tasks.sleep = no_wait
        select_tool(app, "research", {"topic": "moths", "steps": 1, "delay": 0, "confirm": True})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ElicitationScreen), what="the confirmation dialog"
        )
        pane = app.main_screen.query_one(TasksPane)
        assert statuses(app) == ["input_required"]
        assert "input required" in str(pane.query_one(OptionList).get_option_at_index(0).prompt)
        app.screen.dismiss(("accept", {"finish": True}))
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the task call to finish")
        assert records[-1].ok and records[-1].result["structuredContent"]["result"].endswith("1 steps done.")
        app.main_screen.query_one(TabbedContent).active = "tab-tasks"
        await wait_for(pilot, lambda: statuses(app) == ["completed"], what="the task completed")
        await wait_for(pilot, lambda: "Research on moths: 1 steps done." in shown_result(pane))
        assert polls and set(polls) == {0.1}


async def test_a_2026_extension_task_is_cancelled_with_x(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))

        async def no_wait(seconds: float) -> None:
            await pilot.pause()

        app.manager.connection("demo").extension_tasks.sleep = no_wait
        select_tool(app, "research", {"topic": "held", "hold": True})
        await pilot.pause()
        await pilot.press("f9")
        app.main_screen.query_one(TabbedContent).active = "tab-tasks"
        pane = app.main_screen.query_one(TasksPane)
        options = pane.query_one(OptionList)
        await wait_for(
            pilot,
            lambda: options.option_count and "researching held" in str(options.get_option_at_index(0).prompt),
        )
        options.focus()
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: statuses(app) == ["cancelled"], what="the task cancelled")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the call to end")
        assert "was cancelled" in (records[-1].error or "")


async def test_a_task_the_server_opens_is_answered_in_its_dialog_and_shown(demo_stdio) -> None:
    from mcptui.ui.screens.elicitation import ElicitationScreen

    app = McpTuiApp([legacy(demo_stdio)])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "ask_as_task", {"question": "Your name?"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ElicitationScreen), what="the question's dialog")
        pane = app.main_screen.query_one(TasksPane)
        assert statuses(app) == ["working"]
        app.screen.dismiss(("accept", {"name": "Grace"}))
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the tool call to end")
        assert "result: accept name=Grace" in records[-1].result["content"][0]["text"]
        await wait_for(pilot, lambda: statuses(app) == ["completed"], what="the client task completed")
        app.main_screen.query_one(TabbedContent).active = "tab-tasks"
        await wait_for(pilot, lambda: '"name": "Grace"' in shown_result(pane), what="the answer shown")
        prompt = str(pane.query_one(OptionList).get_option_at_index(0).prompt)
        assert "completed" in prompt and "elicitation/create" in prompt
        assert "answered: accept" in prompt and "server → you" in prompt
        pane.query_one(OptionList).focus()
        await pilot.press("x")  # nothing to cancel here: it ended (and the server runs it)
        assert statuses(app) == ["completed"]
