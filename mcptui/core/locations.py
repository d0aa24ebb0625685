"""Where mcptui keeps its files: servers file, tokens, caches, logs, history.

Paths follow platformdirs for the app name ``mcptui``. Setting ``MCPTUI_HOME`` puts
everything under that one folder (``config/``, ``cache/``, ``logs/``, ``data/``), which is
how tests and scripted runs stay isolated. These are pure functions: nothing is created
here, and ``platformdirs`` is only imported when a default path is actually needed.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mcptui"
HOME_ENV = "MCPTUI_HOME"


def _home() -> Path | None:
    """The ``MCPTUI_HOME`` folder, or None when it is unset or empty."""
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The user config folder (servers file, tokens)."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def servers_file() -> Path:
    """The servers file in ``mcpServers`` JSON shape."""
    return config_dir() / "servers.json"


def tokens_dir() -> Path:
    """Stored OAuth tokens and client registrations (in the config dir, not the cache)."""
    return config_dir() / "auth"


def cache_dir() -> Path:
    """The user cache folder (anything here may be deleted at any time)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def catalog_cache_dir() -> Path:
    """Last good catalog of each server."""
    return cache_dir() / "catalogs"


def log_dir() -> Path:
    """Log files (platformdirs' user log dir, under the state dir on Linux)."""
    home = _home()
    if home is not None:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The user data folder (things worth keeping that are not settings)."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def history_dir() -> Path:
    """Call history and saved arguments: the user data dir itself (callers pick sub-folders)."""
    return data_dir()


def save_dir() -> Path:
    """Where saved blobs and screenshots go by default: the user's downloads folder.

    Under ``MCPTUI_HOME``: its ``downloads/``. Without a downloads folder: the data folder's
    ``saved/``. Never the working directory.
    """
    home = _home()
    if home is not None:
        return home / "downloads"
    import platformdirs

    downloads = Path(platformdirs.user_downloads_dir())
    return downloads if downloads.is_dir() else data_dir() / "saved"
