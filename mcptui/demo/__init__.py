"""The built-in demo MCP servers (plain and OAuth-protected), built with the SDK server side."""
