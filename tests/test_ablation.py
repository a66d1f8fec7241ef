"""bench/ablation.py's table: one row per ignored rule, deltas against the full stage, costliest rule first."""

from __future__ import annotations

from collections import Counter

from tests.benchscript import load_bench_script

ablation = load_bench_script("ablation")


def test_rows_are_the_tune_deltas_in_thousandths_sorted_by_their_sum() -> None:
    base = {"a/chromium": 0.9000, "a/w3m": 0.8000}
    runs = {
        "generic.x": {"a/chromium": 0.8900, "a/w3m": 0.7950},  # ignoring it loses: a useful rule
        "generic.y": {"a/chromium": 0.9020, "a/w3m": 0.8000},  # ignoring it gains: a candidate
    }
    text = ablation.table(base, runs, Counter({"generic.x": 12}))
    assert text.splitlines() == [
        "| ignored | tune lines removed | a/chromium | a/w3m | sum |",
        "|---|---:|---:|---:|---:|",
        "| (none: tune F1) | | 0.9000 | 0.8000 | |",
        "| `generic.y` | 0 | +2.0 | +0.0 | +2.0 |",
        "| `generic.x` | 12 | -10.0 | -5.0 | -15.0 |",
    ]
