"""The whole bench in one command: throughput, scaling with rules, --jobs, memory, start-up.

Runs each bench script (those present) in turn, each writing bench/results/<name>.json, then
prints the targets of issue 6 beside the measured ratios and writes bench/results/summary.json.

    python bench/run_all.py            # the full bench (about ten minutes on two cores)
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
    "throughput": ([], ["--mb", "5", "--runs", "1", "--skip-slow"]),
    "jobs": ([], ["--files", "500", "--runs", "1"]),
    "stream_memory": (["--jobs", "1", "--jobs", "2"], ["--size-mb", "20", "--jobs", "1", "--jobs", "2"]),
    "startup": ([], ["--runs", "3"]),
}
"""The bench scripts in the order they run; stream_memory.py (by the pipelines work) prints text only."""

WRITES_JSON = {"throughput", "jobs", "startup"}


def run_script(name: str, quick: bool) -> dict[str, Any] | None:
    """Run bench/<name>.py (when present); its JSON, or its printed lines when it writes none."""
    script = HERE / f"{name}.py"
    if not script.exists():
        print(f"-- {name}: bench/{name}.py not here yet, skipped\n")
        return None
    out = RESULTS / f"{name}.json"
    full, small = SCRIPTS[name]
    args = [*(["--json", str(out)] if name in WRITES_JSON else []), *(small if quick else full)]
    print(f"-- {name}: python bench/{name}.py {' '.join(args)}", flush=True)
    proc = subprocess.run([sys.executable, str(script), *args], check=False, capture_output=True, text=True)
    print(proc.stdout + proc.stderr, flush=True)
    if proc.returncode != 0:
        print(f"-- {name}: failed (exit {proc.returncode})\n")
        return None
    if name not in WRITES_JSON:
        return {"printed": proc.stdout.splitlines()}
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def summary(results: dict[str, dict[str, Any] | None]) -> list[list[object]]:
    """One row per target: what it is, the figure measured, the target, met or not."""
    rows: list[list[object]] = []
    tp = results.get("throughput")
    if tp:
        for name, value in tp["ratios"].items():
            target = tp["targets"][name]
            rows.append([name, round(value, 3), f">= {target}", "yes" if value >= target else "NO"])
    jobs = results.get("jobs")
    if jobs:
        two = next((r for r in jobs["rows"] if r["jobs"] == 2), None)
        if two:
            target = jobs["target_speed_up_jobs_2"]
            ok = "yes" if two["speed_up"] >= target else "NO"
            rows.append(["--jobs 2 / --jobs 1", round(two["speed_up"], 3), f">= {target}", ok])
    for name in ("stream_memory", "startup"):
        if results.get(name) is None:
            rows.append([name, "not measured", "-", "-"])
        else:
            rows.append([name, "see its output above", "-", "-"])
    return rows


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, one run: checks the bench works")
    ap.add_argument("--only", nargs="+", choices=list(SCRIPTS), help="run only these scripts")
    args = ap.parse_args()
    results = {name: run_script(name, args.quick) for name in (args.only or SCRIPTS)}
    rows = summary(results)
    print(table(["target (issue 6)", "measured", "target", "met"], rows), end="")
    data = {"machine": machine(), "quick": args.quick, "targets": rows, "results": results}
    write_json(RESULTS / "summary.json", data)


if __name__ == "__main__":
    main()
