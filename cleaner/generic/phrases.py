"""Phrase lists and patterns the generic stage reads from ``rules/generic/*.toml``.

Patterns and phrase lists are data: they live in rule files, not in Python.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import regex

from cleaner.rules import default_rules_dir


@cache
def generic_table(name: str) -> dict[str, Any]:
    """The parsed ``rules/generic/<name>.toml`` (read once per process).

    >>> "lines" in generic_table("ad-markers")
    True
    """
    path = default_rules_dir() / "generic" / f"{name}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def phrases(name: str, key: str) -> list[str]:
    """Every phrase under ``key`` of a generic file, all languages together.

    A key may hold a list or a table of lists keyed by language code.
    """
    value = generic_table(name).get(key, [])
    if isinstance(value, dict):
        return [p for lang in sorted(value) for p in value[lang]]
    return list(value)


def phrase_alternation(items: list[str]) -> str:
    """A regex alternation of literal phrases, longest first (in text order among equal lengths).

    The order is the same in every process (set order is not), so the compiled-pattern cache
    (cleaner.regex_cache) finds the pattern again; which of two equal-length phrases is tried
    first changes no match, as both would match the same span.

    >>> phrase_alternation(["ad", "advert", "Ad"])
    '(?:advert|Ad|ad)'
    """
    return "(?:" + "|".join(regex.escape(p) for p in sorted(set(items), key=lambda p: (-len(p), p))) + ")"


def default_generic_dir() -> Path:
    """Where the generic phrase files live."""
    return default_rules_dir() / "generic"
