"""`cleaner eval`: run cleaner and reference methods over a dev set and score them side by side.

Two kinds of reference: a folder of gold article bodies (``GOLD_DIR/ID.txt``, the
POLICY.md shingle metric on the body) or a snippet index (``index.json``, the
trafilatura-dev metric on the whole output, headline kept).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cleaner import baselines
from cleaner.evalsplit import PARTS, SplitError, load_split
from cleaner.evaluate import (
    DocScore,
    SnippetDoc,
    body_of,
    score_corpus,
    score_document,
    score_snippets,
    snippet_corpus,
)
from cleaner.pipeline import Cleaner
from cleaner.textio import InputError, read_dump

BASELINES = ("identity", "c4", "justext")
"""Baselines `--baseline` accepts; trafilatura comes with `--html-dir`."""


class EvalInputError(Exception):
    """A dev set that cannot be scored; the message says which file and what to do."""


@dataclass(frozen=True)
class Sample:
    """One dev page: its id, the dump's text and, when given, its HTML file."""

    id: str
    text: str
    html: Path | None = None


@dataclass(frozen=True)
class Method:
    """A way of cleaning a sample; ``headline`` when its output starts with the headline line."""

    name: str
    run: Callable[[Sample], str]
    headline: bool


@dataclass(frozen=True)
class DocRow:
    """One document's score under one method."""

    id: str
    precision: float | None
    recall: float | None
    f1: float


@dataclass
class MethodRow:
    """One method's corpus scores (``line_f1`` is None for the snippet metric)."""

    name: str
    precision: float
    recall: float
    f1: float
    median_f1: float
    line_f1: float | None
    empty: int
    n: int
    seconds: float
    docs: list[DocRow] = field(default_factory=list)
    scores: list[DocScore | SnippetDoc] = field(default_factory=list, repr=False)
    times: list[float] = field(default_factory=list, repr=False)
    blank: list[bool] = field(default_factory=list, repr=False)

    def subset(self, ids: set[str]) -> MethodRow:
        """This method's scores over some of its documents only (a part of a split).

        >>> m = Method("identity", lambda s: s.text, headline=False)
        >>> [row] = evaluate_gold([Sample("a", "w x y z"), Sample("b", "v")], {"a": "w x y z", "b": "q"}, [m])
        >>> (row.f1, row.subset({"a"}).f1, row.subset({"a"}).n)
        (0.5, 1.0, 1)
        """
        keep = [k for k, d in enumerate(self.docs) if d.id in ids]
        docs = [self.docs[k] for k in keep]
        scores = [self.scores[k] for k in keep]
        times = [self.times[k] for k in keep]
        blank = [self.blank[k] for k in keep]
        return _method_row(self.name, scores, docs, times, blank, snippets=self.line_f1 is None)


def _numbers(r: MethodRow) -> dict[str, Any]:
    return {k: v for k, v in asdict(r).items() if k not in ("name", "docs", "scores", "times")}


@dataclass
class EvalReport:
    """Every method's scores on one dev set, measured in the same run; with a split, per part too."""

    kind: str
    input: str
    reference: str
    rows: list[MethodRow]
    split: str | None = None
    parts: dict[str, list[MethodRow]] = field(default_factory=dict)

    def row(self, name: str) -> MethodRow:
        """The row of one method."""
        return next(r for r in self.rows if r.name == name)

    def part_row(self, part: str, name: str) -> MethodRow:
        """The row of one method on one part of the split."""
        return next(r for r in self.parts[part] if r.name == name)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready numbers: corpus scores per method (and per part), and per-document scores."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "input": self.input,
            "reference": self.reference,
            "methods": {r.name: _numbers(r) for r in self.rows},
            "documents": {
                r.name: {d.id: {"precision": d.precision, "recall": d.recall, "f1": d.f1} for d in r.docs}
                for r in self.rows
            },
        }
        if self.split is not None:
            out["split"] = self.split
            out["parts"] = {p: {r.name: _numbers(r) for r in rows} for p, rows in self.parts.items()}
        return out


