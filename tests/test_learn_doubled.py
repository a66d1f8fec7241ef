"""`cleaner learn` on lines that are one text twice: w3m prints a picture's alt text and its caption side by
side, so a photo gallery's every caption comes out doubled. A site whose pages show such lines gets a rule
that drops them; the story stays."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from cleaner import _core
from cleaner.learning.api import learn as learn_api
from cleaner.learning.shapes import DOUBLED, DOUBLED_CHARS, MAX_DOUBLED_CHARS, doubled
from tests.test_learn import FOOTER, MENU, THINGS, TOWNS

URL = "https://photos.example/p/{}"
SCENES = ["crowds waved flags", "a band played on", "children climbed trees", "the lights came on"]


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def page(n: int, gallery: bool) -> str:
    """A story; on a gallery page, captions above it, each printed twice (alt text, then caption)."""
    town, thing = TOWNS[n], THINGS[n]
    captions = [f"In {town} on the day the {thing} opened, {scene}." for scene in SCENES] if gallery else []
    story = [
        f"The new {thing} of {town} opened on Saturday, three years after the council first approved the plan.",
        f"Hundreds of people from {town} came to see the {thing}, and many stayed on until late in the evening.",
        f"The mayor of {town} said the {thing} had cost less than feared, and thanked the builders for their work.",
    ]
    body = [f"• {c}   {c}" if i % 2 else f"{c} {c}" for i, c in enumerate(captions)]
    return "\n".join([*MENU, "", *body, "", f"{town} opens its {thing}", "", *story, "", *FOOTER]) + "\n"


def records(galleries: set[int]) -> list[dict[str, str]]:
    return [{"url": URL.format(n), "text": page(n, n in galleries)} for n in range(8)]


def test_learns_doubled_lines_on_a_quarter_of_the_pages_and_keeps_the_story() -> None:
    learned = learn_api(records({1, 4}))
    [site] = learned.sites()
    [rule] = [r for r in site.rules if "one text twice" in r.why]
    assert rule.kind == "drop_line" and "on 2 of 8 pages" in rule.why
    out = learned.cleaner().clean(page(4, gallery=True), url=URL.format(4)).text
    assert "on the day the market opened" not in out
    assert "The mayor of Elton said the market had cost less than feared" in out


def test_doubled_lines_on_one_page_learn_nothing() -> None:
    learned = learn_api(records({4}))
    assert "one text twice" not in learned.files["photos.example"]


def test_the_rule_s_pattern_takes_what_doubled_finds() -> None:
    pattern = regex.compile(DOUBLED)
    lines = [
        "In Ashby the day the bridge opened, a band played. In Ashby the day the bridge opened, a band played.",
        "  • Crowds waved flags all along the river front.   Crowds waved flags all along the river front.",
        "Crowds waved flags all along the river front. Crowds waved flags all along the Thames.",
        "New York, New York",
        "The river broke its banks on Sunday, officials said.",
    ]
    assert [doubled(line.strip()) for line in lines] == [True, True, False, False, False]
    assert [pattern.search(line) is not None for line in lines] == [True, True, False, False, False]


def test_the_engine_s_sieve_passes_every_doubled_line_of_the_dev_dumps() -> None:
    """Pass 1 asks the engine for the lines worth testing (a loop over every line costs more than the test):
    on the dev sets' w3m dumps (where doubled lines are), it must lose none that ``doubled`` finds."""
    dumps = sorted(Path(__file__).resolve().parents[2].glob("shared/eval/*/w3m/input/*.txt"))
    if not dumps:
        pytest.skip("no dev dumps (../shared)")
    found = sieved_all = long = 0
    for path in dumps:
        text = path.read_text(encoding="utf-8")
        want = [line for line in text.split("\n") if doubled(line.strip())]
        sieved = _core.doubled_candidates(text, 2 * DOUBLED_CHARS, MAX_DOUBLED_CHARS, DOUBLED_CHARS // 2)
        assert [line for line in sieved if doubled(line.strip())] == want, path.name
        found, sieved_all = found + len(want), sieved_all + len(sieved)
        long += sum(len(line) > 2 * DOUBLED_CHARS for line in text.split("\n"))
    assert found, "the dumps hold no doubled line: the test tests nothing"
    assert sieved_all < long / 4, "the sieve keeps most long lines: it saves nothing"
