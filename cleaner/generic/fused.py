"""Line heuristics run as one pass: a row of them decides each line once, remembered by its text.

Heuristics that judge a line by its text alone (``Heuristic.line_test``) and follow one another
in the stage give the same result as one loop over the kept lines in which the first heuristic
of the row that accepts a line takes it: each sees only the lines the ones before it left, and
what they left is exactly the lines none of them accepted. The verdict for a line's text is
remembered, so a line seen again (the confirming pass, a repeated line, the next page of a site)
costs one dictionary lookup instead of a test per heuristic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol, runtime_checkable

from cleaner.document import Document
from cleaner.generic.base import Heuristic, LineTest
from cleaner.model import Removal

MAX_REMEMBERED = 1 << 16
"""Verdicts kept per row before the memory is cleared (they cost about a line's text each)."""


@runtime_checkable
class BatchTest(Protocol):
    """A line test that can also judge many lines at once (searching them together), with the same result."""

    def __call__(self, line: str) -> bool: ...

    def batch(self, lines: Sequence[str]) -> list[bool]:
        """``[self(line) for line in lines]``."""
        ...


class LineRow:
    """Consecutive line heuristics, run as one loop over the kept lines.

    >>> from cleaner.generic.base import line_heuristic
    >>> a = line_heuristic("x.a", "a", "", "", lambda s: s.startswith("A"))
    >>> b = line_heuristic("x.b", "b", "", "", lambda s: s.endswith("b"))
    >>> [[r.start for r in found] for found in LineRow((a, b)).decide(Document.from_text("Ab\\nxb\\nx"))]
    [[0], [1]]
    """

    def __init__(self, heuristics: Sequence[Heuristic]) -> None:
        self.heuristics = tuple(heuristics)
        self._tests: tuple[LineTest, ...] = tuple(h.line_test for h in self.heuristics if h.line_test is not None)
        if len(self._tests) != len(self.heuristics):
            raise ValueError("every heuristic of a LineRow needs a line_test")
        self._verdicts: dict[str, int] = {}

    def verdict(self, line: str) -> int:
        """Position in the row of the first heuristic that takes ``line``; -1 when none does."""
        found = self._verdicts.get(line)
        if found is None:
            found = next((k for k, test in enumerate(self._tests) if test(line)), -1)
            if len(self._verdicts) >= MAX_REMEMBERED:
                self._verdicts.clear()
            self._verdicts[line] = found
        return found

    def judge(self, lines: Sequence[str]) -> None:
        """Find and remember the verdicts of ``lines`` (distinct texts), each test run on all of them at once.

        Each test sees the lines the ones before it left, as ``verdict`` would: a test that can search
        many lines together (``BatchTest``) does, the others are called line by line.
        """
        left = list(lines)
        found: dict[str, int] = {}
        for k, test in enumerate(self._tests):
            if not left:
                break
            taken = test.batch(left) if isinstance(test, BatchTest) else [test(line) for line in left]
            found.update((line, k) for line, hit in zip(left, taken, strict=True) if hit)
            left = [line for line, hit in zip(left, taken, strict=True) if not hit]
        found.update((line, -1) for line in left)
        if len(self._verdicts) + len(found) > MAX_REMEMBERED:
            self._verdicts.clear()
        self._verdicts.update(found)

    def forget(self) -> None:
        """Drop the remembered verdicts (the bench does, to time pages never seen)."""
        self._verdicts.clear()

    def decide(self, doc: Document) -> list[list[Removal]]:
        """For each heuristic of the row, in order, the kept lines it takes (protected lines stay)."""
        out: list[list[Removal]] = [[] for _ in self.heuristics]
        lines, protected = doc.lines, doc.protected
        todo = [i for i in doc.kept_indices() if not protected[i]]
        known = self._verdicts
        new = list(dict.fromkeys(line for i in todo if (line := lines[i]) not in known))
        if new:
            self.judge(new)
        for i in todo:
            k = self.verdict(lines[i])
            if k >= 0:
                h = self.heuristics[k]
                out[k].append(Removal(h.id, i, i + 1, h.reason, text=lines[i]))
        return out


Step = Heuristic | LineRow


@cache
def plan(heuristics: tuple[Heuristic, ...]) -> tuple[Step, ...]:
    """The stage as steps: runs of two or more line heuristics become one LineRow (one per process).

    >>> from cleaner.generic import HEURISTICS
    >>> [type(s).__name__ for s in plan(HEURISTICS)][:3]
    ['Heuristic', 'LineRow', 'Heuristic']
    """
    steps: list[Step] = []
    row: list[Heuristic] = []
    for h in (*heuristics, None):
        if h is not None and h.line_test is not None:
            row.append(h)
            continue
        steps.extend([LineRow(row)] if len(row) > 1 else row)
        row = []
        if h is not None:
            steps.append(h)
    return tuple(steps)
