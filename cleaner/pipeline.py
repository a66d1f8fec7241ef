"""The Cleaner: site detection and site rules in Python, then one call per document into the engine.

The engine (``cleaner._core``, Rust) runs the generic stage, applies every removal (the site rules'
too), tidies, repeats until nothing changes, extracts metadata and measures the safety valve.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import starmap
from pathlib import Path
from typing import TypeVar

from cleaner import _core
from cleaner.detect import URL_HEADER_RULE, SiteIndex, host_of, url_header
from cleaner.document import Document, normalise_newlines
from cleaner.ignore import resolve_ignore
from cleaner.model import Removal, Result
from cleaner.paths import default_rules_dir
from cleaner.rules import SiteRules, load_sites
from cleaner.sitestage import site_removals

DEFAULT_MAX_LOSS = 0.9
"""Share of a document's prose that, once exceeded, holds the document back."""

DEFAULT_MAX_LINE_CHARS = 100_000
"""Lines longer than this (``--max-line-chars``; 0 = no limit) are kept as they are, unread by any rule."""

EngineError = _core.EngineError
"""The engine failed on one document: a bug, reported with the document's name instead of a traceback."""

_PyRemoval = tuple[str, int, int, str, "tuple[int, int] | None", str]
_T = TypeVar("_T")

REMOVAL_FIELDS = ("rule", "start", "end", "reason", "span", "text")
"""``Removal``'s fields in the order of the engine's removal tuples."""
_SETTERS = tuple(getattr(Removal, f).__set__ for f in REMOVAL_FIELDS)  # the slots' member descriptors
_SET_RULE, _SET_START, _SET_END, _SET_REASON, _SET_SPAN, _SET_TEXT = _SETTERS


def _removal(rule: str, start: int, end: int, reason: str, span: tuple[int, int] | None, text: str) -> Removal:
    """``Removal(rule, start, end, reason, span, text)``, each field set through its slot's descriptor: the frozen
    dataclass's ``__init__`` sets each through ``object.__setattr__``, which made building a document's
    (about 50) removals a third slower (bench/README.md, `speed33`)."""
    r = object.__new__(Removal)
    _SET_RULE(r, rule)
    _SET_START(r, start)
    _SET_END(r, end)
    _SET_REASON(r, reason)
    _SET_SPAN(r, span)
    _SET_TEXT(r, text)
    return r


def _utf8(text: str) -> str | bytes:
    """What the signature search and the engine read of ``text``: itself when ASCII (its UTF-8 form is its own
    memory), else its UTF-8 bytes. Asked for its UTF-8 form, a non-ASCII ``str`` makes a copy and keeps it as
    long as it lives: new memory for every text, whose page faults took 40 % of the encoding's CPU time over the
    dev dumps, where the bytes, dropped after the call, leave their memory to the next text's (bench/README.md,
    `speed48`). A ``str`` with a lone surrogate has no UTF-8 form: it goes as it is, and fails as it did."""
    if text.isascii():
        return text
    try:
        return text.encode()
    except UnicodeEncodeError:
        return text


@cache
def engine(generic_dir: Path | None = None, ignore: tuple[str, ...] = ()) -> _core.Engine:
    """The engine compiled from a folder of generic phrase files (the shipped ones by default), once per process
    and set of ignored heuristics (``ignore``: their ids, sorted, so that one set is one engine).

    >>> engine() is engine()
    True
    """
    return _core.Engine(generic_dir or default_rules_dir() / "generic", list(ignore))


_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Encoded:
    """A UTF-8 file cleaned bytes to bytes (``Cleaner.clean_bytes``): what a run writes and counts."""

    data: bytes
    """The cleaned text in the file's form (byte-order mark, newlines): the bytes to write."""
    changed: bool
    """Whether the text changed (never for a held document)."""
    bytes_in: int
    """UTF-8 size of the text read (without the byte-order mark, newlines as ``\\n``)."""
    bytes_out: int
    """UTF-8 size of the text cleaned, counted the same way."""
    rule_counts: dict[str, int]
    """Removals per rule, as ``Result.rule_counts``."""
    held: str | None = None
    """Why the safety valve held the document back (then ``data`` is the input's text)."""
    site: str | None = None


def _named(exc: Exception, where: str) -> EngineError:
    """An engine failure on one document, named by the document."""
    return EngineError(f"{where}: {exc}; this is a bug in cleaner: please report it with the document")


def _header_line(data: bytes) -> str | None:
    """The first line of a UTF-8 file's bytes when it may be a ``# url:`` header, else None (or not UTF-8)."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    if data[start : start + 1] != b"#":
        return None
    end = len(data)
    for newline in (b"\n", b"\r"):
        at = data.find(newline, start, end)
        if at >= 0:
            end = at
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


class _SiteStage:
    """A site's rule file as the engine calls it on every pass: decide on the lines, return removals and protections."""

    def __init__(self, rules: SiteRules) -> None:
        self.rules = rules

    def __call__(
        self, lines: list[str], alive: list[bool], protected: list[bool]
    ) -> tuple[list[_PyRemoval], list[bool]]:
        doc = Document(lines, alive=alive, protected=protected)
        found = site_removals(doc, self.rules)
        return [(r.rule, r.start, r.end, r.reason, r.span, r.text) for r in found], doc.protected


