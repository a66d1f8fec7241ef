"""Which site a dump comes from: forced id, URL or domain, then text signatures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from urllib.parse import urlsplit

from cleaner import _core
from cleaner.literals import LiteralSet, normalise_space
from cleaner.rules import SiteRules

_URL_HEADER = re.compile(r"(?i)^#\s*url:\s*(\S+)\s*$")
URL_HEADER_RULE: str = _core.URL_HEADER_RULE
"""Rule id recorded when a ``# url:`` first line is taken out of the text."""

_HOST_IN_TEXT = re.compile(r"(?i)(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})")
_HOST_IN_NAME = re.compile(r"(?i)((?:[a-z0-9-]+\.)+[a-z]{2,})--[^/\\]*")
"""A file named ``<domain>--<n>.txt``, as dev sets and crawl dumps name a site's pages."""


def host_of(url_or_path: str) -> str | None:
    """The host name in a URL, or a domain-looking part of a path.

    >>> host_of("https://www.Investing.com/news/x")
    'www.investing.com'
    >>> host_of("dumps/wionews.com/2024/a.txt")
    'wionews.com'
    >>> host_of("dragnet/bbc.co.uk--R12.txt")
    'bbc.co.uk'
    >>> host_of("notes/a.txt") is None
    True
    """
    if "://" in url_or_path:
        host = urlsplit(url_or_path).hostname
        return host.lower() if host else None
    for part in url_or_path.replace("\\", "/").split("/"):
        if "." not in part:  # both patterns need a dot: most parts of a path are settled here
            continue
        m = _HOST_IN_TEXT.fullmatch(part)
        if m and not part.lower().endswith((".txt", ".jsonl", ".html", ".htm", ".gz", ".json")):
            return m.group(1).lower()
        m = _HOST_IN_NAME.fullmatch(part)
        if m:
            return m.group(1).lower()
    return None


def url_header(first_line: str) -> str | None:
    """The URL of a ``# url: ...`` first line, which scrapers write to say where a dump came from.

    >>> url_header("# url: https://www.wionews.com/world/x")
    'https://www.wionews.com/world/x'
    >>> url_header("Headline") is None
    True
    """
    m = _URL_HEADER.match(first_line)
    return m.group(1) if m else None


class SiteIndex:
    """Detects sites: a dict lookup by domain and one multi-pattern pass for signatures.

    The pass costs about the same with 5 sites or 5,000 (see cleaner.literals).

    >>> from pathlib import Path
    >>> s = SiteRules("ex.com", "Ex", ("ex.com",), ("Ex Media Ltd",), 1, (), Path("ex.toml"))
    >>> idx = SiteIndex([s])
    >>> idx.detect("hello", url="https://news.ex.com/a")
    'ex.com'
    >>> idx.detect("footer: Ex Media Ltd")
    'ex.com'
    """

    def __init__(self, sites: Sequence[SiteRules]) -> None:
        self.sites = {s.id: s for s in sites}
        self._domains: dict[str, str] = {}
        for s in sites:
            for d in s.domains:
                self._domains.setdefault(d, s.id)
        self._owners: dict[str, list[str]] = {}
        for s in sites:
            for sig in s.signatures:
                self._owners.setdefault(normalise_space(sig), []).append(s.id)
        self._literals = LiteralSet(self._owners)

    def __getstate__(self) -> dict[str, object]:
        # The compiled signatures do not pickle; a worker process builds its own on first use.
        state = dict(self.__dict__)
        state.pop("signatures", None)
        return state

    @cached_property
    def signatures(self) -> _core.SiteSignatures:
        """``by_signature`` for the engine's ``clean_files``, sites by their index in ``sites`` (built on first use:
        a run that reads its files in Python never needs it)."""
        order = {sid: i for i, sid in enumerate(self.sites)}
        owners = [(lit, [order[s] for s in sites]) for lit, sites in self._owners.items()]
        return _core.SiteSignatures(owners, [s.min_signatures for s in self.sites.values()])

    def by_host(self, host: str) -> str | None:
        """The site owning ``host`` or one of its parent domains."""
        parts = host.lower().split(".")
        for i in range(len(parts) - 1):
            found = self._domains.get(".".join(parts[i:]))
            if found:
                return found
        return None

    def detect(self, text: str | bytes, url: str | None = None, path: str | None = None) -> str | None:
        """Site id for a document (its text, or a UTF-8 file's bytes), or None when nothing identifies it."""
        for hint in (url, path):
            if hint:
                host = host_of(hint)
                if host:
                    found = self.by_host(host)
                    if found:
                        return found
        return self.by_signature(text)

    def by_signature(self, text: str | bytes) -> str | None:
        """The site whose signatures appear (enough of them, most wins)."""
        hits: dict[str, set[str]] = {}
        for literal in self._literals.finditer(text):
            for owner in self._owners[literal]:
                hits.setdefault(owner, set()).add(literal)
        best: tuple[int, str] | None = None
        for sid, found in hits.items():
            if len(found) >= self.sites[sid].min_signatures:
                cand = (len(found), sid)
                if best is None or cand[0] > best[0]:
                    best = cand
        return best[1] if best else None
