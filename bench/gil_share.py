"""What share of a folder run's CPU holds the GIL: the bound it puts on ``--jobs`` threads, from CPU figures.

Runs ``cleaner clean DIR -o OUT`` in this process (the command line's Cleaner and batch code, one job)
on the ``jobs.py`` folder, timing with each thread's CPU clock: the whole run, the engine calls (which
release the GIL) and, inside them, the site rule callbacks into Python (which take it back). The system
calls that open, stat, fsync, rename and make files, and those of file objects (read, write, close),
also run without the GIL (CPython releases it around them); they are timed the same way, through ``os``
and ``io.open``. A small run first imports what a run imports lazily, so that is not counted. The rest
of the CPU (detection, the Python around reading and writing, progress, reports) holds the GIL, so on a
machine with two free cores, two threads finish in at best ``s + (1 - s) / 2`` of one thread's time,
``s`` being the GIL-held share of the CPU (Amdahl's law). The figures are CPU time, so they hold when
other work loads the machine, where wall-time ratios do not; waits (``fsync``) are not CPU and overlap
between threads, so they are reported beside it. The engine calls' time includes turning the text
into UTF-8 and the result back into Python objects, which holds the GIL: the share is a lower bound.
A task's files read, cleaned and written in one engine call (``clean_files``: its system calls and its
site detection included) count as engine time. Site detection's search of a file's bytes
(``Literals.find_bytes``, the bytes-in path) releases the GIL and is timed too; its search of a ``str``
is counted as held (making the UTF-8 copy holds it).
The timing wrappers' own CPU (about a microsecond a timed call, some 18 calls a document) is measured
on no-op calls and taken off the figures it fell into.

    python bench/gil_share.py --files 1000
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import SHARED, need_shared
from jobs import make_folder

from cleaner import pipeline
from cleaner.batch import Mode, Options, run
from cleaner.settings import make_cleaner

_SYSTEM_CALLS = (
    "open",
    "write",
    "fsync",
    "replace",
    "stat",
    "lstat",
    "mkdir",
    "chmod",
    "unlink",
    "close",
    "read",
    "urandom",
    "scandir",
)
"""What ``os`` does for a folder run that releases the GIL: timed as the engine calls are."""


class _Timed:
    """CPU seconds spent in calls of one kind, over all threads."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.calls = 0
        self._lock = threading.Lock()

    def add(self, seconds: float) -> None:
        with self._lock:
            self.cpu += seconds
            self.calls += 1


