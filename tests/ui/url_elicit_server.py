"""A stdio MCP server whose tool asks the client to visit a URL (URL-mode elicitation, 2025-11-25).

``visit`` sends the URL elicitation and reports the action; ``finish`` tells the client the
out-of-band step is done (``notifications/elicitation/complete``), as a real server would
once the user completed the page; ``impatient`` asks (form mode) and gives up after three seconds,
cancelling its request. Run: ``python -m tests.ui.url_elicit_server``.
"""

from __future__ import annotations

import anyio
from mcp.server.mcpserver import Context, MCPServer
from pydantic import BaseModel

URL = "https://example.test/connect?session=42"
ELICITATION_ID = "elicit-42"

mcp = MCPServer("url-elicit")


@mcp.tool()
async def visit(ctx: Context) -> str:
    """Ask the user to open the connect page."""
    result = await ctx.elicit_url("Please open the link to connect your account", URL, ELICITATION_ID)
    return f"visit: {result.action}"


@mcp.tool()
async def finish(ctx: Context) -> str:
    """The out-of-band step is done."""
    await ctx.session.send_elicit_complete(ELICITATION_ID)
    return "finished"


class Name(BaseModel):
    name: str


@mcp.tool()
async def impatient(ctx: Context) -> str:
    """Ask for a name, but abandon the question after three seconds (the request is cancelled)."""
    with anyio.move_on_after(3.0):  # long enough for a loaded test machine to show the dialog
        await ctx.elicit("Your name, quickly", Name)
        return "answered"
    return "gave up"


if __name__ == "__main__":
    mcp.run("stdio")
