"""Project configuration: ``[tool.cleaner]`` in ``pyproject.toml``, or a ``.cleaner.toml``, found by walking up.

```toml
[tool.cleaner]                 # in .cleaner.toml the keys sit at the top level instead
rules = ["cleaner-rules"]      # extra rule folders, relative to this file
exclude = ["dumps/legacy/**"]  # paths never cleaned, relative to this file
include = ["*.txt", "*.text"]  # names taken when a folder is walked
max_loss = 0.8                 # the safety valve's threshold (share of prose)
ignore = ["generic.caption"]   # rules never applied: ids, or families as "generic." (see `cleaner rule`)

[tool.cleaner.sites]           # per-path site ids; the first matching pattern wins
"dumps/investing/**" = "investing.com"
```

Command-line flags win: ``--site`` overrides the per-path sites and ``--include``
the config's ``include``; ``--rules``, ``--exclude`` and ``--ignore`` add to the config's.
Patterns are gitignore-like: ``*`` stays inside one folder, ``**`` crosses folders,
and a pattern without ``/`` matches a name at any depth.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CONFIG_FILE = ".cleaner.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("exclude", "ignore", "include", "max_loss", "rules", "sites")


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class ProjectConfig:
    """The settings of one config file, paths already resolved against its folder.

    >>> cfg = ProjectConfig(root=Path("/p"), exclude=("old/**",), sites=(("inv/**", "investing.com"),))
    >>> cfg.site_for(Path("/p/inv/2024/a.txt")), cfg.site_for(Path("/p/b.txt"))
    ('investing.com', None)
    >>> cfg.excludes(Path("/p/old/a.txt")), cfg.excludes(Path("/elsewhere/old/a.txt"))
    (True, False)
    """

    root: Path
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    sites: tuple[tuple[str, str], ...] = ()
    max_loss: float | None = None
    ignore: tuple[str, ...] = ()
    """Rule ids (or families, ``generic.``) never applied; checked against the known rules by ``make_cleaner``."""

    def _relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def site_for(self, path: Path) -> str | None:
        """The site id the ``sites`` table gives ``path``, or None."""
        rel = self._relative(path) if self.sites else None
        if rel is None:
            return None
        return next((site for pattern, site in self.sites if glob_matches(pattern, rel)), None)

    def excludes(self, path: Path) -> bool:
        """Whether an ``exclude`` pattern covers ``path`` (a file or any of its folders)."""
        rel = self._relative(path) if self.exclude else None
        return rel is not None and any(glob_matches(p, rel) for p in self.exclude)


@cache
def _glob_re(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip("/") if pattern.endswith("/") else pattern.lstrip("/")
    anchored = "/" in pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    # A match on a folder covers everything under it, as in .gitignore.
    return re.compile(prefix + "".join(out) + "(?:/.*)?")


def glob_matches(pattern: str, rel: str) -> bool:
    """Whether a gitignore-like ``pattern`` matches the relative POSIX path ``rel``.

    >>> glob_matches("dumps/investing/**", "dumps/investing/2024/a.txt")
    True
    >>> glob_matches("dumps/*.txt", "dumps/a/b.txt"), glob_matches("*.txt", "dumps/a/b.txt")
    (False, True)
    >>> glob_matches("legacy", "dumps/legacy/a.txt"), glob_matches("**/x.txt", "x.txt")
    (True, True)
    """
    return _glob_re(pattern).fullmatch(rel) is not None


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: a ``.cleaner.toml``, else a pyproject with ``[tool.cleaner]``.

    The walk stops at the repository root (a folder holding ``.git``).
    """
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Most pyproject files never mention cleaner and need no TOML parse.
    if "cleaner" not in text:
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return True  # load_config reports the broken file rather than silently skipping it
    return isinstance(tool, dict) and "cleaner" in tool


def common_folder(paths: Iterable[Path]) -> Path:
    """The deepest folder holding every path (the current folder when there are none).

    >>> common_folder([Path("/a/b/c.txt"), Path("/a/d/e.txt")]).as_posix()
    '/a'
    """
    folders = [p.resolve() if p.resolve().is_dir() else p.resolve().parent for p in paths if str(p) != "-"]
    if not folders:
        return Path.cwd()
    common = folders[0]
    for f in folders[1:]:
        while common != f and common not in f.parents:
            common = common.parent
    return common


def load_config(path: Path) -> ProjectConfig:
    """Read and check one config file; ConfigError names the file and the bad key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    prefix = ""
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("cleaner", {})
        prefix = "tool.cleaner."
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: '{prefix.rstrip('.')}' must be a table")
    return parse_config(data, path, prefix)


def parse_config(data: dict[str, Any], path: Path, prefix: str = "") -> ProjectConfig:
    """Check the settings of a config file and resolve its paths.

    >>> parse_config({"max_loss": 0.5, "rules": ["r"]}, Path("/p/.cleaner.toml")).rules
    (PosixPath('/p/r'),)
    >>> parse_config({"colour": 1}, Path("/p/.cleaner.toml"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.config.ConfigError: /p/.cleaner.toml: unknown key 'colour' (known: exclude, ignore, include, max_loss, ...)
    """
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key '{prefix}{key}' (known: {', '.join(KEYS)})")
    root = path.parent

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{path}: '{prefix}{key}' must be a list of non-empty strings")
        return tuple(value)

    sites = data.get("sites", {})
    if not isinstance(sites, dict):
        raise ConfigError(f'{path}: \'{prefix}sites\' must be a table of "pattern" = "site id"')
    for pattern, sid in sites.items():
        if not isinstance(sid, str) or not sid:
            # Often a key meant for the main table, written below [sites] by mistake.
            raise ConfigError(f"{path}: '{prefix}sites' entry '{pattern}' must be a site id string, not {sid!r}")
    max_loss = data.get("max_loss")
    if max_loss is not None and (
        isinstance(max_loss, bool) or not isinstance(max_loss, int | float) or not 0 < max_loss <= 1
    ):
        raise ConfigError(f"{path}: '{prefix}max_loss' must be a number above 0 and at most 1, not {max_loss!r}")
    return ProjectConfig(
        root=root,
        path=path,
        rules=tuple(root / r for r in strings("rules")),
        include=strings("include"),
        exclude=strings("exclude"),
        sites=tuple(sites.items()),
        max_loss=None if max_loss is None else float(max_loss),
        ignore=strings("ignore"),
    )


def discover_config(paths: Sequence[Path]) -> ProjectConfig | None:
    """The config governing ``paths`` (found from their common folder, or the current one), if any."""
    found = find_config(common_folder(paths))
    return load_config(found) if found is not None else None
