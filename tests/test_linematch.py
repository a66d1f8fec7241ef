"""The whole-text scan never misses a line that the pattern matches on its own."""

from __future__ import annotations

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.linematch import MULTILINE, LineIndex, multiline_twin

PIECES = [
    "^",
    "$",
    "Ad",
    "d",
    r"\s*",
    r"\s+",
    r"\w+",
    ".*",
    "(?=d)",
    r"\b",
    r"\B",
    "[^a]*",
    "(?i:ad)",
    "A|d",
    "(?:Ad)?",
]
PIECES += [" ", "x{1,3}", r"\W", r"\S+", "(?<=A)", "(?!d)", r"\Z", "(a)\\1", ".{0,3}$", r"\p{Lu}"]
LINE_CHARS = st.sampled_from(["A", "d", "a", "x", " ", "\t", "\u00a0", "\u2028", "é", "-"])


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5), st.lists(st.text(LINE_CHARS, max_size=8), max_size=6))
def test_candidates_cover_every_matching_line(pieces: list[str], lines: list[str]) -> None:
    try:
        pattern = regex.compile("".join(pieces))
    except regex.error:
        assume(False)
        return
    matching = [i for i, line in enumerate(lines) if pattern.search(line)]
    candidates = set(LineIndex(lines).candidates(pattern))
    assert set(matching) <= candidates


def test_unsafe_constructs_fall_back_to_every_line() -> None:
    lines = ["Ad", "Adx", "b"]
    assert list(LineIndex(lines).candidates(regex.compile(r"Ad\Z"))) == [0, 1, 2]
    assert multiline_twin(regex.compile("a(?!b)")) is None


def test_a_match_across_lines_makes_every_line_it_touches_a_candidate() -> None:
    idx = LineIndex(["x", "A", "", "d", "y"])
    assert list(idx.candidates(regex.compile(r"A\s*d"))) == [1, 2, 3]
    assert list(idx.candidates(regex.compile(r"A\s*d"), start=2)) == [2, 3]


def test_the_multiline_flag_is_regexs_own() -> None:
    assert MULTILINE == regex.MULTILINE


def test_a_twin_that_does_not_compile_is_none_and_other_errors_propagate(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.linematch as linematch

    def failing(error: BaseException) -> object:
        def compiled(pattern: str, flags: int = 0) -> object:
            raise error

        return compiled

    monkeypatch.setattr(linematch, "compiled", failing(regex.error("bad")))
    assert multiline_twin.__wrapped__(regex.compile("^Ad$")) is None
    monkeypatch.setattr(linematch, "compiled", failing(MemoryError()))
    with pytest.raises(MemoryError):
        multiline_twin.__wrapped__(regex.compile("^Ad$"))
