"""A lone date or time line: `1, March, 2024`, `Monday 18 November 2019 11:08 PM`."""

from __future__ import annotations

from cleaner.generic.base import line_heuristic
from cleaner.generic.features import Shape, shape
from cleaner.generic.lang import date_words
from cleaner.regex_cache import compiled

MAX_WORDS = 12
# A number as dates print it: 18, 18th, 1er, 11h, 2019-11-18t20 (ISO stamps split at ":"), 19z.
_NUMBER = compiled(r"^\d+(?:st|nd|rd|th|er|e|h|hs|am|pm|z|t\d+|[\-/.]\d+)*\.?$")


def is_date_line(s: Shape) -> bool:
    """Every word is a number, a month or weekday name, or a date label, and one is a number.

    >>> is_date_line(shape("1, March, 2024"))
    True
    >>> is_date_line(shape("Mittwoch, 20. November 2019, 08:42 Uhr"))
    True
    >>> is_date_line(shape("March 2024 was warm"))
    False
    >>> is_date_line(shape("12"))
    False
    >>> is_date_line(shape("+81 158-23-2012"))
    False
    """
    if not s.words or s.units > MAX_WORDS or not s.digits or s.text.startswith("+"):
        # A leading plus is an international phone number, not a date.
        return False
    names = date_words()
    numbers = 0
    for w in s.words:
        if _NUMBER.match(w):
            numbers += 1
        elif w.rstrip(".") not in names:
            return False
    return numbers >= 2 or len(s.words) >= 2


def _is_date(line: str) -> bool:
    return is_date_line(shape(line))


DATE_LINE = line_heuristic(
    "generic.date-line",
    "lone date or time line",
    "Drops a line made only of a date and time: numbers, month and weekday names and date labels "
    "(`at`, `Uhr`, `de`) in any language of rules/generic/lang/. A story sentence has other words.",
    "Monday, 18 November 2019, 11:08 PM",
    _is_date,
)
