"""`cleaner learn` and `cleaner clean --learn`: read the corpus as `clean` does, learn, write or hand over the files."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cleaner.learning.api import Learned, LearnError, learned_files
from cleaner.learning.learner import learn_documents
from cleaner.learning.select import LearnSettings
from cleaner.learning.source import Doc, ReadProblems, Records, documents
from cleaner.learning.write import cleaner_version
from cleaner.options import Options
from cleaner.pipeline import Cleaner

Say = Callable[[str], None]


def learn_corpus(
    cleaner: Cleaner, paths: Sequence[Path], opts: Options, settings: LearnSettings, say: Say
) -> tuple[Learned, ReadProblems]:
    """Learn from every document under ``paths`` (read twice: once per pass); NoFilesError when there is none."""
    problems = ReadProblems()
    quiet_say: Say = (lambda _m: None) if opts.quiet else say
    first = True

    def docs() -> Iterator[Doc | Records]:
        nonlocal first
        # Problems are reported on the first reading only; the second one meets the same.
        seen = problems if first else ReadProblems()
        talk = say if first else (lambda _m: None)
        first = False
        return documents(paths, opts, seen, talk)

    run = learn_documents(cleaner, docs, settings, forced_site=opts.site, jobs=opts.jobs, say=quiet_say)
    return learned_files(run, settings, cleaner_version()), problems


def summary(learned: Learned, settings: LearnSettings) -> list[str]:
    """The lines `cleaner learn` prints at the end: sites learned, dropped rules, sites with too few pages."""
    run = learned.run
    rules = sum(len(s.rules) for s in run.sites)
    lines = []
    for site, notes in sorted(learned.dropped.items()):
        for note in notes[:3]:
            lines.append(f"{site}: dropped {note}")
        if len(notes) > 3:
            lines.append(f"{site}: {len(notes) - 3} more rules dropped (listed in its file's header)")
    if run.too_few:
        few = ", ".join(f"{s} ({n})" for s, n in sorted(run.too_few.items())[:8])
        more = f" and {len(run.too_few) - 8} more" if len(run.too_few) > 8 else ""
        lines.append(f"not learned, fewer than {settings.min_pages} pages (--min-pages): {few}{more}")
    if run.skipped_records:
        lines.append(f"{run.skipped_records:,} JSONL records skipped: no string field (see --text-field)")
    if run.unknown_site:
        lines.append(
            f"{run.unknown_site:,} documents with no site (no URL, no domain in the path, no config entry or "
            "signature); give --url-field, --site or a config 'sites' table"
        )
    lines.append(
        f"Learned {rules:,} rules for {len(learned.files):,} of {len(run.sites) + len(run.too_few):,} sites "
        f"from {run.documents:,} documents."
    )
    return lines


__all__ = ["LearnError", "learn_corpus", "summary"]
