"""The built-in demo MCP servers (plain and OAuth-protected), built with the SDK server side."""

_LAZY_EXPORTS = ("run_demo", "build_demo_server", "register_demo_features")
__all__ = list(_LAZY_EXPORTS)


def __getattr__(name: str):
    """`from mcptui.demo import run_demo` without importing the SDK until it is used."""
    if name in _LAZY_EXPORTS:
        from mcptui.demo import server

        return getattr(server, name)
    raise AttributeError(f"module 'mcptui.demo' has no attribute {name!r}")
