"""Scaling over workers: `cleaner clean DIR -o OUT --jobs N` on a folder of 5,000 dumps, N = 1 and 2.

The folder is made of the scrapinghub-dev dumps (both styles) copied under new names until it
holds ``--files`` files. Each figure is the median wall time of ``--runs`` runs of the real
command line (start-up included), the settings alternating so machine noise hits them all.
The command runs with byte-compiled modules (``PYTHONDONTWRITEBYTECODE`` dropped; an untimed run on
8 files per tree first writes what is missing and fills the compiled-pattern cache). ``--jobs N``
runs worker threads; the rows marked "processes" add ``--processes`` (worker processes, as before
threads), for the values of ``--processes`` (default: 2).
Target (issue 12): ``--jobs 2`` at least 1.8 times as fast as ``--jobs 1``.

Where a run's wall time goes, from the kernel's accounts of every thread of the command and of its
worker processes (``/proc/PID/task/TID/schedstat``, read every 20 ms): CPU of the first thread (start-up,
discovery, hand-offs, merging the reports) and of the others (the workers), and the time the workers
were neither running nor waiting for a core: blocked on the GIL, a lock or the disk (``fsync``). The
CPU figures hold on a loaded machine; the wall times and the blocked time only on a quiet one.

``--engine-alone`` times ``Cleaner()(text)`` instead, over the folder's texts read into memory
beforehand, in 1 and 2 threads (no CLI, no files): the engine and the binding without the rest.

    python bench/jobs.py                     # table on stdout, JSON in bench/results/jobs.json
    python bench/jobs.py --files 1000 --runs 3 --jobs 1 2 4 --processes
    python bench/jobs.py --engine-alone --runs 3
    python bench/jobs.py --tmp /tmp /dev/shm      # the same on a disk's file system and in memory, in turns
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass
class Run:
    """One timed run: wall seconds and the accounts of its threads (seconds)."""

    wall: float
    process_cpu: float = 0.0
    """CPU of the whole command, its worker processes included (``wait4``)."""
    main_cpu: float = 0.0
    """CPU of the command's first thread (start-up, discovery, hand-offs, merging) and its preload thread."""
    worker_cpu: float = 0.0
    """CPU of every other thread and process: the workers, and a pool's own threads."""
    sync_cpu: float = 0.0
    """CPU of the threads that sync a task's copies (part of ``worker_cpu``)."""
    blocked: float = 0.0
    """Time the threads that clean were neither on a core nor waiting for one: GIL, locks, disk."""
    waiting: float = 0.0
    """Time all threads waited for a core (other load on the machine)."""


def _tasks(pid: int) -> list[str]:
    """``/proc`` folders of every thread of ``pid`` and of its child processes, recursively."""
    found = []
    try:
        found = [f"/proc/{pid}/task/{tid}" for tid in os.listdir(f"/proc/{pid}/task")]
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in children:
        found += _tasks(int(child))
    return found


class Accounts:
    """The schedstat of every thread of a process tree, sampled until it ends (Linux; empty elsewhere)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.seen: dict[str, tuple[float, float, float, float]] = {}
        """Per thread: on CPU, waiting for a core (seconds), first and last time seen."""
        self.names: dict[str, str] = {}

    def sample(self) -> None:
        now = time.perf_counter()
        for task in _tasks(self.pid):
            try:
                on, wait = Path(task, "schedstat").read_text().split()[:2]
            except (OSError, ValueError):
                continue
            # Read each time: a thread names itself after it starts, and a short one may be seen before.
            try:
                self.names[task] = Path(task, "comm").read_text().strip()
            except OSError:
                continue
            first = self.seen.get(task, (0.0, 0.0, now, now))[2]
            self.seen[task] = (int(on) / 1e9, int(wait) / 1e9, first, now)

    def fill(self, run: Run) -> Run:
        main = f"/proc/{self.pid}/task/{self.pid}"
        cleaning = []  # threads busy 10 % of their life: a pool's own threads (hand-offs, watchers) sleep
        for task, (on, wait, first, last) in self.seen.items():
            run.waiting += wait
            if task == main or self.names.get(task) == "cleaner-preload":
                run.main_cpu += on
                continue
            run.worker_cpu += on
            if self.names.get(task) == "cleaner-sync":
                run.sync_cpu += on  # a task's syncing thread waits on the disk while the worker cleans
                continue
            # Seen once: a short thread (a task's syncer met before it named itself), not a worker.
            if last > first and on >= 0.1 * (last - first):
                cleaning.append(task)
        # One job cleans in the first thread; with workers, that one mostly waits for their results.
        for task in cleaning or [main]:
            on, wait, first, last = self.seen.get(task, (0.0, 0.0, 0.0, 0.0))
            run.blocked += max(0.0, (last - first) - on - wait)
        return run


def child_env(tree: Path | None) -> dict[str, str]:
    """The command's environment: byte-compiled modules, as an installed ``cleaner`` has them (without,
    every run compiles the package's sources again: about 0.25 s of serial start-up), and ``tree``'s
    ``cleaner`` where one is given."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def warm_up(src: Path, out: Path, tree: Path | None) -> None:
    """One untimed run on a few of the files: it writes the tree's ``__pycache__`` where it is missing and
    fills the compiled-pattern cache, so that no timed run pays for them."""
    few = out.parent / "warm-up"
    shutil.rmtree(few, ignore_errors=True)
    (few / "in").mkdir(parents=True)
    for path in sorted(src.rglob("*.txt"))[:8]:
        shutil.copyfile(path, few / "in" / path.name)
    cmd = [*cleaner_command(), "clean", str(few / "in"), "-o", str(few / "out"), "--quiet"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(tree), check=False)
    shutil.rmtree(few, ignore_errors=True)


