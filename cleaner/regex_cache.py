"""Compiled ``regex`` patterns kept between runs, so that a fresh process (the pre-commit hook's) skips parsing them.

The ``regex`` module parses a pattern in Python: the hundred-odd patterns of a plain clean take about
30 ms at every start, more than cleaning a small file does. A compiled pattern pickles to its compiled
code (that is how patterns reach ``--jobs`` workers), and loading that code back skips the parse.

One file per Python and ``regex`` version, in the user's cache folder, maps each pattern's text and
flags to its pickled code. An entry cannot go stale: the same text and flags compile to the same code
under the same ``regex`` version, and a pattern whose rule file changed is simply a new key. Anything
wrong with the file (missing, unreadable, torn, corrupt, another format) means compiling as usual, and
a pattern that fails to compile is never stored, so errors are raised exactly as without the cache.
Only the command line writes the file (``save``, once, at the end of a run that compiled something
new), atomically, and ignores any error doing so: a read-only home or a full disk changes nothing.

``CLEANER_CACHE_DIR`` chooses the folder; ``CLEANER_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import sys
import threading
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

_MAGIC = b"cleaner regex cache 1\n"
MAX_ENTRIES = 2000
"""Entries kept when writing: this run's first, then the others, so rule churn cannot grow the file."""

_CORE = "regex._regex"
"""``regex``'s compiled core: its patterns, their searches and matches."""

_PATTERN_GLOBAL = (_CORE, "compile")
"""The one global a stored pattern may name: ``regex``'s constructor of a compiled pattern."""

Key = tuple[str, int]

_CORE_LOCK = threading.Lock()


def _core() -> Any:
    """``regex._regex``, loaded on its own when the ``regex`` package is not imported yet.

    A pattern loaded from the cache runs on the core alone; the package around it is the parser, in
    Python, and importing it cost the hook's run on a known site's page 58 M of its main thread's 437 M
    instructions (bench/README.md, "the cost around the engine"). The package, imported later (a pattern
    to compile, a replacement template), takes this module as its core: the same types, the same patterns.
    """
    core = sys.modules.get(_CORE)
    if core is not None:
        return core
    with _CORE_LOCK:
        core = sys.modules.get(_CORE)
        return core if core is not None else _load_core()


def _load_core() -> Any:
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec, module_from_spec, spec_from_file_location

    package = find_spec("regex")
    origin = package.origin if package is not None else None
    for suffix in EXTENSION_SUFFIXES if origin else ():
        path = Path(str(origin)).with_name(f"_regex{suffix}")
        spec = spec_from_file_location(_CORE, path) if path.is_file() else None
        if spec is not None and spec.loader is not None:
            module = module_from_spec(spec)
            sys.modules[_CORE] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[_CORE]
                raise
            return module
    import regex  # noqa: F401  (a layout not seen here: the package loads its core)

    return sys.modules[_CORE]


def _is_pattern(found: object) -> bool:
    """Whether ``found`` is a compiled ``regex`` pattern (``regex.Pattern``, without importing the package)."""
    kind = type(found)
    return kind.__module__ == "_regex" and kind.__name__ == "Pattern"


def _reduce_pattern(pattern: Any) -> Any:
    """Pickle a pattern as the ``regex`` package does: importing it puts its own reducer in place of this one."""
    import regex

    reduce = copyreg.dispatch_table[type(pattern)]
    if reduce is _reduce_pattern:
        raise TypeError(f"cannot pickle {type(pattern).__qualname__}: regex {regex.__version__} registers no reducer")
    return reduce(pattern)


class _Patterns(pickle.Unpickler):
    """Unpickles plain data and ``regex`` patterns, nothing else (no other class or function runs)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _PATTERN_GLOBAL:
            return _core().compile
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the regex cache")


def _unpickle(data: bytes) -> Any:
    return _Patterns(io.BytesIO(data)).load()


def cache_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the cache lives for this Python and ``regex`` version; None when it is turned off.

    >>> cache_file({"CLEANER_CACHE_DIR": "/tmp/c"}).parent.as_posix()
    '/tmp/c'
    >>> cache_file({"XDG_CACHE_HOME": "/tmp/x"}).parent.as_posix()
    '/tmp/x/cleaner'
    >>> cache_file({"CLEANER_CACHE_DIR": "/tmp/c", "CLEANER_NO_CACHE": "1"}) is None
    True
    """
    # Looked up on each call, not bound as a default: some libraries replace os.environ after import.
    environ = os.environ if environ is None else environ
    if environ.get("CLEANER_NO_CACHE"):
        return None
    folder = environ.get("CLEANER_CACHE_DIR")
    if not folder:
        base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "cleaner")
    tag = f"{sys.implementation.cache_tag}-regex-{_regex_version()}"
    return Path(folder) / f"patterns-{tag}.bin"


