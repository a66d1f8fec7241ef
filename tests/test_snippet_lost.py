"""bench/snippet_lost.py: which snippets a cleaning misses and leaks, and the rule it names for each miss
(cleaned by the real engine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchscript import load_bench_script
from floodstory import FLOOD_PARAGRAPHS

from cleaner import _core

ROOT = Path(__file__).resolve().parent.parent

sl = load_bench_script("snippet_lost")

STORY = FLOOD_PARAGRAPHS
FOOTER = ["Most read", "Storm closes the ferry for a week", "Mayor opens the new library", "Contact"]


def test_misses_name_the_rule_and_leaks_are_listed() -> None:
    engine = _core.Engine(ROOT / "rules" / "generic")
    text = "\n\n".join(["Rain at last", *STORY, *FOOTER]) + "\n"
    loss = sl.page_loss(
        engine,
        text,
        # Kept; taken with the teaser box; not in the dump at all.
        ["the council met to decide", "Mayor opens the new library", "A sentence the browser never printed"],
        ["Contact", "Rain at last"],
    )
    assert loss.missed == [
        ("generic.trailing-block", "Mayor opens the new library"),
        (sl.NOT_IN_DUMP, "A sentence the browser never printed"),
    ]
    # The headline stays (the metric keeps it), so its `without` snippet is a leak; the footer's is not.
    assert loss.leaked == ["Rain at last"]


def test_missing_eval_dir_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sl.main(["--eval-dir", str(tmp_path)]) == 2
    assert "no trafilatura-dev/index.json" in capsys.readouterr().err
