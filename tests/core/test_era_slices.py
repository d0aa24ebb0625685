"""An era's wire models defined on first lookup (mcptui.core.era_slices): every class and alias
validates as the module imported as usual does, whatever order they are asked for in; one
lookup defines only what it mentions; the plan is read back from disk; a module of another
shape is refused (the caller then imports it as usual)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mcptui.core import era_slices

ERAS = ["mcp_types._v2025_11_25", "mcp_types._v2026_07_28"]

# Every name of the era, asked for in the order given (sliced) or imported as usual: the JSON
# schema of each (its validator's shape: types, required fields, aliases, extra policy).
PROBE = """
import json, sys
from pydantic import BaseModel, TypeAdapter
name, mode, order = sys.argv[1:4]
if mode == "sliced":
    from mcptui.core import era_slices
    module = era_slices.import_era(name)
    era = era_slices.sliced(module)
    assert era is not None, "not sliced"
    names = sorted(era.binds, reverse=order == "reverse")
else:
    import importlib
    from mcptui.core.era_slices import build_plan
    module = importlib.import_module(name)
    names = sorted(build_plan(open(module.__file__, "rb").read(), module.__file__)[2])
out = {"first": None}
schemas = {}
for attr in names:
    value = getattr(module, attr)
    if out["first"] is None and mode == "sliced":
        out["first"] = era.pending()
    if isinstance(value, type) and issubclass(value, BaseModel):
        schemas[attr] = [value.__module__, value.__qualname__, value.model_json_schema(by_alias=True)]
    elif not isinstance(value, type) or value in (str, int):
        try:
            schemas[attr] = ["alias", TypeAdapter(value).json_schema()]
        except Exception as error:  # a plain value: its repr
            schemas[attr] = ["value", repr(value)]
out["schemas"] = schemas
out["doc"] = module.__doc__
out["file"] = module.__file__
print(json.dumps(out, sort_keys=True, default=repr))
"""


def _probe(home: Path, *args: str) -> dict:
    env = {**os.environ, "MCPTUI_HOME": str(home)}
    for name in ("MCPTUI_CODE_CACHE", era_slices.SWITCH):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=240
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("era", ERAS)
def test_every_class_validates_as_imported_as_usual_in_any_order(era: str, tmp_path: Path) -> None:
    usual = _probe(tmp_path, era, "usual", "")
    forward = _probe(tmp_path, era, "sliced", "forward")  # builds the plan and stores it
    backward = _probe(tmp_path, era, "sliced", "reverse")  # reads it back
    assert len(usual["schemas"]) > 150
    assert forward["schemas"] == usual["schemas"]
    assert backward["schemas"] == usual["schemas"]
    assert forward["doc"] == usual["doc"] and forward["file"] == usual["file"]


def test_one_lookup_defines_only_what_it_mentions(tmp_path: Path) -> None:
    probe = """
import sys
from mcptui.core import era_slices
module = era_slices.import_era("mcp_types._v2026_07_28")
era = era_slices.sliced(module)
everything = era.pending()
result = module.ListToolsResult
print(everything, era.pending(), "Tool" in vars(module), "CallToolResult" in vars(module),
      sys.modules["mcp_types"]._v2026_07_28 is module, "CallToolResult" in dir(module))
"""
    env = {**os.environ, "MCPTUI_HOME": str(tmp_path)}
    env.pop(era_slices.SWITCH, None)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    everything, left, tool, call, attached, listed = done.stdout.split()
    assert int(everything) > 170 and int(left) > int(everything) - 40
    assert (tool, call, attached, listed) == ("True", "False", "True", "True")


SHAPE = '''\
"""A tiny era."""
from __future__ import annotations

from typing_extensions import TypeAliasType

Alias = TypeAliasType("Alias", list["Later"])
"""An alias naming a class defined after it, in a string."""


class Base:
    kind: Other


class Later(Base):
    pass


class Other:
    pass


class Unrelated:
    pass
'''


def _module(tmp_path: Path, name: str, source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "src"
    package.mkdir(exist_ok=True)
    (package / f"{name}.py").write_text(source)
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setenv("MCPTUI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(era_slices.SWITCH, raising=False)
    monkeypatch.delenv("MCPTUI_CODE_CACHE", raising=False)


def test_a_lookup_runs_what_it_names_also_in_strings_and_the_plan_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, "tiny_era_slices", SHAPE, monkeypatch)
    try:
        module = era_slices.import_era("tiny_era_slices")
        assert module is not None and module.__doc__ == "A tiny era."
        assert "Later" not in vars(module)
        alias = module.Alias
        assert str(alias.__value__) == "list['Later']"
        assert {"Later", "Base", "Other"} <= set(vars(module)) and "Unrelated" not in vars(module)
        assert module.Later.__mro__[1] is module.Base and module.Base.__module__ == "tiny_era_slices"
        assert module.Base.__annotations__ == {"kind": "Other"}  # the module's future flags
        with pytest.raises(AttributeError, match="has no attribute 'Missing'"):
            _ = module.Missing
        del sys.modules["tiny_era_slices"]

        def no_build(*_args: object) -> object:
            raise AssertionError("the plan should come from disk")

        monkeypatch.setattr(era_slices, "build_plan", no_build)
        again = era_slices.import_era("tiny_era_slices")
        assert again is not None and again is not module and again.Unrelated.__name__ == "Unrelated"
    finally:
        sys.modules.pop("tiny_era_slices", None)


@pytest.mark.parametrize(
    "extra",
    [
        "def helper():\n    pass\n",  # not a class or a plain assignment
        "Other = int\n",  # a name bound twice
        "import os\n",  # an import after a definition
        "Base.extra = 1\n",  # an assignment to an attribute
    ],
)
def test_a_module_of_another_shape_is_imported_as_usual(
    extra: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "tiny_era_odd"
    _module(tmp_path, name, SHAPE + "\n" + textwrap.dedent(extra), monkeypatch)
    try:
        with pytest.raises(era_slices.UnsuitableSource):
            era_slices.build_plan(SHAPE + "\n" + extra, "x.py")
        assert era_slices.import_era(name) is None and name not in sys.modules
    finally:
        sys.modules.pop(name, None)


def test_the_switch_and_a_stale_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _module(tmp_path, "tiny_era_stale", SHAPE, monkeypatch)
    try:
        monkeypatch.setenv(era_slices.SWITCH, "0")
        assert era_slices.import_era("tiny_era_stale") is None
        monkeypatch.delenv(era_slices.SWITCH)
        assert era_slices.import_era("tiny_era_stale") is not None
        del sys.modules["tiny_era_stale"]
        source = tmp_path / "src" / "tiny_era_stale.py"
        source.write_text(SHAPE + "\n\nclass Added:\n    pass\n")
        os.utime(source, ns=(1, 1))  # another stamp: the plan is built again from the new source
        assert era_slices.import_era("tiny_era_stale").Added.__name__ == "Added"  # type: ignore[union-attr]
    finally:
        sys.modules.pop("tiny_era_stale", None)


def test_two_threads_asking_get_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    _module(tmp_path, "tiny_era_threads", SHAPE, monkeypatch)
    made: list[object] = []
    start = threading.Barrier(2)

    def ask() -> None:
        start.wait()
        made.append(era_slices.import_era("tiny_era_threads").Later)  # type: ignore[union-attr]

    try:
        threads = [threading.Thread(target=ask) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(made) == 2 and made[0] is made[1]
    finally:
        sys.modules.pop("tiny_era_threads", None)
