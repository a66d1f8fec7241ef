"""`cleaner learn` on lines of signs only (``-``, ``—————``): w3m prints them where a browser draws a border,
between a post's pictures and paragraphs. They hold no word of the story, but a run of them beside the
pictures' labels looks to the generic stage like the end of the story, and it drops the rest."""

from __future__ import annotations

import pytest

from cleaner.learning.api import learn as learn_api
from cleaner.learning.count import LineEvidence
from cleaner.learning.normalise import is_rule_line, key_hash, key_of
from cleaner.learning.select import LearnSettings, select
from cleaner.pipeline import Cleaner
from tests.test_learn import FOOTER, MENU, THINGS, TOWNS

WAYS = ["past", "near", "behind", "round", "under", "beyond", "along", "across", "over", "by"]
URL = "https://walks.example/p/{}"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def walk(n: int, dash: str = "-") -> str:
    """A photo post: seven stops, each a paragraph, a picture and a dash; one more picture; three more stops."""
    town, thing = TOWNS[n], THINGS[n]

    def stop(k: int) -> list[str]:
        said = f"Stop {k + 1} of our walk in {town} took us {WAYS[k]} the {thing}, where we stopped for a while"
        said += " and talked."
        return [said, "", f"[{town.lower()}-{thing}-{k}]", "", dash, ""]

    lines = [*MENU, "", f"A day out in {town}", ""]
    for k in range(7):
        lines += stop(k)
    lines += [f"[{town.lower()}-{thing}-more]", "", dash, ""]
    for k in range(7, 10):
        lines += stop(k)
    lines += [
        f"Anyone else slightly fond of {town} and its {thing}? We will surely be back there next year.",
        "",
        *FOOTER,
    ]
    return "\n".join(lines) + "\n"


def test_a_rule_on_every_page_is_learned_and_gives_the_story_back() -> None:
    # w3m's border under each picture: a run of dashes too long to pass for a picture's mark (a lone "-"
    # between paragraphs the story region passes over, see generic.footer-region), so the generic stage
    # alone ends the story at the first picture.
    rule = "—————"
    plain = Cleaner().clean(walk(2, rule), url=URL.format(2)).text
    assert "Stop 10 of our walk" not in plain
    assert "Stop 10 of our walk" in Cleaner().clean(walk(2, dash=""), url=URL.format(2)).text
    learned = learn_api([{"url": URL.format(n), "text": walk(n, rule)} for n in range(8)])
    [site] = learned.sites()
    assert any(r.kind == "drop_line" and rule in r.examples for r in site.rules)
    out = learned.cleaner().clean(walk(2, rule), url=URL.format(2)).text
    assert "Stop 1 of our walk" in out and "Stop 10 of our walk" in out and "Anyone else slightly fond" in out
    assert f"\n{rule}\n" not in out


def test_a_line_of_signs_anchors_no_header_or_footer() -> None:
    # Everything above it recurs on every page (a header's last line), and everything below it (a
    # footer's first): a rule or a dash stands between any two parts of a page, so it is only a line.
    def seen(key: str, above: int, below: int) -> tuple[str, int, LineEvidence]:
        """A line on all 8 pages, with ``above`` / ``below`` recurring lines over them, all of the page's
        lines above it recurring when ``above`` (a header's last line), all below it when ``below``."""
        head, tail = 8 if above else 0, 8 if below else 0
        ev = LineEvidence(key, 8, [key], head_ok=head, head_ok_max=9, head_lines=above, tail_ok=tail, tail_lines=below)
        return key, 8, ev

    # The dash, lower on the pages than the menu's line and higher than the footer's, would take the most
    # lines as either anchor.
    lines = {key_hash(k): seen(k, a, b) for k, a, b in (("—————", 80, 80), ("menu", 40, 0), ("about us", 0, 40))}
    site = select("walks.example", 8, lines, LearnSettings(), lambda _line: False)
    assert {(r.kind, r.key) for r in site.rules} == {
        ("drop_before", "menu"),
        ("drop_from", "about us"),
        ("drop_line", "—————"),
    }


def test_signs_with_a_number_or_a_word_are_no_line_of_signs() -> None:
    assert is_rule_line(key_of("- - -")) and is_rule_line(key_of("● ●"))
    assert not is_rule_line(key_of("1 | 2")) and not is_rule_line(key_of("« Home »")) and not is_rule_line("")
