"""What a heuristic is: a stable id, a reason, docs, and a function that decides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleaner.document import Document
from cleaner.model import Removal

Decide = Callable[[Document], list[Removal]]
LineTest = Callable[[str], bool]
"""A decision on one line's text alone: True drops the line."""


@dataclass(frozen=True)
class Heuristic:
    """A named generic heuristic.

    ``doc`` says what it does and why; ``example`` is a line it removes. ``line_test`` is set
    when the heuristic decides each kept line by its text alone (see ``line_heuristic``):
    the pipeline then runs a row of such heuristics as one pass over the lines.
    """

    id: str
    reason: str
    doc: str
    example: str
    decide: Decide
    line_test: LineTest | None = None

    def __call__(self, doc: Document) -> list[Removal]:
        return self.decide(doc)

    def remove_lines(self, doc: Document, start: int, end: int, reason: str | None = None) -> Removal:
        """A removal of lines ``start..end`` (exclusive) by this heuristic."""
        return Removal(self.id, start, end, reason or self.reason, text="\n".join(doc.lines[start:end]))


@dataclass(frozen=True)
class KeptLines:
    """The decision of a line heuristic: drop every kept line its test accepts.

    A class rather than a closure, so a Cleaner holding it can be pickled for worker processes.
    """

    hid: str
    reason: str
    test: LineTest

    def __call__(self, d: Document) -> list[Removal]:
        return [
            Removal(self.hid, i, i + 1, self.reason, text=d.lines[i]) for i in d.kept_indices() if self.test(d.lines[i])
        ]


def line_heuristic(hid: str, reason: str, doc: str, example: str, test: LineTest) -> Heuristic:
    """A heuristic that drops every kept line (alive, not blank) for which ``test(line)`` is True.

    >>> h = line_heuristic("x.y", "why", "doc", "Ad", lambda line: line == "Ad")
    >>> [r.start for r in h(Document.from_text("Ad\\nText\\nAd"))]
    [0, 2]
    """
    return Heuristic(
        id=hid, reason=reason, doc=doc, example=example, decide=KeptLines(hid, reason, test), line_test=test
    )
