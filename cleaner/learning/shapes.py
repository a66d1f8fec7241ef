"""Lines that mix a recurring label with parts that change from page to page: learned by their shape.

A post's pager ``« Older post title | Main | Newer post title »`` stands on nearly every page of
a blog, but never twice the same: its titles change. So does a footer's ``Posted by NAME on
DATE | Permalink``, and a row of table cells that w3m prints side by side (a badge beside a
sidebar's latest post). Split at its separators (`` | ``, `` · ``, or the wide gap between two
table cells), such a line is cells; its *shape* keeps one cell, a short label, and masks the
others. Pass 1 counts the shapes' hashes beside the lines' (``shape_hashes``); a shape on
``min_share`` of the site's pages becomes a ``drop_line`` rule whose pattern keeps the label
and takes any text for the masked cells (``shape_rules``).

Never the story: the label must be no sentence; where a masked cell reads like a sentence on
a sampled page, the shape needs ``prose_share`` of the pages and separators a story does not
print (`` | ``, `` · ``), never a table's gap (w3m prints a story's paragraph beside a sidebar
cell).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import regex

from cleaner.learning.normalise import (
    NUMBER,
    has_letter,
    is_date_part,
    key_body,
    key_hash,
    key_of,
    prose_words,
)

if TYPE_CHECKING:
    from cleaner.learning.select import LearnedSite, LearnSettings

MASK = "\x04"
"""A masked cell in a shape's key."""

SEP = "\x05"
"""A separator in a shape's key (any of the separators below)."""

_INLINE = r"\s+[|·]\s+"
_GAP = r"(?<=[^\s\[])\s{3,}(?=[^\s\]])"
_SPLIT = regex.compile(rf"{_INLINE}|{_GAP}")
_INLINE_RE = regex.compile(_INLINE)

MAX_CELLS = 6
"""Lines of more cells get no shape (a row of links is a menu, which the line rules learn)."""

LABEL_WORDS = 4
"""Longest label, in words: a pager's "Main", a footer's "Permalink", a badge's name."""

MAX_RULES = 5
"""Shape rules per site at most (each is a pattern run over every page)."""

MAX_KEY_CHARS = 1000
"""Longer lines get no shape (as they get no line rule: see cleaner.learning.select)."""

_TAG = "\x06"
"""Prefixed to a shape's key before hashing: a shape never shares a hash with a line."""


def cells(line: str) -> list[str]:
    """A line's cells: split at `` | ``, `` · `` and the gaps of three spaces or more between table cells.

    >>> cells("  « Older post | Main | Newer post »")
    ['« Older post', 'Main', 'Newer post »']
    >>> cells("Foodista Badge        ☆ Best Pie Ever"), cells("Home")
    (['Foodista Badge', '☆ Best Pie Ever'], ['Home'])
    """
    return [c for c in _SPLIT.split(line.strip()) if c]


def _is_label(key: str) -> bool:
    return (
        bool(key)
        and has_letter(key)
        and len(key.split()) <= LABEL_WORDS
        and not prose_words(key)
        and not is_date_part(key)
        and NUMBER not in key
    )


def shapes_of(line: str) -> list[str]:
    """The shapes of a line: for each cell that is a label, the line's cells with every other masked.

    >>> show = lambda line: [s.replace(MASK, "*").replace(SEP, "|") for s in shapes_of(line)]
    >>> show("« The older post of the blog | Main | Newer, better post »"), show("Home")
    (['*|main|*', '*|*|newer, better post »'], [])
    """
    parts = cells(line)
    if not 2 <= len(parts) <= MAX_CELLS:
        return []
    keys = [key_of(c) for c in parts]
    out = []
    for i, k in enumerate(keys):
        if _is_label(k):
            out.append(SEP.join(k if j == i else MASK for j in range(len(keys))))
    return out


def shape_hash(shape: str) -> int:
    """A shape's hash, never that of a line.

    >>> shape_hash("main") != key_hash("main")
    True
    """
    return key_hash(_TAG + shape)


def shape_hashes(text: str) -> list[int]:
    """The distinct hashes of the shapes of a text's lines (see shapes_of); only lines with a separator are split.

    >>> len(shape_hashes("« A | Main | B »\\n« C | Main | D »\\nHome")), shape_hashes("Home\\nNews")
    (5, [])
    """
    if " | " not in text and " · " not in text and "   " not in text:
        return []
    found: set[int] = set()
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) <= MAX_KEY_CHARS and _SPLIT.search(stripped):
            found.update(shape_hash(s) for s in shapes_of(stripped))
    return sorted(found)


