"""The scoring metrics of POLICY.md: shingle precision/recall/F1 and a line-level F1."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles of ``\\w+`` tokens (case kept); 1-3 tokens make one shingle.

    >>> sorted(shingles("a b c d e").values())
    [1, 1]
    >>> shingles("a b")
    Counter({('a', 'b'): 1})
    >>> shingles("")
    Counter()
    """
    toks = _TOKEN.findall(text)
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + 4]) for i in range(len(toks) - 3))


@dataclass(frozen=True)
class DocScore:
    """One document's shingle and line scores (None where undefined)."""

    precision: float | None
    recall: float | None
    line_precision: float | None
    line_recall: float | None

    @property
    def f1(self) -> float:
        """Per-document shingle F1 (0 when undefined)."""
        return _f1(self.precision or 0.0, self.recall or 0.0)

    @property
    def line_f1(self) -> float:
        """Per-document line F1 (0 when undefined)."""
        return _f1(self.line_precision or 0.0, self.line_recall or 0.0)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _norm_lines(text: str) -> Counter[str]:
    return Counter(" ".join(s.split()) for s in text.split("\n") if s.strip())


def score_document(predicted: str, gold: str) -> DocScore:
    """Score one prediction against its gold body.

    >>> s = score_document("a b c d e", "a b c d e f")
    >>> (s.precision, round(s.recall, 2))
    (1.0, 0.67)
    """
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    npred, nref = sum(pred.values()), sum(ref.values())
    lp, lr = _norm_lines(predicted), _norm_lines(gold)
    ltp = sum((lp & lr).values())
    return DocScore(
        precision=tp / npred if npred else None,
        recall=tp / nref if nref else None,
        line_precision=ltp / sum(lp.values()) if lp else None,
        line_recall=ltp / sum(lr.values()) if lr else None,
    )


@dataclass(frozen=True)
class CorpusScore:
    """Corpus-level scores as POLICY.md defines them."""

    precision: float
    recall: float
    f1: float
    median_f1: float
    line_f1: float
    empty: int
    n: int


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def score_corpus(scores: Iterable[DocScore]) -> CorpusScore:
    """Mean precision over non-empty predictions, mean recall over non-empty golds, F1 of the two.

    >>> c = score_corpus([score_document("a b c d", "a b c d"), score_document("", "x y z w")])
    >>> (c.precision, c.recall, c.f1, c.empty)
    (1.0, 0.5, 0.6666666666666666, 1)
    """
    docs = list(scores)
    ps = [d.precision for d in docs if d.precision is not None]
    rs = [d.recall for d in docs if d.recall is not None]
    p, r = _mean(ps), _mean(rs)
    lps = [d.line_precision for d in docs if d.line_precision is not None]
    lrs = [d.line_recall or 0.0 for d in docs]
    return CorpusScore(
        precision=p,
        recall=r,
        f1=_f1(p, r),
        median_f1=statistics.median([d.f1 for d in docs]) if docs else 0.0,
        line_f1=_f1(_mean(lps), _mean(lrs)),
        empty=sum(1 for d in docs if d.precision is None),
        n=len(docs),
    )


def body_of(cleaned: str) -> str:
    """The cleaned text less its headline line (the gold bodies carry no headline).

    >>> body_of("\\nTitle\\nBody\\n")
    'Body'
    """
    lines = cleaned.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines[1:]).strip("\n")


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class SnippetDoc:
    """One document's snippet counts (trafilatura-dev metric)."""

    found_with: int
    missed_with: int
    found_without: int

    @property
    def precision(self) -> float | None:
        """Share of found snippets that are `with` ones (None when nothing was found)."""
        found = self.found_with + self.found_without
        return self.found_with / found if found else None

    @property
    def recall(self) -> float | None:
        """Share of `with` snippets found (None when there are none)."""
        total = self.found_with + self.missed_with
        return self.found_with / total if total else None

    @property
    def f1(self) -> float:
        """Per-document snippet F1 (0 when undefined)."""
        return _f1(self.precision or 0.0, self.recall or 0.0)


def score_snippets(output: str, with_: Iterable[str], without: Iterable[str]) -> SnippetDoc:
    """Count `with` snippets found and missed and `without` snippets found in ``output``.

    Whitespace runs (newlines too) become one space on both sides; the test is a
    case-sensitive substring test.

    >>> score_snippets("A cat\\n sat.", ["cat sat.", "dog"], ["A", "Menu"])
    SnippetDoc(found_with=1, missed_with=1, found_without=1)
    """
    out = _norm_ws(output)
    hits = [_norm_ws(s) in out for s in with_] if out else [False for _ in with_]
    bad = sum(1 for s in without if out and _norm_ws(s) in out)
    return SnippetDoc(found_with=sum(hits), missed_with=len(hits) - sum(hits), found_without=bad)


@dataclass(frozen=True)
class SnippetCorpus:
    """Snippet precision, recall and F1 pooled over every snippet of every page."""

    precision: float
    recall: float
    f1: float
    median_f1: float
    empty: int
    n: int


def snippet_corpus(docs: Iterable[SnippetDoc], empty: int = 0) -> SnippetCorpus:
    """Pool snippet counts over documents; ``empty`` is the number of empty outputs.

    >>> c = snippet_corpus([SnippetDoc(1, 1, 0), SnippetDoc(2, 0, 1)])
    >>> (c.precision, c.recall, round(c.f1, 3), c.median_f1)
    (0.75, 0.75, 0.75, 0.7333333333333334)
    """
    docs = list(docs)
    tp = sum(d.found_with for d in docs)
    fn = sum(d.missed_with for d in docs)
    fp = sum(d.found_without for d in docs)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return SnippetCorpus(
        precision=p,
        recall=r,
        f1=_f1(p, r),
        median_f1=statistics.median([d.f1 for d in docs]) if docs else 0.0,
        empty=empty,
        n=len(docs),
    )
