"""Running untrusted rule patterns with a time limit, so a bad pattern cannot hang a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from cleaner.rules import Rule

TIMEOUT_SECONDS = 1.0


class RuleTimeoutError(Exception):
    """A rule's pattern ran past the time limit on some line."""

    def __init__(self, rule_id: str, source: str) -> None:
        super().__init__(
            f"rule '{rule_id}' ({source or 'unknown file'}): pattern took over "
            f"{TIMEOUT_SECONDS:g}s on one line (catastrophic backtracking?); fix the pattern"
        )
        self.rule_id = rule_id
        self.source = source

    def __reduce__(self) -> tuple[type[RuleTimeoutError], tuple[str, str]]:
        # Rebuilt from its own arguments, so it crosses from a --jobs worker to the parent intact.
        return (type(self), (self.rule_id, self.source))


def search(rule: Rule, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``pattern.search(text)`` that raises RuleTimeoutError instead of hanging.

    >>> from cleaner.rules import Rule
    >>> r = Rule("ex.a", "drop_line", "why", (regex.compile("a+"),))
    >>> search(r, r.pattern, "baa").group()
    'aa'
    """
    try:
        return pattern.search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise RuleTimeoutError(rule.id, rule.source) from None
