"""Scaling over workers: `cleaner clean DIR -o OUT --jobs N` on a folder of 5,000 dumps, N = 1 and 2.

The folder is made of the scrapinghub-dev dumps (both styles) copied under new names until it
holds ``--files`` files. Each figure is the median wall time of ``--runs`` runs of the real
command line (start-up included), the settings alternating so machine noise hits them all.
``--jobs N`` runs worker threads; the rows marked "processes" add ``--processes`` (worker
processes, as before threads), for the values of ``--processes`` (default: 2).
Target (issue 12): ``--jobs 2`` at least 1.8 times as fast as ``--jobs 1``.

    python bench/jobs.py                     # table on stdout, JSON in bench/results/jobs.json
    python bench/jobs.py --files 1000 --runs 3 --jobs 1 2 4 --processes
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import RESULTS, SHARED, dev_pages, machine, mb, need_shared, table, write_json

TARGET = 1.8
"""Speed-up of ``--jobs 2`` over ``--jobs 1`` that issue 12 asks for (two free cores)."""


def make_folder(shared: Path, dest: Path, files: int) -> float:
    """Write ``files`` dumps into ``dest``; return their size in MB."""
    texts = [p.text for p in dev_pages(shared)]
    written = []
    for n in range(files):
        text = texts[n % len(texts)]
        sub = dest / f"part{n // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"dump{n:05d}.txt").write_text(text, encoding="utf-8")
        written.append(text)
    return mb(written)


def cleaner_command() -> list[str]:
    """The installed `cleaner` script beside this Python."""
    script = Path(sys.executable).parent / "cleaner"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleaner.cli"]


Setting = tuple[int, bool]
"""``--jobs N``, and whether with ``--processes``."""


def label(setting: Setting) -> str:
    """How a setting shows in the table."""
    jobs, processes = setting
    return f"{jobs} processes" if processes else str(jobs)


def run_once(src: Path, out: Path, setting: Setting) -> float:
    """Wall seconds of one `cleaner clean src -o out --jobs N` (the output folder is emptied first)."""
    jobs, processes = setting
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*cleaner_command(), "clean", str(src), "-o", str(out), "--jobs", str(jobs), "--quiet"]
    cmd += ["--processes"] if processes else []
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout).strip().splitlines()
        raise RuntimeError(f"{' '.join(cmd[1:4])} ... --jobs {jobs} exited {proc.returncode}: {err[-1] if err else ''}")
    return secs


def measure(shared: Path, files: int, runs: int, settings: list[Setting]) -> dict[str, Any]:
    """Every setting, alternating, in this one run."""
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-jobs-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        size = make_folder(shared, src, files)
        times: dict[Setting, list[float]] = {j: [] for j in settings}
        for _ in range(runs):
            for j in settings:
                times[j].append(run_once(src, out, j))
    rows = []
    base = statistics.median(times[settings[0]])
    for j in settings:
        secs = statistics.median(times[j])
        rows.append(
            {
                "jobs": j[0],
                "processes": j[1],
                "seconds": secs,
                "runs": [round(t, 3) for t in times[j]],
                "files_per_s": files / secs,
                "mb_per_s": size / secs,
                "speed_up": base / secs,
            }
        )
    return {"machine": machine(), "files": files, "mb": round(size, 2), "rows": rows, "target_speed_up_jobs_2": TARGET}


def render(data: dict[str, Any]) -> str:
    """The table as text."""
    rows = [
        [label((r["jobs"], r["processes"])), r["seconds"], r["files_per_s"], r["mb_per_s"], r["speed_up"]]
        for r in data["rows"]
    ]
    head = (
        f"{data['files']:,} files, {data['mb']} MB; speed-up target for --jobs 2: >= {data['target_speed_up_jobs_2']}\n"
    )
    return head + table(["--jobs", "seconds", "files/s", "MB/s", "speed-up"], rows)


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--processes", type=int, nargs="*", default=[2], help="--jobs values also timed with --processes")
    ap.add_argument("--json", type=Path, default=RESULTS / "jobs.json")
    args = ap.parse_args()
    try:
        settings = [(j, False) for j in args.jobs] + [(j, True) for j in args.processes]
        data = measure(need_shared(args.shared), args.files, args.runs, settings)
    except RuntimeError as exc:
        sys.exit(f"error: {exc}")
    print(render(data), end="")
    write_json(args.json, data)


if __name__ == "__main__":
    main()
