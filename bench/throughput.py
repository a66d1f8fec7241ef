"""Throughput in process: cleaner beside a C4-style line filter, jusText, Resiliparse and trafilatura.

The corpus is every dump of the three dev sets, both styles
(``../shared/eval/{scrapinghub-dev,trafilatura-dev,dragnet-dev}/{chromium,w3m}/input/*.txt``), each cleaned
once per timed run: the engine keeps no memory between documents, so every page is cleaned as never seen,
and the corpus is big enough (about 35 MB) not to need repeating. Rows on these pages:

- the C4-style line filter in plain Python (the reference of the main target);
- cleaner, ``Cleaner()(text)`` with the shipped rules, one thread;
- cleaner, the same ``Cleaner`` shared by a ``ThreadPoolExecutor(2)`` (the engine releases the GIL).

The slow methods run on ``--slow-pages`` of the same pages (about 120, taken at even steps through the list):
jusText on the dump's lines, Resiliparse (``extract_plain_text(main_content=True)``) and trafilatura on the
page's HTML. Their MB/s counts the dump text of those pages, so every MB/s column speaks of the same text.
Each figure is the median of ``--runs`` runs; the rows' runs are taken in turns, so compare ratios.

    python bench/throughput.py                 # table on stdout, JSON in bench/results/throughput.json
    python bench/throughput.py --runs 1 --pages 300 --slow-pages 20   # a quick look
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import (
    DEV_SETS,
    RESULTS,
    SHARED,
    Page,
    dev_pages,
    machine,
    mb,
    median,
    need_shared,
    round_robin,
    spread,
    table,
    write_json,
)

from cleaner import Cleaner

TERMINAL = (".", "!", "?", '"', "'", "”", "’", "…", "。", "！", "？")

C4 = "C4-style line filter"
ONE = "cleaner, Cleaner()(text)"
THREADS = "cleaner, 2 threads, one shared Cleaner"
JUSTEXT = "jusText on the dump's lines"
RESILIPARSE = "Resiliparse on the HTML (main_content=True)"
TRAFILATURA = "trafilatura on the HTML"

WARM_UP_TEXT = (
    "A made-up headline for the warm-up\n\nAdvertisement\n\n"
    + "A paragraph of the story, long enough to count as prose for the safety valve.\n\n" * 20
)
"""Cleaned once, untimed, before the timed runs: pays one-time costs without showing the engine a dev page."""
WARM_UP_HTML = b"<html><head><title>Warm-up</title></head><body><p>" + WARM_UP_TEXT.encode() + b"</p></body></html>"


def c4_filter(text: str) -> str:
    """The C4-style line filter in plain Python: lines ending in terminal punctuation with >= 3 words."""
    return "\n".join(
        s for s in (line.rstrip() for line in text.split("\n")) if s.endswith(TERMINAL) and len(s.split()) >= 3
    )


@dataclass(frozen=True)
class Case:
    """One row: a method, what it sees, the texts whose size counts, the call that times it, an untimed warm-up."""

    method: str
    sees: str
    texts: Sequence[str]
    call: Callable[[], object]
    warm_up: Callable[[], object] | None = None


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
    """Clean every text once (what `cleaner clean` does per file, without the I/O)."""
    for t in texts:
        cl(t)


def run_threads(pool: ThreadPoolExecutor, cl: Cleaner, texts: Sequence[str]) -> None:
    """Clean every text once, the pool's threads sharing one Cleaner."""
    for _ in pool.map(cl, texts):
        pass


