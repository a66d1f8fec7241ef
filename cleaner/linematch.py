"""Which lines a rule's pattern can match, found in one pass over the whole text.

A site rule matches line by line (``pattern.search(line)``). Calling that for every
line of every document is a Python loop per rule per line; most lines never match.
Here the pattern runs once over the document's text (lines joined by ``\\n``, ``^`` and
``$`` at every line end) and only the lines its matches touch are candidates, which the
rule then confirms line by line as before. So the result is the same, only cheaper.

Why no line is missed: a match found on a line alone is made of steps (characters,
classes, ``^``/``$``, ``\\b``, positive lookarounds, back-references) that hold at the
same places in the joined text, so the scan either matches at that position or an
earlier match covers it: the line is touched either way. Constructs that can hold on a
line alone but not in the joined text (negative lookarounds, ``\\A``/``\\Z``, atomic groups,
possessive quantifiers, fuzzy matching, verbs, flags turned off) make the pattern fall
back to the per-line loop.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from cleaner.regex_cache import compiled
from cleaner.safe_regex import TIMEOUT_SECONDS

if TYPE_CHECKING:
    import regex

MULTILINE = 0x8
"""``regex.MULTILINE``, without importing ``regex``: a twin from the cache needs only its core (``regex_cache``)."""

UNSAFE = (r"\A", r"\Z", r"\z", r"\G", "(?!", "(?<!", "(?>", "*+", "++", "?+", "}+", "{e", "(?r", "(*", "(?-", "(?w")
"""Pattern text that makes the whole-text scan unsafe (see the module doc)."""


@cache
def multiline_twin(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """The pattern with ``^``/``$`` at line ends, or None when it is not safe to scan whole texts with.

    >>> import regex
    >>> multiline_twin(regex.compile("^Ad$")).flags & regex.MULTILINE > 0
    True
    >>> multiline_twin(regex.compile("^Ad(?!vert)")) is None
    True
    """
    if any(tok in pattern.pattern for tok in UNSAFE):
        return None
    try:
        return compiled(pattern.pattern, pattern.flags | MULTILINE)
    except Exception as exc:
        import regex  # imported already: only compiling raises

        if isinstance(exc, regex.error):
            return None
        raise


KEY_CACHE_LINES = 200_000
"""Lines whose normalised form is remembered (the engine runs a site's rules on each of its passes,
over mostly the same lines); the memory is forgotten whole when it fills."""

_key_cache: dict[str, str] = {}


def _lines_by_key(lines: Sequence[str]) -> dict[str, list[int]]:
    """The lines of each normalised form (``cleaner.learning.normalise.keys_of``)."""
    from cleaner.learning.normalise import keys_of

    cache = _key_cache
    missing = list(dict.fromkeys(line for line in lines if line not in cache))
    if missing:
        if len(cache) + len(missing) > KEY_CACHE_LINES:
            cache.clear()
        keys = keys_of("\n".join(missing))
        if len(keys) != len(missing):  # a line holding a line break of its own
            keys = [keys_of(line.replace("\n", " "))[0] for line in missing]
        cache.update(zip(missing, keys, strict=True))
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(cache.get(line) or "", []).append(i)
    return where


class LineIndex:
    r"""A document's lines joined once, and the candidate lines of each pattern (cached).

    >>> import regex
    >>> idx = LineIndex(["Home", "The story.", "Share on X", "More."])
    >>> list(idx.candidates(regex.compile(r"^(?:Home|Share on \w+)$")))
    [0, 2]
    >>> list(idx.candidates(regex.compile(r"^Ho(?!x)"), start=1))
    [1, 2, 3]
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.n = len(lines)
        self.lines = lines
        self.text = "\n".join(lines)
        starts = [0]
        pos = 0
        for line in lines:
            pos += len(line) + 1
            starts.append(pos)
        self._starts = starts
        self._cache: dict[regex.Pattern[str], list[int] | None] = {}
        self._where: dict[str, list[int]] | None = None
        """The lines of each normalised form (for learned rules), made on first use."""
        self._keyed: dict[frozenset[str], list[int]] = {}

    def _line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def _scan(self, pattern: regex.Pattern[str]) -> list[int] | None:
        twin = multiline_twin(pattern)
        if twin is None:
            return None
        found: list[int] = []
        try:
            for m in twin.finditer(self.text, timeout=TIMEOUT_SECONDS):
                first = self._line_of(m.start())
                last = self._line_of(max(m.start(), m.end() - 1))
                for i in range(max(first, found[-1] + 1 if found else 0), min(last, self.n - 1) + 1):
                    found.append(i)
        except TimeoutError:
            return None  # the per-line loop (with its own time limit) decides
        return found

    def keyed(self, keys: frozenset[str], start: int = 0) -> list[int]:
        """Lines from ``start`` on whose normalised form (``cleaner.learning.normalise``) is one of ``keys``.

        >>> LineIndex(["Home", "The story.", "37 Comments"]).keyed(frozenset({"home", "\x01 comments"}))
        [0, 2]
        """
        if keys not in self._keyed:
            if self._where is None:
                self._where = _lines_by_key(self.lines)
            where = self._where
            self._keyed[keys] = sorted(i for k in keys if k in where for i in where[k])
        lines = self._keyed[keys]
        return lines[bisect_right(lines, start - 1) :]

    def candidates(self, pattern: regex.Pattern[str], start: int = 0) -> Iterator[int]:
        """Lines from ``start`` on that ``pattern`` may match; every line when it cannot tell."""
        if pattern not in self._cache:
            self._cache[pattern] = self._scan(pattern)
        lines = self._cache[pattern]
        if lines is None:
            yield from range(start, self.n)
            return
        yield from lines[bisect_right(lines, start - 1) :]
