"""HTML pages: trafilatura turns them into a text dump, then the usual cleaning runs.

trafilatura is imported only when an HTML page comes in. Its default balance is
kept (neither ``favor_recall`` nor ``favor_precision``): on the 61 pages of the
scrapinghub dev set it scored shingle F1 0.962 / recall 0.974, against 0.960 /
0.972 with ``favor_recall`` and 0.955 / 0.953 with ``favor_precision``
(bench/html_extract.py), and the site rules and generic stage after it remove
what it leaves. Comments are never article text (POLICY.md), so they are not
extracted; tables are, as they may belong to the story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner.model import Result
from cleaner.pipeline import Cleaner

HTML_SUFFIXES = (".html", ".htm")

TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "deduplicate": False,
}
"""Keyword arguments for trafilatura.bare_extraction (text with its line breaks, plus metadata)."""


class NoTextError(Exception):
    """trafilatura found no article text in a page."""


@dataclass(frozen=True)
class Page:
    """What trafilatura took from a page: a dump (headline first), its URL and metadata."""

    text: str
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def is_html(name: str) -> bool:
    """Whether a file name is an HTML page.

    >>> is_html("a/b.HTM"), is_html("b.txt")
    (True, False)
    """
    return name.lower().endswith(HTML_SUFFIXES)


def extract(html: str | bytes, url: str | None = None) -> Page:
    """Turn a page into a text dump: the title line, a blank line, the text trafilatura kept.

    ``url`` wins over the page's own (``<link rel=canonical>``, ``og:url``).
    Raises NoTextError when the page has no article text.

    >>> p = extract("<html><head><title>Rain at last</title>"
    ...             "<link rel='canonical' href='https://news.example.org/rain'></head><body><article>"
    ...             "<h1>Rain at last</h1><p>" + "The drought ended on Monday when rain fell across the region. " * 3 +
    ...             "</p><p>Farmers said the rain came just in time for the spring planting season.</p>"
    ...             "</article></body></html>")
    >>> p.url
    'https://news.example.org/rain'
    >>> p.text.splitlines()[0]
    'Rain at last'
    >>> p.text.splitlines()[-1]
    'Farmers said the rain came just in time for the spring planting season.'
    """
    import trafilatura  # only HTML input needs it

    doc = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    body = (getattr(doc, "text", None) or "").strip("\n") if doc is not None else ""
    if not body.strip():
        raise NoTextError("no article text found in the HTML page")
    title = (getattr(doc, "title", None) or "").strip()
    first = body.split("\n", 1)[0].strip()
    text = f"{title}\n\n{body}\n" if title and first != title else f"{body}\n"
    meta = {
        key: str(value).strip()
        for key, value in (("published", getattr(doc, "date", None)), ("byline", getattr(doc, "author", None)))
        if value
    }
    return Page(text=text, url=url or getattr(doc, "url", None) or None, metadata=meta)


def clean_page(cleaner: Cleaner, page: Page, site: str | None = None, path: str | None = None) -> Result:
    """Clean an extracted page; the page's own metadata fills what the text does not show."""
    result = cleaner.clean(page.text, site=site, url=page.url, path=path)
    if cleaner.metadata:
        result.metadata = {**page.metadata, **result.metadata}
    return result
