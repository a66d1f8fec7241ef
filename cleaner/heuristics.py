"""The generic heuristics as users read them: stable id, reason, docs and an example, from the engine."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner import _core


@dataclass(frozen=True)
class Heuristic:
    """A generic heuristic of the engine: ``doc`` says what it does and why; ``example`` is text it removes."""

    id: str
    reason: str
    doc: str
    example: str
    kind: str
    """``"line"``: decides each line by its text alone (``Engine.line_test``); ``"document"``: reads the whole page."""


HEURISTICS: tuple[Heuristic, ...] = tuple(Heuristic(*h) for h in _core.heuristics())
"""The generic stage, in the order it runs."""


def heuristic_by_id(rule_id: str) -> Heuristic | None:
    """Look a heuristic up by id.

    >>> heuristic_by_id("generic.duplicate-line").reason
    'second copy of a line already kept'
    """
    return next((h for h in HEURISTICS if h.id == rule_id), None)
