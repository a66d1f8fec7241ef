"""``--ignore`` / ``ignore = [...]``: rules a run does not apply, as ruff's ``--ignore`` (ids or families).

An entry is a rule id (``generic.caption``, ``investing.byline``) or, ending with a dot, the prefix of a
family (``generic.``: every generic heuristic; ``investing.``: a site's rules). ``cleaner rule`` lists
the ids. An entry that names no rule is an error that says which ids come closest, so a typo is never
silently a rule left on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class UnknownRuleError(ValueError):
    """An ignore entry that names no known rule; ``entry`` is the entry as given."""

    def __init__(self, entry: str, known: Sequence[str]) -> None:
        import difflib  # only an error needs it: the hook's start-up does not pay for it

        self.entry = entry
        close = difflib.get_close_matches(entry, known, n=3, cutoff=0.75)
        if not close:
            close = [k for k in known if entry in k][:3]  # "caption" for generic.caption
        if not close:
            families = sorted({k.split(".", 1)[0] + "." for k in known})
            close = difflib.get_close_matches(entry, families, n=3, cutoff=0.75)
        hint = f"; closest: {', '.join(close)}" if close else ""
        super().__init__(f"unknown rule '{entry}'{hint} (`cleaner rule` lists them)")


def resolve_ignore(entries: Iterable[str], known: Sequence[str]) -> frozenset[str]:
    """The ids of ``known`` that ``entries`` name: each entry an id, or a prefix ending with ``.``.

    >>> known = ["generic.caption", "generic.teaser", "site.byline"]
    >>> sorted(resolve_ignore(["generic.", "site.byline"], known))
    ['generic.caption', 'generic.teaser', 'site.byline']
    >>> resolve_ignore(["generic.captio"], known)
    Traceback (most recent call last):
    ...
    cleaner.ignore.UnknownRuleError: unknown rule 'generic.captio'; closest: generic.caption (`cleaner rule` lists them)
    """
    out: set[str] = set()
    for entry in entries:
        if entry.endswith("."):
            family = {k for k in known if k.startswith(entry)}
        else:
            family = {entry} if entry in known else set()
        if not family:
            raise UnknownRuleError(entry, known)
        out |= family
    return frozenset(out)
