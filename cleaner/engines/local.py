"""Cleaning on every core of one machine: an ordered pool of threads (or processes) with a bounded window.

Threads by default: the engine releases the GIL while it cleans a document and one compiled
engine serves them all, so ``--jobs 2`` costs the memory of one process and starts no worker.
The Python around each document (reading, JSON, site rule files, writing) holds the GIL; a
corpus where most documents come from a known site spends a good part of its time in those
rule files, and worker processes (``processes=True``, ``--processes``) scale better there, at the
cost of a compiled copy of the rules per process. Each worker process gets the Cleaner once,
through the pool's initializer, never with each task.

``map`` yields results in input order (output identical to a one-job run) and keeps only
``window`` tasks in flight, so reading a huge file never runs ahead of the workers:
``multiprocessing.Pool.imap`` would queue the whole input.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from cleaner.pipeline import Cleaner

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

# multiprocessing and concurrent.futures are imported when a pool starts: a one-process run (the
# pre-commit hook's) never needs them, and they cost a good part of its start-up.

T = TypeVar("T")
R = TypeVar("R")

Work = Callable[[Cleaner, T], R]
"""A task function: module-level (workers import it), given the worker's Cleaner."""

TASKS_PER_WORKER = 3
"""Tasks in flight per worker: enough to keep every worker busy, few enough to bound memory."""


def start_method() -> str:
    """How workers start: from a clean process, not a fork of one that may run a progress-bar thread.

    >>> start_method() in ("forkserver", "spawn")
    True
    """
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


_worker_cleaner: Cleaner | None = None


def default_jobs() -> int:
    """The cores this process may use.

    >>> default_jobs() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _exit_with_parent() -> None:
    """End this worker when the parent dies (even by SIGKILL): its pool cannot tell it any more."""
    import multiprocessing
    import multiprocessing.connection
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _init_worker(cleaner: Cleaner) -> None:
    global _worker_cleaner
    _worker_cleaner = cleaner
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool and removes half-written files.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()


def _run(work: Work[T, R], item: T) -> R:
    assert _worker_cleaner is not None, "worker started without its initializer"
    return work(_worker_cleaner, item)


class LocalEngine:
    """Runs task functions in this thread (``jobs=1``) or on a pool of ``jobs`` threads or processes.

    >>> from cleaner.engines.local import LocalEngine
    >>> with LocalEngine(Cleaner(), jobs=1) as engine:
    ...     list(engine.map(Cleaner.__call__, ["Title\\n\\nAdvertisement\\n\\nThe story goes on here.\\n"]))
    ['Title\\n\\nThe story goes on here.\\n']
    """

    def __init__(self, cleaner: Cleaner, jobs: int = 1, processes: bool = False) -> None:
        self.cleaner = cleaner
        self.jobs = max(1, jobs)
        self.processes = processes
        self._pool: Executor | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers, dropping tasks not yet started (a thread finishes the task it is on)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> Executor:
        if self._pool is None and not self.processes:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="cleaner")
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(start_method()),
                initializer=_init_worker,
                initargs=(self.cleaner,),
            )
        return self._pool

    def map(self, work: Work[T, R], items: Iterable[T]) -> Iterator[R]:
        """``work(cleaner, item)`` for every item, results in input order.

        A single item, or ``jobs=1``, runs here: starting workers would cost more.
        """
        it = iter(items)
        head = list(islice(it, 2))
        if self.jobs == 1 or len(head) < 2:
            for item in head:
                yield work(self.cleaner, item)
            for item in it:
                yield work(self.cleaner, item)
            return
        pool = self._executor()
        window = self.jobs * TASKS_PER_WORKER

        def submit(item: T) -> Future[R]:
            if self.processes:
                return pool.submit(_run, work, item)
            return pool.submit(work, self.cleaner, item)

        pending: deque[Future[R]] = deque(submit(item) for item in head)
        for item in it:
            if len(pending) >= window:
                yield pending.popleft().result()
            pending.append(submit(item))
        while pending:
            yield pending.popleft().result()
