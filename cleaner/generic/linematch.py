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

from dataclasses import dataclass
from functools import cache

import regex

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.generic.phrases import generic_table, phrase_alternation, phrases
from cleaner.model import Removal

_EXACT_TAIL = r"\s*[:.!»›>→…\-–—]*\s*(?:\(\d+\)|\d+)?\s*$"
_PREFIX_TAIL = r"(?:\s*[:|｜»›>→]+|\s+[-–—]+)\s*\S"


@dataclass(frozen=True)
class LineMatcher:
    """The compiled pattern of one phrase file and its word cap."""

    pattern: regex.Pattern[str]
    max_words: float

    def matches(self, line: str) -> bool:
        """Whether ``line`` is a line of this kind.

        >>> line_matcher("cross-links").matches("Read also | Markets slide")
        True
        >>> line_matcher("cross-links").matches("Read also the report, which runs to forty pages.")
        False
        """
        s = shape(line)
        return bool(s.text) and s.units <= self.max_words and self.pattern.search(s.text) is not None


@cache
def line_matcher(name: str) -> LineMatcher:
    """The matcher of ``rules/generic/<name>.toml`` (compiled once)."""
    parts = []
    if exact := phrases(name, "exact"):
        parts.append("(?i:^" + phrase_alternation(exact) + _EXACT_TAIL + ")")
    if prefix := phrases(name, "prefix"):
        parts.append("(?i:^" + phrase_alternation(prefix) + _PREFIX_TAIL + ")")
    if contains := phrases(name, "contains"):
        parts.append("(?i:" + phrase_alternation(contains) + ")")
    parts.extend(f"(?:{p})" for p in phrases(name, "regex"))
    pattern = regex.compile("|".join(parts) if parts else r"(?!)")
    return LineMatcher(pattern, float(generic_table(name).get("max_words", 1e9)))


def phrase_line_heuristic(hid: str, table: str, reason: str, doc: str, example: str) -> Heuristic:
    """A heuristic that drops every kept line matching ``rules/generic/<table>.toml``."""

    def decide(d: Document) -> list[Removal]:
        matcher = line_matcher(table)
        return [
            Removal(hid, i, i + 1, reason, text=d.lines[i]) for i in d.kept_indices() if matcher.matches(d.lines[i])
        ]

    return Heuristic(id=hid, reason=reason, doc=doc, example=example, decide=decide)
