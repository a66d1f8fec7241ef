"""Repeated text: a second copy of the headline or of any paragraph."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.model import Removal

MIN_CHARS = 20
"""Shorter repeated lines ("Share", "1") are left to other heuristics."""


def _duplicates(doc: Document) -> list[Removal]:
    seen: set[str] = set()
    out: list[Removal] = []
    for i in doc.kept_indices():
        key = " ".join(doc.lines[i].split())
        if len(key) < MIN_CHARS:
            continue
        if key in seen:
            out.append(DUPLICATE_LINE.remove_lines(doc, i, i + 1))
        else:
            seen.add(key)
    return out


DUPLICATE_LINE = Heuristic(
    id="generic.duplicate-line",
    reason="second copy of a line already kept",
    doc="Drops the second and later copies of a line (headline repeated under itself, "
    "a caption repeated, a paragraph printed twice). The first copy stays.",
    example="US' Blinken discusses human rights with Chinese official",
    decide=_duplicates,
)
