"""Running a batch: each file to its handler (plain dump, HTML page, JSONL, Parquet) on one engine.

Plain dumps and HTML pages are spread over the workers a few files per task;
a JSONL or Parquet file is spread batch by batch. Results come back in input
order, so output is the same for any ``--jobs``.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Protocol, TextIO

from cleaner.audit import write_sidecar
from cleaner.discover import Found
from cleaner.engines.local import LocalEngine
from cleaner.engines.progress import Progress, progress_for, watched
from cleaner.formats.html import NoTextError, clean_page, extract, is_html
from cleaner.formats.plain import (
    clean_plain_file,
    clean_plain_files,
    one_call_fits,
    unified_diff,
    write_error_of_task,
    write_errors_reported,
)
from cleaner.formats.records import record_format
from cleaner.options import Mode, Options, Say
from cleaner.pipeline import Cleaner
from cleaner.report.record import Report
from cleaner.textio import InputError, read_limited, synced_folders, write_atomic

FILES_PER_TASK = 8
"""Plain files handed to a worker at a time: fewer hand-overs, still fine-grained enough to balance."""

MESSAGES_PER_FILE = 20
"""Problems shown per record file; the rest are counted in one line."""


@dataclass
class FileOutcome:
    """The outcome of one plain or HTML file, or of a task's few files, as a worker returns it."""

    report: Report
    messages: list[str] = field(default_factory=list)
    stdout: str = ""


class Counted(Protocol):
    """A batch's outcome as the parent reads it: what it counted and what it has to say."""

    report: Report
    messages: list[str]


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@write_errors_reported
def _clean_html_file(cleaner: Cleaner, item: Found, opts: Options, report: Report, say: Say, out: TextIO) -> None:
    name = str(item.path)
    if opts.mode is Mode.IN_PLACE:
        _fail(report, say, name, f"{name}: an HTML page is turned into text, not rewritten; use -o OUTDIR")
        return
    try:
        with item.path.open("rb") as fh:
            page = extract(read_limited(fh, opts.max_bytes))
    except (OSError, InputError, NoTextError) as exc:
        _fail(report, say, name, f"cannot clean {name}: {getattr(exc, 'strerror', None) or exc}")
        return
    result = clean_page(cleaner, page, site=opts.site, path=name)
    report.count_document(name, page.text, result, changed=True)  # the page always changes: it becomes text
    if result.held:
        report.held.append(name)
        say(f"held back {name}: {result.held}")
    report.changed.append(name)
    if opts.mode is Mode.STDOUT:
        out.write(result.text)
    elif opts.mode is Mode.DIFF:
        out.write(unified_diff(page.text, result.text, name))
    elif opts.mode is Mode.OUTDIR:
        assert opts.outdir is not None
        target = opts.outdir / item.relative.with_suffix(".txt")
        write_atomic(target, result.text.encode("utf-8"), like=item.path)
        if opts.keep_removed and not result.held:
            write_sidecar(target, result, append=False)
    if not opts.quiet:
        say(f"{'would clean' if opts.mode in (Mode.CHECK, Mode.DIFF) else 'cleaned'} {name}")


def _fail(report: Report, say: Say, name: str, message: str) -> None:
    report.error(name, message)
    say(f"error: {message}")


def clean_file(cleaner: Cleaner, item: Found, opts: Options) -> FileOutcome:
    """Clean one plain dump or HTML page; what it prints is returned, not printed."""
    return _clean_files(cleaner, [item], opts)


def _clean_files(cleaner: Cleaner, items: list[Found], opts: Options) -> FileOutcome:
    report = Report.collecting(opts.report)
    messages: list[str] = []
    out = io.StringIO()
    # The task's renames are made durable together, once per folder, before the parent hears of them; the
    # files of a -o task (none of them an input) are synced back to back before any is renamed.
    try:
        with synced_folders(together=opts.mode is Mode.OUTDIR):
            if one_call_fits(items, opts, report):
                clean_plain_files(cleaner, items, opts, report, messages.append, out)
            else:
                for item in items:
                    handler = _clean_html_file if is_html(item.path.name) else clean_plain_file
                    handler(cleaner, item, opts, report, messages.append, out)
    except OSError as exc:
        if opts.mode not in (Mode.OUTDIR, Mode.IN_PLACE):
            raise
        write_error_of_task(exc, report, messages.append)
    return FileOutcome(report, messages, out.getvalue())


