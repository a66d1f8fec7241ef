"""The Python API: clean(), Result fields, and a Cleaner that pickles and is shared by threads."""

from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, Removal
from cleaner.pipeline import REMOVAL_FIELDS, _removal

STORY = (
    "Harbour bridge reopens after repairs\n"
    "By Maria Gomez\n"
    "Published 12 March 2024, 09:15\n"
    "Updated 12 March 2024, 11:40\n"
    "\n"
    "Advertisement\n"
    "\n"
    "The harbour bridge reopened to traffic on Tuesday after eight months of repairs, the city said.\n"
    "\n"
    "Engineers replaced the deck and two of the four cables, and the work finished under budget.\n"
)


def _docs(n: int) -> list[str]:
    # Documents that differ, so a thread mixing up state between calls would show.
    return [STORY.replace("eight months", f"{i} months").replace("Gomez", f"Go{_letters(i)}") for i in range(n)]


def _letters(i: int) -> str:
    return "".join(chr(ord("a") + int(d)) for d in f"{i:03}")


def test_clean_reports_text_title_removals_and_metadata() -> None:
    r = cleaner.clean(STORY)
    assert "Advertisement" not in r.text
    assert r.text.startswith("Harbour bridge reopens after repairs\n")
    assert r.title == "Harbour bridge reopens after repairs"
    ads = [x for x in r.removed if x.rule == "generic.ad-marker-line"]
    assert [(x.start, x.end, x.text) for x in ads] == [(5, 6, "Advertisement")]
    assert ads[0].reason
    assert r.metadata == {
        "published": "12 March 2024, 09:15",
        "updated": "12 March 2024, 11:40",
        "byline": "Maria Gomez",
    }


def test_metadata_can_be_turned_off() -> None:
    assert Cleaner(metadata=False).clean(STORY).metadata == {}


def test_cleaner_is_callable_str_to_str() -> None:
    c = Cleaner()
    assert c(STORY) == c.clean(STORY).text
    assert isinstance(c(STORY), str)


def test_pickle_round_trip_gives_the_same_output() -> None:
    c = Cleaner()
    again = pickle.loads(pickle.dumps(c))
    for doc in _docs(5):
        assert again.clean(doc) == c.clean(doc)


def test_threads_sharing_one_cleaner_get_what_one_thread_gets() -> None:
    c = Cleaner()
    docs = _docs(200)
    expected = [c.clean(d) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(c.clean, docs))
    assert got == expected
    assert len({r.metadata["byline"] for r in got}) == 200


def test_a_rule_timeout_crosses_process_boundaries_intact() -> None:
    # A --jobs worker sends its exception to the parent pickled.
    from cleaner.rules import Rule
    from cleaner.safe_regex import RuleTimeoutError

    err = RuleTimeoutError(Rule("site.slow", "cut", "why", (), source="rules/sites/site.toml"))
    again = pickle.loads(pickle.dumps(err))
    assert (type(again), str(again), again.rule_id) == (RuleTimeoutError, str(err), "site.slow")


GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_details_off_gives_the_same_cleaning_and_counts_each_rules_removals() -> None:
    # The CLI's plain-file path asks for counts alone when no sidecar or report needs the removals.
    c = Cleaner()
    inputs = [STORY] + [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*/*.in.txt"))]
    assert len(inputs) > 20
    for text in inputs:
        full, counted = c.clean(text), c.clean(text, details=False)
        assert (counted.text, counted.title, counted.site, counted.held) == (
            full.text,
            full.title,
            full.site,
            full.held,
        )
        assert counted.removed == [] and counted.metadata == {}
        first_seen: dict[str, int] = {}
        for r in full.removed:
            first_seen[r.rule] = first_seen.get(r.rule, 0) + 1
        assert counted.rule_counts == first_seen
        assert list(counted.rule_counts) == list(first_seen)  # the order ties are shown in
        assert counted.counts() == full.counts()
    assert any(len(c.clean(t, details=False).rule_counts or {}) > 2 for t in inputs)


def test_removals_built_through_their_slots_are_the_dataclass_ones() -> None:
    # `clean` builds each Removal without the frozen dataclass's __init__ (pipeline._removal).
    assert tuple(f.name for f in dataclasses.fields(Removal)) == REMOVAL_FIELDS
    row = ("generic.ad-marker-line", 3, 4, "advertisement marker line", (0, 13), "Advertisement")
    built = _removal(*row)
    assert type(built) is Removal
    assert built == Removal(*row)
    assert hash(built) == hash(Removal(*row))
    assert pickle.loads(pickle.dumps(built)) == built
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.rule = "other"  # type: ignore[misc]
    c = Cleaner()
    rows = c.engine.clean(STORY, metadata=False)[2]
    assert rows
    assert c.clean(STORY).removed == [Removal(*r) for r in rows]
