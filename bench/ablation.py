"""What each generic heuristic is worth: the dev sets' tune F1 with it ignored, against the full stage.

For every generic heuristic (or those named by ``--ids``) this runs ``cleaner eval --floors eval-floors.toml
--worst 0 --json F --ignore ID`` once, plus one run ignoring nothing, and prints one Markdown row per
heuristic: how many lines it removes on the tune pages (both dump styles, all three sets) and what ignoring
it changes in each set/style pair's **tune** F1 (positive: the set scores better without it; the check
parts are kept in the JSON files, not shown, so that no choice is made on them). The rows are sorted by
the sum of the six deltas, highest (the rule that costs the most) first.

    python bench/ablation.py                       # about 26 eval runs (6 s each on a quiet machine)
    python bench/ablation.py --ids generic.caption generic.teaser --out /tmp/abl

A development tool: it reads ../shared/eval, users never run it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from cleaner.evalgate import load_floors
from cleaner.evalsplit import load_split
from cleaner.heuristics import HEURISTICS
from cleaner.pipeline import Cleaner
from cleaner.textio import read_dump

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "eval-floors.toml"


def eval_run(out: Path, ignore: str | None) -> dict[str, float]:
    """Tune F1 of each set/style of the floors file, from one ``cleaner eval`` run (its JSON kept in ``out``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "cleaner", "eval", "--floors", str(FLOORS), "--worst", "0", "--json", str(out)]
    if ignore is not None:
        cmd += ["--ignore", ignore]
    # Exit 1 (a floor missed) is what ignoring a useful rule does; only a usage error (2) stops the table.
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    data = json.loads(out.read_text(encoding="utf-8"))
    return {name: float(v["parts"]["tune"]["cleaner"]["f1"]) for name, v in data.items()}


def tune_removals() -> Counter[str]:
    """Lines each rule removes on the tune pages of every set of the floors file (both styles)."""
    counts: Counter[str] = Counter()
    cl = Cleaner(metadata=False)
    for fs in load_floors(FLOORS):
        parts = load_split(fs.split) if fs.split is not None else {}
        for path in sorted(fs.input.glob("*.txt")):
            if parts.get(path.stem) != "tune":
                continue
            result = cl.clean(read_dump(path).text, path=str(path))
            for r in result.removed:
                counts[r.rule] += r.end - r.start
    return counts


def table(base: dict[str, float], runs: dict[str, dict[str, float]], removals: Counter[str]) -> str:
    """The Markdown table: one row per ignored id, deltas in thousandths of F1."""
    names = list(base)
    head = "| ignored | tune lines removed | " + " | ".join(names) + " | sum |"
    rule = "|---|---:|" + "---:|" * (len(names) + 1)
    rows = []
    for rid, scores in runs.items():
        deltas = [scores[n] - base[n] for n in names]
        rows.append((sum(deltas), rid, deltas))
    rows.sort(key=lambda r: -r[0])
    body = [
        f"| `{rid}` | {removals[rid]} | " + " | ".join(f"{d * 1000:+.1f}" for d in deltas) + f" | {total * 1000:+.1f} |"
        for total, rid, deltas in rows
    ]
    base_row = "| (none: tune F1) | | " + " | ".join(f"{base[n]:.4f}" for n in names) + " | |"
    return "\n".join([head, rule, base_row, *body]) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ids", nargs="*", help="heuristic ids to ablate (default: every generic heuristic)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ablation"), help="folder for the eval JSON files")
    args = ap.parse_args()
    ids = args.ids or [h.id for h in HEURISTICS]
    base = eval_run(args.out / "none.json", None)
    runs = {}
    for rid in ids:
        runs[rid] = eval_run(args.out / f"{rid}.json", rid)
        print(f"{rid}: " + " ".join(f"{runs[rid][n] - base[n]:+.4f}" for n in base), file=sys.stderr, flush=True)
    sys.stdout.write(table(base, runs, tune_removals()))


if __name__ == "__main__":
    main()
