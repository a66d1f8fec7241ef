"""bench/region_lost.py: how it sorts lines into kinds, and the gold share it finds the story region's
rules removing on a page whose story goes on below a box of labels (cleaned by the real engine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchscript import load_bench_script
from floodstory import FLOOD_PARAGRAPHS

from cleaner import _core

ROOT = Path(__file__).resolve().parent.parent


rl = load_bench_script("region_lost")

PARAS = FLOOD_PARAGRAPHS
# 29 words: 26 shingles.
LAST = (
    "Engineers said on Tuesday that the repairs would take most of the summer and that the town should "
    "expect the roads along the river to stay closed until autumn."
)
BOX = ["Water Levels", "North Bank", "Three Metres", "South Bank", "Two Metres", "Old Bridge", "Closed Today"]


def test_line_kinds() -> None:
    assert rl.kind_of(PARAS[0]) == "paragraph"
    # Long but not ending like a sentence: a flattened row or a long list item.
    assert rl.kind_of("Monday Tuesday Wednesday Thursday Friday Saturday Sunday and the next week") == "mid"
    assert rl.kind_of("A sentence of a few words.") == "short"
    assert rl.kind_of("Seven words and it ends like this.") == "short"
    assert rl.kind_of("Eight words here and it ends like this.") == "mid"


def test_a_paragraph_below_a_box_is_counted_as_lost_to_the_footer_region() -> None:
    engine = _core.Engine(ROOT / "rules" / "generic")
    text = "\n\n".join(["Rain at last", *PARAS, *BOX, LAST, "About us", "Contact"]) + "\n"
    gold = "\n".join(["Rain at last", *PARAS, LAST]) + "\n"
    lines = rl.annotate(engine, text, gold)
    by_text = {line.text: line for line in lines}
    # The box of seven labels ends the story: the paragraph under it goes with the page footer.
    assert by_text[LAST].rule == "generic.footer-region"
    assert by_text[LAST].gold and by_text[LAST].weight == 26.0
    assert not by_text["Water Levels"].gold
    assert all(by_text[p].rule is None for p in PARAS)
    lost = rl.lost_by_kind(lines, rl.REGION_RULES)
    # Gold: the headline (1) + 25 + 24 + 24 + 26 shingles = 100; the footer region took the last 26, a paragraph.
    assert lost["generic.footer-region"] == {"paragraph": 26 / 100, "mid": 0.0, "short": 0.0}
    assert lost["generic.header-region"] == {"paragraph": 0.0, "mid": 0.0, "short": 0.0}


def test_show_refuses_what_is_not_a_tune_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert rl.main(["--show", "dragnet-dev/chromium/no-such-page"]) == 2
    assert "not a tune page of dragnet-dev" in capsys.readouterr().err
    assert rl.main(["--show", "nonsense"]) == 2
    assert "SET/STYLE/ID" in capsys.readouterr().err
    assert rl.main(["--sets", "trafilatura-dev"]) == 2
    assert "not a gold-scored dev set" in capsys.readouterr().err


def test_a_removed_copy_of_kept_story_text_loses_nothing() -> None:
    # Removed gold lines give back only what the output lacks: a copy of a kept paragraph gives back nothing.
    kept = rl.Line(0, PARAS[0], None, True, 25.0)
    copy = rl.Line(1, PARAS[0], "generic.footer-region", True, 25.0)
    last = rl.Line(2, LAST, "generic.footer-region", True, 26.0)
    lines = rl._with_lost([kept, copy, last], "\n".join([PARAS[0], LAST]))
    assert [line.lost for line in lines] == [0.0, 0.0, 26.0]
    # The gold holds the paragraph twice and the output once: the copy gives the second back.
    lines = rl._with_lost([kept, copy], "\n".join([PARAS[0], PARAS[0]]))
    assert [line.lost for line in lines] == [0.0, 25.0]
    lost = rl.lost_by_kind(rl._with_lost([kept, copy, last], "\n".join([PARAS[0], LAST])), rl.REGION_RULES)
    # Of the gold lines' 76 shingles the footer region took 51, of which the output lacks the last paragraph's 26.
    assert lost["generic.footer-region"] == {"paragraph": 26 / 76, "mid": 0.0, "short": 0.0}
