"""The two passes over a site's pages: count line hashes, then gather evidence on the lines that recur.

Pass 1 keeps 8 bytes per distinct line of a page (its key's hash), never the line. Pass 2
looks again at each page, now knowing which hashes recur, and gathers for each recurring
line what the rule writer needs: on how many pages it stands, a few real examples, how much
of a page's prose it holds, and whether everything above it (a header) or below it (a
footer) recurs too. Every figure is a count, a maximum, a minimum or a sorted selection, so
the outcome does not depend on the order of the pages, nor on how they were split into
batches or over processes.
"""

from __future__ import annotations

import weakref
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from cleaner import _core
from cleaner.learning.normalise import engine_keys, key_hash, keyed, page_hashes, prose_words
from cleaner.learning.shapes import shape_hashes

EXAMPLES = 3
"""Examples kept per recurring line: the smallest distinct ones, so that any order gives the same."""

THREAD_RUNS = 3
"""Runs of new prose below a line, each parted from the next by a recurring line, that make a thread."""

FOOTER_STRAY = 0.1
"""Share of lines below a footer line that may be new (seen on this page only) for it to stay a footer."""

_SPLIT = 1 << 21
"""Hashes counted at a time when a site has more (bounds the counter's memory)."""


@dataclass
class Tally:
    """Pass 1: pages per site and, per site, the hashes of every page's distinct lines."""

    pages: dict[str, int] = field(default_factory=dict)
    hashes: dict[str, array[int]] = field(default_factory=dict)

    def add(self, site: str, text: str) -> bytes:
        """Count one page of a site; returns the hashes of its lines, for pass 2 (see line_hashes)."""
        self.pages[site] = self.pages.get(site, 0) + 1
        hashes = self.hashes.setdefault(site, array("Q"))
        distinct, lines = line_hashes(text)
        hashes.extend(distinct)
        hashes.extend(shape_hashes(text))
        return lines

    def merge(self, other: Tally) -> None:
        """Add another tally's pages (from a worker)."""
        for site, n in other.pages.items():
            self.pages[site] = self.pages.get(site, 0) + n
        for site, arr in other.hashes.items():
            self.hashes.setdefault(site, array("Q")).extend(arr)

    def recurring(self, site: str) -> dict[int, int]:
        """Hashes seen on two pages or more of a site, with their page counts; frees the site's hashes."""
        arr = self.hashes.pop(site, array("Q"))
        if len(arr) <= _SPLIT:
            return {h: n for h, n in Counter(arr).items() if n >= 2}
        out: dict[int, int] = {}
        parts = -(-len(arr) // _SPLIT)
        for part in range(parts):
            # The top bits pick the part, so a hash's every copy falls in the same part.
            c = Counter(h for h in arr if (h >> 40) % parts == part)
            out.update((h, n) for h, n in c.items() if n >= 2)
        return out


def line_hashes(text: str) -> tuple[list[int], bytes]:
    """The distinct hashes of a text's non-blank lines, sorted (see page_hashes), and the hash of its every
    line as the engine takes them back in pass 2 (``_core.LineKeys.gather_hashed``); ``b""`` for a text
    the engine cannot take (a lone surrogate), which pass 2 keys again.

    >>> distinct, lines = line_hashes("Home\\n\\nHome")
    >>> distinct == page_hashes("Home"), len(lines), line_hashes("Home\\ud800")[1]
    (True, 24, b'')
    """
    try:
        return engine_keys().line_hashes(text)
    except UnicodeEncodeError:
        return page_hashes(text), b""


@dataclass
class LineEvidence:
    """What pass 2 saw of one recurring line over the pages of its site."""

    key: str = ""
    pages: int = 0
    examples: list[str] = field(default_factory=list)
    prose: bool = False
    max_prose_share: float = 0.0
    head_ok: int = 0
    head_ok_max: int = -1
    head_bad_min: int = 1 << 60
    head_lines: int = 0
    tail_ok: int = 0
    tail_max_share: float = 0.0
    tail_lines: int = 0
    leads_story: int = 0
    """Pages where the next line is new prose: the line introduces a story there (a headline)."""
    beside: int = 0
    """Pages where the line borders (next non-blank line up or down) a line of the site's template: one
    on ``min_share`` of the pages that is no sentence. A line of a menu, a sidebar list or a disclaimer
    sits among such lines; a quote of a story, among the story's own lines."""
    between: int = 0
    """Pages where the lines on both sides of it (or the page's end) are of the site's template."""
    story_above: int = 0
    """Pages with new prose (lines seen on this page only) above it: the story starts before it."""
    rest_share_max: float = 0.0
    """Largest share of a page's prose below it, over the pages where what follows is no thread."""
    rest_thread: int = 0
    """Pages where the new prose below it is a thread: THREAD_RUNS runs or more, parted by lines of a
    shape the page repeats THREAD_RUNS times or more (each comment's "Reply", or its "NAME on DATE"),
    none of them holding half its words (a story below it would be one long run)."""
    rest_lines: int = 0
    """Non-blank lines from it to the end, over all its pages."""

    def merge(self, o: LineEvidence) -> None:
        """Fold in another batch's evidence on the same line."""
        self.key = min(self.key, o.key) if self.key and o.key else self.key or o.key
        self.pages += o.pages
        self.examples = sorted(set(self.examples) | set(o.examples))[:EXAMPLES]
        self.prose = self.prose or o.prose
        self.max_prose_share = max(self.max_prose_share, o.max_prose_share)
        self.head_ok += o.head_ok
        self.head_ok_max = max(self.head_ok_max, o.head_ok_max)
        self.head_bad_min = min(self.head_bad_min, o.head_bad_min)
        self.head_lines += o.head_lines
        self.tail_ok += o.tail_ok
        self.tail_max_share = max(self.tail_max_share, o.tail_max_share)
        self.tail_lines += o.tail_lines
        self.leads_story += o.leads_story
        self.beside += o.beside
        self.between += o.between
        self.story_above += o.story_above
        self.rest_share_max = max(self.rest_share_max, o.rest_share_max)
        self.rest_thread += o.rest_thread
        self.rest_lines += o.rest_lines


Evidence = dict[str, dict[int, LineEvidence]]
"""Per site, per recurring line hash."""


def merge_evidence(into: Evidence, other: Evidence) -> None:
    """Fold a batch's evidence into the whole run's."""
    for site, lines in other.items():
        mine = into.setdefault(site, {})
        for h, ev in lines.items():
            if h in mine:
                mine[h].merge(ev)
            else:
                mine[h] = ev


@dataclass(frozen=True, eq=False)
class SiteSets:
    """The hashes pass 2 looks at on a site's pages (each set holds the next one's lines and more).

    Compared and hashed by identity: a process looks its engine copy up by it, once per page.
    """

    recurring: frozenset[int]
    """Lines seen on two pages or more: what a header or a footer may be made of."""
    frequent: frozenset[int]
    """Rule candidates: lines on enough pages to be learned when they sit among the template's lines."""
    common: frozenset[int]
    """Lines on ``min_share`` of the pages: the template, as far as the counts tell."""


def gather_page(text: str, sets: SiteSets, out: dict[int, LineEvidence]) -> None:
    """Pass 2 on one page: evidence on each frequent line it holds (at its first occurrence).

    The engine computes the same (see gather); this is for the pages it cannot take, and what it is
    tested against.
    """
    frequent, recurring, common = sets.frequent, sets.recurring, sets.common
    raw = text.split("\n")
    keys, hashes = keyed(text)
    words = [prose_words(line) if k else 0 for line, k in zip(raw, keys, strict=True)]
    total_prose = sum(words)
    n = len(raw)
    # Below line i: non-blank lines, new lines (not recurring), prose of lines that are no rule candidate.
    below_lines = [0] * (n + 1)
    below_new = [0] * (n + 1)
    below_prose = [0] * (n + 1)
    # Runs of new prose below line i, a line of a shape the page repeats ending a run (see
    # LineEvidence.rest_thread): each comment's "Reply", or its "NAME on DATE" line.
    on_page = Counter(hashes)
    below_runs = [0] * (n + 1)
    below_run_words = [0] * (n + 1)
    below_longest = [0] * (n + 1)
    in_run = False
    run_words = 0
    for i in range(n - 1, -1, -1):
        h = hashes[i]
        below_lines[i] = below_lines[i + 1] + (1 if h else 0)
        below_new[i] = below_new[i + 1] + (1 if h and h not in recurring else 0)
        below_prose[i] = below_prose[i + 1] + (words[i] if h and h not in frequent else 0)
        below_runs[i] = below_runs[i + 1]
        below_run_words[i] = below_run_words[i + 1]
        below_longest[i] = below_longest[i + 1]
        if h and not words[i] and on_page[h] >= THREAD_RUNS:
            in_run = False
        elif h and words[i] and h not in recurring:
            if not in_run:
                in_run, run_words = True, 0
                below_runs[i] += 1
            run_words += words[i]
            below_run_words[i] += words[i]
            below_longest[i] = max(below_longest[i], run_words)
    prose_of: dict[int, int] = {}
    for h, w in zip(hashes, words, strict=True):
        if h in frequent:
            prose_of[h] = prose_of.get(h, 0) + w
    seen: set[int] = set()
    above_all_recurring = True
    new_prose_above = 0
    filled = [i for i, h in enumerate(hashes) if h]
    for at, i in enumerate(filled):
        h = hashes[i]
        if h in frequent and h not in seen:
            seen.add(h)
            ev = out.get(h)
            if ev is None:
                ev = out[h] = LineEvidence(key=keys[i])
            ev.pages += 1
            line = raw[i].strip()
            if line not in ev.examples and (len(ev.examples) < EXAMPLES or line < ev.examples[-1]):
                ev.examples = sorted([*ev.examples, line])[:EXAMPLES]
            ev.prose = ev.prose or words[i] > 0
            if total_prose:
                ev.max_prose_share = max(ev.max_prose_share, prose_of[h] / total_prose)
                ev.tail_max_share = max(ev.tail_max_share, below_prose[i + 1] / total_prose)
            if above_all_recurring:
                ev.head_ok += 1
                ev.head_ok_max = max(ev.head_ok_max, i)
                ev.head_lines += at + 1
            else:
                ev.head_bad_min = min(ev.head_bad_min, i)
            nxt = filled[at + 1] if at + 1 < len(filled) else -1
            if nxt >= 0 and words[nxt] and hashes[nxt] not in recurring:
                ev.leads_story += 1
            prev = filled[at - 1] if at else -1
            template = [j < 0 or (hashes[j] in common and not words[j]) for j in (prev, nxt)]
            if any(t and j >= 0 for t, j in zip(template, (prev, nxt), strict=True)):
                ev.beside += 1
            if all(template):
                ev.between += 1
            if below_new[i + 1] <= FOOTER_STRAY * below_lines[i + 1]:
                ev.tail_ok += 1
                ev.tail_lines += below_lines[i + 1] + 1
            if new_prose_above:
                ev.story_above += 1
            if below_runs[i + 1] >= THREAD_RUNS and 2 * below_longest[i + 1] <= below_run_words[i + 1]:
                ev.rest_thread += 1
            elif total_prose:
                ev.rest_share_max = max(ev.rest_share_max, below_prose[i + 1] / total_prose)
            ev.rest_lines += below_lines[i + 1] + 1
        if h not in recurring:
            above_all_recurring = False
            new_prose_above += words[i]


SAMPLE_PAGES = 4
"""Pages per site kept to check the chosen rules on (see cleaner.learning.verify)."""

Sample = dict[str, list[tuple[int, str]]]
"""Per site, the pages with the smallest text hashes (so that any order keeps the same ones)."""


def merge_sample(into: Sample, other: Sample) -> None:
    """Fold a batch's sample into the run's, keeping the SAMPLE_PAGES smallest per site."""
    for site, pages in other.items():
        into[site] = sorted(set(into.get(site, [])) | set(pages))[:SAMPLE_PAGES]


_ENGINE_SETS: weakref.WeakKeyDictionary[SiteSets, _core.SiteSets] = weakref.WeakKeyDictionary()
"""A site's sets as the engine holds them, built once per process (a worker reads many batches)."""


def _engine_sets(sets: SiteSets) -> _core.SiteSets:
    found = _ENGINE_SETS.get(sets)
    if found is None:
        found = _ENGINE_SETS[sets] = _core.SiteSets(list(sets.recurring), list(sets.frequent), list(sets.common))
    return found


def _from_row(row: tuple[int, str, list[str], bool, list[int], list[float]]) -> LineEvidence:
    """A line's evidence as the engine gathered it (see ``_core.SiteEvidence.rows``)."""
    _h, key, examples, prose, counts, shares = row
    pages, head_ok, head_ok_max, head_bad_min, head_lines, tail_ok, tail_lines, *rest = counts
    leads_story, beside, between, story_above, rest_thread, rest_lines = rest
    max_prose_share, tail_max_share, rest_share_max = shares
    return LineEvidence(
        key=key,
        pages=pages,
        examples=examples,
        prose=prose,
        max_prose_share=max_prose_share,
        head_ok=head_ok,
        head_ok_max=head_ok_max,
        head_bad_min=head_bad_min,
        head_lines=head_lines,
        tail_ok=tail_ok,
        tail_max_share=tail_max_share,
        tail_lines=tail_lines,
        leads_story=leads_story,
        beside=beside,
        between=between,
        story_above=story_above,
        rest_share_max=rest_share_max,
        rest_thread=rest_thread,
        rest_lines=rest_lines,
    )


Gathered = dict[str, _core.SiteEvidence]
"""Per site, pass 2's evidence as the engine holds it (see gather)."""


def merge_gathered(into: Gathered, other: Gathered) -> None:
    """Fold a batch's engine evidence into the run's (the batch's is taken: left empty)."""
    for site, found in other.items():
        if site in into:
            into[site].merge(found)
        else:
            into[site] = found


def evidence_of(gathered: Gathered, rest: Evidence) -> Evidence:
    """The run's evidence: the engine's, as LineEvidence, and that of the pages it could not take."""
    out: Evidence = {site: {row[0]: _from_row(row) for row in found.rows()} for site, found in gathered.items()}
    merge_evidence(out, rest)
    return out


def gather(
    pages: Iterable[tuple[str, str]], sets: dict[str, SiteSets], hashed: Iterable[bytes] | None = None
) -> tuple[Gathered, Evidence, Sample]:
    """Pass 2 over ``(site, text)`` pages (sites without sets are skipped): the evidence, and a sample of
    each site's pages.

    The engine gathers the evidence (``_core.SiteEvidence``: the figures of gather_page, without the
    interpreter; merged there too, batch after batch); a page it cannot take (a lone surrogate) goes
    through gather_page, into the second part. ``hashed``, one per page, are the hashes of its lines
    that pass 1 made (see line_hashes; ``b""``: none), which the engine takes rather than keying the
    page's every line again.
    """
    out: Evidence = {}
    sample: Sample = {}
    engine: Gathered = {}
    keys = engine_keys()
    for (site, text), lines in zip(pages, repeat(b"") if hashed is None else hashed, strict=hashed is not None):
        found = sets.get(site)
        if found is None:
            continue
        if site not in engine:
            engine[site] = _core.SiteEvidence(_engine_sets(found))
        try:
            if lines:
                keys.gather_hashed(text, lines, engine[site])
            else:
                keys.gather(text, engine[site])
            # The engine hashes the UTF-8 text the gather above made: no second copy, encoded here.
            h = _core.line_key_hash(text)
        except UnicodeEncodeError:
            gather_page(text, found, out.setdefault(site, {}))
            h = key_hash(text)
        merge_sample(sample, {site: [(h, text)]})
    return engine, out, sample
