"""Many-literal search: the engine's automaton finds what a plain ``re`` alternation finds, at any scale."""

from __future__ import annotations

import pickle
import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.literals import LiteralSet

WORDS = st.sampled_from(["Media", "Med", "Group", "Ltd", "©", "a.b", "(x)", "Group Ltd"])
LITERAL = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
# \x1c and \u2028 are whitespace to str.isspace() (which re's \s follows); U+200B is not.
TEXT_PARTS = ["Media", "Group", " ", "\u00a0", "\n", "Ltd", "©", "x", "\x1c", "\u2028", "\u3000", "\u200b", "é"]


@given(
    st.lists(LITERAL, min_size=1, max_size=8),
    st.lists(st.sampled_from(TEXT_PARTS), max_size=30),
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


def test_a_text_with_a_lone_surrogate_is_searched_and_the_set_pickles() -> None:
    s = pickle.loads(pickle.dumps(LiteralSet(["Herald Media", "AS"])))
    assert list(s.finditer("\ud800 Herald\u2028Media AS")) == ["Herald Media", "AS"]
