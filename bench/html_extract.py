"""Which trafilatura setting to use for HTML input: shingle scores of each on the dev set.

For the scrapinghub dev pages (html/ + gold/), extracts each page with trafilatura's
default balance, ``favor_recall`` and ``favor_precision`` (the options of
cleaner.formats.html otherwise), then scores the extracted body and the body after
cleaning against the gold with the POLICY.md metric.

Usage: python bench/html_extract.py [--dev ../shared/eval/scrapinghub-dev]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

import trafilatura

from cleaner import Cleaner
from cleaner.evaluate import body_of, score_corpus, score_document
from cleaner.formats.html import TRAFILATURA_OPTIONS

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared/eval/scrapinghub-dev"
SETTINGS: dict[str, dict[str, Any]] = {
    "default": {},
    "favor_recall": {"favor_recall": True},
    "favor_precision": {"favor_precision": True},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = ap.parse_args()
    meta = json.loads((args.dev / "meta.json").read_text(encoding="utf-8"))
    cleaner = Cleaner()
    for name, extra in SETTINGS.items():
        raw, cleaned = [], []
        for page_id, info in sorted(meta.items()):
            html = gzip.decompress((args.dev / "html" / f"{page_id}.html.gz").read_bytes())
            gold = (args.dev / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
            doc = trafilatura.bare_extraction(html, url=info["url"], **TRAFILATURA_OPTIONS, **extra)
            body = (doc.text or "") if doc is not None else ""
            title = (doc.title or "") if doc is not None else ""
            raw.append(score_document(body, gold))
            text = f"{title}\n\n{body}\n" if title else body
            cleaned.append(score_document(body_of(cleaner.clean(text, url=info["url"]).text), gold))
        r, c = score_corpus(raw), score_corpus(cleaned)
        print(
            f"{name:16} extracted: P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}   "
            f"cleaned: P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
        )


if __name__ == "__main__":
    main()
