"""Refusing, before anything is written, an ``-o`` folder that could overwrite an input."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cleaner.discover import Found, real_path


class OutputError(Exception):
    """The output cannot be written safely; nothing has been written."""


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it; both resolved (``real_path``), so compared as text.

    >>> _inside(Path("/a/b/c"), Path("/a")), _inside(Path("/ab"), Path("/a")), _inside(Path("/a"), Path("/"))
    (True, False, True)
    """
    p, f = os.path.normcase(path), os.path.normcase(folder)
    return p == f or p.startswith(f if f.endswith(os.sep) else f + os.sep)


def _real_file(path: Path, folders: dict[str, Path]) -> Path:
    """``real_path(path)``, from its folder's real path (resolved once per folder) unless it is a symlink.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "a.txt").write_text("x")
    1
    >>> _real_file(d / "a.txt", {}) == real_path(d / "a.txt")
    True
    """
    if os.path.islink(path):
        return real_path(path)
    folder, name = os.path.split(path)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = real_path(Path(folder))
    return real / name


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
    folders: dict[str, Path] = {}
    keep = []
    for f in found:
        real = _real_file(f.path, folders)
        if (named and real in named) or not _inside(real, out):
            keep.append(f)
    targets: dict[str, Path] = {}  # by the target's normalised text: one Path per file costs more to hash
    for item in keep:
        target = outdir / item.relative
        key = os.path.normcase(target)
        if key in targets:
            raise OutputError(f"{targets[key]} and {item.path} would both be written to {target}; clean them apart")
        targets[key] = item.path
        if _same_file(target, item.path):
            raise OutputError(f"-o {outdir} would overwrite the input {item.path}; choose another folder")
    return keep


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # missing, or a symlink loop: not the same existing file
        return False
