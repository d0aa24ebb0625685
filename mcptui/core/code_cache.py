"""Generated source compiled once per machine, not once per run: a cache of code objects on disk.

Two standard modules compile source text they generate, every run, the same text each time:

- ``dataclasses`` builds each dataclass's ``__init__``, ``__repr__``, ``__eq__``... by ``exec``
  of generated text (CPython 3.11: ~700 compiles for the ~160 dataclasses a one-shot ``list``
  defines: ours, pydantic's, anyio's, h11's, the SDK's);
- ``typing.ForwardRef`` compiles every string annotation pydantic evaluates (~530 distinct ones
  for the SDK's models).

Compiling is ~11% of a cold ``list`` run's CPU. :func:`install` (by the program,
``mcptui.__main__``, before anything else is imported) gives both modules a module global
(``exec`` for ``dataclasses``, ``compile`` for ``typing``, found before the builtin) that looks
the text up in a dict of code objects loaded with ``marshal`` (as ``.pyc`` files are), and
compiles only what it has not seen; what was new is written back at exit (0600, atomically).
A code object is immutable and the compile has the same inputs (text, ``"<string>"``, mode,
no inherited future flags, as the modules' own calls), so a cached one is the one the run
would have compiled. Calls of any other shape go to the builtins unchanged.

Measured in instructions (valgrind, ``mcptui list URL --json`` against the demo): 2,157 M →
1,789 M (-17%: -332 M for the dataclasses, -36 M more for the annotations); the file is
~0.7 MB and loading it costs ~15 M. ``MCPTUI_CODE_CACHE=0`` turns it off (same-run comparisons),
with the regular expressions' programs kept beside it (:mod:`mcptui.core.regex_cache`, stored
through :func:`read_payload` and :func:`write_payload`).

The file holds code the program runs, and is trusted as a ``.pyc`` file in the user's own
folder is: only someone who can already write there can change what runs. So it is read only
when it is a regular file (opened with ``O_NOFOLLOW``: a symbolic link in its place is not
followed), owned by this user, and neither group- nor world-writable. Its content is
``marshal.dumps((FORMAT, magic, crc32(payload), payload))`` with ``payload =
marshal.dumps(codes)``: the outer 4-tuple, the format name and the interpreter's bytecode magic
number (another Python ignores it; the name also carries its cache tag) are checked, then the
payload's CRC-32, and only then is the payload unmarshalled. A file torn by a crash or a full
disk, or a flipped bit, thus fails the CRC instead of running code that is almost right (a
flipped byte in a constant still unmarshals into a valid, different code object). Anything
unreadable, foreign or failing a check: ignored, compiled as usual, replaced at exit.
"""

from __future__ import annotations

import atexit
import binascii
import builtins
import contextlib
import marshal
import os
import stat
import sys
import types
from pathlib import Path
from typing import Any

from mcptui.core import regex_cache

SWITCH = "MCPTUI_CODE_CACHE"
FORMAT = "mcptui-code-cache-2"
MAX_ENTRIES = 20_000  # past this, only the entries of the last run are kept
_EVAL_PREFIX = "\0eval\0"  # annotation keys (no generated source starts with NUL)


class _Cache:
    """The loaded code objects, which of them this run used, and whether any was new."""

    path: Path | None = None
    codes: dict[str, types.CodeType] = {}
    used: set[str] = set()
    new = 0


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def cache_file() -> Path:
    """Where the code objects are kept (the user cache folder)."""
    from mcptui.core.locations import cache_dir

    return cache_dir() / "code" / f"{sys.implementation.cache_tag}.marshal"


def read_payload(path: Path, file_format: str, stamp: Any) -> Any:
    """The object stored in ``path`` by :func:`write_payload`, or None when the file is missing,
    not this user's alone, or fails its format, stamp or CRC check (see the module's docstring)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        ):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            content = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    if not (type(content) is tuple and len(content) == 4 and content[:2] == (file_format, stamp)):
        return None
    crc, payload = content[2:]
    if type(payload) is not bytes or crc != binascii.crc32(payload):
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def write_payload(path: Path, file_format: str, stamp: Any, value: Any) -> None:
    """Store ``value`` (marshal-able) in ``path``: 0600, replaced atomically, errors ignored."""
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                payload = marshal.dumps(value)
                handle.write(marshal.dumps((file_format, stamp, binascii.crc32(payload), payload)))
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _load(path: Path) -> dict[str, types.CodeType]:
    """The code objects in ``path``, or {} when it is missing, foreign, not this user's alone, or
    fails its format, magic or CRC check (see the module's docstring)."""
    codes = read_payload(path, FORMAT, _magic())
    if not isinstance(codes, dict) or not all(
        type(key) is str and type(code) is types.CodeType for key, code in codes.items()
    ):
        return {}
    return codes


def _code(key: str, source: str, mode: str) -> types.CodeType:
    code = _Cache.codes.get(key)
    if code is None:  # dont_inherit: no future flags, as the modules' own calls get
        code = _Cache.codes[key] = builtins.compile(source, "<string>", mode, 0, True)
        _Cache.new += 1
    _Cache.used.add(key)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> Any:
    """``exec`` for ``dataclasses``: generated text runs from its cached code object."""
    if type(source) is str and not kwargs:
        return builtins.exec(_code(source, source, "exec"), globals, locals)
    return builtins.exec(source, globals, locals, **kwargs)


def _compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
    """``compile`` for ``typing``: ``compile(text, "<string>", "eval")`` from the cache."""
    if not args and not kwargs and type(source) is str and filename == "<string>" and mode == "eval":
        return _code(_EVAL_PREFIX + source, source, "eval")
    return builtins.compile(source, filename, mode, *args, **kwargs)


def installed() -> bool:
    return _Cache.path is not None


def install() -> None:
    """Load the cache and give ``dataclasses`` and ``typing`` their cached compiles (once)."""
    if _Cache.path is not None or os.environ.get(SWITCH, "") == "0":
        return
    import dataclasses
    import typing

    if "exec" in vars(dataclasses) or "compile" in vars(typing):  # pragma: no cover - someone else's
        return
    path = cache_file()
    _Cache.path, _Cache.codes = path, _load(path)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    regex_cache.install(path.with_name(f"{path.stem}.re.marshal"))
    atexit.register(save)


def save() -> None:
    """Write the cache back when this run compiled something new (0600, replaced atomically)."""
    regex_cache.save()
    path = _Cache.path
    if path is None or not _Cache.new:
        return
    codes = _Cache.codes
    if len(codes) > MAX_ENTRIES:
        codes = {key: codes[key] for key in _Cache.used if key in codes}
    write_payload(path, FORMAT, _magic(), codes)
    _Cache.new = 0


def uninstall() -> None:
    """Give both modules their builtins back (tests); what is new is not written."""
    import dataclasses
    import typing

    if vars(dataclasses).get("exec") is _exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    if vars(typing).get("compile") is _compile:
        del typing.compile  # type: ignore[attr-defined]
    with contextlib.suppress(ValueError):
        atexit.unregister(save)
    regex_cache.uninstall()
    _Cache.path, _Cache.codes, _Cache.used, _Cache.new = None, {}, set(), 0
