"""Documents per second and peak memory of `cleaner learn` beside `cleaner clean`, on one JSONL corpus of many sites.

Builds the corpus in a temporary folder from the dragnet-dev Chromium dumps (277 sites, the
site in each record's URL), repeated until ``--size-mb``; in every copy after the first, each
line of eight words or more gets a mark of the copy, ``(copy j)`` with the copy's number spelled in
consonants, so stories stay unique while what a site repeats (menus, footers) recurs, as in a real
crawl. ``--story-mark number`` marks them ``(7)`` instead, as the figures before 2026-12-06 10:00 UTC
did: unique to the cleaner, not to the learner, whose line keys blank numbers, so there every copy's
story line has the same key, the sites' stories recur too, and pass 2, the rule selection and the rule
check work on many times more candidate lines than a crawl gives them (learn costs about a third more).
Then, for each ``--jobs``, runs ``cleaner learn corpus.jsonl -o rules/`` and
``cleaner clean corpus.jsonl -o out.jsonl`` as subprocesses, sampling the RSS of the process tree
from /proc every 50 ms (bench/stream_memory.py), with the CPU time (user and system) of each run's
processes: on a shared machine, the figure to compare.

Usage: python bench/learn_speed.py [--size-mb 1024] [--jobs 1 --jobs 2] [--what both|learn|clean]
[--story-mark letters|number] [--json PATH]
Run it from the checkout to measure: the runs import ``cleaner`` from the current folder first
(``python -c``), before PYTHONPATH; to time another tree, cd there and give this script's path.
Not a test: the figures depend on the machine. Targets (issue 14): learning costs no more than
cleaning; peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stream_memory import run_cli

DEFAULT_DUMPS = Path(__file__).resolve().parents[2] / "shared/eval/dragnet-dev/chromium/input"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "learn_speed.json"
TARGET_MB = 500.0


CONSONANTS = str.maketrans("0123456789", "bcdfghjklm")
"""The copy's number spelled in consonants (``--story-mark letters``): no digit for the learner's keys to
blank, and no vowel, so no month or weekday name either."""


def build_corpus(path: Path, dumps: Path, size_mb: int, mark: str = "letters") -> int:
    pages = [(p.stem.split("--")[0], p.read_text(encoding="utf-8")) for p in sorted(dumps.glob("*.txt"))]
    if not pages:
        sys.exit(f"no *.txt dumps in {dumps}")
    target = size_mb * 1_000_000
    written = n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            copy, at = divmod(n, len(pages))
            site, text = pages[at]
            if copy:
                tag = f"({copy})" if mark == "number" else f"(copy {str(copy).translate(CONSONANTS)})"
                text = "\n".join(f"{line} {tag}" if len(line.split()) >= 8 else line for line in text.split("\n"))
            line = json.dumps({"id": f"doc-{n}", "url": f"https://{site}/page-{n}", "text": text})
            fh.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            n += 1
    return n


def run(cmd: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds (user and system, all its processes) and peak memory of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak_one, peak_tree = run_cli(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": wall, "cpu_seconds": cpu, "peak_largest_mb": peak_one, "peak_all_mb": peak_tree}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--jobs", type=int, action="append")
    ap.add_argument("--dumps", type=Path, default=DEFAULT_DUMPS)
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    ap.add_argument("--what", choices=("both", "learn", "clean"), default="both", help="run only one of the two")
    ap.add_argument(
        "--story-mark",
        choices=("number", "letters"),
        default="letters",
        help="how a copy marks its story lines: '(copy j)' (the default), which keeps each copy's story its "
        "own for the learner too, as in a real crawl, or '(7)' (the figures before 2026-12-06 10:00 UTC; the "
        "learner's keys blank the number, so a story line recurs on the site's every copy of the page)",
    )
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="cleaner-learn-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs = build_corpus(corpus, args.dumps, args.size_mb, args.story_mark)
        mb = corpus.stat().st_size / 1e6
        print(f"corpus: {mb:,.0f} MB, {docs:,} documents, story lines marked by {args.story_mark}")
        for jobs in args.jobs or [1, 2]:
            for what, cmd in (
                ("learn", ["learn", str(corpus), "-o", f"{tmp}/rules-{jobs}", "-j", str(jobs), "-q"]),
                ("clean", ["clean", str(corpus), "-o", f"{tmp}/out-{jobs}.jsonl", "-j", str(jobs), "-q"]),
            ):
                if args.what not in ("both", what):
                    continue
                r = run(cmd)
                r.update(jobs=jobs, docs_per_s=docs / r["seconds"], mb_per_s=mb / r["seconds"])
                r.update(docs_per_cpu_s=docs / r["cpu_seconds"], load_average=os.getloadavg()[0])
                rows.append({"what": what, **r})
                print(
                    f"{what} --jobs {jobs}: {r['seconds']:.0f} s, {r['docs_per_s']:,.0f} docs/s, "
                    f"{r['mb_per_s']:.1f} MB/s; CPU {r['cpu_seconds']:.1f} s, "
                    f"{r['docs_per_cpu_s']:,.0f} docs per CPU second; "
                    f"peak RSS largest process {r['peak_largest_mb']:.0f} MB, all {r['peak_all_mb']:.0f} MB; "
                    f"load average {r['load_average']:.1f}"
                )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"corpus_mb": mb, "documents": docs, "runs": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
