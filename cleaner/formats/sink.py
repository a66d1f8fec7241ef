"""Streams in and out of record files: gzip by name, and outputs that appear whole or not at all."""

from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

GZIP_LEVEL = 6
"""zlib's default trade-off; level 9 costs about three times the time for a few percent."""


def is_gzip(path: Path) -> bool:
    """Whether a path names a gzip file.

    >>> is_gzip(Path("a.jsonl.gz")), is_gzip(Path("a.jsonl"))
    (True, False)
    """
    return path.name.lower().endswith(".gz")


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[tuple[IO[bytes], IO[bytes]]]:
    """The decompressed stream, and the raw file under it (its ``tell()`` is the progress on disk)."""
    with path.open("rb") as raw:
        if is_gzip(path):
            with gzip.GzipFile(fileobj=raw, mode="rb") as fh:
                yield cast(IO[bytes], fh), raw
        else:
            yield raw, raw


def _mode_for(path: Path) -> int:
    """The file's own mode when it exists (in place), else what a plain ``open`` would give."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` only when the block ends without an error.

    It is written to a temporary file beside ``path`` and renamed at the end, so a
    crash or an interrupt leaves the old file (or nothing), never half a file.
    ``.gz`` names are compressed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            if is_gzip(path):
                with gzip.GzipFile(
                    filename=path.name.removesuffix(".gz"), fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL, mtime=0
                ) as gz:
                    yield cast(IO[bytes], gz)
            else:
                yield raw
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
