"""Over-long lines: kept untouched and hidden from the stages, so no stage's cost grows with them."""

from __future__ import annotations

from cleaner.document import Document

DEFAULT_MAX_LINE_CHARS = 100_000
"""Lines longer than this (``--max-line-chars``; 0 = no limit) are kept as they are, unread by any rule."""


def shield_long_lines(doc: Document, limit: int) -> dict[int, str]:
    """Hide lines longer than ``limit`` from the stages; return them by index for ``unshield_lines``.

    A hidden line is protected (no removal takes it) and shows the stages an empty
    line, so rules and heuristics never scan it.

    >>> d = Document(["short", "x" * 10])
    >>> hidden = shield_long_lines(d, 5)
    >>> d.lines, d.protected, list(hidden)
    (['short', ''], [False, True], [1])
    >>> unshield_lines(d, hidden); d.lines[1] == "x" * 10
    True
    """
    if limit <= 0:
        return {}
    hidden = {i: line for i, line in enumerate(doc.lines) if len(line) > limit}
    for i in hidden:
        doc.lines[i] = ""
        doc.protected[i] = True
    return hidden


def unshield_lines(doc: Document, hidden: dict[int, str]) -> None:
    """Put the hidden lines back, untouched."""
    for i, line in hidden.items():
        doc.lines[i] = line
        doc.alive[i] = True
