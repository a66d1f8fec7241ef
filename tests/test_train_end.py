"""bench/train_end.py: how it labels the stretches the story region cuts, and that the engine runs the model file
it writes only on the stretches it decides (and refuses one that does not fit its features)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from benchscript import load_bench_script

from cleaner import _core

ts = load_bench_script("train_scorer")
te = load_bench_script("train_end")

P = "The council met on Monday and agreed to spend more on the roads of the town next year."
BOX = "Sport\nWeather\nTravel\nCulture\nMusic\n\n"
ABOVE = "Readers in the town have written to us about the roads for years, and here is why."
BELOW = "The mayor said the plan would be paid back within ten years by the road tax."
PAGE = f"{ABOVE}\n\n{BOX}Council to mend the roads\n\n{P}\n\n{P} Again.\n\n{P} Twice.\n\n{BOX}{BELOW}\n"


def test_a_stretch_is_labelled_by_the_gold_the_output_lacks() -> None:
    page = ts.Page("dragnet-dev", "chromium", "p", "site", PAGE, gold="unused")
    lines = ["Title", "The mayor said the plan would be paid back soon.", "Home"]
    gold = Counter(ts._shingles(ts._TOKEN.findall("The mayor said the plan would be paid")))
    # 10 words, 7 shingles; the gold the output lacks holds the first 5 of them, once each.
    assert te.stretch_label(page, lines, 1, 2, gold, 20) == (5 / 7, 7 / 20)
    # A copy the output already holds gains nothing.
    assert te.stretch_label(page, lines, 1, 2, Counter(), 20) == (0.0, 7 / 20)
    # Short lines have no shingle: they tell nothing.
    assert te.stretch_label(page, lines, 2, 3, gold, 20) is None


def _always_story(tmp_path: Path, name: str, side: str) -> _core.Engine:
    """An engine whose end model reads every stretch it decides as story (one leaf of +5)."""
    names = list(_core.end_features())
    leaf = ts.Tree([-1], [0.0], [0], [0], [5.0])
    model = te.fenced(ts.Booster(0.0, [leaf], None), names, side, False)
    return te.engine_with(ts.render(model, 0.5, names, "a test model"), tmp_path, name)


def test_the_engine_runs_the_written_model_on_the_side_it_decides_only(tmp_path: Path) -> None:
    lines, rows = _core.Engine(ts.GENERIC).end_rows(PAGE)
    assert [(lines[a], x[-1]) for a, _, x in rows] == [(ABOVE, 1.0), (BELOW, 0.0)]
    plain = te.engine_with(None, tmp_path, "plain").clean(PAGE, metadata=False)[0]
    assert ABOVE not in plain and BELOW not in plain
    below = _always_story(tmp_path, "below", "below").clean(PAGE, metadata=False)[0]
    assert ABOVE not in below and BELOW in below
    both = _always_story(tmp_path, "both", "both").clean(PAGE, metadata=False)[0]
    assert ABOVE in both and BELOW in both
    assert "Sport" not in both


def test_an_end_model_of_other_features_is_refused_naming_the_file(tmp_path: Path) -> None:
    d = tmp_path / "generic"
    shutil.copytree(ts.GENERIC, d)
    (d / te.MODEL_FILE).write_text('features = ["words"]\nbase = 0.0\nthreshold = 0.5\n')
    with pytest.raises(ValueError, match=r"learned-end\.toml.*retrain with bench/train_end\.py"):
        _core.Engine(d)
