"""Load a server's whole catalog through an SDK ``Client``: every list, every page.

No client-side caching (an explorer shows what the server says now): each list call bypasses
the SDK's response cache and follows ``nextCursor`` to the end. The lists are asked for at once;
lists the server does not offer (no capability) are skipped rather than asked for. A page the
SDK refuses because of one bad item is read again item by item (:mod:`catalog_items`): the
valid items are kept, the others recorded in ``Catalog.invalid``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from mcptui.core import catalog_items
from mcptui.core.catalog import Catalog

MAX_PAGES = 10_000  # a server that hands out cursors forever must not hang the client


async def paginate(
    list_page: Any, field: str, truncated: list[str] | None = None, label: str = "", recover: Any = None
) -> list[dict[str, Any]]:
    """Call ``list_page(cursor=...)`` until ``next_cursor`` is None; items as wire dicts.

    A repeated cursor or :data:`MAX_PAGES` pages end the listing early; then one line saying
    so is appended to ``truncated`` (the caller warns: a cut list is never silent). When the
    SDK refuses a page as invalid, ``recover(cursor, start, error)`` (if given) returns it with
    the bad items left out; ``start`` is the index of the page's first item in the whole list.
    """
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    seen: set[str] = set()
    what = label or field
    position = 0  # items the server has sent so far, valid or not
    for pages in range(1, MAX_PAGES + 1):
        try:
            page = await list_page(cursor=cursor)
        except Exception as exc:
            if recover is None or not catalog_items.is_validation_error(exc):
                raise
            page = await recover(cursor, position, exc)
        position += getattr(page, "raw_count", len(getattr(page, field)))
        items.extend(_wire_items(page, field))
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
        truncated.append(f"the {what} list may be incomplete: {reason}; showing {len(items):,} item(s)")
    return items


def _wire_items(page: Any, field: str) -> list[dict[str, Any]]:
    """The items of ``page`` as wire dicts: one pydantic call for a whole SDK page (per-item calls
    cost ~0.3 s more on 50,000 tools); item by item for a recovered page (a plain namespace)."""
    if hasattr(page, "model_dump"):
        dumped = page.model_dump(by_alias=True, exclude_none=True, mode="json", include={field})
        return list(next(iter(dumped.values()), []))
    return [i.model_dump(by_alias=True, exclude_none=True, mode="json") for i in getattr(page, field)]


async def fetch_catalog(client: Any, transport: str | None, kinds: tuple[str, ...] | None = None) -> Catalog:
    """The catalog; ``kinds`` (catalog attributes: "tools"...) limits the lists asked for."""
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

    def lister(method: Any) -> Any:
        async def call(cursor: str | None) -> Any:
            return await method(cursor=cursor, cache_mode="bypass")

        return call

    def recoverer(kind: str) -> Any:
        async def recover(cursor: str | None, start: int, error: BaseException) -> Any:
            return await catalog_items.recover_page(client, kind, cursor, start, catalog.invalid, error)

        return recover

    # catalog attribute, list method, result field, label, item kind (catalog_items.SPECS)
    wanted: list[tuple[str, Any, str, str, str]] = []
    if caps.tools is not None:
        wanted.append(("tools", client.list_tools, "tools", "tools", "tool"))
    if caps.prompts is not None:
        wanted.append(("prompts", client.list_prompts, "prompts", "prompts", "prompt"))
    if caps.resources is not None:
        wanted.append(("resources", client.list_resources, "resources", "resources", "resource"))
        wanted.append(
            (
                "resource_templates",
                client.list_resource_templates,
                "resource_templates",
                "resource templates",
                "resourceTemplate",
            )
        )
    if kinds is not None:
        wanted = [entry for entry in wanted if entry[0] in kinds]
    # The lists are independent: asked at once, a distant server costs one round trip, not four.
    try:
        async with asyncio.TaskGroup() as lists:
            tasks = [
                (
                    attr,
                    lists.create_task(
                        paginate(lister(method), field, catalog.truncated, label, recoverer(kind))
                    ),
                )
                for attr, method, field, label, kind in wanted
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
