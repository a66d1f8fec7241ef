"""Cleaning many files: one mode per run, one report, and one place for the exit code.

Logic only; the CLI parses options and prints what this returns. A run's settings are in
``cleaner.options``, its record in ``cleaner.report.record``; the files are spread over the
engine by ``cleaner.engines.dispatch``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from cleaner.discover import Found, discover, excluded
from cleaner.formats.records import record_format
from cleaner.options import Mode, Options, Say
from cleaner.outdir_guard import OutputError, check_outdir
from cleaner.pipeline import Cleaner
from cleaner.report.record import Report

__all__ = ["Mode", "NoFilesError", "Options", "Report", "Say", "collect", "exit_code", "run", "summary_line"]
# Mode, Options, Say and Report are named here too, where callers of a batch run have always found them.


def summary_line(report: Report, mode: Mode) -> str:
    """The one summary line, black-style.

    >>> summary_line(Report(changed=["a"], unchanged=2), Mode.CHECK)
    '1 file would be cleaned, 2 files would be left unchanged.'
    """
    would = mode.writes_nothing
    parts = []
    if report.changed:
        verb = "would be cleaned" if would else "cleaned"
        parts.append(f"{_n(len(report.changed), 'file')} {verb}")
    if report.unchanged:
        verb = "would be left unchanged" if would else "left unchanged"
        parts.append(f"{_n(report.unchanged, 'file')} {verb}")
    if report.held:
        parts.append(f"{_n(len(report.held), 'file')} held back by the safety valve")
    if report.errors:
        parts.append(f"{_n(len(report.errors), 'file')} failed")
    if report.skipped:
        parts.append(f"{_n(len(report.skipped), 'symlink')} out of the folder skipped")
    text = (", ".join(parts) or "No files") + "."
    if report.interrupted:
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
    if mode.writes_nothing and report.changed:
        return 1
    return 0


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


SYMLINK_SKIPPED = "symlink leading out of the folder (use --follow-symlinks to clean it)"


def with_report_spec(opts: Options) -> Options:
    """``opts`` with its report spec passed on to the record options (workers see only those for records).

    >>> from cleaner.report.detail import DetailSpec
    >>> with_report_spec(Options(report=DetailSpec(seed=2))).records.report.seed
    2
    """
    if opts.records.report == opts.report:
        return opts
    return replace(opts, records=replace(opts.records, report=opts.report))


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
    opts = with_report_spec(opts)
    report = Report.collecting(opts.report)
    stdout = stdout or sys.stdout  # looked up per call, so a redirected sys.stdout is honoured
    # JSONL / Parquet records carry their removals in a field, so they need no sidecar.
    records_only = all(record_format(p.name) for p in paths)
    if opts.keep_removed and opts.mode not in (Mode.OUTDIR, Mode.IN_PLACE) and not records_only:
        raise OutputError("--keep-removed writes a sidecar beside each output file: use it with -o or --in-place")
    try:
        if [str(p) for p in paths] == ["-"]:
            from cleaner.formats.plain import clean_stdin

            clean_stdin(cleaner, opts, report, say, stdout)
            return report
        items = collect(paths, opts, report.skipped)
        for name in report.skipped:
            report.note("skipped", name, SYMLINK_SKIPPED)
            say(f"skipped {name}: {SYMLINK_SKIPPED}")
        if opts.mode is Mode.OUTDIR:
            assert opts.outdir is not None
            items = check_outdir(opts.outdir, paths, items)
        from cleaner.engines.dispatch import clean_items  # plain, HTML, JSONL and Parquet files; --jobs

        clean_items(cleaner, items, opts, report, say, stdout)
    except KeyboardInterrupt:
        report.interrupted = True
    return report
