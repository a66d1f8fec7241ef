"""A batch run's settings: what to do with each cleaned text, and the knobs of the run.

Free of the engines and the formats' streaming code, so every module of a run can import it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.config import ProjectConfig
from cleaner.discover import DEFAULT_INCLUDE
from cleaner.formats.records import RecordOptions
from cleaner.textio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # the hook's runs never collect a report: they need not import its code
    from cleaner.report.detail import DetailSpec

Say = Callable[[str], None]
"""Where a run's messages go, one line per call (stderr in the CLI)."""


class Mode(StrEnum):
    """What a run does with each cleaned text."""

    STDOUT = "stdout"
    OUTDIR = "outdir"
    IN_PLACE = "in-place"
    CHECK = "check"
    DIFF = "diff"

    @property
    def writes_nothing(self) -> bool:
        """Whether the run only tells what would change (``--check``, ``--diff``).

        >>> Mode.CHECK.writes_nothing, Mode.OUTDIR.writes_nothing
        (True, False)
        """
        return self in (Mode.CHECK, Mode.DIFF)


@dataclass
class Options:
    """A batch run's settings.

    >>> from cleaner.report.detail import DetailSpec
    >>> Options(mode=Mode.CHECK, report=DetailSpec(seed=7)).records.report is None  # run() passes it on
    True
    """

    mode: Mode = Mode.STDOUT
    outdir: Path | None = None
    site: str | None = None
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    quiet: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_symlinks: bool = False
    keep_removed: bool = False
    jobs: int = 1
    """Documents cleaned at once, on worker threads (1: this thread only); see cleaner.engines.local."""
    processes: bool = False
    """Run the ``jobs`` workers as processes instead of threads."""
    records: RecordOptions = field(default_factory=RecordOptions)
    """JSONL / Parquet field names and options."""
    config: ProjectConfig | None = None
    """The project config: per-path sites and excludes."""
    report: DetailSpec | None = None
    """Collect what ``--report`` / ``--summary-json`` show (None: counts only, the cheapest run)."""
