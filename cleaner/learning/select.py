"""From the evidence of the two passes to a site's rules: what recurs enough, and never the story.

A line becomes a ``drop_line`` rule when it stands on at least ``min_share`` of the site's
pages, or on ``beside_share`` of that when it sits next to such lines wherever it stands (a
sidebar's list of the latest posts). A line that reads like a sentence must stand on
``prose_share`` of them, or on ``min_share`` with such lines on both sides (a disclaimer): a
quote repeated across a series of articles is story, not site. A sentence, or a line bordering none of
the template's lines, that ends the story wherever it stands (new prose above it, below it little prose
or a comment thread, not the top of a footer that recurs whole) must stand on ``prose_share`` of the
pages even with one of them left out: that is where a story of its own may close (a recipe's credit, a
copyright request under the recipe, a sign-off), and on a small site a few of its stories share one.
A recurring line after which
everything recurs becomes a ``drop_from`` rule (a footer), one before which everything
recurs a ``drop_before`` rule (a header, capped at the deepest place it was seen). A recurring
line that stands below new prose wherever it stands, with little prose below it or only a comment
thread, ends the story: a ``drop_from`` rule too (of it and the footer, whichever takes more lines). A line
followed by new prose on any page introduces a story there (its headline, listed in a
sidebar on the other pages, or a sub-heading of the site's template): it stays; a line of signs
only (``-``, ``—————``: w3m's borders) holds no headline, and is a line rule, never an anchor. Lines
the generic stage already knows as bylines or date lines are left to it: some corpora keep
them. A rule that would take more than ``max_prose`` of a page's prose on any page of the
site is dropped, and the drop is reported (a comment thread below the end of a story is not counted as
the page's prose).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner import _core
from cleaner.learning.count import LineEvidence
from cleaner.learning.normalise import (
    MAX_KEY_CHARS,
    has_letter,
    is_date_part,
    is_rule_line,
    joined_pattern,
    key_pattern,
)

LEFT_TO_GENERIC = ("generic.metadata-line", "generic.date-line")
"""Heuristics whose lines a learned rule never takes (bylines and date lines, which some corpora keep)."""

REGION_HEADERS = ("comments", "trailing-blocks", "author-boxes")
"""Phrase files of the headers from which the generic stage drops a whole region (comments, "Related
posts"): a learned rule that took the header would hide the region from it, and leave the region."""


@dataclass(frozen=True)
class LearnSettings:
    """How much evidence a learned rule needs.

    >>> LearnSettings().threshold(40)
    20
    """

    min_pages: int = 5
    """Sites with fewer pages are not learned."""
    min_share: float = 0.5
    """Share of a site's pages a line must stand on."""
    prose_share: float = 0.8
    """Share a sentence-like line must stand on (stories repeat quotes; sites repeat disclaimers)."""
    max_prose: float = 0.1
    """Largest share of a page's prose one learned rule may take, on any page of the site."""
    beside_share: float = 0.5
    """A line that borders the site's template (lines on ``min_share`` of the pages) wherever it stands
    needs this share of ``min_share`` (a sentence: of ``prose_share``): a sidebar's list, a disclaimer."""
    beside_all: float = 0.8
    """Share of a line's pages on which it must border the template to count as part of it."""

    def threshold(self, pages: int) -> int:
        """Pages a line must stand on, for a site of ``pages`` pages (never fewer than 2)."""
        return max(2, math.ceil(self.min_share * pages - 1e-9))

    def beside_threshold(self, pages: int) -> int:
        """Pages a line that borders the template must stand on (see ``beside_share``).

        >>> LearnSettings().beside_threshold(40), LearnSettings().beside_threshold(5)
        (10, 2)
        """
        return max(2, math.ceil(self.beside_share * self.min_share * pages - 1e-9))


@dataclass(frozen=True)
class LearnedRule:
    """One rule to write: its kind, pattern, cap, the evidence in words, and examples."""

    kind: str
    pattern: str
    why: str
    examples: tuple[str, ...]
    max_lines: int = 0
    key: str = ""
    """For a line rule: the normalised line it stands for."""
    pages: int = 0
    """For a line rule: the pages the line stands on."""


@dataclass
class LearnedSite:
    """A site's learned rules, and what was left out and why."""

    site: str
    pages: int
    rules: list[LearnedRule] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """One line per rule dropped because it would take story prose."""
    left_to_generic: int = 0


def select(
    site: str,
    pages: int,
    lines: dict[int, tuple[str, int, LineEvidence]],
    settings: LearnSettings,
    generic_knows: Callable[[str], bool],
) -> LearnedSite:
    """Choose a site's rules from its recurring lines (hash -> key, pass-1 count, evidence).

    ``generic_knows(line)`` tells whether the generic stage knows a line as a byline, a date
    line or a region's header (see ``GenericKnows``).
    """
    out = LearnedSite(site, pages)
    need = settings.threshold(pages)
    prose_need = max(need, math.ceil(settings.prose_share * pages - 1e-9))
    beside_need = settings.beside_threshold(pages)
    candidates: list[tuple[str, int, LineEvidence]] = []
    for key, count, ev in sorted(lines.values(), key=lambda t: t[0]):
        n = min(count, ev.pages)
        signs = is_rule_line(key)
        if n < beside_need or not (has_letter(key) or signs) or len(key) > MAX_KEY_CHARS or not ev.examples:
            continue
        # A sentence must stand between the template's lines (a disclaimer); a quote ends a story.
        among = (ev.between if ev.prose else ev.beside) >= settings.beside_all * n
        if n < (prose_need if ev.prose else need) and not among:
            continue
        if ev.prose and n < need:
            continue  # a sentence on few pages, even among the template's lines: a story's, quoted
        if not signs and _closes_story(ev, n, pages, settings):
            continue  # the last line of some of the site's stories (a recipe's credit), not of the site
        if not signs and is_date_part(key):
            continue  # a dateline's month or weekday: the same on a month's pages, not the site's template
        if ev.leads_story and not signs and not _banner(ev, n, prose_need):
            continue  # new prose follows it somewhere: a headline or a sub-heading of the story there
        if any(generic_knows(ex) for ex in ev.examples):
            out.left_to_generic += 1
            continue
        if ev.max_prose_share > settings.max_prose:
            out.dropped.append(
                f"line {ev.examples[0]!r}: would take {ev.max_prose_share:.0%} of a page's prose "
                f"(limit {settings.max_prose:.0%})"
            )
            continue
        candidates.append((key, n, ev))

    header = _best(
        [
            (ev.head_lines, key, n, ev)
            for key, n, ev in candidates
            if ev.head_ok >= need and ev.head_bad_min > ev.head_ok_max and not ev.prose and has_letter(key)
        ]
    )
    if header is not None:
        key, n, ev = header
        out.rules.append(
            LearnedRule(
                "drop_before",
                key_pattern(key),
                f"header: every line above it recurs, on {ev.head_ok} of {pages} pages (learned)",
                tuple(ev.examples),
                max_lines=ev.head_ok_max + 1,
                key=key,
            )
        )
    footers = []
    for key, n, ev in candidates:
        if not has_letter(key):
            continue  # a rule or a dash anchors nothing: it stands between any two parts of a page
        if ev.tail_ok < need or ev.tail_ok < 0.8 * n:
            continue
        if ev.tail_max_share > settings.max_prose:
            out.dropped.append(
                f"footer line {ev.examples[0]!r}: would take {ev.tail_max_share:.0%} of a page's prose "
                f"(limit {settings.max_prose:.0%})"
            )
            continue
        footers.append((ev.tail_lines, key, n, ev))
    strict = {key for _, key, _, _ in footers}
    footers += _story_ends(lines, need, settings)
    footer = _best(footers)
    if footer is not None:
        key, n, ev = footer
        why = (
            f"footer: every line from it on recurs, on {ev.tail_ok} of {pages} pages (learned)"
            if key in strict
            else f"end of the story: new prose above it; below it, a comment thread or little prose, "
            f"on {n} of {pages} pages (learned)"
        )
        out.rules.append(LearnedRule("drop_from", key_pattern(key), why, tuple(ev.examples), key=key))
    anchors = {r.pattern for r in out.rules}
    for key, n, ev in sorted(candidates, key=lambda t: (-t[1], t[0])):
        pattern = key_pattern(key)
        if pattern in anchors:
            continue
        out.rules.append(
            LearnedRule(
                "drop_line", pattern, f"on {n} of {pages} pages (learned)", tuple(ev.examples), key=key, pages=n
            )
        )
    return out


def _banner(ev: LineEvidence, n: int, prose_need: int) -> bool:
    """Whether a line is the site's banner: on ``prose_need`` pages or more, and above everything new on
    each of them (every line above it recurs). New prose right below it is the story's first line, not a
    sign that it heads a story: a story's headline stands so on its own page only (a blog's name and
    tagline, which w3m prints on one line, from an image's text and the title beside it)."""
    return n >= prose_need and ev.head_ok >= n


def _closes_story(ev: LineEvidence, n: int, pages: int, settings: LearnSettings) -> bool:
    """Whether a line on ``n`` of a site's ``pages`` pages may be where some of its stories end, not the site.

    It ends the story wherever it stands: new prose above it, below it at most ``max_prose`` of the
    page's prose or only a comment thread, and on some page new lines below it (on every page all that
    follows recurring, it is the top of the site's footer). A sentence there, or a line bordering none of
    the template's lines, is what an author may close a post with (a recipe's "Source:" line, a request
    not to copy the recipe, a sign-off) as well as what a site closes every story with (a reprint
    notice): it is the site's only on ``prose_share`` of the pages with one of them left out, as one
    page of a small site is a large share of the evidence. On 4 of 5 pages it is not (3 of 4 is below
    80 %); on 15 of 16 it is.

    >>> def end(n, **more): return LineEvidence(pages=n, prose=True, beside=n, story_above=n, **more)
    >>> s = LearnSettings()
    >>> _closes_story(end(4), 4, 5, s), _closes_story(end(5), 5, 5, s), _closes_story(end(15), 15, 16, s)
    (True, False, False)
    >>> _closes_story(end(4, tail_ok=4), 4, 5, s)  # all that follows it recurs: a footer's top
    False
    """
    if not (ev.prose or ev.beside == 0):
        return False
    if ev.story_above < ev.pages or ev.tail_ok >= ev.pages or ev.rest_share_max > settings.max_prose:
        return False
    return n - 1 < settings.prose_share * (pages - 1) - 1e-9


def _story_ends(
    lines: dict[int, tuple[str, int, LineEvidence]], need: int, settings: LearnSettings
) -> list[tuple[int, str, int, LineEvidence]]:
    """Lines that end the story wherever they stand (scored by the lines they would take): on ``need``
    pages or more, always below new prose, and with at most ``max_prose`` of a page's prose below them
    unless that prose is a comment thread (a post's share row, "Comments", "Previous post")."""
    out = []
    for key, count, ev in lines.values():
        n = min(count, ev.pages)
        if n < need or ev.prose or not has_letter(key) or len(key) > MAX_KEY_CHARS or not ev.examples:
            continue
        # The names' pattern last: most recurring lines fail the counts first.
        if ev.story_above < ev.pages or ev.rest_share_max > settings.max_prose or is_date_part(key):
            continue
        out.append((ev.rest_lines, key, n, ev))
    return out


def _best(
    scored: list[tuple[int, str, int, LineEvidence]],
) -> tuple[str, int, LineEvidence] | None:
    """The candidate taking the most lines (ties: the smallest key, so that the choice is stable)."""
    if not scored:
        return None
    _, key, n, ev = min(scored, key=lambda t: (-t[0], t[1]))
    return key, n, ev


class GenericKnows:
    """Whether the generic stage knows a line as a byline, a date line or the header of a region it drops."""

    def __init__(self, engine: _core.Engine) -> None:
        self.engine = engine

    def __call__(self, line: str) -> bool:
        """>>> from cleaner.pipeline import engine
        >>> k = GenericKnows(engine()); k("By Ann Lee"), k("12 Comments"), k("Home")
        (True, True, False)
        """
        e = self.engine
        return any(e.line_test(rid, line) for rid in LEFT_TO_GENERIC) or any(
            e.matches(table, line) for table in REGION_HEADERS
        )


LINES_PER_RULE = 25
"""Recurring lines one written ``drop_line`` rule takes: each pattern scans every page once, so a site's
hundred lines as a hundred rules would make cleaning many times slower than four rules do."""


def grouped(learned: LearnedSite, size: int = LINES_PER_RULE) -> LearnedSite:
    """``learned`` with its line rules joined, ``size`` lines a rule (most pages first), into alternations.

    >>> rules = [LearnedRule("drop_line", key_pattern(k), "", (k.title(),), key=k, pages=p)
    ...          for k, p in (("home", 9), ("news", 10), ("sport", 8))]
    >>> g = grouped(LearnedSite("ex.com", 10, rules), size=2)
    >>> for r in g.rules: print(r.pattern, "|", r.why, "|", r.examples)
    (?i)^\\s*(?:news|home)\\s*$ | 2 recurring lines, each on 9 to 10 of 10 pages (learned) | ('News', 'Home')
    (?i)^\\s*(?:sport)\\s*$ | a recurring line, on 8 of 10 pages (learned) | ('Sport',)
    """
    lines = sorted((r for r in learned.rules if r.kind == "drop_line" and r.key), key=lambda r: (-r.pages, r.key))
    others = [r for r in learned.rules if not (r.kind == "drop_line" and r.key)]
    joined = []
    for at in range(0, len(lines), size):
        part = lines[at : at + size]
        low, high = min(r.pages for r in part), max(r.pages for r in part)
        if len(part) == 1:
            why = f"a recurring line, on {high} of {learned.pages} pages (learned)"
        else:
            span = f"{low} to {high}" if low != high else f"{high}"
            why = f"{len(part)} recurring lines, each on {span} of {learned.pages} pages (learned)"
        pattern = joined_pattern([r.key for r in part])
        joined.append(LearnedRule("drop_line", pattern, why, tuple(r.examples[0] for r in part)))
    learned.rules = others + joined
    return learned