def _timer(timed: _Timed) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wraps a call so that its CPU time (this thread's clock) is added to ``timed``."""

    def wrap(call: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return call(*args, **kwargs)
            finally:
                timed.add(time.thread_time() - start)

        return timed_call

    return wrap


class _TimedFile:
    """A file object whose reads, writes and closing (system calls without the GIL) are timed."""

    def __init__(self, fh: Any, timed: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
        self._fh = fh
        for name in ("read", "write", "flush", "close", "readline", "readinto"):
            if hasattr(fh, name):
                setattr(self, name, timed(getattr(fh, name)))
        self._exit = timed(fh.__exit__)

    def __enter__(self) -> _TimedFile:
        return self

    def __exit__(self, *exc: object) -> Any:
        return self._exit(*exc)

    def __iter__(self) -> Any:
        return iter(self._fh)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


class _TimedEngine:
    """The compiled engine with each ``clean`` call's CPU time (this thread's clock) added up."""

    def __init__(self, engine: Any, timed: _Timed) -> None:
        self._engine = engine
        self._timed = timed

    def _timed_call(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return call(*args, **kwargs)
        finally:
            self._timed.add(time.thread_time() - start)

    def clean(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed_call(self._engine.clean, *args, **kwargs)

    def clean_counting(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed_call(self._engine.clean_counting, *args, **kwargs)

    def clean_bytes(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed_call(self._engine.clean_bytes, *args, **kwargs)

    def clean_files(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed_call(self._engine.clean_files, *args, **kwargs)


class _TimedLiterals:
    """Site detection's literal search: ``find_bytes`` (a file's bytes) searches without the GIL and is timed
    as the engine calls are; ``find`` on a ``str`` is not, since turning the ``str`` into UTF-8 holds it."""

    def __init__(self, automaton: Any, timed: _Timed) -> None:
        self._automaton = automaton
        self._timed = timed
        self.find = automaton.find

    def find_bytes(self, data: bytes) -> Any:
        start = time.thread_time()
        try:
            return self._automaton.find_bytes(data)
        finally:
            self._timed.add(time.thread_time() - start)


def measure(folder: Path, out: Path) -> dict[str, float]:
    """CPU and wall seconds of one run over ``folder``, and their parts."""
    engine, site, search = _Timed(), _Timed(), _Timed()
    stage_call = pipeline._SiteStage.__call__

    def timed_stage(self: pipeline._SiteStage, lines: list[str], alive: list[bool], protected: list[bool]) -> Any:
        start = time.thread_time()
        try:
            return stage_call(self, lines, alive, protected)
        finally:
            site.add(time.thread_time() - start)

    syscalls = _Timed()
    calls = {name: getattr(os, name) for name in _SYSTEM_CALLS}
    timed_call = _timer(syscalls)
    io_open = io.open
    opens = 0

    def timed_open(*args: Any, **kwargs: Any) -> _TimedFile:
        nonlocal opens
        opens += 1
        return _TimedFile(timed_call(io_open)(*args, **kwargs), timed_call)

    cl = make_cleaner()
    cl.engine = _TimedEngine(cl.engine, engine)  # type: ignore[assignment]
    literals = cl.index._literals
    literals._automaton = _TimedLiterals(literals._automaton, search)  # type: ignore[assignment]
    pipeline._SiteStage.__call__ = timed_stage  # type: ignore[method-assign]
    for name, call in calls.items():
        setattr(os, name, timed_call(call))
    io.open = timed_open  # pathlib's Path.open and os.fdopen call it
    try:
        own0 = resource.getrusage(resource.RUSAGE_THREAD)
        use0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        report = run(cl, [folder], Options(mode=Mode.OUTDIR, outdir=out, quiet=True, jobs=1), say=lambda _: None)
        use, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - wall0
        own = resource.getrusage(resource.RUSAGE_THREAD)
    finally:
        pipeline._SiteStage.__call__ = stage_call  # type: ignore[method-assign]
        for name, call in calls.items():
            setattr(os, name, call)
        io.open = io_open
    user, system = use.ru_utime - use0.ru_utime, use.ru_stime - use0.ru_stime
    own_cpu = own.ru_utime - own0.ru_utime + own.ru_stime - own0.ru_stime
    return {
        "cpu_s": user + system,
        # A task's copies are synced by a thread of the engine's own (jobs6), which never holds the GIL.
        "other_threads_cpu_s": max(0.0, user + system - own_cpu),
        "user_s": user,
        "system_s": system,
        "wall_s": wall,
        "engine_cpu_s": engine.cpu,
        "site_callback_cpu_s": site.cpu,
        "documents": report.documents,
        "engine_calls": engine.calls,
        "site_calls": site.calls,
        "search_cpu_s": search.cpu,
        "searches": search.calls,
        "system_call_cpu_s": syscalls.cpu,
        "system_calls": syscalls.calls,
        "file_objects": opens,
    }


def _engine_timer(engine: _TimedEngine) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return lambda call: lambda: engine._timed_call(call)


def instrumentation_cost(r: dict[str, float], n: int = 20000) -> dict[str, float]:
    """CPU seconds the timing wrappers themselves added to a run's figures, measured on no-op calls.

    Each wrapped call costs some CPU outside its timed interval (counted as GIL-held otherwise) and
    some inside it (counted as the system call's or the engine's); each timed file object costs its
    construction. Returns what to take off the held rest, the system calls and the engine calls.
    """

    def per_call(wrap: Callable[[Callable[..., Any]], Callable[..., Any]], timed: _Timed) -> tuple[float, float]:
        noop = wrap(lambda: None)
        start = time.thread_time()
        for _ in range(n):
            noop()
        whole = (time.thread_time() - start) / n
        return whole - timed.cpu / n, timed.cpu / n  # outside the interval, inside it

    best: dict[str, float] = {}
    for _ in range(3):  # the least of three: the machine's noise only adds
        t_sys, t_eng = _Timed(), _Timed()
        out_s, in_s = per_call(_timer(t_sys), t_sys)
        out_e, in_e = per_call(_engine_timer(_TimedEngine(None, t_eng)), t_eng)
        fh, wrap = io.BytesIO(), _timer(_Timed())
        start = time.thread_time()
        for _ in range(n // 10):
            _TimedFile(fh, wrap)
        per_file = (time.thread_time() - start) / (n // 10)
        got = {
            "held_s": r["system_calls"] * out_s
            + r["file_objects"] * per_file
            + (r["engine_calls"] + r["searches"]) * out_e,
            "system_call_s": r["system_calls"] * in_s,
            "engine_s": r["engine_calls"] * in_e,
            "search_s": r["searches"] * in_e,
        }
        best = {k: min(v, best.get(k, v)) for k, v in got.items()}
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    shared = need_shared(args.shared)
    work = Path(tempfile.mkdtemp(prefix="cleaner-gil-"))
    try:
        make_folder(shared, work / "warm", 8)
        run(make_cleaner(), [work / "warm"], Options(mode=Mode.OUTDIR, outdir=work / "warm-out", quiet=True), say=print)
        folder = work / "in"
        size = make_folder(shared, folder, args.files)
        r = measure(folder, work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cost = instrumentation_cost(r)
    cpu = r["cpu_s"] - sum(cost.values())
    engine = r["engine_cpu_s"] - cost["engine_s"] - r["site_callback_cpu_s"]
    system = r["system_call_cpu_s"] - cost["system_call_s"]
    search = r["search_cpu_s"] - cost["search_s"]
    held = cpu - engine - system - search - r["other_threads_cpu_s"]
    share = held / cpu
    raw_held = (
        r["cpu_s"]
        - (r["engine_cpu_s"] - r["site_callback_cpu_s"])
        - r["system_call_cpu_s"]
        - r["search_cpu_s"]
        - r["other_threads_cpu_s"]
    )
    bound = 1 / (share + (1 - share) / 2)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{r['documents']:.0f} documents, {size:.1f} MB; load average {load}")
    print(
        f"run: CPU {r['cpu_s']:.2f} s (user {r['user_s']:.2f}, system {r['system_s']:.2f}), wall {r['wall_s']:.2f} s "
        f"(wall - CPU: {r['wall_s'] - r['cpu_s']:.2f} s waiting)"
    )
    print(
        f"engine calls: CPU {r['engine_cpu_s']:.2f} s, of which site rule callbacks (GIL held) "
        f"{r['site_callback_cpu_s']:.2f} s"
    )
    print(f"system calls through os and file objects (GIL released): CPU {r['system_call_cpu_s']:.2f} s")
    print(f"site detection's search of a file's bytes (GIL released): CPU {r['search_cpu_s']:.3f} s")
    print(
        f"the timing's own cost ({r['system_calls']:.0f} system calls, {r['file_objects']:.0f} file objects and "
        f"{r['engine_calls']:.0f} engine calls timed, measured on no-ops): {sum(cost.values()):.3f} s, of which "
        f"{cost['held_s']:.3f} s counted as held (held before taking it off: {raw_held:.2f} s = "
        f"{raw_held / r['cpu_s']:.1%})"
    )
    print(f"the engine's own threads (a task's copies synced, GIL released): CPU {r['other_threads_cpu_s']:.2f} s")
    print(f"the rest, GIL held: {held:.2f} s = {share:.1%} of the CPU (the run's {cpu:.2f} s without the timing)")
    print(f"two threads on two free cores, at best (Amdahl): {bound:.2f} x one thread (1.8 needs <= 11.1 % held)")


if __name__ == "__main__":
    main()
