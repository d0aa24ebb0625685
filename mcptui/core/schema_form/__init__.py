"""JSON Schema → form model, shared by the TUI (a widget per field) and the CLI (``key=value``).

Pure Python and cheap to import: ``jsonschema`` is loaded only inside :func:`validate`.

- :func:`build_form` — schema → :class:`FormField` tree (``build.py``, refs/allOf in ``resolve.py``)
- :func:`initial_value`, :func:`coerce_value`, :func:`prune_empty`, :func:`pick_variant` — values
  (``values.py``)
- :func:`validate` — value → list of :class:`Issue` with human messages (``validation.py``)
- :func:`coerce_cli_args` — ``key=value`` pairs → arguments dict (``cli_args.py``)
- :func:`prompt_schema`, :func:`template_schema` — prompts and URI templates as object schemas
  (``adapters.py``)
"""

from .adapters import prompt_schema, template_schema
from .build import build_form
from .cli_args import coerce_cli_args
from .model import KINDS, FormField, Issue, Kind, path_text, type_summary
from .validation import validate
from .values import coerce_value, fits, initial_value, pick_variant, prune_empty

__all__ = [
    "KINDS",
    "FormField",
    "Issue",
    "Kind",
    "build_form",
    "coerce_cli_args",
    "coerce_value",
    "fits",
    "initial_value",
    "path_text",
    "pick_variant",
    "prompt_schema",
    "prune_empty",
    "template_schema",
    "type_summary",
    "validate",
]
