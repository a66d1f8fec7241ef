"""`cleaner learn`'s rule check (cleaner.learning.verify) as it runs, in the engine and skipping the pages that
tell it nothing, keeps and drops the rules that the check as defined does (``reference=True``: every
page, the rules run by the Python ``KeyStage``). Learned rule files must not change when one replaces
the other.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from cleaner import _core
from cleaner.learning import learner, verify
from cleaner.learning.api import learn
from cleaner.learning.normalise import engine_keys, keys_of
from cleaner.learning.select import LearnedSite
from cleaner.pipeline import Cleaner

ROOT = Path(__file__).resolve().parent.parent
DRAGNET = ROOT.parent / "shared" / "eval" / "dragnet-dev" / "chromium" / "input"


def _sites(limit: int) -> dict[str, list[str]]:
    """Pages of dev-set sites with five or more (without ../shared: the golden inputs, as one site's)."""
    by_site: dict[str, list[str]] = defaultdict(list)
    for p in sorted(DRAGNET.glob("*.txt")) if DRAGNET.is_dir() else []:
        by_site[p.stem.split("--")[0]].append(p.read_text(encoding="utf-8"))
    sites = {s: t for s, t in by_site.items() if len(t) >= 5}
    if not sites:
        sites = {"golden.example": [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("golden/*/*.in.txt"))]}
    return dict(list(sites.items())[:limit])


def _rules(pages: list[str]) -> tuple[str | None, int, str | None, set[str]]:
    """Rules as a check gets them: the lines on two pages or more, a header and a footer line among them."""
    counts = Counter(k for text in pages for k in set(keys_of(text)) if k)
    lines = {k for k, n in counts.items() if n >= 2}
    ordered = [k for k in keys_of(pages[0]) if k in lines]
    head = ordered[len(ordered) // 4] if ordered else None
    foot = ordered[-3] if len(ordered) > 3 else None
    return head, 12, foot, lines - {head, foot}


def test_the_engine_s_key_stage_removes_what_key_stage_removes() -> None:
    cleaner = Cleaner()
    compared = 0
    for pages in _sites(12).values():
        head, head_max, foot, lines = _rules(pages)
        for rules in ((head, head_max, foot, lines), (None, 0, None, lines), (head, 2, None, set(list(lines)[:5]))):
            python, native = verify.KeyStage(*rules), _core.KeyStage(engine_keys(), *rules)
            for text in pages[:4]:
                split = text.split("\n")
                assert native.decide(split) == python.decide(split, keys_of(text), [True] * len(split))
                _, _, want, _, _ = cleaner.engine.clean(text, force=True, metadata=False, site=python)
                assert native.clean(cleaner.engine, text, 100_000) == want
                compared += 1
    assert compared >= 12


def test_one_check_call_removes_what_each_cleaning_alone_removes() -> None:
    # The pages of one call share the engine's line memories: each run must remove what it removes alone.
    cleaner = Cleaner()
    compared = 0
    for pages in _sites(8).values():
        native = _core.KeyStage(engine_keys(), *_rules(pages))
        texts = [*pages[:4], "# url: https://example.com/a\n" + pages[0]]
        asked = [(t, t.startswith("# url:") if n != 1 else None) for n, t in enumerate(texts)]
        runs = native.check(cleaner.engine, asked, 100_000)
        assert len(runs) == len(asked)
        for (text, header), (plain, learned) in zip(asked, runs, strict=True):
            if header is None:
                assert plain is None
            else:
                _, _, want, _, _ = cleaner.engine.clean(text, force=True, metadata=False, url_header=header)
                assert plain == want
            assert learned == native.clean(cleaner.engine, text, 100_000)
            compared += 1
    assert compared >= 8


def test_the_check_as_run_keeps_what_the_check_as_defined_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[tuple[LearnedSite, LearnedSite]] = []
    skipped = 0
    silent = verify._silent

    def counting(stage: verify.KeyStage, page: verify._Page) -> bool:
        nonlocal skipped
        quiet = silent(stage, page)
        skipped += quiet
        return quiet

    def both(
        cleaner: Cleaner, chosen: LearnedSite, pages: list[str], recurring: frozenset[int], max_prose: float
    ) -> LearnedSite:
        want = verify.verify(cleaner, copy.deepcopy(chosen), pages, recurring, max_prose, reference=True)
        got = verify.verify(cleaner, chosen, pages, recurring, max_prose)
        checked.append((want, copy.deepcopy(got)))  # the learner groups its rules in place
        return got

    monkeypatch.setattr(verify, "_silent", counting)
    monkeypatch.setattr(learner, "verify", both)
    sites = _sites(40)
    learn([{"text": t, "url": f"https://{site}/{n}"} for site, pages in sites.items() for n, t in enumerate(pages)])
    assert checked and skipped, "the sites gave the check nothing to skip: pick others"
    assert any(want.left_to_generic for want, _ in checked), "the check dropped nothing: pick other sites"
    for want, got in checked:
        assert (got.site, got.rules, got.left_to_generic) == (want.site, want.rules, want.left_to_generic)