def run_once(src: Path, out: Path, setting: Setting, tree: Path | None = None) -> Run:
    """One `cleaner clean src -o out --jobs N` (the output folder is emptied first), timed and accounted.

    ``tree``: the checkout whose ``cleaner`` the command imports (``PYTHONPATH``), else the environment's.
    """
    jobs, processes = setting
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*cleaner_command(), "clean", str(src), "-o", str(out), "--jobs", str(jobs), "--quiet"]
    cmd += ["--processes"] if processes else []
    env = child_env(tree)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    accounts = Accounts(proc.pid)
    # wait4 gives the CPU of every thread, the short-lived ones the 20 ms samples miss included.
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        accounts.sample()
        time.sleep(0.02)
    secs = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = (proc.stderr.read() if proc.stderr else "").strip().splitlines()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:4])} ... --jobs {jobs} exited {proc.returncode}: {err[-1] if err else ''}")
    return accounts.fill(Run(secs, process_cpu=usage.ru_utime + usage.ru_stime))


def file_system(folder: Path) -> str:
    """The type of the file system ``folder`` is on (``ext4``, ``tmpfs``...), from ``/proc/self/mounts``.

    >>> file_system(Path("/")) != ""
    True
    """
    real = os.path.realpath(folder)
    best, kind = "", "?"
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return kind
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def measure(
    shared: Path,
    files: int,
    runs: int,
    settings: list[Setting],
    trees: Sequence[Path | None] = (None,),
    places: Sequence[Path | None] = (None,),
) -> dict[str, Any]:
    """Every setting of every tree in every place (``None``: the temporary folder's), alternating, in this one run.

    The input and output folders of a place are both made under it, so its rows carry the cost of its
    file system: creating, syncing and renaming 5,000 files is the kernel's work, and differs a lot
    between a disk's (``ext4``) and memory's (``tmpfs``).
    """
    with contextlib.ExitStack() as stack:
        folders = []
        for place in places:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-bench-jobs-", dir=place))
            folders.append((Path(tmp) / "in", Path(tmp) / "out"))
        size = 0.0
        for src, _ in folders:
            size = make_folder(shared, src, files)
        kinds = [file_system(src) for src, _ in folders]
        Key = tuple[int, Path | None, Setting]
        times: dict[Key, list[Run]] = {(p, t, j): [] for p in range(len(places)) for t in trees for j in settings}
        for t in trees:
            warm_up(*folders[0], t)
        # Each run writes a folder of its own, all removed at the end: on ext4 without a journal (this
        # VM's disk) a new file's inode is searched for past every inode of its group freed in the last
        # minutes (`recently_deleted`), so emptying the last run's 5,000 outputs just before the next
        # made each of its files' creation cost several times more, in both threads.
        count = itertools.count()
        for _ in range(runs):
            for p, (src, out) in enumerate(folders):
                for t in trees:
                    for j in settings:
                        times[p, t, j].append(run_once(src, out.with_name(f"out{next(count)}"), j, t))
    rows = []
    for (p, place), t in itertools.product(enumerate(places), trees):
        base = statistics.median(r.wall for r in times[p, t, settings[0]])
        for j in settings:
            done = times[p, t, j]
            secs = statistics.median(r.wall for r in done)
            rows.append(
                {
                    "place": str(place) if place is not None else tempfile.gettempdir(),
                    "file_system": kinds[p],
                    "tree": str(t) if t is not None else None,
                    "jobs": j[0],
                    "processes": j[1],
                    "seconds": secs,
                    "runs": [round(r.wall, 3) for r in done],
                    "files_per_s": files / secs,
                    "mb_per_s": size / secs,
                    "speed_up": base / secs,
                    "process_cpu_s": statistics.median(r.process_cpu for r in done),
                    "main_cpu_s": statistics.median(r.main_cpu for r in done),
                    "worker_cpu_s": statistics.median(r.worker_cpu for r in done),
                    "sync_cpu_s": statistics.median(r.sync_cpu for r in done),
                    "cpu_s": statistics.median(r.main_cpu + r.worker_cpu for r in done),
                    "workers_blocked_s": statistics.median(r.blocked for r in done),
                    "waiting_for_a_core_s": statistics.median(r.waiting for r in done),
                }
            )
    return {"machine": machine(), "files": files, "mb": round(size, 2), "rows": rows, "target_speed_up_jobs_2": TARGET}


