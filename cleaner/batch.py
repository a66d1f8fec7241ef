"""Cleaning many files: one mode per run, one report, and one place for the exit code.

Logic only; the CLI parses options and prints what this returns.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from cleaner.audit import write_sidecar
from cleaner.config import ProjectConfig
from cleaner.discover import DEFAULT_INCLUDE, Found, discover, excluded, real_path
from cleaner.formats.records import RecordOptions, record_format
from cleaner.model import Result
from cleaner.outdir_guard import OutputError, check_outdir
from cleaner.pipeline import Cleaner
from cleaner.textio import DEFAULT_MAX_BYTES, Decoded, InputError, decode_bytes, read_dump, read_limited, write_atomic


class Mode(StrEnum):
    """What a run does with each cleaned text."""

    STDOUT = "stdout"
    OUTDIR = "outdir"
    IN_PLACE = "in-place"
    CHECK = "check"
    DIFF = "diff"


@dataclass
class Options:
    """A batch run's settings."""

    mode: Mode = Mode.STDOUT
    outdir: Path | None = None
    site: str | None = None
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    quiet: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_symlinks: bool = False
    keep_removed: bool = False
    jobs: int = 1
    """Worker processes (1: this process); see cleaner.engines.local."""
    records: RecordOptions = field(default_factory=RecordOptions)
    """JSONL / Parquet field names and options."""
    config: ProjectConfig | None = None
    """The project config: per-path sites and excludes."""


@dataclass
class Report:
    """What a run did, counted."""

    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    held: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    interrupted: bool = False
    bytes_in: int = 0
    bytes_out: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    # Counted per document (a file, a JSONL record, a Parquet row); see cleaner.engines.
    documents: int = 0
    documents_changed: int = 0
    documents_held: int = 0
    passed_through: int = 0
    """Records passed through unchanged: no text field, or not an object."""
    malformed: int = 0
    """JSONL lines that are not JSON (copied unchanged; the run exits 2)."""

    @property
    def files(self) -> int:
        """Files looked at, errors included."""
        return len(self.changed) + self.unchanged + len(self.held) + len(self.errors)

    def summary(self, mode: Mode) -> str:
        """The one summary line, black-style.

        >>> Report(changed=["a"], unchanged=2).summary(Mode.CHECK)
        '1 file would be cleaned, 2 files would be left unchanged.'
        """
        would = mode in (Mode.CHECK, Mode.DIFF)
        parts = []
        if self.changed:
            verb = "would be cleaned" if would else "cleaned"
            parts.append(f"{_n(len(self.changed), 'file')} {verb}")
        if self.unchanged:
            verb = "would be left unchanged" if would else "left unchanged"
            parts.append(f"{_n(self.unchanged, 'file')} {verb}")
        if self.held:
            parts.append(f"{_n(len(self.held), 'file')} held back by the safety valve")
        if self.errors:
            parts.append(f"{_n(len(self.errors), 'file')} failed")
        if self.skipped:
            parts.append(f"{_n(len(self.skipped), 'symlink')} out of the folder skipped")
        text = (", ".join(parts) or "No files") + "."
        if self.interrupted:
            text = "Interrupted: " + text + " Files not reached were left as they were."
        return text


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def exit_code(report: Report, mode: Mode) -> int:
    """0 fine, 1 would change (check/diff), 2 an input error. The only place that decides.

    >>> exit_code(Report(changed=["a"]), Mode.CHECK), exit_code(Report(changed=["a"]), Mode.IN_PLACE)
    (1, 0)
    """
    if report.errors or report.interrupted or report.malformed:
        return 2
    if mode in (Mode.CHECK, Mode.DIFF) and report.changed:
        return 1
    return 0


Say = Callable[[str], None]


class NoFilesError(Exception):
    """The paths given hold no file to clean."""


