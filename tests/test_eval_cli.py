"""`cleaner eval` on a tiny hand-made dev set; expected numbers worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest import approx
from typer.testing import CliRunner

from cleaner.cli import app

DUMPS = {
    "a": "Cats in the city\n\nHome\n\nThe cats of the old city sleep in the sun all day long.\n",
    "b": "Dogs\nShare this\nDogs bark at night. Everyone hears them\nSubscribe now!\n",
}
GOLD = {
    "a": "The cats of the old city sleep in the sun all day long.",
    "b": "Dogs bark at night. Everyone hears them",
}


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    for sub, files in (("input", DUMPS), ("gold", GOLD)):
        (tmp_path / sub).mkdir()
        for name, text in files.items():
            (tmp_path / sub / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def _eval(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["eval", *args])
    return res.exit_code, res.output


def test_gold_eval_prints_rows_and_writes_hand_computed_numbers(devset: Path) -> None:
    out_json = devset / "scores.json"
    code, out = _eval(str(devset / "input"), str(devset / "gold"), "--baseline", "identity,c4", "--json", str(out_json))
    assert code == 0, out
    assert [line.split()[0] for line in out.splitlines()[1:4]] == ["cleaner", "identity", "c4"]
    assert "worst documents (cleaner):" in out
    m = json.loads(out_json.read_text())["methods"]
    # identity body, a: "Home" + 13 tokens = 11 shingles, 10 in gold -> P 10/11, R 1;
    # b: 11 tokens = 8 shingles, the 4 gold ones in -> P 1/2, R 1.
    assert m["identity"]["precision"] == approx(31 / 44)
    assert m["identity"]["recall"] == 1.0
    assert m["identity"]["f1"] == approx(62 / 75)
    assert m["identity"]["median_f1"] == approx((20 / 21 + 2 / 3) / 2)
    assert m["identity"]["line_f1"] == approx(10 / 17)  # line P mean(1/2, 1/3), line R 1
    # c4 keeps only a's story line; b loses everything (no line ends in punctuation with >= 3 words)
    assert (m["c4"]["precision"], m["c4"]["recall"], m["c4"]["empty"]) == (1.0, 0.5, 1)
    assert m["c4"]["f1"] == approx(2 / 3)


def test_min_f1_sets_the_exit_code(devset: Path) -> None:
    # A page whose gold shares nothing with it: no cleaner scores a perfect F1 on this set.
    (devset / "input" / "c.txt").write_text("Birds\n\nBirds sing in the morning all over town.\n", encoding="utf-8")
    (devset / "gold" / "c.txt").write_text("Nothing of this page is in the gold text.", encoding="utf-8")
    args = (str(devset / "input"), str(devset / "gold"), "--worst", "0")
    assert _eval(*args, "--min-f1", "0.5")[0] == 0
    code, out = _eval(*args, "--min-f1", "0.999")
    assert code == 1
    assert "quality gate FAILED: eval: F1" in out


def test_snippet_eval_keeps_the_headline(devset: Path) -> None:
    index = {
        "a": {"with": ["Cats in the city", "sleep in the sun"], "without": ["Home"]},
        "b": {"with": ["Dogs bark at night."], "without": ["Subscribe now!"]},
    }
    path = devset / "index.json"
    path.write_text(json.dumps(index), encoding="utf-8")
    out_json = devset / "s.json"
    code, out = _eval(str(devset / "input"), "--snippets", str(path), "--baseline", "identity", "--json", str(out_json))
    assert code == 0, out
    ident = json.loads(out_json.read_text())["methods"]["identity"]
    # unchanged text: all 3 `with` found, both `without` found
    assert (ident["precision"], ident["recall"]) == (approx(3 / 5), 1.0)


def test_missing_gold_is_a_clear_error(devset: Path) -> None:
    (devset / "gold" / "b.txt").unlink()
    code, out = _eval(str(devset / "input"), str(devset / "gold"))
    assert code == 2
    assert "b.txt: missing" in out


def test_floors_file_gates_every_set_and_fails_loudly_without_the_dev_set(devset: Path) -> None:
    floors = devset / "floors.toml"
    floors.write_text('[[set]]\nname = "tiny"\ninput = "input"\ngold = "gold"\nmin_f1 = 0.1\n', encoding="utf-8")
    code, out = _eval("--floors", str(floors))
    assert (code, "quality gate passed" in out) == (0, True)
    floors.write_text('[[set]]\nname = "tiny"\ninput = "nowhere"\ngold = "gold"\nmin_f1 = 0.1\n', encoding="utf-8")
    code, out = _eval("--floors", str(floors))
    assert code == 2
    assert "quality gate 'tiny': input folder" in out and "not found" in out


def test_unknown_baseline_is_a_clear_error(devset: Path) -> None:
    code, out = _eval(str(devset / "input"), str(devset / "gold"), "--baseline", "c5")
    assert code == 2
    assert "unknown baseline 'c5'" in out


def _split(devset: Path, lines: str) -> Path:
    path = devset / "split.tsv"
    path.write_text("# part\tsite\tid\n" + lines, encoding="utf-8")
    return path


def test_split_reports_tune_and_check_side_by_side_and_lists_tune_pages_only(devset: Path) -> None:
    split = _split(devset, "tune\tcats.org\ta\ncheck\tdogs.org\tb\n")
    out_json = devset / "scores.json"
    args = (str(devset / "input"), str(devset / "gold"), "--baseline", "identity", "--split", str(split))
    code, out = _eval(*args, "--json", str(out_json))
    assert code == 0, out
    assert "by part (split split.tsv):" in out
    parts = json.loads(out_json.read_text())["parts"]
    # identity, a alone: P 10/11, R 1 -> F1 20/21; b alone: P 1/2, R 1 -> F1 2/3 (see the first test)
    assert parts["tune"]["identity"]["f1"] == approx(20 / 21)
    assert parts["check"]["identity"]["f1"] == approx(2 / 3)
    assert (parts["tune"]["identity"]["n"], parts["check"]["identity"]["n"]) == (1, 1)
    worst = out.split("worst tune documents (cleaner):\n", 1)[1]
    assert [line.split()[0] for line in worst.splitlines()] == ["a"]


def test_split_without_a_page_is_a_clear_error(devset: Path) -> None:
    split = _split(devset, "tune\tcats.org\ta\n")
    code, out = _eval(str(devset / "input"), str(devset / "gold"), "--split", str(split))
    assert code == 2
    assert "page 'b' is not in the split" in out and "bench/make_split.py" in out
    _split(devset, "tune cats.org a\n")
    code, out = _eval(str(devset / "input"), str(devset / "gold"), "--split", str(split))
    assert code == 2
    assert "split.tsv:2: expected" in out


def test_floors_gate_each_part_of_a_split(devset: Path) -> None:
    # c's gold shares nothing with it, so the check part (b, c) scores about 0.5 and the tune part (a) 1.0
    (devset / "input" / "c.txt").write_text("Birds\n\nBirds sing in the morning all over town.\n", encoding="utf-8")
    (devset / "gold" / "c.txt").write_text("Nothing of this page is in the gold text.", encoding="utf-8")
    _split(devset, "tune\tcats.org\ta\ncheck\tdogs.org\tb\ncheck\tbirds.org\tc\n")
    floors = devset / "floors.toml"
    head = '[[set]]\nname = "tiny"\ninput = "input"\ngold = "gold"\nmin_f1 = 0.1\nsplit = "split.tsv"\n'
    floors.write_text(head + "tune_min_f1 = 0.99\ncheck_min_f1 = 0.4\n", encoding="utf-8")
    code, out = _eval("--floors", str(floors))
    assert (code, "quality gate passed" in out) == (0, True), out
    floors.write_text(head + "tune_min_f1 = 0.99\ncheck_min_f1 = 0.9\n", encoding="utf-8")
    code, out = _eval("--floors", str(floors))
    assert code == 1
    assert "quality gate FAILED: tiny: check part F1" in out and "tune part" not in out
    floors.write_text(head + "tune_min_f1 = 0.99\n", encoding="utf-8")
    code, out = _eval("--floors", str(floors))
    assert code == 2
    assert "a 'split' needs both 'tune_min_f1' and 'check_min_f1'" in out
