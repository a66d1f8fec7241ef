"""The console-script entry: its fast path behaves exactly like the typer app, and imports little."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import app
from cleaner.entry import main, parse_fast

DIRTY = "Headline of the story\n\nAdvertisement\n\nThe first paragraph of the story, long enough to be prose.\n"
CLEAN = "Headline of the story\n\nThe first paragraph of the story, long enough to be prose.\n"


def make_tree(root: Path) -> None:
    """Dumps of every kind a hook meets: dirty, clean, held back by the valve, binary, and a folder."""
    (root / ".git").mkdir(parents=True)
    (root / "dumps" / "sub").mkdir(parents=True)
    (root / "dumps" / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (root / "dumps" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (root / "dumps" / "sub" / "nested.txt").write_text(DIRTY, encoding="utf-8")
    (root / "dumps" / "only-ads.txt").write_text("Advertisement\n", encoding="utf-8")
    (root / "dumps" / "binary.txt").write_bytes(b"\x00\x01binary\x00")
    (root / "rules-empty").mkdir()


CASES = [
    ["clean", "--in-place", "dumps/dirty.txt", "dumps/clean.txt"],
    ["clean", "-i", "-q", "dumps/dirty.txt", "dumps/clean.txt"],
    ["clean", "--check", "dumps/dirty.txt", "dumps/clean.txt"],
    ["clean", "--check", "--quiet", "dumps/dirty.txt"],
    ["clean", "--check", "dumps/clean.txt"],
    ["clean", "--in-place", "dumps"],
    ["clean", "--in-place", "--exclude", "sub", "--exclude=clean.txt", "dumps"],
    ["clean", "--check", "--include", "*.md", "dumps"],
    ["clean", "--in-place", "dumps/only-ads.txt", "dumps/dirty.txt"],
    ["clean", "--in-place", "--force", "dumps/only-ads.txt"],
    ["clean", "--in-place", "dumps/binary.txt", "dumps/dirty.txt"],
    ["clean", "--check", "dumps/missing.txt"],
    ["clean", "--check", "--site", "no.such-site", "dumps/dirty.txt"],
    ["clean", "--check", "--rules", "no-such-folder", "dumps/dirty.txt"],
    ["clean", "--check", "--rules=rules-empty", "dumps/dirty.txt"],
    ["clean", "--check", "--exclude", "dumps/*", "dumps/dirty.txt"],
    ["clean", "dumps", "-o", "out"],
    ["clean", "-o", "out", "--jobs", "2", "dumps"],
    ["clean", "dumps", "--output=out", "-j", "2", "-q", "--exclude", "sub"],
    ["clean", "dumps/binary.txt", "dumps/dirty.txt", "dumps/only-ads.txt", "-o", "out", "--jobs=2"],
    ["clean", "dumps", "-o", "dumps/out", "--jobs", "2"],
    ["clean", "dumps/missing.txt", "-o", "out"],
    ["clean", "--site", "investing.com", "dumps", "-o", "out", "--jobs", "1"],
]


def run_typer(argv: list[str]) -> int:
    try:
        app(args=argv, prog_name="cleaner")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def outcome(root: Path, run: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, dict[str, bytes]]:
    out, err = capsys.readouterr()
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.txt"))}
    return run, out, err, files


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_fast_path_matches_the_typer_app(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert parse_fast(argv) is not None, "this case must take the fast path"
    results = []
    for name, runner in (("fast", main), ("typer", run_typer)):
        root = tmp_path / name
        make_tree(root)
        monkeypatch.chdir(root)
        results.append(outcome(root, runner(argv), capsys))
    fast, typer_ = results
    assert fast == typer_
    assert fast[2], "every run reports something on stderr"


def test_other_calls_go_to_the_typer_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--help"]) == 0
    assert "Usage: cleaner clean" in capsys.readouterr().out
    assert main(["clean", "--in-place", "--no-such-option", "a.txt"]) == 2
    assert "No such option: --no-such-option" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["clean", "a.txt"],  # stdout mode
        ["clean", "--in-place", "--check", "a.txt"],  # a usage error typer words
        ["clean", "--in-place", "-"],  # stdin
        ["clean", "-iq", "a.txt"],  # combined short flags
        ["clean", "--in-place", "--", "a.txt"],
        ["clean", "--in-place", "--site", "a", "--site", "b", "a.txt"],
        ["clean", "--in-place", "--site"],
        ["clean", "--in-place"],
        ["explain", "a.txt"],
        [],
    ],
)
def test_parse_fast_declines_what_it_does_not_handle(argv: list[str]) -> None:
    assert parse_fast(argv) is None


HEAVY = ("typer", "click", "rich", "pydantic", "trafilatura", "charset_normalizer", "pathspec", "dask", "lxml")
LAZY = ("multiprocessing", "concurrent", "difflib", "json")
"""Standard modules only other paths need (--jobs, --diff, --keep-removed): each costs the hook's start-up."""


def test_hook_call_imports_no_heavy_module(tmp_path: Path) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(DIRTY, encoding="utf-8")
    probe = (
        "import sys\nfrom cleaner.entry import main\ncode = main(['clean', '--in-place', sys.argv[1]])\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\nsys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(dump)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert dump.read_text(encoding="utf-8") == CLEAN
    loaded = set(done.stdout.split())
    assert "cleaner" in loaded
    assert not loaded & set(HEAVY), f"the hook call imported {sorted(loaded & set(HEAVY))}"
    assert not loaded & set(LAZY), f"the hook call imported {sorted(loaded & set(LAZY))}"


def test_console_script_and_python_m_run_the_entry(tmp_path: Path) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(DIRTY, encoding="utf-8")
    script = shutil.which("cleaner", path=os.path.dirname(sys.executable))
    assert script is not None, "the cleaner console script is not installed next to this Python"
    done = subprocess.run([script, "clean", "--check", str(dump)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, f"would clean {dump}\n1 file would be cleaned.\n")
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "--in-place", str(dump)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, dump.read_text(encoding="utf-8")) == (0, CLEAN)
