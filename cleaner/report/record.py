"""The run's record: what a batch run did, counted, one document at a time.

Every engine and format counts into a ``Report`` (workers into partial ones, merged in input order),
the CLI prints its summary from it, and ``--report`` / ``--summary-json`` are drawn from it. It imports
no other module of a run, so all of them can import it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a report is asked for: the hook's runs only count
    from cleaner.model import Result
    from cleaner.pipeline import Encoded
    from cleaner.report.detail import Detail, DetailSpec


@dataclass
class Report:
    """What a run did, counted.

    >>> from cleaner.model import Result
    >>> from cleaner.report.detail import DetailSpec
    >>> r = Report.collecting(DetailSpec())
    >>> r.count_document("a.txt", "Story\\nAd\\n", Result("Story\\n"))
    True
    >>> r.documents, r.documents_changed, r.bytes_in, r.bytes_out, r.detail.histogram[0]
    (1, 1, 9, 6, 0)
    """

    changed: list[str] = field(default_factory=list)
    """Files that changed (or would): plain dumps, HTML pages, record files with a changed record."""
    unchanged: int = 0
    held: list[str] = field(default_factory=list)
    """Plain or HTML files the safety valve left as they were."""
    errors: list[str] = field(default_factory=list)
    """Files (or ``-``) that could not be cleaned."""
    skipped: list[str] = field(default_factory=list)
    """Symlinks leading out of the folders given, left alone."""
    interrupted: bool = False
    bytes_in: int = 0
    bytes_out: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    """Removals per rule id (held-back documents' not counted: nothing was removed)."""
    # Counted per document (a file, a JSONL record, a Parquet row); see cleaner.engines.
    documents: int = 0
    documents_changed: int = 0
    documents_held: int = 0
    passed_through: int = 0
    """Records passed through unchanged: no text field, or not an object."""
    malformed: int = 0
    """JSONL lines that are not JSON (copied unchanged; the run exits 2)."""
    detail: Detail | None = None
    """What a report page shows beyond the counts; None when no report was asked for."""

    @classmethod
    def collecting(cls, spec: DetailSpec | None) -> Report:
        """An empty record that also collects a report's detail when ``spec`` is given.

        >>> Report.collecting(None).detail is None
        True
        """
        if spec is None:
            return cls()
        from cleaner.report.detail import Detail

        return cls(detail=Detail(spec))

    def fresh(self) -> Report:
        """An empty record that collects what this one does (for a part of the run).

        >>> from cleaner.report.detail import DetailSpec
        >>> Report.collecting(DetailSpec(seed=4)).fresh().detail.spec.seed
        4
        """
        return Report.collecting(self.detail.spec if self.detail is not None else None)

    @property
    def files(self) -> int:
        """Files looked at, errors included.

        >>> Report(changed=["a"], unchanged=2, errors=["b"]).files
        4
        """
        return len(self.changed) + self.unchanged + len(self.held) + len(self.errors)

    def count_document(
        self, where: str, original: str, result: Result, changed: bool | None = None, bytes_out: int | None = None
    ) -> bool:
        """Count one cleaned document (a file, a record, a row); return whether its text changed.

        ``original`` is the text cleaning started from; ``changed`` overrides the comparison (an HTML
        page always changes: it becomes text). A held-back document counts as not changed. ``bytes_out``
        is the UTF-8 size of ``result.text`` when the caller has encoded it already (encoding it again
        costs a worker some 10 us a dump with the GIL held).

        >>> from cleaner.model import Result
        >>> r = Report()
        >>> r.count_document("a.txt", "Ad\\n", Result("Ad\\n", held="would lose everything"))
        False
        >>> r.documents, r.documents_held, r.documents_changed
        (1, 1, 0)
        """
        self.documents += 1
        self.bytes_in += len(original.encode("utf-8", "surrogatepass"))
        self.bytes_out += len(result.text.encode("utf-8", "surrogatepass")) if bytes_out is None else bytes_out
        if result.held:
            self.documents_held += 1
            self.note("held", where, result.held)
        elif result.rule_counts is not None:
            self.rules.update(result.rule_counts)
        else:
            self.rules.update(r.rule for r in result.removed)
        if changed is None:
            changed = not result.held and result.text != original
        self.documents_changed += changed
        if self.detail is not None:
            self.detail.add(where, original, result)
        return changed

    def count_encoded(self, where: str, cleaned: Encoded) -> bool:
        """``count_document`` for a file cleaned bytes to bytes (no report detail: it needs the texts).

        >>> from cleaner.pipeline import Encoded
        >>> r = Report()
        >>> r.count_encoded("a.txt", Encoded(b"Story\\n", True, 9, 6, {"generic.ad": 1}))
        True
        >>> r.documents, r.documents_changed, r.bytes_in, r.bytes_out, r.rules["generic.ad"]
        (1, 1, 9, 6, 1)
        """
        assert self.detail is None, "a report's detail needs the texts: clean them as str"
        self.documents += 1
        self.bytes_in += cleaned.bytes_in
        self.bytes_out += cleaned.bytes_out
        if cleaned.held:
            self.documents_held += 1
        else:
            self.rules.update(cleaned.rule_counts)
        self.documents_changed += cleaned.changed
        return cleaned.changed

    def error(self, name: str, message: str) -> None:
        """Count a file that could not be cleaned; ``message`` is the line the user is shown (after ``error:``).

        >>> from cleaner.report.detail import DetailSpec
        >>> r = Report.collecting(DetailSpec())
        >>> r.error("b.txt", "cannot clean b.txt: binary file")
        >>> r.errors, r.detail.notes["error"][0].reason
        (['b.txt'], 'cannot clean b.txt: binary file')
        """
        self.errors.append(name)
        self.note("error", name, message)

    def note(self, kind: str, where: str, reason: str) -> None:
        """Keep a problem for the report (see ``cleaner.report.detail.NOTE_KINDS``); nothing without one.

        >>> r = Report()
        >>> r.note("skipped", "link.txt", "symlink leading out of the folder")
        >>> r.detail is None
        True
        """
        if self.detail is not None:
            self.detail.note(kind, where, reason)

    def merge(self, part: Report) -> None:
        """Add ``part`` (the next files or batches, in input order): lists extend, numbers and counters add.

        >>> t = Report(changed=["a"], documents=1)
        >>> t.merge(Report(changed=["b"], documents=2, rules=Counter({"x": 1})))
        >>> t.changed, t.documents, t.rules
        (['a', 'b'], 3, Counter({'x': 1}))
        """
        self.changed.extend(part.changed)
        self.unchanged += part.unchanged
        self.held.extend(part.held)
        self.errors.extend(part.errors)
        self.skipped.extend(part.skipped)
        self.interrupted = self.interrupted or part.interrupted
        self.bytes_in += part.bytes_in
        self.bytes_out += part.bytes_out
        self.rules.update(part.rules)
        self.documents += part.documents
        self.documents_changed += part.documents_changed
        self.documents_held += part.documents_held
        self.passed_through += part.passed_through
        self.malformed += part.malformed
        if part.detail is not None:
            if self.detail is None:
                self.detail = Report.collecting(part.detail.spec).detail
            assert self.detail is not None
            self.detail.merge(part.detail)
