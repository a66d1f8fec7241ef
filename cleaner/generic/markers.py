"""Advertisement markers: whole marker lines, and markers glued to a story line."""

from __future__ import annotations

from functools import cache

import regex

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.phrases import phrase_alternation, phrases
from cleaner.model import Removal


@cache
def _line_re() -> regex.Pattern[str]:
    return regex.compile(r"(?i)^\s*" + phrase_alternation(phrases("ad-markers", "lines")) + r"\s*$")


@cache
def _glued_re() -> regex.Pattern[str]:
    return regex.compile(r"\s*" + phrase_alternation(phrases("ad-markers", "glued")) + r"\s*$")


def _marker_lines(doc: Document) -> list[Removal]:
    pat = _line_re()
    return [
        AD_MARKER_LINE.remove_lines(doc, i, i + 1) for i in range(len(doc)) if doc.alive[i] and pat.match(doc.lines[i])
    ]


def _marker_cuts(doc: Document) -> list[Removal]:
    pat = _glued_re()
    out = []
    for i, line in enumerate(doc.lines):
        if not doc.alive[i]:
            continue
        m = pat.search(line)
        if m and m.start() > 0 and line[: m.start()].strip():
            out.append(Removal(AD_MARKER_CUT.id, i, i + 1, AD_MARKER_CUT.reason, span=m.span(), text=m.group()))
    return out


AD_MARKER_LINE = Heuristic(
    id="generic.ad-marker-line",
    reason="advertisement marker line",
    doc="Drops a line that is only an ad marker (`Advertisement`, `Anzeige`, `Publicidad`, ...). "
    "Markers come from rules/generic/ad-markers.toml, by language.",
    example="Advertisement",
    decide=_marker_lines,
)

AD_MARKER_CUT = Heuristic(
    id="generic.ad-marker-cut",
    reason="advertisement marker glued to story text",
    doc="Cuts an ad marker glued to the end of a story line and keeps the rest of the line.",
    example="...tensions run high.اضافة اعلان",
    decide=_marker_cuts,
)
