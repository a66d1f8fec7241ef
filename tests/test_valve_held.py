"""bench/valve_held.py: the graded valve it measures, on a hand-made held dump and its removals."""

from __future__ import annotations

from benchscript import load_bench_script

from cleaner.model import Removal

vh = load_bench_script("valve_held")

STORY = "The council met on Tuesday and voted to repair the old bridge this summer."  # 74 characters
MENU = ["Home", "News", "Sport"]
# Ten prose lines under the story (740 characters): the footer region takes them with the menu's share row.
TAIL = [f"Reader comment number {k} says the bridge should have been fixed years ago." for k in range(10)]
TEXT = "\n".join([*MENU, STORY, "Share", *TAIL]) + "\n"
REMOVED = [
    Removal("generic.menu-run", 0, 3, "menu"),
    Removal("generic.share-row", 4, 5, "share row"),
    Removal("generic.footer-region", 5, 15, "below the story"),
]


def test_the_valves_measure_counts_prose_lines_only() -> None:
    assert vh._prose(["Home", STORY]) == len(STORY)
    # No line of six words: every character counts.
    assert vh._prose(["Home", "News"]) == 8


def test_graded_keeps_the_line_rules_and_undoes_the_region() -> None:
    # The full cleaning keeps 74 of 814 prose characters: a 91 % loss, over the bound.
    assert vh._loss(TEXT.split("\n")[:-1], 74 + 740, REMOVED) > vh.MAX_LOSS
    out = vh.graded(TEXT, REMOVED, way="region")
    assert out == "\n".join([STORY, *TAIL]) + "\n"
    assert vh.graded(TEXT, REMOVED, way="greedy") == out
    # Only the short lines' removals: the menu and the share row go, the ten lines under the story stay.
    assert vh.graded(TEXT, REMOVED, way="short") == out


def test_graded_gives_up_when_the_line_rules_alone_lose_too_much() -> None:
    removed = [Removal("generic.teaser", 3, 15, "teasers"), Removal("generic.footer-region", 0, 3, "menu")]
    assert vh.graded(TEXT, removed, way="region") is None
