"""`cleaner learn` on lines that mix a recurring label with parts that change: a post's pager, a cell row."""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.learning.api import learn as learn_api
from cleaner.learning.api import learn_documents_from
from cleaner.learning.select import LearnSettings
from cleaner.learning.shapes import shape_pattern, shapes_of
from cleaner.pipeline import Cleaner
from tests.valleystory import visit

MENU = ["Valley Notes", "Home", "Archive", "About"]
FOOTER = ["Subscribe to this blog's feed", "© 2012 Valley Notes"]
TOWNS = ["Ashby", "Brill", "Carno", "Dunmore", "Elton", "Frome", "Garth", "Hythe", "Ilkley"]
THINGS = ["bridge", "school", "harbour", "library", "market", "railway", "hospital", "park", "museum"]
TITLES = [  # questions: sentences, so that a pager of two of them holds prose
    "Will Ashby ever get its bridge back?",
    "Is the school of Brill ready at last?",
    "Can Carno afford a harbour of its own?",
    "Who will run the library of Dunmore now?",
    "Why did the market of Elton move uphill?",
    "When will Frome rebuild its railway halt?",
    "What does Garth want from its hospital?",
    "Where will the children of Hythe play now?",
    "How did the museum of Ilkley find its feet?",
]


def post(n: int, beside: str = "", paragraphs: int = 8) -> str:
    """A blog post: menu, the post's own pager (the titles of the posts before and after it), the story."""
    pager = f"« {TITLES[n - 1]} | Main | {TITLES[n + 1]} »"
    town, thing = TOWNS[n], THINGS[n]
    story = visit(n)[:paragraphs]
    if beside:
        # A story's sentence and a label in one line (a blog's last paragraph, then its category link).
        # A short one, so that it is a small share of the page's prose.
        story.append(f"It rained in {town} all week, and the {thing} site flooded again. | {beside}")
    return "\n".join([*MENU, "", TITLES[n], "", pager, "", *story, "", *FOOTER]) + "\n"


def records(beside: str = "", paragraphs: int = 8) -> list[dict[str, str]]:
    return [{"url": f"https://valley-notes.example/p/{n}", "text": post(n, beside, paragraphs)} for n in range(1, 8)]


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_learns_a_pager_whose_titles_change_and_keeps_the_story() -> None:
    learned = learn_api(records())
    [site] = learned.sites()
    [pager] = [r for r in site.rules if "around 'main'" in r.why]
    assert pager.kind == "drop_line" and "on 7 of 7 pages" in pager.why
    assert pager.examples[0].startswith("« ") and " | Main | " in pager.examples[0]
    cleaned = learned.cleaner().clean(post(4), url="https://valley-notes.example/p/4").text
    assert "| Main |" not in cleaned
    assert cleaned.startswith("Why did the market of Elton move uphill?\n")  # the post's own headline stays
    assert "Nobody in Elton could say when work on the market would start" in cleaned


def test_a_pager_taking_much_of_a_short_post_s_prose_is_dropped_and_reported() -> None:
    learned = learn_api(records(paragraphs=3))
    notes = learned.dropped["valley-notes.example"]
    assert any(" | Main | " in n and "of a page's prose" in n for n in notes)
    assert "around 'main'" not in learned.files["valley-notes.example"]


def test_a_pager_above_and_below_the_post_counts_its_prose_once() -> None:
    # Once, the pager's two questions are 8 % of the post's prose; printed again below the post (as
    # typepad blogs do), twice that, but the generic stage drops the second copy as a duplicate anyway.
    def twice(n: int) -> str:
        text = post(n)
        pager = next(line for line in text.split("\n") if " | Main | " in line)
        return text.replace("\n\nSubscribe", f"\n\n{pager}\n\nSubscribe")

    url = "https://valley-notes.example/p/{}"
    learned = learn_api([{"url": url.format(n), "text": twice(n)} for n in range(1, 8)])
    assert "around 'main'" in learned.files["valley-notes.example"]
    cleaned = learned.cleaner().clean(twice(4), url=url.format(4)).text
    assert "| Main |" not in cleaned and "Nobody in Elton could say when work on the market would start" in cleaned


def test_never_learns_a_story_s_sentence_beside_a_label() -> None:
    # The line's shape (any text, then "Categories") is on every page, but the text is a story's.
    learned = learn_api(records(beside="Categories"))
    text = learned.files["valley-notes.example"]
    assert "categories" not in text.lower().split("[site]")[1]
    cleaned = learned.cleaner().clean(post(3, "Categories"), url="https://valley-notes.example/p/3").text
    assert "It rained in Dunmore all week, and the library site flooded again. | Categories" in cleaned


def test_same_bytes_whatever_the_order_and_jobs() -> None:
    recs = records()
    first = learn_api(recs).files
    assert "around 'main'" in first["valley-notes.example"]
    random.Random(7).shuffle(recs)
    assert learn_api(recs).files == first
    docs = [(r["text"], f"valley-notes.example--{n}.txt") for n, r in enumerate(recs)]
    assert learn_documents_from(Cleaner(), docs, LearnSettings(), jobs=2).files == first


CELL = st.text(st.sampled_from([*"abcxyz019 .,!?«»'"]), min_size=1, max_size=12).filter(
    lambda c: c.strip() == c and "  " not in c
)
SEPARATOR = st.sampled_from([" | ", " · ", "    ", "\t|\t"])


@given(st.lists(CELL, min_size=2, max_size=6), st.lists(SEPARATOR, min_size=5, max_size=5))
def test_every_shape_s_pattern_matches_its_line(parts: list[str], seps: list[str]) -> None:
    line = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=False))
    for shape in shapes_of(line):
        assert regex.search(shape_pattern(shape), line), (line, shape)
