"""A stand-in browser for oidc-provider's dev interactions: fills every form it meets.

``follow(url, user_code=None)`` follows redirects with a cookie jar; on each HTML page it
submits the first form, with ``login``/``password`` filled with a test account and
``user_code`` with the code given (device flow). It stops at a page without a form (the
device flow's success page) or once a redirect reaches 127.0.0.1 outside the provider (the
loopback callback, which it visits). Usage as ``$BROWSER``: ``python follow_oidc.py URL``.
"""

from __future__ import annotations

import html
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ATTR = re.compile(r'([a-zA-Z_:-]+)\s*=\s*"([^"]*)"')
INPUT = re.compile(r"<input\b([^>]*)>", re.I)
FILL = {"login": "alice", "password": "any-password"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _form(page: str, user_code: str | None) -> tuple[str, dict[str, str]] | None:
    match = FORM.search(page)
    if match is None:
        return None
    attrs = dict(ATTR.findall(match.group(1)))
    fields: dict[str, str] = {}
    for raw in INPUT.findall(match.group(2)):
        a = dict(ATTR.findall(raw))
        name = a.get("name")
        if not name:
            continue
        value = html.unescape(a.get("value", ""))
        if name == "user_code" and user_code and not value:
            value = user_code
        fields[name] = value or FILL.get(name, "")
    return html.unescape(attrs.get("action", "")), fields


def follow(url: str, user_code: str | None = None, steps: int = 20) -> list[str]:
    """Visit ``url`` like a person who approves everything; returns the URLs visited."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    provider = urllib.parse.urlsplit(url).netloc
    visited: list[str] = []
    data: bytes | None = None
    for _ in range(steps):
        visited.append(url)
        try:
            response = opener.open(urllib.request.Request(url, data=data), timeout=10)  # noqa: S310 - 127.0.0.1
            status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:  # 3xx (redirects are not followed by the opener) and errors
            status, headers, body = exc.code, exc.headers, exc.read()
        data = None
        if 300 <= status < 400 and headers.get("Location"):
            url = urllib.parse.urljoin(url, headers["Location"])
            if urllib.parse.urlsplit(url).netloc != provider:
                visited.append(url)
                urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 - the loopback callback
                return visited
            continue
        form = _form(body.decode("utf-8", "replace"), user_code)
        if form is None or status >= 400:
            return visited
        action, fields = form
        url = urllib.parse.urljoin(url, action or url)
        data = urllib.parse.urlencode(fields).encode()
    return visited


if __name__ == "__main__":
    follow(sys.argv[1])
