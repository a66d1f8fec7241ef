"""Command-line options merged with the project config into a Cleaner and batch Options.

Free of typer so that the hook's fast path (``cleaner.entry``) and the typer app share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cleaner.batch import Options
from cleaner.config import ConfigError, ProjectConfig, discover_config
from cleaner.discover import DEFAULT_INCLUDE
from cleaner.ignore import UnknownRuleError
from cleaner.pipeline import DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_LOSS, Cleaner
from cleaner.rules import RuleFileError


class UsageError(Exception):
    """Options or config that cannot be used; the CLI prints ``error: <message>`` and exits 2."""


def project_config(paths: Sequence[Path]) -> ProjectConfig | None:
    """The project config for ``paths`` (or the current folder); UsageError when it is broken."""
    try:
        return discover_config(paths)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def configured_site(path: Path) -> str | None:
    """The site the project config's ``sites`` table gives one file (for commands that take one file)."""
    config = project_config([path])
    return config.site_for(path) if config is not None else None


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
    max_loss: float | None = None,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    config: ProjectConfig | None = None,
    ignore: Sequence[str] = (),
) -> Cleaner:
    """A Cleaner from flags plus config (flags win), checking rule folders, site ids and ignored rules
    (``ignore``, the ``--ignore`` flags, adds to the config's).

    >>> make_cleaner(site="no-such-site")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.settings.UsageError: unknown site 'no-such-site'; known sites: ...
    >>> make_cleaner(ignore=["generic.captions"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.settings.UsageError: --ignore: unknown rule 'generic.captions'; closest: generic.caption (...)
    """
    if max_loss is None:
        max_loss = config.max_loss if config is not None and config.max_loss is not None else DEFAULT_MAX_LOSS
    try:
        # metadata=False: no CLI output carries Result.metadata, and extracting it cost a quarter of
        # the cleaning time per file (bench/throughput.py); the HTML path merges what it finds, if any.
        cl = Cleaner(
            rules_dirs=_rule_dirs(rules, config),
            force=force,
            max_loss=max_loss,
            max_line_chars=max_line_chars,
            metadata=False,
            ignore=[*(config.ignore if config is not None else ()), *ignore],
        )
    except RuleFileError as exc:
        raise UsageError("bad rule file: " + "; ".join(str(exc).splitlines())) from None
    except UnknownRuleError as exc:
        where = "--ignore" if exc.entry in ignore else f"{config.path if config else ''}: ignore"
        raise UsageError(f"{where}: {exc}") from None
    known = cl.index.sites
    if site is not None and site not in known:
        raise UsageError(f"unknown site '{site}'; known sites: {', '.join(sorted(known))}")
    for pattern, sid in config.sites if config is not None else ():
        if sid not in known:
            raise UsageError(
                f"{config.path if config else ''}: sites: unknown site '{sid}' for \"{pattern}\" "
                f"(known: {', '.join(sorted(known)) or '(none)'})"
            )
    return cl


def clean_setup(
    paths: Sequence[Path],
    opts: Options,
    *,
    rules: Sequence[Path] = (),
    force: bool = False,
    max_loss: float | None = None,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    ignore: Sequence[str] = (),
) -> tuple[Cleaner, Options]:
    """The Cleaner and batch Options for a ``clean`` run: flags win over the config.

    An empty ``opts.include`` means none was given: the config's, else ``*.txt``.
    """
    config = project_config(paths)
    include = opts.include or (config.include if config and config.include else DEFAULT_INCLUDE)
    opts = replace(opts, include=tuple(include), config=config)
    cl = make_cleaner(
        rules,
        force=force,
        site=opts.site,
        max_loss=max_loss,
        max_line_chars=max_line_chars,
        config=config,
        ignore=ignore,
    )
    return cl, opts