def load_samples(input_dir: Path, html_dir: Path | None = None) -> list[Sample]:
    """Every ``ID.txt`` of ``input_dir`` (sorted by id), with ``html_dir/ID.html[.gz]`` when given."""
    if not input_dir.is_dir():
        raise EvalInputError(f"{input_dir}: not a folder of ID.txt dumps")
    paths = sorted(input_dir.glob("*.txt"))
    if not paths:
        raise EvalInputError(f"{input_dir}: no .txt files to score")
    if html_dir is not None and not html_dir.is_dir():
        raise EvalInputError(f"--html-dir {html_dir}: not a folder")
    out = []
    for p in paths:
        try:
            text = read_dump(p).text
        except InputError as exc:
            raise EvalInputError(f"{p}: {exc}") from None
        html = None
        if html_dir is not None:
            html = next((h for h in (html_dir / f"{p.stem}.html.gz", html_dir / f"{p.stem}.html") if h.is_file()), None)
            if html is None:
                raise EvalInputError(f"{html_dir}: no {p.stem}.html.gz or {p.stem}.html for {p.name}")
        out.append(Sample(p.stem, text, html))
    return out


def load_gold(gold_dir: Path, ids: Sequence[str]) -> dict[str, str]:
    """The gold body of every id; an error names the first id without one."""
    if not gold_dir.is_dir():
        raise EvalInputError(f"{gold_dir}: not a folder of gold ID.txt files")
    gold = {}
    for i in ids:
        p = gold_dir / f"{i}.txt"
        if not p.is_file():
            raise EvalInputError(f"{p}: missing (every input ID.txt needs a gold ID.txt)")
        gold[i] = read_dump(p).text
    return gold


Snippets = dict[str, tuple[list[str], list[str]]]


