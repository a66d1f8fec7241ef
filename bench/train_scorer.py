"""Train the learned heuristic `generic.learned-block` on the tune part of the dev sets, cross-validated by site.

The engine's heuristic (engine/src/learned.rs) reads, for each line the hand-written heuristics kept, block
and context features (its block's size and share of prose, the blocks around it, the nearest removed
lines, its place against the story region, link-like lines around it, repeats). This script asks the
engine what the heuristic would read on every **tune** page of the dev sets (`Engine.learned_rows`, the
model switched off), labels each line from the page's gold, fits a small boosted tree ensemble (numpy),
measures it by cross-validation over sites (each fold's pages cleaned end to end by an engine built with
that fold's model, against the engine without one), and with ``--write`` writes the model trained on
every tune page to ``rules/generic/learned-block.toml``.

Labels: scrapinghub-dev and dragnet-dev, a line is story text when most of its 4-word shingles are in
the gold text (a line of 1-3 words: when it is a gold line); trafilatura-dev, a line that holds part of a
``with`` snippet is story text, one that holds part of a ``without`` snippet is not, others are left out.
Each page weighs the same (its lines by their shingles), as the metric averages over pages; trafilatura
lines weigh by their snippets. Check pages are never read.

    python bench/train_scorer.py                # cross-validate, print scores; write nothing
    python bench/train_scorer.py --write        # and write rules/generic/learned-block.toml
    python bench/train_scorer.py --lost         # the gold text each hand rule removes on tune pages

The end-to-end scores need the heuristic in the generic stage (`crate::learned::LEARNED_BLOCK` at the end
of `HEURISTICS` in engine/src/heuristics.rs, then a rebuild); without it only the AUC is printed.

It lives in bench/ beside the other scripts that read ../shared/eval (make_split.py, learn_eval.py): a
development tool, not part of what users run. It needs numpy (the `train` extra); the engine never does.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from cleaner import _core
from cleaner.evalsplit import load_split
from cleaner.evaluate import (
    DocScore,
    SnippetDoc,
    body_of,
    score_corpus,
    score_document,
    score_snippets,
    snippet_corpus,
)
from cleaner.textio import read_dump

ROOT = Path(__file__).resolve().parent.parent
GENERIC = ROOT / "rules" / "generic"
MODEL_FILE = "learned-block.toml"
HEURISTIC = "generic.learned-block"
SETS = ("scrapinghub-dev", "trafilatura-dev", "dragnet-dev")
STYLES = ("chromium", "w3m")
_TOKEN = re.compile(r"\w+")

Array = npt.NDArray[np.float64]


# --- pages and labels ----------------------------------------------------------------------------------


@dataclass
class Page:
    """One tune page in one dump style, with its reference (gold text, or snippets)."""

    set: str
    style: str
    id: str
    site: str
    text: str
    gold: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        return f"{self.set}/{self.style}"


def tune_pages(eval_dir: Path, sets: Sequence[str]) -> list[Page]:
    """Every tune page of the sets, in both dump styles (check pages are not opened)."""
    pages = []
    for name in sets:
        split = ROOT / "eval" / "splits" / f"{name}.tsv"
        part = load_split(split)
        sites = _sites(split)
        index = json.loads((eval_dir / name / "index.json").read_text()) if name == "trafilatura-dev" else {}
        for style in STYLES:
            for pid in sorted(i for i, p in part.items() if p == "tune"):
                text = read_dump(eval_dir / name / style / "input" / f"{pid}.txt").text
                page = Page(name, style, pid, sites[pid], text)
                if index:
                    page.with_, page.without = index[pid]["with"], index[pid]["without"]
                else:
                    page.gold = read_dump(eval_dir / name / "gold" / f"{pid}.txt").text
                pages.append(page)
    return pages


def _sites(split: Path) -> dict[str, str]:
    out = {}
    for line in split.read_text().splitlines():
        if line and not line.startswith("#"):
            _, site, pid = line.split("\t")
            out[pid] = site
    return out


def _shingles(toks: list[str]) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]


def gold_labels(lines: list[str], rows: Iterable[int], gold: str) -> dict[int, tuple[float, float]]:
    """Per line index: (1 story / 0 not, weight in shingles)."""
    ref = set(_shingles(_TOKEN.findall(gold)))
    gold_lines = {" ".join(_TOKEN.findall(g)) for g in gold.split("\n")}
    out = {}
    for i in rows:
        toks = _TOKEN.findall(lines[i])
        if not toks:
            continue
        if len(toks) < 4:
            out[i] = (float(" ".join(toks) in gold_lines), 1.0)
            continue
        sh = _shingles(toks)
        share = sum(s in ref for s in sh) / len(sh)
        out[i] = (float(share >= 0.5), float(len(sh)))
    return out


def snippet_labels(
    lines: list[str], rows: Iterable[int], with_: list[str], without: list[str]
) -> dict[int, tuple[float, float]]:
    """Per line index that holds part of a snippet: (1 with / 0 without, number of snippets)."""
    # The text as the metric reads it (whitespace runs made one space), and where each line starts in it.
    starts, parts, at = [], [], 0
    for line in lines:
        norm = " ".join(line.split())
        starts.append(at)
        parts.append(norm)
        at += len(norm) + (1 if norm else 0)
    text = " ".join(p for p in parts if p)
    ends = [s + len(p) for s, p in zip(starts, parts, strict=True)]
    wanted = set(rows)
    score: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])

    def mark(snippet: str, good: bool) -> None:
        s = " ".join(snippet.split())
        if not s:
            return
        pos = text.find(s)
        while pos >= 0:
            hit = [i for i in wanted if starts[i] < pos + len(s) and ends[i] > pos and parts[i]]
            for i in hit:
                score[i][0 if good else 1] += 1.0 / len(hit)
            if good:
                break  # one copy kept is enough for a `with` snippet
            pos = text.find(s, pos + 1)

    for s in with_:
        mark(s, True)
    for s in without:
        mark(s, False)
    return {i: (float(g > 0), g + b) for i, (g, b) in score.items()}


@dataclass
class Data:
    """Feature rows of every tune page: features, label, weight, and which page and site each came from."""

    x: Array
    y: Array
    w: Array
    page: npt.NDArray[np.int64]
    site: list[str]


def build_data(engine: _core.Engine, pages: list[Page]) -> Data:
    """Rows of the first pass (what the heuristic reads on a dump), labelled, weighted per page."""
    xs: list[list[float]] = []
    ys: list[float] = []
    ws: list[float] = []
    pg: list[int] = []
    group_weight: dict[str, float] = defaultdict(float)
    for k, page in enumerate(pages):
        lines, rows = engine.learned_rows(page.text)
        feats = dict(rows)
        if page.gold is not None:
            labels = gold_labels(lines, feats, page.gold)
        else:
            labels = snippet_labels(lines, feats, page.with_, page.without)
        total = sum(w for _, w in labels.values())
        if not labels or total <= 0:
            continue
        # Gold sets: each page weighs 1 (the metric averages pages); snippets pool, so they keep their count.
        norm = total if page.gold is not None else 1.0
        for i, (label, weight) in sorted(labels.items()):
            xs.append(feats[i])
            ys.append(label)
            ws.append(weight / norm)
            pg.append(k)
        group_weight[page.group] += total / norm
    w = np.array(ws)
    # Every set and style weighs the same, whatever its number of pages and the metric's units: the
    # model must gain on each.
    groups = [pages[k].group for k in pg]
    scale = {g: 100.0 / weight for g, weight in group_weight.items()}
    w *= np.array([scale[g] for g in groups])
    return Data(np.array(xs), np.array(ys), w, np.array(pg), [pages[k].site for k in pg])


# --- boosted trees ---------------------------------------------------------------------------------------


@dataclass
class Tree:
    """Flat tree as the engine reads it: ``feature[k] < 0`` is a leaf; ``x <= cut`` goes left."""

    feature: list[int] = field(default_factory=list)
    cut: list[float] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    right: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def predict(self, x: Array) -> Array:
        node = np.zeros(len(x), dtype=np.int64)
        feature, cut = np.array(self.feature), np.array(self.cut)
        left, right, value = np.array(self.left), np.array(self.right), np.array(self.value)
        for _ in range(64):
            f = feature[node]
            inner = f >= 0
            if not inner.any():
                break
            xf = x[np.arange(len(x)), np.where(inner, f, 0)]
            go = np.where(xf <= cut[node], left[node], right[node])
            node = np.where(inner, go, node)
        return value[node]


@dataclass
class Booster:
    base: float
    trees: list[Tree]
    gain: Array

    def margin(self, x: Array) -> Array:
        return self.base + sum((t.predict(x) for t in self.trees), np.zeros(len(x)))

    def proba(self, x: Array) -> Array:
        return 1.0 / (1.0 + np.exp(-self.margin(x)))


def fit(
    x: Array, y: Array, w: Array, trees: int, depth: int, rate: float, min_child: float, lam: float = 1.0
) -> Booster:
    """Gradient boosting with the logistic loss: depth-limited trees on quantile bins."""
    n, nf = x.shape
    cuts = [np.unique(np.quantile(x[:, f], np.linspace(0.02, 0.98, 40))) for f in range(nf)]
    nb = max(len(c) for c in cuts) + 1
    bins = np.stack([np.searchsorted(cuts[f], x[:, f], side="left") for f in range(nf)], axis=1)
    flat = bins + np.arange(nf) * nb
    p0 = float(np.clip(np.average(y, weights=w), 1e-3, 1 - 1e-3))
    base = float(np.log(p0 / (1 - p0)))
    margin = np.full(n, base)
    out: list[Tree] = []
    gains = np.zeros(nf)
    for _ in range(trees):
        p = 1.0 / (1.0 + np.exp(-margin))
        g, h = w * (p - y), w * p * (1 - p)
        tree = Tree()

        def grow(idx: npt.NDArray[np.int64], level: int, tree: Tree = tree, g: Array = g, h: Array = h) -> int:
            k = len(tree.feature)
            gs, hs = g[idx].sum(), h[idx].sum()
            tree.feature.append(-1)
            tree.cut.append(0.0)
            tree.left.append(0)
            tree.right.append(0)
            tree.value.append(float(-gs / (hs + lam) * rate))
            if level == depth or hs < 2 * min_child:
                return k
            fl = flat[idx]
            gh = np.bincount(fl.ravel(), weights=np.repeat(g[idx], nf), minlength=nf * nb).reshape(nf, nb)
            hh = np.bincount(fl.ravel(), weights=np.repeat(h[idx], nf), minlength=nf * nb).reshape(nf, nb)
            gl, hl = np.cumsum(gh, axis=1)[:, :-1], np.cumsum(hh, axis=1)[:, :-1]
            gr, hr = gs - gl, hs - hl
            gain = gl**2 / (hl + lam) + gr**2 / (hr + lam) - gs**2 / (hs + lam)
            gain[(hl < min_child) | (hr < min_child)] = -1.0
            for j in range(nf):
                gain[j, len(cuts[j]) :] = -1.0
            best = np.unravel_index(int(np.argmax(gain)), gain.shape)
            f, b = int(best[0]), int(best[1])
            if gain[f, b] <= 1e-9:
                return k
            gains[f] += gain[f, b]
            goes_left = bins[idx, f] <= b
            tree.feature[k] = int(f)
            tree.cut[k] = float(cuts[f][b])
            tree.left[k] = grow(idx[goes_left], level + 1)
            tree.right[k] = grow(idx[~goes_left], level + 1)
            return k

        grow(np.arange(n), 0)
        out.append(tree)
        margin += tree.predict(x)
    return Booster(base, out, gains)


def auc(y: Array, s: Array, w: Array) -> float:
    """Weighted area under the ROC curve."""
    order = np.argsort(s)
    y, w = y[order], w[order]
    pos, neg = w * y, w * (1 - y)
    # Each positive is ranked above the negatives that come before it.
    return float((pos * (np.cumsum(neg) - neg / 2)).sum() / max(pos.sum() * neg.sum(), 1e-12))


# --- the model file and end-to-end scores ---------------------------------------------------------------


def render(model: Booster, threshold: float, names: list[str], header: str) -> str:
    """The data file the engine reads (rules/generic/learned-block.toml)."""
    lines = [f"# {h}" if h else "#" for h in header.splitlines()]
    lines += [
        "",
        f"features = [{', '.join(json.dumps(n) for n in names)}]",
        "# Log-odds that a line is story text = base + the sum of the trees; removed below this probability.",
        f"base = {model.base!r}",
        f"threshold = {threshold!r}",
    ]
    for t in model.trees:
        lines += [
            "",
            "[[tree]]",
            f"feature = {t.feature}",
            f"cut = [{', '.join(repr(round(c, 6)) for c in t.cut)}]",
            f"left = {t.left}",
            f"right = {t.right}",
            f"value = [{', '.join(repr(round(v, 6)) for v in t.value)}]",
        ]
    return "\n".join(lines) + "\n"


def engine_with(model_text: str | None, tmp: Path, name: str) -> _core.Engine:
    """An engine of the shipped generic rules, with this model file (or none)."""
    d = tmp / name
    shutil.copytree(GENERIC, d, ignore=shutil.ignore_patterns(MODEL_FILE))
    if model_text is not None:
        (d / MODEL_FILE).write_text(model_text)
    return _core.Engine(d)


Score = DocScore | SnippetDoc


def page_scores(engine: _core.Engine, pages: list[Page]) -> dict[str, list[Score]]:
    """Per set and style: each page's score, in page order, as `cleaner eval` counts it."""
    out: dict[str, list[Score]] = defaultdict(list)
    for page in pages:
        text = engine.clean(page.text, metadata=False, removals=False)[0]
        if page.gold is not None:
            out[page.group].append(score_document(body_of(text), page.gold))
        else:
            out[page.group].append(score_snippets(text, page.with_, page.without))
    return out


