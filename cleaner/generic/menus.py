"""Menus and link lists left inside the story region: runs of short label-like lines."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import Shape, shape
from cleaner.generic.region import page_stopwords
from cleaner.model import Removal

MIN_RUN = 3
"""A lone short line is a sub-heading; three in a row are a menu or a link list."""
MAX_WORDS = 10
MAX_STOP_SHARE = 0.34


def is_label(s: Shape, sw: frozenset[str]) -> bool:
    """A short line that does not read as text: no closing stop, few stop words, not a table row.

    >>> is_label(shape("World News"), frozenset({"the"}))
    True
    >>> is_label(shape("It rained."), frozenset())
    False
    >>> is_label(shape("1\\tKyle Busch\\t5040"), frozenset())
    False
    """
    if s.terminal or s.units > MAX_WORDS or not s.text or s.table_row:
        return False
    return not (s.units > 3 and sw and sum(1 for w in s.words if w in sw) / len(s.words) > MAX_STOP_SHARE)


def _menus(doc: Document) -> list[Removal]:
    kept = doc.kept_indices()
    sw = page_stopwords(doc, kept)
    out: list[Removal] = []
    run: list[int] = []
    for i in [*kept, -1]:
        if i >= 0 and is_label(shape(doc.lines[i]), sw):
            run.append(i)
            continue
        if len(run) >= MIN_RUN:
            out.extend(
                MENU_RUN.remove_lines(doc, j, j + 1, f"one of {len(run)} short label lines in a row") for j in run
            )
        run = []
    return out


MENU_RUN = Heuristic(
    id="generic.menu-run",
    reason="run of short label-like lines (menu, tag list, link list)",
    doc="Drops runs of three or more consecutive short lines that do not read as text (no closing stop, "
    "few stop words, at most ten words, not a table row): menus, tag lists, share rows and lists of "
    "teaser titles. A single short line between paragraphs is a sub-heading and stays.",
    example="World\nBusiness\nMarkets\nOpinion",
    decide=_menus,
)
