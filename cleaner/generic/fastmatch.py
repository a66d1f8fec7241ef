r"""Faster searches that find a match in exactly the lines the phrase files' plain alternations do.

Raw patterns split by where they can match: a phrase file's ``regex`` list is searched as one
alternation. Most of its patterns start with ``^``, yet a search of the whole alternation still
tries every one of them at every position of the line. Whether some pattern matches is the same
as whether the anchored ones match at the start (``match``, their ``^`` dropped) or the others
are found anywhere (``search``), so the line is scanned once for the floating patterns only.

Literal phrases as a trie: ``read more|read on|reader`` tries every branch at every position of
the line; shaped as a trie (``read(?:\ (?:more|on)|er)``) the pattern leaves a position after
one character. Both describe the same strings, so they find a match in the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.regex_cache import compiled

_INLINE_FLAGS = regex.compile(r"\(\?[a-zA-Z]+:")
GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")
"""A flag such as ``(?i)`` turns it on for the whole alternation: such lists are not split."""


def structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each parenthesis and bar outside escapes and character classes: position, character, depth before it."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # "[^]...]" and "[]...]": a "]" right at the start is a member, not the end.
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += pattern[i : i + 1] == "]"
            continue
        elif c in "()|":
            yield i, c, depth
            depth += (c == "(") - (c == ")")
        i += 1


def _is_one_branch(body: str) -> bool:
    """Whether ``body`` is balanced and no alternation at its top level (no ``|`` outside groups)."""
    depth = 0
    for _, c, d in structure(body):
        if c == "|" and d == 0:
            return False
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


def unanchored(pattern: str) -> str | None:
    """``pattern`` without its leading ``^``, or None when it is not anchored at the start as a whole.

    >>> unanchored("^Photo: .*$")
    'Photo: .*$'
    >>> unanchored("(?i:^photo|image)") is None
    True
    >>> unanchored("(?i:^(?:photo|image):.*$)")
    '(?i:(?:photo|image):.*$)'
    >>> unanchored("^a|b") is None
    True
    """
    if pattern.startswith("^"):
        body = pattern[1:]
        return body if _is_one_branch(body) else None
    m = _INLINE_FLAGS.match(pattern)
    if m and pattern[m.end() : m.end() + 1] == "^" and pattern.endswith(")"):
        body = pattern[m.end() + 1 : -1]
        # The flag group must span the whole pattern: its body is balanced on its own.
        return f"{m.group()}{body})" if _is_one_branch(body) else None
    return None


@dataclass(frozen=True)
class AnyPattern:
    """Whether any of a list of patterns matches a line: anchored ones tried at its start, the rest searched.

    >>> p = AnyPattern.of(["^Photo:", "(?i:^by \\\\w+$)", "/ Getty Images$"])
    >>> [p.found(t) for t in ("Photo: AFP", "BY Jo", "A man. / Getty Images", "The Photo: no")]
    [True, True, True, False]
    """

    anchored: regex.Pattern[str] | None
    floating: regex.Pattern[str] | None

    @classmethod
    def of(cls, patterns: list[str]) -> AnyPattern:
        """Split and compile ``patterns`` (each as the phrase file wrote it)."""
        anchored: list[str] = []
        floating: list[str] = []
        if any(GLOBAL_FLAGS.search(p) for p in patterns):
            return cls(None, _alternation(list(patterns)))
        for p in patterns:
            body = unanchored(p)
            if body is None:
                floating.append(p)
            else:
                anchored.append(body)
        return cls(_alternation(anchored), _alternation(floating))

    def found(self, text: str) -> bool:
        """Whether some pattern matches ``text`` (as a search of their alternation would)."""
        if self.anchored is not None and self.anchored.match(text) is not None:
            return True
        return self.floating is not None and self.floating.search(text) is not None


def literal_trie(literals: Iterable[str]) -> str:
    r"""A pattern matching exactly the given literal strings, shaped as a trie.

    >>> literal_trie(["read more", "read on", "reader"])
    'read(?:\\ (?:more|on)|er)'
    >>> [bool(re.fullmatch(literal_trie(["a", "ab"]), t)) for t in ("a", "ab", "b")]
    [True, True, False]
    """
    root: dict[str, Any] = {}
    for literal in literals:
        node = root
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, Any]) -> str:
    alts = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return f"(?:{body})?" if len(alts) == 1 else f"{body}?"
    return body


def _alternation(patterns: list[str]) -> regex.Pattern[str] | None:
    return compiled("|".join(f"(?:{p})" for p in patterns)) if patterns else None
