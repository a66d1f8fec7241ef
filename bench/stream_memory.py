"""Peak memory and throughput of `cleaner clean big.jsonl -o out.jsonl` on a ~1 GB JSONL stream.

Builds the file in a temporary folder from real dumps (default: the scrapinghub dev
set's chromium inputs, repeated with a varying id), runs the CLI in a subprocess for
each --jobs value, and reports:

- peak RSS of the largest single process and summed over the CLI and its workers
  (sampled from /proc every 50 ms),
- and, as a cross-check, getrusage(RUSAGE_CHILDREN).ru_maxrss over all runs,
- wall time and MB/s of input.

Usage: python bench/stream_memory.py [--size-mb 1024] [--jobs 1 --jobs 2] [--dumps DIR] [--json PATH]
Not a test: the figures depend on the machine. Target (issue 12): peak RSS < 150 MB, all processes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DEFAULT_DUMPS = Path(__file__).resolve().parents[2] / "shared/eval/scrapinghub-dev/chromium/input"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "stream_memory.json"
TARGET_MB = 150.0


def build_corpus(path: Path, dumps: Path, size_mb: int) -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted(dumps.glob("*.txt"))]
    if not texts:
        sys.exit(f"no *.txt dumps in {dumps}")
    target = size_mb * 1_000_000
    written = 0
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            line = json.dumps({"id": f"doc-{n}", "url": f"https://example.org/{n}", "text": texts[n % len(texts)]})
            fh.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            n += 1
    return n


def _tree_rss_kb(root: int) -> tuple[int, int]:
    """RSS of ``root`` and its descendants, from /proc (Linux): their sum and the largest."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0)
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    sizes = [rss.get(p, 0) for p in tree]
    return sum(sizes), max(sizes)


def run_cli(args: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """Run ``cleaner ARGS`` in a fresh process: wall seconds, peak RSS (MB) of its largest process and of
    all its processes, sampled every 50 ms. Exits with cleaner's stderr when its exit code is not in ``ok``.
    """
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cleaner.cli import main; main()", *args], stderr=subprocess.PIPE
    )
    peak_tree = peak_one = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree, peak_one
        while not stop.is_set():
            total, largest = _tree_rss_kb(proc.pid)
            peak_tree, peak_one = max(peak_tree, total), max(peak_one, largest)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.monotonic() - start
    stop.set()
    sampler.join()
    if proc.returncode not in ok:
        sys.exit(f"cleaner {args[0]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return wall, peak_one / 1024, peak_tree / 1024


def run(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    # Exit code 1: some record changed (not a failure here).
    wall, peak_one, peak_tree = run_cli(
        ["clean", str(corpus), "-o", str(out), "--jobs", str(jobs), "--quiet"], ok=(0, 1)
    )
    size = corpus.stat().st_size
    return {
        "jobs": jobs,
        "seconds": wall,
        "mb_per_s": size / 1e6 / wall,
        "peak_largest_process_mb": peak_one,
        "peak_all_processes_mb": peak_tree,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--jobs", type=int, action="append")
    ap.add_argument("--dumps", type=Path, default=DEFAULT_DUMPS)
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        t = time.monotonic()
        docs = build_corpus(corpus, args.dumps, args.size_mb)
        built = time.monotonic() - t
        print(f"corpus: {corpus.stat().st_size / 1e6:,.0f} MB, {docs:,} documents (built in {built:.0f}s)")
        outputs, rows = [], []
        for jobs in args.jobs or [1, os.cpu_count() or 1]:
            out = Path(tmp) / f"out-{jobs}.jsonl"
            r = run(corpus, out, jobs)
            outputs.append(out)
            rows.append(r)
            verdict = "met" if r["peak_all_processes_mb"] < TARGET_MB else "NOT met"
            print(
                f"--jobs {jobs}: {r['seconds']:.0f}s, {r['mb_per_s']:.1f} MB/s; peak RSS largest process "
                f"{r['peak_largest_process_mb']:.0f} MB, all processes {r['peak_all_processes_mb']:.0f} MB "
                f"(target < {TARGET_MB:.0f} MB: {verdict})"
            )
        same = all(o.read_bytes() == outputs[0].read_bytes() for o in outputs[1:])
        print(f"outputs identical across --jobs: {same}")
        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"getrusage(RUSAGE_CHILDREN).ru_maxrss over all runs: {maxrss:.0f} MB")
        data = {
            "corpus_mb": corpus.stat().st_size / 1e6,
            "documents": docs,
            "rows": rows,
            "outputs_identical": same,
            "maxrss_children_mb": maxrss,
            "target_peak_mb": TARGET_MB,
        }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
