"""Write the tune/check split of each dev set to eval/splits/SET.tsv (see cleaner/evalsplit.py).

Run once per new dev set; the files are reviewed data, so an existing one is left alone unless
``--force`` (a new split makes every earlier tune/check number incomparable). Pages are split by
site (sha256 of the site name), so one site is never on both sides.

    python bench/make_split.py ../shared/eval/scrapinghub-dev ../shared/eval/trafilatura-dev \
        ../shared/eval/dragnet-dev

``--choose-salt N`` writes nothing: it scores today's cleaner on every style folder of the sets given
and prints the salts of 0..N-1 whose split makes the two parts score most alike (how SALT of
cleaner/evalsplit.py was chosen, once, before any tuning on the split).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from cleaner.evalrun import MethodRow, evaluate
from cleaner.evalsplit import PARTS, SplitError, dev_set_sites, make_split, part_of, render_split
from cleaner.pipeline import Cleaner

OUT_DIR = Path(__file__).resolve().parent.parent / "eval" / "splits"


def main(argv: list[str] | None = None) -> int:
    """Write one split file per dev set folder given; exit 2 on an unreadable set."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", type=Path, help="dev set folders (each with ids.txt)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="folder of the split files (default: eval/splits)")
    ap.add_argument("--force", action="store_true", help="overwrite an existing split file")
    ap.add_argument("--choose-salt", type=int, metavar="N", help="print the best salts of 0..N-1; write nothing")
    args = ap.parse_args(argv)
    if args.choose_salt:
        choose_salt(args.sets, args.choose_salt)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for set_dir in args.sets:
        name = set_dir.resolve().name
        target = args.out / f"{name}.tsv"
        if target.exists() and not args.force:
            print(f"{target}: exists, left alone (--force to overwrite)")
            continue
        try:
            rows = make_split(dev_set_sites(set_dir))
        except SplitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        tmp = target.with_suffix(".tsv.tmp")
        tmp.write_text(render_split(name, rows), encoding="utf-8")
        tmp.replace(target)
        pages = Counter(r[0] for r in rows)
        sites = {p: len({r[1] for r in rows if r[0] == p}) for p in PARTS}
        print(f"{target}: " + ", ".join(f"{p} {pages[p]} pages / {sites[p]} sites" for p in PARTS))
    return 0


def _scored(set_dir: Path) -> list[MethodRow]:
    rows = []
    for style in sorted(p for p in set_dir.iterdir() if (p / "input").is_dir()):
        ref = (
            {"snippets": set_dir / "index.json"}
            if (set_dir / "index.json").is_file()
            else {"gold_dir": set_dir / "gold"}
        )
        rows.append(evaluate(style / "input", Cleaner(), **ref).row("cleaner"))  # type: ignore[arg-type]
    return rows


def choose_salt(sets: list[Path], n: int) -> None:
    """Print the salts whose split gives the smallest largest tune-check F1 gap over every set and style."""
    scored = [(dev_set_sites(d), row) for d in sets for row in _scored(d)]
    results = []
    for salt in range(n):
        gaps = []
        for sites, row in scored:
            tune = {i for i, site in sites.items() if part_of(site, salt) == "tune"}
            gaps.append(row.subset(tune).f1 - row.subset(set(sites) - tune).f1)
        results.append((max(abs(g) for g in gaps), salt, gaps))
    for worst, salt, gaps in sorted(results)[:5]:
        print(f"salt {salt}: largest gap {worst:.4f} (" + ", ".join(f"{g:+.3f}" for g in gaps) + ")")


if __name__ == "__main__":
    sys.exit(main())
