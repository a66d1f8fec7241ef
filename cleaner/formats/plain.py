"""Plain-text dumps (a file, or stdin): read in their own encoding, clean, then print, write, diff or check.

A changed file is written atomically in the encoding, BOM, newlines and mode it came in.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TextIO

from cleaner.audit import write_sidecar
from cleaner.discover import Found, real_path
from cleaner.formats.html import is_html
from cleaner.model import Result
from cleaner.options import Mode, Options, Say
from cleaner.pipeline import Cleaner, Encoded
from cleaner.report.record import Report
from cleaner.textio import Decoded, InputError, decode_bytes, read_dump_bytes, read_limited, umask, write_atomic


def clean_stdin(cleaner: Cleaner, opts: Options, report: Report, say: Say, stdout: TextIO) -> None:
    """Clean stdin to ``stdout`` (or diff / check it)."""
    try:
        decoded = decode_bytes(read_limited(sys.stdin.buffer, opts.max_bytes))
    except InputError as exc:
        report.error("-", f"cannot clean -: {exc}")
        say(f"error: cannot clean -: {exc}")
        return
    result = cleaner.clean(decoded.text, site=opts.site)
    _count(report, "-", decoded, result, say)
    if opts.mode is Mode.DIFF:
        stdout.write(unified_diff(decoded.text, result.text, "-"))
    elif opts.mode is not Mode.CHECK:
        stdout.write(result.text)


Handler = Callable[[Cleaner, Found, Options, Report, Say, TextIO], None]
"""What cleans one file of a batch: a plain dump (``clean_plain_file``) or an HTML page."""

_ADVICE = "left as it was; free some space or fix the permissions, then run again"


def write_errors_reported(handler: Handler) -> Handler:
    """``handler`` with a write that fails (disk full, no permission, a file where a folder should be) made
    that file's error, not the run's end: ``write_atomic`` leaves the old file or none, the run goes on to
    the next file and ends with exit code 2. Only for the modes that write: elsewhere an ``OSError`` is
    not the file's (a closed stdout) and goes up.
    """

    @functools.wraps(handler)
    def reported(cleaner: Cleaner, item: Found, opts: Options, report: Report, say: Say, stdout: TextIO) -> None:
        counted = (len(report.changed), report.unchanged, len(report.held))
        try:
            handler(cleaner, item, opts, report, say, stdout)
        except OSError as exc:  # the handlers report what they cannot read: what is left is a write
            if opts.mode not in (Mode.OUTDIR, Mode.IN_PLACE):
                raise
            # Counted as cleaned or unchanged before the write: the summary names it failed instead.
            del report.changed[counted[0] :], report.held[counted[2] :]
            report.unchanged = counted[1]
            target = item.path
            if opts.mode is Mode.OUTDIR and opts.outdir is not None:
                relative = item.relative.with_suffix(".txt") if is_html(item.path.name) else item.relative
                target = opts.outdir / relative
            reason = f"cannot write {target}: {exc.strerror or exc}"
            report.error(str(item.path), reason)
            say(f"error: {reason} ({_ADVICE})")

    return reported


def write_error_of_task(exc: OSError, report: Report, say: Say) -> None:
    """A task's output that failed to be synced or renamed at its end (``synced_folders``): left old,
    reported as ``write_errors_reported`` reports a file's."""
    where = exc.filename or "an output file"
    reason = f"cannot write {where}: {exc.strerror or exc}"
    report.error(str(where), reason)
    say(f"error: {reason} ({_ADVICE})")


@write_errors_reported
def clean_plain_file(cleaner: Cleaner, item: Found, opts: Options, report: Report, say: Say, stdout: TextIO) -> None:
    """Clean one dump as ``opts.mode`` says: print it, write it to the output folder or in place, or diff it."""
    name = str(item.path)
    try:
        raw, file_mode = read_dump_bytes(item.path, opts.max_bytes)
        site = opts.site or (opts.config.site_for(item.path) if opts.config else None)
        # A sidecar and a report show each removal; the summary alone needs only their counts per rule.
        details = opts.keep_removed or report.detail is not None
        if not details and opts.mode in _BYTES_MODES:
            encoded = cleaner.clean_bytes(raw, site=site, path=name)
            if encoded is not None:
                _clean_encoded(item, file_mode, encoded, opts, report, say)
                return
        decoded = decode_bytes(raw, file_mode)
    except InputError as exc:
        report.error(name, f"cannot clean {name}: {exc}")
        say(f"error: cannot clean {name}: {exc}")
        return
    result = cleaner.clean(decoded.text, site=site, path=name, details=details)
    # The bytes to write, encoded once: a UTF-8 dump's also give the summary its output size.
    plain_utf8 = decoded.encoding == "utf-8" and not decoded.bom and decoded.newline == "\n"
    writes = opts.mode is Mode.OUTDIR or (opts.mode is Mode.IN_PLACE and plain_utf8)
    data = decoded.encode(result.text) if writes else None
    changed = _count(report, name, decoded, result, say, len(data) if data is not None and plain_utf8 else None)
    if opts.mode is Mode.STDOUT:
        stdout.write(result.text)
    elif opts.mode is Mode.DIFF:
        if changed:
            stdout.write(unified_diff(decoded.text, result.text, name))
    elif opts.mode is Mode.OUTDIR:
        assert opts.outdir is not None and data is not None
        target = opts.outdir / item.relative
        write_atomic(target, data, like=item.path, like_mode=decoded.mode)
        if opts.keep_removed and not result.held:
            write_sidecar(target, result, append=False)
    elif opts.mode is Mode.IN_PLACE and changed:
        # Through a symlink to the file it names, so the link stays a link.
        real = real_path(item.path)
        if opts.keep_removed:
            write_sidecar(real, result, append=True)
        write_atomic(real, data if data is not None else decoded.encode(result.text))
    if changed and not opts.quiet:
        if opts.mode.writes_nothing:
            say(f"would clean {name}")
        elif opts.mode in (Mode.IN_PLACE, Mode.OUTDIR):
            say(f"cleaned {name}")


