"""The console-script entry: a fast path for the hook's invocation, the typer app for everything else.

A pre-commit hook starts a fresh process on every commit, and importing typer (with what it pulls
in at run time) costs several times what cleaning a few small files does. So the common hook call,

    cleaner clean (--in-place | --check | -o OUT) [--jobs N] [--site S] [--rules D] [--include G] [--exclude G]
                  [--ignore ID] [--force] [-q] PATH...

is parsed here by hand and run through the same settings and batch code as the typer ``clean``
command. So is a folder run into an output folder (``-o OUT``, ``--jobs N``): typer's start-up is
serial time before the first task, which caps what ``--jobs`` can gain. Any other argument list
(help, other commands or options, ``-``, combined short flags, ``--``, a quoted glob) goes to the
typer app unchanged, so the behaviour is the same either way; the tests run both paths on the
same arguments and compare.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner import regex_cache
from cleaner.batch import Mode

_FLAGS = {
    "--in-place": "in_place",
    "-i": "in_place",
    "--check": "check",
    "--force": "force",
    "--quiet": "quiet",
    "-q": "quiet",
}
_VALUED = {
    "--site": "site",
    "--rules": "rules",
    "--include": "include",
    "--exclude": "exclude",
    "--ignore": "ignore",
    "-o": "output",
    "--output": "output",
    "-j": "jobs",
    "--jobs": "jobs",
}
_REPEATABLE = {"rules", "include", "exclude", "ignore"}


@dataclass(frozen=True)
class FastArgs:
    """A ``clean`` call the fast path handles."""

    mode: Mode
    paths: tuple[Path, ...]
    site: str | None = None
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force: bool = False
    quiet: bool = False
    output: Path | None = None
    jobs: int | None = None
    """``--jobs``; None: the typer app's default (every core) for ``-o``, one job for the hook's modes."""


def parse_fast(argv: Sequence[str]) -> FastArgs | None:
    """The hook call in ``argv``, or None when the typer app must parse it.

    >>> parse_fast(["clean", "--in-place", "--site=investing.com", "a.txt"]).site
    'investing.com'
    >>> parse_fast(["clean", "--check", "--exclude", "old/*", "--exclude", "x", "a.txt"]).exclude
    ('old/*', 'x')
    >>> parse_fast(["clean", "dumps", "-o", "out", "--jobs=2"]).jobs
    2
    >>> [parse_fast(a) for a in (["clean", "a.txt"], ["clean", "-i", "--check", "a"], ["clean", "-i", "-"])]
    [None, None, None]
    >>> bad = (["-o", "o", "-j", "0"], ["-o=o"], ["-o", "o", "-i"], ["-o", "o", "e/*"])
    >>> [parse_fast(["clean", "d", *a]) for a in bad]
    [None, None, None, None]
    """
    if not argv or argv[0] != "clean":
        return None
    flags: set[str] = set()
    values: dict[str, list[str]] = {}
    paths: list[Path] = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if not arg:
            return None
        if not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        name, eq, value = arg.partition("=")
        if eq and not name.startswith("--"):
            return None  # "-o=x" gives the value "=x" to the typer app's parser
        if name in _FLAGS and not eq:
            flags.add(_FLAGS[name])
        elif name in _VALUED:
            if not eq:
                if i >= len(argv):
                    return None
                value = argv[i]
                i += 1
            key = _VALUED[name]
            if not value or value.startswith("-") or (key in values and key not in _REPEATABLE):
                return None
            values.setdefault(key, []).append(value)
        else:
            return None
    output = values.get("output", [None])[0]
    if len(flags & {"in_place", "check"}) + (output is not None) != 1 or not paths:
        return None
    jobs = values.get("jobs", [None])[0]
    if jobs is not None and not (jobs.isdecimal() and jobs.isascii() and int(jobs) >= 1):
        return None  # the typer app says what is wrong with it
    if output is not None and any(c in str(p) for p in paths for c in "*?["):
        return None  # a quoted glob: the typer app expands it
    return FastArgs(
        mode=Mode.OUTDIR if output is not None else Mode.IN_PLACE if "in_place" in flags else Mode.CHECK,
        paths=tuple(paths),
        site=values.get("site", [None])[0],
        rules=tuple(Path(d) for d in values.get("rules", ())),
        include=tuple(values.get("include", ())),
        exclude=tuple(values.get("exclude", ())),
        ignore=tuple(values.get("ignore", ())),
        force="force" in flags,
        quiet="quiet" in flags,
        output=Path(output) if output is not None else None,
        jobs=int(jobs) if jobs is not None else None,
    )


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_fast(args: FastArgs) -> int:
    """Run a parsed hook call exactly as the typer ``clean`` command would; return the exit code."""
    from cleaner.batch import NoFilesError, Options, exit_code, run, summary_line
    from cleaner.formats.records import RecordOptions
    from cleaner.outdir_guard import OutputError
    from cleaner.pipeline import EngineError
    from cleaner.safe_regex import RuleTimeoutError
    from cleaner.settings import UsageError, clean_setup

    opts = Options(
        mode=args.mode,
        outdir=args.output,
        site=args.site,
        include=args.include,
        exclude=args.exclude,
        quiet=args.quiet,
        records=RecordOptions(site=args.site),
    )
    if args.jobs is not None:
        opts.jobs = args.jobs
    elif args.mode is Mode.OUTDIR:
        from cleaner.engines.local import default_jobs

        opts.jobs = default_jobs()
    try:
        cl, opts = clean_setup(args.paths, opts, rules=args.rules, force=args.force, ignore=args.ignore)
        report = run(cl, args.paths, opts, say=_err)
    except (UsageError, NoFilesError, OutputError, RuleTimeoutError, EngineError) as exc:
        _err(f"error: {exc}")
        return 2
    from cleaner.engines.summary import closing_stats

    if stats := closing_stats(report, args.quiet):
        _err(stats)
    _err(summary_line(report, opts.mode))
    return exit_code(report, opts.mode)


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry: run ``cleaner`` with ``argv`` (default: the process's) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    finally:
        regex_cache.save()


def _dispatch(args: list[str]) -> int:
    fast = parse_fast(args)
    if fast is not None:
        return run_fast(fast)
    from cleaner.cli import app

    try:
        app(args=args, prog_name="cleaner")
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        _err(str(exc.code))
        return 1
    return 0