class Cleaner:
    """Compiled rules plus the generic stage: call ``clean`` on as many texts as you like.

    Rules are loaded and compiled once. The object is picklable and holds no state
    that a call changes, so threads may share it (the engine releases the GIL while it cleans).

    >>> c = Cleaner()
    >>> c("Title\\n\\nAdvertisement\\n\\nThe story goes on and on, as stories do.\\n")
    'Title\\n\\nThe story goes on and on, as stories do.\\n'

    ``ignore``: rules not applied, as ``cleaner clean --ignore`` takes them (ids, or prefixes ending with a
    dot); an entry that names no rule raises ``cleaner.ignore.UnknownRuleError``. An ignored generic
    heuristic is not run at all; an ignored site rule is left out of its site's rules.

    >>> Cleaner(ignore=["generic."])("Title\\n\\nAdvertisement\\n\\nThe story goes on and on, as stories do.\\n")
    'Title\\n\\nAdvertisement\\n\\nThe story goes on and on, as stories do.\\n'
    """

    def __init__(
        self,
        rules_dirs: Sequence[Path | str] | None = None,
        *,
        default_rules: bool = True,
        generic: bool = True,
        max_loss: float = DEFAULT_MAX_LOSS,
        force: bool = False,
        sites: Sequence[SiteRules] | None = None,
        metadata: bool = True,
        max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
        ignore: Sequence[str] = (),
    ) -> None:
        dirs = [Path(d) for d in rules_dirs or ()]
        if default_rules:
            dirs.insert(0, default_rules_dir())
        self.sites = list(sites) if sites is not None else load_sites(dirs)
        self.ignored: frozenset[str] = frozenset()
        off: tuple[str, ...] = ()
        if ignore:
            heuristics = [h[0] for h in _core.heuristics()]
            known = [URL_HEADER_RULE, *heuristics, *(r.id for s in self.sites for r in s.rules)]
            self.ignored = resolve_ignore(ignore, known)
            self.sites = [replace(s, rules=tuple(r for r in s.rules if r.id not in self.ignored)) for s in self.sites]
            off = tuple(sorted(h for h in heuristics if h in self.ignored))
        self.index = SiteIndex(self.sites)
        self.engine = engine(None, off) if off else engine()
        self._url_header = URL_HEADER_RULE not in self.ignored
        self.generic = generic
        self.max_loss = max_loss
        self.force = force
        self.metadata = metadata
        self.max_line_chars = max_line_chars

    def __call__(self, text: str) -> str:
        # Only the text is wanted: no metadata is extracted and no removal comes back to Python.
        text = normalise_newlines(text)
        site_id, rules, header, data = self._prepare(text, None, None, None)
        return self._engine_call(self.engine.clean, data, site_id, rules, header, metadata=False, removals=False)[0]

    def detect(self, text: str | bytes, url: str | None = None, path: str | None = None) -> str | None:
        """The site id for a text or a UTF-8 file's bytes (see SiteIndex.detect)."""
        return self.index.detect(text, url=url, path=path)

    def clean(
        self,
        text: str,
        site: str | None = None,
        url: str | None = None,
        path: str | None = None,
        *,
        details: bool = True,
    ) -> Result:
        """Clean one document.

        ``site`` forces a site id; otherwise the URL, the path, then the text decide. With
        ``details=False`` the result has no removals and no metadata, only the number of removals per
        rule (``rule_counts``): what a run's summary needs, at less cost.

        >>> r = Cleaner().clean("Title\\n\\nAdvertisement\\n\\nThe story goes on, as stories do.\\n", details=False)
        >>> r.removed, r.rule_counts
        ([], {'generic.ad-marker-line': 1})
        """
        text = normalise_newlines(text)
        site_id, rules, header, data = self._prepare(text, site, url, path)
        result: Result
        if details:
            cleaned, title, removed, metadata, held = self._engine_call(
                self.engine.clean,
                data,
                site_id,
                rules,
                header,
                metadata=self.metadata,
                removals=True,
                path=path,
                url=url,
            )
            result = Result(cleaned, title, site_id, list(starmap(_removal, removed)), dict(metadata))
        else:
            cleaned, title, counts, _, held = self._engine_call(
                self.engine.clean_counting, data, site_id, rules, header, metadata=False, path=path, url=url
            )
            result = Result(cleaned, title, site_id, rule_counts=dict(counts))
        result.held = self._held(held)
        return result

    def clean_bytes(self, data: bytes, site: str | None = None, path: str | None = None) -> Encoded | None:
        """Clean a UTF-8 file's bytes into the bytes to write back: what ``clean`` with ``details=False`` and
        ``textio.decode_bytes`` then ``Decoded.encode`` give, with no ``str`` made of the text.

        None when the file is not one the engine reads as ``decode_bytes`` would (another encoding, a NUL
        byte): decode it and call ``clean``. ``site`` forces a site id; otherwise the ``# url:`` header,
        the path, then the text decide.

        >>> e = Cleaner().clean_bytes(b"Title\\r\\n\\r\\nAdvertisement\\r\\n\\r\\nThe story goes on, as they do.\\r\\n")
        >>> e.data, e.changed, e.rule_counts
        (b'Title\\r\\n\\r\\nThe story goes on, as they do.\\r\\n', True, {'generic.ad-marker-line': 1})
        >>> Cleaner().clean_bytes("Caf\\u00e9\\n".encode("cp1252")) is None
        True
        """
        if site is not None and site not in self.index.sites:
            raise KeyError(f"unknown site '{site}' (see `cleaner sites`)")
        first = _header_line(data)
        header_url = url_header(first) if first is not None else None
        site_id = site or self.detect(data, url=header_url, path=path)
        rules = self.index.sites.get(site_id) if site_id else None
        try:
            done = self.engine.clean_bytes(
                data,
                generic=self.generic,
                max_loss=self.max_loss,
                force=self.force,
                max_line_chars=self.max_line_chars,
                url_header=header_url is not None and self._url_header,
                site=_SiteStage(rules) if rules is not None else None,
            )
        except EngineError as exc:
            raise _named(exc, path or header_url or f"a document of {len(data)} bytes") from None
        if done is None:
            return None
        out, changed, bytes_in, bytes_out, counts, held = done
        return Encoded(out, changed, bytes_in, bytes_out, dict(counts), self._held(held), site_id)

    def clean_files(
        self, files: list[tuple[str, str | None, str | None]], mode: int, max_bytes: int, umask: int
    ) -> list[Encoded | None]:
        """``clean_bytes`` on files read from and written to their paths in one engine call (GIL released).

        ``files``: ``(path, target, site)``, ``site`` a known site id or None to detect it (the path's host,
        then the signatures). ``mode``: 0 checks, 1 writes a changed file in place, 2 writes every file to
        its target, as ``textio.write_atomic`` does (new files take their input's permission bits). An
        Encoded without ``data`` for each file cleaned, None for one left to the Python path, unread or
        unwritten (see ``Engine.clean_files``). Files of one call with targets (``-o``) are synced
        together and renamed at the end of the call.
        """
        index = self.index
        order = self._site_order
        rows: list[tuple[str, str | None, int]] = []
        for path, target, site in files:
            if site is None:
                host = host_of(path)
                site = index.by_host(host) if host else None
            rows.append((path, target, order.get(site, -2) if site is not None else -1))
        try:
            done = self.engine.clean_files(
                rows,
                mode=mode,
                max_bytes=max_bytes,
                umask=umask,
                signatures=index.signatures,
                stages=self._stages,
                generic=self.generic,
                max_loss=self.max_loss,
                force=self.force,
                max_line_chars=self.max_line_chars,
            )
        except EngineError as exc:
            raise EngineError(f"{exc}; this is a bug in cleaner: please report it") from None
        held_of = self._held
        return [None if d is None else Encoded(b"", d[0], d[1], d[2], dict(d[3]), held_of(d[4])) for d in done]

    @cached_property
    def _site_order(self) -> dict[str, int]:
        return {sid: i for i, sid in enumerate(self.index.sites)}

    @cached_property
    def _stages(self) -> list[object]:
        return [_SiteStage(rules) for rules in self.index.sites.values()]

    def _held(self, held: tuple[bool, float] | None) -> str | None:
        if held is None:
            return None
        everything, loss = held
        share = "everything" if everything else f"{loss:.0%} of its prose"
        return f"would lose {share} (limit {self.max_loss:.0%}); left unchanged, use --force to clean anyway"

    def _prepare(
        self, text: str, site: str | None, url: str | None, path: str | None
    ) -> tuple[str | None, SiteRules | None, str | None, str | bytes]:
        """The site id, its rules, the ``# url:`` header's URL and the text to hand the engine (``_utf8``) of a
        text whose newlines are normalised."""
        if site is not None and site not in self.index.sites:
            raise KeyError(f"unknown site '{site}' (see `cleaner sites`)")
        newline = text.find("\n")
        header_url = url_header(text if newline < 0 else text[:newline]) if text else None
        data = _utf8(text)
        site_id = site or self.detect(data, url=url or header_url, path=path)
        return site_id, self.index.sites.get(site_id) if site_id else None, header_url, data

    def _engine_call(
        self,
        call: Callable[..., _T],
        text: str | bytes,
        site_id: str | None,
        rules: SiteRules | None,
        header_url: str | None,
        *,
        metadata: bool,
        path: str | None = None,
        url: str | None = None,
        **kwargs: bool,
    ) -> _T:
        """``call`` (a cleaning method of the engine) on ``text``, an engine failure named by its document."""
        try:
            return call(
                text,
                generic=self.generic,
                max_loss=self.max_loss,
                force=self.force,
                metadata=metadata,
                max_line_chars=self.max_line_chars,
                url_header=header_url is not None and self._url_header,
                site=_SiteStage(rules) if rules is not None else None,
                **kwargs,
            )
        except EngineError as exc:
            chars = len(text.decode()) if isinstance(text, bytes) else len(text)
            raise _named(exc, path or url or header_url or f"a document of {chars} characters") from None
