"""Reading dumps as text and writing them back the way they came (encoding, BOM, newlines)."""

from __future__ import annotations

import codecs
import os
import stat
from _thread import _local  # threading.local itself, without importing threading at the hook's start-up
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO


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
    mode: int | None = None
    """The permission bits of the file it was read from (None for stdin): a new output takes them."""

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


def decode_bytes(data: bytes, mode: int | None = None) -> Decoded:
    """Decode a dump: BOMs first, then UTF-8, then a detected legacy encoding.

    ``mode`` (the file's permission bits) is kept for writing the output. Raises InputError
    for binary data or text that cannot be decoded with confidence.
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
    newline = "\n"
    if "\r" in text:  # one scan settles the usual case
        newline = _newline_of(text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, bom=bom, newline=newline, mode=mode)


MAX_MESS = 0.1
"""Highest charset-normalizer mess ratio (share of odd characters) a legacy guess may have."""

PREFERRED_LEGACY = "cp1252"
"""Among equally likely guesses, the web's default legacy encoding (WHATWG) wins."""


def _detect_legacy(body: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with charset-normalizer's guess, if it is confident.

    Confident means: charset-normalizer proposes a single-byte or multi-byte encoding
    other than UTF-16/32 (those need a BOM here), its mess ratio is at most MAX_MESS,
    and decoding then encoding gives back the very same bytes, so kept lines are
    written back byte for byte even if a sibling code page was picked.
    """
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = [m for m in from_bytes(body) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise InputError("cannot tell the text encoding (not UTF-8, and no confident guess); convert it to UTF-8")
    best = matches[0]
    for m in matches:
        if m.chaos == best.chaos and PREFERRED_LEGACY in m.could_be_from_charset:
            best = m
            break
    encoding = PREFERRED_LEGACY if PREFERRED_LEGACY in best.could_be_from_charset else best.encoding
    if best.chaos > MAX_MESS:
        raise InputError(
            f"cannot tell the text encoding (best guess {encoding} looks {best.chaos:.0%} garbled); convert it to UTF-8"
        )
    try:
        text = body.decode(encoding)
        same = text.encode(encoding) == body
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise InputError(f"cannot tell the text encoding (guess {encoding} does not round-trip); convert it to UTF-8")
    return text, encoding


DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest document cleaned by default (``--max-bytes``); a dump is one article, not a corpus."""


def human_size(n: int) -> str:
    """A byte count as people read it.

    >>> human_size(64 * 1024 * 1024), human_size(1536), human_size(12)
    ('64 MiB', '1.5 KiB', '12 B')
    """
    if n < 1024:
        return f"{n} B"
    size = n / 1024
    for unit in ("KiB", "MiB"):
        if size < 1024:
            return f"{size:.1f}".removesuffix(".0") + f" {unit}"
        size /= 1024
    return f"{size:.1f}".removesuffix(".0") + " GiB"


def parse_size(text: str) -> int:
    """Parse ``--max-bytes`` values: a number with an optional k/M/G suffix (powers of 1024); 0 = no limit.

    >>> parse_size("64M"), parse_size("1500"), parse_size("2k"), parse_size("0")
    (67108864, 1500, 2048, 0)
    """
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    raw = text.strip().lower().removesuffix("ib").removesuffix("b")
    factor = units.get(raw[-1:], 1)
    number = raw[:-1] if raw[-1:] in units else raw
    if not number.isdigit():
        raise ValueError(f"not a size: {text!r} (use e.g. 64M, 500k or 1000000)")
    return int(number) * factor


def _size_limit(size: int, max_bytes: int) -> InputError:
    return InputError(
        f"size limit: {human_size(size)} is over --max-bytes {human_size(max_bytes)}; "
        "raise --max-bytes or split the file"
    )


def read_limited(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES, size: int | None = None) -> bytes:
    """Read a stream (stdin) but never more than ``max_bytes`` (0 = no limit) into memory.

    ``size``, a file's size from ``stat``, sizes the first read: asking for ``max_bytes`` (64 MiB) at
    once would allocate that much for every small dump. A file that grew since is read on, to the limit.

    >>> import io
    >>> read_limited(io.BytesIO(b"abc"), 10), read_limited(io.BytesIO(b"abcdef"), 10, size=2)
    (b'abc', b'abcdef')
    """
    limit = max_bytes + 1 if max_bytes else -1
    if size is None or (limit != -1 and size >= limit):
        data = stream.read(limit)
    else:
        data = stream.read(size + 1)
        if len(data) > size:  # it grew: read the rest, as far as the limit
            rest = stream.read(limit - len(data) if limit != -1 else -1)
            data += rest
    if max_bytes and len(data) > max_bytes:
        raise _size_limit(len(data), max_bytes)
    return data


def _read_file(path: Path, max_bytes: int, size: int) -> bytes:
    """``read_limited`` on a regular file of ``size`` bytes (from ``stat``), through its descriptor.

    A file object would add a ``fstat``, an ``ioctl``, a ``lseek`` and a read at the end to every
    dump; each system call lets another ``--jobs`` thread take the GIL, and this one must wait to
    take it back. A read that returns the size ``stat`` gave ends it; a file that grew is read on.
    """
    limit = max_bytes + 1 if max_bytes else -1
    fd = os.open(path, _READ_FLAGS)
    try:
        first = os.read(fd, size + 1 if limit == -1 or size < limit else limit)
        if len(first) == size or not first:
            data = first
        else:
            parts = [first]
            got = len(first)
            while limit == -1 or got < limit:
                part = os.read(fd, 1 << 20 if limit == -1 else min(1 << 20, limit - got))
                if not part:
                    break
                parts.append(part)
                got += len(part)
            data = b"".join(parts)
    finally:
        os.close(fd)
    if max_bytes and len(data) > max_bytes:
        raise _size_limit(len(data), max_bytes)
    return data


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_dump(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode one regular file of at most ``max_bytes`` (0 = no limit); InputError names the problem."""
    return decode_bytes(*read_dump_bytes(path, max_bytes))


def read_dump_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, int]:
    """``read_dump`` without the decoding: the file's bytes and its permission bits."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end.
            raise InputError("not a regular file (pipe, socket or device); skipped")
        if max_bytes and info.st_size > max_bytes:
            raise _size_limit(info.st_size, max_bytes)
        data = _read_file(path, max_bytes, info.st_size)
    except FileNotFoundError:
        raise InputError("no such file (or a broken symlink)") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return data, info.st_mode & 0o7777


@cache
def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def umask() -> int:
    """This process's umask, read once: what a new file's permission bits lose."""
    return _umask()


def _new_file_mode() -> int:
    # What open() would give a new file (a bare temporary file would keep 0600).
    return 0o666 & ~_umask()


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_temp(path: Path, mode: int) -> tuple[int, str]:
    """A new ``.<name>.<random>.tmp`` beside ``path``, open for writing; its folders are made if missing."""
    for attempt in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, mode), tmp
        except FileExistsError:
            continue
        except (FileNotFoundError, NotADirectoryError):
            if attempt:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)  # raises as before when a file is in the way
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: Path, data: bytes, like: Path | None = None, like_mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, fsync and a rename.

    The file keeps its permission bits; a new file takes ``like_mode`` (its input's bits, when
    the caller has them already), those of ``like`` (its input) or the usual ones for a new file.
    A crash leaves either the old file or the new one, never half of one; on an exception
    (Ctrl-C too) the temporary file is removed.
    After a SIGKILL or power loss a stale ``.<name>.*.tmp`` may stay beside it.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, b"new")
    >>> p.read_bytes(), [f.name for f in p.parent.iterdir()]
    (b'new', ['out.txt'])
    """
    mode = _mode_of(path)
    if mode is None:
        mode = like_mode if like_mode is not None else _mode_of(like) if like is not None else None
        mode = mode or _new_file_mode()
    # Created with its final bits where the umask leaves them as they are (as good as always); the
    # temporary file is the output to be, so it may be as readable as the output.
    fd, tmp = _create_temp(path, mode & 0o777)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    written = _Written(fd, tmp, path, mode)
    staged: list[_Written] | None = getattr(_deferred, "staged", None)
    if staged is not None:
        staged.append(written)
        return
    _commit(written, sync=True)
    folders: dict[Path, None] | None = getattr(_deferred, "folders", None)
    if folders is None:
        _fsync_dir(path.parent)
    else:
        folders[path.parent] = None


@dataclass(frozen=True)
class _Written:
    """A temporary file written in full, still open, to be synced and renamed onto ``path``."""

    fd: int
    tmp: str
    path: Path
    mode: int


def _commit(written: _Written, sync: bool) -> None:
    """Sync (when ``sync``), close and rename a written temporary file onto its path; on failure it is removed."""
    try:
        try:
            if sync:
                os.fsync(written.fd)
        finally:
            os.close(written.fd)
        if written.mode & (0o7000 | _umask()):
            os.chmod(written.tmp, written.mode)
        os.replace(written.tmp, written.path)
    except BaseException:
        Path(written.tmp).unlink(missing_ok=True)
        raise


_deferred = _local()
"""Per thread: the folders ``synced_folders`` syncs at its end, and the files it syncs and renames then."""


@contextmanager
def synced_folders(together: bool = False) -> Iterator[None]:
    """Within the block, ``write_atomic`` syncs each folder it renamed into once, at the block's end; with
    ``together``, it only writes each file's temporary copy, and the block's end syncs the copies one
    after the other, renames them, then syncs their folders.

    A batch task writes a few files, mostly into one folder: one ``fsync`` of the folder for them all
    instead of one per file (each costs a journal commit), and with ``together`` the files' ``fsync`` back
    to back, where the first one's journal commit takes the others' new inodes with it. Every file is
    still old or new at any moment (a rename is atomic, the data synced before it); the files are renamed
    and durable when the block ends, also on an exception (a file that fails to be synced or renamed is
    left old, its temporary copy removed, and the first such error raised). ``together`` is for a block
    that never reads what it writes (``-o``: no output is an input): an in-place task that meets one file
    twice must read what it wrote the first time. Per thread; a block inside another leaves all this to
    the outer one.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with synced_folders(together=True):
    ...     write_atomic(folder / "a.txt", b"a")
    ...     write_atomic(folder / "b.txt", b"b")
    ...     sorted(f.name for f in folder.iterdir() if not f.name.endswith(".tmp"))
    []
    >>> sorted(f.name for f in folder.iterdir())
    ['a.txt', 'b.txt']
    """
    if getattr(_deferred, "folders", None) is not None:
        yield
        return
    folders: dict[Path, None] = {}
    staged: list[_Written] = []
    _deferred.folders = folders
    if together:
        _deferred.staged = staged
    try:
        yield
    finally:
        del _deferred.folders
        if together:
            del _deferred.staged
        failed = _commit_all(staged, folders)
        for folder in folders:
            _fsync_dir(folder)
        if failed is not None:
            raise failed


def _commit_all(staged: list[_Written], folders: dict[Path, None]) -> BaseException | None:
    """Sync every staged copy, then rename each synced one (its folder into ``folders``); the first error."""
    failed: BaseException | None = None
    synced = [False] * len(staged)
    for i, written in enumerate(staged):
        try:
            os.fsync(written.fd)
            synced[i] = True
        except BaseException as exc:
            failed = failed or exc
    for written, ok in zip(staged, synced, strict=True):
        if not ok:
            os.close(written.fd)
            Path(written.tmp).unlink(missing_ok=True)
            continue
        try:
            _commit(written, sync=False)
            folders[written.path.parent] = None
        except BaseException as exc:
            failed = failed or exc
    return failed


def _mode_of(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return None


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and then not needed.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