def clean_file_chunk(cleaner: Cleaner, task: tuple[list[Found], Options]) -> list[FileOutcome]:
    """Clean a few files (a task function: it runs in a worker), counted in one record when no report is made.

    A report's detail is collected file by file and merged in order, as a one-job run does; the
    counts alone add up the same in one record for the task, which saves a record and a merge a file.
    """
    items, opts = task
    if opts.report is not None:
        return [clean_file(cleaner, item, opts) for item in items]
    return [_clean_files(cleaner, items, opts)]


def _chunks(items: Sequence[Found], opts: Options) -> Iterator[tuple[list[Found], Options]]:
    it = iter(items)
    while chunk := list(islice(it, FILES_PER_TASK)):
        yield chunk, opts


def _show(outcome: FileOutcome, report: Report, say: Say, stdout: TextIO, bar: Progress, nbytes: int) -> None:
    report.merge(outcome.report)
    for message in outcome.messages:
        say(message)
    if outcome.stdout:
        stdout.write(outcome.stdout)
    bar.advance(outcome.report.documents, nbytes)


def record_target(item: Found, opts: Options, single: bool) -> Path | None:
    """Where a record file's output goes; None for stdout or --check.

    ``-o out.jsonl`` (a record file name, not a folder) takes a single input's output;
    otherwise ``-o`` is a folder and each input keeps its name inside it.

    >>> o = Options(mode=Mode.OUTDIR, outdir=Path("out.jsonl.gz"))
    >>> str(record_target(Found(Path("in.jsonl"), Path("in.jsonl")), o, single=True))
    'out.jsonl.gz'
    >>> o = Options(mode=Mode.OUTDIR, outdir=Path("o"))
    >>> str(record_target(Found(Path("s/a.jsonl"), Path("a.jsonl")), o, single=False))
    'o/a.jsonl'
    """
    if opts.mode is Mode.IN_PLACE:
        return item.path
    if opts.mode is not Mode.OUTDIR or opts.outdir is None:
        return None
    if single and record_format(opts.outdir.name) is not None and not opts.outdir.is_dir():
        return opts.outdir
    return opts.outdir / item.relative


def _binary(stdout: TextIO) -> IO[bytes]:
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:
        raise OSError("stdout takes no bytes")
    stdout.flush()
    return buffer  # type: ignore[no-any-return]


def clean_record_file(
    engine: LocalEngine,
    item: Found,
    opts: Options,
    report: Report,
    say: Say,
    stdout: TextIO,
    single: bool,
    bar: Progress,
) -> None:
    """Stream one JSONL or Parquet file through the engine into its target."""
    from cleaner.formats.parquet import ParquetError

    name = str(item.path)
    fmt = record_format(item.path.name)
    if opts.mode is Mode.DIFF:
        _fail(report, say, name, f"{name}: --diff is for text dumps; use --check or -o for {fmt} files")
        return
    target = record_target(item, opts, single)
    if opts.mode is Mode.OUTDIR and target is not None and target.resolve() == item.path.resolve():
        _fail(report, say, name, f"{name}: output would overwrite the input; choose another -o")
        return
    if fmt == "parquet" and opts.mode is Mode.STDOUT:
        _fail(report, say, name, f"{name}: Parquet is not written to stdout; give -o OUT.parquet")
        return
    part = report.fresh()
    shown = 0
    try:
        for outcome, nbytes in _stream(engine, item, fmt, target, opts, stdout, name):
            part.merge(outcome.report)
            for message in outcome.messages:
                shown += 1
                if shown <= MESSAGES_PER_FILE:
                    say(message)
            bar.advance(outcome.report.documents + outcome.report.passed_through, nbytes)
    except (OSError, EOFError, zlib.error, ParquetError) as exc:
        what = "nothing written" if target is not None else "output incomplete"
        _fail(report, say, name, f"cannot clean {name}: {getattr(exc, 'strerror', None) or exc} ({what})")
        return
    if shown > MESSAGES_PER_FILE:
        say(f"{name}: {shown - MESSAGES_PER_FILE:,} more problems not shown")
    report.merge(part)
    if part.documents_changed:
        report.changed.append(name)
        if not opts.quiet and opts.mode in (Mode.OUTDIR, Mode.IN_PLACE):
            say(f"cleaned {name} ({part.documents_changed:,} of {part.documents:,} documents changed)")
        elif not opts.quiet and opts.mode is Mode.CHECK:
            say(f"would clean {name} ({part.documents_changed:,} of {part.documents:,} documents)")
    else:
        report.unchanged += 1


