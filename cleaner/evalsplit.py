"""Tune/check splits of the dev sets: which pages one may look at while tuning, and which only measure.

Every page of a dev set is in exactly one part, decided by its site alone (the first 8 hex digits of
sha256 of ``SALT:site``, even: tune, odd: check), so that a site's pages are never on both sides
and a fix tuned on one site's pages is measured on other sites. The salt was chosen once, before any
tuning on the split, as the one of 0..299 under which main 0f28f32 scored most alike on the two parts
of every set (largest gap 0.007; `bench/make_split.py --choose-salt`): the gap then measures what
tuning does, not the luck of the draw. A split is a reviewed data file in
the repository (``eval/splits/SET.tsv``, one ``part<TAB>site<TAB>id`` line per page), written once
by ``bench/make_split.py``; `cleaner eval --split FILE` reports both parts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

PARTS = ("tune", "check")
"""The two parts: tune pages may be read while tuning; check pages are only scored."""

SALT = 33
"""The split's salt (see the module's docstring); changing it makes a new split."""

_ARCHIVED = re.compile(r"^/web/[^/]*/(?P<url>.+)$")
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}
_BLOG_HOSTS = {"blogspot.com", "typepad.com", "wordpress.com", "tumblr.com", "blogs.com", "livejournal.com"}


class SplitError(Exception):
    """A split file or dev set that cannot be split; the message names the file and line."""


def part_of(site: str, salt: int = SALT) -> str:
    """The part a site's pages go to: deterministic, about half of the sites each.

    >>> part_of("example.com", salt=0), part_of("example.net", salt=0)
    ('tune', 'check')
    """
    key = f"{salt}:{site}" if salt else site
    return PARTS[int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 2]


def site_of_host(host: str) -> str:
    """The site a host belongs to: its registered domain (``news.bbc.co.uk`` is ``bbc.co.uk``), but a
    blog on a blog host keeps its own name.

    >>> site_of_host("wiki.example.de"), site_of_host("news.bbc.co.uk"), site_of_host("x.blogspot.com")
    ('example.de', 'bbc.co.uk', 'x.blogspot.com')
    """
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) > 2 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    if ".".join(labels[-keep:]) in _BLOG_HOSTS:
        keep += 1
    return ".".join(labels[-keep:])


def site_of_url(url: str | None) -> str | None:
    """A page's site from its URL (see `site_of_host`); archived pages count as their original.

    >>> site_of_url("https://www.Example.com/a?b=1")
    'example.com'
    >>> site_of_url("http://web.archive.org/web/2019/https://www.bbc.co.uk/news/x")
    'bbc.co.uk'
    >>> site_of_url(None) is None
    True
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host == "web.archive.org":
        m = _ARCHIVED.match(parts.path)
        if m:
            inner = m.group("url")
            return site_of_url(inner if "://" in inner else "http://" + inner)
    return site_of_host(host) if host else None


def dragnet_site(page_id: str) -> str:
    """dragnet-dev names its pages ``DOMAIN--N``: the site is that domain's (see `site_of_host`).

    >>> dragnet_site("blog.example.com--R12"), dragnet_site("me.typepad.com--R3")
    ('example.com', 'me.typepad.com')
    """
    return site_of_host(page_id.split("--", 1)[0])


def sites_from_urls(ids: Iterable[str], urls: Mapping[str, str | None]) -> dict[str, str]:
    """Each page's site from its URL; a page without one is a site of its own (its id).

    >>> sites_from_urls(["a", "b"], {"a": "https://www.x.org/1", "b": None})
    {'a': 'x.org', 'b': 'page:b'}
    """
    return {i: site_of_url(urls.get(i)) or f"page:{i}" for i in ids}


def dev_set_sites(set_dir: Path) -> dict[str, str]:
    """Page id -> site for one dev set folder, from what the set provides.

    dragnet-dev: the ``DOMAIN--N`` file names; scrapinghub-dev: the urls of ``meta.json``;
    trafilatura-dev: the urls of ``index.json``. Pages are those of ``ids.txt``.
    """
    ids_file = set_dir / "ids.txt"
    try:
        ids = [line.strip() for line in ids_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        raise SplitError(f"{ids_file}: cannot read the dev set's page ids ({exc.strerror or exc})") from None
    if all("--" in i for i in ids):
        return {i: dragnet_site(i) for i in ids}
    for name in ("meta.json", "index.json"):
        path = set_dir / name
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SplitError(f"{path}: cannot read the page urls ({exc})") from None
            urls = {i: (v.get("url") if isinstance(v, dict) else None) for i, v in data.items()}
            return sites_from_urls(ids, urls)
    raise SplitError(f"{set_dir}: no DOMAIN--N ids, meta.json or index.json to find each page's site")


def make_split(sites: Mapping[str, str], salt: int = SALT) -> list[tuple[str, str, str]]:
    """``(part, site, id)`` rows for every page, sorted by id.

    >>> make_split({"p2": "example.net", "p1": "example.com"}, salt=0)
    [('tune', 'example.com', 'p1'), ('check', 'example.net', 'p2')]
    """
    return [(part_of(sites[i], salt), sites[i], i) for i in sorted(sites)]


def render_split(name: str, rows: Iterable[tuple[str, str, str]], salt: int = SALT) -> str:
    """The split file's text: a header saying what it is, then one tab-separated line per page."""
    rows = list(rows)
    counts = {p: sum(1 for r in rows if r[0] == p) for p in PARTS}
    head = [
        f"# Tune/check split of the dev set {name}: {counts['tune']} tune pages, {counts['check']} check pages.",
        f"# Made by bench/make_split.py (part = sha256 of '{salt}:site', so a site's pages are all on one side).",
        "# Read and tune on tune pages only; check pages are only scored. Never regenerate casually.",
        "# part\tsite\tid",
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def load_split(path: Path) -> dict[str, str]:
    """Page id -> part from a split file; each problem is a SplitError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SplitError(f"{path}: cannot read the split file ({exc.strerror or exc})") from None
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in PARTS or not fields[2]:
            raise SplitError(f"{path}:{n}: expected 'tune|check<TAB>site<TAB>id', got {line!r}")
        if fields[2] in out:
            raise SplitError(f"{path}:{n}: page '{fields[2]}' is listed twice")
        out[fields[2]] = fields[0]
    if not out:
        raise SplitError(f"{path}: no pages (make it with bench/make_split.py)")
    return out
