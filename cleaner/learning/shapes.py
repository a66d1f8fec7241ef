"""Lines that mix a recurring label with parts that change from page to page: learned by their shape.

A post's pager ``« Older post title | Main | Newer post title »`` stands on nearly every page of
a blog, but never twice the same: its titles change. So does a footer's ``Posted at TIME in
CATEGORY | Permalink``. Split at its separators (`` | ``, `` · ``), such a line is cells; its
*shape* keeps one cell, a short label, and masks the others. Pass 1 counts the shapes' hashes
beside the lines' (``shape_hashes``); a shape on ``min_share`` of the site's pages becomes a
``drop_line`` rule whose pattern keeps the label and takes any text for the masked cells
(``cleaner.learning.shape_rules``).

Never the story: the label must be no sentence; where a masked cell reads like a sentence on a
sampled page, the shape needs ``prose_share`` of the pages; and a shape whose lines hold more
than ``max_prose`` of a sampled page's prose is dropped and reported. The wide gaps between the
table cells that w3m prints side by side are no separator: w3m prints a story's paragraph beside
a sidebar's cell so, and on dragnet-dev such rows gained nothing.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from cleaner import _core
from cleaner.learning.normalise import (
    MAX_KEY_CHARS,
    NUMBER,
    has_letter,
    is_date_part,
    key_body,
    key_hash,
    keys_of,
    prose_words,
)

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


def has_separator(line: str) -> bool:
    """Whether a line holds a separator of cells (see cells).

    >>> has_separator("Posted at 9 AM | Permalink"), has_separator("Home|News")
    (True, False)
    """
    # Most lines hold neither sign: the substring test costs less than a search.
    return ("|" in line or "·" in line) and _SPLIT.search(line) is not None


def _is_label(key: str) -> bool:
    return (
        bool(key)
        and has_letter(key)
        and len(key.split()) <= LABEL_WORDS
        and not prose_words(key)
        and NUMBER not in key
        and not is_date_part(key)
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


SHAPES_REMEMBERED = 1 << 14
"""Separator lines whose shapes pass 1 remembers (each at most MAX_KEY_CHARS characters)."""


@lru_cache(maxsize=SHAPES_REMEMBERED)
def _line_shape_hashes(line: str) -> tuple[int, ...]:
    """The hashes of a stripped line's shapes (see shapes_of), remembered: a site's pager or footer line
    with separators stands on its every page, and keying its cells costs more than looking it up.

    >>> _line_shape_hashes("Home | News") == tuple(shape_hash(s) for s in shapes_of("Home | News"))
    True
    """
    return tuple(shape_hash(s) for s in shapes_of(line))


def shape_hashes(text: str) -> list[int]:
    """The distinct hashes of the shapes of a text's lines (see shapes_of; only lines with a separator are
    split), and DOUBLED_HASH when a line is a text twice (see doubled).

    >>> len(shape_hashes("« A | Main | B »\\n« C | Main | D »\\nHome")), shape_hashes("Home\\nNews")
    (5, [])
    """
    found: set[int] = set()
    for line in _separator_lines(text):
        stripped = line.strip()
        if len(stripped) <= MAX_KEY_CHARS:
            found.update(_line_shape_hashes(stripped))
    # The engine sieves the lines (a loop over every line of a corpus costs more than the test).
    candidates = _core.doubled_candidates(text, 2 * DOUBLED_CHARS, MAX_DOUBLED_CHARS, DOUBLED_CHARS // 2)
    if any(doubled(line.strip()) for line in candidates):
        found.add(DOUBLED_HASH)
    return sorted(found)


DOUBLED_PATTERN = r"^(?=[^\n]{%d,%d}$)[^\S\n]*(?:[^\w\s][^\S\n]+)?(\w[^\n]{%d,}?\S)[^\S\n]+\1[^\S\n]*$"
"""A line that is one text twice, a bullet or sign before it allowed (filled in by DOUBLED). Its spaces are
no line breaks: a rule's pattern also scans a page's whole text at once (see cleaner.linematch)."""

DOUBLED_CHARS = 20
"""Shortest text that counts as doubled (a chorus's "la la" is no caption)."""

MAX_DOUBLED_CHARS = 2 * MAX_KEY_CHARS
"""Longest doubled line looked at: the pattern compares the halves by backtracking."""

DOUBLED = DOUBLED_PATTERN % (2 * DOUBLED_CHARS + 1, MAX_DOUBLED_CHARS, DOUBLED_CHARS - 2)
_DOUBLED = regex.compile(DOUBLED)

DOUBLED_HASH = shape_hash("\x07")
"""Counted once for a page with a doubled line: on how many of a site's pages such lines stand."""


def doubled(line: str) -> bool:
    """Whether a line is one text twice: w3m prints a picture's alt text and its caption side by side,
    the same words (a photo gallery's every caption). No story says a sentence twice in one line.

    >>> doubled("Crowds cheered in Chicago on Tuesday. Crowds cheered in Chicago on Tuesday.")
    True
    >>> doubled("• Red, white and blue confetti fell.   Red, white and blue confetti fell.")
    True
    >>> doubled("New York, New York"), doubled("Crowds cheered in Chicago. Crowds cheered in Boston.")
    (False, False)
    """
    if not DOUBLED_CHARS * 2 < len(line) <= MAX_DOUBLED_CHARS:
        return False
    # Counted on every line of every page in pass 1: the line's end must stand before it first.
    end = line[-DOUBLED_CHARS // 2 :]
    if line.find(end, 0, len(line) - len(end)) < 0:
        return False
    words = line.split()
    if len(words) % 2:
        words = words[1:]  # a bullet
    half = len(words) // 2
    if half < 2 or words[:half] != words[half:]:
        return False
    return _DOUBLED.search(line) is not None


def _separator_lines(text: str) -> list[str]:
    """The lines of ``text`` holding a ``|`` or a ``·``, each once, found from those characters: few lines
    hold one, and a loop over every line of a corpus costs more than the shapes.

    >>> _separator_lines("a | b\\nc\\nd·e | f\\n|")
    ['a | b', 'd·e | f', '|']
    """
    starts: set[int] = set()
    for ch in "|·":
        at = text.find(ch)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            starts.add(start)
            at = text.find(ch, end)
    out = []
    for start in sorted(starts):
        end = text.find("\n", start)
        out.append(text[start : len(text) if end < 0 else end])
    return out


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
