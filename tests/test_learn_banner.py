"""`cleaner learn` on a site's banner: a sentence-like line above everything new on every page."""

from __future__ import annotations

import pytest

from cleaner.learning.api import learn as learn_api
from tests.test_learn import TOWNS
from tests.valleystory import visit

BANNER = "Valley Notes - the official blog of the valley folk"


def page(n: int, banner: str = BANNER) -> str:
    """A post that starts right below the banner (no headline line): its first line is new prose."""
    story = visit(n)[:6]
    return "\n".join(["Home", "Archive", "", banner, "", *story, "", "© 2012 Valley Notes"]) + "\n"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def recs(banner_on: range) -> list[dict[str, str]]:
    return [
        {"url": f"https://valley.example/p/{n}", "text": page(n, BANNER if n in banner_on else "About us")}
        for n in range(7)
    ]


def test_learns_the_banner_though_new_prose_follows_it() -> None:
    learned = learn_api(recs(range(7)))
    assert BANNER in learned.files["valley.example"]
    cleaned = learned.cleaner().clean(page(2), url="https://valley.example/p/2").text
    assert BANNER not in cleaned and cleaned.startswith("I went back to Carno last week")


def test_a_line_heading_new_prose_on_fewer_pages_stays() -> None:
    # On 5 of 7 pages (under the 80 % a sentence needs): it may be a story's headline listed elsewhere.
    learned = learn_api(recs(range(5)))
    assert BANNER not in learned.files["valley.example"]


def headed(n: int) -> str:
    """A post under a skip link and the banner, with its own short headline, date line and byline: the
    generic stage alone takes the banner for the headline, and the headline for a label below it."""
    head = f"Skip to main | Skip to sidebar\n{BANNER}\n\nBack in {TOWNS[n]}\n\nMonday, March {n + 3}, 2012\n\n"
    return page(n).replace(f"Home\nArchive\n\n{BANNER}\n\n", head + "Posted by Ann Lee\n\n")


def test_the_banner_s_rule_stays_when_it_gives_the_headline_back() -> None:
    from cleaner.pipeline import Cleaner

    url = "https://valley.example/p/2"
    plain = Cleaner().clean(headed(2), url=url).text
    assert "Back in Carno" not in plain.splitlines()  # what the check sees as a region the rule breaks up
    learned = learn_api([{"url": f"https://valley.example/p/{n}", "text": headed(n)} for n in range(7)])
    assert BANNER in learned.files["valley.example"]
    cleaned = learned.cleaner().clean(headed(2), url=url).text
    assert cleaned.startswith("Back in Carno\n\nI went back to Carno last week")
