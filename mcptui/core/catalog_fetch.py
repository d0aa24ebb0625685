"""Load a server's whole catalog through an SDK ``Client``: every list, every page.

No client-side caching (an explorer shows what the server says now): each list call bypasses
the SDK's response cache and follows ``nextCursor`` to the end. The lists are asked for at once;
lists the server does not offer (no capability) are skipped rather than asked for. Each page is
read and checked by :mod:`catalog_pages` (the SDK's validators, without its typed copy of the
page): the valid items are kept, the others recorded in ``Catalog.invalid``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from mcptui.core import catalog_pages, speed
from mcptui.core.catalog import Catalog

MAX_PAGES = 10_000  # a server that hands out cursors forever must not hang the client


async def paginate(
    read_page: Any, truncated: list[str] | None = None, label: str = ""
) -> list[dict[str, Any]]:
    """Call ``read_page(cursor, start)`` until its ``next_cursor`` is None; the items as wire dicts.

    ``start`` is the index of the page's first item in the whole list (what the server sent so
    far, valid or not). A repeated cursor or :data:`MAX_PAGES` pages end the listing early; then
    one line saying so is appended to ``truncated`` (the caller warns: a cut list is never silent).
    """
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    seen: set[str] = set()
    position = 0  # items the server has sent so far, valid or not
    for pages in range(1, MAX_PAGES + 1):
        page = await read_page(cursor, position)
        position += page.raw_count
        items.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return items
        if cursor in seen:
            reason = f"the server repeated a cursor after {pages} page(s)"
            break
        seen.add(cursor)
    else:
        reason = f"stopped after {MAX_PAGES:,} pages (the server kept handing out cursors)"
    if truncated is not None:
        truncated.append(f"the {label} list may be incomplete: {reason}; showing {len(items):,} item(s)")
    return items


async def fetch_catalog(client: Any, transport: str | None, kinds: tuple[str, ...] | None = None) -> Catalog:
    """The catalog; ``kinds`` (catalog attributes: "tools"...) limits the lists asked for.

    No cyclic collection runs meanwhile (:func:`speed.collections_paused`)."""
    with speed.collections_paused():
        return await _fetch_catalog(client, transport, kinds)


async def _fetch_catalog(client: Any, transport: str | None, kinds: tuple[str, ...] | None) -> Catalog:
    caps = client.server_capabilities
    catalog = Catalog(
        server_info=client.server_info.model_dump(by_alias=True, exclude_none=True, mode="json")
        if client.server_info
        else {},
        capabilities=caps.model_dump(by_alias=True, exclude_none=True, mode="json"),
        instructions=client.instructions,
        protocol_version=client.protocol_version,
        transport=transport,
        fetched_at=time.time(),
    )

    def reader(kind: str) -> Any:
        async def read(cursor: str | None, start: int) -> catalog_pages.Page:
            return await catalog_pages.read_page(client, kind, cursor, start, catalog.invalid)

        return read

    # catalog attribute, label, item kind (catalog_items.SPECS)
    wanted: list[tuple[str, str, str]] = []
    if caps.tools is not None:
        wanted.append(("tools", "tools", "tool"))
    if caps.prompts is not None:
        wanted.append(("prompts", "prompts", "prompt"))
    if caps.resources is not None:
        wanted.append(("resources", "resources", "resource"))
        wanted.append(("resource_templates", "resource templates", "resourceTemplate"))
    if kinds is not None:
        wanted = [entry for entry in wanted if entry[0] in kinds]
    # The lists are independent: asked at once, a distant server costs one round trip, not four.
    try:
        async with asyncio.TaskGroup() as lists:
            tasks = [
                (attr, lists.create_task(paginate(reader(kind), catalog.truncated, label)))
                for attr, label, kind in wanted
            ]
    except BaseExceptionGroup as failed:
        raise first_error(failed) from None  # callers map one error, as if the lists ran in turn
    for attr, task in tasks:
        setattr(catalog, attr, task.result())
    order = [kind for *_rest, kind in wanted]
    catalog.invalid.sort(key=lambda record: (order.index(record["kind"]), record["index"]))
    return catalog


def first_error(group: BaseExceptionGroup) -> BaseException:
    """The first exception inside ``group`` (nested groups unwrapped)."""
    first = group.exceptions[0]
    return first_error(first) if isinstance(first, BaseExceptionGroup) else first


def notification_kind(notification: Any) -> str | None:
    """tools / prompts / resources for a list_changed notification, "updated" for a resource update."""
    method = getattr(notification, "method", "")
    return {
        "notifications/tools/list_changed": "tools",
        "notifications/prompts/list_changed": "prompts",
        "notifications/resources/list_changed": "resources",
        "notifications/resources/updated": "updated",
    }.get(method)
