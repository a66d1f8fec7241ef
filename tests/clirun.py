"""Running the CLI in tests: in-process (fast) or as a real subprocess (signals, real stdio)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

HANG_GUARD_SECONDS = 120
"""Not a timing assertion: a subprocess that runs this long has hung."""


@dataclass
class Ran:
    """What a CLI run gave back."""

    code: int
    stdout: str
    stderr: str
    crashed: BaseException | None = None


def cli(*args: str | Path, stdin: bytes = b"") -> Ran:
    """Run ``cleaner ARGS`` in-process; an uncaught exception is kept in ``crashed``."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    crashed = None if result.exception is None or isinstance(result.exception, SystemExit) else result.exception
    return Ran(result.exit_code, result.stdout, result.stderr, crashed)


def cli_process(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None) -> Ran:
    """Run ``python -m cleaner ARGS`` as a subprocess, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-c", "from cleaner.cli import main; main()", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return Ran(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
