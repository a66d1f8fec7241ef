"""Cleaning on a Dask cluster (needs the ``dask`` extra: ``dask[distributed]``).

Two ways in:

- the CLI, ``cleaner clean 'shards/*.jsonl' -o OUTDIR --engine dask [--scheduler ADDRESS]``:
  one task per input shard, each writing one output shard (same name) under OUTDIR;
  without an address a ``distributed.LocalCluster`` is started on this machine.
  Workers read the inputs and write OUTDIR themselves, so on a real cluster both
  must be on a file system every worker sees (NFS, a shared volume, ...).
- Python: ``clean_bag`` for a Dask bag of texts or records, ``clean_column`` for a
  text column of a Dask dataframe.

The Cleaner goes to each worker once (scattered, or one shared graph key), not with
every task.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleaner.batch import SYMLINK_SKIPPED, collect, with_report_spec
from cleaner.discover import Found
from cleaner.engines.dispatch import FileOutcome, clean_file, clean_record_file
from cleaner.engines.local import LocalEngine
from cleaner.engines.progress import NoProgress
from cleaner.formats.records import RecordOptions, clean_record, record_format
from cleaner.options import Mode, Options, Say
from cleaner.pipeline import Cleaner
from cleaner.report.record import Report


class DaskEngineError(Exception):
    """The Dask engine cannot run as asked (extra missing, wrong mode)."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DaskEngineError("the Dask engine needs the dask extra: pip install 'cleaner[dask]'") from None
    return distributed


def clean_shard(item: Found, cleaner: Cleaner, opts: Options, single: bool = False) -> FileOutcome:
    """Clean one input shard into its output shard (a Dask task; runs on a worker)."""
    if record_format(item.path.name) is None:
        return clean_file(cleaner, item, opts)
    report = Report.collecting(opts.report)
    messages: list[str] = []
    with LocalEngine(cleaner, jobs=1) as engine:
        clean_record_file(engine, item, opts, report, messages.append, io.StringIO(), single, NoProgress())
    return FileOutcome(report, messages)


def run_dask(cleaner: Cleaner, paths: Sequence[Path], opts: Options, scheduler: str | None, say: Say) -> Report:
    """Clean every shard under ``paths`` on a Dask cluster; messages and counts come back in input order.

    ``scheduler`` is an address (``tcp://host:8786``); None starts a LocalCluster
    with ``opts.jobs`` single-threaded worker processes.
    """
    if opts.mode not in (Mode.OUTDIR, Mode.CHECK):
        raise DaskEngineError("--engine dask writes one output shard per input: give -o OUTDIR (or --check)")
    distributed = _distributed()
    opts = with_report_spec(opts)
    report = Report.collecting(opts.report)
    items = [Found(i.path.resolve(), i.relative) for i in collect(paths, opts, report.skipped)]
    for name in report.skipped:
        report.note("skipped", name, SYMLINK_SKIPPED)
        say(f"skipped {name}: {SYMLINK_SKIPPED}")
    shard_opts = replace(opts, outdir=opts.outdir.resolve() if opts.outdir else None)
    single = len(items) == 1
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=opts.jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with distributed.Client(cluster if cluster is not None else scheduler) as client:
            remote = client.scatter(cleaner, broadcast=True)
            futures = client.map(clean_shard, items, cleaner=remote, opts=shard_opts, single=single, pure=False)
            for future in futures:
                outcome: FileOutcome = future.result()
                report.merge(outcome.report)
                for message in outcome.messages:
                    say(message)
    finally:
        if cluster is not None:
            cluster.close()
    return report


def _clean_partition(items: list[Any], cleaner: Cleaner, opts: RecordOptions) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            out.append(cleaner.clean(item, site=opts.site).text)
        elif isinstance(item, dict):
            record = dict(item)
            clean_record(cleaner, record, opts)
            out.append(record)
        else:
            out.append(item)
    return out


def clean_bag(bag: Any, cleaner: Cleaner | None = None, opts: RecordOptions | None = None) -> Any:
    """A Dask bag with every text cleaned: ``str`` items become cleaned ``str``; ``dict``
    records get their text field cleaned (``opts`` names the fields) and every other field kept.

    >>> import dask.bag as db
    >>> bag = db.from_sequence(["Title\\n\\nAdvertisement\\n\\nThe story goes on here.\\n"], npartitions=1)
    >>> clean_bag(bag).compute(scheduler="sync")
    ['Title\\n\\nThe story goes on here.\\n']
    """
    from dask.delayed import delayed

    shared = delayed(cleaner or Cleaner(), traverse=False)
    return bag.map_partitions(_clean_partition, shared, opts or RecordOptions())


def _clean_series(series: Any, cleaner: Cleaner, site: str | None) -> Any:
    cleaned = series.map(lambda text: cleaner.clean(text, site=site).text if isinstance(text, str) else text)
    return cleaned.astype(series.dtype)


def clean_column(df: Any, column: str = "text", cleaner: Cleaner | None = None, site: str | None = None) -> Any:
    """A Dask dataframe whose ``column`` holds the cleaned texts; other columns untouched, nulls kept.

    >>> import dask.dataframe as dd, pandas as pd
    >>> pdf = pd.DataFrame({"id": [1], "text": ["T\\n\\nAdvertisement\\n\\nThe story.\\n"]})
    >>> df = dd.from_pandas(pdf, npartitions=1)
    >>> clean_column(df).compute(scheduler="sync")["text"].tolist()
    ['T\\n\\nThe story.\\n']
    """
    from dask.delayed import delayed

    shared = delayed(cleaner or Cleaner(), traverse=False)
    col = df[column]
    return df.assign(**{column: col.map_partitions(_clean_series, shared, site, meta=col._meta)})
