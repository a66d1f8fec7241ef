"""Throughput on one core, in process: cleaner beside a C4-style line filter, jusText and trafilatura.

The corpus is the scrapinghub-dev dumps of both styles (``../shared/eval/scrapinghub-dev/*/input``).
Line methods (cleaner, the C4 filter) run on it repeated to at least ``--mb`` megabytes; jusText and
trafilatura, a hundred times slower, run on one copy. trafilatura reads the HTML of the same pages;
its MB/s counts the dump text of those pages, so every MB/s column speaks of the same text.
Each figure is the median of ``--runs`` runs; every row comes from the same run, so compare ratios.

The repeated corpus flatters cleaner: the generic stage remembers what it decided per line text, so from
the second copy on most lines cost a lookup ("warm"). The "cold" row cleans each page as if never seen:
before every page it clears those memories (``forget_lines``), as a corpus of new pages would have them.

Rows "1,000 synthetic rule files" load the shipped rules plus 1,000 made-up sites (bench/synthetic_rules.py)
that match none of the dumps: what the number of known sites costs a page of an unknown site.
The "seed dumps" row runs on ../shared/seeds, whose sites have rule files, so site rules do apply.

    python bench/throughput.py                 # table on stdout, JSON in bench/results/throughput.json
    python bench/throughput.py --mb 10 --runs 3 --skip-slow
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import (
    RESULTS,
    SHARED,
    dev_pages,
    machine,
    mb,
    median,
    need_shared,
    repeat_to,
    round_robin,
    table,
    write_json,
)
from synthetic_rules import write_synthetic_rules

from cleaner import Cleaner
from cleaner.generic import HEURISTICS
from cleaner.generic.fused import LineRow, plan

TERMINAL = (".", "!", "?", '"', "'", "”", "’", "…", "。", "！", "？")


def c4_filter(text: str) -> str:
    """The C4-style line filter in plain Python: lines ending in terminal punctuation with >= 3 words."""
    return "\n".join(
        s for s in (line.rstrip() for line in text.split("\n")) if s.endswith(TERMINAL) and len(s.split()) >= 3
    )


@dataclass(frozen=True)
class Case:
    """One row: a method, what it sees, the texts whose size counts, and the call that times it."""

    method: str
    sees: str
    texts: Sequence[str]
    call: Callable[[], object]
    warm_up: Callable[[], object] | None = None
    """Run untimed before each timed call: a warm row starts warm even after the cold row cleared memories."""


def _row(case: Case, times: Sequence[float]) -> dict[str, Any]:
    secs = median(times)
    size = mb(case.texts)
    return {
        "method": case.method,
        "sees": case.sees,
        "docs": len(case.texts),
        "mb": round(size, 3),
        "seconds": secs,
        "runs": [round(t, 4) for t in times],
        "mb_per_s": size / secs,
        "docs_per_s": len(case.texts) / secs,
    }


def run_cleaner(cl: Cleaner, texts: Sequence[str]) -> None:
    """Clean every text (what `cleaner clean` does per file, without the I/O)."""
    for t in texts:
        cl.clean(t)


def forget_lines(cl: Cleaner) -> None:
    """Clear what cleaner remembers per line or per document, keeping what it compiled once.

    Per-text memories are bounded ``lru_cache``s (and each LineRow's verdicts); compiled patterns and
    word lists are unbounded ``cache``s, paid once per process, so they stay.
    """
    for name, module in list(sys.modules.items()):
        if name == "cleaner" or name.startswith("cleaner."):
            for value in vars(module).values():
                if isinstance(value, functools._lru_cache_wrapper) and value.cache_parameters()["maxsize"] is not None:
                    value.cache_clear()
    for step in plan(cl.heuristics):
        if isinstance(step, LineRow):
            step.forget()


def run_cleaner_cold(cl: Cleaner, texts: Sequence[str]) -> None:
    """Clean every text as a page never seen before: the per-line memories are cleared before each."""
    for t in texts:
        forget_lines(cl)
        cl.clean(t)


COLD = "cleaner, shipped rules, cold (pages never seen)"


def measure(shared: Path, min_mb: float, runs: int, skip_slow: bool, synthetic: int, cold_mb: float) -> dict[str, Any]:
    """Every row, measured in this one run."""
    pages = dev_pages(shared)
    one = [p.text for p in pages]
    big = repeat_to(one, min_mb)
    cold = repeat_to(one, min(cold_mb, min_mb))
    seeds = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    seeds_big = repeat_to(seeds, min_mb / 5) if seeds else []
    shipped = Cleaner()
    no_generic = Cleaner(generic=False)
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-rules-") as tmp:
        write_synthetic_rules(Path(tmp), synthetic)
        t0 = time.perf_counter()
        many = Cleaner(rules_dirs=[tmp])
        load_seconds = time.perf_counter() - t0
    detected = sum(1 for t in one if many.detect(t) not in (None, *(s.id for s in shipped.sites)))
    if detected:
        sys.exit(f"error: {detected} dev dumps were detected as a synthetic site; the scaling row would be wrong")

    many_name = f"cleaner, shipped + {synthetic:,} synthetic rule files"
    cases = [
        Case("C4-style line filter", "dump", big, lambda: [c4_filter(t) for t in big]),
        Case(
            "cleaner, shipped rules", "dump", big, lambda: run_cleaner(shipped, big), lambda: run_cleaner(shipped, one)
        ),
        Case(COLD, "dump", cold, lambda: run_cleaner_cold(shipped, cold)),
        Case(many_name, "dump", big, lambda: run_cleaner(many, big), lambda: run_cleaner(many, one)),
        Case("cleaner, no generic stage", "dump", big, lambda: run_cleaner(no_generic, big)),
    ]
    if seeds_big:
        name = "cleaner on the seed dumps (site rules apply)"
        warm = (lambda: run_cleaner(shipped, seeds)) if seeds else None
        cases.append(Case(name, "dump", seeds_big, lambda: run_cleaner(shipped, seeds_big), warm))
    if not skip_slow:
        cases += _slow_cases(pages, one)
    warm_ups = {c.method: c.warm_up for c in cases if c.warm_up is not None}
    times = round_robin({c.method: c.call for c in cases}, runs, warm_ups)
    rows = [_row(c, times[c.method]) for c in cases]
    by = {r["method"]: r for r in rows}
    c4 = by["C4-style line filter"]["mb_per_s"]
    ship = by["cleaner, shipped rules"]["mb_per_s"]
    ratios = {
        "cleaner / C4 filter": ship / c4,
        "cleaner cold / C4 filter": by[COLD]["mb_per_s"] / c4,
        f"{synthetic:,} rule files / shipped rules": by[many_name]["mb_per_s"] / ship,
    }
    return {
        "machine": machine(),
        "corpus": {
            "pages": len(one),
            "mb_one_copy": round(mb(one), 3),
            "mb_repeated": round(mb(big), 3),
            "mb_cold": round(mb(cold), 3),
        },
        "synthetic_rule_files": synthetic,
        "synthetic_load_seconds": load_seconds,
        "rows": rows,
        "ratios": ratios,
        "targets": {
            "cleaner / C4 filter": 0.3,
            "cleaner cold / C4 filter": 0.3,
            f"{synthetic:,} rule files / shipped rules": 0.8,
        },
        "generic_profile": generic_profile(many, one),
    }


def _slow_cases(pages: Sequence[Any], one: Sequence[str]) -> list[Case]:
    from cleaner.baselines import MissingDependencyError, guess_stoplist, justext_lines, read_html, trafilatura_html

    out = []
    try:
        stops = [guess_stoplist(t) for t in one]
        pairs = list(zip(one, stops, strict=True))
        out.append(Case("jusText on the dump's lines", "dump", one, lambda: [justext_lines(t, s) for t, s in pairs]))
    except (ImportError, MissingDependencyError) as exc:
        print(f"jusText row skipped: {exc} (pip install -e '.[bench]')")
    try:
        import trafilatura  # noqa: F401

        htmls = [read_html(p.html) for p in pages]
        out.append(Case("trafilatura on the HTML", "HTML", one, lambda: [trafilatura_html(h) for h in htmls]))
    except ImportError as exc:
        print(f"trafilatura row skipped: {exc}")
    return out


def generic_profile(cl: Cleaner, texts: Sequence[str]) -> dict[str, float]:
    """Seconds per MB each generic heuristic takes, run alone on a fresh document (one copy of the corpus)."""
    from cleaner.document import Document

    docs = [Document.from_text(t) for t in texts]
    size = mb(texts)
    out = {}
    for h in HEURISTICS:
        t0 = time.perf_counter()
        for d in docs:
            h(d)
        out[h.id] = (time.perf_counter() - t0) / size
    return out


def render(data: dict[str, Any]) -> str:
    """The table and the ratios as text."""
    rows = [[r["method"], r["sees"], r["docs"], r["mb"], r["mb_per_s"], r["docs_per_s"]] for r in data["rows"]]
    text = table(["method", "sees", "docs", "MB", "MB/s", "docs/s"], rows)
    text += "\n" + table(
        ["ratio", "measured", "target"],
        [[k, v, f">= {data['targets'][k]}"] for k, v in data["ratios"].items()],
    )
    slow = sorted(data["generic_profile"].items(), key=lambda kv: -kv[1])
    text += "\n" + table(["generic heuristic", "s per MB"], [[k, v] for k, v in slow])
    return text


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/ and seeds/")
    ap.add_argument("--mb", type=float, default=50.0, help="megabytes of dump text for the line methods")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold-mb", type=float, default=5.0, help="megabytes of dump text for the cold row (slow)")
    ap.add_argument("--synthetic", type=int, default=1000, help="how many synthetic rule files")
    ap.add_argument("--skip-slow", action="store_true", help="leave out jusText and trafilatura")
    ap.add_argument("--json", type=Path, default=RESULTS / "throughput.json")
    args = ap.parse_args()
    data = measure(need_shared(args.shared), args.mb, args.runs, args.skip_slow, args.synthetic, args.cold_mb)
    print(render(data), end="")
    write_json(args.json, data)


if __name__ == "__main__":
    main()
