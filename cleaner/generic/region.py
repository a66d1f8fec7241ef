"""The main-content region: the densest run of prose, the headline above it, and what lies outside.

Every kept line gets a score: prose lines (long, ending like a sentence, full of the
page's stop words) count for their length, short label-like lines count against. The
run of lines with the highest total (maximum-sum subarray) is the story. The headline is
the title-like line just above it; everything before the headline is the page header
(menus, breadcrumbs, banners), everything after the story is the page footer.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from cleaner.document import Document, blank_line
from cleaner.generic.base import Heuristic
from cleaner.generic.features import Shape, shape
from cleaner.generic.lang import language_of_hits, stopword_hits, stopwords
from cleaner.generic.linematch import matches
from cleaner.model import Removal

PROSE_WORDS = 8
"""A line ending like a sentence with at least this many words is prose."""
LONG_WORDS = 20
"""A line this long is prose even without a closing stop (w3m wraps, lists of facts)."""
FULL_WEIGHT_WORDS = 25
"""Prose lines shorter than this weigh in proportion to their length (twice the words, four times the weight)."""
PROTECTED_WEIGHT = 200.0
PROSE_FLOOR = 40.0
"""Any prose line outweighs one label line: a lone `Advertisement` does not cut a story in two."""
CHARS_PER_WORD = 6
"""Weight of one word in the region score (about its length in characters)."""
LABEL_PENALTY = 30.0
"""What one short, label-like line costs the region (a menu of 5 items costs 150)."""
LIST_PENALTY = 3.0
"""What a short lower-case line (list item, ingredient) costs: little, menus are capitalised."""
REMOVED_PENALTY = 15.0
"""What a line an earlier heuristic removed costs: it is boilerplate, but often a lone marker inside the story."""
MAX_ESCALATION = 5
SHORT_REMOVED_RUN = 3
"""The k-th label line in a row costs k times the penalty, up to this factor."""
ABOVE_HEADER_MIN = 150.0
ABOVE_HEADER_SHARE = 0.3
"""Prose (region score) above a comments or related-teasers header that is a story, not a teaser or a blurb."""
TEASER_GAP = 3
TEASER_CHAIN = 3
TEASER_WEIGHT = 20.0
TEASER_MAX_WORDS = 35
HEADLINE_LOOKBACK = 12
"""How many kept lines above the story the headline may sit (bylines, captions between)."""
HEADLINE_MAX_WORDS = 35
MAX_STANDFIRST = 3
"""Prose lines (standfirst, summary) the headline may sit above."""


@dataclass(frozen=True)
class Region:
    """Kept-line positions: ``headline`` (or None), story ``first``..``last`` (inclusive)."""

    lines: list[int]
    headline: int | None
    first: int
    last: int


def _stop_share(s: Shape, sw: frozenset[str]) -> float:
    return sum(1 for w in s.words if w in sw) / len(s.words) if s.words else 0.0


def is_prose(s: Shape, sw: frozenset[str]) -> bool:
    """A line that reads like a sentence of the story.

    >>> is_prose(shape("The cat sat on the mat and looked at the dog."), frozenset())
    True
    >>> is_prose(shape("Latest news from the world"), frozenset())
    False
    """
    if s.units >= PROSE_WORDS and s.terminal:
        return True
    if not sw or not s.words:
        return s.units >= LONG_WORDS
    share = _stop_share(s, sw)
    # A long line with no stop words is a flattened menu or tag list, not a sentence.
    return (s.units >= LONG_WORDS and share >= 0.1) or (s.units >= PROSE_WORDS and share >= 0.3)


def line_score(s: Shape, sw: frozenset[str]) -> float:
    """Positive for prose (about its length), negative for a short label-like line."""
    if s.table_row:
        # A row of a table in the story (w3m and Chromium keep cells apart with tabs).
        return s.units * CHARS_PER_WORD * 0.5
    if s.glued_teaser:
        return -LABEL_PENALTY
    if is_prose(s, sw):
        # Story paragraphs are long; comments, teaser summaries and forum lines are short prose.
        return max(PROSE_FLOOR, s.units * CHARS_PER_WORD * min(1.0, s.units / FULL_WEIGHT_WORDS))
    if s.terminal and s.units >= 4:
        return s.units * CHARS_PER_WORD * 0.3
    if s.units >= 3 and s.capitalised <= 0.5:
        # Lower-case words: a list item or a line of a table in the story, not a menu entry.
        return -LIST_PENALTY
    return -LABEL_PENALTY


@dataclass(frozen=True, slots=True)
class _LineFacts:
    """What the region reads of one kept line's text (given the page's stop words)."""

    score: float
    prose: bool
    teaser_sized: bool
    """Prose short enough to be a teaser summary (``TEASER_MAX_WORDS``)."""
    titles: bool
    """Two words or more: kept right above a short prose line, a teaser's title (a step number, a lone
    label or a cross-link an earlier heuristic removed is none)."""
    ends_story: bool
    """A comments or trailing-blocks header."""


@lru_cache(maxsize=1 << 16)
def _facts(line: str, sw: frozenset[str]) -> _LineFacts:
    # Remembered: the region is found again after every heuristic, from the same lines.
    s = shape(line)
    return _LineFacts(
        score=line_score(s, sw),
        prose=is_prose(s, sw),
        teaser_sized=s.units <= TEASER_MAX_WORDS,
        titles=s.units >= 2,
        ends_story=matches("comments", line) or matches("trailing-blocks", line),
    )


def page_stopwords(doc: Document, kept: list[int]) -> frozenset[str]:
    """Stop words of the page's language (empty when it is unknown or has none)."""
    return _stopwords_of(tuple(map(doc.lines.__getitem__, kept)))


