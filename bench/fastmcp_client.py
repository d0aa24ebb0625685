"""FastMCP's client as a one-shot command, for ``bench/peers.py`` (run by an interpreter that has
``fastmcp`` installed; mcptui does not depend on it).

    python fastmcp_client.py list|call URL
    python fastmcp_client.py list|call --stdio COMMAND ARGS...

``list`` prints the tools as JSON; ``call`` calls ``echo`` with ``text=hi`` and prints its
structured result. Only FastMCP's public client API (``fastmcp.Client``, ``StdioTransport``).
"""

import asyncio
import json
import sys

from fastmcp import Client
from fastmcp.client.transports import StdioTransport


async def main() -> None:
    what, target = sys.argv[1], sys.argv[2:]
    source = StdioTransport(command=target[1], args=target[2:]) if target[0] == "--stdio" else target[0]
    async with Client(source) as client:
        if what == "list":
            tools = await client.list_tools()
            print(
                json.dumps([tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in tools])
            )
        else:
            result = await client.call_tool("echo", {"text": "hi"})
            print(json.dumps(result.structured_content))


asyncio.run(main())
