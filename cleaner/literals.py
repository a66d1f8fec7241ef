"""Finding many literal strings in one pass: one pattern of the `regex` crate in the binding (``_core.Literals``).

Its literal prefilter skips the text between candidates, so the cost hardly grows with the number of
literals (5,000 made-up signatures cost about what the 11 shipped ones do: 4 to 8 µs per dev dump),
and the search runs without the GIL, so ``--jobs`` threads detect sites side by side. It replaced a
trie-shaped ``re`` pattern that found the same matches at about 44 µs per dump (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleaner import _core


def normalise_space(text: str) -> str:
    """Every whitespace run as one space, none at the ends.

    >>> normalise_space("  Read\\u00a0more \\n Region ")
    'Read more Region'
    """
    return " ".join(text.split())


class LiteralSet:
    """Whitespace-tolerant search for many literals at once; matches come back normalised.

    Each literal matches with any run of whitespace (``str.isspace``) where it has one (dumps differ
    in their spaces: a no-break space where the page had ``&nbsp;``). Matches do not overlap; at one
    position the longest literal wins.

    >>> s = LiteralSet(["Fusion Media", "Fusion Media Limited", "InvestingPro"])
    >>> list(s.finditer("(c) Fusion\\u00a0Media  Limited; InvestingProCLAIM"))
    ['Fusion Media Limited', 'InvestingPro']
    >>> list(LiteralSet([]).finditer("anything"))
    []
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.keys = frozenset(k for k in (normalise_space(x) for x in literals) if k)
        self._automaton = _core.Literals(sorted(self.keys))

    def finditer(self, text: str | bytes) -> Iterator[str]:
        """The normalised literal of every match, in text order; ``text`` may be UTF-8 bytes."""
        return iter(self._automaton.find_bytes(text) if isinstance(text, bytes) else self._automaton.find(text))
