"""What the story region's rules remove of the gold text on the tune pages of the dev sets, by line kind.

`generic.header-region` and `generic.footer-region` remove everything above the headline and below the
story's last paragraph. When the region starts too late or ends too early, story lines go with them. This
script cleans every **tune** page of the gold-scored dev sets (scrapinghub-dev, dragnet-dev; check pages
are never opened), labels each removed line from the gold (story when most of its 4-word shingles are in
the gold; a line of 1-3 words when it is a gold line) and prints, per set and dump style, the gold's share
(in shingles, averaged over pages, as the metric averages) that each rule removed, split by the kind of
line:

- `paragraph`: 15 words or more, ending like a sentence (a story paragraph the region left out);
- `short`: under 8 words (headline, byline, dateline, list items, sub-headings);
- `mid`: the rest (long list items, captions, flattened table rows).

and the pages where the rule removed most gold paragraphs. ``--show SET/STYLE/ID`` prints one tune page
line by line: the rule that removed each line (or KEPT) and whether it is gold (G), gold the output already
holds (D: a copy of kept story text, such as a page that prints its story twice) or not (.).

A removed line counts only for the gold the output lacks: its shingles that the gold holds more often than
the kept lines do (the metric counts shingles as a multiset). Many pages print the story again below it
(a comment form's preview, a second copy for print, a feed of the blog's latest post): removing that copy
loses nothing, and counting it would name those pages as the region's worst.

    python bench/region_lost.py                                   # both rules, both sets, both styles
    python bench/region_lost.py --sets dragnet-dev --top 20
    python bench/region_lost.py --show dragnet-dev/chromium/nbcnews.com--485

A development tool beside make_split.py and train_scorer.py (which gives the same shares for every rule,
`--lost`, without the kinds): it reads ../shared/eval, users never run it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from cleaner import _core
from cleaner.evalsplit import load_split
from cleaner.textio import read_dump

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = ("scrapinghub-dev", "dragnet-dev")
STYLES = ("chromium", "w3m")
REGION_RULES = ("generic.header-region", "generic.footer-region")
KINDS = ("paragraph", "mid", "short")
PARAGRAPH_WORDS = 15
SHORT_WORDS = 8
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", '"', "\u201d", ")", "\u2019")


@dataclass(frozen=True)
class Line:
    """One non-blank input line: the rule that removed it (None: kept), gold or not, weight in shingles, and
    of that weight the gold shingles the output lacks that this line holds (0 for a kept line)."""

    index: int
    text: str
    rule: str | None
    gold: bool
    weight: float
    lost: float = 0.0


def kind_of(text: str) -> str:
    """`paragraph`, `mid` or `short` (see the module's docstring).

    >>> kind_of("The council met on Monday to decide what to do about the walls the storms left cracked.")
    'paragraph'
    >>> kind_of("Read more")
    'short'
    """
    words = len(text.split())
    if words >= PARAGRAPH_WORDS and text.rstrip().endswith(_SENTENCE_END):
        return "paragraph"
    return "short" if words < SHORT_WORDS else "mid"


def _shingles(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]


def _line_shingles(text: str) -> list[tuple[str, ...]]:
    """A line's shingles as the metric counts them: 4-token windows, or the whole line of 1-3 tokens."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return []
    return _shingles(tokens) if len(tokens) >= 4 else [tuple(tokens)]


def annotate(engine: _core.Engine, text: str, gold: str) -> list[Line]:
    """Every non-blank line of `text` with the rule that removed it whole, its gold label and what it loses."""
    ref = set(_shingles(_TOKEN.findall(gold)))
    gold_lines = {" ".join(_TOKEN.findall(g)) for g in gold.split("\n")}
    lines = text.split("\n")
    rule: list[str | None] = [None] * len(lines)
    for rule_id, start, end, _reason, span, _text in engine.clean(text, metadata=False)[2]:
        if span is not None:
            continue
        for i in range(start, min(end, len(lines))):
            rule[i] = rule[i] or rule_id
    out = []
    for i, line in enumerate(lines):
        tokens = _TOKEN.findall(line)
        if not tokens:
            continue
        if len(tokens) < 4:
            out.append(Line(i, line, rule[i], " ".join(tokens) in gold_lines, 1.0))
            continue
        sh = _shingles(tokens)
        share = sum(s in ref for s in sh) / len(sh)
        out.append(Line(i, line, rule[i], share >= 0.5, float(len(sh))))
    return _with_lost(out, gold)


def _with_lost(lines: list[Line], gold: str) -> list[Line]:
    """`lines` with each removed gold line's `lost`: its shingles that the gold holds more often than the kept
    lines do, each given back once (to the first removed line that holds it)."""
    lacking: Counter[tuple[str, ...]] = Counter()
    for g in gold.split("\n"):
        lacking.update(_line_shingles(g))
    for line in lines:
        if line.rule is None:
            lacking.subtract(_line_shingles(line.text))
    out = []
    for line in lines:
        lost = 0
        if line.rule is not None and line.gold:
            for sh in _line_shingles(line.text):
                if lacking[sh] > 0:
                    lacking[sh] -= 1
                    lost += 1
        out.append(replace(line, lost=float(lost)))
    return out


def lost_by_kind(annotated: list[Line], rules: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """Per rule and line kind: the share of the page's gold (in shingles) that the rule removed and the output lacks."""
    total = sum(line.weight for line in annotated if line.gold)
    out: dict[str, dict[str, float]] = {r: dict.fromkeys(KINDS, 0.0) for r in rules}
    if not total:
        return out
    for line in annotated:
        if line.gold and line.rule in out:
            out[line.rule][kind_of(line.text)] += line.lost / total
    return out


def tune_ids(name: str) -> list[str]:
    """The tune pages of a dev set, sorted (its check pages are only scored, never read)."""
    part = load_split(ROOT / "eval" / "splits" / f"{name}.tsv")
    return sorted(i for i, p in part.items() if p == "tune")


def read_tune_page(eval_dir: Path, which: str) -> tuple[str, str] | None:
    """The dump and gold text of ``SET/STYLE/ID``, a tune page; None (the error on stderr) for anything else."""
    try:
        name, style, pid = which.split("/", 2)
    except ValueError:
        print(f"--show wants SET/STYLE/ID, e.g. dragnet-dev/chromium/nbcnews.com--485; got {which!r}", file=sys.stderr)
        return None
    if name not in GOLD_SETS or style not in STYLES:
        print(f"--show: the set is one of {', '.join(GOLD_SETS)}, the style chromium or w3m", file=sys.stderr)
        return None
    if pid not in set(tune_ids(name)):
        print(f"--show: {pid} is not a tune page of {name} (check pages are only scored, never read)", file=sys.stderr)
        return None
    text = read_dump(eval_dir / name / style / "input" / f"{pid}.txt").text
    return text, read_dump(eval_dir / name / "gold" / f"{pid}.txt").text


def report(engine: _core.Engine, eval_dir: Path, sets: list[str], rules: tuple[str, ...], top: int) -> None:
    for name in sets:
        ids = tune_ids(name)
        for style in STYLES:
            sums: dict[str, dict[str, float]] = {r: dict.fromkeys(KINDS, 0.0) for r in rules}
            pages: dict[str, list[tuple[float, str]]] = defaultdict(list)
            for pid in ids:
                text = read_dump(eval_dir / name / style / "input" / f"{pid}.txt").text
                gold = read_dump(eval_dir / name / "gold" / f"{pid}.txt").text
                lost = lost_by_kind(annotate(engine, text, gold), rules)
                for r in rules:
                    for k in KINDS:
                        sums[r][k] += lost[r][k]
                    if lost[r]["paragraph"] > 0:
                        pages[r].append((lost[r]["paragraph"], pid))
            print(f"== {name}/{style}: {len(ids)} tune pages; share of the gold removed, by line kind")
            for r in rules:
                shares = "  ".join(f"{k} {sums[r][k] / len(ids):.4f}" for k in KINDS)
                print(f"  {r:24s} {shares}")
                worst = sorted(pages[r], reverse=True)[:top]
                if worst:
                    print("    most paragraphs lost: " + ", ".join(f"{pid} {v:.2f}" for v, pid in worst))


def show(engine: _core.Engine, eval_dir: Path, which: str) -> int:
    page = read_tune_page(eval_dir, which)
    if page is None:
        return 2
    text, gold = page
    for line in annotate(engine, text, gold):
        rule = (line.rule or "KEPT").removeprefix("generic.")
        mark = "." if not line.gold else "D" if line.rule is not None and not line.lost else "G"
        print(f"{line.index:5d} {mark} {rule:18s} {line.text.strip()[:140]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval", help="folder of the dev sets")
    ap.add_argument("--sets", default=",".join(GOLD_SETS), help="gold-scored dev sets, comma-separated")
    ap.add_argument("--rules", default=",".join(REGION_RULES), help="rule ids to count, comma-separated")
    ap.add_argument("--top", type=int, default=12, help="pages listed per rule (most gold paragraphs lost first)")
    ap.add_argument("--show", metavar="SET/STYLE/ID", help="print one tune page line by line and stop")
    args = ap.parse_args(argv)
    engine = _core.Engine(ROOT / "rules" / "generic")
    if args.show:
        return show(engine, args.eval_dir, args.show)
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in GOLD_SETS]
    if unknown:
        print(f"--sets: {', '.join(unknown)} is not a gold-scored dev set ({', '.join(GOLD_SETS)})", file=sys.stderr)
        return 2
    report(engine, args.eval_dir, sets, tuple(r for r in args.rules.split(",") if r), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
