"""A Cleaner with learned sites beside its own: merged after a hand-written file of the same site."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.pipeline import Cleaner
from cleaner.rules import RuleFileError, SiteRules, merge_learned


def with_sites(base: Cleaner, learned: Sequence[SiteRules]) -> Cleaner:
    """A copy of ``base`` whose sites include ``learned`` (merged after a hand-written file of the same id)."""
    sites = list(base.sites)
    by_id = {s.id: i for i, s in enumerate(sites)}
    problems = []
    for site in learned:
        at = by_id.get(site.id)
        if at is None:
            by_id[site.id] = len(sites)
            sites.append(site)
            continue
        merged = merge_learned(sites[at], site)
        if merged is None:
            problems.append(f"{site.path}: site id '{site.id}' is also defined in {sites[at].path}")
        else:
            sites[at] = merged
    if problems:
        raise RuleFileError(None, problems)
    return Cleaner(
        sites=sites,
        max_loss=base.max_loss,
        force=base.force,
        metadata=base.metadata,
        max_line_chars=base.max_line_chars,
        generic=base.generic,
    )
