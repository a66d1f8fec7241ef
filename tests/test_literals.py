"""Many-literal search: the trie pattern finds what a plain alternation finds, at any scale."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.literals import LiteralSet

WORDS = st.sampled_from(["Media", "Med", "Group", "Ltd", "©", "a.b", "(x)", "Group Ltd"])
LITERAL = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)


@given(
    st.lists(LITERAL, min_size=1, max_size=8),
    st.lists(st.sampled_from(["Media", "Group", " ", "\u00a0", "\n", "Ltd", "©", "x"]), max_size=30),
)
def test_finds_the_literals_a_longest_first_alternation_finds(literals: list[str], parts: list[str]) -> None:
    text = "".join(parts)
    keys = sorted({" ".join(x.split()) for x in literals}, key=len, reverse=True)
    plain = re.compile("|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys))
    expected = [" ".join(m.group().split()) for m in plain.finditer(text)]
    assert list(LiteralSet(literals).finditer(text)) == expected


def test_thousands_of_literals_compile_and_match() -> None:
    lits = [f"Herald Media Group {n:04d} AS" for n in range(3000)]
    s = LiteralSet(lits)
    assert list(s.finditer("footer: Herald  Media Group 2999 AS. Herald Media Group 12 AS")) == [
        "Herald Media Group 2999 AS"
    ]


def test_whitespace_in_the_literal_matches_any_whitespace_run_but_not_none() -> None:
    s = LiteralSet(["Read  more"])
    assert list(s.finditer("Read\u00a0\nmore, Readmore")) == ["Read more"]
