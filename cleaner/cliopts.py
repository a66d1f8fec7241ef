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