_SEP_PATTERN = rf"(?:{_INLINE}|\s{{3,}})"


def shape_pattern(shape: str) -> str:
    r"""A pattern matching a whole line of this shape: the label as its key says, any text for a masked cell.

    >>> p = regex.compile(shape_pattern(SEP.join([MASK, "main", MASK])))
    >>> bool(p.search("« Old | Main | New »")), bool(p.search("Main")), bool(p.search("a | Mainly | b"))
    (True, False, False)
    """
    parts = [r"\S.*?" if part == MASK else key_body(part) for part in shape.split(SEP)]
    return r"(?i)^\s*" + _SEP_PATTERN.join(parts) + r"\s*$"


def shape_rules(
    learned: LearnedSite,
    counts: dict[int, int],
    sample: list[str],
    settings: LearnSettings,
    generic_knows: Callable[[str], bool],
) -> LearnedSite:
    """``learned`` with a ``drop_line`` rule for each shape on ``min_share`` of the site's pages
    (``counts``: pass 1's page counts of the site's recurring hashes), as found on the ``sample`` pages.

    A line that is itself a recurring line is left to the line rules, one the generic stage knows
    (``generic_knows``: a byline, a date line) to it; of a line's shapes, the one on the most pages is taken.
    A shape whose lines hold more than ``max_prose`` of a sampled page's own prose is dropped and reported.
    """
    from cleaner.learning.select import LearnedRule  # select imports count, which imports this module

    need = settings.threshold(learned.pages)
    prose_need = max(need, math.ceil(settings.prose_share * learned.pages - 1e-9))
    found: dict[str, tuple[int, set[str], bool]] = {}
    vetoed: set[str] = set()
    taken: dict[str, float] = {}
    wordiest: dict[str, tuple[int, str]] = {}
    for page in sample:
        words: dict[str, int] = {}
        total = 0  # the page's prose, as the line rules count it (see count.gather_page)
        for line in page.split("\n"):
            stripped = line.strip()
            frequent = counts.get(key_hash(key_of(stripped)), 0) >= need if stripped else True
            total += prose_words(stripped)
            if len(stripped) > MAX_KEY_CHARS or frequent or not _SPLIT.search(stripped) or generic_knows(stripped):
                continue
            best: tuple[int, str] | None = None
            for shape in shapes_of(stripped):
                n = counts.get(shape_hash(shape), 0)
                if n >= need and (best is None or (-n, shape) < (-best[0], best[1])):
                    best = (n, shape)
            if best is None:
                continue
            n, shape = best
            parts = cells(stripped)
            masked = shape.split(SEP)
            # A line of cells reads cell by cell: a pager's two titles are two links, not one sentence.
            cell_prose = sum(prose_words(c) for c, m in zip(parts, masked, strict=True) if m == MASK)
            prose = cell_prose > 0
            if prose and len(_INLINE_RE.findall(stripped)) < len(parts) - 1:
                vetoed.add(shape)  # a sentence beside a table cell: a story's paragraph, maybe
            _, examples, was_prose = found.get(shape, (n, set(), False))
            found[shape] = (n, examples | {stripped}, was_prose or prose)
            words[shape] = words.get(shape, 0) + cell_prose
            wordiest[shape] = max(wordiest.get(shape, (0, "")), (cell_prose, stripped))
        for shape, w in words.items():
            taken[shape] = max(taken.get(shape, 0.0), w / total if total else 0.0)
    for shape, share in sorted(taken.items()):
        if share > settings.max_prose and shape in found:
            example = wordiest[shape][1]
            learned.dropped.append(
                f"line {example!r}: would take {share:.0%} of a page's prose (limit {settings.max_prose:.0%})"
            )
            vetoed.add(shape)
    chosen = sorted(
        (-n, shape, tuple(sorted(lines)[:3]))
        for shape, (n, lines, prose) in found.items()
        if shape not in vetoed and not (prose and n < prose_need)
    )
    for minus_n, shape, shown in chosen[:MAX_RULES]:
        n = -minus_n
        label = next(p for p in shape.split(SEP) if p != MASK)
        learned.rules.append(
            LearnedRule(
                "drop_line",
                shape_pattern(shape),
                f"a line of {shape.count(SEP) + 1} parts around {label!r}, the rest changing, "
                f"on {n} of {learned.pages} pages (learned)",
                shown,
            )
        )
    return learned
