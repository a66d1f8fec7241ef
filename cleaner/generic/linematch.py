"""Phrase-list line heuristics: one compiled pattern per rule file, tried on each kept line.

A file in ``rules/generic/`` may hold these keys, each a list or a table of lists by language:
``exact`` (the phrase is the whole line, a closing colon or arrow allowed), ``prefix`` (the
phrase, a separator, then more text), ``contains`` (the phrase anywhere in the line) and
``regex`` (raw patterns). ``max_words`` caps the length of a line that may match, so a
story sentence that merely uses a phrase stays. Matching ignores case and is done on the
line without its bullet or w3m ``[alt]`` label. Phrases ignore case; a raw pattern says so
itself (``(?i:...)``), so that it can ask for a capital with ``\\p{Lu}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import regex

from cleaner.generic.base import Heuristic, line_heuristic
from cleaner.generic.fastmatch import AnyPattern, literal_trie
from cleaner.generic.features import Shape, shape
from cleaner.generic.joined import JoinedLines, SplitSearch
from cleaner.generic.phrases import generic_table, phrases
from cleaner.regex_cache import compiled

# What may follow an exact phrase (a colon, an arrow, a count) and what separates a prefix from its text.
_EXACT_TAIL = " \t:.!»›>→…-–—()0123456789"
EXACT_MAX_WORDS = 12
"""Exact phrases are labels; a longer line is never one of them."""
MIN_SKELETON = 4
"""Characters of a non-ASCII phrase's ASCII run worth searching a page for (see ``LiteralSearch``)."""
_PREFIX_SPLIT = compiled(r"^(.{1,60}?)(?:\s*[:|｜»›>→]+|\s+[-–—]+)\s*\S")
_PREFIX_MARK = re.compile(r"[:|｜»›>→\-–—]")
"""The separators of ``_PREFIX_SPLIT``: a line without any has no prefix (a cheap test, before the split)."""


def _key(text: str) -> str:
    """A phrase or line head as looked up: case folded, spaces collapsed.

    >>> _key("  Read   MORE ")
    'read more'
    """
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 16)
def _exact_key(text: str) -> str:
    """The key of a line as an ``exact`` phrase (remembered: every phrase file asks for it).

    >>> _exact_key("Read  more »")
    'read more'
    """
    return _key(text.rstrip(_EXACT_TAIL))


@lru_cache(maxsize=1 << 16)
def _prefix_key(text: str) -> str | None:
    """The key of a line's head before a separator, None when it has none (remembered, as ``_exact_key``).

    >>> _prefix_key("Read also | Markets slide"), _prefix_key("No separator here")
    ('read also', None)
    """
    if not _PREFIX_MARK.search(text):
        return None
    m = _PREFIX_SPLIT.match(text)
    return _key(m.group(1)) if m else None


