"""Hostile sizes: time and peak memory of cleaner on huge dumps and huge single lines.

Each case runs in a fresh subprocess so its peak RSS is its own. Figures are compared as
ratios within one run (a 10x longer line should take about 10x the time: linear).

    python bench/hostile_sizes.py            # 1, 10, 100 MB lines; 500 MB dump; 64 MB dump
    python bench/hostile_sizes.py --quick    # 1, 4, 16 MB lines; smaller dumps
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MB = 1024 * 1024
STORY = "The story goes on and on, as stories do, for a good while longer. "

IN_PROCESS = """
import json, resource, sys, time
from cleaner import Cleaner
kind, size, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
unit = {"words": "word ", "spaces": " ", "story": STORY}[kind]
line = unit * (size // len(unit))
text = "Title\\n\\n" + line + "\\nThe end of the story, kept as it is.\\n"
start = time.perf_counter()
result = Cleaner(max_line_chars=limit).clean(text)
took = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "peak_mb": rss, "out_chars": len(result.text)}))
""".replace("STORY", repr(STORY))


def _line_case(kind: str, size: int, limit: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, kind, str(size), str(limit)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _line_row(kind: str, size: int, r: dict[str, float]) -> str:
    per_mb = r["seconds"] / (size / MB)
    return f"{kind:8} {size // MB:>6}MB {r['seconds']:>9.2f} {per_mb:>7.3f} {r['peak_mb']:>8.0f}"


def _cli_case(path: Path, *args: str) -> dict[str, float | int | str]:
    code = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "took = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': took, 'peak_mb': rss, 'code': p.returncode,"
        " 'stderr': p.stderr.strip().splitlines()[0] if p.stderr.strip() else ''}))\n"
    )
    cmd = [sys.executable, "-c", "from cleaner.cli import main; main()", "clean", str(path), *args]
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    quick = parser.parse_args().quick
    line_sizes = [1 * MB, 4 * MB, 16 * MB] if quick else [1 * MB, 10 * MB, 100 * MB]

    print("## One long line, every stage reading it (--max-line-chars 0)")
    print(f"{'kind':8} {'size':>8} {'seconds':>9} {'s/MB':>7} {'peak MB':>8}")
    for kind in ("words", "spaces", "story"):
        for size in line_sizes:
            r = _line_case(kind, size, 0)
            print(_line_row(kind, size, r))
    print("\n## Same, with the default line limit (line kept untouched, unread)")
    for size in line_sizes:
        r = _line_case("words", size, 100_000)
        print(_line_row("words", size, r))

    with tempfile.TemporaryDirectory() as tmp:
        print("\n## Whole CLI runs (--check)")
        huge = Path(tmp) / "huge.txt"
        with huge.open("wb") as fh:  # sparse: the size limit looks at the size, never at the bytes
            fh.truncate(500 * MB)
        limit_dump = Path(tmp) / "at-limit.txt"
        paragraph = len(f"{0:>9} {STORY}{STORY}\n\nAdvertisement\n\n")
        count = ((8 if quick else 64) * MB - 1024) // paragraph
        with limit_dump.open("w", encoding="utf-8") as fh:
            fh.writelines(f"{n:>9} {STORY}{STORY}\n\nAdvertisement\n\n" for n in range(count))
        single = Path(tmp) / "single-line.txt"
        single.write_bytes(b"word " * ((20 if quick else 100) * MB // 5))
        cases = [
            (huge, ()),
            (single, ()),
            (single, ("--max-bytes", "0")),
            (limit_dump, ()),
        ]
        for path, args in cases:
            r = _cli_case(path, "--check", *args)
            size = os.path.getsize(path) / MB
            print(
                f"{path.name:18} {size:>6.0f}MB {' '.join(args) or 'defaults':16} exit {r['code']} "
                f"{r['seconds']:>7.2f}s peak {r['peak_mb']:>6.0f}MB  {r['stderr'][:90]}"
            )


if __name__ == "__main__":
    main()
