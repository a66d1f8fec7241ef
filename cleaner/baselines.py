"""Reference methods that `cleaner eval` and the bench measure beside cleaner.

Each takes what it sees (the dump's text, or the page's HTML) and returns kept text.
jusText and trafilatura are imported lazily: they are optional for the eval.
"""

from __future__ import annotations

import gzip
import html
from functools import cache
from pathlib import Path

C4_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "…", "。", "！", "？")
"""Line endings the C4-style filter counts as terminal punctuation."""

C4_MIN_WORDS = 3


def identity(text: str) -> str:
    """The text unchanged: the floor every cleaner must beat.

    >>> identity("a\\nb")
    'a\\nb'
    """
    return text


def c4_filter(text: str) -> str:
    """C4-style line filter: keep lines that end in terminal punctuation and have >= 3 words.

    >>> c4_filter("Home\\nThe cat sat down.\\nToo short.\\nNo end here at all")
    'The cat sat down.'
    """
    kept = []
    for line in text.split("\n"):
        s = line.rstrip()
        if s.endswith(C4_TERMINAL) and len(s.split()) >= C4_MIN_WORDS:
            kept.append(s)
    return "\n".join(kept)


class MissingDependencyError(Exception):
    """An optional package a baseline needs is not installed."""


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    try:
        import justext
    except ImportError as exc:
        raise MissingDependencyError(f"jusText is not installed ({exc}); pip install 'cleaner[bench]'") from None
    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


def guess_stoplist(text: str) -> str:
    """The jusText stop-list whose words are most frequent in ``text`` (English on a tie).

    >>> guess_stoplist("der Hund und die Katze sind nicht mit dem Auto gefahren")
    'German'
    """
    words = text.lower().split()
    best, best_hits = "English", 0
    for name, stop in _stoplists().items():
        hits = sum(1 for w in words if w in stop)
        if hits > best_hits:
            best, best_hits = name, hits
    return best


def justext_lines(text: str, stoplist: str | None = None) -> str:
    """jusText on the dump: every non-blank line becomes a paragraph; keep the good ones.

    >>> out = justext_lines("Home\\n" + "The council met on Monday and agreed that the new bridge " * 4)
    >>> out.startswith("The council")
    True
    """
    import justext

    lines = [s.strip() for s in text.split("\n") if s.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{html.escape(s)}</p>" for s in lines) + "</body></html>"
    stop = _stoplists()[stoplist or guess_stoplist(text)]
    paragraphs = justext.justext(page.encode("utf-8"), stop, encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def read_html(path: Path) -> bytes:
    """The bytes of an HTML page, gunzipped when the name ends in ``.gz``."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def trafilatura_html(page: bytes) -> str:
    """trafilatura's main-text extraction on the page's HTML, with its default settings."""
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingDependencyError(f"trafilatura cannot be imported ({exc})") from None
    return trafilatura.extract(page) or ""
