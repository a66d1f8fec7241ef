"""The faster searches find a match in exactly the lines the plain alternations do."""

from __future__ import annotations

import re

import pytest
import regex

from cleaner.generic import HEURISTICS
from cleaner.generic.fastmatch import AnyPattern, literal_trie, unanchored
from cleaner.generic.phrases import phrases

TABLES = ("captions", "comments", "cross-links", "legal", "metadata-lines", "prompts", "teasers", "trailing-blocks")
LINES = [
    *(line for h in HEURISTICS for line in h.example.split("\n")),
    "Photo: AFP",
    "The Photo: a caption that starts late",
    "A man walks past. / Getty Images",
    "By Jane Doe | 5 min read",
    "12 Comments",
    "More from The Times",
    "© 2024 Example Media. All Rights Reserved.",
    "SIGN UP for our newsletter",
    "İN THE NEWS: sign İn",
    "Wszelkie prawa zastrzeżone",
    "The story goes on and on, as stories do.",
    "",
]


@pytest.mark.parametrize("table", [t for t in TABLES if phrases(t, "regex")])
def test_split_patterns_match_where_the_alternation_does(table: str) -> None:
    raw = phrases(table, "regex")
    whole = regex.compile("|".join(f"(?:{p})" for p in raw))
    split = AnyPattern.of(raw)
    assert [split.found(t) for t in LINES] == [whole.search(t) is not None for t in LINES]


@pytest.mark.parametrize("table", [t for t in TABLES if phrases(t, "contains")])
def test_trie_finds_the_phrases_the_alternation_finds(table: str) -> None:
    literals = sorted(set(phrases(table, "contains")), key=len, reverse=True)
    whole = re.compile("(?i:" + "|".join(map(re.escape, literals)) + ")")
    trie = re.compile("(?i:" + literal_trie(literals) + ")")
    texts = [*LINES, *literals, *(f"x {p.upper()} y" for p in literals)]
    assert [trie.search(t) is not None for t in texts] == [whole.search(t) is not None for t in texts]


def test_only_whole_patterns_anchored_at_the_start_lose_their_caret() -> None:
    assert unanchored("^a|b") is None
    assert unanchored("(?i:^a)|b") is None
    assert unanchored("(?i:^(?:a|b)c)") == "(?i:(?:a|b)c)"
    assert unanchored("^[|)]x") == "[|)]x"
