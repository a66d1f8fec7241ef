"""Start-up of the pre-commit hook: a fresh ``cleaner clean --check`` on one small file, over ``python -c pass``.

Each command runs in a new process, ``--runs`` times (median reported), round-robin so that machine
noise hits every command alike, after one untimed warm-up round; the dirty file is restored before
each cleaning run (outside the timing), so every run does the real work. Reference rows in the same
run: ``python -c pass`` (the interpreter's floor), ``python -c "import cleaner"``, the hook call
without the compiled-pattern cache (its first run on a machine, or ``CLEANER_NO_CACHE=1``), and the
same call through the typer app (what the hook would cost without the fast path in cleaner.entry).
The target (issue 12) is a ratio, so that it holds on any machine: the median of ``cleaner clean --check
small.txt`` at most 10 times that of ``python -c pass`` (aim: 6 times).

The children run as an installed hook does: with byte-compiled modules (``PYTHONDONTWRITEBYTECODE``
is dropped from their environment, so the warm-up round writes ``__pycache__`` where it is missing;
pip compiles them on install) and with a compiled-pattern cache of their own (in the temporary
folder, filled by the warm-up round). ``--baseline DIR`` adds rows for another source tree (e.g. a
``git archive`` of main) run as ``python -c`` with ``PYTHONPATH=DIR``, beside this tree run the same way.

    python bench/startup.py                       # table on stdout, JSON in bench/results/startup.json
    python bench/startup.py --runs 50 --file my-dump.txt --json /tmp/startup.json
    python bench/startup.py --baseline /tmp/main-src
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seeds" / "001_88e60c92ae50af0c.txt"
FALLBACK = (
    "A small headline for the benchmark\n\nAdvertisement\n\n"
    + "A paragraph of the story, long enough to count as prose for the safety valve.\n\n" * 20
)
CHECK = "cleaner clean --check small.txt"
FLOOR = "python -c pass"
TARGET_RATIO = 10.0
AIM_RATIO = 6.0


NO_CACHE = "--in-place, no compiled-pattern cache"
VIA_ENTRY = "import sys; from cleaner.entry import main; sys.exit(main())"


def commands(small: Path, baseline: Path | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The timed commands and their extra environment, by row label."""
    py = sys.executable
    script = Path(py).parent / "cleaner"
    via_typer = "import sys; from cleaner.cli import app; app(prog_name='cleaner')"
    hook = ["clean", "--in-place", str(small)]
    rows = {
        FLOOR: ([py, "-c", "pass"], {}),
        'python -c "import cleaner"': ([py, "-c", "import cleaner"], {}),
        "cleaner clean --in-place small.txt": ([str(script), *hook], {}),
        CHECK: ([str(script), "clean", "--check", str(small)], {}),
        NO_CACHE: ([str(script), *hook], {"CLEANER_NO_CACHE": "1"}),
        "same --in-place through the typer app": ([py, "-c", via_typer, *hook], {}),
    }
    if baseline is not None:
        rows["this tree: python -c entry --in-place"] = ([py, "-c", VIA_ENTRY, *hook], {"PYTHONPATH": str(HERE.parent)})
        rows["baseline: python -c entry --in-place"] = ([py, "-c", VIA_ENTRY, *hook], {"PYTHONPATH": str(baseline)})
    return rows


def _child_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def measure(
    runs: int, source: Path | None, baseline: Path | None = None
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall times and CPU times (user + system) in milliseconds per command.

    CPU time is reported beside wall time because it moves less when other work loads the machine.
    """
    work = Path(tempfile.mkdtemp(prefix="cleaner-startup-"))
    dirty = work / "dirty.txt"
    if source is not None:
        shutil.copyfile(source, dirty)
    else:
        dirty.write_text(FALLBACK, encoding="utf-8")
    small = work / "small.txt"
    cmds = commands(small, baseline)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CLEANER_NO_CACHE")}
    env["CLEANER_CACHE_DIR"] = str(work / "pattern-cache")
    times: dict[str, list[float]] = {label: [] for label in cmds}
    cpu: dict[str, list[float]] = {label: [] for label in cmds}
    try:
        for round_ in range(runs + 1):
            for label, (argv, extra) in cmds.items():
                shutil.copyfile(dirty, small)
                cpu_start, start = _child_cpu(), time.perf_counter()
                done = subprocess.run(argv, cwd=work, env={**env, **extra}, capture_output=True, check=False)
                if round_:  # round 0 warms up: bytecode and pattern caches, the OS's file cache
                    times[label].append((time.perf_counter() - start) * 1000)
                    cpu[label].append((_child_cpu() - cpu_start) * 1000)
                if done.returncode not in (0, 1):
                    sys.exit(f"{label} failed ({done.returncode}): {done.stderr.decode(errors='replace').strip()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--file", type=Path, default=SEED if SEED.is_file() else None, help="the small dump")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "startup.json")
    parser.add_argument("--baseline", type=Path, help="another source tree to time beside this one")
    args = parser.parse_args()
    times, cpu = measure(args.runs, args.file, args.baseline)
    floor = statistics.median(times[FLOOR])
    rows = []
    print(f"{'command':42s} {'median ms':>10s} {'min ms':>8s} {'x python':>9s} {'cpu ms':>7s}")
    for label, ts in times.items():
        med, cpu_med = statistics.median(ts), statistics.median(cpu[label])
        rows.append(
            {
                "command": label,
                "median_ms": round(med, 1),
                "min_ms": round(min(ts), 1),
                "cpu_median_ms": round(cpu_med, 1),
                "runs": len(ts),
            }
        )
        print(f"{label:42s} {med:10.1f} {min(ts):8.1f} {med / floor:9.1f} {cpu_med:7.1f}")
    check = statistics.median(times[CHECK])
    ratio = check / floor
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nhook start-up: `{CHECK}` {check:.1f} ms = {ratio:.1f} x `{FLOOR}` ({floor:.1f} ms); "
        f"target <= {TARGET_RATIO:g}x {verdict}, aim {AIM_RATIO:g}x (load average {load})"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    size = args.file.stat().st_size if args.file else len(FALLBACK.encode())
    args.json.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "file": str(args.file) if args.file else "(built-in text)",
                "file_bytes": size,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "check_ms": round(check, 1),
                "python_ms": round(floor, 1),
                "ratio_check_to_python": ratio,
                "target_ratio": TARGET_RATIO,
                "aim_ratio": AIM_RATIO,
                "load_average": os.getloadavg(),
                "baseline": str(args.baseline) if args.baseline else None,
                "rows": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
