"""The run's closing statistics line."""

from __future__ import annotations

from cleaner.report.record import Report

TOP_RULES = 5


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def stats_line(report: Report) -> str:
    """Documents, bytes in and out, and the rules that removed most.

    >>> from collections import Counter
    >>> print(stats_line(Report(documents=3, documents_changed=2, bytes_in=2_000_000, bytes_out=1_500_000,
    ...                         rules=Counter({"generic.ad-marker-line": 4, "x.footer": 2}))))
    3 documents (2 changed); 2.0 MB in, 1.5 MB out (-25%); top rules: generic.ad-marker-line 4, x.footer 2
    """
    parts = [f"{report.documents_changed:,} changed"]
    if report.documents_held:
        parts.append(f"{report.documents_held:,} held back")
    if report.passed_through:
        parts.append(f"{report.passed_through:,} passed through without text")
    if report.malformed:
        parts.append(f"{report.malformed:,} malformed JSON line{'s' if report.malformed != 1 else ''}")
    noun = "document" if report.documents == 1 else "documents"
    line = (
        f"{report.documents:,} {noun} ({', '.join(parts)}); {_size(report.bytes_in)} in, {_size(report.bytes_out)} out"
    )
    if report.bytes_in:
        line += f" ({(report.bytes_out - report.bytes_in) / report.bytes_in:+.0%})"
    top = report.rules.most_common(TOP_RULES)
    if top:
        line += "; top rules: " + ", ".join(f"{rule} {n:,}" for rule, n in top)
    return line


def closing_stats(report: Report, quiet: bool) -> str | None:
    """The statistics line a ``clean`` run prints before its summary, or None (quiet, or one document).

    >>> closing_stats(Report(documents=1), quiet=False) is None
    True
    """
    if quiet or not (report.documents > 1 or report.malformed or report.passed_through):
        return None
    return stats_line(report)
