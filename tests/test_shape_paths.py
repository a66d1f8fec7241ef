"""The quick paths of ``shape`` (string methods, ASCII patterns) agree with the Unicode patterns they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.generic.features import _CJK, _TERMINAL, _WORD, _glued_teaser, shape

SINGLE = "aZ9 .!?:;'\"”’»)](…-\t«é日ıK“–—•·©\u00a0€‚²٣\u0301"
CHARS = st.sampled_from([*SINGLE, "Ab", "cD", "?X", "). ", "Hello", "World", "42"])
TEXT = st.lists(CHARS, max_size=20).map("".join)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_shape_matches_its_unicode_definition(line: str) -> None:
    s = shape(line)
    words = _WORD.findall(s.text)
    assert s.words == tuple(w.lower() for w in words)
    cjk = len(_CJK.findall(s.text))
    assert s.units == len([w for w in words if not _CJK.match(w)]) + cjk / 2
    assert s.terminal == bool(_TERMINAL.search(s.text))
    assert s.digits == any(c.isdigit() for c in s.text)
    assert s.glued_teaser == _glued_teaser(s.text, plain=False)


def test_shape_of_plain_lines() -> None:
    s = shape("Police Close Main StreetThe road will reopen on Monday, officials said.")
    assert (s.terminal, s.digits, s.glued_teaser, s.words[:2]) == (True, False, True, ("police", "close"))
    assert shape('He said "no."').terminal and not shape("(see above)").terminal
