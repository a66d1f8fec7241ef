"""`cleaner learn`'s keys, hashes and pass-2 evidence made by the engine equal the Python definitions.

The engine's (``_core.LineKeys``, ``_core.SiteEvidence``) are what learning runs on; the Python ones
(``keys_of_python``, ``hashlib``'s BLAKE2b, ``gather_page``) define them. Learned rule files must not
change when one replaces the other.
"""

from __future__ import annotations

import hashlib
import pickle
from array import array
from collections import Counter, defaultdict
from pathlib import Path

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner import _core
from cleaner.learning.count import (
    LineEvidence,
    SiteSets,
    evidence_of,
    gather,
    gather_page,
    line_hashes,
    merge_gathered,
)
from cleaner.learning.normalise import (
    _ESCAPES,
    WHITESPACE,
    key_hash,
    keyed,
    keys_of,
    keys_of_python,
    page_hashes,
)

ROOT = Path(__file__).resolve().parent.parent
DRAGNET = ROOT.parent / "shared" / "eval" / "dragnet-dev" / "chromium" / "input"

TRICKY = [
    "Posted March 3, 2012 at 4:15 pm",
    "Tuesday, Sept. 4 | september 5 | sept 6 | sep. 7 | jan.feb 8",
    "mon.5 sun. 6 Sunday7 thurs 8 thur9 wednesday, 10 SATURDAY.11",
    "März 3, 2012 · 4 août 2012 · 5 décembre · 6 de mayo de 2012 · 7. Oktober",
    "ΟΔΟΣ Σ ΑΣ. 12 İstanbul 3 ſunday 4 K 5",
    "٣٤ pages, ۱۲ comments, 1.2.3-4, 5/, 6,7 8:9:10",
    "  37\u00a0Comments \u2003\u001c\u001f 4\tlikes\x0b\x0c ",
    "x" * 195 + " may 1",
    "y" * 201 + " may 1",
    "‹ back   to   story ›",
    "",
    "\u200b",
    "Dec 12",
    "december12 mayo1 maybe 2",
]
ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnoprstuvwy .,:/-!?…'\"”’)]\t\u00a0\u001c19٣",
        *("may", "jan.", "sept", "tue", "sun", "day", "März", "Σ", "İ", "ſ", "\u0301", "\U0001f600"),
    ]
)


def test_tricky_lines_get_the_python_keys() -> None:
    assert keys_of("\n".join(TRICKY)) == keys_of_python("\n".join(TRICKY))
    for line in TRICKY:
        assert keys_of(line) == keys_of_python(line), line


@given(st.lists(st.lists(ALPHABET, max_size=30).map("".join), max_size=8).map("\n".join))
def test_any_text_gets_the_python_keys(text: str) -> None:
    assert keys_of(text) == keys_of_python(text)


def test_real_dumps_get_the_python_keys_and_hashes() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DRAGNET.glob("*.txt"))[:200]]
    texts += [(ROOT / "tests/data/dump-lines.txt").read_text(encoding="utf-8")]
    for text in texts:
        keys, hashes = keyed(text)
        assert keys == keys_of_python(text)
        assert hashes == [key_hash(k) if k else 0 for k in keys]
        assert page_hashes(text) == sorted({key_hash(k) for k in keys if k})


@given(st.text(max_size=300))
def test_hashes_are_blake2b(key: str) -> None:
    data = key.encode("utf-8", "surrogatepass")
    want = int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")
    assert key_hash(key) == want
    if not any("\ud800" <= c <= "\udfff" for c in key):  # the engine takes no lone surrogate
        assert _core.line_key_hash(key) == want


def test_a_lone_surrogate_falls_back_to_python() -> None:
    text = "37 Comments\ud800\nHome"
    assert keys_of(text) == ["\x01 comments\ud800", "home"]
    assert keyed(text)[1][1] == key_hash("home")


def _sites(paths: list[Path]) -> dict[str, list[str]]:
    by_site: dict[str, list[str]] = defaultdict(list)
    for p in paths:
        by_site[p.stem.split("--")[0]].append(p.read_text(encoding="utf-8"))
    return {s: t for s, t in by_site.items() if len(t) >= 5}


def _sets(pages: list[str]) -> SiteSets:
    """The sets as learning makes them (learner.learn_documents), with its default shares."""
    counts = Counter(h for text in pages for h in page_hashes(text))
    recurring = frozenset(h for h, n in counts.items() if n >= 2)
    frequent = frozenset(h for h in recurring if counts[h] >= max(2, len(pages) / 4))
    common = frozenset(h for h in frequent if counts[h] >= max(2, len(pages) / 2))
    return SiteSets(recurring, frequent, common)


def test_the_engine_gathers_what_gather_page_gathers() -> None:
    sites = _sites(sorted(DRAGNET.glob("*.txt"))) if DRAGNET.is_dir() else {}
    if not sites:  # without ../shared: the golden inputs, as pages of one site
        sites = {"golden": [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("golden/*/*.in.txt"))]}
    for site, pages in list(sites.items())[:25]:
        sets = _sets(pages)
        want: dict[int, LineEvidence] = {}
        for text in pages:
            gather_page(text, sets, want)
        gathered, rest, sample = gather([(site, text) for text in pages], {site: sets})
        assert rest == {} and len(sample[site]) == min(4, len(pages))
        assert evidence_of(gathered, rest).get(site, {}) == want, site
        # In two batches, the second pickled as from a worker process, then merged: the same.
        first, _, _ = gather([(site, text) for text in pages[::2]], {site: sets})
        second, _, _ = gather([(site, text) for text in pages[1::2]], {site: sets})
        merge_gathered(first, pickle.loads(pickle.dumps(second)))
        assert evidence_of(first, {}).get(site, {}) == want, site
        # With the line hashes pass 1 keeps (line_hashes), as learning gathers: the same.
        hashed = [line_hashes(text)[1] for text in pages]
        kept, _, _ = gather([(site, text) for text in pages], {site: sets}, hashed)
        assert evidence_of(kept, {}).get(site, {}) == want, site


def test_pages_the_engine_cannot_take_join_its_evidence() -> None:
    pages = [f"Home\nStory {n} of the day, and more of it, told at length here.\nFooter" for n in range(6)]
    pages[2] += "\ud800"
    sets = _sets(pages)
    want: dict[int, LineEvidence] = {}
    for text in pages:
        gather_page(text, sets, want)
    gathered, rest, _ = gather([("s", text) for text in pages], {"s": sets})
    assert rest and evidence_of(gathered, rest)["s"] == want
    # Pass 1 keeps no hashes for that page (b""): pass 2 keys it, and takes the others' hashes.
    hashed = [line_hashes(text)[1] for text in pages]
    assert hashed[2] == b"" and all(hashed[:2] + hashed[3:])
    gathered, rest, _ = gather([("s", text) for text in pages], {"s": sets}, hashed)
    assert rest and evidence_of(gathered, rest)["s"] == want


def test_line_hashes_are_the_keys_hashes_line_by_line() -> None:
    text = "Home\n\n  37 Comments \nPosted March 3, 2012\nHome"
    distinct, lines = line_hashes(text)
    _, want = keyed(text)
    assert array("Q", lines).tolist() == want
    assert distinct == sorted({h for h in want if h}) == page_hashes(text)


def test_patterns_escape_what_the_regex_module_escapes() -> None:
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
    for text in [*TRICKY, "()[]{}?*+|^$\\.-#&~", "a.b-c (d) [e] #f &g ~h", "\u3000\u2028x"]:
        assert text.translate(_ESCAPES) == regex.escape(text)
