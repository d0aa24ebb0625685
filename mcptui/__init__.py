"""mcptui: a keyboard-driven terminal explorer for Model Context Protocol servers."""

__version__ = "0.1.0"
