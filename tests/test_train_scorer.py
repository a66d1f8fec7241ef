"""bench/train_scorer.py: how it labels lines from a gold text or snippets, and that the engine reads the
model file it writes (and refuses one that does not fit its features)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from benchscript import load_bench_script

from cleaner import _core

# numpy comes with the `train` extra, which .ci/run installs: the test fails, not skips, without it.


ts = load_bench_script("train_scorer")


def test_a_line_is_story_when_most_of_its_shingles_are_in_the_gold() -> None:
    lines = ["Title", "The cat sat on the mat all day long.", "Home", "Share this", "The cat sat on a chair instead."]
    gold = "The cat sat on the mat all day long.\nHome\n"
    labels = ts.gold_labels(lines, [1, 2, 3, 4], gold)
    # 9 words: 6 shingles, all in the gold; short lines count once, when they are a gold line.
    assert labels[1] == (1.0, 6.0)
    assert labels[2] == (1.0, 1.0)
    assert labels[3] == (0.0, 1.0)
    # Of its 4 shingles only "The cat sat on" is in the gold.
    assert labels[4] == (0.0, 4.0)


def test_snippets_label_the_lines_they_fall_on_and_leave_others_out() -> None:
    lines = ["Title", "A cat", "sat here.", "", "Menu", "Other"]
    labels = ts.snippet_labels(lines, [1, 2, 4, 5], ["cat sat"], ["Menu"])
    # A `with` snippet over two lines gives each half its weight.
    assert labels == {1: (1.0, 0.5), 2: (1.0, 0.5), 4: (0.0, 1.0)}


def test_the_engine_reads_the_model_file_the_trainer_writes(tmp_path: Path) -> None:
    names = list(_core.learned_features())
    rng = np.random.default_rng(0)
    x = rng.random((400, len(names)))
    short = names.index("block_short")
    y = (x[:, short] < 0.5).astype(float)
    model = ts.fit(x, y, np.ones(len(y)), trees=3, depth=2, rate=0.5, min_child=1.0)
    # The first tree splits on the one feature that decides, near its true cut.
    assert model.trees[0].feature[0] == short
    assert abs(model.trees[0].cut[0] - 0.5) < 0.05
    assert ((model.proba(x) > 0.5) == (y == 1)).mean() > 0.95
    text = ts.render(model, 0.3, names, "a test model")
    engine = ts.engine_with(text, tmp_path, "good")
    assert engine.clean("Title\n\nThe rain fell all day on the town and its fields.\n")[0].startswith("Title")


def test_a_model_file_of_other_features_is_refused_naming_the_file(tmp_path: Path) -> None:
    d = tmp_path / "generic"
    shutil.copytree(ts.GENERIC, d)
    (d / ts.MODEL_FILE).write_text('features = ["words"]\nbase = 0.0\nthreshold = 0.5\n')
    with pytest.raises(ValueError, match=r"learned-block\.toml.*retrain with bench/train_scorer\.py"):
        _core.Engine(d)
