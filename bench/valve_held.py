"""What the safety valve holds back on the dev sets, and what a graded valve would make of those dumps.

The valve (`max_loss`, 0.9) returns a dump unchanged when cleaning would lose more of its prose. This script
counts, per dev set, dump style and part of the split, the dumps it holds, and scores every part (corpus
figures, as `cleaner eval` gives them) four ways:

- `held`: today's cleaner (held dumps come back whole);
- `unheld`: `max_loss=1.0` (held dumps come back cleaned however much they lose);
- `region`: on a held dump, the cleaning's removals less every region rule's (`generic.header-region`,
  `generic.footer-region`, `generic.comments-block`, `generic.comment-thread`), when that loses no more than
  the valve's bound (else the dump stays held);
- `greedy`: on a held dump, the region rules' removals undone one at a time, the one that costs most prose
  first, until the loss is under the valve's bound (else the dump stays held);
- `short`: on a held dump, only the removals of lines that are all short (no line of six words: menus, share
  rows, labels), whatever the rule; they cost the valve's measure nothing.

The two graded ways are measured here on the removals the engine reports (line removals only, without the
engine's tidying of blank lines, which the metrics ignore), not built into the engine: none of them was kept
(docs/quality.md, qual12). ``--list`` prints the held **tune** dumps one by one (check dumps are only scored).

    python bench/valve_held.py
    python bench/valve_held.py --list

A development tool beside region_lost.py: it reads ../shared/eval, users never run it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cleaner import Cleaner
from cleaner.evalrun import (
    Method,
    MethodRow,
    Sample,
    evaluate_gold,
    evaluate_snippets,
    load_gold,
    load_samples,
    load_snippets,
)
from cleaner.evalsplit import load_split
from cleaner.model import Removal

ROOT = Path(__file__).resolve().parent.parent
SETS = {"scrapinghub-dev": "gold", "trafilatura-dev": "snippets", "dragnet-dev": "gold"}
REGION_RULES = {"generic.header-region", "generic.footer-region", "generic.comments-block", "generic.comment-thread"}
MAX_LOSS = 0.9


def _prose(lines: list[str]) -> int:
    """The valve's measure (`pipeline::prose_chars`): characters on lines of six words or more, else all."""
    prose = sum(len(line.strip()) for line in lines if len(line.split()) >= 6)
    return prose or sum(len(line.strip()) for line in lines)


def _without(lines: list[str], removed: list[Removal]) -> list[str]:
    dead = [False] * len(lines)
    for r in removed:
        for i in range(r.start, min(r.end, len(lines))):
            dead[i] = True
    return [line for line, d in zip(lines, dead, strict=True) if not d]


def _loss(lines: list[str], before: int, removed: list[Removal]) -> float:
    out = _without(lines, removed)
    return 1.0 - _prose(out) / before if out and before else 1.0


def graded(text: str, removed: list[Removal], way: str) -> str | None:
    """The held dump with the costly region removals undone, or None when it would still lose too much."""
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    before = _prose(lines)
    keep = [r for r in removed if r.span is None]
    if way == "greedy":

        def cost(r: Removal) -> int:
            return sum(len(line.strip()) for line in lines[r.start : r.end] if len(line.split()) >= 6)

        for r in sorted((r for r in keep if r.rule in REGION_RULES), key=cost, reverse=True):
            if _loss(lines, before, keep) <= MAX_LOSS:
                break
            keep.remove(r)
    elif way == "short":
        keep = [r for r in keep if all(len(line.split()) < 6 for line in lines[r.start : r.end])]
    else:
        keep = [r for r in keep if r.rule not in REGION_RULES]
    if _loss(lines, before, keep) > MAX_LOSS:
        return None
    return "\n".join(_without(lines, keep)) + "\n"


def methods() -> list[Method]:
    held, unheld, forced = Cleaner(), Cleaner(max_loss=1.0), Cleaner(force=True)

    def graded_by(way: str) -> Callable[[Sample], str]:
        def run(s: Sample) -> str:
            r = held.clean(s.text)
            if r.held is None:
                return r.text
            out = graded(s.text, forced.clean(s.text).removed, way)
            return r.text if out is None else out

        return run

    return [
        Method("held", lambda s: held.clean(s.text).text, headline=True),
        Method("unheld", lambda s: unheld.clean(s.text).text, headline=True),
        *(Method(way, graded_by(way), headline=True) for way in ("region", "greedy", "short")),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--list", action="store_true", help="print the held tune dumps one by one")
    args = ap.parse_args()
    valve = Cleaner()
    for name, kind in SETS.items():
        split = load_split(ROOT / "eval" / "splits" / f"{name}.tsv")
        for style in ("chromium", "w3m"):
            samples = load_samples(args.shared / "eval" / name / style / "input")
            ids = [s.id for s in samples]
            if kind == "gold":
                rows = evaluate_gold(samples, load_gold(args.shared / "eval" / name / "gold", ids), methods())
            else:
                index = load_snippets(args.shared / "eval" / name / "index.json", ids)
                rows = evaluate_snippets(samples, index, methods())
            held_ids = {s.id for s in samples if valve.clean(s.text).held is not None}
            for part in ("tune", "check"):
                members = {i for i in ids if split[i] == part}
                subs: list[MethodRow] = [r.subset(members) for r in rows]
                figures = "  ".join(f"{r.name} {r.f1:.4f}" for r in subs)
                print(f"{name}/{style:8s} {part:5s} held {len(held_ids & members):2d}/{len(members):3d}  {figures}")
                if args.list and part == "tune":
                    for i in sorted(held_ids & members):
                        per = "  ".join(f"{r.name} {next(d.f1 for d in r.docs if d.id == i):.3f}" for r in rows)
                        print(f"    {i:44s} {per}")


if __name__ == "__main__":
    main()
