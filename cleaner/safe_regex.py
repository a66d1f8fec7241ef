"""Running untrusted rule patterns with a time limit, so a bad pattern cannot hang a run.

Every place a site rule's pattern runs on document text goes through ``search`` or
``finditer`` here; a pattern that backtracks catastrophically raises RuleTimeoutError,
which names the rule file and rule id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from cleaner.rules import Rule

TIMEOUT_SECONDS = 1.0
"""Longest one pattern may run on one line (the regex module's ``timeout=``)."""


class RuleTimeoutError(Exception):
    """A rule's pattern ran past the time limit on some line.

    >>> from cleaner.rules import Rule
    >>> str(RuleTimeoutError(Rule("ex.a", "cut", "why", (), source="ex.toml")))
    "ex.toml: rule 'ex.a': pattern took over 1s on one line (catastrophic backtracking?); fix or remove the rule"
    """

    def __init__(self, rule: Rule) -> None:
        super().__init__(
            f"{rule.source or 'rule file'}: rule '{rule.id}': pattern took over {TIMEOUT_SECONDS:g}s on one line "
            "(catastrophic backtracking?); fix or remove the rule"
        )
        self.rule = rule
        self.rule_id = rule.id
        self.file = rule.source

    def __reduce__(self) -> tuple[type[RuleTimeoutError], tuple[Rule]]:
        # Rebuilt from its rule, so it crosses from a --jobs worker to the parent intact.
        return (type(self), (self.rule,))


def search(rule: Rule, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``pattern.search(text)`` that raises RuleTimeoutError instead of hanging.

    >>> import regex
    >>> from cleaner.rules import Rule
    >>> r = Rule("ex.a", "drop_line", "why", (regex.compile("a+"),))
    >>> search(r, r.pattern, "baa").group()
    'aa'
    """
    try:
        return pattern.search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise RuleTimeoutError(rule) from None


def finditer(rule: Rule, pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` under the same time limit (for the whole scan of the line).

    >>> import regex
    >>> from cleaner.rules import Rule
    >>> r = Rule("ex.a", "cut", "why", (regex.compile("a+"),))
    >>> [m.group() for m in finditer(r, r.pattern, "a-aa")]
    ['a', 'aa']
    """
    try:
        yield from pattern.finditer(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise RuleTimeoutError(rule) from None
