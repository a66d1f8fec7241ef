"""bench/jobs.py: how a run's thread accounts are split between the first thread, the workers and the
threads that sync a task's copies, and whose blocked time counts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from benchscript import load_bench_script

load_bench_script("benchlib")  # jobs.py imports it as a sibling script
jobs = load_bench_script("jobs")

PID = 4242
MAIN = f"/proc/{PID}/task/{PID}"


def _accounts(threads: dict[str, tuple[str, tuple[float, float, float, float]]]) -> Any:
    acc = jobs.Accounts(PID)
    for task, (name, seen) in threads.items():
        acc.names[task] = name
        acc.seen[task] = seen
    return acc


def test_one_job_counts_the_first_threads_blocked_time_beside_short_syncers() -> None:
    acc = _accounts(
        {
            MAIN: ("cleaner", (6.0, 0.5, 0.0, 8.0)),
            f"/proc/{PID}/task/1": ("cleaner-sync", (0.01, 0.0, 1.0, 1.02)),
            # Seen once, before it named itself: not a worker.
            f"/proc/{PID}/task/2": ("cleaner", (0.002, 0.0, 3.0, 3.0)),
        }
    )
    run = acc.fill(jobs.Run(8.0))
    assert run.main_cpu == 6.0
    assert round(run.worker_cpu, 3) == 0.012
    assert run.sync_cpu == 0.01
    assert run.blocked == 8.0 - 6.0 - 0.5


def test_two_workers_blocked_time_leaves_out_the_syncers_and_idle_threads() -> None:
    acc = _accounts(
        {
            MAIN: ("cleaner", (0.3, 0.0, 0.0, 4.0)),
            f"/proc/{PID}/task/1": ("cleaner", (3.0, 0.2, 0.1, 4.0)),
            f"/proc/{PID}/task/2": ("cleaner", (3.2, 0.1, 0.1, 4.0)),
            f"/proc/{PID}/task/3": ("cleaner-sync", (0.05, 0.0, 1.0, 3.0)),
            f"/proc/{PID}/task/4": ("exit-with-pare", (0.001, 0.0, 0.0, 4.0)),
        }
    )
    run = acc.fill(jobs.Run(4.0))
    assert run.main_cpu == 0.3
    assert round(run.worker_cpu, 3) == 6.251
    assert run.sync_cpu == 0.05
    assert round(run.blocked, 3) == round((3.9 - 3.0 - 0.2) + (3.9 - 3.2 - 0.1), 3)


def test_the_file_system_of_a_folder_is_that_of_its_deepest_mount() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/mounts")
    assert jobs.file_system(Path("/proc")) == "proc"
    assert jobs.file_system(Path("/proc/self/task")) == "proc"  # below the mount point, and through a link
    assert jobs.file_system(Path("/")) not in ("proc", "?")
