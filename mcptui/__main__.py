"""``python -m mcptui``: the same as the ``mcptui`` console script."""

from mcptui.cli import entry

if __name__ == "__main__":
    entry()
