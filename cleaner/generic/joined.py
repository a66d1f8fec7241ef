r"""Which lines of a document a pattern may match, found by searching all of them at once.

A ``regex`` call costs a microsecond or more before it reads a character, and a document's lines meet
dozens of patterns each. Joined by ``\n`` into one text, the lines are searched once per pattern (with
``MULTILINE``, so ``^`` and ``$`` hold at each line's start and end), and each match is mapped back to
the line it starts in: the search then resumes at the next line, so a line is reported once.

The lines reported are candidates, a superset of the lines the pattern matches on their own: every
assertion that holds at a position of a line alone holds there in the joined text too (``^``, ``$``,
``\b``: the neighbour ``\n`` is a line end and no word character). Only a negative lookaround can
turn false when it sees the next line, and only a possessive or atomic part can take a ``\n`` that a
match needed to leave; ``prefilter`` drops the former (which only widens what a pattern matches) and
refuses patterns with the latter, or with anchors of the whole text (``\A``, ``\Z``, ``\G``), or
flags it does not know. Callers confirm each candidate with the line's own test, so the result is
exactly the lines the test accepts, found with a handful of searches instead of one per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from cleaner.generic.fastmatch import GLOBAL_FLAGS, structure, unanchored
from cleaner.linematch import LineIndex
from cleaner.regex_cache import compiled

_REFUSED_ESCAPE = re.compile(r"\\[AZzGX]")
"""Anchors of the whole text; ``\\X`` may take a ``\\n`` after a ``\\r``."""
_ESCAPE = re.compile(r"\\[pPN]\{[^}]*\}|\\.")
_REFUSED = re.compile(r"[*+?}]\+|\{e")
"""Possessive quantifiers and fuzzy matching, looked for once escapes are blanked out."""
_GROUP = re.compile(r"\(\?(?::|=|!|<=|<!|P?<\w+>|[ims]*(?:-[ims]+)?[:)])|\((?!\?)")
"""The groups whose meaning in joined lines is known: plain, lookaround, named, and flags ``i``, ``m``, ``s``."""


def prefilter(pattern: str) -> str | None:
    """``pattern`` without its negative lookarounds, or None when a joined search cannot stand in for it.

    >>> prefilter(r"(?i:(?<!\\w)cookies?(?!\\w))")
    '(?i:(?:)cookies?(?:))'
    >>> prefilter(r"^(?!.*\\.$)By \\p{Lu}\\w+$")
    '^(?:)By \\\\p{Lu}\\\\w+$'
    >>> prefilter(r"\\s++$") is None, prefilter(r"(?x: a )") is None, prefilter(r"end\\Z") is None
    (True, True, True)
    >>> prefilter(r"\\p{Ll}+\\++") == r"\\p{Ll}+\\++"
    True
    """
    if _REFUSED_ESCAPE.search(pattern) or _REFUSED.search(_ESCAPE.sub("x", pattern)):
        return None
    out: list[str] = []
    copied = 0
    opened: list[bool] = []  # for each open group: whether it is a negative lookaround or inside one
    for pos, ch, _depth in structure(pattern):
        if ch == "(":
            if not _GROUP.match(pattern, pos):
                return None
            negative = pattern.startswith(("(?!", "(?<!"), pos)
            if negative and not (opened and opened[-1]):
                start = pos
            opened.append(negative or bool(opened and opened[-1]))
        elif ch == ")" and opened:
            inside = opened.pop()
            if inside and not (opened and opened[-1]):
                # The outermost negative lookaround closes here: drop it whole.
                out.append(pattern[copied:start] + "(?:)")
                copied = pos + 1
    out.append(pattern[copied:])
    return "".join(out)


class JoinedLines(LineIndex):
    r"""Lines joined by ``\n`` (``LineIndex``), searched for the lines in which a pattern's matches start.

    >>> j = JoinedLines(["Photo: AFP", "A story line.", "Read more"])
    >>> sorted(j.lines_matching(compiled(r"^(?:Photo|Read)", regex.MULTILINE)))
    [0, 2]
    """

    def lines_matching(self, pattern: regex.Pattern[str] | re.Pattern[str], text: str | None = None) -> set[int]:
        """Indices of the lines in which a match of ``pattern`` starts (searching ``text``, ``self.text`` by default).

        ``text`` may be ``self.text`` transformed without changing its length (case folded). After a
        match the search resumes at the next line: each line costs at most one match.
        """
        found: set[int] = set()
        text = self.text if text is None else text
        search, starts, end = pattern.search, self._starts, len(text)
        pos = 0
        while self.n and pos <= end and (m := search(text, pos)) is not None:
            i = self._line_of(m.start())
            found.add(i)
            pos = starts[i + 1]
        return found


def line_pattern(pattern: str) -> regex.Pattern[str] | None:
    """``prefilter(pattern)`` compiled for a search of joined lines (None when refused).

    >>> line_pattern("^Photo:.*$").flags & regex.MULTILINE != 0
    True
    """
    safe = prefilter(pattern)
    return None if safe is None else compiled(safe, regex.MULTILINE)


_LITERAL_START = re.compile(r"(?:\(\?[ims]+:)?(?:[^\\\[\](){}.^$|?*+\s]|\\[^\w\s])")
"""A pattern whose first character is a literal: ``regex`` skips to it, so one search of all the lines is quick.

Others (``\\b(?:photo|...)``, ``\\p{Ll}...``) are tried at every position of the joined text, where on
a line alone the search fails at once when the line lacks a string every match needs.
"""


@dataclass(frozen=True)
class SplitSearch:
    r"""Whether any of a list of patterns matches a line, in three parts.

    ``joined``: searched once over all the lines (``JoinedLines``), giving candidates; ``anchored``:
    matched at each line's start; ``floating``: searched in each line, one by one (an alternation
    of them is tried branch by branch at every position, each alone skips ahead).

    >>> s = SplitSearch.of([r"^Photo:", r"\(Photo: [^)]*\)$", r"\bvia \w+$"])
    >>> [p.pattern for p in s.joined], s.anchored.pattern, [p.pattern for p in s.floating]
    (['\\(Photo: [^)]*\\)$'], '(?:Photo:)', ['\\bvia \\w+$'])
    """

    joined: tuple[regex.Pattern[str], ...]
    anchored: regex.Pattern[str] | None
    floating: tuple[regex.Pattern[str], ...]

    @classmethod
    def of(cls, patterns: list[str]) -> SplitSearch:
        """Split and compile ``patterns`` (each as the phrase file wrote it)."""
        if any(GLOBAL_FLAGS.search(p) for p in patterns):
            # A global flag holds for the whole alternation: keep it one pattern, searched line by line.
            return cls((), None, (compiled("|".join(f"(?:{p})" for p in patterns)),))
        joined: list[regex.Pattern[str]] = []
        anchored: list[str] = []
        floating: list[regex.Pattern[str]] = []
        for p in patterns:
            body = unanchored(p)
            if body is not None:
                anchored.append(body)
            elif _LITERAL_START.match(p) and (searched := line_pattern(p)) is not None:
                joined.append(searched)
            else:
                floating.append(compiled(p))
        alternation = compiled("|".join(f"(?:{p})" for p in anchored)) if anchored else None
        return cls(tuple(joined), alternation, tuple(floating))

    def found(self, text: str) -> bool:
        """Whether a pattern of ``anchored`` or ``floating`` matches ``text`` (``joined`` is the caller's)."""
        if self.anchored is not None and self.anchored.match(text) is not None:
            return True
        return any(p.search(text) is not None for p in self.floating)
