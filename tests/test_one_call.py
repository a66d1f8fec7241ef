"""A task's files read, cleaned and written in one engine call (``Cleaner.clean_files``).

``Cleaner.clean_bytes`` and ``textio.write_atomic`` are the reference: a file the call cleans must be
counted and written as they would, with the same permission bits; a file it cannot take (another
encoding, a ``# url:`` line, unreadable, a write that fails) must come back as None, untouched, so
that the Python path reads, writes or refuses it in its own words. Whole runs through both paths are
compared in ``tests/test_bytes_path.py``.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_bytes_path import FORMS, LEFT_TO_STR

from cleaner import _core
from cleaner.batch import Mode, Options, run
from cleaner.engines import dispatch
from cleaner.pipeline import Cleaner
from cleaner.textio import umask

CHECK, IN_PLACE, OUTDIR = 0, 1, 2
STORY = "The story goes on and on, as stories do, for a good while longer."
DUMP = f"Title\n\nAdvertisement\n{STORY}\n"
CLEANED = f"Title\n\n{STORY}\n"
ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "golden"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(metadata=False)


def _env() -> dict[str, str]:
    # The child imports this tree's cleaner, as pytest's process does.
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _tmp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def _clean(cleaner: Cleaner, files: list[tuple[Path, Path | None]], mode: int, max_bytes: int = 0) -> list:  # type: ignore[type-arg]
    rows = [(str(p), str(t) if t is not None else None, None) for p, t in files]
    return cleaner.clean_files(rows, mode, max_bytes, umask())


@pytest.mark.parametrize("form", FORMS)
def test_a_file_is_counted_and_written_as_clean_bytes_and_write_atomic_would(
    tmp_path: Path, cleaner: Cleaner, form: str
) -> None:
    raw = FORMS[form]
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_bytes(raw)
    src.chmod(0o640)
    out = tmp_path / "out" / "deep" / "a.txt"
    reference = cleaner.clean_bytes(raw, path=str(src))
    if raw.lstrip(b"\xef\xbb\xbf").startswith(b"#"):
        # A `# url:` line: the Python path reads it (its URL may name the site).
        assert reference is not None and _clean(cleaner, [(src, out)], OUTDIR) == [None]
        assert not out.exists()
        return
    (got,) = _clean(cleaner, [(src, out)], OUTDIR)
    assert reference is not None and got is not None
    want = (reference.changed, reference.bytes_in, reference.bytes_out, reference.rule_counts, reference.held)
    assert (got.changed, got.bytes_in, got.bytes_out, got.rule_counts, got.held) == want
    assert out.read_bytes() == reference.data
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the input's bits, as write_atomic gives them
    assert _tmp_files(tmp_path) == []
    (checked,) = _clean(cleaner, [(src, None)], CHECK)
    assert checked is not None and checked.changed == reference.changed
    assert src.read_bytes() == raw


@pytest.mark.parametrize("form", LEFT_TO_STR)
def test_what_only_the_python_path_reads_is_left_untouched(tmp_path: Path, cleaner: Cleaner, form: str) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(LEFT_TO_STR[form])
    assert _clean(cleaner, [(src, tmp_path / "out" / "a.txt")], OUTDIR) == [None]
    assert _clean(cleaner, [(src, None)], IN_PLACE) == [None]
    assert src.read_bytes() == LEFT_TO_STR[form]
    assert not (tmp_path / "out").exists()


def test_missing_folders_links_and_large_files_are_left_to_the_python_path(tmp_path: Path, cleaner: Cleaner) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DUMP, encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    names = ["missing.txt", "folder.txt", "dangling.txt", "good.txt"]
    got = _clean(cleaner, [(tmp_path / n, None) for n in names], CHECK)
    assert [g is None for g in got] == [True, True, True, False]
    assert got[3].changed
    # Over the limit: left to the Python path, which names the limit.
    assert _clean(cleaner, [(good, None)], CHECK, max_bytes=len(DUMP) - 1) == [None]
    assert _clean(cleaner, [(good, None)], CHECK, max_bytes=len(DUMP))[0] is not None


def test_in_place_writes_only_changed_files_through_their_links(tmp_path: Path, cleaner: Cleaner) -> None:
    changed, clean = tmp_path / "a.txt", tmp_path / "b.txt"
    changed.write_text(DUMP, encoding="utf-8")
    clean.write_text(CLEANED, encoding="utf-8")
    changed.chmod(0o604)
    link = tmp_path / "link.txt"
    os.symlink("a.txt", link)
    before = clean.stat().st_ino
    got = _clean(cleaner, [(link, None), (clean, None)], IN_PLACE)
    assert [g.changed for g in got] == [True, False]
    assert link.is_symlink() and changed.read_text(encoding="utf-8") == CLEANED
    assert stat.S_IMODE(changed.stat().st_mode) == 0o604  # the file keeps its own bits
    assert clean.stat().st_ino == before  # not rewritten
    assert _tmp_files(tmp_path) == []


def test_in_place_a_file_named_twice_is_read_as_the_first_visit_left_it(tmp_path: Path, cleaner: Cleaner) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(DUMP, encoding="utf-8")
    got = _clean(cleaner, [(dump, None), (dump, None)], IN_PLACE)
    assert [g.changed for g in got] == [True, False]
    assert dump.read_text(encoding="utf-8") == CLEANED


def test_in_place_files_after_one_left_over_are_left_too(tmp_path: Path, cleaner: Cleaner) -> None:
    # The Python path takes the rest in order: a later file may be the same file as the one left over.
    first, odd, last = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    for p in (first, last):
        p.write_text(DUMP, encoding="utf-8")
    odd.write_bytes(LEFT_TO_STR["cp1252"])
    got = _clean(cleaner, [(first, None), (odd, None), (last, None)], IN_PLACE)
    assert [g is None for g in got] == [False, True, True]
    assert first.read_text(encoding="utf-8") == CLEANED and last.read_text(encoding="utf-8") == DUMP
    # -o goes on past it (no output is an input).
    out = tmp_path / "out"
    got = _clean(cleaner, [(p, out / p.name) for p in (first, odd, last)], OUTDIR)
    assert [g is None for g in got] == [False, True, False]
    assert sorted(p.name for p in out.iterdir()) == ["1.txt", "3.txt"]


def test_a_write_that_fails_leaves_the_file_and_the_tasks_rest_to_the_python_path(
    tmp_path: Path, cleaner: Cleaner
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"{n}.txt").write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "blocked").write_bytes(b"a file where a folder should be")
    targets = [out / "0.txt", out / "blocked" / "1.txt", out / "2.txt"]
    got = _clean(cleaner, [(src / f"{n}.txt", t) for n, t in enumerate(targets)], OUTDIR)
    assert [g is None for g in got] == [False, True, True]
    assert (out / "0.txt").read_text(encoding="utf-8") == CLEANED  # written before the failure
    assert not (out / "2.txt").exists()
    assert _tmp_files(tmp_path) == []


def test_a_run_reports_a_write_error_as_the_python_path_does(tmp_path: Path, cleaner: Cleaner) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "sub").mkdir()
    (src / "a.txt").write_text(DUMP, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(DUMP, encoding="utf-8")
    said = []
    for way in ("files", "python"):
        out = tmp_path / way
        out.mkdir()
        (out / "sub").write_bytes(b"in the way")
        messages: list[str] = []
        with pytest.MonkeyPatch.context() as mp:
            if way == "python":
                mp.setattr(dispatch, "one_call_fits", lambda *a: False)
            report = run(cleaner, [src], Options(mode=Mode.OUTDIR, outdir=out, jobs=1), say=messages.append)
        assert len(report.errors) == 1 and len(report.changed) == 1
        said.append([m.replace(str(out), "OUT") for m in messages])
        assert (out / "a.txt").read_text(encoding="utf-8") == CLEANED
        assert _tmp_files(out) == []
    assert said[0] == said[1]
    assert any(m.startswith("error: cannot write OUT/sub/b.txt: ") for m in said[0])


def test_a_run_names_an_unreadable_file_as_the_python_path_does(tmp_path: Path, cleaner: Cleaner) -> None:
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop the capability that lets root read any file")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DUMP, encoding="utf-8")
    (src / "b.txt").write_text(DUMP, encoding="utf-8")
    (src / "b.txt").chmod(0)
    runs = []
    for way in ("files", "python"):
        patch = (
            "from cleaner.engines import dispatch; dispatch.one_call_fits = lambda *a: False; "
            if way == "python"
            else ""
        )
        code = f"{patch}from cleaner.entry import main; raise SystemExit(main())"
        cmd = [sys.executable, "-c", code, "clean", str(src), "-o", str(tmp_path / way)]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                   "--bounding-set=-dac_override,-dac_read_search", *cmd]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, env=_env())
        runs.append((done.returncode, done.stderr, sorted(p.name for p in (tmp_path / way).iterdir())))
    assert runs[0] == runs[1]
    assert runs[0][0] == 2 and f"error: cannot clean {src / 'b.txt'}: cannot read: Permission denied" in runs[0][1]
    assert runs[0][2] == ["a.txt"]


def test_a_known_site_is_found_by_its_path_or_its_signatures(tmp_path: Path, cleaner: Cleaner) -> None:
    golden = sorted((GOLDEN / "investing.com").glob("*.in.txt"))[0]
    by_text = tmp_path / "page.txt"
    shutil.copy(golden, by_text)
    (got,) = _clean(cleaner, [(by_text, None)], CHECK)
    reference = cleaner.clean_bytes(golden.read_bytes(), path=str(by_text))
    assert reference is not None and reference.site == "investing.com"
    assert got is not None and any(rule.startswith("investing.com") for rule in got.rule_counts)
    assert got.rule_counts == reference.rule_counts
    forced = cleaner.clean_files([(str(by_text), None, "investing.com")], CHECK, 0, umask())
    assert forced[0] is not None and forced[0].rule_counts == reference.rule_counts
    # An unknown forced site is the Python path's to name.
    assert cleaner.clean_files([(str(by_text), None, "no-such-site")], CHECK, 0, umask()) == [None]


def test_signature_detection_matches_the_site_index(cleaner: Cleaner) -> None:
    index = cleaner.index
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*/*.in.txt"))]
    sigs = [sig for site in index.sites.values() for sig in site.signatures]
    texts += [" and ".join(sigs[i : i + 3]) for i in range(len(sigs))]  # several sites' signatures in one text
    texts += ["nothing here", ""]
    order = list(index.sites)
    for text in texts:
        found = index.signatures.detect(text)
        assert (order[found] if found is not None else None) == index.by_signature(text)
    assert any(index.by_signature(t) for t in texts)


def test_site_signatures_tie_goes_to_the_first_site_hit() -> None:
    sigs = _core.SiteSignatures([("Alpha Ltd", [1]), ("Beta Ltd", [0])], [1, 1])
    assert sigs.detect("Alpha Ltd then Beta Ltd") == 1
    assert sigs.detect("Beta Ltd then Alpha Ltd") == 0
    with pytest.raises(ValueError, match="out of range"):
        _core.SiteSignatures([("x", [2])], [1])


def test_a_task_syncs_each_file_then_each_folder_once(tmp_path: Path) -> None:
    if shutil.which("strace") is None:
        pytest.skip("needs strace")
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        (src / f"{n}.txt").write_text(DUMP, encoding="utf-8")
    trace = tmp_path / "trace.txt"
    code = "from cleaner.entry import main; raise SystemExit(main())"
    cmd = ["strace", "-f", "-e", "trace=fsync,rename", "-o", str(trace), sys.executable, "-c", code]
    done = subprocess.run(
        [*cmd, "clean", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"],
        capture_output=True,
        text=True,
        env=_env(),
    )
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip("strace cannot trace here")
    assert done.returncode == 0, done.stderr
    lines = [line for line in trace.read_text().splitlines() if "(" in line]
    calls = [line.split("(")[0].split()[-1] for line in lines]
    # A run with a cold pattern cache also renames the cache file into place: only the outputs' renames count.
    out = str(tmp_path / "out")
    calls = [c for c, line in zip(calls, lines, strict=True) if c == "fsync" or (c == "rename" and out in line)]
    # The four copies synced back to back, renamed, then their folder once.
    assert calls == ["fsync"] * 4 + ["rename"] * 4 + ["fsync"]
    assert all((tmp_path / "out" / f"{n}.txt").read_text(encoding="utf-8") == CLEANED for n in range(4))
