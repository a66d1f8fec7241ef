"""Command-line options that more than one command takes, defined once (`clean` and `learn` read inputs alike)."""

from __future__ import annotations

from typing import Annotated

import typer

IncludeOpt = Annotated[
    list[str] | None, typer.Option("--include", help="Glob of file names to take from folders (repeatable).")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Glob of files or folders to skip (repeatable).")
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Do not apply this rule (repeatable): a rule id, or a family as a prefix ending with a dot, e.g. "
        "--ignore generic.caption --ignore investing. (`cleaner rule` lists the ids). Adds to the project "
        "config's ignore = [...]; an id that names no rule is an error.",
        show_default=False,
    ),
]
