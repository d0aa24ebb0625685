"""The demo server's tools: rich schemas, every result kind, progress, logs, list_changed, elicitation, sampling.

`register_tools(mcp, state)` adds them all to any `MCPServer`, so the OAuth demo can reuse them.
"""

import datetime
import sys
from typing import Annotated, Literal

import anyio
from mcp.server.mcpserver import (
    Context,
    Elicit,
    ElicitationResult,
    Image,
    MCPServer,
    Resolve,
    Sample,
)
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import (
    ContentBlock,
    CreateMessageResult,
    EmbeddedResource,
    ResourceLink,
    SamplingMessage,
    TextContent,
    TextResourceContents,
    ToolAnnotations,
)
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import Field

from mcptui.demo.content import MARKDOWN_REPORT, README_MARKDOWN, make_png
from mcptui.demo.schemas import Address, Forecast, LineItem, NumberStats, Preferences
from mcptui.demo.state import LOG_LEVEL_ORDER, DemoState

EXTRA_TOOL_NAME = "extra_tool"


def _is_modern(ctx: Context) -> bool:
    return ctx.protocol_version in MODERN_PROTOCOL_VERSIONS


async def notify_tools_changed(ctx: Context) -> None:
    """Tell every client the tool list changed, in both protocol eras."""
    await ctx.notify_tools_changed()  # 2026-07-28: reaches subscriptions/listen streams only
    if not _is_modern(ctx):  # legacy sessions: a notification on the session (GET stream / SSE / stdio)
        await ctx.session.send_tool_list_changed()


async def notify_resource_updated(ctx: Context, uri: str) -> None:
    """Tell subscribers `uri` changed, in both protocol eras."""
    await ctx.notify_resource_updated(uri)
    if not _is_modern(ctx):
        await ctx.session.send_resource_updated(uri)


def ask_preferences(question: str) -> Elicit[Preferences]:
    """Resolver for ask_user: asks the client (elicitation/create, or MRTR on 2026-07-28)."""
    return Elicit(question, Preferences)


def sample_answer(prompt: str, max_tokens: int) -> Sample:
    """Resolver for ask_llm: asks the client's LLM (sampling/createMessage, or MRTR on 2026-07-28)."""
    message = SamplingMessage(role="user", content=TextContent(type="text", text=prompt))
    return Sample([message], max_tokens=max_tokens, system_prompt="You are a helpful assistant.")


