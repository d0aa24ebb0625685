"""The Tasks pane: every task the session manager knows of, on every server, with its result.

A view over ``manager.tasks`` (:mod:`mcptui.core.session_tasks`): the main screen hands it each
:class:`~mcptui.core.session_tasks.TaskChanged`; it redraws from the manager's board, never
keeping state of its own. A required-task tool called from the form shows up here by itself
(the call's task events reach the manager), and so does a task the server opened toward us
(a task-augmented elicitation or sampling, :mod:`mcptui.core.client_tasks`; marked
``server → you``, answered in its dialog). **Enter** shows the highlighted task's result
(fetching it with tasks/result when needed), **x** cancels it (tasks/cancel), **l** asks the
selected server for its tasks (tasks/list). The 2026-07-28 tasks extension looks the same (the
core hides the era): the result comes with tasks/get, **l** asks again about the tasks this client
remembers, and an ``input_required`` task's questions open the usual dialogs. Every server string
is sanitized before display.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mcptui.core.session_tasks import TaskChanged
from mcptui.core.task_status import SEPARATOR, details
from mcptui.core.tasks import TaskInfo
from mcptui.ui.safe_text import safe_line, safe_text

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp

STATUS_STYLES = {
    "working": "cyan",
    "input_required": "yellow",
    "completed": "green",
    "failed": "red",
    "cancelled": "yellow",
}


def task_label(server: str, task: TaskInfo) -> Text:
    """Line 1: status, what runs, id and server; line 2: message · elapsed · poll interval · direction."""
    text = Text()
    text.append(f"{task.status.replace('_', ' '):<15}", style=STATUS_STYLES.get(task.status, ""))
    text.append(safe_line(task.tool or task.server_request or "task"), style="bold")
    text.append(f"  {safe_line(task.task_id)}  ({safe_line(server)})", style="dim")
    second = ([task.status_message] if task.status_message else []) + details(task)
    if second:
        text.append("\n  " + safe_line(SEPARATOR.join(second)), style="dim")
    if task.status == "input_required":
        text.append("\n  needs your input: answer the dialog", style="yellow")
    return text


def result_text(result: dict[str, Any]) -> Text:
    """A task's result: its text blocks, then structured content as JSON (all sanitized); an
    answer without content blocks (an elicitation's, a sampling's) as JSON."""
    content = result.get("content")
    blocks = content if isinstance(content, list) else []
    parts = [str(b.get("text", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text"]
    if result.get("structuredContent") is not None:
        parts.append(json.dumps(result["structuredContent"], indent=2, ensure_ascii=False))
    body = "\n".join(parts) or json.dumps(result, indent=2, ensure_ascii=False)
    return safe_text(body, "red" if result.get("isError") else "", multiline=True)


class TaskList(OptionList):
    """The tasks, one option each (id ``server\\x1ftask id``)."""

    HELP = """\
## Tasks

Tasks of every server: in 2025-11-25 a tool whose `taskSupport` is `required` runs as one
when you call it; in 2026-07-28 (the tasks extension) the server decides per call. Each
appears here with its status and progress message; a task that needs input opens the
usual dialog. **Enter** shows the highlighted task's result (asking the server when needed),
**x** cancels the task, **l** lists the selected server's tasks (2026: the ones this client
started, asked about again).

A server may also run its question to you (an elicitation, a sampling request) as a task
on this side (2025-11-25): those show `server → you`; answer them in their dialog.
"""


class TasksPane(Vertical):
    """The task list and the highlighted task's result."""

    app: McpTuiApp  # type: ignore[assignment]

    BINDINGS = [
        Binding("x", "cancel_task", "Cancel task", id="tasks-cancel", tooltip="Cancel the highlighted task"),
        Binding("l", "list_tasks", "List tasks", id="tasks-list", tooltip="Ask the server for its tasks"),
    ]

    def compose(self) -> ComposeResult:
        yield TaskList(id="tasks-list")
        yield Static("", id="tasks-result")

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(1.0, self._tick)  # the elapsed time of running tasks

    def _tick(self) -> None:
        if self.display and any(not task.terminal for _, task in self._entries()):
            self.redraw()

    @property
    def _list(self) -> TaskList:
        return self.query_one(TaskList)

    def _entries(self) -> list[tuple[str, TaskInfo]]:
        manager = self.app.manager
        return [(name, task) for name in manager.names() for task in manager.tasks.tasks(name)]

    def highlighted(self) -> tuple[str, TaskInfo] | None:
        option_list = self._list
        index = option_list.highlighted
        if index is None or index >= option_list.option_count:
            return None
        server, _, task_id = str(option_list.get_option_at_index(index).id).partition("\x1f")
        task = next((t for name, t in self._entries() if name == server and t.task_id == task_id), None)
        return (server, task) if task is not None else None

    def redraw(self, *, newest: tuple[str, str] | None = None) -> None:
        """Redraw from the manager's board; ``newest`` (server, task id) is highlighted, else the same."""
        option_list = self._list
        kept = self.highlighted()
        option_list.clear_options()
        entries = self._entries()
        option_list.add_options(
            Option(task_label(server, task), id=f"{server}\x1f{task.task_id}") for server, task in entries
        )
        if entries:
            ids = [(server, task.task_id) for server, task in entries]
            wanted = newest or ((kept[0], kept[1].task_id) if kept is not None else ids[-1])
            option_list.highlighted = ids.index(wanted) if wanted in ids else len(ids) - 1
        self._show_result()

    def task_changed(self, event: TaskChanged) -> None:
        """A task changed in the manager: redraw; a task new here is highlighted."""
        key = (event.server, event.task.task_id)
        seen = any(option.id == "\x1f".join(key) for option in self._list.options)
        self.redraw(newest=None if seen else key)

    def _show_result(self) -> None:
        shown = self.highlighted()
        static = self.query_one("#tasks-result", Static)
        if shown is None:
            static.update(
                Text(
                    "No tasks yet: call a task tool (taskSupport required, or any the server runs as a task).",
                    style="dim",
                )
            )
            return
        server, task = shown
        result = self.app.manager.tasks.result(server, task.task_id)
        if result is not None:
            static.update(result_text(result))
        elif task.server_opened:
            static.update(Text("the server's question: answer it in its dialog (Esc cancels)", style="dim"))
        elif task.terminal:
            static.update(Text("Enter: fetch the result", style="dim"))
        else:
            static.update(Text("running…", style="dim"))

    def on_option_list_option_highlighted(self) -> None:
        self._show_result()

    def on_option_list_option_selected(self) -> None:
        shown = self.highlighted()
        if shown is not None and self.app.manager.tasks.result(shown[0], shown[1].task_id) is None:
            self.app.manager.tasks.fetch_result(shown[0], shown[1].task_id)

    def on_descendant_focus(self) -> None:
        self._show_result()

    def action_cancel_task(self) -> None:
        shown = self.highlighted()
        if shown is None or shown[1].terminal:
            self.notify("No running task to cancel", timeout=2)
            return
        if shown[1].server_opened:
            self.notify(
                "This task is the server's question to you: answer or cancel it in its dialog", timeout=3
            )
            return
        self.app.manager.tasks.cancel(shown[0], shown[1].task_id)

    def action_list_tasks(self) -> None:
        server = getattr(self.screen, "selected", None)
        if server is None or self.app.manager.tasks.refresh(server) is None:
            self.notify("Not connected", timeout=2)
