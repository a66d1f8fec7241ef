"""Golden files: golden/<site>/<case>.in.txt cleaned must equal the hand-cleaned .out.txt."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from cleaner import Cleaner

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.in.txt"))


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name.removesuffix('.in.txt')}"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _diff(expected: str, got: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            got.splitlines(keepends=True),
            fromfile=f"{name}.out.txt (hand-cleaned)",
            tofile=f"{name} (cleaner output)",
        )
    )


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 1
    assert len([c for c in CASES if c.parent.name != "generic"]) >= 5, "one golden case per seed site"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_golden(case: Path, cleaner: Cleaner) -> None:
    expected = case.with_name(case.name.replace(".in.txt", ".out.txt")).read_text(encoding="utf-8")
    # No path is passed: sites must be recognised from the text alone, as for a bare dump.
    got = cleaner.clean(case.read_text(encoding="utf-8")).text
    assert got == expected, "cleaned text differs from the golden file:\n" + _diff(expected, got, _id(case))


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_golden_output_is_clean(case: Path, cleaner: Cleaner) -> None:
    expected = case.with_name(case.name.replace(".in.txt", ".out.txt")).read_text(encoding="utf-8")
    again = cleaner.clean(expected).text
    assert again == expected, "cleaning the golden output changed it:\n" + _diff(expected, again, _id(case))
