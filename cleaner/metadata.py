"""Metadata found in a dump: publication and update dates and the byline.

The patterns live in ``rules/generic/metadata.toml``. Values are reported as the
page wrote them (no date parsing): the first match of each field wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from cleaner.generic.phrases import generic_table
from cleaner.model import Removal
from cleaner.regex_cache import compiled

FIELDS = ("published", "updated", "byline")
"""The fields reported, in Result.metadata order."""

HEAD_LINES = 60
"""Dates and bylines sit near the top; lines further down are read only when a rule removed them."""

MAX_LINE_CHARS = 200
"""A longer line is prose, not a metadata line."""

_REMOVAL_HINTS = ("byline", "timestamp", "date", "dateline", "metadata")
"""Rule ids ending in one of these mark removed lines worth reading wherever they are."""


@dataclass(frozen=True)
class _Field:
    requires: regex.Pattern[str]
    patterns: tuple[str, ...]
    """Sources, compiled when a line first needs them: each carries the whole DEFINE block (slow to parse)."""

    def search(self, line: str) -> regex.Match[str] | None:
        if not self.requires.search(line):
            return None
        return next((m for p in self.patterns if (m := _compiled(p).search(line))), None)


@cache
def _compiled(source: str) -> regex.Pattern[str]:
    return compiled(source)


@cache
def _fields() -> dict[str, _Field]:
    table = generic_table("metadata")
    define = "".join(f"(?P<{name}>{body})" for name, body in table["define"].items())
    prefix = f"(?(DEFINE){define})"
    return {
        key: _Field(
            compiled(table[key].get("requires", "")),
            tuple(prefix + p for p in table[key]["patterns"]),
        )
        for key in ("published", "updated", "byline", "date")
    }


def _clean_value(value: str) -> str:
    value = value.strip(" \t,;:|-–—•·")
    if value.endswith(".") and value[-4:].lower() not in ("a.m.", "p.m."):
        value = value.rstrip(".")
    return value.lstrip(".")


def _candidates(lines: Sequence[str], removed: Iterable[Removal]) -> list[str]:
    picked = list(lines[:HEAD_LINES])
    for r in removed:
        if r.span is None and r.rule.rsplit(".", 1)[-1].startswith(_REMOVAL_HINTS) and r.start >= HEAD_LINES:
            picked.extend(r.text.split("\n"))
    return [line for line in picked if line.strip() and len(line) <= MAX_LINE_CHARS]


@lru_cache(maxsize=1 << 14)
def _value_in(key: str, line: str) -> str:
    """The cleaned value of field ``key`` on ``line`` ("" for none), remembered: sites repeat their date lines."""
    m = _fields()[key].search(line)
    return _clean_value(m.group("value")) if m else ""


def extract_metadata(lines: Sequence[str], removed: Iterable[Removal] = ()) -> dict[str, str]:
    """Published date, updated date and byline, where the text shows them.

    ``lines`` are the document's original lines; ``removed`` the removals made,
    so a byline or date line a rule removed further down is read too.

    >>> extract_metadata(["Title", "Published 01/12/2024, 10:08 PM", "Updated 01/12/2024, 10:11 PM", "By Jo Smith"])
    {'published': '01/12/2024, 10:08 PM', 'updated': '01/12/2024, 10:11 PM', 'byline': 'Jo Smith'}
    >>> extract_metadata(["1, March, 2024", "Headline", "By the time we arrived, it was over."])
    {'published': '1, March, 2024'}
    """
    fields = _fields()
    found: dict[str, str] = {}
    for line in _candidates(lines, removed):
        for key in ("published", "updated", "byline"):
            if key not in found and (value := _value_in(key, line)):
                found[key] = value
        if "published" not in found and "date" not in found and fields["date"].search(line):
            found["date"] = _clean_value(line)
    lone_date = found.pop("date", None)
    if lone_date and "published" not in found:
        found["published"] = lone_date
    return {k: found[k] for k in FIELDS if k in found}
