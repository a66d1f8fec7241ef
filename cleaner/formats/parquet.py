"""Parquet corpora, read and written one row batch at a time (needs the ``parquet`` extra: pyarrow).

Only the text column is replaced (same type, same position); every other column
and the schema's metadata stay as they were. ``--keep-removed`` adds a string
column holding each row's removals as JSON.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.formats.records import RecordOptions, clean_record, count_record
from cleaner.pipeline import Cleaner
from cleaner.report.record import Report

if TYPE_CHECKING:
    from cleaner.engines.local import LocalEngine

ROWS_PER_BATCH = 256
"""Rows read, cleaned and written at a time (a few MB of text: the pool holds 3 batches per worker)."""


class ParquetError(Exception):
    """A Parquet file that cannot be cleaned (no pyarrow, no text column, unreadable)."""


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ParquetError("Parquet needs pyarrow: pip install 'cleaner[parquet]'") from None
    return pq


@dataclass(frozen=True)
class TextBatch:
    """A task: the text (and url) values of consecutive rows."""

    source: str
    first_row: int
    texts: list[Any]
    urls: list[Any]
    opts: RecordOptions


@dataclass
class TextOutcome:
    """Cleaned values (None: keep the row's value), removals as JSON, counts, messages."""

    texts: list[str | None]
    removed: list[str | None]
    report: Report
    messages: list[str] = field(default_factory=list)


def clean_texts(cleaner: Cleaner, batch: TextBatch) -> TextOutcome:
    """Clean the text values of a row batch (a task function: it runs in a worker).

    >>> out = clean_texts(Cleaner(), TextBatch("t.parquet", 1, ["A\\nAdvertisement\\nB", None], [None, None],
    ...                                        RecordOptions()))
    >>> out.texts, out.report.documents, out.messages
    (['A\\nB\\n', None], 1, ["t.parquet: row 2: no string field 'text'; passed through unchanged"])
    """
    opts = batch.opts
    report = Report.collecting(opts.report)
    messages: list[str] = []
    texts: list[str | None] = []
    removed: list[str | None] = []
    for row, (text, url) in enumerate(zip(batch.texts, batch.urls, strict=True), start=batch.first_row):
        record = {opts.text_field: text, opts.url_field: url}
        cleaned = clean_record(cleaner, record, opts)
        _, message = count_record(report, cleaned, f"{batch.source}: row {row}")
        if message:
            messages.append(message)
        result = cleaned.result
        if result is None:
            texts.append(None)
            removed.append(None)
            continue
        texts.append(result.text)
        removed.append(json.dumps(record[opts.removed_field], ensure_ascii=False) if opts.keep_removed else None)
    return TextOutcome(texts, removed, report, messages)


def stream_parquet(
    engine: LocalEngine, path: Path, target: Path | None, opts: RecordOptions, source: str
) -> Iterator[tuple[TextOutcome, int]]:
    """Clean a Parquet file batch by batch into ``target`` (None: count only).

    Yields each batch's outcome and the rows it held, for the caller to count and show.
    ``target`` is written through a temporary file and renamed when complete.
    """
    pq = _pyarrow()
    import pyarrow as pa

    from cleaner.formats.sink import atomic_output

    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ParquetError(f"not a readable Parquet file: {exc}") from None
    schema = pf.schema_arrow
    if opts.text_field not in schema.names:
        raise ParquetError(f"no column '{opts.text_field}' (columns: {', '.join(schema.names)}); see --text-field")
    text_type = schema.field(opts.text_field).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        raise ParquetError(f"column '{opts.text_field}' holds {text_type}, not strings")
    out_schema = schema
    if opts.keep_removed:
        extra = pa.field(opts.removed_field, pa.string())
        idx = schema.get_field_index(opts.removed_field)
        out_schema = schema.set(idx, extra) if idx >= 0 else schema.append(extra)

    batches: deque[Any] = deque()

    def tasks() -> Iterator[TextBatch]:
        row = 1
        for rb in pf.iter_batches(batch_size=ROWS_PER_BATCH):
            batches.append(rb)
            texts = rb.column(opts.text_field).to_pylist()
            has_url = opts.url_field in rb.schema.names
            urls = rb.column(opts.url_field).to_pylist() if has_url else [None] * rb.num_rows
            yield TextBatch(source, row, texts, urls, opts)
            row += rb.num_rows

    def rebuild(rb: Any, outcome: TextOutcome) -> Any:
        old = rb.column(opts.text_field).to_pylist()
        values = [new if new is not None else was for new, was in zip(outcome.texts, old, strict=True)]
        columns = [
            pa.array(values, type=text_type) if name == opts.text_field else rb.column(name) for name in rb.schema.names
        ]
        table = pa.RecordBatch.from_arrays(columns, schema=schema)
        if opts.keep_removed:
            removed = pa.array(outcome.removed, type=pa.string())
            idx = schema.get_field_index(opts.removed_field)
            arrays = list(table.columns)
            if idx >= 0:
                arrays[idx] = removed
            else:
                arrays.append(removed)
            table = pa.RecordBatch.from_arrays(arrays, schema=out_schema)
        return table

    if target is None:
        for outcome in engine.map(clean_texts, tasks()):
            rb = batches.popleft()
            yield outcome, rb.num_rows
        return
    with atomic_output(target) as fh, pq.ParquetWriter(fh, out_schema) as writer:
        for outcome in engine.map(clean_texts, tasks()):
            rb = batches.popleft()
            writer.write_batch(rebuild(rb, outcome))
            yield outcome, rb.num_rows
