"""Refusing, before anything is written, an ``-o`` folder that could overwrite an input."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cleaner.discover import Found, real_path


class OutputError(Exception):
    """The output cannot be written safely; nothing has been written."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_outdir(outdir: Path, roots: Sequence[Path], found: Sequence[Found]) -> list[Found]:
    """Raise OutputError if ``-o outdir`` could overwrite an input; return the inputs to clean.

    Refused: OUTDIR is an input folder or contains one, an output would be an input file
    (also through a symlink or hard link), or two inputs would write the same output.
    Files found in folders that lie inside OUTDIR (earlier output) are left out.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> check_outdir(d, [d], [])
    Traceback (most recent call last):
    ...
    cleaner.outdir_guard.OutputError: -o ... is the input folder ... or contains it; choose a folder outside the input
    """
    out = real_path(outdir)
    for root in roots:
        real = real_path(root)
        if root.is_dir() and _inside(real, out):
            raise OutputError(
                f"-o {outdir} is the input folder {root} or contains it; choose a folder outside the input"
            )
    named = {real_path(root) for root in roots if not root.is_dir()}
    keep = [f for f in found if real_path(f.path) in named or not _inside(real_path(f.path), out)]
    targets: dict[Path, Path] = {}
    for item in keep:
        target = outdir / item.relative
        if target in targets:
            raise OutputError(f"{targets[target]} and {item.path} would both be written to {target}; clean them apart")
        targets[target] = item.path
        if _same_file(target, item.path):
            raise OutputError(f"-o {outdir} would overwrite the input {item.path}; choose another folder")
    return keep


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # missing, or a symlink loop: not the same existing file
        return False
