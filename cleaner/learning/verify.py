"""Checking chosen rules on a sample of the site's pages: a learned rule must not hide a region from the generic stage.

The generic stage drops some regions whole from a header it knows or from their shape
(comments, "Related" blocks, title lists, menus, footers). A learned rule that takes lines
inside such a region gains nothing there, and can break the region up, so that the generic
stage no longer sees it and keeps the rest. Each learned line rule is run on a sample of the
site's pages with and without the learned rules: one whose lines fall inside such regions of
the plain run at least as often as they are new removals is left to the generic stage.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from cleaner import _core
from cleaner.learning.select import LearnedSite, LearnSettings
from cleaner.learning.write import render, rule_prefix
from cleaner.pipeline import Cleaner
from cleaner.rules import parse_rule_data

_NOT_REGIONS = ("generic.ad-marker-cut", "generic.duplicate-line")


@cache
def region_heuristics() -> frozenset[str]:
    """Ids of the generic heuristics that drop regions (they decide on the document, not a line).

    >>> "generic.comments-block" in region_heuristics(), "generic.breadcrumb" in region_heuristics()
    (True, False)
    """
    return frozenset(h[0] for h in _core.heuristics() if h[4] == "document" and h[0] not in _NOT_REGIONS)


def verify(cleaner: Cleaner, learned: LearnedSite, pages: list[str]) -> LearnedSite:
    """``learned`` less the line rules that would hide the generic stage's regions on ``pages``."""
    if not pages or not any(r.kind == "drop_line" for r in learned.rules):
        return learned
    from cleaner.learning.combine import with_sites

    text = render(learned, LearnSettings(), "check")
    site = parse_rule_data(tomllib.loads(text), Path(f"<learned>/{learned.site}.toml"))
    with_rules = with_sites(cleaner, [site])
    known = learned.site if learned.site in cleaner.index.sites else None
    regions = region_heuristics()
    prefix = rule_prefix(learned.site) + "."
    inside: dict[str, int] = {}
    new: dict[str, int] = {}
    for page in pages:
        plain = cleaner.clean(page, site=known)
        in_region: set[int] = set()
        removed: set[int] = set()
        for r in plain.removed:
            if r.span is None:
                removed.update(range(r.start, r.end))
                if r.rule in regions:
                    in_region.update(range(r.start, r.end))
        for r in with_rules.clean(page, site=learned.site).removed:
            if not r.rule.startswith(prefix) or r.span is not None:
                continue
            for i in range(r.start, r.end):
                if i in in_region:
                    inside[r.rule] = inside.get(r.rule, 0) + 1
                elif i not in removed:
                    new[r.rule] = new.get(r.rule, 0) + 1
    kept = []
    for n, rule in enumerate(learned.rules, 1):
        rid = f"{prefix}{n}"
        if rule.kind == "drop_line" and inside.get(rid, 0) and inside.get(rid, 0) >= new.get(rid, 0):
            learned.left_to_generic += 1
            continue
        kept.append(rule)
    learned.rules = kept
    return learned