def _stream(
    engine: LocalEngine, item: Found, fmt: str | None, target: Path | None, opts: Options, stdout: TextIO, name: str
) -> Iterator[tuple[Counted, int]]:
    if fmt == "parquet":
        from cleaner.formats.parquet import stream_parquet

        yield from stream_parquet(engine, item.path, target, opts.records, name)
        return
    from cleaner.formats.jsonl import stream_jsonl
    from cleaner.formats.sink import atomic_output

    if target is not None:
        with atomic_output(target) as sink:
            yield from stream_jsonl(engine, item.path, sink, opts.records, name)
    else:
        out = _binary(stdout) if opts.mode is Mode.STDOUT else None
        yield from stream_jsonl(engine, item.path, out, opts.records, name)


def _output_file_misused(items: Sequence[Found], opts: Options) -> bool:
    out = opts.outdir
    if opts.mode is not Mode.OUTDIR or out is None or not record_format(out.name) or out.is_dir():
        return False
    return len(items) != 1 or record_format(items[0].path.name) is None


def clean_items(
    cleaner: Cleaner, items: Sequence[Found], opts: Options, report: Report, say: Say, stdout: TextIO = sys.stdout
) -> None:
    """Clean every item with ``opts.jobs`` workers, in order, with a progress bar when one is watched."""
    if _output_file_misused(items, opts):
        message = f"-o {opts.outdir} names one JSONL/Parquet output: give one such input file, or a folder for several"
        _fail(report, say, str(opts.outdir), message)
        return
    # Files are sized (one stat each) only for a bar that is shown.
    show = watched(not opts.quiet)
    sizes = [_file_size(i.path) for i in items] if show else [0] * len(items)
    bar = progress_for(sum(sizes), enabled=show)
    plain: list[Found] = []
    plain_sizes: list[int] = []

    def flush() -> None:
        chunk_sizes = iter(plain_sizes[i : i + FILES_PER_TASK] for i in range(0, len(plain_sizes), FILES_PER_TASK))
        for outcomes in engine.map(clean_file_chunk, _chunks(plain, opts)):
            sizes_here = next(chunk_sizes)
            if len(outcomes) == 1:
                _show(outcomes[0], report, say, stdout, bar, sum(sizes_here))
                continue
            for outcome, nbytes in zip(outcomes, sizes_here, strict=True):
                _show(outcome, report, say, stdout, bar, nbytes)
        plain.clear()
        plain_sizes.clear()

    try:
        with LocalEngine(cleaner, opts.jobs, processes=opts.processes) as engine:
            for item, size in zip(items, sizes, strict=True):
                if record_format(item.path.name) is None:
                    plain.append(item)
                    plain_sizes.append(size)
                    continue
                flush()
                clean_record_file(engine, item, opts, report, say, stdout, len(items) == 1, bar)
            flush()
    finally:
        bar.close()


def expand_globs(paths: Sequence[Path]) -> list[Path]:
    """Expand quoted glob patterns (``'shards/*.jsonl'``) the shell left alone; other paths stay.

    A pattern that matches nothing stays as it is, so the run reports it as missing.

    >>> expand_globs([Path("-"), Path("no/such/*.jsonl")])
    [PosixPath('-'), PosixPath('no/such/*.jsonl')]
    """
    out: list[Path] = []
    for p in paths:
        text = str(p)
        if not p.exists() and any(c in text for c in "*?["):
            anchor = Path(p.anchor) if p.is_absolute() else Path()
            pattern = str(p.relative_to(anchor)) if p.is_absolute() else text
            matches = sorted(anchor.glob(pattern))
            out.extend(matches or [p])
        else:
            out.append(p)
    return out
