"""Rule cases, sqlfluff style: every shipped rule's examples are taken by that rule, its counterexamples are not.

Then each rule kind on small hand-made documents: it works, and it does not reach past what it should.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.paths import default_rules_dir
from cleaner.rules import KINDS, Rule, SiteRules, load_sites, parse_rule_data
from cleaner.sitestage import site_removals

SITES = load_sites([default_rules_dir()])
RULES = [(site, rule) for site in SITES for rule in site.rules]
HEADLINE = "Minister meets envoy in the capital"
STORY = "The minister said on Friday that the talks would go on next week in the capital, officials said."


def _case_id(case: tuple[SiteRules, Rule]) -> str:
    return case[1].id


def _lines_for(rule: Rule, text: str) -> tuple[list[str], list[int]]:
    """A small document holding ``text`` where the rule's kind looks for it, and the indices of its lines."""
    body = text.split("\n")
    if rule.kind == "drop_in_head":
        assert rule.patterns[1].search(STORY), f"{rule.id}: its 'end' pattern must match a plain story line"
        return [HEADLINE, "", *body, "", STORY], [i + 2 for i, s in enumerate(body) if s.strip()]
    return body, [i for i, s in enumerate(body) if s.strip()]


def _taken(site: SiteRules, rule: Rule, text: str) -> list[bool]:
    """For each line of ``text``: did ``rule`` alone remove it, cut from it, or (protect) protect it?"""
    lines, targets = _lines_for(rule, text)
    alone = SiteRules(site.id, site.name, (), (), 1, (rule,), site.path)
    if rule.kind == "protect":
        doc = Document(list(lines))
        site_removals(doc, alone)
        return [doc.protected[i] for i in targets]
    # As a user's run applies it: the engine calls the site stage and applies what it decides (no generic stage).
    cleaner = Cleaner(sites=[alone], generic=False, force=True, metadata=False)
    done = [r for r in cleaner.clean("\n".join(lines), site=alone.id).removed if r.rule == rule.id]
    return [any(r.start <= i < max(r.end, r.start + 1) for r in done) for i in targets]


@pytest.mark.parametrize("case", RULES, ids=_case_id)
def test_rule_has_cases(case: tuple[SiteRules, Rule]) -> None:
    site, rule = case
    assert rule.examples, f"{rule.id} ({site.path.name}) has no examples"
    assert rule.counterexamples, f"{rule.id} ({site.path.name}) has no counterexamples"


@pytest.mark.parametrize("case", RULES, ids=_case_id)
def test_rule_examples_are_taken(case: tuple[SiteRules, Rule]) -> None:
    site, rule = case
    for example in rule.examples:
        assert all(_taken(site, rule, example)), f"{rule.id}: example not taken by the rule: {example!r}"


@pytest.mark.parametrize("case", RULES, ids=_case_id)
def test_rule_counterexamples_are_left(case: tuple[SiteRules, Rule]) -> None:
    site, rule = case
    for counter in rule.counterexamples:
        assert not any(_taken(site, rule, counter)), f"{rule.id}: counterexample taken by the rule: {counter!r}"


# --- each kind on hand-made documents -------------------------------------------------------------

PARA_1 = "The talks began on Monday morning and went on late into the night, aides said."
PARA_2 = "Both sides agreed to meet again within a month to settle the remaining points."


def _cleaner(*rules: dict[str, Any]) -> Cleaner:
    data = {"site": {"id": "ex.com", "signatures": ["Ex Media"]}, "rule": list(rules)}
    return Cleaner(sites=[parse_rule_data(data, Path("ex.com.toml"))], generic=False)


def _clean(text: str, *rules: dict[str, Any]) -> str:
    cl = _cleaner(*rules)
    out = cl.clean(text, site="ex.com").text
    assert cl.clean(out, site="ex.com").text == out, "cleaning is not idempotent"
    return out


def _doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_drop_line_drops_only_matching_lines() -> None:
    rule = {"id": "ex.share", "kind": "drop_line", "pattern": "^Share this$", "why": "share row"}
    text = _doc("Title", "", "Share this", "", PARA_1, "Share this article with a friend, she said.", "Share this")
    assert _clean(text, rule) == _doc("Title", "", PARA_1, "Share this article with a friend, she said.")


def test_drop_from_drops_to_the_end_and_stops_at_max_lines() -> None:
    rule = {"id": "ex.footer", "kind": "drop_from", "pattern": "^Comments$", "why": "footer"}
    text = _doc("Title", "", PARA_1, "", "Comments", "", "nice story", "", "© Ex Media")
    assert _clean(text, rule) == _doc("Title", "", PARA_1)
    capped = dict(rule, max_lines=3)
    assert _clean(text, capped) == _doc("Title", "", PARA_1, "", "© Ex Media")


def test_drop_from_without_its_marker_changes_nothing() -> None:
    rule = {"id": "ex.footer", "kind": "drop_from", "pattern": "^Comments$", "why": "footer"}
    text = _doc("Title", "", PARA_1, "", "Comments are closed, the judge said of the hearing.")
    assert _clean(text, rule) == text


