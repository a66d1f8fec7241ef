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
from pathlib import Path
from typing import Any

from benchlib import HERE, RESULTS, machine, table, write_json

QUICK = {
    "throughput": ["--mb", "5", "--runs", "1", "--skip-slow"],
    "jobs": ["--files", "500", "--runs", "1"],
    "stream_memory": [],
    "startup": ["--runs", "3"],
}


def run_script(name: str, quick: bool) -> dict[str, Any] | None:
    """Run bench/<name>.py (when present) and read back its JSON."""
    script = HERE / f"{name}.py"
    if not script.exists():
        print(f"-- {name}: bench/{name}.py not here yet, skipped\n")
        return None
    out = RESULTS / f"{name}.json"
    cmd = [sys.executable, str(script), "--json", str(out), *(QUICK.get(name, []) if quick else [])]
    print(f"-- {name}: {' '.join(Path(c).name if i < 2 else c for i, c in enumerate(cmd))}", flush=True)
    proc = subprocess.run(cmd, check=False)
    print()
    if proc.returncode != 0 or not out.exists():
        print(f"-- {name}: failed (exit {proc.returncode})\n")
        return None
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
    return rows


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, one run: checks the bench works")
    ap.add_argument("--only", nargs="+", choices=list(QUICK), help="run only these scripts")
    args = ap.parse_args()
    results = {name: run_script(name, args.quick) for name in (args.only or QUICK)}
    rows = summary(results)
    print(table(["target (issue 6)", "measured", "target", "met"], rows), end="")
    write_json(RESULTS / "summary.json", {"machine": machine(), "quick": args.quick, "targets": rows})


if __name__ == "__main__":
    main()
