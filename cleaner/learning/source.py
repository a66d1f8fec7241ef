"""The documents to learn from, read as ``cleaner clean`` reads them, each with the site it belongs to.

Files are found by ``cleaner.batch.collect`` (folders, ``--include``/``--exclude``, the
project config); dumps by ``read_dump``, HTML pages by ``formats.html.extract``, JSONL(.gz)
and Parquet records by the record readers' own pieces. Nothing is cleaned here.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.batch import collect
from cleaner.detect import host_of, url_header
from cleaner.document import normalise_newlines
from cleaner.formats.parquet import ParquetError
from cleaner.options import Options
from cleaner.pipeline import Cleaner
from cleaner.textio import InputError

Say = Callable[[str], None]


@dataclass(frozen=True)
class Doc:
    """One document: its text and what may name its site."""

    text: str
    url: str | None = None
    path: str | None = None
    config_site: str | None = None


def site_of(cleaner: Cleaner, doc: Doc, forced: str | None = None) -> str | None:
    """The site a document is learned under: ``forced``, its URL, a ``# url:`` line, a domain in its
    path or file name, the config, then the known sites' signatures.

    A host a known site owns gives that site's id (so learned rules join a hand-written
    file); any other host gives itself, less a leading ``www.``.

    >>> site_of(Cleaner(), Doc("text", url="https://www.example.org/a"))
    'example.org'
    >>> site_of(Cleaner(), Doc("text", path="dumps/bbc.co.uk--R12.txt"))
    'bbc.co.uk'
    >>> site_of(Cleaner(), Doc("text", url="https://uk.investing.com/news/1"))
    'investing.com'
    """
    if forced:
        return forced
    first = doc.text.split("\n", 1)[0] if doc.text else ""
    for hint in (doc.url, url_header(first), doc.path):
        host = host_of(hint) if hint else None
        if host:
            return cleaner.index.by_host(host) or host.removeprefix("www.")
    if doc.config_site:
        return doc.config_site
    return cleaner.index.by_signature(doc.text)


@dataclass
class ReadProblems:
    """Files or records that could not be read (reported; the rest is learned from)."""

    errors: list[str] = field(default_factory=list)
    skipped_records: int = 0
    messages: list[str] = field(default_factory=list)
    """The first SKIPPED_NAMED skipped records, named (printed once the run is over)."""


def documents(paths: Sequence[Path], opts: Options, problems: ReadProblems, say: Say) -> Iterator[Doc | Records]:
    """Every document under ``paths``, in a stable order (files as found, records as stored); JSONL
    records come as raw lines (``Records``), for the process that learns from them to parse."""
    from cleaner.formats.html import is_html
    from cleaner.formats.records import record_format

    for item in collect(paths, opts):
        name = str(item.path)
        config_site = opts.config.site_for(item.path) if opts.config else None
        fmt = record_format(item.path.name)
        try:
            if fmt == "jsonl":
                yield from _jsonl(item.path, opts, problems, say)
            elif fmt == "parquet":
                yield from _parquet(item.path, opts)
            elif is_html(item.path.name):
                yield from _html(item.path, opts, config_site)
            else:
                from cleaner.textio import read_dump

                text = normalise_newlines(read_dump(item.path, opts.max_bytes).text)
                yield Doc(text, None, name, config_site)
        except (OSError, EOFError, ValueError, InputError, ParquetError, zlib.error) as exc:
            # An unreadable file is reported by name; the rest is learned from.
            message = f"cannot read {name}: {getattr(exc, 'strerror', None) or exc}"
            problems.errors.append(message)
            say(f"error: {message}")


def _html(path: Path, opts: Options, config_site: str | None) -> Iterator[Doc]:
    from cleaner.formats.html import NoTextError, extract
    from cleaner.textio import read_limited

    with path.open("rb") as fh:
        try:
            page = extract(read_limited(fh, opts.max_bytes))
        except NoTextError:
            return
    yield Doc(normalise_newlines(page.text), page.url, str(path), config_site)


def _jsonl(path: Path, opts: Options, problems: ReadProblems, say: Say) -> Iterator[Records]:
    from cleaner.formats.jsonl import read_batches
    from cleaner.formats.sink import open_input

    with open_input(path) as (fh, _raw):
        for batch in read_batches(fh, str(path), opts.records):
            yield Records(str(path), batch.first_line, batch.lines, opts.records.text_field, opts.records.url_field)


@dataclass(frozen=True)
class Records:
    """Raw JSONL lines of one file, parsed where they are learned from (a worker, with ``--jobs``):
    the reading process only splits the file into lines."""

    path: str
    first_line: int
    lines: list[bytes]
    text_field: str
    url_field: str

    def docs(self, problems: ReadProblems) -> list[Doc]:
        """The records' documents; one with no text field is counted in ``problems`` (its first few named).

        >>> rp = ReadProblems()
        >>> [d.url for d in Records("a.jsonl", 1, [b'{"text": "x", "url": "u"}', b"[]"], "text", "url").docs(rp)]
        ['u']
        >>> rp.skipped_records, rp.messages
        (1, ["a.jsonl:2: no string field 'text' (malformed or other record); skipped"])
        """
        out = []
        for number, line in enumerate(self.lines, start=self.first_line):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            text = record.get(self.text_field) if isinstance(record, dict) else None
            if not isinstance(text, str):
                problems.skipped_records += 1
                if len(problems.messages) < SKIPPED_NAMED:
                    why = f"no string field '{self.text_field}' (malformed or other record); skipped"
                    problems.messages.append(f"{self.path}:{number}: {why}")
                continue
            assert isinstance(record, dict)
            url = record.get(self.url_field)
            out.append(Doc(normalise_newlines(text), url if isinstance(url, str) else None, self.path))
        return out


SKIPPED_NAMED = 5
"""Records with no text named on stderr; the rest are counted."""


def _parquet(path: Path, opts: Options) -> Iterator[Doc]:
    from cleaner.formats.parquet import ROWS_PER_BATCH, ParquetError, _pyarrow

    pq = _pyarrow()
    ro = opts.records
    pf = pq.ParquetFile(path)
    names = pf.schema_arrow.names
    if ro.text_field not in names:
        raise ParquetError(f"no column '{ro.text_field}' (columns: {', '.join(names)}); see --text-field")
    columns = [ro.text_field] + ([ro.url_field] if ro.url_field in names else [])
    for rb in pf.iter_batches(batch_size=ROWS_PER_BATCH, columns=columns):
        texts = rb.column(ro.text_field).to_pylist()
        urls = rb.column(ro.url_field).to_pylist() if ro.url_field in names else [None] * len(texts)
        for text, url in zip(texts, urls, strict=True):
            if isinstance(text, str):
                yield Doc(normalise_newlines(text), url if isinstance(url, str) else None, str(path))
