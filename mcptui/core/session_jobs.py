"""Running the session manager's jobs as plain asyncio tasks (tests, non-Textual front ends).

The TUI runs them as Textual workers instead; both satisfy
:class:`~mcptui.core.session_state.JobRunner`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class AsyncioRunner:
    """Each job an asyncio task; ``exclusive`` cancels the group's running task first."""

    def __init__(self) -> None:
        self.groups: dict[str, asyncio.Task[Any]] = {}
        self.tasks: set[asyncio.Task[Any]] = set()

    def __call__(
        self, work: Coroutine[Any, Any, Any], *, group: str, exclusive: bool, description: str
    ) -> asyncio.Task[Any]:
        if exclusive:
            running = self.groups.get(group)
            if running is not None and not running.done():
                running.cancel()
        task = asyncio.get_running_loop().create_task(work, name=description)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        self.groups[group] = task
        return task

    async def wait(self) -> None:
        """Until every job started so far has ended."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)


def asyncio_runner() -> AsyncioRunner:
    return AsyncioRunner()
