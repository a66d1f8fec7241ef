"""Finding the files to clean: folders walked with include/exclude globs and .gitignore."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

DEFAULT_INCLUDE = ("*.txt",)
ALWAYS_SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "node_modules", ".tox", ".mypy_cache"}


@dataclass(frozen=True)
class Found:
    """A file to clean and its path relative to the root it was found under."""

    path: Path
    relative: Path


_HERE = Path()


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def excluded(path: Path, patterns: Sequence[str]) -> bool:
    """Whether an exclude glob matches a file's name or its path as given.

    >>> excluded(Path("dumps/old/a.txt"), ["dumps/old/*"]), excluded(Path("a.txt"), ["b*"])
    (True, False)
    """
    return _matches(path.name, path.as_posix(), patterns)


def _gitignore(root: Path) -> pathspec.PathSpec | None:  # type: ignore[type-arg]
    lines: list[str] = []
    for f in (root / ".gitignore",):
        if f.is_file():
            lines.extend(f.read_text(encoding="utf-8", errors="replace").splitlines())
    if not lines:
        return None
    import pathspec  # slow to import; only folders with a .gitignore need it

    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def discover(
    paths: Sequence[Path],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
    skipped: list[str] | None = None,
) -> Iterator[Found]:
    """Yield files to clean, in a stable order.

    A file named explicitly is always taken; folders are walked for files
    matching ``include`` and not ``exclude`` or the folder's ``.gitignore``.
    Symlinks that lead out of the folder are not followed (their names go to
    ``skipped``) unless ``follow_symlinks``; symlinked folders are entered only then,
    each real folder once, so a symlink loop cannot make the walk endless.
    """
    for root in paths:
        if not root.is_dir():
            yield Found(root, Path(root.name))
            continue
        ignore = _gitignore(root)
        real_root = real_path(root)
        seen_dirs = {real_root}
        for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
            here = Path(dirpath)
            rel_dir = here.relative_to(root)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if d not in ALWAYS_SKIPPED_DIRS
                and not _matches(d, (rel_dir / d).as_posix(), exclude)
                and not (ignore and ignore.match_file((rel_dir / d).as_posix() + "/"))
                and _first_visit(here / d, seen_dirs)
            )
            prefix = "" if rel_dir == _HERE else rel_dir.as_posix() + "/"
            for name in sorted(filenames):
                rel = prefix + name  # the same text as (rel_dir / name).as_posix(), without two Paths a file
                if not _matches(name, rel, include) or _matches(name, rel, exclude):
                    continue
                if ignore and ignore.match_file(rel):
                    continue
                path = here / name
                if not follow_symlinks and not _stays_inside(path, real_root):
                    if skipped is not None:
                        skipped.append(str(path))
                    continue
                yield Found(path, rel_dir / name)


def real_path(path: Path) -> Path:
    """The path with every symlink resolved; never raises, even on a symlink loop (Path.resolve does on 3.11).

    >>> real_path(Path("/")) == Path("/")
    True
    """
    return Path(os.path.realpath(path))


def _first_visit(folder: Path, seen: set[Path]) -> bool:
    real = real_path(folder)
    if real in seen:
        return False
    seen.add(real)
    return True


def _stays_inside(path: Path, real_root: Path) -> bool:
    if not path.is_symlink():
        return True
    return real_root in real_path(path).parents
