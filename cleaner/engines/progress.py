"""A progress bar on stderr (documents/s, MB/s, ETA), shown only when stderr is a terminal.

rich is imported only when the bar is shown.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol


class Progress(Protocol):
    """What the engines tell the bar: documents done and bytes of input read."""

    def advance(self, documents: int, nbytes: int) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    """The bar when nobody watches: does nothing."""

    def advance(self, documents: int, nbytes: int) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""


class RichProgress:
    """A rich bar over the input bytes, with documents/s and MB/s beside it."""

    def __init__(self, total_bytes: int) -> None:
        from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self._bar = Bar(
            TextColumn("cleaning"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn(
                "{task.fields[docs]:,} docs  {task.fields[docs_rate]:,.0f} docs/s  {task.fields[mb_rate]:.1f} MB/s"
            ),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            transient=True,
            redirect_stdout=False,
        )
        self._task: Any = self._bar.add_task("clean", total=max(total_bytes, 1), docs=0, docs_rate=0.0, mb_rate=0.0)
        self._docs = 0
        self._bytes = 0
        self._start = time.monotonic()
        self._bar.start()

    def advance(self, documents: int, nbytes: int) -> None:
        """Count work done; rates are over the whole run so far."""
        self._docs += documents
        self._bytes += nbytes
        elapsed = max(time.monotonic() - self._start, 1e-6)
        self._bar.update(
            self._task,
            completed=self._bytes,
            docs=self._docs,
            docs_rate=self._docs / elapsed,
            mb_rate=self._bytes / elapsed / 1e6,
        )

    def close(self) -> None:
        """Remove the bar (the summary line follows)."""
        self._bar.stop()


def watched(enabled: bool = True) -> bool:
    """Whether a bar would be shown: ``enabled`` and stderr a terminal (a run sizes its input only then).

    >>> watched(enabled=False)
    False
    """
    return enabled and sys.stderr.isatty()


def progress_for(total_bytes: int, enabled: bool = True) -> Progress:
    """A rich bar when ``enabled`` and stderr is a terminal, else one that does nothing.

    >>> isinstance(progress_for(100, enabled=False), NoProgress)
    True
    """
    if watched(enabled):
        try:
            return RichProgress(total_bytes)
        except ImportError:
            return NoProgress()
    return NoProgress()
