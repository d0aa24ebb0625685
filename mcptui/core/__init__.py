"""The Textual-free core: config, connections, auth, catalog cache, schema forms. Never imports textual."""
