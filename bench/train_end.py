"""Train the learned end model (`rules/generic/learned-end.toml`) on the tune part of the dev sets, by site.

`generic.footer-region` cuts everything below the story's last paragraph, and its revive walk leaves out of
the cut a stretch of two paragraphs and 60 words below a box (docs/quality.md, `revive`, `qual18`). The
stretches the walk looks at and leaves cut (one paragraph under a box, two short ones) are what the learned
end model decides on (engine/src/endmodel.rs): it reads each stretch's size, prose and stop-word shares,
the words it shares with the story above, its distance to the story's end, the box above it, the line that
ended the story and how much story lies above, and a stretch it reads as story is left out of the cut too.

This script asks the engine for those stretches on every **tune** page (`Engine.end_rows`: the first pass,
no model), labels each from the page's gold, fits boosted trees in numpy (`train_scorer.fit`),
cross-validates by site end to end (each fold's model written to a copy of `rules/generic/`, the fold's
held-out pages cleaned by that engine and scored as `cleaner eval` scores them, against the engine without
a model), and with ``--write`` writes the model trained on every tune page.

Labels: scrapinghub-dev and dragnet-dev, the share of the stretch's 4-word shingles that are gold the
plain engine's output lacks (reviving a copy of kept text gains nothing); the weight is the stretch's
shingles over the page's gold shingles (what reviving it moves). trafilatura-dev, the share of the
snippets on the stretch's lines that are `with` snippets, weighed by their number. Each set and style
weighs the same. Check pages are never read.

    python bench/train_end.py                      # cross-validate, print scores; write nothing
    python bench/train_end.py --write              # and write rules/generic/learned-end.toml

A development tool beside train_scorer.py: it reads ../shared/eval, users never run it. Needs numpy.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from train_scorer import (
    _TOKEN,
    GENERIC,
    SETS,
    Booster,
    Data,
    Page,
    Score,
    Tree,
    _shingles,
    auc,
    best_threshold,
    cv_table,
    fit,
    folds_by_site,
    page_scores,
    render,
    snippet_labels,
    tune_pages,
)

from cleaner import _core

MODEL_FILE = "learned-end.toml"


def stretch_label(
    page: Page, lines: list[str], a: int, b: int, lacking: Counter[tuple[str, ...]], gold_total: int
) -> tuple[float, float] | None:
    """(share of story, weight) of the stretch of lines `a..b`, or None when it tells nothing."""
    rows = range(a, b)
    if page.gold is not None:
        sh = [s for i in rows for s in _shingles(_TOKEN.findall(lines[i]))]
        if not sh or not gold_total:
            return None
        left = Counter(lacking)
        hit = 0
        for s in sh:
            if left[s] > 0:
                left[s] -= 1
                hit += 1
        return hit / len(sh), len(sh) / gold_total
    labels = snippet_labels(lines, rows, page.with_, page.without)
    total = sum(w for _, w in labels.values())
    if total <= 0:
        return None
    return sum(y * w for y, w in labels.values()) / total, total


def build_data(plain: _core.Engine, pages: list[Page]) -> tuple[Data, list[int], dict[str, float]]:
    """One row per stretch of every tune page; per page, its number of stretches; per gold set and style,
    the gold within reach (the shingles of story the stretches hold that the output lacks, as a share of
    the gold, averaged over pages: what an oracle reviving exactly the story stretches would win back)."""
    xs: list[list[float]] = []
    ys: list[float] = []
    ws: list[float] = []
    pg: list[int] = []
    counts = []
    group_weight: dict[str, float] = defaultdict(float)
    reach: dict[str, float] = defaultdict(float)
    for k, page in enumerate(pages):
        lines, rows = plain.end_rows(page.text)
        counts.append(len(rows))
        if not rows:
            continue
        lacking: Counter[tuple[str, ...]] = Counter()
        gold_total = 0
        if page.gold is not None:
            gold = Counter(_shingles(_TOKEN.findall(page.gold)))
            out = plain.clean(page.text, metadata=False, removals=False)[0]
            lacking = gold - Counter(_shingles(_TOKEN.findall(out)))
            gold_total = sum(gold.values())
        for a, b, x in rows:
            label = stretch_label(page, lines, a, b, lacking, gold_total)
            if label is None:
                continue
            if page.gold is not None and label[0] >= 0.5:
                reach[page.group] += label[0] * label[1] / sum(p.group == page.group for p in pages)
            xs.append(x)
            ys.append(label[0])
            ws.append(label[1])
            pg.append(k)
            group_weight[page.group] += label[1]
    w = np.array(ws)
    groups = [pages[k].group for k in pg]
    # Every set and style weighs the same: the model must gain on each.
    w *= np.array([100.0 / group_weight[g] for g in groups])
    data = Data(np.array(xs), np.array(ys), w, np.array(pg), [pages[k].site for k in pg])
    return data, counts, dict(reach)


def engine_with(model_text: str | None, tmp: Path, name: str) -> _core.Engine:
    d = tmp / name
    shutil.copytree(GENERIC, d, ignore=shutil.ignore_patterns(MODEL_FILE))
    if model_text is not None:
        (d / MODEL_FILE).write_text(model_text)
    return _core.Engine(d)


def fenced(model: Booster, names: list[str], side: str, paragraphs_only: bool) -> Booster:
    """The model with first trees that keep it off the stretches it does not decide (a log-odds of -20
    there): the other side's, and with `paragraphs_only` those with no paragraph."""
    fences = []
    if side != "both":
        # `above` is 1 on the stretches above the headline: they go right.
        off = [0.0, 0.0, -20.0] if side == "below" else [0.0, -20.0, 0.0]
        fences.append(Tree([names.index("above"), -1, -1], [0.5, 0.0, 0.0], [1, 0, 0], [2, 0, 0], off))
    if paragraphs_only:
        fences.append(
            Tree([names.index("paragraphs"), -1, -1], [0.5, 0.0, 0.0], [1, 0, 0], [2, 0, 0], [0.0, -20.0, 0.0])
        )
    return Booster(model.base, [*fences, *model.trees], model.gain)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds, by site (default 5)")
    ap.add_argument("--trees", type=int, default=40)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--min-child", type=float, default=3.0, help="least weight in a leaf")
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8", help="probabilities above which a stretch stays")
    ap.add_argument("--threshold", type=float, help="the threshold of the written model (default: CV's best)")
    ap.add_argument("--ignore", default="", help="features the trees may not split on (comma-separated names)")
    ap.add_argument(
        "--side", choices=("both", "below", "above"), default="both", help="the stretches the model decides"
    )
    ap.add_argument(
        "--paragraphs-only", action="store_true", help="decide only stretches with a paragraph (not lists, tables)"
    )
    ap.add_argument("--list", action="store_true", help="print every labelled stretch (tune pages) and stop")
    ap.add_argument("--write", action="store_true", help=f"write rules/generic/{MODEL_FILE}")
    ap.add_argument("--out", type=Path, help=f"with --write: write this file instead of rules/generic/{MODEL_FILE}")
    args = ap.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"error: {args.eval_dir}: no such folder; pass --eval-dir", file=sys.stderr)
        return 2
    t0 = time.time()
    names = list(_core.end_features())
    pages = tune_pages(args.eval_dir, SETS)
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        plain = engine_with(None, tmp, "plain")
        data, counts, reach = build_data(plain, pages)
        above = names.index("above")
        paragraphs = names.index("paragraphs")
        keep = np.ones(len(data.y), dtype=bool)
        if args.side != "both":
            keep &= data.x[:, above] == (1.0 if args.side == "above" else 0.0)
        if args.paragraphs_only:
            keep &= data.x[:, paragraphs] >= 1.0
        if not keep.all():
            data = Data(
                data.x[keep],
                data.y[keep],
                data.w[keep],
                data.page[keep],
                [s for s, k in zip(data.site, keep, strict=True) if k],
            )
        for name in filter(None, args.ignore.split(",")):
            data.x[:, names.index(name)] = 0.0
        print(
            f"{len(pages)} tune pages (both styles), {sum(c > 0 for c in counts)} with stretches, "
            f"{len(data.y)} labelled stretches, {time.time() - t0:.0f} s"
        )
        by_group: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for k, y, w in zip(data.page, data.y, data.w, strict=True):
            acc = by_group[pages[k].group]
            acc[0] += 1
            acc[1] += w * y
            acc[2] += w
        for g, (n, wy, wt) in sorted(by_group.items()):
            within = f", gold within reach {reach.get(g, 0.0):.4f}" if g in reach else ""
            print(f"  {g:28} {int(n):5d} stretches, weighted story share {wy / wt:.3f}{within}")
        if args.list:
            for k, y, w, x in zip(data.page, data.y, data.w, data.x, strict=True):
                print(f"{pages[k].group}/{pages[k].id}\t{y:.2f}\t{w:.3f}\t" + " ".join(f"{v:.2f}" for v in x))
            return 0
        fold_page = np.array(folds_by_site(pages, args.folds))
        fold_row = fold_page[data.page]
        thresholds = [float(t) for t in args.thresholds.split(",")]
        before = page_scores(plain, pages)
        oof = np.zeros(len(data.y))
        per_t: dict[float, dict[str, list[Score]]] = {t: defaultdict(list) for t in thresholds}
        held: dict[str, list[int]] = defaultdict(list)
        moved: dict[float, list[tuple[float, str]]] = defaultdict(list)
        for f in range(args.folds):
            train = fold_row != f
            m = fit(data.x[train], data.y[train], data.w[train], args.trees, args.depth, args.rate, args.min_child)
            oof[~train] = m.proba(data.x[~train])
            test = [k for k in range(len(pages)) if fold_page[k] == f]
            test_pages = [pages[k] for k in test]
            for t in thresholds:
                e = engine_with(
                    render(fenced(m, names, args.side, args.paragraphs_only), t, names, "cv"), tmp, f"f{f}t{t}"
                )
                scores = page_scores(e, test_pages)
                for g, docs in scores.items():
                    per_t[t][g] += docs
                seen: Counter[str] = Counter()
                order = {g: sorted(k for k in range(len(pages)) if pages[k].group == g) for g in scores}
                for k in test:
                    g = pages[k].group
                    now = scores[g][seen[g]]
                    seen[g] += 1
                    was = before[g][order[g].index(k)]
                    d = now.f1 - was.f1
                    if abs(d) > 1e-9:
                        moved[t].append((d, f"{g}/{pages[k].id}"))
            for k in test:
                held[pages[k].group].append(k)
        yb = (data.y >= 0.5).astype(float)
        print(f"out-of-fold AUC {auc(yb, oof, data.w):.3f}  ({time.time() - t0:.0f} s)")
        table = cv_table(before, per_t, held)
        print(f"{'set/style':28} {'before':>7} " + " ".join(f"{'t=' + str(t):>8}" for t in thresholds))
        for g, (b, after) in sorted(table.items()):
            print(f"{g:28} {b:7.4f} " + " ".join(f"{after[t] - b:+8.4f}" for t in thresholds))
        for t in thresholds:
            up = sum(d > 0 for d, _ in moved[t])
            worst = sorted(moved[t])[:4]
            print(f"t={t}: {len(moved[t])} pages move, {up} up; worst " + ", ".join(f"{n} {d:+.3f}" for d, n in worst))
        threshold = args.threshold if args.threshold is not None else best_threshold(table)
        model = fit(data.x, data.y, data.w, args.trees, args.depth, args.rate, args.min_child)
        order_g = np.argsort(-model.gain)
        print("feature gain:", ", ".join(f"{names[i]} {model.gain[i] / model.gain.sum():.2f}" for i in order_g[:10]))
        if args.write:
            header = (
                "The learned end model of generic.footer-region (engine/src/endmodel.rs), written by\n"
                "bench/train_end.py: do not edit; retrain.\n"
                f"Boosted trees ({args.trees} trees of depth {args.depth}, rate {args.rate}, least leaf weight "
                f"{args.min_child}) on {len(data.y)} labelled stretches\n"
                f"of the {len(pages)} tune pages (both dump styles) of {', '.join(SETS)} (eval/splits/);\n"
                f"check pages unread. Features the trees may not split on: {args.ignore or 'none'}.\n"
                f"Stretches decided: {args.side} (`--side`), "
                f"{'with a paragraph only' if args.paragraphs_only else 'all'}; the first trees keep it off others.\n"
                "A stretch stays (out of the footer's cut) when its probability of being story is at least "
                f"`threshold` ({args.folds}-fold cross-validation by site)."
            )
            out = args.out or GENERIC / MODEL_FILE
            out.write_text(render(fenced(model, names, args.side, args.paragraphs_only), threshold, names, header))
            print(f"wrote {out} (threshold {threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
