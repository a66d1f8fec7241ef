"""From the shapes pass 1 counted to a site's shape rules (see cleaner.learning.shapes), never the story."""

from __future__ import annotations

import math
from collections.abc import Callable

import regex

from cleaner.learning.normalise import MAX_KEY_CHARS, key_hash, key_of, prose_words
from cleaner.learning.select import LearnedRule, LearnedSite, LearnSettings
from cleaner.learning.shapes import (
    DOUBLED,
    DOUBLED_HASH,
    MASK,
    SEP,
    cells,
    doubled,
    has_separator,
    shape_hash,
    shape_pattern,
    shapes_of,
)

MAX_RULES = 5
"""Shape rules per site at most (each is a pattern run over every page)."""


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
    than ``max_prose`` of a sampled page's prose (a line the page prints twice counted once) is dropped
    and reported.
    """
    need = settings.threshold(learned.pages)
    prose_need = max(need, math.ceil(settings.prose_share * learned.pages - 1e-9))
    lines: dict[str, set[str]] = {}
    prose: set[str] = set()
    vetoed: set[str] = set()
    statements: dict[str, int] = {}
    wordiest: dict[str, tuple[float, str]] = {}
    for page in sample:
        words: dict[str, list[tuple[int, str]]] = {}
        for line in page.split("\n"):
            stripped = line.strip()
            if not has_separator(stripped) or len(stripped) > MAX_KEY_CHARS:
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
        # The page's prose, as the line rules count it (see count.gather_page): only a page with shapes asks.
        total = sum(prose_words(line.strip()) for line in page.split("\n")) if words else 0
        for shape, found in words.items():
            # A line the page prints twice (a pager above and below the post) takes its words once: the
            # generic stage drops the second copy as a duplicate anyway.
            share = sum(w for w, _ in set(found)) / total if total else 0.0
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
    pages = counts.get(DOUBLED_HASH, 0)
    often = pages >= settings.beside_threshold(learned.pages)
    twice = sorted({t for page in sample for line in page.split("\n") if doubled(t := line.strip())}) if often else []
    if often and twice:
        # A caption printed twice (its picture's alt text beside it) is a duplicate and a caption: never
        # the story, however many of a gallery page's words it holds.
        why = f"a line that is one text twice (a picture's alt text beside its caption), on {pages} of "
        learned.rules.append(
            LearnedRule("drop_line", DOUBLED, why + f"{learned.pages} pages (learned)", tuple(twice[:3]))
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