def clean_plain_files(
    cleaner: Cleaner, items: list[Found], opts: Options, report: Report, say: Say, stdout: TextIO
) -> None:
    """``clean_plain_file`` on each of a task's dumps, read, cleaned and written in one engine call.

    One hand-off of the GIL for the task, where the Python path gives it up and takes it back at each of
    a dump's system calls. A dump the engine leaves (not UTF-8, a ``# url:`` line, unreadable, a write
    that failed: see ``Engine.clean_files``) takes the Python path here, in its turn, which reports it
    as it always has. For ``-o``, ``--in-place`` and ``--check`` without sidecars or a report's detail.
    """
    mode = _FILE_MODES[opts.mode]
    outdir = str(opts.outdir) if opts.mode is Mode.OUTDIR else None
    config = opts.config
    files = [
        (
            str(item.path),
            os.path.join(outdir, item.relative) if outdir is not None else None,
            opts.site or (config.site_for(item.path) if config else None),
        )
        for item in items
    ]
    done = cleaner.clean_files(files, mode, opts.max_bytes, umask())
    verb = "would clean" if opts.mode.writes_nothing else "cleaned"
    for item, (name, _, _), encoded in zip(items, files, done, strict=True):
        if encoded is None:
            clean_plain_file(cleaner, item, opts, report, say, stdout)
            continue
        changed = report.count_encoded(name, encoded)
        _tally(report, name, encoded.held, changed, say)
        if changed and not opts.quiet:
            say(f"{verb} {name}")


def one_call_fits(items: list[Found], opts: Options, report: Report) -> bool:
    """Whether ``clean_plain_files`` takes a task's files: plain dumps, no sidecar, no report's detail."""
    return (
        opts.mode in _FILE_MODES
        and not opts.keep_removed
        and report.detail is None
        and not any(is_html(item.path.name) for item in items)
    )


_FILE_MODES = {Mode.CHECK: 0, Mode.IN_PLACE: 1, Mode.OUTDIR: 2}
"""The modes ``Engine.clean_files`` runs, by its number for them."""

_BYTES_MODES = (Mode.OUTDIR, Mode.IN_PLACE, Mode.CHECK)
"""Modes that need the cleaned bytes (or nothing), not the text: a UTF-8 dump is cleaned bytes to bytes."""


def _clean_encoded(item: Found, file_mode: int, encoded: Encoded, opts: Options, report: Report, say: Say) -> None:
    """The rest of ``clean_plain_file`` for a dump cleaned bytes to bytes: count, write, tell."""
    name = str(item.path)
    changed = report.count_encoded(name, encoded)
    _tally(report, name, encoded.held, changed, say)
    if opts.mode is Mode.OUTDIR:
        assert opts.outdir is not None
        write_atomic(opts.outdir / item.relative, encoded.data, like=item.path, like_mode=file_mode)
    elif opts.mode is Mode.IN_PLACE and changed:
        write_atomic(real_path(item.path), encoded.data)
    if changed and not opts.quiet:
        say(f"would clean {name}" if opts.mode.writes_nothing else f"cleaned {name}")


def _count(report: Report, name: str, decoded: Decoded, result: Result, say: Say, bytes_out: int | None = None) -> bool:
    changed = report.count_document(name, decoded.text, result, bytes_out=bytes_out)
    _tally(report, name, result.held, changed, say)
    return changed


def _tally(report: Report, name: str, held: str | None, changed: bool, say: Say) -> None:
    """File one document under held back (the safety valve's reason given), changed or unchanged."""
    if held:
        report.held.append(name)
        say(f"held back {name}: {held}")
    elif changed:
        report.changed.append(name)
    else:
        report.unchanged += 1


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
