"""The records every stage and every output share: removals and results."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Removal:
    """One decision to remove text, and who made it.

    ``start``/``end`` are 0-based line indices into the input (``end`` exclusive).
    ``span`` is set for an inline cut: character offsets inside line ``start``.

    >>> r = Removal("generic.ad-marker", 3, 4, "advertisement marker", text="Advertisement")
    >>> r.lines_label()
    '4'
    """

    rule: str
    start: int
    end: int
    reason: str
    span: tuple[int, int] | None = None
    text: str = ""

    def lines_label(self) -> str:
        """1-based line range as a user reads it: ``"4"`` or ``"4-9"``."""
        first, last = self.start + 1, self.end
        return str(first) if last <= first else f"{first}-{last}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (1-based, inclusive line numbers).

        >>> Removal("x.y", 0, 2, "why").as_dict()["lines"]
        [1, 2]
        """
        data: dict[str, object] = {
            "rule": self.rule,
            "lines": [self.start + 1, max(self.end, self.start + 1)],
            "reason": self.reason,
            "text": self.text,
        }
        if self.span is not None:
            data["span"] = list(self.span)
        return data


@dataclass(slots=True)
class Result:
    """What cleaning one document gives.

    >>> Result(text="Title\\n", title="Title").changed("Title\\n")
    False
    """

    text: str
    title: str = ""
    site: str | None = None
    removed: list[Removal] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    held: str | None = None
    """Set when the safety valve kept the document unchanged: the reason."""
    rule_counts: dict[str, int] | None = None
    """Removals per rule id (in the order of each rule's first removal) when ``removed`` was not asked
    for (``Cleaner.clean(..., details=False)``); None when ``removed`` holds the removals."""

    def changed(self, original: str) -> bool:
        """Whether the cleaned text differs from ``original``."""
        return self.text != original

    def counts(self) -> dict[str, int]:
        """Removals per rule id, most first.

        >>> Result("", removed=[Removal("a", 0, 1, "r"), Removal("a", 2, 3, "r")]).counts()
        {'a': 2}
        >>> Result("", rule_counts={"b": 1, "a": 2}).counts()
        {'a': 2, 'b': 1}
        """
        out: dict[str, int] = dict(self.rule_counts or {})
        for r in self.removed:
            out[r.rule] = out.get(r.rule, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