def register_tools(mcp: MCPServer, state: DemoState) -> None:
    """Register every demo tool on `mcp`."""

    @mcp.tool()
    def echo(text: Annotated[str, Field(description="Text to send back")]) -> str:
        """Echo the text back unchanged."""
        return text

    @mcp.tool()
    def add(a: int, b: int) -> int:
        """Add two integers (kept trivial: benchmarks measure calls per second with it)."""
        return a + b

    @mcp.tool()
    def describe_order(
        customer_email: Annotated[
            str, Field(description="Customer e-mail address", json_schema_extra={"format": "email"})
        ],
        quantity: Annotated[int, Field(ge=1, le=1000, description="Number of parcels")],
        unit_price: Annotated[float, Field(gt=0, description="Price of one parcel in euros")],
        address: Annotated[Address, Field(description="Where to deliver")],
        items: Annotated[list[LineItem], Field(description="Line items (array of objects)")],
        express: Annotated[bool, Field(description="Express delivery")] = False,
        size: Annotated[Literal["S", "M", "L", "XL"], Field(description="Parcel size (enum)")] = "M",
        tags: Annotated[list[str], Field(description="Free-form tags (array of strings)")] = [],  # noqa: B006
        note: Annotated[str | None, Field(description="Optional note (nullable string)")] = None,
        coupon_percent: Annotated[
            int | None, Field(ge=0, le=100, description="Discount in percent (nullable integer)")
        ] = None,
        recipients: Annotated[
            str | list[str], Field(description="One recipient or a list of them (union)")
        ] = "front desk",
        delivery_date: Annotated[
            datetime.date | None, Field(description="Wanted delivery date (format: date)")
        ] = None,
        website: Annotated[
            str, Field(description="Shop website (format: uri)", json_schema_extra={"format": "uri"})
        ] = "https://example.com",
        placeholder: Annotated[None, Field(description="Always null (the JSON null type)")] = None,
    ) -> str:
        """Summarise an order: exercises every JSON Schema type, enums, nesting, arrays, unions, formats."""
        total = quantity * unit_price * (1 - (coupon_percent or 0) / 100)
        who = recipients if isinstance(recipients, str) else ", ".join(recipients)
        lines = [
            f"Order for {customer_email}: {quantity} x {size} parcel(s) at {unit_price:.2f} EUR = {total:.2f} EUR",
            f"Deliver to {address.street}, {address.postcode} {address.city} ({address.country}) for {who}",
            f"Items: {', '.join(f'{i.quantity}x{i.sku}' for i in items) or 'none'}",
            f"Express: {'yes' if express else 'no'}; tags: {', '.join(tags) or 'none'}; note: {note or '-'}",
            f"Date: {delivery_date.isoformat() if delivery_date else 'any'}; shop: {website}; placeholder: {placeholder}",
        ]
        return "\n".join(lines)

    @mcp.tool(
        title="Weather forecast",
        annotations=ToolAnnotations(
            title="Weather forecast", read_only_hint=True, idempotent_hint=True, open_world_hint=False
        ),
    )
    def get_forecast(
        city: Annotated[str, Field(description="City name")],
        days: Annotated[int, Field(ge=1, le=7, description="How many days")] = 3,
        unit: Literal["celsius", "fahrenheit"] = "celsius",
    ) -> Forecast:
        """A made-up forecast returned as structured output (outputSchema + structuredContent)."""
        base = 12.0 + (len(city) % 7)
        temps = [round(base + day * 1.5, 1) for day in range(days)]
        if unit == "fahrenheit":
            temps = [round(t * 9 / 5 + 32, 1) for t in temps]
        return Forecast(city=city, days=days, unit=unit, temperatures=temps, summary=f"Mild in {city}")

    @mcp.tool()
    def number_stats(
        numbers: Annotated[list[float], Field(description="Numbers to summarise")],
    ) -> NumberStats:
        """Count, total, mean, min and max of a list (TypedDict structured output)."""
        count = len(numbers)
        total = float(sum(numbers))
        return NumberStats(
            count=count,
            total=total,
            mean=total / count if count else None,
            minimum=min(numbers) if numbers else None,
            maximum=max(numbers) if numbers else None,
        )

    @mcp.tool(
        title="Delete everything (pretend)",
        annotations=ToolAnnotations(
            title="Delete everything (pretend)",
            read_only_hint=False,
            destructive_hint=True,
            idempotent_hint=False,
            open_world_hint=False,
        ),
    )
    def delete_everything(confirm: Annotated[bool, Field(description="Really?")] = False) -> str:
        """A tool annotated as destructive; it only pretends to delete anything."""
        return "Deleted nothing (this is a demo)." if confirm else "Not confirmed: nothing deleted."

    @mcp.tool()
    def show_image(
        color: Literal["red", "green", "blue", "yellow"] = "blue",
        size: Annotated[int, Field(ge=1, le=64, description="Width and height in pixels")] = 8,
    ) -> Image:
        """Return a small PNG generated in code (image content)."""
        return Image(data=make_png(size, size, color), format="png")

    @mcp.tool()
    def embedded_resource() -> EmbeddedResource:
        """Return the README as an embedded resource."""
        return EmbeddedResource(
            type="resource",
            resource=TextResourceContents(
                uri="demo://readme", mime_type="text/markdown", text=README_MARKDOWN
            ),
        )

    @mcp.tool()
    def resource_link() -> list[ContentBlock]:
        """Return a text block and a resource_link pointing at demo://logo.png."""
        return [
            TextContent(type="text", text="Here is a link to the logo:"),
            ResourceLink(
                type="resource_link",
                uri="demo://logo.png",
                name="logo",
                title="Demo logo",
                mime_type="image/png",
                description="An 8x8 PNG",
            ),
        ]

    @mcp.tool(structured_output=False)
    def markdown_report() -> str:
        """Return a Markdown document (headings, table, code block, task list)."""
        return MARKDOWN_REPORT

    @mcp.tool()
    def fail(message: str = "Something went wrong on purpose") -> str:
        """Always fails: the result comes back with isError true."""
        raise ToolError(message)

    @mcp.tool()
    async def slow_count(
        ctx: Context,
        steps: Annotated[int, Field(ge=1, le=1000, description="How many steps")] = 5,
        delay: Annotated[float, Field(ge=0, le=10, description="Seconds between steps")] = 0.5,
    ) -> str:
        """Count slowly, reporting progress at each step; cancel it to stop early."""
        state.slow_count_running += 1
        try:
            for step in range(1, steps + 1):
                await anyio.sleep(delay)
                await ctx.report_progress(step, steps, f"step {step}/{steps}")
        except anyio.get_cancelled_exc_class():
            state.slow_count_cancelled += 1
            raise
        finally:
            state.slow_count_running -= 1
        state.slow_count_finished += 1
        return f"Counted to {steps}"

    @mcp.tool()
    async def emit_logs(ctx: Context, message: str = "hello") -> str:
        """Send log notifications at debug, info, warning and error levels."""
        sent = []
        for level, log in (
            ("debug", ctx.debug),
            ("info", ctx.info),
            ("warning", ctx.warning),
            ("error", ctx.error),
        ):
            if not _is_modern(ctx) and LOG_LEVEL_ORDER[level] < LOG_LEVEL_ORDER[state.log_level(ctx.session)]:
                continue  # legacy era: honour logging/setLevel (2026-07-28 filters per request itself)
            await log(f"{level}: {message}", logger_name="mcptui-demo")
            sent.append(level)
        return f"Sent logs at: {', '.join(sent) or 'no level'}"

    @mcp.tool()
    async def toggle_extra_tool(ctx: Context) -> str:
        """Add or remove the tool 'extra_tool' at runtime and send tools/list_changed."""
        names = {tool.name for tool in await mcp.list_tools()}
        if EXTRA_TOOL_NAME in names:
            mcp.remove_tool(EXTRA_TOOL_NAME)
            verb = "removed"
        else:
            mcp.add_tool(_extra_tool, name=EXTRA_TOOL_NAME, title="Extra tool")
            verb = "added"
        await notify_tools_changed(ctx)
        return f"{verb} {EXTRA_TOOL_NAME}"

    @mcp.tool()
    async def touch_resource(ctx: Context, uri: str = "demo://readme") -> str:
        """Send notifications/resources/updated for a URI (subscribe to it first)."""
        await notify_resource_updated(ctx, uri)
        return f"updated {uri}"

    @mcp.tool()
    async def ask_user(
        answer: Annotated[ElicitationResult[Preferences], Resolve(ask_preferences)],
        question: str = "Tell me about yourself",
    ) -> str:
        """Elicit a few fields (name, age, subscribe, color; all with defaults) and report what came back."""
        if answer.action == "accept":
            prefs = answer.data
            return (
                f"accepted: name={prefs.name} age={prefs.age} subscribe={prefs.subscribe} color={prefs.color}"
            )
        return f"{answer.action}: no data"

    @mcp.tool()
    async def ask_llm(
        reply: Annotated[CreateMessageResult, Resolve(sample_answer)],
        prompt: str = "Write a haiku about terminals",
        max_tokens: Annotated[int, Field(ge=1, le=4000)] = 200,
    ) -> str:
        """Ask the client to sample its LLM and report the answer (a refusal surfaces as an error)."""
        content = reply.content
        text = content.text if isinstance(content, TextContent) else f"<{content.type} content>"
        return f"{reply.model} answered: {text}"

    @mcp.tool()
    def write_stderr(text: str = "a line on stderr") -> str:
        """Write a line to the server's stderr (for stdio stderr capture)."""
        print(f"mcptui-demo stderr: {text}", file=sys.stderr, flush=True)
        return f"wrote {len(text)} characters to stderr"


def _extra_tool(value: str = "x") -> str:
    """A tool that exists only after toggle_extra_tool added it."""
    return f"extra: {value}"


def tool_names(mcp: MCPServer) -> list[str]:
    """The names of the tools currently registered (sync helper for tests and reports)."""
    return [tool.name for tool in mcp._tool_manager.list_tools()]  # noqa: SLF001
