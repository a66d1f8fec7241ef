"""Lines that mix a recurring label with parts that change from page to page: learned by their shape.

A post's pager ``« Older post title | Main | Newer post title »`` stands on nearly every page of
a blog, but never twice the same: its titles change. So does a footer's ``Posted at TIME in
CATEGORY | Permalink``. Split at its separators (`` | ``, `` · ``), such a line is cells; its
*shape* keeps one cell, a short label, and masks the others. Pass 1 counts the shapes' hashes
beside the lines' (``shape_hashes``); a shape on ``min_share`` of the site's pages becomes a
``drop_line`` rule whose pattern keeps the label and takes any text for the masked cells
(``shape_rules``).

Never the story: the label must be no sentence; where a masked cell reads like a sentence on a
sampled page, the shape needs ``prose_share`` of the pages; and a shape whose lines hold more
than ``max_prose`` of a sampled page's prose is dropped and reported. The wide gaps between the
table cells that w3m prints side by side are no separator: w3m prints a story's paragraph beside
a sidebar's cell so, and on dragnet-dev such rows gained nothing.
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
    keys_of,
    prose_words,
)

if TYPE_CHECKING:
    from cleaner.learning.select import LearnedSite, LearnSettings

MASK = "\x04"
"""A masked cell in a shape's key."""

SEP = "\x05"
"""A separator in a shape's key (any of the separators below)."""

_SEPARATOR = r"\s+[|·]\s+"
_SPLIT = regex.compile(_SEPARATOR)

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
    """A line's cells: split at `` | `` and `` · `` (any spacing around them).

    >>> cells("  « Older post | Main | Newer post »")
    ['« Older post', 'Main', 'Newer post »']
    >>> cells("Foodista Badge        ☆ Best Pie Ever"), cells("Home\t·\tNews")
    (['Foodista Badge        ☆ Best Pie Ever'], ['Home', 'News'])
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
    short = [i for i, c in enumerate(parts) if len(c.split()) <= LABEL_WORDS]
    keys = keys_of("\n".join(parts[i] for i in short)) if short else []
    out = []
    for i, k in zip(short, keys, strict=True):
        if _is_label(k):
            out.append(SEP.join(k if j == i else MASK for j in range(len(parts))))
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
    found: set[int] = set()
    for line in text.split("\n"):
        stripped = line.strip()
        if ("|" in stripped or "·" in stripped) and len(stripped) <= MAX_KEY_CHARS:
            found.update(shape_hash(s) for s in shapes_of(stripped))
    return sorted(found)


_SEP_PATTERN = rf"(?:{_SEPARATOR})"


def shape_pattern(shape: str) -> str:
    r"""A pattern matching a whole line of this shape: the label as its key says, any text for a masked cell.

    >>> p = regex.compile(shape_pattern(SEP.join([MASK, "main", MASK])))
    >>> bool(p.search("« Old | Main | New »")), bool(p.search("Main")), bool(p.search("a | Mainly | b"))
    (True, False, False)
    """
    parts = [r"\S.*?" if part == MASK else key_body(part) for part in shape.split(SEP)]
    # The look-ahead lets a scan of the whole page skip, at each line's start, the lines with no separator
    # (cleaner.linematch): three times faster on w3m's dumps, the same lines.
    return r"(?i)^(?=[^\n]*[|·])\s*" + _SEP_PATTERN.join(parts) + r"\s*$"


def _best_shape(line: str, counts: dict[int, int], need: int) -> str | None:
    """The line's shape on the most pages, if on ``need`` pages or more (ties: the smallest)."""
    best: tuple[int, str] | None = None
    for shape in shapes_of(line):
        n = counts.get(shape_hash(shape), 0)
        if n >= need and (best is None or (-n, shape) < best):
            best = (-n, shape)
    return None if best is None else best[1]


_STATEMENT = regex.compile(r"(?<!\.)\.[\"”’)\]]*$")
"""A cell ending in a full stop: a story's sentence (a link's title ends in none, or in "?", "!", "...")."""


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
    (``generic_knows``: a byline, a date line) to it; of a line's shapes, the one on the most pages is
    taken. A shape is never learned where a masked cell is a statement (a sentence ending in a full
    stop: a story's, beside a label) on half of its sampled lines or more; one whose lines hold more
    than ``max_prose`` of a sampled page's prose is dropped and reported.
    """
    from cleaner.learning.select import LearnedRule  # select imports count, which imports this module

    need = settings.threshold(learned.pages)
    prose_need = max(need, math.ceil(settings.prose_share * learned.pages - 1e-9))
    lines: dict[str, set[str]] = {}
    prose: set[str] = set()
    vetoed: set[str] = set()
    statements: dict[str, int] = {}
    wordiest: dict[str, tuple[float, str]] = {}
    for page in sample:
        words: dict[str, list[tuple[int, str]]] = {}
        total = 0  # the page's prose, as the line rules count it (see count.gather_page)
        for line in page.split("\n"):
            stripped = line.strip()
            total += prose_words(stripped)
            if not _SPLIT.search(stripped) or len(stripped) > MAX_KEY_CHARS:
                continue
            if counts.get(key_hash(key_of(stripped)), 0) >= need or generic_knows(stripped):
                continue
            shape = _best_shape(stripped, counts, need)
            if shape is None:
                continue
            masked = [c for c, m in zip(cells(stripped), shape.split(SEP), strict=True) if m == MASK]
            if any(_STATEMENT.search(c) for c in masked):
                statements[shape] = statements.get(shape, 0) + 1
            # A line of cells reads cell by cell: a pager's two titles are two links, not one sentence.
            cell_prose = sum(prose_words(c) for c in masked)
            if cell_prose:
                prose.add(shape)
            lines.setdefault(shape, set()).add(stripped)
            words.setdefault(shape, []).append((cell_prose, stripped))
        for shape, found in words.items():
            share = sum(w for w, _ in found) / total if total else 0.0
            wordiest[shape] = max(wordiest.get(shape, (0.0, "")), (share, max(found)[1]))
    # A title ends in a full stop now and then; a story's sentences do on most of the lines.
    vetoed.update(shape for shape, n in statements.items() if 2 * n >= len(lines[shape]))
    for shape, (share, example) in sorted(wordiest.items()):
        if share > settings.max_prose:
            learned.dropped.append(
                f"line {example!r}: would take {share:.0%} of a page's prose (limit {settings.max_prose:.0%})"
            )
            vetoed.add(shape)
    chosen = sorted(
        (-counts[shape_hash(shape)], shape, tuple(sorted(found)[:3]))
        for shape, found in lines.items()
        if shape not in vetoed and (shape not in prose or counts[shape_hash(shape)] >= prose_need)
    )
    for minus_n, shape, shown in chosen[:MAX_RULES]:
        label = next(p for p in shape.split(SEP) if p != MASK)
        learned.rules.append(
            LearnedRule(
                "drop_line",
                shape_pattern(shape),
                f"a line of {shape.count(SEP) + 1} parts around {label!r}, the rest changing, "
                f"on {-minus_n} of {learned.pages} pages (learned)",
                shown,
            )
        )
    return learned
