"""Lines as the learner compares them: counts, dates and times blanked, case and spacing ignored.

Two lines of a site are "the same line" when their keys are equal: ``37 Comments`` and
``4 Comments`` share the key ``\\x01 comments``. A key is hashed for counting (8 bytes a
line, never the line itself), and turned back into a pattern that matches exactly the
lines with that key, for the rule file. The month and weekday names come from the
generic metadata file (``rules/generic/metadata.toml``), so dates in the languages it
knows are blanked too.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache, lru_cache

import regex

from cleaner import _core
from cleaner.paths import default_rules_dir

NUMBER = "\x01"
MONTH = "\x02"
WEEKDAY = "\x03"
_NUMBER_RE = r"\d+(?:[.,:/-]\d+)*"

_SENTENCE_END = regex.compile(r"[.!?…][\"”’)\]]*\s*$")
_LETTER = regex.compile(r"\p{L}")


@cache
def _names() -> tuple[str, str]:
    """The month and weekday alternations of the generic metadata file (its ``[define]`` table)."""
    path = default_rules_dir() / "generic" / "metadata.toml"
    define = tomllib.loads(path.read_text(encoding="utf-8"))["define"]
    return str(define["month"]), str(define["weekday"])


_NUMBERS = re.compile(_NUMBER_RE)

MAX_KEY_CHARS = 1000
"""Longer lines get no rule of their own (a pattern that long is no help to a reviewer)."""

NAMES_UP_TO = 200
"""Longest line whose month and weekday names are blanked (see keys_of)."""


@cache
def _names_re() -> regex.Pattern[str]:
    month, weekday = _names()
    return regex.compile(rf"\b(?P<m>{month})|\b(?P<w>{weekday})")


def _placeholder(m: regex.Match[str]) -> str:
    return MONTH if m.group("m") is not None else WEEKDAY


@cache
def engine_keys() -> _core.LineKeys:
    """The engine's key maker, with the month and weekday names of the generic metadata file."""
    return _core.LineKeys(*_names())


def keys_of(text: str) -> list[str]:
    """The key of every line of a text, in order ("" for a blank line).

    Month and weekday names are blanked only on lines with a number (a date has one) of at most
    NAMES_UP_TO characters (a site's date lines are short; a story's lines long): their pattern is slow.
    The engine makes them (``_core.LineKeys``, the same keys without the interpreter); a text holding a
    lone surrogate, which it cannot take, gets them from ``keys_of_python``.

    >>> keys_of("37 Comments\\n\\n  Posted  March 3, 2012 \\nMarch on")
    ['\\x01 comments', '', 'posted \\x02 \\x01, \\x01', 'march on']
    """
    try:
        return engine_keys().keys(text)
    except UnicodeEncodeError:
        return keys_of_python(text)


def keyed(text: str) -> tuple[list[str], list[int]]:
    """The keys of a text's lines (see keys_of) and their hashes (see key_hash; 0 for a blank line).

    >>> keys, hashes = keyed("Home\\n\\n4 Comments")
    >>> keys, hashes[0] == key_hash("home"), hashes[1]
    (['home', '', '\\x01 comments'], True, 0)
    """
    try:
        return engine_keys().keyed(text)
    except UnicodeEncodeError:
        keys = keys_of_python(text)
        return keys, [key_hash(k) if k else 0 for k in keys]


def page_hashes(text: str) -> list[int]:
    """The distinct hashes of a text's non-blank lines, sorted.

    >>> len(page_hashes("Home\\nHome\\n\\nNews"))
    2
    """
    try:
        return engine_keys().page_hashes(text)
    except UnicodeEncodeError:
        return sorted({key_hash(k) for k in keys_of_python(text) if k})


def keys_of_python(text: str) -> list[str]:
    """keys_of in Python: for texts the engine cannot take (a lone surrogate), and what the engine's keys
    are tested against.

    >>> keys_of_python("37 Comments\\ud800") == ["\\x01 comments\\ud800"]
    True
    """
    names = _names_re()
    out = []
    for line in _NUMBERS.sub(NUMBER, text.lower()).split("\n"):
        if NUMBER in line and len(line) <= NAMES_UP_TO:
            line = names.sub(_placeholder, line)
        out.append(" ".join(line.split()))
    return out


def key_of(line: str) -> str:
    """The key of one line (see keys_of).

    >>> key_of("Page 2 of 10") == key_of("page 7 of 12")
    True
    """
    return keys_of(line.replace("\n", " "))[0]


def key_hash(key: str) -> int:
    """A 64-bit hash of a key, the same in every process and on every run.

    >>> key_hash("home") == key_hash("home"), key_hash("home") == key_hash("menu")
    (True, False)
    """
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def key_pattern(key: str) -> str:
    """A pattern matching a whole line whose key is ``key`` (case-insensitive, any spacing).

    >>> p = regex.compile(key_pattern(key_of("37 Comments")))
    >>> bool(p.search("  4 comments")), bool(p.search("4 comments here"))
    (True, False)
    """
    return r"(?i)^\s*" + key_body(key) + r"\s*$"


WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.isspace`` takes (tested)."""

_ESCAPES = {ord(c): "\\" + c for c in "()[]{}?*+|^$\\.-#&~" + WHITESPACE}
"""What ``regex.escape`` escapes (its metacharacters and white space), as a table for ``str.translate``:
the same text, without a Python loop per character (a site's learned file may hold thousands of keys)."""


def key_body(key: str) -> str:
    r"""The pattern of a key without its anchors (see key_pattern), to join keys into one alternation.

    >>> print(key_body("\x01 comments"))
    \d+(?:[.,:/-]\d+)*\s+comments
    """
    return key.translate(_body_table(NUMBER in key))


@cache
def _body_table(dated: bool) -> dict[int, str]:
    """key_body's table for ``str.translate``: the escapes, each space, number and (on a key with a number,
    where they were blanked) month and weekday placeholder as its pattern; one call instead of a loop over
    the key's parts (select writes a pattern per candidate line)."""
    table = dict(_ESCAPES)
    table[ord(" ")] = r"\s+"
    table[ord(NUMBER)] = _NUMBER_RE
    if dated:
        month, weekday = _names()
        table[ord(MONTH)] = r"\b" + month
        table[ord(WEEKDAY)] = r"\b" + weekday
    return table


def prose_words(line: str) -> int:
    """Words of a line when it reads like a sentence of a story, else 0.

    A sentence: ten words or more, or five or more ending in a full stop, question or exclamation mark.

    >>> prose_words("The river broke its banks on Sunday, officials said."), prose_words("Share this story")
    (9, 0)
    """
    words = len(line.split())
    if words >= 10 or (words >= 5 and _SENTENCE_END.search(line)):
        return words
    return 0


def has_letter(key: str) -> bool:
    """Whether a key holds a letter (a line of only numbers or punctuation is not worth a rule).

    >>> has_letter("\\x01 | \\x01"), has_letter("home")
    (False, True)
    """
    return _LETTER.search(key) is not None


def is_rule_line(key: str) -> bool:
    """Whether a key is a line of signs only (no letter, no number): a rule, a dash or a bullet between a
    page's parts (w3m prints ``-`` and ``—————`` where a browser draws a border). It holds no word of a
    story, but it may tell the generic stage where one part of the page ends.

    >>> is_rule_line("—————"), is_rule_line("- ●"), is_rule_line("\\x01 | \\x01"), is_rule_line("home")
    (True, True, False, False)
    """
    return bool(key.strip()) and not has_letter(key) and not any(c in key for c in (NUMBER, MONTH, WEEKDAY))


@lru_cache(maxsize=1 << 14)
def is_date_part(key: str) -> bool:
    """Whether a key holds only month or weekday names, numbers and punctuation: a piece of a
    dateline (``July`` printed on a line of its own), which recurs on the pages of one month and
    then changes, and which a dataset's gold keeps with the story. Remembered: the selection and the
    shapes ask it of a site's lines more than once (the names' pattern costs more than a look-up).

    >>> is_date_part("july"), is_date_part("mon, \\x01"), is_date_part("march on")
    (True, True, False)
    """
    return not has_letter(_names_re().sub(_placeholder, key))


def lines_of_rule(pattern: str, examples: tuple[str, ...]) -> frozenset[str] | None:
    r"""The keys a learned rule stands for, when its pattern is exactly the alternation of its examples'
    keys (as `cleaner learn` writes it); None for any other pattern (edited by hand, written by hand).

    Such a rule matches a line when the line's key is one of these: a set lookup per line instead of
    a pattern over the page (a site's learned file may hold hundreds of lines).

    >>> sorted(lines_of_rule(r"(?i)^\s*(?:home|\d+(?:[.,:/-]\d+)*\s+comments)\s*$", ("Home", "4 Comments")))
    ['\x01 comments', 'home']
    >>> lines_of_rule(key_pattern("home"), ("Home",)), lines_of_rule(r"(?i)^\s*home", ("Home",))
    (frozenset({'home'}), None)
    """
    keys = list(dict.fromkeys(key_of(e) for e in examples))
    if not keys or not all(keys):
        return None
    if len(keys) == 1 and pattern == key_pattern(keys[0]):
        return frozenset(keys)
    if pattern == joined_pattern(keys):
        return frozenset(keys)
    return None


def joined_pattern(keys: list[str]) -> str:
    r"""One pattern matching a whole line whose key is any of ``keys``.

    >>> print(joined_pattern(["home", "news"]))
    (?i)^\s*(?:home|news)\s*$
    """
    body = "|".join(key_body(k) for k in keys)
    return rf"(?i)^\s*(?:{body})\s*$"
