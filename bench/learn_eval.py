"""Learned rules on dragnet-dev: learn on a site's pages, clean the same pages, score with and without.

For each dump style (Chromium, w3m): learns on the pages of the sites with at least
``--min-pages`` pages (63 sites at 5), exactly as a user runs `cleaner learn` on a corpus
(the site comes from the ``<domain>--<n>.txt`` file name), cleans those pages with the
generic stage plus the shipped rules, and again with the learned rules added, and prints:

- the POLICY.md F1 over all those pages, without and with the learned rules, scored on the
  whole output (dragnet-dev's gold keeps the headline) and, as `cleaner eval` scores it, on
  the output less its first line. The second penalises a learned rule for taking the site's
  name above the headline: the headline becomes the first line, is left out, and is missed;
- per site, the F1 change, and the sites that lost the most;
- the CPU time of cleaning the pages without and with the learned rules;
- the share of the non-blank lines the learned rules removed that are not in the gold (a
  line is in the gold when most of its 4-token shingles are, or, under 4 tokens, when it is a
  whole gold line).

Usage: python bench/learn_eval.py [--data ../shared/eval/dragnet-dev] [--min-pages 5] [--min-share 0.5]
       [--json PATH] [--keep DIR]   (DIR: write the learned files there, per style)
       [--split eval/splits/dragnet-dev.tsv]   (the gain on the tune sites and on the check sites of issue 13)
Targets (issue 14): F1 +0.02 or more per style; no site below -0.01; 98 % of learned removals not gold.
With the split, it also names the tune sites whose gain differs most between the two styles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from cleaner.evaluate import DocScore, body_of, score_corpus, score_document, shingles
from cleaner.learning.api import learn_documents_from
from cleaner.learning.select import LearnSettings
from cleaner.pipeline import Cleaner
from cleaner.textio import read_dump

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/eval/dragnet-dev"


def _norm(line: str) -> str:
    return " ".join(line.split())


def in_gold(line: str, gold_lines: set[str], gold_shingles: set[tuple[str, ...]]) -> bool:
    sh = shingles(line)
    if not sh:
        return False
    if len(next(iter(sh))) < 4:
        return _norm(line) in gold_lines
    hit = sum(n for s, n in sh.items() if s in gold_shingles)
    return hit * 2 > sum(sh.values())


DEFAULT_SPLIT = Path(__file__).resolve().parents[1] / "eval/splits/dragnet-dev.tsv"


def read_split(path: Path | None) -> dict[str, str]:
    """Page id -> part ("tune" or "check") of the tune/check split (issue 13); empty without one."""
    if path is None or not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            part, _site, pid = line.split("\t")
            out[pid] = part
    return out


def run_style(
    data: Path, style: str, settings: LearnSettings, keep: Path | None, split: dict[str, str]
) -> dict[str, object]:
    inp = data / style / "input"
    by_site: dict[str, list[Path]] = defaultdict(list)
    for p in sorted(inp.glob("*.txt")):
        by_site[p.stem.split("--")[0]].append(p)
    sites = sorted(s for s, ps in by_site.items() if len(ps) >= settings.min_pages)
    paths = [p for s in sites for p in by_site[s]]
    texts = {p: read_dump(p).text for p in paths}
    gold = {p: read_dump(data / "gold" / p.name).text for p in paths}
    base = Cleaner()
    t0 = time.perf_counter()
    learned = learn_documents_from(base, [(texts[p], str(p)) for p in paths], settings)
    learn_s = time.perf_counter() - t0
    if keep is not None:
        learned.write(keep / style)
    with_rules = learned.cleaner(base)
    rows: dict[str, list[tuple[DocScore, DocScore]]] = defaultdict(list)
    parts: dict[str, list[tuple[DocScore, DocScore]]] = defaultdict(list)
    part_sites: dict[str, set[str]] = defaultdict(set)
    body_rows: list[tuple[DocScore, DocScore]] = []
    removed = not_gold = 0
    cpu = [0.0, 0.0]  # CPU seconds cleaning without and with the learned rules (time.process_time)
    bad: list[tuple[str, str, str]] = []
    for p in paths:
        site = p.stem.split("--")[0]
        g = gold[p]
        t = time.process_time()
        a = base.clean(texts[p], path=str(p))
        t_a = time.process_time()
        b = with_rules.clean(texts[p], path=str(p))
        cpu[0] += t_a - t
        cpu[1] += time.process_time() - t_a
        rows[site].append((score_document(a.text, g), score_document(b.text, g)))
        if p.stem in split:
            parts[split[p.stem]].append(rows[site][-1])
            part_sites[split[p.stem]].add(site)
        body_rows.append((score_document(body_of(a.text), g), score_document(body_of(b.text), g)))
        gl = {_norm(x) for x in g.split("\n") if x.strip()}
        gs = set(shingles(g))
        lines = texts[p].split("\n")
        for r in b.removed:
            if not r.rule.startswith("learned."):
                continue
            for i in range(r.start, r.end):
                if i < len(lines) and lines[i].strip():
                    removed += 1
                    if in_gold(lines[i], gl, gs):
                        bad.append((p.stem, r.rule, lines[i][:100]))
                    else:
                        not_gold += 1
    allb = [x for v in rows.values() for x, _ in v]
    alll = [y for v in rows.values() for _, y in v]
    fb, fl = score_corpus(allb).f1, score_corpus(alll).f1
    # Per site, on the whole output.
    per_site = {s: score_corpus([y for _, y in v]).f1 - score_corpus([x for x, _ in v]).f1 for s, v in rows.items()}
    best_site = max(per_site, key=lambda s: (per_site[s], s))
    rest = [pair for s, v in rows.items() if s != best_site for pair in v]
    n_rules = sum(len(s.rules) for s in learned.sites())
    return {
        "style": style,
        "sites": len(sites),
        "pages": len(paths),
        "learned_files": len(learned.files),
        "learned_rules": n_rules,
        "learn_seconds": round(learn_s, 2),
        "f1_generic": round(fb, 4),
        "f1_learned": round(fl, 4),
        "gain": round(fl - fb, 4),
        "body_f1_generic": round(score_corpus([x for x, _ in body_rows]).f1, 4),
        "body_f1_learned": round(score_corpus([y for _, y in body_rows]).f1, 4),
        "per_site_gain": {s: round(g, 4) for s, g in sorted(per_site.items())},
        "gain_without_best_site": [
            best_site,
            round(score_corpus([y for _, y in rest]).f1 - score_corpus([x for x, _ in rest]).f1, 4),
        ],
        "shape_rules": sum(1 for s in learned.sites() for r in s.rules if "parts around" in r.why),
        "split_gain": {
            part: {
                "pages": len(v),
                "sites": len(part_sites[part]),
                "f1_generic": round(score_corpus([x for x, _ in v]).f1, 4),
                "f1_learned": round(score_corpus([y for _, y in v]).f1, 4),
            }
            for part, v in sorted(parts.items())
        },
        "clean_cpu_seconds": [round(cpu[0], 2), round(cpu[1], 2)],
        "removed_lines": removed,
        "not_gold_share": round(not_gold / removed, 4) if removed else 1.0,
        "gold_lines_removed": bad,
    }


def _compare_styles(out: list[dict[str, object]], split: dict[str, str]) -> None:
    """The tune sites whose gain differs most between the two dump styles (check sites are only scored)."""
    tune = {pid.split("--")[0] for pid, part in split.items() if part == "tune"}
    a, b = out[0]["per_site_gain"], out[1]["per_site_gain"]
    assert isinstance(a, dict) and isinstance(b, dict)
    diffs = sorted((b[s] - a[s], s) for s in a if s in tune and s in b)
    worst = [f"{s} {a[s]:+.4f} / {b[s]:+.4f}" for d, s in diffs[:5] if d < 0]
    print(f"tune sites gaining less in {out[1]['style']} than in {out[0]['style']}: " + ", ".join(worst))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--min-pages", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=LearnSettings().min_share)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--show-gold", type=int, default=10, help="gold lines removed by learned rules to print")
    ap.add_argument("--split", type=Path, default=DEFAULT_SPLIT, help="tune/check split: the gain per part")
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    settings = LearnSettings(min_pages=args.min_pages, min_share=args.min_share)
    split = read_split(args.split)
    out = []
    for style in ("chromium", "w3m"):
        r = run_style(args.data, style, settings, args.keep, split)
        out.append(r)
        cpu_s = r["clean_cpu_seconds"]
        assert isinstance(cpu_s, list)
        gains = r["per_site_gain"]
        assert isinstance(gains, dict)
        worst = sorted(gains.items(), key=lambda kv: kv[1])[:5]
        best = sorted(gains.items(), key=lambda kv: -kv[1])[:5]
        without = r["gain_without_best_site"]
        assert isinstance(without, list)
        print(
            f"{style}: {r['sites']} sites, {r['pages']} pages, {r['learned_files']} files, {r['learned_rules']} rules "
            f"(learned in {r['learn_seconds']} s)\n"
            f"  F1 generic {r['f1_generic']:.4f}  with learned rules {r['f1_learned']:.4f}  gain {r['gain']:+.4f}\n"
            f"  as `cleaner eval` scores (first line left out): {r['body_f1_generic']:.4f}"
            f" -> {r['body_f1_learned']:.4f}\n"
            f"  learned rules removed {r['removed_lines']} lines, {r['not_gold_share']:.2%} not in the gold\n"
            f"  CPU cleaning the pages without / with the learned rules: {cpu_s[0]:.2f} s / {cpu_s[1]:.2f} s\n"
            f"  worst sites: " + ", ".join(f"{s} {g:+.4f}" for s, g in worst) + "\n"
            "  best sites:  " + ", ".join(f"{s} {g:+.4f}" for s, g in best) + "\n"
            f"  without its best site ({without[0]}): gain {without[1]:+.4f}; "
            f"{r['shape_rules']} of the rules are shapes (a label amid changing parts)"
        )
        split_gain = r["split_gain"]
        assert isinstance(split_gain, dict)
        for part, v in split_gain.items():
            print(
                f"  {part} sites ({v['sites']} sites, {v['pages']} pages): F1 {v['f1_generic']:.4f} -> "
                f"{v['f1_learned']:.4f} ({v['f1_learned'] - v['f1_generic']:+.4f})"
            )
        bad = r["gold_lines_removed"]
        assert isinstance(bad, list)
        for doc, rule, line in bad[: args.show_gold]:
            print(f"    gold line removed: {doc} {rule}: {line!r}")
    if len(out) == 2 and split:
        _compare_styles(out, split)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
