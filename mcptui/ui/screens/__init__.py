"""Screens: modal dialogs for server requests (elicitation, sampling) and login (auth).

Import the submodules directly (``from mcptui.ui.screens.auth_dialog import AuthDialog``).
"""
