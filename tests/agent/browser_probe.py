"""A stand-in ``$BROWSER`` for the agent's sign-in tests: notes who started it, then signs in.

Usage: python browser_probe.py URL. Appends "PARENT_PID PATH" to $PROBE_LOG (the process that
opened the browser, and where the browser ended), following the authorization URL and the
demo's consent form into the loopback callback like tests/auth/follow_browser.py does.
"""

import os
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "auth"))

from follow_browser import main as follow  # noqa: E402


def run(url: str) -> None:
    opener = os.getppid()
    log = os.environ["PROBE_LOG"]
    os.environ["FOLLOW_LOG"] = log + ".paths"
    follow(url)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{opener} {urllib.parse.urlsplit(url).path}\n")


if __name__ == "__main__":
    run(sys.argv[1])