@lru_cache(maxsize=64)
def _stopwords_of(lines: tuple[str, ...]) -> frozenset[str]:
    # Every heuristic asks, on every pass; the lines are the key, their hashes are cached by Python.
    lang = language_of_hits(map(_line_hits, lines))
    return stopwords().get(lang, frozenset()) if lang else frozenset()


@lru_cache(maxsize=1 << 16)
def _line_hits(line: str) -> tuple[tuple[str, int], ...]:
    # Remembered by the line's text, whose hash Python keeps (a tuple of words is hashed on every lookup).
    return stopword_hits(shape(line).words)


def _escalate(scores: list[float], removed: list[bool]) -> list[float]:
    """Make each further kept label line in a run cost more: one short line is a sub-heading, ten are a menu.

    Lines already removed keep a flat cost while their run is short: inline cross-links and ad
    markers come in small runs inside stories.

    >>> _escalate([10.0, -1.0, -1.0, -1.0, 5.0], [False] * 5)
    [10.0, -1.0, -2.0, -3.0, 5.0]
    >>> _escalate([10.0, -1.0, -1.0, -1.0, -1.0], [False, True, True, True, True])
    [10.0, -1.0, -1.0, -1.0, -4.0]
    """
    out, run = [], 0
    for v, gone in zip(scores, removed, strict=True):
        run = run + 1 if v < 0 else 0
        factor = 1 if gone and run <= SHORT_REMOVED_RUN else min(run, MAX_ESCALATION)
        out.append(v * factor if v < 0 else v)
    return out


def _densest_run(scores: list[float]) -> tuple[int, int]:
    return _best_run(scores)[1]


def _best_run(scores: list[float]) -> tuple[float, tuple[int, int]]:
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, v in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += v
        if total > best:
            best, best_span = total, (start, i)
    return best, best_span


def _discount_teaser_lists(scores: list[float], prose: list[bool], short: list[bool]) -> list[float]:
    """Lone short prose lines under titles, several in a row, are teaser summaries: weigh them as a label.

    A chain is broken by any other prose line or by a gap of more than ``TEASER_GAP`` label lines.

    >>> _discount_teaser_lists([-30, 60, -30, 60, -30, 60], [False, True] * 3, [False, True] * 3)
    [-30, 20.0, -30, 20.0, -30, 20.0]
    >>> _discount_teaser_lists([60, 60, -30, 60], [True, True, False, True], [True, True, False, True])
    [60, 60, -30, 60]
    """
    n = len(prose)
    out = list(scores)
    chain: list[int] = []
    for i in range(n):
        if not prose[i]:
            continue
        lone = short[i] and (i == 0 or not prose[i - 1]) and (i + 1 == n or not prose[i + 1])
        if not lone or (chain and i - chain[-1] > TEASER_GAP + 1):
            _discount(out, chain)
            chain = []
        if lone:
            chain.append(i)
    _discount(out, chain)
    return out


def _discount(out: list[float], chain: list[int]) -> None:
    if len(chain) >= TEASER_CHAIN:
        for i in chain:
            out[i] = min(out[i], TEASER_WEIGHT)


def _story_run(scores: list[float], ends: list[bool]) -> tuple[int, int]:
    """The densest run, unless it starts below a header that ends a story (comments, related teasers).

    Comments, forum threads and teaser lists can outweigh a short story; when the densest
    run lies below such a header and a good share of prose stands above it, the story is
    the densest run above the first such header. One pass: the run above each header is
    the densest run found so far.
    """
    best, (a, b) = _best_run(scores)
    above, span = 0.0, (0, -1)
    total, start = 0.0, 0
    for h in range(a):
        if ends[h] and above >= max(ABOVE_HEADER_MIN, ABOVE_HEADER_SHARE * best):
            return (a, b) if _right_under_header(scores, ends, span[0]) else span
        if total <= 0:
            total, start = 0.0, h
        total += scores[h]
        if total > above:
            above, span = total, (start, h)
    return a, b