def corpus_f1(docs: list[Score]) -> float:
    """The set's F1 as `cleaner eval` computes it (snippets pooled, gold pages averaged)."""
    snippets = [d for d in docs if isinstance(d, SnippetDoc)]
    if snippets:
        return snippet_corpus(snippets).f1
    return score_corpus(d for d in docs if isinstance(d, DocScore)).f1


def folds_by_site(pages: list[Page], k: int) -> list[int]:
    """Fold of each page: sites dealt to folds largest first, so folds are about the same size."""
    size: Counter[str] = Counter(p.site for p in pages)
    load = [0] * k
    fold_of: dict[str, int] = {}
    for site, n in sorted(size.items(), key=lambda s: (-s[1], s[0])):
        f = load.index(min(load))
        fold_of[site] = f
        load[f] += n
    return [fold_of[p.site] for p in pages]


def lost_by_rule(engine: _core.Engine, pages: list[Page]) -> dict[str, dict[str, float]]:
    """Per gold set and style: the share of the gold's shingles on lines each rule removed (what a model
    reviving removed story lines would have to win back)."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for page in pages:
        if page.gold is None:
            continue
        ref = Counter(_shingles(_TOKEN.findall(page.gold)))
        total = sum(ref.values())
        if not total:
            continue
        for rule, _, _, _, span, text in engine.clean(page.text, metadata=False)[2]:
            if span is None:
                hit = sum((Counter(_shingles(_TOKEN.findall(text))) & ref).values())
                out[page.group][rule] += hit / total
    n = Counter(p.group for p in pages)
    return {g: {r: v / n[g] for r, v in sorted(c.items(), key=lambda rv: -rv[1])} for g, c in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval", help="folder of the dev sets")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds, by site (default 5)")
    ap.add_argument("--trees", type=int, default=60)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--min-child", type=float, default=3.0, help="least weight (about pages) in a leaf")
    ap.add_argument("--thresholds", default="0.1,0.2,0.3", help="probabilities below which a line goes, tried in CV")
    ap.add_argument("--threshold", type=float, help="the threshold of the written model (default: CV's best)")
    ap.add_argument("--ignore", default="", help="features the trees may not split on (comma-separated names)")
    ap.add_argument("--lost", action="store_true", help="print the gold text each rule removes (tune pages) and stop")
    ap.add_argument("--write", action="store_true", help=f"write rules/generic/{MODEL_FILE}")
    args = ap.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"error: {args.eval_dir}: no such folder; pass --eval-dir", file=sys.stderr)
        return 2
    t0 = time.time()
    names = list(_core.learned_features())
    pages = tune_pages(args.eval_dir, SETS)
    if args.lost:
        for g, by_rule in lost_by_rule(_core.Engine(GENERIC), pages).items():
            top = ", ".join(f"{r} {v:.3f}" for r, v in list(by_rule.items())[:6])
            print(f"{g}: gold shingles removed {sum(by_rule.values()):.3f} of the gold per page: {top}")
        return 0
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        plain = engine_with(None, tmp, "plain")
        data = build_data(plain, pages)
        for name in filter(None, args.ignore.split(",")):
            # A constant column is never split on.
            data.x[:, names.index(name)] = 0.0
        print(f"{len(pages)} tune pages (both styles), {len(data.y)} labelled lines, {time.time() - t0:.0f} s")
        fold_page = np.array(folds_by_site(pages, args.folds))
        fold_row = fold_page[data.page]
        thresholds = [float(t) for t in args.thresholds.split(",")]
        # Without the heuristic in the stage's list an engine never runs the model: only the AUC means anything.
        wired = any(h[0] == HEURISTIC for h in _core.heuristics())
        if not wired:
            print(f"note: {HEURISTIC} is not in the generic stage (engine/src/heuristics.rs): no end-to-end scores")
            thresholds = []
        before = page_scores(plain, pages) if wired else {}
        oof = np.zeros(len(data.y))
        per_t: dict[float, dict[str, list[Score]]] = {t: defaultdict(list) for t in thresholds}
        held: dict[str, list[int]] = defaultdict(list)
        for f in range(args.folds):
            train = fold_row != f
            m = fit(data.x[train], data.y[train], data.w[train], args.trees, args.depth, args.rate, args.min_child)
            oof[~train] = m.proba(data.x[~train])
            test_pages = [p for p, fp in zip(pages, fold_page, strict=True) if fp == f]
            for t in thresholds:
                e = engine_with(render(m, t, names, "cv"), tmp, f"f{f}t{t}")
                for g, docs in page_scores(e, test_pages).items():
                    per_t[t][g] += docs
            for k, p in enumerate(pages):
                if fold_page[k] == f:
                    held[p.group].append(k)
        print(f"out-of-fold AUC {auc(data.y, oof, data.w):.3f}  ({time.time() - t0:.0f} s)")
        table = cv_table(before, per_t, held) if wired else {}
        if table:
            print(f"{'set/style':28} {'before':>7} " + " ".join(f"{'t=' + str(t):>8}" for t in thresholds))
        for g, (b, after) in table.items():
            print(f"{g:28} {b:7.4f} " + " ".join(f"{after[t] - b:+8.4f}" for t in thresholds))
        threshold = args.threshold if args.threshold is not None else best_threshold(table) if table else 0.2
        model = fit(data.x, data.y, data.w, args.trees, args.depth, args.rate, args.min_child)
        order = np.argsort(-model.gain)
        print("feature gain:", ", ".join(f"{names[i]} {model.gain[i] / model.gain.sum():.2f}" for i in order[:12]))
        if args.write:
            header = (
                "The model of generic.learned-block (engine/src/learned.rs), written by bench/train_scorer.py:\n"
                "do not edit; retrain.\n"
                f"Boosted trees ({args.trees} trees of depth {args.depth}, rate {args.rate}, least leaf weight "
                f"{args.min_child}) on {len(data.y)} labelled lines\n"
                f"of the {len(pages)} tune pages (both dump styles) of {', '.join(SETS)} (eval/splits/);\n"
                f"check pages unread. Features the trees may not split on: {args.ignore or 'none'}.\n"
                f"A line is removed when its probability of being story text is below `threshold` "
                f"(chosen by {args.folds}-fold cross-validation by site)."
            )
            (GENERIC / MODEL_FILE).write_text(render(model, threshold, names, header))
            print(f"wrote {GENERIC / MODEL_FILE} (threshold {threshold})")
    return 0


def cv_table(
    before: dict[str, list[Score]], per_t: dict[float, dict[str, list[Score]]], held: dict[str, list[int]]
) -> dict[str, tuple[float, dict[float, float]]]:
    """Per set and style: F1 without the model, and with each fold's model on its held-out pages."""
    table = {}
    for g, ks in held.items():
        order = sorted(ks)
        # `before` lists a group's pages in page order; the folds list them fold by fold.
        b = [before[g][order.index(k)] for k in ks]
        table[g] = (corpus_f1(b), {t: corpus_f1(per_t[t][g]) for t in per_t})
    return table


def best_threshold(table: dict[str, tuple[float, dict[float, float]]]) -> float:
    """The threshold whose worst set and style gains most in cross-validation."""
    thresholds = next(iter(table.values()))[1]
    return max(thresholds, key=lambda t: min(after[t] - b for b, after in table.values()))


if __name__ == "__main__":
    sys.exit(main())
