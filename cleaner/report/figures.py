"""A run's figures as plain data: what ``--summary-json`` writes and what the HTML page shows.

The page is drawn from these same figures, so the numbers a person reads and the ones a machine
reads cannot disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cleaner.report.detail import (
    HISTOGRAM_BINS,
    NOTE_KINDS,
    Detail,
    DetailSpec,
    DocView,
    bin_label,
    rule_kind,
    share_removed,
)
from cleaner.report.record import Report

SCHEMA = "cleaner-summary/1"
"""Names the layout of the summary JSON; bumped when a field changes meaning or goes away."""

MAX_RULE_ROWS = 500
"""Rules listed at most (by bytes removed); the rest are counted."""

MAX_SITE_ROWS = 500
"""Sites listed at most (by documents); the rest are counted."""


@dataclass(frozen=True)
class RunInfo:
    """How the run was started, and how long it took.

    >>> RunInfo(mode="check", seconds=1.5).engine
    'local'
    """

    command: str = "cleaner clean"
    mode: str = "stdout"
    engine: str = "local"
    jobs: int = 1
    started: str = ""
    """Local time, ISO 8601, to the second."""
    seconds: float = 0.0
    max_loss: float = 0.9
    version: str = ""


def _doc(view: DocView) -> dict[str, Any]:
    return {
        "name": view.where,
        "site": view.site,
        "bytes_in": view.bytes_in,
        "bytes_out": view.bytes_out,
        "share_removed": view.share,
        "removals": view.removals,
        "held": view.held,
    }


def _rules(detail: Detail) -> list[dict[str, Any]]:
    rows = sorted(detail.rules.items(), key=lambda kv: (-kv[1].bytes, -kv[1].removals, kv[0]))
    return [
        {
            "rule": rule,
            "kind": rule_kind(rule),
            "removals": t.removals,
            "lines": t.lines,
            "bytes": t.bytes,
            "documents": t.documents,
            "reasons": list(t.reasons),
        }
        for rule, t in rows[:MAX_RULE_ROWS]
    ]


def _sites(detail: Detail) -> list[dict[str, Any]]:
    rows = sorted(detail.sites.items(), key=lambda kv: (-kv[1].documents, kv[0]))
    return [
        {
            "site": site or None,
            "documents": t.documents,
            "changed": t.changed,
            "held": t.held,
            "bytes_in": t.bytes_in,
            "bytes_out": t.bytes_out,
            "share_removed": share_removed(t.bytes_in, t.bytes_out),
        }
        for site, t in rows[:MAX_SITE_ROWS]
    ]


def figures(report: Report, info: RunInfo) -> dict[str, Any]:
    """Everything the summary JSON holds, as JSON-ready data.

    >>> from cleaner.model import Result
    >>> r = Report.collecting(DetailSpec())
    >>> _ = r.count_document("a.txt", "Story\\nAdvertisement\\n", Result("Story\\n"))
    >>> f = figures(r, RunInfo())
    >>> f["totals"]["documents"], round(f["totals"]["share_removed"], 2), f["histogram"]["bins"][14]
    (1, 0.7, {'label': '65-70 %', 'from': 0.65, 'to': 0.7, 'documents': 1})
    """
    detail = report.detail or Detail(DetailSpec())
    removals = sum(report.rules.values())
    totals = {
        "documents": report.documents,
        "documents_changed": report.documents_changed,
        "documents_held": report.documents_held,
        "passed_through": report.passed_through,
        "malformed": report.malformed,
        "files": report.files,
        "files_changed": len(report.changed),
        "files_unchanged": report.unchanged,
        "files_held": len(report.held),
        "files_failed": len(report.errors),
        "symlinks_skipped": len(report.skipped),
        "bytes_in": report.bytes_in,
        "bytes_out": report.bytes_out,
        "bytes_removed": max(0, report.bytes_in - report.bytes_out),
        "share_removed": share_removed(report.bytes_in, report.bytes_out),
        "removals": removals,
        "rules_used": len(report.rules),
    }
    step = 1 / HISTOGRAM_BINS
    bins = [
        {
            "label": bin_label(i),
            "from": 0.0 if i == 0 else round((i - 1) * step, 6),
            "to": 0.0 if i == 0 else round(i * step, 6),
            "documents": n,
        }
        for i, n in enumerate(detail.histogram)
    ]
    spec = detail.spec
    return {
        "schema": SCHEMA,
        "run": {**asdict(info), "interrupted": report.interrupted},
        "totals": totals,
        "histogram": {"bins": bins, "held": detail.held_documents},
        "rules": _rules(detail),
        "rules_total": len(detail.rules),
        "sites": _sites(detail),
        "sites_total": len(detail.sites),
        "documents": {
            "most_removed": [_doc(v) for v in detail.most],
            "least_removed": [_doc(v) for v in detail.least],
            "sample": [_doc(v) for v in detail.sample],
            "held": [_doc(v) for v in detail.held],
        },
        "problems": {
            kind: {
                "count": detail.note_counts[kind],
                "listed": [{"where": n.where, "reason": n.reason} for n in detail.notes.get(kind, [])],
            }
            for kind in NOTE_KINDS
        },
        "limits": {**asdict(spec), "rule_rows": MAX_RULE_ROWS, "site_rows": MAX_SITE_ROWS},
    }
