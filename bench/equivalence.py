"""Output equivalence: record what cleaner makes of every real dump, then check a later version makes the same.

A speed change must not change output. ``record`` writes, for every dump in the seeds, both dev sets
(chromium and w3m inputs) and the golden ``*.in.txt`` files, the cleaned text, title, site, metadata,
hold reason and every removal (rule, lines, span, text); ``check`` cleans them again and lists each dump
whose record differs. Keep the snapshot outside the repository: it is made by the code under test.

    python bench/equivalence.py record /tmp/cleaner-before.json     # on the old version
    python bench/equivalence.py check /tmp/cleaner-before.json      # on the new one: exit 1 on any difference
    python bench/equivalence.py check SNAP --idempotence            # also: cleaning the output changes nothing
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchlib import REPO, SHARED, need_shared

from cleaner import Cleaner


def dumps(shared: Path) -> list[Path]:
    """Every real dump the check covers, in a fixed order."""
    found = sorted((shared / "seeds").glob("*.txt"))
    for style in ("chromium", "w3m"):
        found += sorted(shared.glob(f"eval/*/{style}/input/*.txt"))
    found += sorted(REPO.glob("golden/*/*.in.txt"))
    return found


def record_of(cl: Cleaner, path: Path) -> dict[str, Any]:
    """Everything a user can see of one cleaning."""
    r = cl.clean(path.read_text(encoding="utf-8"), path=str(path))
    return {
        "text": r.text,
        "title": r.title,
        "site": r.site,
        "held": r.held,
        "metadata": r.metadata,
        "removed": [x.as_dict() for x in r.removed],
    }


def key_of(path: Path, shared: Path) -> str:
    """A name for the dump that does not depend on where the checkout lives."""
    for base in (shared, REPO):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("record", "check"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--idempotence", action="store_true", help="also check clean(clean(x)) == clean(x)")
    args = ap.parse_args()
    shared = need_shared(args.shared)
    cl = Cleaner()
    now = {key_of(p, shared): record_of(cl, p) for p in dumps(shared)}
    if args.action == "record":
        args.snapshot.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} dumps in {args.snapshot}")
        return
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    bad = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in bad:
        fields = [
            f
            for f in ("text", "title", "site", "held", "metadata", "removed")
            if (before.get(k) or {}).get(f) != (now.get(k) or {}).get(f)
        ]
        print(f"differs: {k} ({', '.join(fields)})")
    unstable = []
    if args.idempotence:
        unstable = [k for k, rec in now.items() if rec["held"] is None and cl(rec["text"]) != rec["text"]]
        for k in unstable:
            print(f"not idempotent: {k}")
    print(f"{len(now)} dumps: {len(bad)} differ" + (f", {len(unstable)} not idempotent" if args.idempotence else ""))
    sys.exit(1 if bad or unstable else 0)


if __name__ == "__main__":
    main()
