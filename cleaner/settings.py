"""Command-line options merged with the project config into a Cleaner and batch Options.

Free of typer so that the hook's fast path (``cleaner.entry``) and the typer app share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleaner.batch import Mode, Options
from cleaner.config import ConfigError, ProjectConfig, discover_config
from cleaner.discover import DEFAULT_INCLUDE
from cleaner.pipeline import DEFAULT_MAX_LOSS, Cleaner
from cleaner.rules import RuleFileError


class UsageError(Exception):
    """Options or config that cannot be used; the CLI prints ``error: <message>`` and exits 2."""


def project_config(paths: Sequence[Path]) -> ProjectConfig | None:
    """The project config for ``paths`` (or the current folder); UsageError when it is broken."""
    try:
        return discover_config(paths)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _rule_dirs(flag_dirs: Sequence[Path], config: ProjectConfig | None) -> list[Path]:
    dirs: list[Path] = []
    if config is not None:
        for d in config.rules:
            if not d.is_dir():
                raise UsageError(f"{config.path}: rules folder {d} is not a folder")
            dirs.append(d)
    for d in flag_dirs:
        if not d.is_dir():
            raise UsageError(f"--rules {d}: not a folder")
        dirs.append(d)
    seen: set[Path] = set()
    unique = []
    for d in dirs:
        if d.resolve() not in seen:
            seen.add(d.resolve())
            unique.append(d)
    return unique


def make_cleaner(
    rules: Sequence[Path] = (),
    *,
    force: bool = False,
    site: str | None = None,
    config: ProjectConfig | None = None,
) -> Cleaner:
    """A Cleaner from flags plus config, checking rule folders and site ids.

    >>> make_cleaner(site="no-such-site")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.settings.UsageError: unknown site 'no-such-site'; known sites: ...
    """
    max_loss = config.max_loss if config is not None and config.max_loss is not None else DEFAULT_MAX_LOSS
    try:
        cl = Cleaner(rules_dirs=_rule_dirs(rules, config), force=force, max_loss=max_loss)
    except RuleFileError as exc:
        raise UsageError("bad rule file: " + "; ".join(str(exc).splitlines())) from None
    known = cl.index.sites
    if site is not None and site not in known:
        raise UsageError(f"unknown site '{site}'; known sites: {', '.join(sorted(known)) or '(none)'}")
    for pattern, sid in config.sites if config is not None else ():
        if sid not in known:
            raise UsageError(
                f"{config.path if config else ''}: sites: unknown site '{sid}' for \"{pattern}\" "
                f"(known: {', '.join(sorted(known)) or '(none)'})"
            )
    return cl


def clean_setup(
    paths: Sequence[Path],
    *,
    mode: Mode,
    outdir: Path | None = None,
    site: str | None = None,
    rules: Sequence[Path] = (),
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    force: bool = False,
    quiet: bool = False,
) -> tuple[Cleaner, Options]:
    """The Cleaner and batch Options for a ``clean`` run: flags win over the config."""
    config = project_config(paths)
    opts = Options(
        mode=mode,
        outdir=outdir,
        site=site,
        include=tuple(include or (config.include if config and config.include else DEFAULT_INCLUDE)),
        exclude=tuple(exclude),
        quiet=quiet,
        config=config,
    )
    return make_cleaner(rules, force=force, site=site, config=config), opts