def collect(paths: Sequence[Path], opts: Options, skipped: list[str] | None = None) -> list[Found]:
    """Every file the run will clean; NoFilesError when there is none; symlinks left out go to ``skipped``."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise NoFilesError(f"{missing[0]}: no such file or directory")
    found = list(discover(paths, opts.include, opts.exclude, opts.follow_symlinks, skipped))
    if not found:
        pats = ", ".join(opts.include)
        raise NoFilesError(
            f"no files matching {pats} under {', '.join(map(str, paths))} (use --include to choose other names)"
        )
    # Files named one by one (as pre-commit names them) are skipped quietly when excluded, not an error.
    cfg = opts.config
    return [f for f in found if not excluded(f.path, opts.exclude) and not (cfg and cfg.excludes(f.path))]


def run(
    cleaner: Cleaner,
    paths: Sequence[Path],
    opts: Options,
    say: Say,
    stdout: TextIO | None = None,
) -> Report:
    """Clean every file under ``paths`` as ``opts`` says; ``say`` gets one message a line.

    ``stdout`` defaults to the ``sys.stdout`` of the moment of the call (not of the import),
    so a redirected stdout gets the text. Raises OutputError (before writing anything) when
    the run could overwrite an input. Ctrl-C stops the run between or inside writes; every
    file is then old or new.
    """
    report = Report()
    stdout = stdout or sys.stdout  # looked up per call, so a redirected sys.stdout is honoured
    # JSONL / Parquet records carry their removals in a field, so they need no sidecar.
    records_only = all(record_format(p.name) for p in paths)
    if opts.keep_removed and opts.mode not in (Mode.OUTDIR, Mode.IN_PLACE) and not records_only:
        raise OutputError("--keep-removed writes a sidecar beside each output file: use it with -o or --in-place")
    try:
        if [str(p) for p in paths] == ["-"]:
            _clean_stdin(cleaner, opts, report, say, stdout)
            return report
        items = collect(paths, opts, report.skipped)
        for name in report.skipped:
            say(f"skipped {name}: symlink leading out of the folder (use --follow-symlinks to clean it)")
        if opts.mode is Mode.OUTDIR:
            assert opts.outdir is not None
            items = check_outdir(opts.outdir, paths, items)
        from cleaner.engines.dispatch import clean_items  # plain, HTML, JSONL and Parquet files; --jobs

        clean_items(cleaner, items, opts, report, say, stdout)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _clean_stdin(cleaner: Cleaner, opts: Options, report: Report, say: Say, stdout: TextIO) -> None:
    try:
        decoded = decode_bytes(read_limited(sys.stdin.buffer, opts.max_bytes))
    except InputError as exc:
        report.errors.append("-")
        say(f"error: cannot clean -: {exc}")
        return
    result = cleaner.clean(decoded.text, site=opts.site)
    _record(report, "-", decoded, result, say)
    if opts.mode is Mode.DIFF:
        stdout.write(unified_diff(decoded.text, result.text, "-"))
    elif opts.mode is not Mode.CHECK:
        stdout.write(result.text)


def _clean_file(cleaner: Cleaner, item: Found, opts: Options, report: Report, say: Say, stdout: TextIO) -> None:
    name = str(item.path)
    try:
        decoded = read_dump(item.path, opts.max_bytes)
    except InputError as exc:
        report.errors.append(name)
        say(f"error: cannot clean {name}: {exc}")
        return
    site = opts.site or (opts.config.site_for(item.path) if opts.config else None)
    result = cleaner.clean(decoded.text, site=site, path=name)
    changed = _record(report, name, decoded, result, say)
    if opts.mode is Mode.STDOUT:
        stdout.write(result.text)
    elif opts.mode is Mode.DIFF:
        if changed:
            stdout.write(unified_diff(decoded.text, result.text, name))
    elif opts.mode is Mode.OUTDIR:
        assert opts.outdir is not None
        target = opts.outdir / item.relative
        write_atomic(target, decoded.encode(result.text), like=item.path)
        if opts.keep_removed and not result.held:
            write_sidecar(target, result, append=False)
    elif opts.mode is Mode.IN_PLACE and changed:
        # Through a symlink to the file it names, so the link stays a link.
        real = real_path(item.path)
        if opts.keep_removed:
            write_sidecar(real, result, append=True)
        write_atomic(real, decoded.encode(result.text))
    if changed and not opts.quiet:
        if opts.mode in (Mode.CHECK, Mode.DIFF):
            say(f"would clean {name}")
        elif opts.mode in (Mode.IN_PLACE, Mode.OUTDIR):
            say(f"cleaned {name}")


def _record(report: Report, name: str, decoded: Decoded, result: Result, say: Say) -> bool:
    report.bytes_in += len(decoded.text.encode("utf-8"))
    report.bytes_out += len(result.text.encode("utf-8"))
    if result.held:
        report.held.append(name)
        say(f"held back {name}: {result.held}")
        return False
    report.rules.update(r.rule for r in result.removed)
    if result.text != decoded.text:
        report.changed.append(name)
        return True
    report.unchanged += 1
    return False


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of one file's cleaning.

    >>> print(unified_diff("a\\nb\\n", "a\\n", "f.txt"), end="")
    --- f.txt
    +++ f.txt (cleaned)
    @@ -1,2 +1 @@
     a
    -b
    """
    import difflib  # only --diff needs it; the hook's start-up does not

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=name,
            tofile=f"{name} (cleaned)",
        )
    )
