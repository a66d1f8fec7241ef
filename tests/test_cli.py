"""The command line as a user meets it: modes, messages, exit codes, explanations and one-line errors."""

from __future__ import annotations

import difflib
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cleaner.cli import app

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SEEDS = sorted(GOLDEN.glob("*/0*-seed.in.txt"))
INVESTING = GOLDEN / "investing.com" / "000-seed.in.txt"
WION = GOLDEN / "wionews.com" / "001-seed.in.txt"


def _out(case: Path) -> Path:
    return case.with_name(case.name.replace(".in.txt", ".out.txt"))


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"cleaner {' '.join(args)} raised {result.exception!r}") from result.exception
    return result


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """dumps/ with two seeds (one in a sub-folder), an already clean text and a non-.txt file."""
    root = tmp_path / "dumps"
    (root / "world").mkdir(parents=True)
    shutil.copyfile(INVESTING, root / "investing.txt")
    shutil.copyfile(WION, root / "world" / "wion.txt")
    shutil.copyfile(_out(INVESTING), root / "clean.txt")
    shutil.copyfile(WION, root / "notes.md")
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def summary_lines(stderr: str) -> list[str]:
    return [s for s in stderr.splitlines() if re.match(r"^\d+ files? .*\.$", s)]


# --- clean: stdout and stdin ------------------------------------------------------------------------


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.parent.name)
def test_clean_file_prints_the_golden_text(case: Path) -> None:
    result = invoke("clean", str(case))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _out(case).read_text(encoding="utf-8")
    assert result.stderr == ""