@dataclass(frozen=True)
class LineMatcher:
    """One phrase file, ready to match: phrase sets for exact and prefix lines, patterns for the rest."""

    exact: frozenset[str]
    prefix: frozenset[str]
    contains_words: frozenset[str]
    """First words of the ``contains`` phrases: a line with none of them is not searched.

    Otherwise a ``contains`` phrase found in the line, ignoring case as ``re`` does, matches:
    ``contains_ascii`` and ``contains_other`` together search for all of them.
    """
    contains: tuple[str, ...]
    """The ``contains`` phrases, compiled into ``contains_ascii`` and ``contains_other`` when a line first
    has one of ``contains_words`` (many documents never do, and a fresh process pays for every compile)."""
    pattern: AnyPattern | None
    max_words: float
    raw: tuple[str, ...] = ()
    """The raw patterns, as the phrase file wrote them (``pattern`` compiles them for one line)."""

    @cached_property
    def split(self) -> SplitSearch:
        """The raw patterns split for ``matching``: some searched over all the lines at once."""
        return SplitSearch.of(list(self.raw))

    @cached_property
    def contains_search(self) -> LiteralSearch:
        """The ``contains`` phrases, to find the lines of a page that may hold one (see ``LiteralSearch``)."""
        return LiteralSearch.of(self.contains)

    @cached_property
    def contains_ascii(self) -> re.Pattern[str] | None:
        """The ASCII ``contains`` phrases lower-cased, matched case-sensitively on a lower-cased ASCII line."""
        return _trie_of([p.lower() for p in self.contains if p.isascii()])

    @cached_property
    def contains_other(self) -> re.Pattern[str] | None:
        """The other ``contains`` phrases, ignoring case (some fold to ASCII letters: ``ſ``)."""
        return _trie_of([p for p in self.contains if not p.isascii()], ignore_case=True)

    def matches(self, line: str) -> bool:
        """Whether ``line`` is a line of this kind.

        >>> line_matcher("cross-links").matches("Read also | Markets slide")
        True
        >>> line_matcher("cross-links").matches("Read also the report, which runs to forty pages.")
        False
        >>> line_matcher("cross-links").matches("Read more »")
        True
        """
        s = shape(line)
        if not s.text or s.units > self.max_words:
            return False
        if self._labels(s):
            return True
        if not self.contains_words.isdisjoint(s.words) and self._contains(s.text):
            return True
        return self.pattern is not None and self.pattern.found(s.text)

    def matching(self, lines: Sequence[str]) -> list[bool]:
        """``[self.matches(line) for line in lines]``, some patterns searched once over all the lines.

        A line is confirmed with ``matches`` when a search of all the lines found it (a ``joined``
        pattern of ``split`` or a ``contains`` phrase); other lines can only match by a label, or
        by the patterns tried line by line.

        >>> line_matcher("captions").matching(["Photo: AFP", "A quiet day. (Photo: AFP)", "A quiet day."])
        [True, True, False]
        """
        split = self.split
        shapes = [shape(line) for line in lines]
        fit = [k for k, s in enumerate(shapes) if s.text and s.units <= self.max_words]
        joined = JoinedLines([shapes[k].text for k in fit])
        candidates: set[int] = set()
        for search in split.joined:
            candidates |= joined.lines_matching(search)
        if self.contains_words:
            candidates |= self._containing(joined, [shapes[k] for k in fit])
        marked = joined.lines_matching(_PREFIX_MARK) if self.prefix else set()
        out = [False] * len(lines)
        for j, k in enumerate(fit):
            if j in candidates:
                out[k] = self.matches(lines[k])
            else:
                s = shapes[k]
                out[k] = self._labels(s, j in marked) or split.found(s.text)
        return out

    def _containing(self, joined: JoinedLines, shapes: list[Shape]) -> set[int]:
        """The lines (of ``joined``) in which ``_contains`` may find a phrase: a superset, and only those
        that hold a first word of one (without it, ``matches`` does not look)."""
        words = {j for j, s in enumerate(shapes) if not self.contains_words.isdisjoint(s.words)}
        if not words:
            return words  # and the phrases stay uncompiled (see ``contains``)
        return self.contains_search.lines(joined) & words

    def _labels(self, s: Shape, marked: bool = True) -> bool:
        """Whether the line is an ``exact`` phrase or starts with a ``prefix`` one (``marked``: it has a separator)."""
        if self.exact and s.units <= EXACT_MAX_WORDS and _exact_key(s.text) in self.exact:
            return True
        return bool(self.prefix and marked and _prefix_key(s.text) in self.prefix)

    def _contains(self, text: str) -> bool:
        """Whether a ``contains`` phrase is found in ``text``, ignoring case as ``re`` does.

        An ASCII phrase matches, ignoring case, exactly where its lower-cased form is found in the
        text folded by ``RE_FOLD`` (ASCII lower-cased, the few characters ``re`` takes for ASCII
        letters turned into them, the rest untouched: they match no ASCII character). The standard
        library searches a case-sensitive alternation several times faster than a case-insensitive one.
        ``str.lower`` folds the same way where ``RE_FOLD`` differs only on characters that stay
        non-ASCII (Kelvin sign aside, which both make ``k``), so it serves unless ``_LOWER_DIFFERS``.

        >>> m = line_matcher("prompts")
        >>> [m._contains(t) for t in ("SIGN UP for our newsletter", "ſign up for our newsletter", "Signed")]
        [True, True, False]
        """
        folded = text.translate(RE_FOLD) if _LOWER_DIFFERS.search(text) else text.lower()
        if self.contains_ascii is not None and self.contains_ascii.search(folded):
            return True
        return self.contains_other is not None and self.contains_other.search(text) is not None


RE_ASCII_FOLDS = {"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
"""The non-ASCII characters that the stdlib ``re`` matches to an ASCII letter when it ignores case."""
_LOWER_DIFFERS = re.compile("[İıſ]")
"""Where ``str.lower`` folds otherwise than ``re`` for ASCII letters (``İ`` lowers to ``i`` + a dot)."""
RE_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, **RE_ASCII_FOLDS})


