"""Self-contained widgets embedded by the main screen: the argument form and the result view.

Import the submodules directly (``from mcptui.ui.widgets.result_view import ResultView``);
this package module stays empty so importing one widget does not load the others.
"""
