"""Per-language word lists (``rules/generic/lang/<code>.toml``) and the page's language.

The language of a page is the list whose stop words it uses most; a line's share of
stop words in that language is a strong sign of prose (menus and labels have almost none).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache

from cleaner.generic.phrases import default_generic_dir

MIN_HITS = 5
"""Fewer stop-word hits than this on a whole page: no language is assumed."""


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language code, lower-cased, read once.

    >>> "the" in stopwords()["en"]
    True
    """
    out: dict[str, frozenset[str]] = {}
    for path in sorted((default_generic_dir() / "lang").glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        out[path.stem] = frozenset(w.lower() for w in data.get("stopwords", "").split())
    return out


def detect_language(words: Iterable[str]) -> str | None:
    """The language whose stop words occur most among lower-cased ``words``.

    >>> detect_language("der hund und die katze sind in dem haus".split())
    'de'
    >>> detect_language(["menu"]) is None
    True
    """
    counts = dict.fromkeys(stopwords(), 0)
    lists = stopwords().items()
    for w in words:
        for lang, sw in lists:
            if w in sw:
                counts[lang] += 1
    if not counts:
        return None
    lang, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return lang if hits >= MIN_HITS else None
