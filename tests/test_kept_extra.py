"""bench/kept_extra.py: where it places kept lines relative to the story and what share of them it counts
as not gold (a second copy of a gold paragraph counts, as the metric counts shingles as a multiset)."""

from __future__ import annotations

import pytest
from benchscript import load_bench_script

load_bench_script("region_lost")
ke = load_bench_script("kept_extra")

STORY = [
    "The council met on Monday to decide what to do about the walls the storms left cracked.",
    "Builders said the work would take most of the summer and cost more than the town had set aside.",
]
ABOVE = "Sign up for our daily newsletter today"
COMMENT = "Great article, thanks for writing it up so quickly for all of us here."


def test_places_and_non_gold_shingles() -> None:
    output = "\n".join(["Headline", ABOVE, STORY[0], "Share this", STORY[1], COMMENT, STORY[1]]) + "\n"
    gold = "\n".join(["Headline", *STORY]) + "\n"
    kept = {(k.text, k.place): k for k in ke.annotate(output, gold)}
    # The first output line is the headline: left out, as `cleaner eval` leaves it out.
    assert not any(text == "Headline" for text, _ in kept)
    assert kept[ABOVE, "above"].extra == kept[ABOVE, "above"].weight == 4
    assert kept["Share this", "inside"].extra == 1
    assert kept[STORY[0], "inside"].extra == 0
    assert kept[COMMENT, "below"].extra == 11
    # The second copy of a gold paragraph (19 words, 16 shingles) is all extra, below the last gold line.
    copies = [k for k in ke.annotate(output, gold) if k.text == STORY[1]]
    assert [(k.place, k.extra) for k in copies] == [("inside", 0), ("below", 16)]


def test_a_page_with_no_gold_kept_is_nostory() -> None:
    kept = ke.annotate("Headline\nAbout us\nContact the newsroom by email\n", "Something else entirely here.\n")
    assert {k.place for k in kept} == {"nostory"}
    assert all(k.extra == k.weight for k in kept)


def test_show_refuses_what_is_not_a_tune_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert ke.main(["--show", "dragnet-dev/chromium/no-such-page"]) == 2
    assert "not a tune page of dragnet-dev" in capsys.readouterr().err
    assert ke.main(["--sets", "trafilatura-dev"]) == 2
    assert "not a gold-scored dev set" in capsys.readouterr().err
