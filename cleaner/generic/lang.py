"""Per-language word lists (``rules/generic/lang/<code>.toml``) and the page's language.

The language of a page is the list whose stop words it uses most; a line's share of
stop words in that language is a strong sign of prose (menus and labels have almost none).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache

from cleaner.generic.phrases import default_generic_dir

MIN_HITS = 5
"""Fewer stop-word hits than this on a whole page: no language is assumed."""


@cache
def word_lists() -> dict[str, dict[str, frozenset[str]]]:
    """Every list of every language file: ``{lang: {list name: words}}``, lower-cased, read once."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for path in sorted((default_generic_dir() / "lang").glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        out[path.stem] = {k: frozenset(w.lower() for w in str(v).split()) for k, v in data.items()}
    return out


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language code.

    >>> "the" in stopwords()["en"]
    True
    """
    return {lang: lists.get("stopwords", frozenset()) for lang, lists in word_lists().items()}


@cache
def date_words() -> frozenset[str]:
    """Month and weekday names and date labels of all languages together.

    >>> {"march", "märz", "lundi"} <= date_words()
    True
    """
    keys = ("months", "weekdays", "date_words")
    return frozenset(w for lists in word_lists().values() for k in keys for w in lists.get(k, ()))


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, sw in stopwords().items():
        for w in sw:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def detect_language(words: Iterable[str]) -> str | None:
    """The language whose stop words occur most among lower-cased ``words``.

    >>> detect_language("der hund und die katze sind in dem haus".split())
    'de'
    >>> detect_language(["menu"]) is None
    True
    """
    counts = dict.fromkeys(stopwords(), 0)
    index = _languages_of()
    for w in words:
        for lang in index.get(w, ()):
            counts[lang] += 1
    return _most_used(counts)


def detect_language_of_lines(lines_words: Iterable[tuple[str, ...]]) -> str | None:
    """``detect_language`` of the words of every line, each line's stop-word hits counted once per text.

    >>> detect_language_of_lines([("der", "hund", "und"), ("die", "katze", "sind", "in", "dem", "haus")])
    'de'
    """
    return language_of_hits(map(stopword_hits, lines_words))


def language_of_hits(lines_hits: Iterable[tuple[tuple[str, int], ...]]) -> str | None:
    """``detect_language_of_lines`` from each line's ``stopword_hits``.

    >>> language_of_hits([stopword_hits(("der", "hund", "und")), stopword_hits(("die", "katze", "in", "dem"))])
    'de'
    """
    counts = dict.fromkeys(stopwords(), 0)
    for hits in lines_hits:
        for lang, n in hits:
            counts[lang] += n
    return _most_used(counts)


@lru_cache(maxsize=1 << 16)
def stopword_hits(words: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Stop-word hits of one line's lower-cased words, by language (only languages with hits).

    >>> stopword_hits(("the", "cat"))
    (('en', 1),)
    """
    counts: dict[str, int] = {}
    index = _languages_of()
    for w in words:
        for lang in index.get(w, ()):
            counts[lang] = counts.get(lang, 0) + 1
    return tuple(counts.items())


def _most_used(counts: dict[str, int]) -> str | None:
    if not counts:
        return None
    lang, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return lang if hits >= MIN_HITS else None
