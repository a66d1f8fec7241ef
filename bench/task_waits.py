"""Where a `-o` task's time goes in each worker thread: `Cleaner.clean_files` on 8-file tasks, no CLI.

The ``jobs.py`` folder (``--files`` dumps) cleaned into a fresh output folder by ``--threads`` threads
taking 8-file tasks in turn, each task one ``clean_files`` call (``-o``: every file written, synced and
renamed), as a ``--jobs N`` run's workers do, without the pool, the reports or the start-up. Per thread,
from the kernel's accounts (``/proc/thread-self/schedstat``, ``RUSAGE_THREAD``): wall time, CPU (user,
system), time waiting for a core, and the rest: blocked (the disk's waits, ``fsync``, the GIL, a join).
The CPU of threads a call starts and ends (a task's syncing thread) is in the process's CPU only.
Run it with ``PYTHONPATH`` set to the checkout to time, trees in turns:

    PYTHONPATH=TREE python bench/task_waits.py --files 2000 --threads 1
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

from benchlib import SHARED, need_shared
from jobs import make_folder

FILES_PER_TASK = 8
"""As ``cleaner.engines.dispatch.FILES_PER_TASK``."""


def _schedstat() -> tuple[float, float]:
    on, wait = Path("/proc/thread-self/schedstat").read_text().split()[:2]
    return int(on) / 1e9, int(wait) / 1e9


def run(src: Path, out: Path, threads: int) -> tuple[float, float, list[dict[str, float]]]:
    """Wall seconds, process CPU seconds and each thread's accounts of cleaning ``src`` into ``out``."""
    from cleaner.pipeline import Cleaner
    from cleaner.textio import umask

    cleaner = Cleaner(metadata=False)
    rows: list[tuple[str, str | None, str | None]] = [
        (str(p), str(out / p.relative_to(src)), None) for p in sorted(src.rglob("*.txt"))
    ]
    tasks = [rows[i : i + FILES_PER_TASK] for i in range(0, len(rows), FILES_PER_TASK)]
    mask = umask()
    lock = threading.Lock()
    taken = [0]
    accounts: list[dict[str, float]] = []

    def work() -> None:
        r0 = resource.getrusage(resource.RUSAGE_THREAD)
        on0, wait0 = _schedstat()
        t0 = time.perf_counter()
        while True:
            with lock:
                i = taken[0]
                taken[0] += 1
            if i >= len(tasks):
                break
            if any(done is None for done in cleaner.clean_files(tasks[i], 2, 0, mask)):
                raise RuntimeError(f"a file of task {i} was left to the Python path")
        wall = time.perf_counter() - t0
        on, wait = (a - b for a, b in zip(_schedstat(), (on0, wait0), strict=True))
        r1 = resource.getrusage(resource.RUSAGE_THREAD)
        with lock:
            accounts.append(
                {
                    "wall": wall,
                    "cpu": on,
                    "user": r1.ru_utime - r0.ru_utime,
                    "system": r1.ru_stime - r0.ru_stime,
                    "core_wait": wait,
                    "blocked": wall - on - wait,
                }
            )

    start = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - t0
    end = resource.getrusage(resource.RUSAGE_SELF)
    cpu = end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime
    return wall, cpu, accounts


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-waits-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        make_folder(need_shared(args.shared), src, args.files)
        shutil.rmtree(out, ignore_errors=True)
        wall, cpu, accounts = run(src, out, args.threads)
    print(f"{args.files:,} files, {args.threads} thread(s): wall {wall:.2f} s, process CPU {cpu:.2f} s")
    for n, a in enumerate(accounts):
        print(
            f"  thread {n}: wall {a['wall']:.2f}  CPU {a['cpu']:.2f} (user {a['user']:.2f}, system {a['system']:.2f})"
            f"  core wait {a['core_wait']:.2f}  blocked {a['blocked']:.2f}"
        )


if __name__ == "__main__":
    main()
