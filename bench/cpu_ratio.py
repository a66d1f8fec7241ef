"""Cleaner()(text) against the C4-style filter in CPU seconds: the main ratio on a machine other work shares.

Wall-clock MB/s (``throughput.py``) moves with the load of other processes; ``time.process_time`` counts
only this process's CPU, so two versions run one after the other on a busy machine compare fairly. Every
dev page (both styles of the three dev sets) once through ``Cleaner()(text)`` and ``Cleaner().clean(text)``;
the C4 filter best of three. One JSON line on stdout.

    python bench/cpu_ratio.py                                  # this checkout
    python bench/cpu_ratio.py --passes 3                       # and the call's MB/s on 2 more passes
    PYTHONPATH=/tmp/old python bench/cpu_ratio.py              # the cleaner package of another checkout
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import DEV_SETS, SHARED, dev_pages, mb, need_shared
from throughput import WARM_UP_TEXT, c4_filter

from cleaner import Cleaner


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU seconds this process spends on ``work()``."""
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    """Measure and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/")
    ap.add_argument(
        "--passes",
        type=int,
        default=1,
        help="passes of the call over the same texts; the later ones (call_mb_s_later) pay nothing on first "
        "sight: neither the engine's patterns compiled on first use and its lazy DFAs' states, nor each str's "
        "UTF-8 form",
    )
    args = ap.parse_args()
    texts = [p.text for p in dev_pages(need_shared(args.shared, DEV_SETS), DEV_SETS)]
    size = mb(texts)
    cl = Cleaner()
    cl(WARM_UP_TEXT)
    c4 = min(cpu_seconds(lambda: [c4_filter(t) for t in texts]) for _ in range(3))
    call = cpu_seconds(lambda: [cl(t) for t in texts])
    clean = cpu_seconds(lambda: [cl.clean(t) for t in texts])
    figures = {"pages": len(texts), "mb": round(size, 3), "c4_mb_s": round(size / c4, 1)}
    figures |= {"call_mb_s": round(size / call, 2), "clean_mb_s": round(size / clean, 2), "ratio": round(c4 / call, 4)}
    later = [cpu_seconds(lambda: [cl(t) for t in texts]) for _ in range(args.passes - 1)]
    if later:
        figures["call_mb_s_later"] = [round(size / s, 2) for s in later]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