def measure(
    shared: Path, runs: int, pages_limit: int, slow_pages: int, skip_slow: bool, pool: ThreadPoolExecutor
) -> dict[str, Any]:
    """Every row, measured in this one run."""
    pages = spread(dev_pages(shared, DEV_SETS), pages_limit)
    texts = [p.text for p in pages]
    slow = spread(pages, slow_pages)
    cl = Cleaner()
    cases = [
        Case(C4, "dump", texts, lambda: [c4_filter(t) for t in texts]),
        Case(ONE, "dump", texts, lambda: run_cleaner(cl, texts), lambda: cl(WARM_UP_TEXT)),
        Case(
            THREADS,
            "dump",
            texts,
            lambda: run_threads(pool, cl, texts),
            lambda: run_threads(pool, cl, [WARM_UP_TEXT] * 4),
        ),
    ]
    if not skip_slow:
        cases += _slow_cases(slow)
    for c in cases:
        if c.warm_up is not None:
            c.warm_up()
    times = round_robin({c.method: c.call for c in cases}, runs)
    rows = [_row(c, times[c.method]) for c in cases]
    by = {r["method"]: r["mb_per_s"] for r in rows}
    ratios: dict[str, float] = {
        "Cleaner()(text) / C4 filter": by[ONE] / by[C4],
        "2 threads / 1 thread": by[THREADS] / by[ONE],
    }
    for method, short in ((JUSTEXT, "jusText"), (RESILIPARSE, "Resiliparse"), (TRAFILATURA, "trafilatura")):
        if method in by:
            ratios[f"Cleaner()(text) / {short}"] = by[ONE] / by[method]
    return {
        "machine": machine(),
        "corpus": {
            "sets": list(DEV_SETS),
            "pages": len(texts),
            "mb": round(mb(texts), 3),
            "slow_pages": len(slow),
            "slow_mb": round(mb([p.text for p in slow]), 3),
        },
        "rows": rows,
        "ratios": ratios,
        "targets": {"Cleaner()(text) / C4 filter": {"at_least": 0.3, "aim": 1.0}},
    }


def _slow_cases(pages: Sequence[Page]) -> list[Case]:
    """jusText on the dumps, Resiliparse and trafilatura on the HTML of the same pages (those installed)."""
    from cleaner.baselines import MissingDependencyError, guess_stoplist, justext_lines, read_html, trafilatura_html

    texts = [p.text for p in pages]
    out = []
    try:
        pairs = [(t, guess_stoplist(t)) for t in texts]
        out.append(
            Case(
                JUSTEXT,
                "dump",
                texts,
                lambda: [justext_lines(t, s) for t, s in pairs],
                lambda: justext_lines(WARM_UP_TEXT, "English"),
            )
        )
    except (ImportError, MissingDependencyError) as exc:
        print(f"jusText row skipped: {exc} (pip install -e '.[bench]')")
    htmls = [read_html(p.html) for p in pages]
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import detect_encoding
        from resiliparse.parse.html import HTMLTree

        def resiliparse_html(page: bytes) -> str:
            tree = HTMLTree.parse_from_bytes(page, detect_encoding(page))
            return str(extract_plain_text(tree, main_content=True))

        out.append(
            Case(
                RESILIPARSE,
                "HTML",
                texts,
                lambda: [resiliparse_html(h) for h in htmls],
                lambda: resiliparse_html(WARM_UP_HTML),
            )
        )
    except ImportError as exc:
        print(f"Resiliparse row skipped: {exc} (pip install resiliparse)")
    try:
        import trafilatura  # noqa: F401

        out.append(
            Case(
                TRAFILATURA,
                "HTML",
                texts,
                lambda: [trafilatura_html(h) for h in htmls],
                lambda: trafilatura_html(WARM_UP_HTML),
            )
        )
    except ImportError as exc:
        print(f"trafilatura row skipped: {exc}")
    return out


def render(data: dict[str, Any]) -> str:
    """The table and the ratios as text."""
    c = data["corpus"]
    head = f"{c['pages']:,} dev pages, {c['mb']} MB; slow rows on {c['slow_pages']} of them, {c['slow_mb']} MB\n"
    rows = [[r["method"], r["sees"], r["docs"], r["mb"], r["mb_per_s"], r["docs_per_s"]] for r in data["rows"]]
    text = head + table(["method", "sees", "docs", "MB", "MB/s", "docs/s"], rows)
    targets = data["targets"]
    text += "\n" + table(
        ["ratio", "measured", "target"],
        [
            [k, v, f">= {targets[k]['at_least']} (aim {targets[k]['aim']})" if k in targets else "-"]
            for k, v in data["ratios"].items()
        ],
    )
    return text


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, default=0, help="use only this many dev pages, spread evenly (0: all)")
    ap.add_argument("--slow-pages", type=int, default=120, help="pages for jusText, Resiliparse and trafilatura")
    ap.add_argument("--skip-slow", action="store_true", help="leave out jusText, Resiliparse and trafilatura")
    ap.add_argument("--json", type=Path, default=RESULTS / "throughput.json")
    args = ap.parse_args()
    shared = need_shared(args.shared, DEV_SETS)
    with ThreadPoolExecutor(2) as pool:
        data = measure(shared, args.runs, args.pages, args.slow_pages, args.skip_slow, pool)
    print(render(data), end="")
    write_json(args.json, data)


if __name__ == "__main__":
    main()