_DEFAULT_VERSION = 8192
"""``int(regex.DEFAULT_VERSION)`` until a program changes it: ``regex.VERSION0``."""


def _regex_version() -> str:
    """``regex``'s version and default pattern version, without importing it when nothing has yet.

    Importing ``regex`` is a fifth of the hook's start-up, and a run that meets no known site's page
    compiles no pattern: the version is then read from the module's source, as pip installed it.

    >>> import regex
    >>> _regex_version() == f"{regex.__version__}-v{int(regex.DEFAULT_VERSION)}"
    True
    """
    loaded: Any = sys.modules.get("regex")
    if loaded is None:
        from importlib.util import find_spec

        spec = find_spec("regex")
        if spec is not None and spec.origin is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                source = Path(spec.origin).with_name("_main.py").read_text(encoding="utf-8")
                for line in source.splitlines():
                    if line.startswith("__version__ = "):
                        version = line.split("=", 1)[1].strip().strip("'\"")
                        return f"{version}-v{_DEFAULT_VERSION}"
        import regex

        loaded = regex
    return f"{loaded.__version__}-v{int(loaded.DEFAULT_VERSION)}"


class _Cache:
    """The stored entries (read on first use), the patterns this process compiled or loaded, what is new."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.stored: dict[Key, bytes] | None = None
        self.live: dict[Key, regex.Pattern[str]] = {}
        self.new: set[Key] = set()
        """Keys compiled here that the file lacks (pickled only when saving: library use never saves)."""

    def load(self) -> dict[Key, bytes]:
        if self.stored is None:
            self.path = cache_file()
            self.stored = _read(self.path) if self.path is not None else {}
        return self.stored


_CACHE = _Cache()


def _read(path: Path) -> dict[Key, bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or len(data) < head + 4:
        return {}
    payload = data[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(data[head : head + 4], "big"):
        return {}
    try:
        entries = _unpickle(payload)
    except Exception:  # any damage at all: compile as usual
        return {}
    if not isinstance(entries, dict):
        return {}
    return entries


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, loaded from the cache when it holds the pattern.

    The same text and flags give the same object for the whole process, as ``regex.compile``'s own
    cache does; errors are ``regex.compile``'s.

    >>> p = compiled(r"\\p{Lu}\\w+")
    >>> p.findall("an Apple a day"), p is compiled(r"\\p{Lu}\\w+")
    (['Apple'], True)
    """
    key = (pattern, int(flags))
    found = _CACHE.live.get(key)
    if found is not None:
        return found
    stored = _CACHE.load().get(key)
    if stored is not None:
        try:
            found = _unpickle(stored)
        except Exception:  # a damaged entry: compile as usual
            found = None
        if found is None or not _is_pattern(found) or found.pattern != pattern:
            found = None
        elif "regex" not in sys.modules and type(found) not in copyreg.dispatch_table:
            # The package registers how its patterns pickle (`--jobs` workers get them so): until it is
            # imported, a pattern of the core alone would not pickle.
            copyreg.pickle(type(found), _reduce_pattern)
    if found is None:
        import regex

        found = regex.compile(pattern, flags)
        if _CACHE.path is not None and not found.flags & regex.LOCALE:
            _CACHE.new.add(key)
    _CACHE.live[key] = found
    return found


def holds(pattern: str, flags: int = 0) -> bool:
    """Whether ``compiled(pattern, flags)`` compiled before, in this process or a run the cache file keeps.

    Such a pattern is valid (a pattern that fails to compile is never stored), so a rule file's
    pattern can be checked without importing ``regex``, and compiled when a page needs it.

    >>> p = compiled(r"\\bcached\\b")
    >>> holds(r"\\bcached\\b"), holds(r"\\bcached\\b", 2)
    (True, False)
    """
    key = (pattern, int(flags))
    return key in _CACHE.live or key in _CACHE.load()


def save() -> None:
    """Write the cache if this process compiled patterns it did not hold; any error is ignored."""
    path, stored = _CACHE.path, _CACHE.stored
    if path is None or stored is None or not _CACHE.new:
        return
    entries = {k: stored[k] for k in _CACHE.live if k in stored}
    tmp: str | None = None
    try:
        for key in _CACHE.new:
            entries[key] = pickle.dumps(_CACHE.live[key], protocol=pickle.HIGHEST_PROTOCOL)
        for key, value in stored.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, value)
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # a cache is never worth failing a run for
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _CACHE.stored = entries
    _CACHE.new = set()
