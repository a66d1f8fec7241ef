"""Writing a run's report files: the HTML page and the summary JSON, each whole or not at all.

Both paths are checked before the run starts (``check_targets``), so a long run does not end
with nothing written because a path names a folder, an unwritable place or an input.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Sequence
from pathlib import Path

from cleaner.report.figures import RunInfo, figures
from cleaner.report.page import render
from cleaner.report.record import Report
from cleaner.textio import write_atomic


class ReportPathError(Exception):
    """A report path that cannot be written; the message says which and why."""


def _is_input(path: Path, inputs: Sequence[Path], include: Sequence[str]) -> bool:
    """Whether an existing file is named as an input, or lies in an input folder with a name the run takes."""
    if not path.is_file():
        return False
    real = path.resolve()
    for given in inputs:
        if str(given) == "-" or not given.exists():
            continue
        root = given.resolve()
        if real == root:
            return True
        if root.is_dir() and root in real.parents:
            rel = real.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(real.name, p) or fnmatch.fnmatch(rel, p) for p in include):
                return True
    return False


def check_targets(targets: Sequence[tuple[str, Path]], inputs: Sequence[Path], include: Sequence[str] = ()) -> None:
    """Fail early when a report file could not be written or would overwrite an input.

    ``targets`` pairs each option with its path, for the message; ``include`` are the names the run
    takes from input folders.

    >>> import tempfile
    >>> dump = Path(tempfile.mkdtemp()) / "page.txt"
    >>> _ = dump.write_text("Story\\n")
    >>> check_targets([("--report", dump)], [dump.parent], ["*.txt"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.report.output.ReportPathError: --report ...page.txt: is one of the files being cleaned; choose another name
    """
    seen: dict[Path, str] = {}
    for flag, path in targets:
        where = f"{flag} {path}"
        if str(path) == "-":
            raise ReportPathError(f"{where}: give a file name; reports are not written to stdout")
        if path.is_dir():
            raise ReportPathError(f"{where}: is a folder; give a file name, e.g. {path / 'report.html'}")
        folder = path.absolute().parent
        while not folder.exists() and folder != folder.parent:  # missing folders are made when it is written
            folder = folder.parent
        if not folder.is_dir():
            raise ReportPathError(f"{where}: {folder} is not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ReportPathError(f"{where}: folder {folder} is not writable")
        if _is_input(path, inputs, include):
            raise ReportPathError(f"{where}: is one of the files being cleaned; choose another name")
        real = path.resolve()
        if real in seen:
            raise ReportPathError(f"{where}: same file as {seen[real]}; give each its own name")
        seen[real] = flag


def write_reports(report: Report, info: RunInfo, html_path: Path | None, json_path: Path | None) -> None:
    """Write the page and/or the summary JSON (atomically: a temporary file, then a rename).

    >>> import tempfile
    >>> from cleaner.report.detail import DetailSpec
    >>> out = Path(tempfile.mkdtemp()) / "s.json"
    >>> write_reports(Report.collecting(DetailSpec()), RunInfo(), None, out)
    >>> json.loads(out.read_text())["totals"]["documents"]
    0
    """
    if json_path is not None:
        text = json.dumps(figures(report, info), indent=2, ensure_ascii=False) + "\n"
        write_atomic(json_path, text.encode("utf-8", "replace"))
    if html_path is not None:
        write_atomic(html_path, render(report, info).encode("utf-8", "replace"))
