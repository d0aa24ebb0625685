"""Regular expressions compiled once per machine, not once per run: their ``_sre`` programs on disk.

A cold ``mcptui list`` compiles ~150 regular expressions (module-level ``re.compile`` in the
standard library, httpx2, pydantic, email..., and ``re.match``/``re.sub`` of literal patterns).
The ``re`` module caches them for one process only, and its compiler is pure Python: parsing
a pattern and generating its program costs ~85 M instructions of a ~1,600 M run.

:func:`install` (by :func:`mcptui.core.code_cache.install`) gives ``re._compiler`` a ``compile``
that looks the pattern up, by (text or bytes, pattern, flags), in a table of what the standard
one computes from it: the final flags, the program (a list of integers), the group count and
both group maps. ``_sre.compile`` then builds the pattern object from them, as the standard
``compile`` does as its last step; ``_sre`` validates every program it is given, so a bad
entry can only fail, never run wrong code. Only text or bytes patterns with plain ``int``
flags and without ``re.DEBUG`` are looked up; anything else goes to the standard compiler.
A pattern whose compiling warns (``FutureWarning``, ``DeprecationWarning``) is compiled and
warned each run, never stored, so every run still warns (the warnings are caught with
``warnings.catch_warnings`` only while a pattern not in the table is compiled, once per machine
and pattern: a warning another thread raises meanwhile is re-raised the same way).

The table lives beside the code cache (``<tag>.re.marshal``), stored and checked the same
way (:func:`mcptui.core.code_cache.read_payload`: this user's regular file, format, CRC), and
stamped with the full ``sys.version`` and ``_sre.MAGIC``: another build of Python, whose
compiler might emit other programs, ignores it. ``MCPTUI_CODE_CACHE=0`` turns it off too.

Measured in instructions (valgrind, ``mcptui list URL --json`` against the demo): 1,604 M →
1,519 M (-5.3%); ``call URL echo text=hi`` 1,588 M → 1,504 M. The file is ~70 KB.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path
from typing import Any

FORMAT = "mcptui-regex-cache-1"
MAX_ENTRIES = 2_000  # past this many entries, or MAX_WORDS of programs, only this run's are kept
MAX_WORDS = 250_000  # program words in all (~1.2 MB on disk): a pattern built anew each run (tokenize's
# PseudoToken joins a set of string prefixes, whose order follows hash randomization: ~1,900 words)
# is a new entry every run, and must not grow the file without end

Key = tuple[bool, str | bytes, int]


class _Table:
    """The loaded programs, which this run used, whether any was new, the standard compiler."""

    path: Path | None = None
    entries: dict[Key, tuple[Any, ...]] = {}
    used: set[Key] = set()
    new = 0
    standard: Any = None
    modules: tuple[Any, Any, Any, Any] | None = None  # re._compiler, re._parser, _sre, constants


def _stamp() -> str:
    return f"{sys.version}|{_Table.modules[2].MAGIC if _Table.modules else ''}"


def _valid(key: Any, entry: Any) -> bool:
    return (
        type(key) is tuple
        and len(key) == 3
        and type(key[0]) is bool
        and type(key[1]) is (str if key[0] else bytes)
        and type(key[2]) is int
        and type(entry) is tuple
        and len(entry) == 5
        and type(entry[0]) is int
        and type(entry[1]) is list  # its items: checked by _sre.compile (see _compile)
        and type(entry[2]) is int
        and type(entry[3]) is dict
        and type(entry[4]) is tuple
    )


def _compile(p: Any, flags: Any = 0) -> Any:
    """``re._compiler.compile``, with each text or bytes pattern's program looked up first."""
    compiler, parser, sre, constants = _Table.modules  # type: ignore[misc]
    if type(p) not in (str, bytes) or type(flags) is not int or flags & constants.SRE_FLAG_DEBUG:
        return _Table.standard(p, flags)
    key: Key = (type(p) is str, p, flags)
    entry = _Table.entries.get(key)
    if entry is None:  # what the standard compile computes (same frame depth: warnings' stacklevel)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tree = parser.parse(p, flags)
            code = compiler._code(tree, flags)  # noqa: SLF001
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[Any] = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (
            int(flags | tree.state.flags),
            [int(op) for op in code],
            tree.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        for warning in caught:  # warned as usual, and never stored: every run warns again
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        if not caught:
            _Table.entries[key] = entry
            _Table.new += 1
    _Table.used.add(key)
    final_flags, program, groups, groupindex, indexgroup_names = entry
    try:
        return sre.compile(p, final_flags, program, groups, dict(groupindex), indexgroup_names)
    except (TypeError, ValueError, OverflowError, RuntimeError):  # not a program _sre accepts
        _Table.entries.pop(key, None)
        _Table.new += 1  # the file is rewritten without it
        return _Table.standard(p, flags)


def install(path: Path) -> None:
    """Load the table at ``path`` and put :func:`_compile` in ``re._compiler`` (once)."""
    if _Table.path is not None:
        return
    try:
        compiler: Any = importlib.import_module("re._compiler")
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        sre = importlib.import_module("_sre")
    except ImportError:  # pragma: no cover - a Python whose re is laid out otherwise
        return
    if not (
        getattr(compiler.compile, "__module__", None) == "re._compiler"
        and callable(getattr(compiler, "_code", None))
        and callable(getattr(parser, "parse", None))
    ):  # pragma: no cover - another Python's re, or someone else's patch
        return
    from mcptui.core.code_cache import read_payload

    _Table.modules = (compiler, parser, sre, constants)
    table = read_payload(path, FORMAT, _stamp())
    if not isinstance(table, dict) or not all(_valid(key, entry) for key, entry in table.items()):
        table = {}
    _Table.path, _Table.entries, _Table.standard = path, table, compiler.compile
    compiler.compile = _compile


def save() -> None:
    """Write the table back when this run compiled something new."""
    if _Table.path is None or not _Table.new:
        return
    from mcptui.core.code_cache import write_payload

    entries = _Table.entries
    if len(entries) > MAX_ENTRIES or sum(len(entry[1]) for entry in entries.values()) > MAX_WORDS:
        entries = {key: entries[key] for key in _Table.used if key in entries}
    write_payload(_Table.path, FORMAT, _stamp(), entries)
    _Table.new = 0


def uninstall() -> None:
    """The standard compiler back (tests); what is new is not written."""
    if _Table.modules is not None and _Table.modules[0].compile is _compile:
        _Table.modules[0].compile = _Table.standard
    _Table.path, _Table.entries, _Table.used, _Table.new = None, {}, set(), 0
    _Table.standard = _Table.modules = None
