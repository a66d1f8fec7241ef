"""Write N realistic synthetic site rule files (domains, 2 literal signatures, 10 rules of mixed kinds).

The names are made up, so none of them is detected on, or matches, the dev dumps: loading them
measures what the number of known sites costs a document that belongs to none of them.

    python bench/synthetic_rules.py OUT_DIR [--count 1000]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_SYLLABLES = ("kra", "vel", "lund", "mor", "dal", "sen", "rik", "tav", "qua", "zel", "bro", "nix", "ost", "vark")
_PAPERS = ("Tidende", "Courier", "Herald", "Gazette", "Bote", "Kurier", "Dispatch", "Observer", "Posten", "Ledger")
_TLDS = ("com", "de", "no", "co.uk", "es", "fr", "pl", "it")


def _name(rng: random.Random, n: int) -> tuple[str, str, str]:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    paper = rng.choice(_PAPERS)
    domain = f"{word.lower()}-{paper.lower()}{n}.{rng.choice(_TLDS)}"
    return word, paper, domain


def rule_file(n: int, rng: random.Random) -> tuple[str, str]:
    """The file name and TOML text of synthetic site number ``n``."""
    word, paper, domain = _name(rng, n)
    name = f"{word} {paper}"
    sid = domain
    short = domain.split(".")[0]
    q = "'''"
    rules = [
        ("protect", f"^(?:KEY FACTS|BACKGROUND) — {name}$", "factbox headings belong to the story"),
        ("drop_line", f"^Follow {name} on (?:Twitter|Facebook|X|Instagram)$", "social follow line"),
        ("drop_line", rf"^Published \d{{2}}\.\d{{2}}\.\d{{4}},? \d{{2}}:\d{{2}} by {name}", "time stamp"),
        ("drop_line", rf"^(?=.{{0,80}}$).*\b{word} Premium\b.*$", "subscription banner"),
        ("drop_from", f"^More from {name}$", "cross-links and footer"),
        ("drop_before", f"^{name} — Home$", "menu above the headline"),
        ("drop_block", "", "newsletter box"),
        ("cut", rf"\s*\({word} Photo\)$", "photo credit glued to a caption line"),
        ("cut", rf"\s*Read more at {name}\.?$", "teaser glued to a paragraph"),
        ("drop_line", rf"^© \d{{4}} {name}\b", "copyright line"),
    ]
    out = [
        f"# Synthetic site {n} for the bench (made-up name: matches no real page).",
        "[site]",
        f'id = "{sid}"',
        f'name = "{name}"',
        f'domains = ["{domain}", "{short}.news"]',
        f'signatures = ["{name} Media Group {n:04d} AS", "Subscribe to the {name} {n:04d} newsletter"]',
        "min_signatures = 1",
    ]
    for k, (kind, pattern, why) in enumerate(rules):
        out += ["", "[[rule]]", f'id = "{sid}.rule-{k}"', f'kind = "{kind}"']
        if kind == "drop_block":
            out += [f"start = {q}^{name} Newsletter${q}", f"end = {q}^Subscribe to {name}${q}", "max_lines = 20"]
        else:
            out.append(f"pattern = {q}{pattern}{q}")
        if kind == "drop_before":
            out.append("max_lines = 15")
        out.append(f'why = "{why}"')
    return f"{sid}.toml", "\n".join(out) + "\n"


def write_synthetic_rules(out_dir: Path, count: int = 1000, seed: int = 0) -> list[Path]:
    """Write ``count`` rule files into ``out_dir`` (created); the same seed gives the same files."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        name, text = rule_file(n, rng)
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: write the files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    args = ap.parse_args()
    paths = write_synthetic_rules(args.out_dir, args.count)
    print(f"wrote {len(paths)} rule files to {args.out_dir}")


if __name__ == "__main__":
    main()
