"""Learning a corpus: two passes over its documents (on ``--jobs`` processes), then one rule file per site."""

from __future__ import annotations

import copy
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cleaner.learning.count import (
    Evidence,
    Gathered,
    Sample,
    SiteSets,
    Tally,
    evidence_of,
    gather,
    merge_evidence,
    merge_gathered,
    merge_sample,
)
from cleaner.learning.select import GenericKnows, LearnedSite, LearnSettings, grouped, select
from cleaner.learning.shape_rules import shape_rules
from cleaner.learning.source import SKIPPED_NAMED, Doc, ReadProblems, Records, site_of
from cleaner.learning.verify import verify
from cleaner.pipeline import Cleaner

BATCH_CHARS = 1 << 20
"""About this much text per task."""

BATCH_DOCS = 2000

Say = Callable[[str], None]

Sets = dict[str, SiteSets]


@dataclass
class LearnRun:
    """What a run learned: the sites (sorted by id) and how many documents and sites it saw."""

    sites: list[LearnedSite] = field(default_factory=list)
    documents: int = 0
    unknown_site: int = 0
    """Documents no URL, path, config or signature placed on a site."""
    too_few: dict[str, int] = field(default_factory=dict)
    """Sites with fewer than ``min_pages`` pages: their page counts."""
    skipped_records: int = 0
    """JSONL records with no text field."""


Batch = list[Doc] | Records
"""A task: documents, or raw JSONL lines that the worker parses."""


def _batches(docs: Iterable[Doc | Records]) -> Iterator[Batch]:
    batch: list[Doc] = []
    size = 0
    for doc in docs:
        if isinstance(doc, Records):
            if batch:
                yield batch
                batch, size = [], 0
            yield doc
            continue
        batch.append(doc)
        size += len(doc.text)
        if size >= BATCH_CHARS or len(batch) >= BATCH_DOCS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _expand(batch: Batch, problems: ReadProblems) -> list[Doc]:
    return batch.docs(problems) if isinstance(batch, Records) else batch


Task = tuple[Batch, str | None, str]
"""A batch, the site forced on its documents, and the file where pass 1 keeps what pass 2 takes back."""


