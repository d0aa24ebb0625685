"""A collection run as a report for CI: JUnit XML or JSON, and as lines for people.

JUnit: one ``<testsuite>`` (tests, failures, errors=0, time in seconds) with a ``<testcase>``
per call (``classname`` the collection, ``name`` the call) and a ``<failure message=...>``
holding the reasons. Every string a server sent is sanitized first (control characters made
visible, :mod:`mcptui.core.sanitize`) and characters XML 1.0 cannot hold are replaced, so the
file is always well-formed; ElementTree escapes ``<``, ``&`` and quotes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mcptui.core.collection_run import RunResult
from mcptui.core.private_files import write_private
from mcptui.core.sanitize import json_safe, sanitize_body, sanitize_line

REPORT_FORMATS = ("junit", "json")
# characters XML 1.0 cannot hold (after sanitizing, only lone surrogates and U+FFFE/U+FFFF remain)
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str, *, multiline: bool = False) -> str:
    cleaned = sanitize_body(text) if multiline else sanitize_line(text)
    return _NOT_XML.sub("\ufffd", cleaned)


def junit_xml(result: RunResult) -> str:
    """``result`` as a JUnit XML document."""
    suite = ET.Element(
        "testsuite",
        {
            "name": _xml_text(result.collection),
            "tests": str(len(result.outcomes)),
            "failures": str(result.failed),
            "errors": "0",
            "skipped": "0",
            "time": f"{result.elapsed_ms / 1000:.3f}",
        },
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "target", "value": _xml_text(result.target)})
    for outcome in result.outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": _xml_text(result.collection),
                "name": _xml_text(outcome.call.name),
                "time": f"{(outcome.elapsed_ms or 0) / 1000:.3f}",
            },
        )
        if not outcome.passed:
            failure = ET.SubElement(
                case, "failure", {"message": _xml_text(outcome.reasons[0]), "type": "expectation"}
            )
            failure.text = _xml_text("\n".join(outcome.reasons), multiline=True)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def json_report(result: RunResult) -> str:
    """``result`` as indented JSON (controls escaped, see :func:`mcptui.core.sanitize.json_safe`)."""
    return json_safe(json.dumps(result.to_dict(), indent=2, ensure_ascii=False)) + "\n"


def write_report(result: RunResult, kind: str, path: Path) -> Path:
    """Write the ``kind`` report (``junit`` or ``json``) to ``path`` (0600)."""
    text = junit_xml(result) if kind == "junit" else json_report(result)
    return write_private(path, text)


def summary_lines(result: RunResult) -> list[str]:
    """The run for people: one line per call (PASS/FAIL, time, first reason), then the totals."""
    lines = []
    width = max((len(o.call.name) for o in result.outcomes), default=0)
    for outcome in result.outcomes:
        took = f"{outcome.elapsed_ms:7.0f} ms" if outcome.elapsed_ms is not None else "      -   "
        mark = "PASS" if outcome.passed else "FAIL"
        line = f"{mark}  {sanitize_line(outcome.call.name):<{width}}  {took}"
        lines.append(line)
        lines += [f"      {sanitize_line(reason)}" for reason in outcome.reasons]
    total = len(result.outcomes)
    lines.append(
        f"{result.passed} passed, {result.failed} failed of {total} call{'s' if total != 1 else ''} "
        f"in {result.elapsed_ms / 1000:.2f} s ({sanitize_line(result.collection)} on {sanitize_line(result.target)})"
    )
    return lines
