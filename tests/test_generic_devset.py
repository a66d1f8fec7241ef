"""On real dumps (the shared dev set, when it sits beside the repository): no page emptied, cleaning is stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PAGES = (
    sorted(EVAL.glob("scrapinghub-dev/*/input/*.txt"))[::10] + sorted(EVAL.glob("trafilatura-dev/*/input/*.txt"))[::60]
)


@pytest.mark.skipif(not PAGES, reason="the shared dev set is not beside this checkout")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parts[-3]}/{p.stem[:12]}")
def test_real_page_is_cleaned_not_emptied_and_stable(page: Path) -> None:
    cleaner = Cleaner()
    text = page.read_text(encoding="utf-8")
    first = cleaner.clean(text)
    assert first.text.strip(), "a real page came out empty"
    assert first.held is not None or first.text != text, "a real page came out untouched"
    assert cleaner(first.text) == first.text, "cleaning the output changed it again"