def tally_task(cleaner: Cleaner, task: Task) -> tuple[Tally, int, ReadProblems]:
    """Pass 1 on a batch (a task function: it runs in a worker): line hashes per site, documents with no
    site, and records that could not be read. Each document's site and the hashes of its lines go to
    the task's file, for pass 2 (see gather_task)."""
    batch, forced, kept = task
    problems = ReadProblems()
    tally = Tally()
    unknown = 0
    found: list[tuple[str | None, bytes]] = []
    for doc in _expand(batch, problems):
        site = site_of(cleaner, doc, forced)
        if site is None:
            unknown += 1
            found.append((None, b""))
        else:
            found.append((site, tally.add(site, doc.text)))
    with open(kept, "wb") as fh:
        pickle.dump(found, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return tally, unknown, problems


def gather_task(cleaner: Cleaner, task: Task) -> tuple[Gathered, Evidence, Sample, int]:
    """Pass 2 on a batch (a task function): evidence (see count.gather) and a sample for the sites with
    sets (they come with the worker's Cleaner), and the number of documents read. The sites and line
    hashes come from pass 1's file (the same documents, in the same order), which is then deleted."""
    batch, _forced, kept = task
    sets: Sets = getattr(cleaner, SETS_ATTRIBUTE)
    docs = _expand(batch, ReadProblems())
    with open(kept, "rb") as fh:
        found: list[tuple[str | None, bytes]] = pickle.load(fh)
    os.remove(kept)
    pages, hashed = [], []
    for doc, (site, lines) in zip(docs, found, strict=True):
        if site is not None and site in sets:
            pages.append((site, doc.text))
            hashed.append(lines)
    gathered, evidence, sample = gather(pages, sets, hashed)
    return gathered, evidence, sample, len(docs)


SETS_ATTRIBUTE = "_learn_sets"
"""Where pass 2's workers find the recurring hashes: on the Cleaner each worker gets once, at its start
(sent with every task, they would cost more than the counting on a corpus of many sites)."""


class _Ticker:
    """A line on stderr every few seconds of a long pass."""

    def __init__(self, say: Say | None, what: str) -> None:
        self.say, self.what, self.done = say, what, 0
        self.start = self.last = time.monotonic()

    def add(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.say is not None and now - self.last >= 5:
            self.last = now
            rate = self.done / max(now - self.start, 1e-6)
            self.say(f"learn: {self.what}: {self.done:,} documents ({rate:,.0f} docs/s)")


def learn_documents(
    cleaner: Cleaner,
    docs: Callable[[], Iterable[Doc | Records]],
    settings: LearnSettings,
    *,
    forced_site: str | None = None,
    jobs: int = 1,
    say: Say | None = None,
) -> LearnRun:
    """Learn every site of the documents ``docs()`` gives (called twice: once per pass, same documents)."""
    from cleaner.engines.local import LocalEngine

    run = LearnRun()
    tally = Tally()
    sets: Sets = {}
    counts: dict[str, dict[int, int]] = {}
    named = 0
    with tempfile.TemporaryDirectory(prefix="cleaner-learn-") as kept:

        def tasks() -> Iterator[Task]:
            # Pass 1 keeps each batch's sites and line hashes (8 bytes a line) in a file, for pass 2.
            return ((b, forced_site, os.path.join(kept, f"{i}.pickle")) for i, b in enumerate(_batches(docs())))

        # Processes, not threads: learning is Python (keys, hashes, JSON), which threads would take in turns.
        with LocalEngine(cleaner, jobs, processes=True) as engine:
            tick = _Ticker(say, "pass 1 of 2, counting lines")
            for part, unknown, problems in engine.map(tally_task, tasks()):
                tally.merge(part)
                run.unknown_site += unknown
                run.skipped_records += problems.skipped_records
                for message in problems.messages[: max(0, SKIPPED_NAMED - named)]:
                    named += 1
                    if say is not None:
                        say(message)
                tick.add(sum(part.pages.values()) + unknown)
            run.documents = tick.done
        for site in sorted(tally.pages):
            pages = tally.pages[site]
            if pages < settings.min_pages:
                run.too_few[site] = pages
                tally.hashes.pop(site, None)
                continue
            recurring = tally.recurring(site)
            need = settings.threshold(pages)
            frequent = frozenset(h for h, n in recurring.items() if n >= settings.beside_threshold(pages))
            if frequent:
                common = frozenset(h for h in frequent if recurring[h] >= need)
                sets[site] = SiteSets(frozenset(recurring), frequent, common)
                counts[site] = {h: recurring[h] for h in frequent}
        gathered: Gathered = {}
        rest: Evidence = {}
        sample: Sample = {}
        if sets:
            carrier = copy.copy(cleaner)
            setattr(carrier, SETS_ATTRIBUTE, sets)
            tick = _Ticker(say, "pass 2 of 2, gathering evidence")
            with LocalEngine(carrier, jobs, processes=True) as engine:
                for batch_found, found, part_sample, read in engine.map(gather_task, tasks()):
                    merge_gathered(gathered, batch_found)
                    merge_evidence(rest, found)
                    merge_sample(sample, part_sample)
                    tick.add(read)
    evidence = evidence_of(gathered, rest)
    knows = GenericKnows(cleaner.engine)
    for site in sorted(tally.pages):
        if site not in sets:
            if site not in run.too_few:
                run.sites.append(LearnedSite(site, tally.pages[site]))
            continue
        lines = {h: (ev.key, counts[site][h], ev) for h, ev in evidence.get(site, {}).items()}
        chosen = select(site, tally.pages[site], lines, settings, knows)
        some = [text for _, text in sample.get(site, [])]
        chosen = shape_rules(chosen, counts[site], some, settings, knows)
        run.sites.append(grouped(verify(cleaner, chosen, some, sets[site].recurring, settings.max_prose)))
    return run