def _right_under_header(scores: list[float], ends: list[bool], at: int) -> bool:
    """Only label lines between the run and a header above it: the run is that header's teasers."""
    for i in range(at - 1, -1, -1):
        if ends[i]:
            return True
        if scores[i] > 0:
            return False
    return False


def _title_like(s: Shape) -> bool:
    return 1 <= s.units <= HEADLINE_MAX_WORDS and not s.bullet and not s.text.endswith((".", ":", ",", "|", ";"))


def _sentence_like(s: Shape) -> bool:
    return s.terminal or ". " in s.text


def _headline(doc: Document, kept: list[int], first: int, sw: frozenset[str]) -> int | None:
    """The title-like line just above the story, looking past bylines, captions and a standfirst."""
    candidates: list[int] = []
    prose_seen = 0
    for pos in range(first - 1, max(first - 1 - HEADLINE_LOOKBACK, -1), -1):
        s = shape(doc.lines[kept[pos]])
        if _title_like(s) and (s.units >= 2 or pos == 0):
            candidates.append(pos)
        elif is_prose(s, sw):
            prose_seen += 1
            if prose_seen > MAX_STANDFIRST:
                break
    if not candidates:
        # The page starts right above the story: its first line is the headline, whatever its shape.
        return 0 if 0 < first <= HEADLINE_LOOKBACK and prose_seen <= MAX_STANDFIRST else None

    def rank(pos: int) -> tuple[bool, bool, float, int]:
        s = shape(doc.lines[kept[pos]])
        return (_repeated(doc, kept, kept[pos]), not _sentence_like(s), min(s.units, 12), pos)

    return max(candidates, key=rank)


def _repeated(doc: Document, kept: list[int], at: int) -> bool:
    """The line (four words or more) shows up again in another line: a page title printed twice."""
    key = " ".join(doc.lines[at].split())
    return len(key.split()) >= 4 and any(i != at and key in doc.lines[i] for i in kept)


def main_region(doc: Document) -> Region | None:
    """Find the story's lines among the kept lines (None when there is no prose).

    Lines earlier heuristics removed still count, as label lines: they are the
    boilerplate that separates the story from teasers and comments below it.
    Several heuristics ask for the same state of a document, so the answer is remembered.
    """
    return _region_of(tuple(doc.lines), tuple(doc.alive), tuple(doc.protected))


@lru_cache(maxsize=8)
def _region_of(lines: tuple[str, ...], alive: tuple[bool, ...], protected: tuple[bool, ...]) -> Region | None:
    doc = Document(list(lines), alive=list(alive), protected=list(protected))
    kept = doc.kept_indices()
    if not kept:
        return None
    sw = page_stopwords(doc, kept)
    # A protected line (a site rule said so, or a line too long to scan) is story by decree.
    nonblank = [i for i, line in enumerate(lines) if not blank_line(line) or protected[i]]
    facts = [_facts(lines[i], sw) for i in nonblank]
    removed = [not alive[i] for i in nonblank]
    # A line is read for its text only when it is kept and not protected.
    read = [not gone and not protected[i] for i, gone in zip(nonblank, removed, strict=True)]
    scores = [
        -REMOVED_PENALTY if gone else f.score if r else PROTECTED_WEIGHT
        for gone, r, f in zip(removed, read, facts, strict=True)
    ]
    prose = [r and f.prose for r, f in zip(read, facts, strict=True)]
    # Short: teaser-sized prose under a title (the nonblank line above, alive).
    short = [
        p and f.teaser_sized and k > 0 and not removed[k - 1] and facts[k - 1].titles
        for k, (p, f) in enumerate(zip(prose, facts, strict=True))
    ]
    scores = _discount_teaser_lists(scores, prose, short)
    for k in _introduced_items(lines, nonblank, read):
        scores[k] = max(scores[k], INTRODUCED_ITEM_WEIGHT)
    scores = _escalate(scores, removed)
    ends = [f.ends_story for f in facts]
    a, b = _story_run(scores, ends)
    if b < a:
        return None
    # A dense run of prose above the story is its first half, cut off by a table or a list of labels.
    a = min((x for x, _ in _extra_runs(scores, a, b)), default=a)
    first = bisect_left(kept, nonblank[a])
    last = bisect_right(kept, nonblank[b]) - 1
    if last < first:
        return None
    opening = shape(doc.lines[kept[first]])
    if first < last and _title_like(opening) and not _sentence_like(opening):
        # A headline with enough stop words scores as prose and opens the run: it is the headline itself.
        return _unglued(doc, Region(kept, first, first + 1, last))
    return _unglued(doc, Region(kept, _headline(doc, kept, first, sw), first, last))


UNGLUE_LOOKAHEAD = 3


