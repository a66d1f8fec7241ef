"""One record of a corpus (a JSON object, a Parquet row): which fields to read, and cleaning it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleaner.formats.html import NoTextError, clean_page, extract
from cleaner.model import Result
from cleaner.pipeline import Cleaner

if TYPE_CHECKING:
    from cleaner.report.detail import DetailSpec
    from cleaner.report.record import Report

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)


def record_format(name: str) -> str | None:
    """``"jsonl"``, ``"parquet"`` or None (a plain dump) for a file name.

    >>> record_format("shard-0001.jsonl.gz"), record_format("x.parquet"), record_format("a.txt")
    ('jsonl', 'parquet', None)
    """
    low = name.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


@dataclass(frozen=True)
class RecordOptions:
    """Field names and what to add to each record."""

    text_field: str = "text"
    url_field: str = "url"
    id_field: str = "id"
    html_field: str = "html"
    """Read (through trafilatura) when a record has no string text field."""
    keep_removed: bool = False
    removed_field: str = "removed"
    site: str | None = None
    report: DetailSpec | None = None
    """What a report collects (set from the run's options: see ``cleaner.batch.with_report_spec``)."""


@dataclass
class Cleaned:
    """A record's outcome: the result (None when passed through) or the reason it was passed through."""

    result: Result | None
    original: str = ""
    problem: str = ""


def _str_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) else None


def record_label(record: dict[str, Any], opts: RecordOptions) -> str:
    """`` (id X)`` for messages when the record has an id, else nothing.

    >>> record_label({"id": 7}, RecordOptions())
    ' (id 7)'
    """
    value = record.get(opts.id_field)
    return f" (id {value})" if isinstance(value, str | int) and not isinstance(value, bool) else ""


def clean_record(cleaner: Cleaner, record: dict[str, Any], opts: RecordOptions) -> Cleaned:
    """Clean one record in place: the text field is replaced, every other field stays.

    >>> rec = {"id": 1, "text": "Title\\n\\nAdvertisement\\n\\nThe story, in full sentences.\\n", "lang": "en"}
    >>> clean_record(Cleaner(), rec, RecordOptions(keep_removed=True)).problem
    ''
    >>> list(rec), rec["text"], rec["removed"][0]["rule"]
    (['id', 'text', 'lang', 'removed'], 'Title\\n\\nThe story, in full sentences.\\n', 'generic.ad-marker-line')
    >>> clean_record(Cleaner(), {"id": 2, "body": "x"}, RecordOptions()).problem
    "no string field 'text'"
    """
    url = _str_field(record, opts.url_field)
    text = _str_field(record, opts.text_field)
    if text is not None:
        original = text
        result = cleaner.clean(text, site=opts.site, url=url)
    else:
        html = _str_field(record, opts.html_field)
        if html is None:
            return Cleaned(None, problem=f"no string field '{opts.text_field}'")
        try:
            page = extract(html, url=url)
        except NoTextError as exc:
            return Cleaned(None, problem=f"field '{opts.html_field}': {exc}")
        original = page.text
        result = clean_page(cleaner, page, site=opts.site)
    record[opts.text_field] = result.text
    if opts.keep_removed:
        # A held document keeps its text, so nothing was removed from it.
        record[opts.removed_field] = [] if result.held else [r.as_dict() for r in result.removed]
    return Cleaned(result, original=original)


def count_record(report: Report, cleaned: Cleaned, where: str) -> tuple[bool, str]:
    """Add one cleaned record to ``report``: whether it changed, and a message to print ("" for none).

    >>> from cleaner.report.record import Report
    >>> rep = Report()
    >>> count_record(rep, Cleaned(Result("b\\n"), original="a\\nb\\n"), "line 1")
    (True, '')
    >>> rep.documents, rep.documents_changed
    (1, 1)
    """
    result = cleaned.result
    if result is None:
        report.passed_through += 1
        report.note("passed-through", where, cleaned.problem)
        return False, f"{where}: {cleaned.problem}; passed through unchanged"
    changed = report.count_document(where, cleaned.original, result)
    return changed, f"held back {where}: {result.held}" if result.held else ""
