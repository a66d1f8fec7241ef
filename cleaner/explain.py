"""Rendering explanations: what was removed and by which rule, and each rule's docs."""

from __future__ import annotations

from collections import Counter

from cleaner._core import URL_HEADER_REASON
from cleaner.detect import URL_HEADER_RULE
from cleaner.heuristics import HEURISTICS, heuristic_by_id
from cleaner.model import Result
from cleaner.pipeline import Cleaner

PREVIEW = 100

INPUT_RULES = {
    URL_HEADER_RULE: (
        URL_HEADER_REASON,
        "A first line `# url: ADDRESS`, as scrapers write it, names the page's address: it is used to "
        "detect the site and is not part of the article, so it is taken out.",
        "# url: https://www.wionews.com/world/some-story",
    ),
}
"""Rules of the reading step itself (not of a site file or the generic stage)."""


def _preview(text: str) -> str:
    flat = " ⏎ ".join(s.strip() for s in text.split("\n") if s.strip())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


def render_explanation(result: Result, name: str) -> str:
    """Every removal, one per line, then the count per rule.

    >>> from cleaner.model import Removal
    >>> r = Result("", removed=[Removal("ex.ad", 0, 1, "banner", text="Ad")])
    >>> print(render_explanation(r, "f.txt"), end="")
    f.txt: site none, 1 removal
      L1      ex.ad  banner: Ad
    <BLANKLINE>
      1  ex.ad
    """
    n = len(result.removed)
    lines = [f"{name}: site {result.site or 'none'}, {n} removal{'' if n == 1 else 's'}"]
    if result.held:
        lines.append(f"  held back: {result.held}")
    for r in sorted(result.removed, key=lambda r: (r.start, r.span or (0, 0))):
        where = f"L{r.lines_label()}" + (f":{r.span[0] + 1}-{r.span[1]}" if r.span else "")
        lines.append(f"  {where:<7} {r.rule}  {r.reason}: {_preview(r.text)}")
    counts = Counter(r.rule for r in result.removed)
    if counts:
        lines.append("")
        lines.extend(f"  {c}  {rid}" for rid, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return "\n".join(lines) + "\n"


def list_rules(cleaner: Cleaner) -> str:
    """One line per rule: id and reason; generic heuristics first."""
    out = [f"{rid:<40} {reason}" for rid, (reason, _, _) in INPUT_RULES.items()]
    out.extend(f"{h.id:<40} {h.reason}" for h in HEURISTICS)
    for site in sorted(cleaner.sites, key=lambda s: s.id):
        out.extend(f"{r.id:<40} {r.why}" for r in site.rules)
    return "\n".join(out) + "\n"


def _indented(example: str) -> str:
    """An example as a block: every line indented, so a multi-line example reads as one.

    >>> _indented("Home\\nWorld")
    '    Home\\n    World'
    """
    return "\n".join(f"    {line}" for line in example.split("\n"))


def describe_rule(cleaner: Cleaner, rule_id: str) -> str | None:
    """The docs of one rule or heuristic, or None when no rule has that id.

    >>> describe_rule(Cleaner(), "input.url-header").splitlines()[0]
    'input.url-header'
    """
    if rule_id in INPUT_RULES:
        reason, doc, example = INPUT_RULES[rule_id]
        return f"{rule_id}\n\nWhat it removes: {reason}\n\n{doc}\n\nExample:\n{_indented(example)}\n"
    h = heuristic_by_id(rule_id)
    if h is not None:
        return f"{h.id}\n\nWhat it removes: {h.reason}\n\n{h.doc}\n\nExample:\n{_indented(h.example)}\n"
    for site in cleaner.sites:
        for r in site.rules:
            if r.id == rule_id:
                pats = "\n".join(f"    {p.pattern}" for p in r.patterns)
                ex = "".join(f"\nExample:\n{_indented(e)}\n" for e in r.examples)
                return f"{r.id} ({r.kind}, site {site.id}, {site.path.name})\n\nWhy: {r.why}\n\nPattern:\n{pats}\n{ex}"
    return None
