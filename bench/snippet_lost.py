"""Where trafilatura-dev's snippet score is lost on its tune pages: `with` snippets missed, by the rule that
removed them, and `without` snippets kept.

trafilatura-dev has no gold text, only snippets (its README): a `with` snippet missing from the output is a
miss, a `without` snippet found in it a leak, pooled over every page. This script cleans every **tune** page
(check pages are never opened; eval/splits/trafilatura-dev.tsv), and for each missed `with` snippet names
the rule that removed the input line holding its start, or says it is not in the dump at all (the page's
text browser left it out: nothing a cleaning can win back). It prints, per dump style, the misses by rule,
the leaks, and the pages with most of each:

    python bench/snippet_lost.py                        # both styles, counts by rule and the worst pages
    python bench/snippet_lost.py --list                 # and every miss and leak, one a line

A development tool beside region_lost.py (which does the same for the gold-scored sets, by line kind):
it reads ../shared/eval, users never run it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cleaner import _core
from cleaner.evalsplit import load_split
from cleaner.textio import read_dump

ROOT = Path(__file__).resolve().parent.parent
SET = "trafilatura-dev"
STYLES = ("chromium", "w3m")
NOT_IN_DUMP = "not in the dump"
KEPT_ANYWAY = "kept (spans lines)"
# Characters of a snippet's start looked for in an input line (snippets may run over several lines).
START_CHARS = 30
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Every run of whitespace as one space, trimmed: how the snippet metric compares texts.

    >>> normalise("  A cat\\n\\t sat. ")
    'A cat sat.'
    """
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class PageLoss:
    """One page's missed `with` snippets (each with the rule that removed it) and kept `without` snippets."""

    missed: list[tuple[str, str]]
    leaked: list[str]


def page_loss(engine: _core.Engine, text: str, with_: list[str], without: list[str]) -> PageLoss:
    """Clean `text` and say which snippets it loses and leaks, and which rule removed each lost one."""
    cleaned, _title, removals, _meta, _held = engine.clean(text, metadata=False)
    out = normalise(cleaned)
    whole = normalise(text)
    lines = text.split("\n")
    rule: list[str | None] = [None] * len(lines)
    for rule_id, start, end, _reason, span, _text in removals:
        if span is not None:
            continue
        for i in range(start, min(end, len(lines))):
            rule[i] = rule[i] or rule_id
    missed = []
    for snippet in with_:
        s = normalise(snippet)
        if s in out:
            continue
        if s not in whole:
            missed.append((NOT_IN_DUMP, s))
            continue
        head = s[:START_CHARS]
        holders = [rule[i] for i, line in enumerate(lines) if head in normalise(line)]
        removed_by = sorted({r for r in holders if r is not None})
        missed.append((",".join(removed_by) or KEPT_ANYWAY, s))
    leaked = [normalise(s) for s in without if normalise(s) in out]
    return PageLoss(missed, leaked)


def _tune_ids() -> list[str]:
    part = load_split(ROOT / "eval" / "splits" / f"{SET}.tsv")
    return sorted(i for i, p in part.items() if p == "tune")


def report(engine: _core.Engine, eval_dir: Path, top: int, listing: bool) -> None:
    index = json.loads((eval_dir / SET / "index.json").read_text(encoding="utf-8"))
    ids = _tune_ids()
    for style in STYLES:
        by_rule: Counter[str] = Counter()
        missed_pages: Counter[str] = Counter()
        leaked_pages: Counter[str] = Counter()
        n_with = n_without = n_leaked = 0
        for pid in ids:
            entry = index[pid]
            text = read_dump(eval_dir / SET / style / "input" / f"{pid}.txt").text
            loss = page_loss(engine, text, entry["with"], entry["without"])
            n_with += len(entry["with"])
            n_without += len(entry["without"])
            n_leaked += len(loss.leaked)
            for who, snippet in loss.missed:
                by_rule[who] += 1
                missed_pages[pid] += 1
                if listing:
                    print(f"  missed {style} {pid} [{who}] {snippet[:100]}")
            for snippet in loss.leaked:
                leaked_pages[pid] += 1
                if listing:
                    print(f"  leaked {style} {pid} {snippet[:100]}")
        n_missed = sum(by_rule.values())
        print(
            f"== {SET}/{style}: {len(ids)} tune pages; `with` snippets missed {n_missed} of {n_with}, "
            f"`without` snippets kept {n_leaked} of {n_without}"
        )
        for who, n in by_rule.most_common():
            print(f"  {n:4d}  {who}")
        print("  most missed: " + ", ".join(f"{p} {n}" for p, n in missed_pages.most_common(top)))
        print("  most kept:   " + ", ".join(f"{p} {n}" for p, n in leaked_pages.most_common(top)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval", help="folder of the dev sets")
    ap.add_argument("--top", type=int, default=10, help="pages listed with most misses and most leaks")
    ap.add_argument("--list", action="store_true", help="print every missed and kept snippet too")
    args = ap.parse_args(argv)
    if not (args.eval_dir / SET / "index.json").is_file():
        print(f"--eval-dir: no {SET}/index.json under {args.eval_dir}", file=sys.stderr)
        return 2
    report(_core.Engine(ROOT / "rules" / "generic"), args.eval_dir, args.top, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
