"""Property tests over generated dumps: idempotent, deterministic, never adds text, only deletes.

Any text at all (odd Unicode, separators, control characters) cleans without an error, to its own lines.

Dumps mix lines of the real seed dumps and dev-set inputs (read from ../shared at test
time; tests/data/dump-lines.txt when it is absent), ad markers, blank lines and random
unicode. The "ci" hypothesis profile (tests/conftest.py) keeps the example count modest.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import normalise_newlines, split_lines

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


@cache
def real_dumps() -> tuple[tuple[str, ...], ...]:
    """Real dumps as tuples of lines: seeds and dev inputs, or the shipped sample."""
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("eval/*/chromium/input/*.txt"))
    if not files:
        files = [HERE / "data" / "dump-lines.txt"]
    return tuple(tuple(f.read_text(encoding="utf-8", errors="replace").splitlines()) for f in files)


@cache
def cleaner() -> Cleaner:
    return Cleaner()


@st.composite
def runs_of_real_lines(draw: st.DrawFn) -> list[str]:
    dump = draw(st.sampled_from(real_dumps()))
    if not dump:
        return []
    start = draw(st.integers(0, len(dump) - 1))
    return list(dump[start : start + draw(st.integers(1, 40))])


MARKERS = ["Advertisement", "  Sponsored  ", "Anzeige", "", " ", "\t", "اضافة اعلان"]
piece = st.one_of(
    runs_of_real_lines(),
    st.lists(st.sampled_from(MARKERS), min_size=1, max_size=3),
    st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=80), min_size=1, max_size=3),
    st.tuples(runs_of_real_lines(), st.sampled_from(MARKERS)).map(lambda t: [t[0][0] + t[1]] if t[0] else []),
)
dumps = st.builds(
    lambda pieces, newline, end: newline.join(line for p in pieces for line in p) + end,
    st.lists(piece, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\n", "\n\n  \n"]),
)


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _embeds_in_order(out_lines: list[str], in_lines: list[str]) -> bool:
    """Each non-blank output line is an input line with characters deleted, in input order."""
    i = 0
    for line in (s for s in out_lines if s.strip()):
        while i < len(in_lines) and not _is_subsequence(line, in_lines[i]):
            i += 1
        if i == len(in_lines):
            return False
        i += 1
    return True


@given(dumps)
def test_cleaning_is_deterministic(text: str) -> None:
    first = cleaner().clean(text)
    again = Cleaner().clean(text)
    assert (again.text, again.removed, again.held) == (first.text, first.removed, first.held)


@given(dumps)
def test_cleaning_is_idempotent(text: str) -> None:
    once = cleaner().clean(text).text
    assert cleaner().clean(once).text == once


@given(dumps)
def test_cleaning_only_deletes(text: str) -> None:
    result = cleaner().clean(text)
    in_lines = split_lines(normalise_newlines(text))
    out_lines = split_lines(result.text)
    # Never adds text: no character appears more often than in the input.
    assert not Counter(result.text.replace("\n", "")) - Counter("".join(in_lines))
    assert _embeds_in_order(out_lines, in_lines)
    cut_lines = {r.start for r in result.removed if r.span is not None}
    # A blank output line separates paragraphs; it may stand for a line of invisible characters.
    whole = {line.rstrip() for line in in_lines} | {""}
    for line in out_lines:
        # An output line is an input line less trailing whitespace, unless an inline cut took part of it.
        assert line in whole or cut_lines or result.held, line


# Any text at all: odd Unicode, every kind of line and paragraph separator, control characters, NUL.
ODD_CHARS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x00"]
ODD_CHARS += ["\ufeff", "\u200b", "\u00a0", "\t", " ", "İ", "ſ", "\u0301", "日", "اضافة اعلان", "Advertisement"]
any_text = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(ODD_CHARS)), max_size=300).map(
    "".join
)


@given(any_text)
def test_any_text_cleans_without_error_to_a_subsequence_of_its_lines_and_again_to_itself(text: str) -> None:
    result = cleaner().clean(text)
    in_lines = split_lines(normalise_newlines(text))
    if result.held:
        assert result.text == normalise_newlines(text)
    else:
        cut = {r.start for r in result.removed if r.span is not None}
        i = 0
        for line in (s for s in split_lines(result.text) if s.strip()):
            # Each line is an input line (less trailing whitespace, or less a cut span), in input order.
            while i < len(in_lines) and not (
                line == in_lines[i].rstrip() or (i in cut and _is_subsequence(line, in_lines[i]))
            ):
                i += 1
            assert i < len(in_lines), f"{line!r} is not one of the input's lines, in order"
            i += 1
    assert cleaner().clean(result.text).text == result.text
