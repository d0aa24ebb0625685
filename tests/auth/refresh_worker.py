"""Helper process for the concurrency test: load the saved token, wait for "go", force a refresh.

Usage: python refresh_worker.py STORE_DIR SERVER_URL. Prints "loaded", then the fingerprint
of the access token it ended with.
"""

import asyncio
import sys

from mcptui.core.auth import NonInteractive, TokenStore, make_auth_factory
from mcptui.core.auth.redaction import fingerprint
from mcptui.core.server_config import ServerConfig


async def main(root: str, url: str) -> None:
    auth = make_auth_factory(NonInteractive(), store=TokenStore(root))(
        ServerConfig(name="w", url=url), lambda event: None
    )
    record = auth._load()
    print("loaded", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    new = await auth.refresh(record, force=True)
    print(fingerprint(new.tokens.access_token) if new else "none", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
