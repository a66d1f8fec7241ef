"""Shared helpers of the bench scripts: the dev corpus, timing (median of runs), tables, JSON."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
RESULTS = HERE / "results"
T = TypeVar("T")


def need_shared(shared: Path, sets: Sequence[str] = ("scrapinghub-dev",)) -> Path:
    """The shared folder, or a clear exit when one of the dev sets it should hold is missing."""
    for name in sets:
        if not (shared / "eval" / name).is_dir():
            sys.exit(f"error: {shared}/eval/{name} not found; give --shared PATH (the bench reads the dev dumps)")
    return shared


DEV_SETS = ("scrapinghub-dev", "trafilatura-dev", "dragnet-dev")
"""Every dev set in ``../shared/eval``; each has ``{chromium,w3m}/input/*.txt`` dumps and ``html/*.html.gz`` pages."""


@dataclass(frozen=True)
class Page:
    """One dev dump with the page's HTML file."""

    id: str
    text: str
    html: Path


def dev_pages(shared: Path, sets: Sequence[str] = ("scrapinghub-dev",)) -> list[Page]:
    """The dumps of both styles (chromium, w3m) of the given dev sets, sorted, each with its page's HTML."""
    pages = []
    for name in sets:
        base = shared / "eval" / name
        for style in ("chromium", "w3m"):
            for p in sorted((base / style / "input").glob("*.txt")):
                html = base / "html" / f"{p.stem}.html.gz"
                pages.append(Page(f"{name}/{style}/{p.stem}", p.read_text(encoding="utf-8"), html))
    return pages


def spread(items: Sequence[T], n: int) -> list[T]:
    """``n`` items taken at even steps through ``items`` (all of them when ``n`` is 0 or too big).

    >>> spread(list(range(10)), 3)
    [0, 3, 6]
    """
    if n <= 0 or n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def mb(texts: Sequence[str]) -> float:
    """Megabytes (10^6 bytes) of UTF-8 text."""
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def round_robin(
    fns: dict[str, Callable[[], object]], runs: int, setups: dict[str, Callable[[], object]] | None = None
) -> dict[str, list[float]]:
    """Wall times of ``runs`` calls of each function, taken in turns so machine noise hits all alike.

    ``setups[name]``, when given, runs untimed before each timed call of ``name``.
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            if setups and name in setups:
                setups[name]()
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return times


def median(xs: Sequence[float]) -> float:
    """The median."""
    return statistics.median(xs)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table with right-aligned numbers.

    >>> print(table(["a", "b"], [["x", 1.5]]), end="")
    a    b
    x  1.5
    """
    cells = [[str(h) for h in headers]] + [[_cell(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for r in cells:
        parts = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out) + "\n"


def _cell(c: object) -> str:
    if isinstance(c, float):
        return f"{c:.3g}" if abs(c) < 10 else f"{c:.1f}"
    return str(c)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write the numbers (creating the folder) and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
