"""A learned site as a rule file in the hand-written format (rules/README.md), byte for byte stable."""

from __future__ import annotations

import os
import re
import sys
import time

from cleaner.learning.select import LearnedSite, LearnSettings

_NOT_IN_ID = re.compile(r"[^a-z0-9.-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def cleaner_version() -> str:
    """The running cleaner's version, for the files' header.

    Read from the package (always imported before any of its modules) rather than imported, so that
    ``cleaner`` may import this package for ``cleaner.learn`` without an import circle.

    >>> cleaner_version() == __import__("cleaner").__version__
    True
    """
    return str(getattr(sys.modules.get("cleaner"), "__version__", "unknown"))


def rule_prefix(site: str) -> str:
    """The id prefix of a site's learned rules.

    >>> rule_prefix("News.Example.com")
    'learned.news.example.com'
    """
    slug = _NOT_IN_ID.sub("-", site.lower()).strip(".-") or "site"
    return f"learned.{slug}"


def toml_string(text: str) -> str:
    """A TOML string holding ``text``: a literal string when it can be one (patterns read best so).

    >>> print(toml_string(r"^\\s*home\\s*$"), toml_string("it's"), toml_string('a "b" \\\\ c\\x01'))
    '^\\s*home\\s*$' "it's" "a \\"b\\" \\\\ c\\u0001"
    """
    if "'" not in text and not _CONTROL.search(text):
        return f"'{text}'"
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", out) + '"'


def learned_on() -> str:
    """The day of learning (UTC), or the day of ``SOURCE_DATE_EPOCH`` for reproducible files.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"; learned_on()
    '1970-01-01'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = int(epoch) if epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d", time.gmtime(stamp))


def render(learned: LearnedSite, settings: LearnSettings, version: str) -> str:
    """The rule file of one learned site.

    >>> from cleaner.learning.select import LearnedRule
    >>> s = LearnedSite("ex.com", 6, [LearnedRule("drop_line", "(?i)^home$", "on 6 of 6 pages", ("Home",))])
    >>> print(render(s, LearnSettings(), "0.1").split("[site]\\n")[1])
    id = "ex.com"
    domains = ["ex.com"]
    learned = true
    description = "Learned from 6 pages: what recurs on them."
    <BLANKLINE>
    [[rule]]
    id = "learned.ex.com.1"
    kind = "drop_line"
    pattern = '(?i)^home$'
    why = "on 6 of 6 pages"
    examples = ["Home"]
    <BLANKLINE>
    """
    prefix = rule_prefix(learned.site)
    head = [
        f"# Learned by `cleaner learn` (cleaner {version}) on {learned_on()} from {learned.pages} pages of "
        f"{learned.site}:",
        f"# lines on at least {settings.min_share:.0%} of the pages (sentences: {settings.prose_share:.0%}), "
        "counts, dates and times ignored;",
        f"# no rule takes more than {settings.max_prose:.0%} of a page's prose. Review it, edit it, or learn again;",
        "# a hand-written file for the same site runs first and wins where both apply.",
    ]
    for note in learned.dropped:
        head.append(f"# dropped: {_CONTROL.sub(' ', note)}")
    lines = [
        *head,
        "",
        "[site]",
        f"id = {_basic(learned.site)}",
        f"domains = [{_basic(learned.site)}]",
        "learned = true",
        f"description = {_basic(f'Learned from {learned.pages} pages: what recurs on them.')}",
    ]
    for n, rule in enumerate(learned.rules, 1):
        lines += [
            "",
            "[[rule]]",
            f'id = "{prefix}.{n}"',
            f'kind = "{rule.kind}"',
            f"pattern = {toml_string(rule.pattern)}",
        ]
        if rule.max_lines:
            lines.append(f"max_lines = {rule.max_lines}")
        lines.append(f"why = {_basic(rule.why)}")
        lines.append("examples = [" + ", ".join(_basic(e) for e in rule.examples) + "]")
    return "\n".join(lines) + "\n"


def _basic(text: str) -> str:
    """A TOML basic string (double quotes), for examples and prose.

    >>> _basic('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", out) + '"'
