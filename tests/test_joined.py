"""Searching a document's lines at once finds exactly what testing them one by one finds."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.generic import HEURISTICS
from cleaner.generic.fastmatch import AnyPattern
from cleaner.generic.fused import LineRow, plan
from cleaner.generic.joined import JoinedLines, SplitSearch, line_pattern, prefilter
from cleaner.generic.linematch import line_matcher
from cleaner.generic.lines import ConsentTest
from cleaner.generic.phrases import default_generic_dir, phrases

PHRASE_FILES = sorted(p.stem for p in Path(default_generic_dir()).glob("*.toml"))


def _samples() -> list[str]:
    """Phrases and patterns' literal pieces of every phrase file: the stuff lines that match are made of."""
    out: list[str] = []
    for name in PHRASE_FILES:
        for key in ("exact", "prefix", "contains"):
            out += phrases(name, key)
        for p in phrases(name, "regex"):
            out += [w for w in regex.split(r"[^\w©/.:()|-]+", p) if 1 < len(w) < 20]
    out += phrases("consent", "cookie") + phrases("consent", "consent")
    return sorted(set(out))


SAMPLES = _samples()
GLUE = st.sampled_from([" ", "", ": ", " | ", ". ", " - ", "… ", " (Photo: ", ")", " / ", "  • ", "\t", "[x] "])
GLUE = st.one_of(GLUE, st.sampled_from(["İ", "ſ", "ı"]))
WORDS = st.sampled_from(["the", "Jane Doe", "Reuters", "2024", "read", "By", "AFP", "é", "SIGN", "x", "."])
PIECE = st.one_of(st.sampled_from(SAMPLES), GLUE, WORDS)
LINE = st.lists(PIECE, max_size=7).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_matching_all_lines_at_once_equals_matching_each(lines: list[str]) -> None:
    for name in PHRASE_FILES:
        m = line_matcher(name)
        assert m.matching(lines) == [m.matches(line) for line in lines], name


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_the_line_row_judges_a_page_as_it_judges_each_line(lines: list[str]) -> None:
    row = next(s for s in plan(HEURISTICS) if isinstance(s, LineRow))
    by_line = LineRow(row.heuristics)
    at_once = LineRow(row.heuristics)
    doc = Document(list(lines))
    expected: list[list[int]] = [[] for _ in row.heuristics]
    for i in doc.kept_indices():
        if (k := by_line.verdict(lines[i])) >= 0:  # one line at a time, each test called in turn
            expected[k].append(i)
    assert [[r.start for r in found] for found in at_once.decide(doc)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_consent_lines_of_a_page_at_once_are_those_of_each_line(lines: list[str]) -> None:
    test = ConsentTest()
    assert test.batch(lines) == [test(line) for line in lines]


PIECES = ["^", "$", "Ad", "d", r"\s*", r"\s+", r"\w+", ".*", "(?=d)", r"\b", r"\B", "[^a]*", "(?i:ad)", "A|d"]
PIECES += ["(?:Ad)?", " ", "x{1,3}", r"\W", r"\S+", "(?<=A)", "(?!d)", "(?<!A)", ".{0,3}$", r"\p{Lu}", "(a)\\1"]
LINE_CHARS = st.sampled_from(["A", "d", "a", "x", " ", "\t", "\u00a0", "\u2028", "é", "-", "\r"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5), st.lists(st.text(LINE_CHARS, max_size=8), max_size=6))
def test_a_joined_search_finds_every_line_the_pattern_matches_alone(pieces: list[str], lines: list[str]) -> None:
    text = "".join(pieces)
    try:
        pattern = regex.compile(text)
    except regex.error:
        assume(False)
        return
    searched = line_pattern(text)
    assume(searched is not None)
    assert searched is not None
    matching = {i for i, line in enumerate(lines) if pattern.search(line)}
    assert matching <= JoinedLines(lines).lines_matching(searched)


def test_negative_lookarounds_are_dropped_whole_and_unknown_constructs_refused() -> None:
    assert prefilter(r"a(?!b(?<!c)d)e(?<!f)") == "a(?:)e(?:)"
    assert prefilter(r"(?=a(?!b))c") == "(?=a(?:))c"
    assert prefilter(r"[(?!]x\(?!y") == r"[(?!]x\(?!y"
    for refused in (r"a\Z", r"\Aa", r"(?>a)", r"a*+", r"(?x: a )", r"(?(1)a|b)", r"(?:ab){e<=1}", r"(?w)a"):
        assert prefilter(refused) is None, refused


def test_split_search_keeps_a_list_with_a_global_flag_one_alternation_as_the_line_matcher_does() -> None:
    patterns = ["(?i)^photo", "credit$", "^By"]
    s = SplitSearch.of(patterns)
    assert s.joined == () and s.anchored is None
    texts = ["CREDIT", "credit", "Photo: x", "PHOTO", "a credit line", "By Jo", "by jo"]
    assert [s.found(t) for t in texts] == [AnyPattern.of(patterns).found(t) for t in texts]