def load_snippets(path: Path, ids: Sequence[str]) -> Snippets:
    """The `with` and `without` snippet lists of every id from an ``index.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalInputError(f"{path}: cannot read the snippet index ({exc})") from None
    out: Snippets = {}
    for i in ids:
        entry = data.get(i) if isinstance(data, dict) else None
        if not isinstance(entry, dict):
            raise EvalInputError(f"{path}: no entry for '{i}' (every input ID.txt needs one)")
        out[i] = (list(entry.get("with", [])), list(entry.get("without", [])))
    return out


def cleaner_method(cleaner: Cleaner) -> Method:
    """cleaner itself, as `cleaner clean` runs it on a file."""
    return Method("cleaner", lambda s: cleaner.clean(s.text).text, headline=True)


def baseline_methods(names: Sequence[str], with_html: bool) -> list[Method]:
    """The named baselines, then trafilatura when HTML is given.

    >>> [m.name for m in baseline_methods(["identity", "c4"], with_html=False)]
    ['identity', 'c4']
    """
    unknown = [n for n in names if n not in BASELINES]
    if unknown:
        raise EvalInputError(f"unknown baseline '{unknown[0]}' (known: {', '.join(BASELINES)})")
    table = {
        "identity": Method("identity", lambda s: baselines.identity(s.text), headline=True),
        "c4": Method("c4", lambda s: baselines.c4_filter(s.text), headline=False),
        "justext": Method("justext", lambda s: baselines.justext_lines(s.text), headline=False),
    }
    out = [table[n] for n in names]
    if with_html:
        out.append(Method("trafilatura", _trafilatura, headline=False))
    return out


def _trafilatura(s: Sample) -> str:
    return baselines.trafilatura_html(baselines.read_html(s.html)) if s.html else ""


def _run(method: Method, samples: Sequence[Sample]) -> tuple[list[str], list[float]]:
    outs, times = [], []
    for s in samples:
        t0 = time.perf_counter()
        outs.append(method.run(s))
        times.append(time.perf_counter() - t0)
    return outs, times


def _method_row(
    name: str,
    scores: list[DocScore | SnippetDoc],
    docs: list[DocRow],
    times: list[float],
    blank: list[bool],
    *,
    snippets: bool,
) -> MethodRow:
    """A method's row from its documents' scores: pooled snippet scores, or shingle and line scores."""
    if snippets:
        sc = snippet_corpus((x for x in scores if isinstance(x, SnippetDoc)), empty=sum(blank))
        line_f1 = None
        p, r, f, med, empty, n = sc.precision, sc.recall, sc.f1, sc.median_f1, sc.empty, sc.n
    else:
        c = score_corpus(x for x in scores if isinstance(x, DocScore))
        line_f1 = c.line_f1
        p, r, f, med, empty, n = c.precision, c.recall, c.f1, c.median_f1, c.empty, c.n
    return MethodRow(name, p, r, f, med, line_f1, empty, n, sum(times), docs, scores, times, blank)


def evaluate_gold(samples: Sequence[Sample], gold: dict[str, str], methods: Sequence[Method]) -> list[MethodRow]:
    """Shingle and line scores of each method's body against the gold bodies.

    >>> m = Method("identity", lambda s: s.text, headline=True)
    >>> [row] = evaluate_gold([Sample("a", "Title\\nw x y z")], {"a": "w x y z"}, [m])
    >>> (row.f1, row.line_f1, row.empty)
    (1.0, 1.0, 0)
    """
    rows = []
    for m in methods:
        outs, times = _run(m, samples)
        scores = [
            score_document(body_of(o) if m.headline else o, gold[s.id]) for s, o in zip(samples, outs, strict=True)
        ]
        docs = [DocRow(s.id, d.precision, d.recall, d.f1) for s, d in zip(samples, scores, strict=True)]
        blank = [d.precision is None for d in scores]
        rows.append(_method_row(m.name, [*scores], docs, times, blank, snippets=False))
    return rows


def evaluate_snippets(samples: Sequence[Sample], index: Snippets, methods: Sequence[Method]) -> list[MethodRow]:
    """Pooled snippet precision, recall and F1 of each method's whole output (headline kept).

    >>> m = Method("identity", lambda s: s.text, headline=True)
    >>> [row] = evaluate_snippets([Sample("a", "Menu\\nA cat sat.")], {"a": (["cat sat"], ["Menu"])}, [m])
    >>> (row.precision, row.recall)
    (0.5, 1.0)
    """
    rows = []
    for m in methods:
        outs, times = _run(m, samples)
        scores = [score_snippets(o, *index[s.id]) for s, o in zip(samples, outs, strict=True)]
        blank = [not o.strip() for o in outs]
        docs = [DocRow(s.id, d.precision, d.recall, d.f1) for s, d in zip(samples, scores, strict=True)]
        rows.append(_method_row(m.name, [*scores], docs, times, blank, snippets=True))
    return rows


def evaluate(
    input_dir: Path,
    cleaner: Cleaner,
    *,
    gold_dir: Path | None = None,
    snippets: Path | None = None,
    baseline_names: Sequence[str] = (),
    html_dir: Path | None = None,
    split: Path | None = None,
) -> EvalReport:
    """Score cleaner (then the baselines) on one dev set: gold bodies or a snippet index, not both.

    With a ``split`` file, every page must be in it, and the report has each part's scores too.
    """
    if (gold_dir is None) == (snippets is None):
        raise EvalInputError("give either GOLD_DIR or --snippets index.json (one of them)")
    methods = [cleaner_method(cleaner), *baseline_methods(baseline_names, with_html=html_dir is not None)]
    samples = load_samples(input_dir, html_dir)
    ids = [s.id for s in samples]
    parts = _load_parts(split, ids) if split is not None else None
    if gold_dir is not None:
        rows = evaluate_gold(samples, load_gold(gold_dir, ids), methods)
        report = EvalReport("gold", str(input_dir), str(gold_dir), rows)
    else:
        assert snippets is not None
        rows = evaluate_snippets(samples, load_snippets(snippets, ids), methods)
        report = EvalReport("snippets", str(input_dir), str(snippets), rows)
    if parts is not None:
        report.split = str(split)
        report.parts = {p: [r.subset(members) for r in rows] for p, members in parts.items()}
    return report


def _load_parts(split: Path, ids: Sequence[str]) -> dict[str, set[str]]:
    try:
        assigned = load_split(split)
    except SplitError as exc:
        raise EvalInputError(str(exc)) from None
    missing = [i for i in ids if i not in assigned]
    if missing:
        raise EvalInputError(
            f"{split}: page '{missing[0]}' is not in the split ({len(missing)} missing); "
            "a new dev set needs its split made once with bench/make_split.py"
        )
    return {p: {i for i in ids if assigned[i] == p} for p in PARTS}


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_table(report: EvalReport) -> str:
    """A plain-text table, one row per method.

    >>> row = MethodRow("cleaner", 0.9, 0.8, 0.847, 0.9, None, 0, 3, 0.01)
    >>> print(render_table(EvalReport("snippets", "in", "index.json", [row])), end="")
    method        precision  recall     F1  median F1  line F1  empty    n  seconds
    cleaner           0.900   0.800  0.847      0.900        -      0    3     0.01
    """
    head = f"{'method':<12} {'precision':>10} {'recall':>7} {'F1':>6} {'median F1':>10} {'line F1':>8} {'empty':>6}"
    lines = [head + f" {'n':>4} {'seconds':>8}"]
    for r in report.rows:
        lines.append(
            f"{r.name:<12} {_fmt(r.precision):>10} {_fmt(r.recall):>7} {_fmt(r.f1):>6} {_fmt(r.median_f1):>10} "
            f"{_fmt(r.line_f1):>8} {r.empty:>6} {r.n:>4} {r.seconds:>8.2f}"
        )
    return "\n".join(lines) + "\n"


def render_parts(report: EvalReport) -> str:
    """Each method's scores on the tune and check parts of the split, side by side.

    >>> a = MethodRow("cleaner", 0.9, 0.8, 0.847, 0.9, None, 0, 3, 0.01)
    >>> b = MethodRow("cleaner", 0.8, 0.8, 0.8, 0.8, None, 0, 2, 0.01)
    >>> print(render_parts(EvalReport("snippets", "in", "i.json", [a], "s.tsv", {"tune": [a], "check": [b]})), end="")
    by part (split s.tsv):
    method       tune F1 (n)  check F1 (n)  tune-check  tune median  check median
    cleaner      0.847 (3)    0.800 (2)         +0.047        0.900         0.800
    """
    if not report.parts:
        return ""
    name = Path(report.split).name if report.split else ""
    head = f"{'method':<12} {'tune F1 (n)':<12} {'check F1 (n)':<13} {'tune-check':>10}"
    lines = [f"by part (split {name}):", head + f" {'tune median':>12} {'check median':>13}"]
    for r in report.rows:
        t, c = report.part_row("tune", r.name), report.part_row("check", r.name)
        lines.append(
            f"{r.name:<12} {f'{t.f1:.3f} ({t.n})':<12} {f'{c.f1:.3f} ({c.n})':<13} {t.f1 - c.f1:>+10.3f} "
            f"{t.median_f1:>12.3f} {c.median_f1:>13.3f}"
        )
    return "\n".join(lines) + "\n"


def render_worst(row: MethodRow, n: int, which: str = "") -> str:
    """The ``n`` documents with the lowest F1 under one method (``which`` names the part, e.g. "tune ").

    >>> docs = [DocRow("a", 1.0, 0.5, 0.667), DocRow("b", None, 0.0, 0.0)]
    >>> row = MethodRow("cleaner", 0, 0, 0, 0, None, 0, 2, 0, docs)
    >>> print(render_worst(row, 1), end="")
    worst documents (cleaner):
      b                     F1 0.000  precision -      recall 0.000
    """
    worst = sorted(row.docs, key=lambda d: (d.f1, d.id))[:n]
    lines = [f"worst {which}documents ({row.name}):"]
    lines += [
        f"  {d.id[:20]:<20}  F1 {d.f1:.3f}  precision {_fmt(d.precision):<6} recall {_fmt(d.recall)}" for d in worst
    ]
    return "\n".join(lines) + "\n"
