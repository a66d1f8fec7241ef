"""Score the generic stage on the dev sets (developer tool, not part of the package).

Usage: python scripts/score_dev.py [--worst N] [--only scrapinghub|trafilatura] [--method cleaner|identity|c4]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from cleaner.evaluate import body_of, score_corpus, score_document
from cleaner.pipeline import Cleaner

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"


def scrapinghub(cleaner: Any, worst: int) -> None:
    root = EVAL / "scrapinghub-dev"
    for style in ("chromium", "w3m"):
        scores = []
        unstable = 0
        for gold in sorted((root / "gold").glob("*.txt")):
            text = (root / style / "input" / gold.name).read_text(encoding="utf-8")
            out = cleaner.clean(text).text
            unstable += cleaner.clean(out).text != out
            scores.append((gold.stem, score_document(body_of(out), gold.read_text(encoding="utf-8"))))
        c = score_corpus(s for _, s in scores)
        print(
            f"scrapinghub {style:8} F1 {c.f1:.3f} P {c.precision:.3f} R {c.recall:.3f} "
            f"median {c.median_f1:.3f} line-F1 {c.line_f1:.3f} empty {c.empty}/{c.n} unstable {unstable}"
        )
        for key, s in sorted(scores, key=lambda kv: kv[1].f1)[:worst]:
            print(f"   {s.f1:.3f} P {s.precision or 0:.3f} R {s.recall or 0:.3f} {key[:12]}")


def trafilatura(cleaner: Any, worst: int) -> None:
    root = EVAL / "trafilatura-dev"
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    ws = re.compile(r"\s+")

    def norm(t: str) -> str:
        return ws.sub(" ", t).strip()

    for style in ("chromium", "w3m"):
        tp = fp = fn = 0
        per = []
        for key, item in index.items():
            p = root / style / "input" / f"{key}.txt"
            text = norm(cleaner.clean(p.read_text(encoding="utf-8")).text) if p.exists() else ""
            found = [bool(text) and norm(w) in text for w in item.get("with", [])]
            bad = sum(1 for w in item.get("without", []) if text and norm(w) in text)
            t = sum(found)
            tp += t
            fn += len(found) - t
            fp += bad
            per.append((len(found) - t + bad, key, len(found) - t, bad))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"trafilatura {style:8} snippet F1 {f1:.3f} P {p:.3f} R {r:.3f}")
        for _, key, miss, bad in sorted(per, reverse=True)[:worst]:
            print(f"   missed {miss} leaked {bad} {key}")


class _Baseline:
    """A reference method with the Cleaner's call shape: ``clean(text).text``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def clean(self, text: str) -> _Baseline.Out:
        if self.name == "identity":
            return self.Out(text)
        lines = [s for s in text.split("\n") if s.strip().endswith((".", "!", "?", '"')) and len(s.split()) >= 3]
        # The headline line is left out of the score: give the C4 filter an empty one.
        return self.Out("\n" + "\n".join(lines))

    class Out:
        def __init__(self, text: str) -> None:
            self.text = text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--only", default="")
    ap.add_argument("--method", default="cleaner", choices=["cleaner", "identity", "c4"])
    args = ap.parse_args()
    cleaner: Any = Cleaner() if args.method == "cleaner" else _Baseline(args.method)
    t0 = time.perf_counter()
    if args.only != "trafilatura":
        scrapinghub(cleaner, args.worst)
    if args.only != "scrapinghub":
        trafilatura(cleaner, args.worst)
    print(f"({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
