"""What a heuristic is: a stable id, a reason, docs, and a function that decides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleaner.document import Document
from cleaner.model import Removal

Decide = Callable[[Document], list[Removal]]


@dataclass(frozen=True)
class Heuristic:
    """A named generic heuristic.

    ``doc`` says what it does and why; ``example`` is a line it removes.
    """

    id: str
    reason: str
    doc: str
    example: str
    decide: Decide

    def __call__(self, doc: Document) -> list[Removal]:
        return self.decide(doc)

    def remove_lines(self, doc: Document, start: int, end: int, reason: str | None = None) -> Removal:
        """A removal of lines ``start..end`` (exclusive) by this heuristic."""
        return Removal(self.id, start, end, reason or self.reason, text="\n".join(doc.lines[start:end]))