def _clean_all(cleaner: Any, texts: Sequence[str]) -> None:
    for text in texts:
        cleaner(text)


def engine_alone(shared: Path, files: int, runs: int, jobs: Sequence[int]) -> dict[str, Any]:
    """``Cleaner()(text)`` over the folder's texts held in memory, in 1 and 2 (``jobs``) threads, alternating."""
    from cleaner import Cleaner

    texts = [p.text for p in dev_pages(shared)]
    texts = [texts[n % len(texts)] for n in range(files)]
    cleaner = Cleaner()
    _clean_all(cleaner, texts[:50])
    times: dict[int, list[tuple[float, float]]] = {n: [] for n in jobs}
    for _ in range(runs):
        for n in jobs:
            threads = [threading.Thread(target=_clean_all, args=(cleaner, texts[i::n])) for i in range(n)]
            wall, cpu = time.perf_counter(), time.process_time()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            times[n].append((time.perf_counter() - wall, time.process_time() - cpu))
    base = statistics.median(w for w, _ in times[jobs[0]])
    rows = []
    for n in jobs:
        secs = statistics.median(w for w, _ in times[n])
        cpu = statistics.median(c for _, c in times[n])
        rows.append(
            {
                "threads": n,
                "seconds": secs,
                "cpu_s": cpu,
                "runs": [round(w, 3) for w, _ in times[n]],
                "files_per_s": files / secs,
                "speed_up": base / secs,
            }
        )
    return {"machine": machine(), "files": files, "mb": round(mb(texts), 2), "rows": rows, "engine_alone": True}


def render(data: dict[str, Any]) -> str:
    """The table as text."""
    if data.get("engine_alone"):
        rows = [[r["threads"], r["seconds"], r["cpu_s"], r["files_per_s"], r["speed_up"]] for r in data["rows"]]
        head = f"Cleaner()(text) alone, {data['files']:,} texts in memory, {data['mb']} MB\n"
        return head + table(["threads", "seconds", "CPU s", "files/s", "speed-up"], rows)
    trees = len({r.get("tree") for r in data["rows"]}) > 1
    places = len({r.get("place") for r in data["rows"]}) > 1
    rows = [
        [
            *([f"{r['place']} ({r['file_system']})"] if places else []),
            *([Path(r["tree"]).name] if trees else []),
            label((r["jobs"], r["processes"])),
            r["seconds"],
            r["files_per_s"],
            r["mb_per_s"],
            r["speed_up"],
            r.get("process_cpu_s", 0.0),
            r["main_cpu_s"],
            r["worker_cpu_s"],
            r["workers_blocked_s"],
            r["waiting_for_a_core_s"],
        ]
        for r in data["rows"]
    ]
    head = (
        f"{data['files']:,} files, {data['mb']} MB; speed-up target for --jobs 2: >= {data['target_speed_up_jobs_2']}\n"
    )
    cols = [
        *(["folders on"] if places else []),
        *(["tree"] if trees else []),
        "--jobs",
        "seconds",
        "files/s",
        "MB/s",
        "speed-up",
        "process CPU s",
        "main CPU s",
        "workers' CPU s",
        "blocked s",
        "core wait s",
    ]
    return head + table(cols, rows)


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--processes", type=int, nargs="*", default=[2], help="--jobs values also timed with --processes")
    ap.add_argument("--trees", type=Path, nargs="+", default=[None], help="checkouts timed in turns (PYTHONPATH)")
    ap.add_argument(
        "--tmp",
        type=Path,
        nargs="+",
        default=[None],
        help="folders to make the input and output folders in, timed in turns (default: TMPDIR or /tmp)",
    )
    ap.add_argument("--engine-alone", action="store_true", help="Cleaner()(text) in threads, texts in memory")
    ap.add_argument("--json", type=Path, default=None, help="default: bench/results/jobs.json (jobs-engine.json)")
    args = ap.parse_args()
    json_path = args.json or RESULTS / ("jobs-engine.json" if args.engine_alone else "jobs.json")
    try:
        if args.engine_alone:
            data = engine_alone(need_shared(args.shared), args.files, args.runs, args.jobs)
        else:
            settings = [(j, False) for j in args.jobs] + [(j, True) for j in args.processes]
            data = measure(need_shared(args.shared), args.files, args.runs, settings, args.trees, args.tmp)
    except RuntimeError as exc:
        sys.exit(f"error: {exc}")
    print(render(data), end="")
    write_json(json_path, data)


if __name__ == "__main__":
    main()
