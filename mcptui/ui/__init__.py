"""The Textual app: screens, widgets and styles that render core events."""