@dataclass(frozen=True)
class LiteralSearch:
    """Two searches of a page that together find every line in which a phrase is found ignoring case.

    ``folded`` runs on the page folded as ``_contains`` folds a line (``RE_FOLD``): it holds the ASCII
    phrases lower-cased and, of each other phrase, its longest run of ASCII characters when it has
    ``MIN_SKELETON`` or more (ignoring case, ``re`` and ``regex`` match an ASCII character only to one
    that folds to it). ``rest`` searches the remaining phrases (``Все права защищены``) ignoring case,
    with the engine of the search it stands for.

    >>> s = LiteralSearch.of(["All rights reserved", "Tous droits réservés", "Все права защищены"])
    >>> sorted(s.lines(JoinedLines(["ALL RIGHTS RESERVED.", "TOUS DROITS RÉSERVÉS", "Все Права Защищены", "x"])))
    [0, 1, 2]
    """

    folded: re.Pattern[str] | None
    rest: re.Pattern[str] | regex.Pattern[str] | None

    @classmethod
    def of(cls, phrases: Sequence[str], engine_regex: bool = False) -> LiteralSearch:
        """The searches for ``phrases`` (``engine_regex``: they stand for a ``regex`` search, not an ``re`` one)."""
        found = {p.lower() for p in phrases if p.isascii()}
        rest: list[str] = []
        for p in phrases:
            if not p.isascii():
                run = max(re.findall(r"[\x00-\x7f]+", p), key=len, default="")
                if len(run) >= MIN_SKELETON:
                    found.add(run.lower())
                else:
                    rest.append(p)
        if not rest:
            others = None
        elif engine_regex:
            others = compiled(f"(?i:{literal_trie(set(rest))})")
        else:
            others = _trie_of(rest, ignore_case=True)
        return cls(_trie_of(sorted(found)), others)

    def lines(self, joined: JoinedLines) -> set[int]:
        """The lines of ``joined`` in which a phrase may be found (all those in which one is)."""
        text = joined.text
        found: set[int] = set()
        if self.folded is not None:
            # Folded as _contains folds each line (both keep the length: "İ" is translated, not lowered).
            folded = text.translate(RE_FOLD) if _LOWER_DIFFERS.search(text) else text.lower()
            found = joined.lines_matching(self.folded, folded)
        if self.rest is not None:
            found |= joined.lines_matching(self.rest)
        return found


def _trie_of(phrases: list[str], ignore_case: bool = False) -> re.Pattern[str] | None:
    """One stdlib pattern for the literal phrases, shaped as a trie (None for no phrases)."""
    if not phrases:
        return None
    trie = literal_trie(set(phrases))
    return re.compile(f"(?i:{trie})" if ignore_case else trie)


@cache
def line_matcher(name: str) -> LineMatcher:
    """The matcher of ``rules/generic/<name>.toml`` (compiled once)."""
    contains = phrases(name, "contains")
    raw = phrases(name, "regex")
    return LineMatcher(
        exact=frozenset(_key(p.rstrip(_EXACT_TAIL)) or _key(p) for p in phrases(name, "exact")),
        prefix=frozenset(_key(p) for p in phrases(name, "prefix")),
        # Literal phrases: the standard library's engine searches an alternation faster than `regex`.
        contains_words=frozenset(shape(p).words[0] for p in contains if shape(p).words),
        contains=tuple(contains),
        pattern=AnyPattern.of(raw) if raw else None,
        raw=tuple(raw),
        max_words=float(generic_table(name).get("max_words", 1e9)),
    )


@lru_cache(maxsize=1 << 16)
def matches(table: str, line: str) -> bool:
    """``line_matcher(table).matches(line)``, remembered: the same lines come back on every pass.

    >>> matches("legal", "All rights reserved.")
    True
    """
    return line_matcher(table).matches(line)


@dataclass(frozen=True)
class PhraseTest:
    """Whether a line matches ``rules/generic/<table>.toml``: the line test of a phrase-file heuristic.

    A class rather than a closure, so a Cleaner holding it can be pickled for worker processes.

    >>> PhraseTest("legal")("All rights reserved.")
    True
    """

    table: str

    def __call__(self, line: str) -> bool:
        return matches(self.table, line)

    def batch(self, lines: Sequence[str]) -> list[bool]:
        """The test of every line in ``lines``, searched at once (see ``LineMatcher.matching``)."""
        return line_matcher(self.table).matching(lines)


def phrase_line_heuristic(hid: str, table: str, reason: str, doc: str, example: str) -> Heuristic:
    """A heuristic that drops every kept line matching ``rules/generic/<table>.toml``."""
    return line_heuristic(hid, reason, doc, example, PhraseTest(table))
