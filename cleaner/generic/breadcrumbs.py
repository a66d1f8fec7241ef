"""Breadcrumb lines: short segments joined by separators (`Home > World > Politics`)."""

from __future__ import annotations

import re
from functools import cache

from cleaner.generic.base import line_heuristic
from cleaner.generic.features import shape
from cleaner.generic.phrases import generic_table, phrases

MAX_WORDS = 30
"""A breadcrumb is short; longer lines are not split at all."""


@cache
def _rules() -> tuple[re.Pattern[str], frozenset[str], int]:
    table = generic_table("breadcrumbs")
    seps = sorted(set(table["separators"]), key=len, reverse=True)
    # Literal separators: the standard library's engine splits on them faster than `regex`.
    split = re.compile(r"\s*(?:" + "|".join(re.escape(s) for s in seps) + r")\s*")
    home = frozenset(p.casefold() for p in phrases("breadcrumbs", "home"))
    return split, home, int(table["max_segment_words"])


def is_breadcrumb(line: str) -> bool:
    """Short segments joined by separators, starting at the home page or three deep.

    >>> is_breadcrumb("Home > World > Politics")
    True
    >>> is_breadcrumb("Startseite › Politik")
    True
    >>> is_breadcrumb("Sales rose 5% in Q1 / Q2, the company said.")
    False
    """
    s = shape(line)
    if not s.text or s.terminal or s.units > MAX_WORDS:
        return False
    split, home, max_words = _rules()
    parts = [p for p in split.split(s.text) if p]
    if len(parts) < 2 or any(len(p.split()) > max_words for p in parts):
        return False
    return len(parts) >= 3 or parts[0].casefold() in home


BREADCRUMB = line_heuristic(
    "generic.breadcrumb",
    "breadcrumb navigation",
    "Drops a breadcrumb line: short segments joined by `>`, `›`, `/`, `|` or bullets, three or more "
    "of them, or two when the first is the home page (`Home`, `Startseite`, `Inicio`, `Accueil`). "
    "Bulleted and glued breadcrumbs above the headline go with the page header (generic.header-region). "
    "Separators and home words in rules/generic/breadcrumbs.toml.",
    "Home > World > Middle East",
    is_breadcrumb,
)
