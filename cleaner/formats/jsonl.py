"""JSON Lines corpora (``.jsonl``, ``.jsonl.gz``), streamed in batches of lines.

Workers parse, clean and serialise a batch; the parent only reads and writes
bytes, so memory stays flat whatever the file size. A record that changes is
written back with its keys in their order; one that does not change, and every
line that is not a record, is copied byte for byte, so output line N is input
line N.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cleaner.formats.records import RecordOptions, clean_record, count_record, record_label
from cleaner.pipeline import Cleaner
from cleaner.report.record import Report

if TYPE_CHECKING:
    from cleaner.engines.local import LocalEngine

BATCH_BYTES = 1 << 20
"""About this many bytes of input per task: large enough to amortise the hand-over to a worker."""

BATCH_LINES = 2000
"""And never more lines than this, so tiny records still spread over the workers."""


@dataclass(frozen=True)
class LineBatch:
    """A task: consecutive raw lines of one file, the first one's 1-based number."""

    source: str
    first_line: int
    lines: list[bytes]
    opts: RecordOptions


@dataclass
class BatchOutcome:
    """A cleaned batch: the bytes to write, what it counted, and its messages."""

    data: bytes
    report: Report
    messages: list[str] = field(default_factory=list)


def read_batches(fh: IO[bytes], source: str, opts: RecordOptions) -> Iterator[LineBatch]:
    """Consecutive lines of ``fh`` in batches of about BATCH_BYTES.

    >>> import io
    >>> [(b.first_line, len(b.lines)) for b in read_batches(io.BytesIO(b"{}\\n{}\\n"), "x", RecordOptions())]
    [(1, 2)]
    """
    lines: list[bytes] = []
    size = 0
    first = 1
    for number, line in enumerate(fh, start=1):
        if not lines:
            first = number
        lines.append(line)
        size += len(line)
        if size >= BATCH_BYTES or len(lines) >= BATCH_LINES:
            yield LineBatch(source, first, lines, opts)
            lines, size = [], 0
    if lines:
        yield LineBatch(source, first, lines, opts)


def _dumps(record: dict[str, Any]) -> bytes:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from "\ud800" escapes) cannot be UTF-8: keep them escaped.
        return json.dumps(record).encode("ascii")


def _verbatim(line: bytes) -> bytes:
    return line if line.endswith(b"\n") else line + b"\n"


def clean_lines(cleaner: Cleaner, batch: LineBatch) -> BatchOutcome:
    r"""Clean a batch of JSONL lines (a task function: it runs in a worker).

    >>> out = clean_lines(Cleaner(), LineBatch("c.jsonl", 1, [b'{"text": "A\\nAdvertisement\\nB"}\n', b"{oops\n"],
    ...                                                   RecordOptions()))
    >>> out.data
    b'{"text": "A\\nB\\n"}\n{oops\n'
    >>> out.report.documents, out.report.malformed, out.messages[0]
    (1, 1, 'c.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes); line copied unchanged')
    """
    opts = batch.opts
    report = Report.collecting(opts.report)
    messages: list[str] = []
    out: list[bytes] = []
    for number, line in enumerate(batch.lines, start=batch.first_line):
        where = f"{batch.source}:{number}"
        if not line.strip():
            out.append(_verbatim(line))
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            report.malformed += 1
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            report.note("malformed", where, f"malformed JSON ({reason}); line copied unchanged")
            messages.append(f"{where}: malformed JSON ({reason}); line copied unchanged")
            out.append(_verbatim(line))
            continue
        if not isinstance(record, dict):
            report.passed_through += 1
            report.note("passed-through", where, "not a JSON object")
            messages.append(f"{where}: not a JSON object; passed through unchanged")
            out.append(_verbatim(line))
            continue
        label = record_label(record, opts)
        cleaned = clean_record(cleaner, record, opts)
        changed, message = count_record(report, cleaned, where + label)
        if message:
            messages.append(message)
        if cleaned.result is None:
            out.append(_verbatim(line))
            continue
        out.append(_dumps(record) + b"\n" if changed or opts.keep_removed else _verbatim(line))
    return BatchOutcome(b"".join(out), report, messages)


def stream_jsonl(
    engine: LocalEngine, path: Path, sink: IO[bytes] | None, opts: RecordOptions, source: str
) -> Iterator[tuple[BatchOutcome, int]]:
    """Clean a JSONL file batch by batch, writing to ``sink`` (None: count only).

    Yields each batch's outcome and the bytes of the file it covered (for progress).
    """
    from cleaner.formats.sink import open_input

    with open_input(path) as (fh, raw):
        positions: deque[int] = deque()

        def tasks() -> Iterator[LineBatch]:
            for batch in read_batches(fh, source, opts):
                positions.append(raw.tell())
                yield batch

        done = 0
        for outcome in engine.map(clean_lines, tasks()):
            if sink is not None:
                sink.write(outcome.data)
            position = positions.popleft()
            yield outcome, position - done
            done = position
