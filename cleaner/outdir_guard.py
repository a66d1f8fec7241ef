"""Refusing, before anything is written, an ``-o`` folder that could overwrite an input."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cleaner.discover import Found, real_path


class OutputError(Exception):
    """The output cannot be written safely; nothing has been written."""


def _inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it; both resolved (``real_path``), so compared as text.

    >>> _inside(Path("/a/b/c"), Path("/a")), _inside(Path("/ab"), Path("/a")), _inside(Path("/a"), Path("/"))
    (True, False, True)
    """
    p, f = os.path.normcase(path), os.path.normcase(folder)
    return p == f or p.startswith(f if f.endswith(os.sep) else f + os.sep)


def _real_file(item: Found, folders: dict[str, str]) -> str:
    """``real_path(item.path)`` as text, from its folder's real path (resolved once per folder) unless it is a
    symlink (``item.link``, from the folder's listing; looked up when not known).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "a.txt").write_text("x")
    1
    >>> _real_file(Found(d / "a.txt", Path("a.txt")), {}) == str(real_path(d / "a.txt"))
    True
    """
    path = item.path
    if item.link or (item.link is None and os.path.islink(path)):
        return str(real_path(path))
    folder, name = os.path.split(path)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = str(real_path(Path(folder)))
    return os.path.join(real, name)


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
    out = str(real_path(outdir))
    for root in roots:
        if root.is_dir() and _inside(real_path(root), out):
            raise OutputError(
                f"-o {outdir} is the input folder {root} or contains it; choose a folder outside the input"
            )
    named = {str(real_path(root)) for root in roots if not root.is_dir()}
    folders: dict[str, str] = {}
    keep = []
    for f in found:
        real_file = _real_file(f, folders)
        if (named and real_file in named) or not _inside(real_file, out):
            keep.append(f)
    targets: dict[str, Path] = {}  # by the target's normalised text: one Path per file costs more to hash
    # Whether each output folder exists: where it does not, none of its files does, and no file is looked up.
    there: dict[str, bool] = {}
    for item in keep:
        target = os.path.join(outdir, item.relative)
        key = os.path.normcase(target)
        if key in targets:
            raise OutputError(
                f"{targets[key]} and {item.path} would both be written to {outdir / item.relative}; clean them apart"
            )
        targets[key] = item.path
        folder = os.path.dirname(target)
        exists = there.get(folder)
        if exists is None:
            exists = there[folder] = _exists(folder)
        if exists and _same_file(target, item.path):
            raise OutputError(f"-o {outdir} would overwrite the input {item.path}; choose another folder")
    return keep


def _exists(path: str) -> bool:
    """Whether ``path`` can be looked up at all: when it cannot, no path under it can either."""
    try:
        os.stat(path)
    except OSError:
        return False
    return True


def _same_file(a: str | Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # missing, or a symlink loop: not the same existing file
        return False
