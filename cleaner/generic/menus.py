"""Menus and link lists left inside the story region: runs of short label-like lines."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

import regex

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import Shape, shape
from cleaner.generic.phrases import phrases
from cleaner.generic.region import page_stopwords
from cleaner.model import Removal
from cleaner.regex_cache import compiled

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


_VALUE = re.compile(r"[-+−]?\d[\d.,:/ ]*(?:%|°|[^\W\d]{1,3}\.?)?")
"""A table cell's value: a number, maybe with a unit (``5``, ``12,5 %``, ``3:1``, ``40 km``)."""
MIN_VALUES = 3


def is_flat_table(texts: list[str]) -> bool:
    """Labels each followed by a number on the next line: a table flattened one cell per line.

    The numbers differ (share counts all read ``0``) and never stand two in a row (pagination).

    >>> is_flat_table(["Greens", "5", "Labour", "2", "Liberals", "0"])
    True
    >>> is_flat_table(["1", "2", "3", "4", "Next"])
    False
    >>> is_flat_table(["Facebook", "0", "Twitter", "0", "Email", "0"])
    False
    """
    value = [bool(_VALUE.fullmatch(t.strip())) for t in texts]
    values = [t.strip() for t, v in zip(texts, value, strict=True) if v]
    adjacent = any(a and b for a, b in pairwise(value))
    return len(values) >= MIN_VALUES and len(set(values)) > 1 and not adjacent and 2 * len(values) >= len(texts) - 1


@cache
def _code_marks() -> regex.Pattern[str]:
    return compiled("|".join(f"(?:{p})" for p in phrases("program-code", "regex")))


def is_code(texts: list[str]) -> bool:
    """Most lines read as program code (marks in rules/generic/program-code.toml): a tutorial's listing.

    >>> is_code(["import os", "from django.conf import settings", "x = settings.DEBUG"])
    True
    >>> is_code(["Home", "World", "Example.com", "Sport"])
    False
    >>> is_code(["Spain -> D.O. Cava", "9:00 a.m - Comuna 13 pic.twitter.com/9CYgKmoyXT", "Sport"])
    False
    """
    marks = _code_marks()
    unmarked = 0
    for t in texts:
        unmarked += marks.search(t) is None
        if 2 * unmarked >= len(texts):
            return False  # a menu's lines have no marks: no majority is left to reach
    return bool(texts)


def _menus(doc: Document) -> list[Removal]:
    kept = doc.kept_indices()
    sw = page_stopwords(doc, kept)
    out: list[Removal] = []
    run: list[int] = []
    for i in [*kept, -1]:
        if i >= 0 and is_label(shape(doc.lines[i]), sw):
            run.append(i)
            continue
        texts = [doc.lines[j] for j in run]
        if len(run) >= MIN_RUN and not doc.introduced(run[0]) and not is_flat_table(texts) and not is_code(texts):
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
    "teaser titles. A single short line between paragraphs is a sub-heading and stays, and so do a list "
    "right under a line ending with a colon, a "
    "table flattened one cell per line (labels, each followed by a number) and a listing of program code "
    "(dotted names, calls, assignments).",
    example="World\nBusiness\nMarkets\nOpinion",
    decide=_menus,
)
