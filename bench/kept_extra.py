"""What cleaner keeps that the gold drops, on the tune pages of the dev sets, by where it stands and its shape.

The other side of `region_lost.py`: precision instead of recall. This script cleans every **tune** page of
the gold-scored dev sets (scrapinghub-dev, dragnet-dev; check pages are never opened) as `cleaner eval`
does (the output less its first line, the headline), and gives each kept line the shingles it holds that
the gold lacks (a multiset, as the metric counts: a second copy of a gold paragraph counts too). It prints,
per set and dump style, the share of the output that is not gold (in shingles, averaged over pages, as the
metric averages precision), split by

- where the line stands relative to the story: `above` the first kept line that is mostly gold, `inside`
  (between the first and last such lines) or `below` the last one (`nostory`: the page kept no gold line);
- its shape: `paragraph` (15 words or more), `mid`, `short` (under 8 words);

and the pages where most non-gold text is kept in each place. ``--show SET/STYLE/ID`` prints one tune
page's output line by line, each line marked G (mostly gold) or . (not), with its non-gold shingles.

    python bench/kept_extra.py
    python bench/kept_extra.py --sets dragnet-dev --top 20
    python bench/kept_extra.py --show dragnet-dev/chromium/nbcnews.com--485

A development tool: it reads ../shared/eval, users never run it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from region_lost import GOLD_SETS, KINDS, STYLES, _line_shingles, kind_of, read_tune_page, tune_ids

from cleaner.evaluate import body_of
from cleaner.pipeline import Cleaner
from cleaner.textio import read_dump

ROOT = Path(__file__).resolve().parent.parent
PLACES = ("above", "inside", "below", "nostory")


@dataclass(frozen=True)
class Kept:
    """One non-blank output line: its weight in shingles, those the gold lacks, and its place."""

    text: str
    weight: int
    extra: int
    place: str = ""


def annotate(output: str, gold: str) -> list[Kept]:
    """The body lines of `output` with their non-gold shingles and place (see the module's docstring)."""
    left: Counter[tuple[str, ...]] = Counter()
    for g in gold.split("\n"):
        left.update(_line_shingles(g))
    lines = []
    for text in body_of(output).split("\n"):
        sh = _line_shingles(text)
        if not sh:
            continue
        extra = 0
        for s in sh:
            if left[s] > 0:
                left[s] -= 1
            else:
                extra += 1
        lines.append(Kept(text, len(sh), extra))
    story = [i for i, k in enumerate(lines) if k.extra * 2 < k.weight]
    out = []
    for i, k in enumerate(lines):
        if not story:
            place = "nostory"
        elif i < story[0]:
            place = "above"
        elif i > story[-1]:
            place = "below"
        else:
            place = "inside"
        out.append(Kept(k.text, k.weight, k.extra, place))
    return out


def report(cleaner: Cleaner, eval_dir: Path, sets: list[str], top: int) -> None:
    for name in sets:
        ids = tune_ids(name)
        for style in STYLES:
            sums: dict[tuple[str, str], float] = defaultdict(float)
            pages: dict[str, list[tuple[float, str]]] = defaultdict(list)
            scored = 0
            for pid in ids:
                text = read_dump(eval_dir / name / style / "input" / f"{pid}.txt").text
                gold = read_dump(eval_dir / name / "gold" / f"{pid}.txt").text
                kept = annotate(cleaner.clean(text).text, gold)
                total = sum(k.weight for k in kept)
                if not total:
                    continue
                scored += 1
                per_place: dict[str, float] = defaultdict(float)
                for k in kept:
                    if k.extra:
                        sums[k.place, kind_of(k.text)] += k.extra / total
                        per_place[k.place] += k.extra / total
                for place, v in per_place.items():
                    pages[place].append((v, pid))
            print(f"== {name}/{style}: {scored} tune pages; share of the output not in the gold, by place and shape")
            print(f"  {'':8s} " + " ".join(f"{k:>9s}" for k in KINDS) + "      all")
            for place in PLACES:
                row = [sums[place, k] / max(scored, 1) for k in KINDS]
                print(f"  {place:8s} " + " ".join(f"{v:9.4f}" for v in row) + f" {sum(row):8.4f}")
            print(f"  {'all':8s} {sum(sums.values()) / max(scored, 1):38.4f}")
            for place in PLACES:
                worst = sorted(pages[place], reverse=True)[:top]
                if worst:
                    print(f"    most {place}: " + ", ".join(f"{pid} {v:.2f}" for v, pid in worst))


def show(cleaner: Cleaner, eval_dir: Path, which: str) -> int:
    page = read_tune_page(eval_dir, which)
    if page is None:
        return 2
    text, gold = page
    for k in annotate(cleaner.clean(text).text, gold):
        mark = "." if k.extra * 2 >= k.weight else "G"
        print(f"{mark} {k.place:7s} {k.extra:4d}/{k.weight:<4d} {k.text.strip()[:140]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval", help="folder of the dev sets")
    ap.add_argument("--sets", default=",".join(GOLD_SETS), help="gold-scored dev sets, comma-separated")
    ap.add_argument("--top", type=int, default=12, help="pages listed per place (most non-gold text first)")
    ap.add_argument("--show", metavar="SET/STYLE/ID", help="print one tune page's output line by line and stop")
    args = ap.parse_args(argv)
    cleaner = Cleaner()
    if args.show:
        return show(cleaner, args.eval_dir, args.show)
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in GOLD_SETS]
    if unknown:
        print(f"--sets: {', '.join(unknown)} is not a gold-scored dev set ({', '.join(GOLD_SETS)})", file=sys.stderr)
        return 2
    report(cleaner, args.eval_dir, sets, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
