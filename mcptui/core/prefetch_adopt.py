"""The live connection takes the catalog its launch's prefetch child listed, instead of listing again.

``mcptui URL`` forks a child that lists the server's catalog while the TUI starts
(:mod:`mcptui.core.prefetch`); the TUI's own connection then used to list it again, so a launch
asked the server for every list twice, the second time while the first answer was still being
read. On the demo's 50,000 tools that is a second 7.5 MB ``tools/list`` that the server builds
(~0.55 s of its CPU) and the TUI reads (~0.5 s of its CPU) beside the child's, on a 2-core
machine: the two slowed each other down.

Now the live connection opens its session, then waits for the child's catalog
(:class:`EarlyCatalogs`: the session manager hands the prefetch's outcome over) and takes its
items under its own session's header (:func:`adopted`): one list per launch. It lists for
itself when there is nothing to take: no prefetch, one that failed or was dropped (other
settings, a catalog already shown), one from another source than a child of this launch (a warm
agent's catalog may be older than the launch: ``listed_for_launch``), one listed in another
protocol era or over another transport than the live session's, or when credentials are saved
for the server (the live requests carry them, the child's did not: a server may list more to a
signed-in client). The SDK session's tool
bookkeeping gets the adopted tools as if it had listed them (:mod:`tool_bookkeeping`).

What is given up: a change the server makes between the child's list and the live session's
start (its ``list_changed`` notifications are heard from then on) is not seen until the next
list (``r`` reloads). The child lists at launch, a second or two before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from mcptui.core.catalog import Catalog

EarlyCatalog = Callable[[], Awaitable[Catalog | None]]  # what a live connection waits on


class EarlyCatalogs:
    """Per server, the catalog a prefetch of this launch brought (or None), for its first live
    connection only; owned by the session manager."""

    def __init__(self) -> None:
        self._unsettled: dict[str, asyncio.Future[Catalog | None]] = {}  # the prefetch still runs
        self._untaken: dict[str, asyncio.Future[Catalog | None]] = {}  # no live connection took it

    def expect(self, name: str, source: Any) -> None:
        """A prefetch for ``name`` is under way: its live connection will wait for it if the
        source lists for this launch (a child; not a warm agent)."""
        if getattr(source, "listed_for_launch", False):
            outcome: asyncio.Future[Catalog | None] = asyncio.get_running_loop().create_future()
            self._unsettled[name] = self._untaken[name] = outcome

    def settle(self, name: str, catalog: Catalog | None) -> None:
        """The prefetch of ``name`` ended: its catalog (shown), or None (nothing to take)."""
        outcome = self._unsettled.pop(name, None)
        if outcome is not None and not outcome.done():
            outcome.set_result(catalog)

    def waiter(self, name: str) -> EarlyCatalog | None:
        """What the next live connection of ``name`` awaits (None: it lists for itself); once."""
        outcome = self._untaken.pop(name, None)
        if outcome is None:
            return None

        async def early() -> Catalog | None:
            return await asyncio.shield(outcome)  # a cancelled wait leaves the outcome to others

        return early


def unless_signed_in(early: EarlyCatalog, credentials: Any, config: Any) -> EarlyCatalog:
    """``early``, or None when credentials are saved for ``config``: the live requests carry
    them, the child's did not (a catalog listed without them may differ). Asked once the
    session is open: by then the store's modules are imported (~5 ms; ~80 ms before)."""

    async def checked() -> Catalog | None:
        try:
            saved = bool(credentials.status(config).get("signedIn"))
        except Exception:  # noqa: BLE001 - an unreadable store: assume it holds some
            saved = True
        return None if saved else await early()

    return checked


async def adopted(client: Any, transport: str | None, early: EarlyCatalog) -> Catalog | None:
    """The live catalog made of the prefetched items under ``client``'s header; None: list instead."""
    prefetched = await early()
    if prefetched is None:
        return None
    if prefetched.protocol_version != client.protocol_version or prefetched.transport != transport:
        return None  # listed under other rules than this session's: its own list is wanted
    from mcptui.core.catalog_fetch import fetch_catalog
    from mcptui.core.catalog_pages import give_tools

    catalog = await fetch_catalog(client, transport, ())  # the header only: no request is sent
    catalog.tools = give_tools(client, prefetched.tools)
    catalog.prompts = prefetched.prompts
    catalog.resources = prefetched.resources
    catalog.resource_templates = prefetched.resource_templates
    catalog.invalid = prefetched.invalid
    catalog.truncated = prefetched.truncated
    catalog.fetched_at = prefetched.fetched_at
    return catalog