def test_drop_before_drops_the_head_only_when_near_the_top() -> None:
    rule = {"id": "ex.menu", "kind": "drop_before", "pattern": "^Skip to content$", "why": "menu", "max_lines": 4}
    text = _doc("Home", "News", "Skip to content", "Title", "", PARA_1)
    assert _clean(text, rule) == _doc("Title", "", PARA_1)
    late = _doc("Title", "", PARA_1, "", PARA_2, "Skip to content", "", PARA_2 + " Again.")
    assert _clean(late, rule) == late


def test_drop_block_drops_between_markers_and_leaves_an_open_block() -> None:
    rule = {"id": "ex.promo", "kind": "drop_block", "start": "^Newsletter$", "end": "^Sign up$", "why": "promo"}
    text = _doc("Title", "", PARA_1, "", "Newsletter", "Get our news daily", "Sign up", "", PARA_2)
    assert _clean(text, rule) == _doc("Title", "", PARA_1, "", PARA_2)
    open_block = _doc("Title", "", PARA_1, "", "Newsletter", "", PARA_2)
    assert _clean(open_block, rule) == open_block


def test_drop_block_max_lines_keeps_a_block_that_is_too_long() -> None:
    rule = {"id": "ex.promo", "kind": "drop_block", "start": "^Newsletter$", "end": "^Sign up$", "why": "promo"}
    text = _doc("Title", "", "Newsletter", PARA_1, PARA_2, "Sign up")
    assert _clean(text, dict(rule, max_lines=3)) == text


def test_cut_keeps_the_rest_of_the_line() -> None:
    rule = {"id": "ex.ad", "kind": "cut", "pattern": r"\s*\[AD\]\s*$", "why": "ad label"}
    text = _doc("Title", "", PARA_1 + "[AD]", "", PARA_2)
    assert _clean(text, rule) == _doc("Title", "", PARA_1, "", PARA_2)


def test_protect_keeps_a_line_inside_a_dropped_range() -> None:
    rules = (
        {"id": "ex.keep", "kind": "protect", "pattern": "^KEY QUOTES$", "why": "story sub-heading"},
        {"id": "ex.menu", "kind": "drop_before", "pattern": "^Menu end$", "why": "menu"},
    )
    text = _doc("KEY QUOTES", "Menu", "Menu end", PARA_1)
    assert _clean(text, *rules) == _doc("KEY QUOTES", PARA_1)


def test_drop_in_head_drops_between_headline_and_story_only() -> None:
    rule = {
        "id": "ex.label",
        "kind": "drop_in_head",
        "pattern": r"^[^.]*$",
        "end": r"[.!?]$",
        "why": "picture label",
    }
    text = _doc("Title", "", "A picture label", "", PARA_1, "", "A sub-heading", "", PARA_2)
    assert _clean(text, rule) == _doc("Title", "", PARA_1, "", "A sub-heading", "", PARA_2)


def test_drop_in_head_without_a_story_line_changes_nothing() -> None:
    rule = {"id": "ex.label", "kind": "drop_in_head", "pattern": r"^[^.]*$", "end": r"[.!?]$", "why": "label"}
    text = _doc("Title", "", "A picture label", "", "Another label")
    assert _clean(text, rule) == text


def test_drop_in_head_skips_lines_earlier_rules_took() -> None:
    rules = (
        {"id": "ex.crumb", "kind": "drop_line", "pattern": "^• ", "why": "breadcrumb"},
        {"id": "ex.label", "kind": "drop_in_head", "pattern": r"^[^.]*$", "end": r"[.!?]$", "why": "label"},
    )
    text = _doc("• Home", "• World", "Title", "", "A picture label", "", PARA_1)
    assert _clean(text, *rules) == _doc("Title", "", PARA_1)


def test_drop_in_head_max_lines_keeps_a_long_head() -> None:
    rule = {"id": "ex.label", "kind": "drop_in_head", "pattern": r"^[^.]*$", "end": r"[.!?]$", "why": "label"}
    text = _doc("Menu", "", "Title", "", "A picture label", "", PARA_1)
    assert _clean(text, dict(rule, max_lines=1)) == text
    assert _clean(_doc("Title", "", "A picture label", "", PARA_1), dict(rule, max_lines=1)) == _doc(
        "Title", "", PARA_1
    )


def _readme_rules() -> list[tuple[SiteRules, Rule]]:
    readme = default_rules_dir() / "README.md"
    blocks = re.findall(r"```toml\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    data = tomllib.loads('[site]\nid = "readme.example"\n' + "".join(blocks))
    site = parse_rule_data(data, readme)
    return [(site, rule) for rule in site.rules]


def test_readme_shows_every_kind_with_working_cases() -> None:
    cases = _readme_rules()
    assert {rule.kind for _, rule in cases} == set(KINDS)
    for site, rule in cases:
        assert rule.examples and rule.counterexamples, rule.id
        for example in rule.examples:
            assert all(_taken(site, rule, example)), f"README {rule.id}: example not taken: {example!r}"
        for counter in rule.counterexamples:
            assert not any(_taken(site, rule, counter)), f"README {rule.id}: counterexample taken: {counter!r}"
