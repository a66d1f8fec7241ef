"""Reading dumps as text and writing them back the way they came (encoding, BOM, newlines)."""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A file that cannot be cleaned; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    r"""A file's text with what is needed to write it back in its own form.

    >>> d = decode_bytes(b"a\r\nb\r\n")
    >>> (d.text, d.newline, d.encoding)
    ('a\nb\n', '\r\n', 'utf-8')
    """

    text: str
    encoding: str
    bom: bytes
    newline: str

    def encode(self, text: str) -> bytes:
        r"""Encode cleaned text (``\n`` newlines) in the input's encoding, BOM and newlines.

        >>> decode_bytes(b"\xef\xbb\xbfx\r\n").encode("y\n")
        b'\xef\xbb\xbfy\r\n'
        """
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    if crlf and crlf >= text.count("\n") - crlf:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def decode_bytes(data: bytes) -> Decoded:
    """Decode a dump: BOMs first, then UTF-8, then a detected legacy encoding.

    Raises InputError for binary data or text that cannot be decoded with confidence.
    """
    bom, encoding = b"", ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom) :]
    if not encoding:
        if b"\x00" in body:
            raise InputError("binary file (contains NUL bytes); not a text dump")
        try:
            text = body.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect_legacy(body)
    else:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"has a {encoding} byte-order mark but does not decode as {encoding}: {exc.reason}"
            ) from None
    newline = _newline_of(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, bom=bom, newline=newline)


def _detect_legacy(body: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(body).best()
    if best is None or best.encoding is None:
        raise InputError("cannot tell the text encoding (not UTF-8, and no confident guess)")
    return str(best), best.encoding


def read_dump(path: Path) -> Decoded:
    """Read and decode one file; InputError names the problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, keeping the mode.

    A crash leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
