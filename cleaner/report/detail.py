"""What a report shows beyond the counts: a histogram, tallies per rule and per site, and a few documents.

Collected only when a run is asked for a report (``--report`` / ``--summary-json``), in each worker's
partial record, and merged in input order. Everything kept is bounded whatever the run's size: the
histogram has fixed bins, tallies grow with the number of rules and sites (not documents), and only
a few documents are kept, each cut to a fixed number of lines and characters:

- the ones that lost the most and the least of their text;
- a sample of fixed size, chosen by a seeded hash of each document's name (bottom-k sampling), so two
  runs over the same files show the same sample whatever ``--jobs`` or the engine;
- the first ones the safety valve held back, with what would have been removed;
- the first problems of each kind (errors, skipped files, records passed through, malformed lines).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner.document import normalise_newlines, split_lines
from cleaner.model import Result

HISTOGRAM_BINS = 20
"""Bins of the share removed after the "nothing removed" one: 5 % each."""

REASONS_PER_RULE = 3
"""Distinct reasons kept per rule (site rules give one; a few heuristics word theirs per case)."""

NOTE_KINDS = ("error", "held", "skipped", "passed-through", "malformed")
"""Kinds of problem a report lists, in the order the page shows them."""


@dataclass(frozen=True)
class DetailSpec:
    """How much a report keeps: the sample's seed and size, and every cap.

    >>> DetailSpec().sample, DetailSpec(seed=3).seed
    (20, 3)
    """

    seed: int = 0
    sample: int = 20
    """Documents in the seeded sample."""
    extremes: int = 10
    """Documents kept at each end: those that lost the most, and the least."""
    held: int = 10
    """Documents held back by the safety valve shown with what would have gone."""
    notes: int = 100
    """Problems listed per kind (the rest are counted)."""
    doc_lines: int = 400
    """Lines shown per document."""
    doc_chars: int = 40_000
    """Characters shown per document."""
    line_chars: int = 2_000
    """Characters shown per line."""


def share_removed(bytes_in: int, bytes_out: int) -> float:
    """The share of a text's bytes that cleaning took away, between 0 and 1.

    >>> share_removed(200, 150), share_removed(0, 0), share_removed(10, 11)
    (0.25, 0.0, 0.0)
    """
    if bytes_in <= 0:
        return 0.0
    return min(1.0, max(0.0, (bytes_in - bytes_out) / bytes_in))


def share_bin(share: float) -> int:
    """The histogram bin of a share removed: 0 for nothing, else 1..20 for (0, 5 %] ... (95 %, 100 %].

    >>> [share_bin(s) for s in (0.0, 0.001, 0.05, 0.051, 0.5, 1.0)]
    [0, 1, 1, 2, 10, 20]
    """
    if share <= 0:
        return 0
    return min(HISTOGRAM_BINS, max(1, math.ceil(round(share * HISTOGRAM_BINS, 9))))


def bin_label(index: int) -> str:
    """A bin as the page and the JSON name it.

    >>> bin_label(0), bin_label(1), bin_label(20)
    ('0 %', '0-5 %', '95-100 %')
    """
    if index == 0:
        return "0 %"
    step = 100 // HISTOGRAM_BINS
    return f"{(index - 1) * step}-{index * step} %"


def sample_key(seed: int, where: str) -> int:
    """A document's place in the seeded sample: a stable 64-bit hash of the seed and its name.

    >>> sample_key(0, "a.txt") == sample_key(0, "a.txt") != sample_key(1, "a.txt")
    True
    """
    import hashlib  # only runs with a report need it (the hook's start-up does not)

    digest = hashlib.blake2b(f"{seed}\0{where}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def rule_kind(rule: str) -> str:
    """What made a removal: a generic heuristic, a site rule, or the reading step.

    >>> rule_kind("generic.ad-marker-line"), rule_kind("investing.byline"), rule_kind("input.url-header")
    ('heuristic', 'site rule', 'input')
    """
    if rule.startswith("generic."):
        return "heuristic"
    if rule.startswith("input."):
        return "input"
    return "site rule"


@dataclass(frozen=True)
class Cut:
    """One removal as a document view draws it: 0-based lines ``start``..``end`` (exclusive), or a span."""

    rule: str
    start: int
    end: int
    reason: str
    span: tuple[int, int] | None = None


@dataclass
class DocView:
    """One document as the page shows it: its first lines and the removals that fall on them."""

    where: str
    site: str | None
    bytes_in: int
    bytes_out: int
    held: str | None
    lines: list[str]
    total_lines: int
    cuts: list[Cut]
    key: int
    removals: int
    """Removals in the whole document (``cuts`` only has those on the lines shown)."""
    clipped: bool = False
    """Lines were left out or shortened to keep the page small."""

    @property
    def share(self) -> float:
        """The share of the document's text removed (0 when held back: nothing was).

        >>> DocView("a.txt", None, 200, 50, None, [], 0, [], 0, 3).share
        0.75
        """
        return share_removed(self.bytes_in, self.bytes_out)


def make_view(where: str, original: str, result: Result, key: int, spec: DetailSpec) -> DocView:
    """A document's view: at most ``spec.doc_lines`` lines and ``spec.doc_chars`` characters.

    >>> from cleaner.model import Removal
    >>> r = Result("Story\\n", removed=[Removal("generic.ad-marker-line", 1, 2, "advertisement marker")])
    >>> v = make_view("a.txt", "Story\\nAdvertisement\\n", r, 0, DetailSpec())
    >>> v.lines, v.cuts[0].rule, v.share
    (['Story', 'Advertisement'], 'generic.ad-marker-line', 0.7)
    """
    all_lines = split_lines(normalise_newlines(original))
    lines: list[str] = []
    chars = 0
    clipped = False
    for line in all_lines[: spec.doc_lines]:
        if len(line) > spec.line_chars:
            line = line[: spec.line_chars] + "…"
            clipped = True
        if chars + len(line) > spec.doc_chars:
            break
        lines.append(line)
        chars += len(line)
    clipped = clipped or len(lines) < len(all_lines)
    cuts = [Cut(r.rule, r.start, r.end, r.reason, r.span) for r in result.removed if r.start < len(lines)]
    return DocView(
        where=where,
        site=result.site,
        bytes_in=len(original.encode("utf-8", "surrogatepass")),
        bytes_out=len(result.text.encode("utf-8", "surrogatepass")),
        held=result.held,
        lines=lines,
        total_lines=len(all_lines),
        cuts=cuts,
        key=key,
        removals=len(result.removed),
        clipped=clipped,
    )


@dataclass
class RuleTally:
    """What one rule or heuristic removed over the run."""

    removals: int = 0
    lines: int = 0
    """Whole lines removed (an inline cut removes part of a line and counts none)."""
    bytes: int = 0
    documents: int = 0
    reasons: list[str] = field(default_factory=list)

    def add_reason(self, reason: str) -> None:
        """Keep a reason not seen yet, up to REASONS_PER_RULE.

        >>> t = RuleTally()
        >>> for why in ("menu", "menu", "a", "b", "c"):
        ...     t.add_reason(why)
        >>> t.reasons
        ['menu', 'a', 'b']
        """
        if reason not in self.reasons and len(self.reasons) < REASONS_PER_RULE:
            self.reasons.append(reason)

    def merge(self, other: RuleTally) -> None:
        """Add another part's tally of the same rule.

        >>> t = RuleTally(1, 1, 14, 1, ["ad"])
        >>> t.merge(RuleTally(2, 3, 40, 1, ["ad", "banner"]))
        >>> t
        RuleTally(removals=3, lines=4, bytes=54, documents=2, reasons=['ad', 'banner'])
        """
        self.removals += other.removals
        self.lines += other.lines
        self.bytes += other.bytes
        self.documents += other.documents
        for reason in other.reasons:
            self.add_reason(reason)


@dataclass
class SiteTally:
    """The documents of one site (or of none) and how much of their text went."""

    documents: int = 0
    changed: int = 0
    held: int = 0
    bytes_in: int = 0
    bytes_out: int = 0

    def merge(self, other: SiteTally) -> None:
        """Add another part's tally of the same site.

        >>> t = SiteTally(1, 1, 0, 100, 60)
        >>> t.merge(SiteTally(2, 1, 1, 50, 50))
        >>> t
        SiteTally(documents=3, changed=2, held=1, bytes_in=150, bytes_out=110)
        """
        self.documents += other.documents
        self.changed += other.changed
        self.held += other.held
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out


@dataclass(frozen=True)
class Note:
    """A problem worth listing: where (a file, ``file:line``, ``file: row N``) and why."""

    where: str
    reason: str


def _removed_bytes(lines: list[str], start: int, end: int, span: tuple[int, int] | None) -> tuple[int, int]:
    """Whole lines and bytes a removal took from ``lines`` (its line ending included)."""
    if span is not None:
        line = lines[start] if start < len(lines) else ""
        return 0, len(line[span[0] : span[1]].encode("utf-8", "surrogatepass"))
    taken = lines[start:end]
    return len(taken), sum(len(s.encode("utf-8", "surrogatepass")) + 1 for s in taken)


Order = Callable[[DocView], tuple[float, int, str]]
"""How a list of kept documents is ordered; ties are broken by the sample hash, then the name."""


def _most_key(v: DocView) -> tuple[float, int, str]:
    return (-v.share, v.key, v.where)


def _least_key(v: DocView) -> tuple[float, int, str]:
    return (v.share, v.key, v.where)


def _sample_key(v: DocView) -> tuple[float, int, str]:
    return (0.0, v.key, v.where)


def _keep(views: list[DocView], more: list[DocView], key: Order, n: int) -> None:
    """Merge ``more`` into ``views``, keeping the first ``n`` by ``key`` (the same whatever the merge order)."""
    views.extend(more)
    views.sort(key=key)
    del views[n:]


def _fits(views: list[DocView], probe: DocView, key: Order, n: int) -> bool:
    return len(views) < n or key(probe) < key(views[-1])


@dataclass
class Detail:
    """The bounded extras of a report; ``add`` one document at a time, ``merge`` partial ones in input order.

    >>> from cleaner.model import Removal
    >>> d = Detail(DetailSpec())
    >>> d.add("a.txt", "Story\\nAdvertisement\\n", Result("Story\\n", removed=[Removal("generic.ad", 1, 2, "ad")]))
    >>> d.histogram[share_bin(0.7)], d.rules["generic.ad"].lines, d.sites[""].documents, len(d.sample)
    (1, 1, 1, 1)
    """

    spec: DetailSpec
    histogram: list[int] = field(default_factory=lambda: [0] * (HISTOGRAM_BINS + 1))
    """Documents per bin of share removed (held-back documents are not in it: see ``held_documents``)."""
    held_documents: int = 0
    rules: dict[str, RuleTally] = field(default_factory=dict)
    sites: dict[str, SiteTally] = field(default_factory=dict)
    """Per site id; ``""`` for documents no site's rules matched (generic heuristics only)."""
    most: list[DocView] = field(default_factory=list)
    least: list[DocView] = field(default_factory=list)
    sample: list[DocView] = field(default_factory=list)
    held: list[DocView] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(default_factory=dict)
    note_counts: Counter[str] = field(default_factory=Counter)

    def add(self, where: str, original: str, result: Result) -> None:
        """Count one cleaned document, and keep its view when it is one the page shows."""
        spec = self.spec
        bytes_in = len(original.encode("utf-8", "surrogatepass"))
        bytes_out = len(result.text.encode("utf-8", "surrogatepass"))
        share = share_removed(bytes_in, bytes_out)
        site = self.sites.setdefault(result.site or "", SiteTally())
        site.documents += 1
        site.bytes_in += bytes_in
        site.bytes_out += bytes_out
        if result.held:
            self.held_documents += 1
            site.held += 1
        else:
            self.histogram[share_bin(share)] += 1
            site.changed += result.text != original
            self._tally(original, result)
        key = sample_key(spec.seed, where)
        probe = DocView(where, result.site, bytes_in, bytes_out, result.held, [], 0, [], key, len(result.removed))
        view: DocView | None = None

        def get_view() -> DocView:  # built once, and only for a document the page will show
            nonlocal view
            if view is None:
                view = make_view(where, original, result, key, spec)
            return view

        if result.held:
            if len(self.held) < spec.held:  # the first ones, in input order
                self.held.append(get_view())
        else:
            if _fits(self.most, probe, _most_key, spec.extremes):
                _keep(self.most, [get_view()], _most_key, spec.extremes)
            if _fits(self.least, probe, _least_key, spec.extremes):
                _keep(self.least, [get_view()], _least_key, spec.extremes)
        if _fits(self.sample, probe, _sample_key, spec.sample):
            _keep(self.sample, [get_view()], _sample_key, spec.sample)

    def _tally(self, original: str, result: Result) -> None:
        if not result.removed:
            return
        lines = split_lines(normalise_newlines(original))
        seen: set[str] = set()
        for r in result.removed:
            tally = self.rules.setdefault(r.rule, RuleTally())
            whole, nbytes = _removed_bytes(lines, r.start, r.end, r.span)
            tally.removals += 1
            tally.lines += whole
            tally.bytes += nbytes
            tally.add_reason(r.reason)
            if r.rule not in seen:
                seen.add(r.rule)
                tally.documents += 1

    def note(self, kind: str, where: str, reason: str) -> None:
        """List a problem (the first ``spec.notes`` of each kind; every one is counted).

        >>> d = Detail(DetailSpec(notes=1))
        >>> d.note("error", "a.txt", "binary"); d.note("error", "b.txt", "binary")
        >>> [n.where for n in d.notes["error"]], d.note_counts["error"]
        (['a.txt'], 2)
        """
        self.note_counts[kind] += 1
        kept = self.notes.setdefault(kind, [])
        if len(kept) < self.spec.notes:
            kept.append(Note(where, reason))

    def merge(self, part: Detail) -> None:
        """Add a later part (the next files or batches, in input order); the lists keep their caps.

        >>> a, b = Detail(DetailSpec(sample=1)), Detail(DetailSpec(sample=1))
        >>> a.add("a.txt", "Story\\n", Result("Story\\n")); b.add("b.txt", "Story\\n", Result("Story\\n"))
        >>> a.merge(b)
        >>> a.histogram[0], len(a.sample)
        (2, 1)
        """
        spec = self.spec
        self.histogram = [a + b for a, b in zip(self.histogram, part.histogram, strict=True)]
        self.held_documents += part.held_documents
        for rule, tally in part.rules.items():
            self.rules.setdefault(rule, RuleTally()).merge(tally)
        for site, stally in part.sites.items():
            self.sites.setdefault(site, SiteTally()).merge(stally)
        _keep(self.most, part.most, _most_key, spec.extremes)
        _keep(self.least, part.least, _least_key, spec.extremes)
        _keep(self.sample, part.sample, _sample_key, spec.sample)
        self.held.extend(part.held[: max(0, spec.held - len(self.held))])
        for kind, notes in part.notes.items():
            kept = self.notes.setdefault(kind, [])
            kept.extend(notes[: max(0, spec.notes - len(kept))])
        self.note_counts.update(part.note_counts)
