"""Advertisement markers: whole marker lines, and markers glued to a story line."""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from cleaner.document import Document
from cleaner.generic.base import Heuristic, line_heuristic
from cleaner.generic.phrases import phrase_alternation, phrases
from cleaner.model import Removal
from cleaner.regex_cache import compiled


@cache
def _line_re() -> regex.Pattern[str]:
    return compiled(r"(?i)^\s*" + phrase_alternation(phrases("ad-markers", "lines")) + r"\s*$")


@cache
def _glued_re() -> regex.Pattern[str]:
    return compiled(r"\s*" + phrase_alternation(phrases("ad-markers", "glued")) + r"\s*$")


def _is_marker_line(line: str) -> bool:
    return _line_re().match(line) is not None


@lru_cache(maxsize=1 << 16)
def _glued_marker(line: str) -> tuple[int, int] | None:
    """Where an ad marker glued to the end of story text sits in ``line`` (remembered per line)."""
    m = _glued_re().search(line)
    return m.span() if m and m.start() > 0 and line[: m.start()].strip() else None


def _marker_cuts(doc: Document) -> list[Removal]:
    out = []
    for i, line in enumerate(doc.lines):
        if doc.alive[i] and (span := _glued_marker(line)) is not None:
            a, b = span
            out.append(Removal(AD_MARKER_CUT.id, i, i + 1, AD_MARKER_CUT.reason, span=span, text=line[a:b]))
    return out


AD_MARKER_LINE = line_heuristic(
    "generic.ad-marker-line",
    "advertisement marker line",
    "Drops a line that is only an ad marker (`Advertisement`, `Anzeige`, `Publicidad`, ...). "
    "Markers come from rules/generic/ad-markers.toml, by language.",
    "Advertisement",
    _is_marker_line,
)

AD_MARKER_CUT = Heuristic(
    id="generic.ad-marker-cut",
    reason="advertisement marker glued to story text",
    doc="Cuts an ad marker glued to the end of a story line and keeps the rest of the line.",
    example="...tensions run high.اضافة اعلان",
    decide=_marker_cuts,
)