def _unglued(doc: Document, region: Region) -> Region:
    """The headline printed again just below with a breadcrumb glued in front (`HomeWorldThe title`) is the
    real one: the glued copy goes with the page header.

    >>> d = Document(["HomeWorldFarmers protest new rules", "Farmers protest new rules", "Body text here."])
    >>> _unglued(d, Region([0, 1, 2], 0, 1, 2)).headline
    1
    """
    h = region.headline
    if h is None:
        return region
    glued = " ".join(doc.lines[region.lines[h]].split())
    for pos in range(h + 1, min(h + 1 + UNGLUE_LOOKAHEAD, region.last + 1)):
        text = " ".join(doc.lines[region.lines[pos]].split())
        if len(text.split()) >= 4 and len(text) < len(glued) and glued.endswith(text):
            return Region(region.lines, pos, max(region.first, pos + 1), region.last)
    return region


EXTRA_MIN = 300.0
EXTRA_SHARE = 0.3
"""A run of prose above the story is kept too when it scores this much, and this share of the story's score."""


INTRODUCED_ITEM_WEIGHT = -LIST_PENALTY
"""A line of a list the story introduces with a colon (`Some of my favourites:`) costs what a list item does."""
MAX_INTRODUCED_ITEMS = 30


def _introduced_items(lines: tuple[str, ...], nonblank: list[int], read: list[bool]) -> list[int]:
    """Positions (in ``nonblank``) of the lines right under a kept line ending with a colon, in one block.

    >>> _introduced_items(("Intro:", "one", "two", "", "next"), [0, 1, 2, 4], [True] * 4)
    [1, 2]
    """
    out: list[int] = []
    for k, i in enumerate(nonblank):
        if not read[k] or not lines[i].rstrip().endswith(":"):
            continue
        j = k + 1
        while j < len(nonblank) and nonblank[j] == nonblank[j - 1] + 1 and read[j] and j - k <= MAX_INTRODUCED_ITEMS:
            out.append(j)
            j += 1
    return out


def _extra_runs(scores: list[float], a: int, b: int) -> list[tuple[int, int]]:
    """Dense runs of prose above the story run ``a..b`` (as index pairs, first to last).

    Only above: below the story, long prose is comments, teaser summaries or legal text far more often
    than a second half of the story, and the dev sets agree.

    >>> _extra_runs([200.0, 200.0, -150.0, -150.0, 500.0, 300.0], 4, 5)
    [(0, 1)]
    >>> _extra_runs([60.0, -150.0, 500.0, 300.0], 2, 3)
    []
    """
    need = max(EXTRA_MIN, EXTRA_SHARE * sum(scores[a : b + 1]))
    out = []
    lo = 0
    while lo < a:
        total, (x, y) = _best_run(scores[lo:a])
        if total < need or y < x:
            break
        out.append((lo + x, lo + y))
        lo += y + 1
    return out


def _header(doc: Document) -> list[Removal]:
    region = main_region(doc)
    if region is None:
        return []
    kept = region.lines
    top = region.headline if region.headline is not None else region.first
    out = []
    if top > 0:
        out.append(HEADER_REGION.remove_lines(doc, kept[0], kept[top]))
    if region.headline is not None:
        sw = page_stopwords(doc, kept)
        for pos in range(region.headline + 1, region.first):
            s = shape(doc.lines[kept[pos]])
            if (s.terminal and s.units >= 6) or is_prose(s, sw):
                # Bylines and dates sit right under the headline; a short line after the standfirst is a sub-heading.
                break
            out.append(HEADER_REGION.remove_lines(doc, kept[pos], kept[pos] + 1, "label between headline and story"))
    return out


def _footer(doc: Document) -> list[Removal]:
    region = main_region(doc)
    if region is None or region.last + 1 >= len(region.lines):
        return []
    tail = region.lines[region.last + 1 :]
    if len(tail) == 1 and shape(doc.lines[tail[0]]).terminal:
        # One closing sentence after the story is more likely its end than a footer: keep it.
        return []
    return [FOOTER_REGION.remove_lines(doc, tail[0], len(doc))]


HEADER_REGION = Heuristic(
    id="generic.header-region",
    reason="page header above the headline (menus, banners, breadcrumbs)",
    doc="Finds the story as the densest run of prose lines and its headline as the title-like line "
    "just above it; drops everything above the headline, and the short label lines (byline, date, "
    "picture label) between the headline and the first paragraph.",
    example="Home\nWorld\nBusiness\nSign in",
    decide=_header,
)

FOOTER_REGION = Heuristic(
    id="generic.footer-region",
    reason="page footer after the last paragraph of the story",
    doc="Drops everything after the densest run of prose: footers, link lists, teasers, legal lines. "
    "A story paragraph is long or ends like a sentence, so it is inside the run.",
    example="About us\nContact\nPrivacy policy\n© 2024 Example Media",
    decide=_footer,
)
