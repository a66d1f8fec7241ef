"""Finding the files to clean: folders walked with include/exclude globs and .gitignore."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
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
    link: bool | None = field(default=None, compare=False, repr=False)
    """Whether ``path`` is a symlink, as the folder's listing said; None: not known (a file named)."""


_HERE = Path()


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


Matcher = Callable[[str], object]


def _matchers(patterns: Sequence[str]) -> list[Matcher]:
    """``patterns`` compiled as ``fnmatch.fnmatch`` compiles them, once for a walk instead of once a file."""
    return [re.compile(fnmatch.translate(os.path.normcase(p))).match for p in patterns]


def _hits(name: str, rel: str, matchers: Sequence[Matcher]) -> bool:
    """``_matches`` with compiled patterns.

    >>> _hits("a.txt", "x/a.txt", _matchers(["*.txt"])), _hits("a.txt", "x/a.txt", _matchers(["x/*", "b"]))
    (True, True)
    >>> _hits("a.md", "x/a.md", _matchers(["*.txt"])), _hits("A.TXT", "A.TXT", _matchers([]))
    (False, False)
    """
    if not matchers:
        return False
    name, rel = os.path.normcase(name), os.path.normcase(rel)
    return any(m(name) is not None or m(rel) is not None for m in matchers)


def excluded(path: Path, patterns: Sequence[str]) -> bool:
    """Whether an exclude glob matches a file's name or its path as given.

    >>> excluded(Path("dumps/old/a.txt"), ["dumps/old/*"]), excluded(Path("a.txt"), ["b*"])
    (True, False)
    """
    return bool(patterns) and _matches(path.name, path.as_posix(), patterns)


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
    included, excluded_files = _matchers(include), _matchers(exclude)
    for root in paths:
        if not root.is_dir():
            yield Found(root, Path(root.name))
            continue
        ignore = _gitignore(root)
        real_root = real_path(root)
        seen_dirs = {real_root}
        for dirpath, dirnames, filenames in _walk(os.fspath(root), follow_symlinks):
            here = Path(dirpath)
            rel_dir = here.relative_to(root)
            # Sorted before the filter: with links followed, a folder's first name in sorted order walks it.
            dirnames[:] = [
                d
                for d in sorted(dirnames)
                if d not in ALWAYS_SKIPPED_DIRS
                and not _hits(d, (rel_dir / d).as_posix(), excluded_files)
                and not (ignore and ignore.match_file((rel_dir / d).as_posix() + "/"))
                # A folder link not followed must not mark its target seen: listed first, it hid the folder.
                and (follow_symlinks or not os.path.islink(os.path.join(dirpath, d)))
                and _first_visit(here / d, seen_dirs)
            ]
            prefix = "" if rel_dir == _HERE else rel_dir.as_posix() + "/"
            for name in sorted(filenames):
                rel = prefix + name  # the same text as (rel_dir / name).as_posix(), without two Paths a file
                if not _hits(name, rel, included) or _hits(name, rel, excluded_files):
                    continue
                if ignore and ignore.match_file(rel):
                    continue
                path = here / name
                link = filenames[name]
                if link is None:
                    link = path.is_symlink()
                if link and not follow_symlinks and real_root not in real_path(path).parents:
                    if skipped is not None:
                        skipped.append(str(path))
                    continue
                yield Found(path, rel_dir / name, link)


def _walk(top: str, follow_symlinks: bool) -> Iterator[tuple[str, list[str], dict[str, bool | None]]]:
    """``os.walk(top, followlinks=follow_symlinks)``, top-down, each file with whether it is a symlink.

    The folder's listing says it (``DirEntry.is_symlink``, from the entry's type where the file system
    gives one), so a file costs no ``lstat``; None where the listing could not tell. As ``os.walk``: a
    folder that cannot be listed is passed over, and the caller may prune the folder names it is given.
    """
    try:
        with os.scandir(top) as entries:
            listed = list(entries)
    except OSError:
        return
    dirs: list[str] = []
    files: dict[str, bool | None] = {}
    for entry in listed:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            dirs.append(entry.name)
            continue
        try:
            files[entry.name] = entry.is_symlink()
        except OSError:
            files[entry.name] = None
    yield top, dirs, files
    for name in dirs:
        sub = os.path.join(top, name)
        if follow_symlinks or not os.path.islink(sub):
            yield from _walk(sub, follow_symlinks)


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
