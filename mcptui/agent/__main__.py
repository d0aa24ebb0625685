"""``python -m mcptui.agent``: bind the socket, go to the background, serve."""

from mcptui.agent.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
