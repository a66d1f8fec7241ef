"""The fast paths of the generic stage decide exactly as the plain ones they replace."""

from __future__ import annotations

import re
from pathlib import Path

from cleaner.document import Document
from cleaner.generic import HEURISTICS
from cleaner.generic.fused import LineRow, plan
from cleaner.generic.linematch import RE_ASCII_FOLDS, line_matcher
from cleaner.generic.phrases import phrases

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _golden_lines() -> list[str]:
    return [line for p in sorted(GOLDEN.glob("*/*.in.txt")) for line in p.read_text(encoding="utf-8").splitlines()]


def test_re_ascii_folds_are_every_non_ascii_character_re_matches_to_ascii_ignoring_case() -> None:
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    found = set(re.findall(r"(?i)[\x00-\x7f]", everything))
    assert found == set(RE_ASCII_FOLDS)
    for char, letter in RE_ASCII_FOLDS.items():
        assert re.fullmatch(f"(?i){letter}", char)


def test_contains_fast_path_agrees_with_the_case_insensitive_alternation() -> None:
    tricky = ["SIGN UP FOR OUR NEWSLETTER", "ſign up for our newſletter", "\u212aeep reading", "İ agree", "Ünïcödé"]
    for table in ("prompts", "legal"):
        m = line_matcher(table)
        # The plain case-insensitive alternation of every phrase: what the fast paths must agree with.
        everything = re.compile("(?i:" + "|".join(map(re.escape, phrases(table, "contains"))) + ")")
        lines = [*_golden_lines(), *tricky, *(p.upper() for p in tricky)]
        assert [m._contains(t) for t in lines] == [everything.search(t) is not None for t in lines]
        assert any(m._contains(t) for t in lines)


def test_a_row_of_line_heuristics_takes_what_they_take_one_after_another() -> None:
    from cleaner.pipeline import apply_removals

    text = "\n".join(_golden_lines())
    one_by_one, fused = Document.from_text(text), Document.from_text(text)
    expected = [r for h in HEURISTICS if h.line_test for r in apply_removals(one_by_one, h(one_by_one))]
    got = []
    for step in plan(tuple(h for h in HEURISTICS if h.line_test)):
        assert isinstance(step, LineRow)
        for found in step.decide(fused):
            got.extend(apply_removals(fused, found))
    assert got == expected and len(got) > 10
    assert fused.alive == one_by_one.alive
