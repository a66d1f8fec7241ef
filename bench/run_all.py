"""The whole bench in one command: throughput (with jusText, Resiliparse, trafilatura), --jobs, memory, start-up.

Runs each bench script (those present) in turn, each writing bench/results/<name>.json, then
prints the targets of issue 12 beside the measured figures and writes bench/results/summary.json.

    python bench/run_all.py            # the full bench
    python bench/run_all.py --quick    # a smoke run with small inputs (figures not for the record)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from benchlib import HERE, RESULTS, machine, table, write_json

SCRIPTS: dict[str, tuple[list[str], list[str]]] = {
    # name: (arguments of the full run, arguments of a --quick run)
    "throughput": ([], ["--runs", "1", "--pages", "400", "--slow-pages", "20"]),
    "jobs": ([], ["--files", "500", "--runs", "1"]),
    "stream_memory": (["--jobs", "1", "--jobs", "2"], ["--size-mb", "20", "--jobs", "1", "--jobs", "2"]),
    "startup": ([], ["--runs", "3"]),
}
"""The bench scripts in the order they run; each takes ``--json PATH``."""


def run_script(name: str, quick: bool) -> dict[str, Any] | None:
    """Run bench/<name>.py (when present); the JSON it wrote, or None when it failed."""
    script = HERE / f"{name}.py"
    if not script.exists():
        print(f"-- {name}: bench/{name}.py not here yet, skipped\n")
        return None
    out = RESULTS / f"{name}.json"
    full, small = SCRIPTS[name]
    args = ["--json", str(out), *(small if quick else full)]
    print(f"-- {name}: python bench/{name}.py {' '.join(args)}", flush=True)
    proc = subprocess.run([sys.executable, str(script), *args], check=False, capture_output=True, text=True)
    print(proc.stdout + proc.stderr, flush=True)
    if proc.returncode != 0:
        print(f"-- {name}: failed (exit {proc.returncode})\n")
        return None
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def summary(results: dict[str, dict[str, Any] | None]) -> list[list[object]]:
    """One row per target of issue 12: what it is, the figure measured, the target, met or not."""
    rows: list[list[object]] = []
    tp = results.get("throughput")
    if tp:
        for name, value in tp["ratios"].items():
            target = tp["targets"].get(name)
            if target is None:  # reported beside the targets, with none of its own
                rows.append([name, round(value, 3), "-", "-"])
            else:
                want = f">= {target['at_least']} (aim {target['aim']})"
                rows.append([name, round(value, 3), want, _met(value >= target["at_least"])])
        for r in tp["rows"]:
            rows.append([f"{r['method']}, MB/s", round(r["mb_per_s"], 2), "-", "-"])
    else:
        rows.append(["throughput", "not measured", "-", "-"])
    st = results.get("startup")
    if st:
        ratio = st["ratio_check_to_python"]
        want = f"<= {st['target_ratio']:g} (aim {st['aim_ratio']:g})"
        name = "hook start-up: --check small.txt / python -c pass"
        rows.append([name, round(ratio, 2), want, _met(ratio <= st["target_ratio"])])
    else:
        rows.append(["hook start-up", "not measured", "-", "-"])
    jobs = results.get("jobs")
    two = next((r for r in jobs["rows"] if r["jobs"] == 2 and not r.get("processes")), None) if jobs else None
    if jobs and two:
        target = jobs["target_speed_up_jobs_2"]
        rows.append(["--jobs 2 / --jobs 1", round(two["speed_up"], 3), f">= {target}", _met(two["speed_up"] >= target)])
    else:
        rows.append(["--jobs 2 / --jobs 1", "not measured", "-", "-"])
    mem = results.get("stream_memory")
    if mem:
        target = mem["target_peak_mb"]
        for r in mem["rows"]:
            peak = r["peak_all_processes_mb"]
            rows.append(
                [
                    f"peak RSS streaming {mem['corpus_mb']:,.0f} MB JSONL, --jobs {r['jobs']} (all processes), MB",
                    round(peak, 1),
                    f"< {target:g}",
                    _met(peak < target),
                ]
            )
    else:
        rows.append(["peak RSS streaming JSONL", "not measured", "-", "-"])
    return rows


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, one run: checks the bench works")
    ap.add_argument("--only", nargs="+", choices=list(SCRIPTS), help="run only these scripts")
    args = ap.parse_args()
    results = {name: run_script(name, args.quick) for name in (args.only or SCRIPTS)}
    rows = summary(results)
    print(table(["target (issue 12)", "measured", "target", "met"], rows), end="")
    data = {"machine": machine(), "quick": args.quick, "targets": rows, "results": results}
    write_json(RESULTS / "summary.json", data)


if __name__ == "__main__":
    main()
