"""Drive an ``httpx2`` client with a ``respx`` router: respx patches plain httpx only.

``mock_transport(router)`` returns an ``httpx2.MockTransport`` that converts each httpx2 request
into an httpx one, lets the router answer, and converts the answer back.
"""

from __future__ import annotations

import httpx
import httpx2
import respx


def mock_transport(router: respx.Router) -> httpx2.MockTransport:
    def handler(request: httpx2.Request) -> httpx2.Response:
        converted = httpx.Request(
            request.method,
            str(request.url),
            headers=list(request.headers.multi_items()),
            content=request.read(),
        )
        answer = router.handler(converted)
        return httpx2.Response(
            answer.status_code, headers=list(answer.headers.multi_items()), content=answer.read()
        )

    return httpx2.MockTransport(handler)
