"""Shape of one line: the signals the structural heuristics weigh.

Features are pure functions of the line's text, cached, so every heuristic can ask
for them without recomputing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cleaner.regex_cache import compiled

_WORD = compiled(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
_CJK = compiled(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_BULLET = compiled(r"^\s*(?:[•◦▪▫■□●○◆◇►▶▸‣⁃∙·*+\-–—]|\d{1,3}[.)])\s+")
_TERMINAL = compiled(r"[.!?。！？…:;]['\"”’»)\]]*$|[\"”»]$")
_ALT_TEXT = compiled(r"^\s*\[[^\]]*\]\s*")
_CELLS = compiled(r"\S(?:\t|\s{2,})\S(?:.*\S)?(?:\t|\s{2,})\S")
_TAB_CELLS = compiled(r"\S\t+\S")
"""Two cells a browser put a tab between: a row of a two-column table (amount and ingredient, label and value)."""
# A teaser title glued to its summary: "Police Close Main StreetThe road will..." (no space between).
_GLUED = compiled(
    r"^((?:\S+\s+){2,20}\S*?[\p{Ll}\d?!)])\p{Lu}\p{Ll}*(?:\s+[\p{Ll}\d]|(?P<capital>(?:\s+\p{Lu}\S*){1,3}\s+\p{Ll}\S*(?:\s+\S+){2}))"
)
_GLUE_POINT = compiled(r"[\p{Ll}\d?!)]\p{Lu}")
# On plain text (ASCII, and punctuation that is no letter, digit or mark) the Unicode classes above hold
# exactly these characters, and the standard library is quicker.
_PLAIN = re.compile(r"[^\x00-\x7f’‘“”„‚‹›«»–—…•·©®™°€£\u00a0]")
"""A character that makes a line not plain (English text is mostly ASCII with curly quotes and dashes)."""
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_ASCII_GLUE_POINT = re.compile(r"[a-z0-9?!)][A-Z]")
_ASCII_DIGIT = re.compile(r"[0-9]")
_CLOSERS = "'\"”’»)]"
_TERMINAL_STOPS = frozenset(".!?。！？…:;")
_FIRST_CJK = "\u2e80"
MAX_TEASER_WORDS = 50
GLUED_CAPITAL_SHARE = 0.6
GLUED_NAME_CAPITAL_SHARE = 0.85
"""Share of capitalised words a glued title needs: more when a capitalised word (a name) follows the glue."""

CJK_CHARS_PER_WORD = 2
"""CJK text has no spaces: this many CJK characters count as one word."""


@dataclass(frozen=True, slots=True)
class Shape:
    """Signals of one line (bullets and leading w3m ``[alt]`` labels stripped)."""

    text: str
    words: tuple[str, ...]
    units: float
    """Word count, CJK characters counted at ``CJK_CHARS_PER_WORD`` per word."""
    terminal: bool
    bullet: bool
    capitalised: float
    """Share of words that start with a capital (of words that have case)."""
    digits: bool
    table_row: bool
    """Cells apart by tabs or runs of spaces, with a number: a row of a table."""
    glued_teaser: bool
    """A title glued to a summary sentence: the shape of a teaser."""

    @property
    def chars(self) -> int:
        """Length of the text."""
        return len(self.text)


@lru_cache(maxsize=1 << 16)
def shape(line: str) -> Shape:
    """The shape of a line.

    >>> s = shape("  • The cat sat on the mat.")
    >>> (s.units, s.terminal, s.bullet)
    (6.0, True, True)
    >>> shape("日本語の文章です。").units
    4.0
    >>> shape("125 g\\tFlour").table_row, shape("Home\\tNews").table_row
    (True, False)
    """
    bullet = bool(_BULLET.match(line))
    text = _BULLET.sub("", line, count=1).strip() if bullet else line.strip()
    if text.startswith("["):
        # w3m prints an image as its [alt text]; it labels the line, it is not part of it.
        text = _ALT_TEXT.sub("", text, count=1).strip() or text
    plain = text.isascii() or _PLAIN.search(text) is None
    if plain:
        words = _ASCII_WORD.findall(text)
        # Words hold no space: one lower-casing of them all is quicker than one per word.
        lowered = tuple(" ".join(words).lower().split())
        cjk = 0
        digits = _ASCII_DIGIT.search(text) is not None
    else:
        words = _WORD.findall(text)
        lowered = tuple(map(str.lower, words))
        # Han, Hiragana and Katakana all lie at or above U+2E80: a line below it has none (most non-ASCII lines).
        cjk = len(_CJK.findall(text)) if max(text) >= _FIRST_CJK else 0
        digits = any(map(str.isdigit, text))
    latin = [w for w in words if not _CJK.match(w)] if cjk else words
    units = len(latin) + cjk / CJK_CHARS_PER_WORD
    caps = _capitalised([w[0] for w in latin])
    return Shape(
        text=text,
        words=lowered,
        units=float(units),
        terminal=_is_terminal(text),
        bullet=bullet,
        capitalised=caps,
        digits=digits,
        table_row=digits
        and (("\t" in text and bool(_TAB_CELLS.search(text))) or ("  " in text and bool(_CELLS.search(text)))),
        glued_teaser=_glued_teaser(text, plain),
    )


def _is_terminal(text: str) -> bool:
    """Whether ``text`` (stripped) ends as a sentence does: ``_TERMINAL``, by string methods.

    A stop followed only by closing quotes and brackets, or a closing quote at the very end.

    >>> [_is_terminal(t) for t in ("Done.", 'He said "no."', "(see above)", "Home", "«Quoted»", "")]
    [True, True, False, False, True, False]
    """
    head = text.rstrip(_CLOSERS)
    return (bool(head) and head[-1] in _TERMINAL_STOPS) or text[-1:] in ('"', "”", "»")


def _capitalised(initials: list[str]) -> float:
    """Share of capitals among the initials that have case.

    >>> _capitalised(["T", "c", "1", "É"])
    0.6666666666666666
    """
    firsts = "".join(initials)
    if firsts.isascii():
        # An ASCII letter always has case: count with the string methods, no loop in Python.
        cased = sum(map(str.isalpha, firsts))
        return sum(map(str.isupper, firsts)) / cased if cased else 0.0
    has_case = [c for c in initials if c.isalpha() and c.lower() != c.upper()]
    return sum(1 for c in has_case if c.isupper()) / len(has_case) if has_case else 0.0


def _glued_teaser(text: str, plain: bool = False) -> bool:
    """A title of three or more words glued to the sentence that follows it (``plain``: see ``_PLAIN``).

    The glue is a word of four letters or more running into a capital (``FinaleFord v``),
    and the line is no longer than a teaser; brand names (``WeWork``, ``McDonald``) and
    long story paragraphs do not qualify.

    >>> _glued_teaser("Harvick Fails To Rally In NASCAR FinaleFord v Toyota flopped at the track.")
    True
    >>> _glued_teaser("He ate at McDonald's with the iPhone team.")
    False
    >>> _glued_teaser("The Attorney General is investigating WeWork, according to two people.", plain=True)
    False
    """
    glue_point = _ASCII_GLUE_POINT if plain else _GLUE_POINT
    if len(text.split()) > MAX_TEASER_WORDS or not glue_point.search(text):
        return False
    m = _GLUED.match(text)
    if not m:
        return False
    head = m.group(1)
    words = head.split()
    if "." in head or len(words) < 3 or sum(1 for c in words[-1] if c.isalnum()) < 4:
        return False
    cased = [w for w in words if w[:1].isalpha()]
    # A capitalised word after the glue may be a name in a story sentence: then the title must be all capitals.
    need = GLUED_CAPITAL_SHARE if m.group("capital") is None else GLUED_NAME_CAPITAL_SHARE
    return bool(cased) and sum(1 for w in cased if w[:1].isupper()) / len(cased) >= need