def test_clean_stdin_to_stdout() -> None:
    result = invoke("clean", "-", stdin=INVESTING.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _out(INVESTING).read_text(encoding="utf-8")


# --- clean -o OUTDIR -------------------------------------------------------------------------------


def test_outdir_mirrors_folders_and_takes_txt_by_default(tree: Path, tmp_path: Path) -> None:
    before = snapshot(tree)
    out = tmp_path / "cleaned"
    result = invoke("clean", str(tree), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.*")) == ["clean.txt", "investing.txt", "world/wion.txt"]
    assert (out / "investing.txt").read_bytes() == _out(INVESTING).read_bytes()
    assert (out / "world" / "wion.txt").read_bytes() == _out(WION).read_bytes()
    assert snapshot(tree) == before, "-o must not touch the inputs"
    assert f"cleaned {tree / 'investing.txt'}" in result.stderr.splitlines()
    assert f"cleaned {tree / 'world' / 'wion.txt'}" in result.stderr.splitlines()
    assert summary_lines(result.stderr) == ["2 files cleaned, 1 file left unchanged."]


def test_outdir_include_and_exclude(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    assert invoke("clean", str(tree), "-o", str(out), "--include", "*.md").exit_code == 0
    assert [p.name for p in out.rglob("*") if p.is_file()] == ["notes.md"]
    out = tmp_path / "no-world"
    assert invoke("clean", str(tree), "-o", str(out), "--exclude", "world").exit_code == 0
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["clean.txt", "investing.txt"]


# --- clean --in-place / --check / --diff ---------------------------------------------------------


def test_in_place_rewrites_only_files_that_change(tree: Path) -> None:
    before = snapshot(tree)
    result = invoke("clean", str(tree), "--in-place")
    assert result.exit_code == 0, result.stderr
    after = snapshot(tree)
    assert after["clean.txt"] == before["clean.txt"], "an unchanged file must keep its bytes, mtime and inode"
    assert after["notes.md"] == before["notes.md"]
    assert after["investing.txt"][0] == _out(INVESTING).read_bytes()
    assert after["world/wion.txt"][0] == _out(WION).read_bytes()
    assert summary_lines(result.stderr) == ["2 files cleaned, 1 file left unchanged."]
    again = invoke("clean", str(tree), "--in-place")
    assert snapshot(tree) == after, "a second run has nothing left to change"
    assert summary_lines(again.stderr) == ["3 files left unchanged."]


def test_check_writes_nothing_and_exits_1_when_a_file_would_change(tree: Path) -> None:
    before = snapshot(tree)
    result = invoke("clean", str(tree), "--check")
    assert result.exit_code == 1
    assert snapshot(tree) == before
    assert result.stdout == ""
    assert f"would clean {tree / 'investing.txt'}" in result.stderr.splitlines()
    assert summary_lines(result.stderr) == ["2 files would be cleaned, 1 file would be left unchanged."]


def test_check_exits_0_when_everything_is_clean(tree: Path) -> None:
    result = invoke("clean", str(tree / "clean.txt"), "--check")
    assert result.exit_code == 0, result.stderr
    assert summary_lines(result.stderr) == ["1 file would be left unchanged."]


def test_diff_prints_a_unified_diff_and_writes_nothing(tree: Path) -> None:
    before = snapshot(tree)
    result = invoke("clean", str(tree / "investing.txt"), "--diff")
    assert result.exit_code == 1
    assert snapshot(tree) == before
    original = INVESTING.read_text(encoding="utf-8").splitlines(keepends=True)
    cleaned = _out(INVESTING).read_text(encoding="utf-8").splitlines(keepends=True)
    name = str(tree / "investing.txt")
    expected = "".join(difflib.unified_diff(original, cleaned, fromfile=name, tofile=f"{name} (cleaned)"))
    assert result.stdout == expected
    assert result.stdout.startswith(f"--- {name}\n+++ {name} (cleaned)\n@@ ")


# --- explain, sites, rule -------------------------------------------------------------------------

REMOVAL = re.compile(r"^  L(\d+)(?:-(\d+))?(?::\d+-\d+)? +(\S+)  ")
COUNT = re.compile(r"^  (\d+)  (\S+)$")


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.parent.name)
def test_explain_accounts_for_every_removed_line(case: Path) -> None:
    result = invoke("explain", str(case))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{case}: site {case.parent.name}, ")
    covered: set[int] = set()
    listed: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    for line in lines[1:]:
        if m := REMOVAL.match(line):
            first, last = int(m[1]), int(m[2] or m[1])
            covered.update(range(first, last + 1))
            listed[m[3]] += 1
        elif m := COUNT.match(line):
            counted[m[2]] = int(m[1])
    assert listed and counted == listed, "the per-rule counts must match the removals listed"
    source = [s.rstrip() for s in case.read_text(encoding="utf-8").split("\n")]
    output = _out(case).read_text(encoding="utf-8").splitlines()
    matcher = difflib.SequenceMatcher(a=source, b=output, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        for i in range(i1, i2):  # deleted, or changed by an inline cut
            assert not source[i].strip() or i + 1 in covered, f"line {i + 1} removed without an explanation"


def test_sites_lists_every_site_and_how_it_is_recognised() -> None:
    result = invoke("sites")
    assert result.exit_code == 0
    for case in SEEDS:
        assert re.search(rf"^{re.escape(case.parent.name)}  \(\d+ rules", result.stdout, re.M), case.parent.name
    assert "signatures: 'Fusion Media Limited'" in result.stdout
    assert "domains:    wionews.com" in result.stdout


def test_rule_shows_why_pattern_and_examples() -> None:
    result = invoke("rule", "investing.byline")
    assert result.exit_code == 0
    assert result.stdout.startswith("investing.byline (drop_line, site investing.com, investing.com.toml)")
    assert "Why: author byline under the headline" in result.stdout
    assert "By Kanishka Singh" in result.stdout


def test_rule_without_id_lists_every_rule() -> None:
    listed = invoke("rule").stdout
    assert "investing.byline" in listed and "breitbart.comments-prompt" in listed


def test_unknown_rule_is_one_line_error() -> None:
    assert_one_line_error(invoke("rule", "nope.nothing"), "nope.nothing")


# --- one-line errors, exit 2 ----------------------------------------------------------------------

GOOD = 'id = "bad.ok"\nkind = "drop_line"\npattern = "^Ad$"\nwhy = "ad"\n'
BAD_RULES = {
    "invalid-regex": ('id = "bad.re"\nkind = "drop_line"\npattern = "(oops"\nwhy = "x"\n', "bad.re"),
    "unknown-key": ('id = "bad.key"\nkind = "drop_line"\npattern = "x"\nwhy = "x"\nreason = "y"\n', "bad.key"),
    "duplicate-id": (GOOD, "bad.ok"),
    "missing-why": ('id = "bad.why"\nkind = "drop_line"\npattern = "x"\n', "bad.why"),
}


@pytest.mark.parametrize("problem", sorted(BAD_RULES))
@pytest.mark.parametrize("command", ["clean", "explain", "sites"])
def test_bad_rule_file_is_one_line_error(tmp_path: Path, problem: str, command: str) -> None:
    rule, rule_id = BAD_RULES[problem]
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.com.toml").write_text(f'[site]\nid = "bad.com"\n[[rule]]\n{GOOD}[[rule]]\n{rule}', encoding="utf-8")
    args = [command, str(INVESTING)] if command != "sites" else [command]
    assert_one_line_error(invoke(*args, "--rules", str(rules)), "bad.com.toml", rule_id)


@pytest.mark.parametrize("mode", [[], ["--check"], ["-o", "OUT"], ["--in-place"], ["--diff"]])
def test_missing_file_is_one_line_error(tmp_path: Path, mode: list[str]) -> None:
    args = [a.replace("OUT", str(tmp_path / "out")) for a in mode]
    assert_one_line_error(invoke("clean", str(tmp_path / "missing.txt"), *args), "missing.txt")
    assert not (tmp_path / "out").exists()


def test_explain_missing_file_is_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(invoke("explain", str(tmp_path / "missing.txt")), "missing.txt")


@pytest.mark.parametrize("mode", [["--check"], ["-o", "OUT"], ["--in-place"], ["--diff"]])
def test_folder_without_matching_files_is_one_line_error(tmp_path: Path, mode: list[str]) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in mode]
    assert_one_line_error(invoke("clean", str(folder), *args), "no files matching *.txt", str(folder))


def test_readme_first_command_cleans_the_bundled_examples(tmp_path: Path) -> None:
    examples = GOLDEN.parent / "examples"
    result = invoke("clean", str(examples), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    for case in SEEDS:
        number, site = case.name.split("-")[0], case.parent.name
        assert (examples / f"{number}-{site}.txt").read_bytes() == case.read_bytes(), "examples/ must be the seeds"
        assert (tmp_path / f"{number}-{site}.txt").read_bytes() == _out(case).read_bytes()
