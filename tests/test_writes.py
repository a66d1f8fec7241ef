"""Writes: atomic, permissions kept, never over an input, safe when interrupted; symlinks stay in the tree."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import HANG_GUARD_SECONDS, Ran, cli

from cleaner import textio
from cleaner.engines import dispatch
from cleaner.textio import write_atomic

STORY = "The story goes on and on, as stories do, for a good while longer."
DUMP = f"Title\n\nAdvertisement\n{STORY}\n"
CLEANED = f"Title\n\n{STORY}\n"


def _tmp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*.tmp"))


def test_write_atomic_keeps_permissions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _tmp_files(tmp_path) == []


def test_new_output_takes_the_input_permissions_not_0600(tmp_path: Path) -> None:
    src = tmp_path / "in" / "page.txt"
    src.parent.mkdir()
    src.write_text(DUMP, encoding="utf-8")
    src.chmod(0o644)
    assert cli("clean", src.parent, "-o", tmp_path / "out").code == 0
    assert stat.S_IMODE((tmp_path / "out" / "page.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_new_outputs_take_bits_the_umask_would_not_give(tmp_path: Path, jobs: str) -> None:
    # 0640 and 0604 are not what a new file gets under the usual umask (022), so they came from the input.
    for name, bits in (("a.txt", 0o640), ("b.txt", 0o604)):
        src = tmp_path / "in" / name
        src.parent.mkdir(exist_ok=True)
        src.write_text(DUMP, encoding="utf-8")
        src.chmod(bits)
    assert cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--jobs", jobs).code == 0
    assert stat.S_IMODE((tmp_path / "out" / "a.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "out" / "b.txt").stat().st_mode) == 0o604


def test_an_existing_output_keeps_its_bits_over_those_of_its_input(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new", like_mode=0o644)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("bits", [0o666, 0o600, 0o444, 0o2640])
def test_a_new_file_gets_the_bits_of_its_model_whatever_the_umask_masks(tmp_path: Path, bits: int) -> None:
    # The temporary file is created with the final bits; where the umask (022) takes some away, or
    # for set-group-id, a chmod puts them back.
    like = tmp_path / "in.txt"
    like.write_bytes(b"x")
    like.chmod(bits)
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new" / "deep" / "out.txt", b"new", like=like)
    finally:
        os.umask(old)
    out = tmp_path / "new" / "deep" / "out.txt"
    assert out.read_bytes() == b"new"
    assert stat.S_IMODE(out.stat().st_mode) == bits
    assert _tmp_files(tmp_path) == []


def test_a_file_where_the_output_folder_should_be_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"a file")
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "out" / "page.txt", b"new")
    assert (tmp_path / "out").read_bytes() == b"a file"
    assert _tmp_files(tmp_path) == []


@pytest.mark.parametrize("entry", ["typer", "fast path"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_that_cannot_be_written_is_that_files_error_not_a_traceback(
    tmp_path: Path, jobs: str, entry: str
) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "page.txt").write_text(DUMP, encoding="utf-8")
    (src / "good.txt").write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_bytes(b"a file where a folder should be")
    args = ("clean", str(src), "-o", str(out), "--jobs", jobs)
    if entry == "typer":
        ran = cli(*args)
    else:  # the console script's own parser (cleaner.entry), as the pre-commit hook runs it
        proc = subprocess.run(
            [sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, timeout=HANG_GUARD_SECONDS
        )
        ran = Ran(proc.returncode, proc.stdout, proc.stderr)
    assert (ran.code, ran.crashed) == (2, None)
    assert "Traceback" not in ran.stderr
    assert f"error: cannot write {out / 'sub' / 'page.txt'}: " in ran.stderr
    assert "1 file cleaned, 1 file failed." in ran.stderr
    assert (out / "good.txt").read_text(encoding="utf-8") == CLEANED
    assert (out / "sub").read_bytes() == b"a file where a folder should be"
    assert _tmp_files(tmp_path) == []


def test_an_html_page_whose_text_cannot_be_written_is_that_pages_error(tmp_path: Path) -> None:
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    story = " ".join([STORY] * 3)
    (src / "page.html").write_text(f"<html><body><article><h1>Title</h1><p>{story}</p></article></body></html>")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_bytes(b"in the way")
    ran = cli("clean", str(tmp_path / "in"), "--include", "*.html", "-o", str(out))
    assert (ran.code, ran.crashed) == (2, None)
    assert f"error: cannot write {out / 'sub' / 'page.txt'}: " in ran.stderr
    assert "1 file failed." in ran.stderr


def test_a_copy_that_cannot_be_renamed_at_the_tasks_end_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def refuse_b(src: str, dst: Path) -> None:
        if Path(dst).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_b)
    monkeypatch.setattr(dispatch, "one_call_fits", lambda *a: False)  # the Python path's staged copies
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    ran = cli("clean", str(src), "-o", str(out))
    assert (ran.code, ran.crashed) == (2, None)
    assert f"error: cannot write {out / 'b.txt'}: Permission denied" in ran.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert not (out / "b.txt").exists()
    assert _tmp_files(tmp_path) == []


@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError])
def test_write_interrupted_midway_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: type[BaseException]
) -> None:
    target = tmp_path / "page.txt"
    target.write_bytes(b"old")

    def boom(fd: int) -> None:
        raise exc()

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(exc):
        write_atomic(target, b"new " * 1000)
    assert target.read_bytes() == b"old"
    assert _tmp_files(tmp_path) == []


def _corpus(folder: Path, count: int = 150) -> dict[Path, tuple[bytes, bytes]]:
    """Files that all change; for each the old bytes and the new (cleaned) bytes, written by hand: the
    advertisement line goes, and the trailing blank line with it (POLICY.md, "Form of the output")."""
    folder.mkdir()
    files = {}
    for n in range(count):
        body = "".join(f"Paragraph {n}.{k}: {STORY}\n\n" for k in range(1500))
        old = f"Title {n}\n\nAdvertisement\n\n{body}"
        path = folder / f"page-{n:03d}.txt"
        path.write_text(old, encoding="utf-8")
        files[path] = (old.encode(), f"Title {n}\n\n{body}".rstrip("\n").encode() + b"\n")
    return files


def _start(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "from cleaner.cli import main; main()", "clean", str(folder), "--in-place"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )


def _wait_for_first_write(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert line.startswith(b"cleaned "), line


def _old_or_new(files: dict[Path, tuple[bytes, bytes]]) -> tuple[int, int]:
    old = new = 0
    for path, (before, after) in files.items():
        now = path.read_bytes()
        assert now in (before, after), f"{path.name} is neither the old nor the new text"
        old += now == before
        new += now == after
    return old, new


def test_ctrl_c_mid_run_leaves_every_file_old_or_new_and_no_temp_files(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "dumps")
    proc = _start(tmp_path / "dumps")
    _wait_for_first_write(proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=HANG_GUARD_SECONDS)
    old, new = _old_or_new(files)
    assert new >= 1 and old >= 1, "the interrupt should land mid-run"
    assert proc.returncode == 2
    assert "Traceback" not in err.decode()
    assert err.decode().splitlines()[-1].startswith("Interrupted: ")
    assert _tmp_files(tmp_path) == []


def test_kill_mid_run_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "dumps")
    proc = _start(tmp_path / "dumps")
    _wait_for_first_write(proc)
    proc.kill()
    proc.communicate(timeout=HANG_GUARD_SECONDS)
    old, new = _old_or_new(files)
    assert new >= 1 and old >= 1
    # Documented: SIGKILL gives no chance to clean up, so a stale temp file may stay, always dot-named.
    assert all(p.name.startswith(".page-") and p.name.endswith(".tmp") for p in _tmp_files(tmp_path))


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "raw"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(DUMP, encoding="utf-8")
    return folder


@pytest.mark.parametrize("out", [".", "..", "raw"])
def test_output_folder_that_is_or_contains_the_input_is_refused_up_front(tmp_path: Path, out: str) -> None:
    raw = _inputs(tmp_path)
    outdir = {"raw": raw, ".": raw.parent, "..": tmp_path}[out]
    ran = cli("clean", raw, "-o", outdir)
    assert ran.code == 2
    assert ran.stderr.splitlines() == [
        f"error: -o {outdir} is the input folder {raw} or contains it; choose a folder outside the input"
    ]
    assert (raw / "a.txt").read_text(encoding="utf-8") == DUMP


def test_output_never_overwrites_a_named_input_file(tmp_path: Path) -> None:
    raw = _inputs(tmp_path)
    ran = cli("clean", raw / "a.txt", "-o", raw)
    assert ran.code == 2
    assert "would overwrite the input" in ran.stderr
    assert (raw / "a.txt").read_text(encoding="utf-8") == DUMP


@pytest.mark.parametrize("link", ["hard", "sym"])
def test_output_never_overwrites_an_input_through_a_link(tmp_path: Path, link: str) -> None:
    raw = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    if link == "hard":
        os.link(raw / "a.txt", out / "a.txt")
    else:
        (out / "a.txt").symlink_to(raw / "a.txt")
    ran = cli("clean", raw, "-o", out)
    assert ran.code == 2
    assert f"would overwrite the input {raw / 'a.txt'}" in ran.stderr
    assert (raw / "a.txt").read_text(encoding="utf-8") == DUMP


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(DUMP, encoding="utf-8")
    ran = cli("clean", tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", "-o", tmp_path / "out")
    assert ran.code == 2
    assert "would both be written to" in ran.stderr
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_the_input_is_not_cleaned_again(tmp_path: Path) -> None:
    raw = _inputs(tmp_path)
    for _ in range(2):
        ran = cli("clean", raw, "-o", raw / "clean")
        assert ran.code == 0, ran.stderr
    assert (raw / "clean" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert not (raw / "clean" / "clean").exists()


def _tree_with_outside_link(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(DUMP, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "own.txt").write_text(DUMP, encoding="utf-8")
    (tree / "link.txt").symlink_to(outside / "secret.txt")
    (tree / "linkdir").symlink_to(outside, target_is_directory=True)
    return tree, outside


def test_symlinks_out_of_the_tree_are_not_followed(tmp_path: Path) -> None:
    tree, outside = _tree_with_outside_link(tmp_path)
    ran = cli("clean", tree, "--in-place")
    assert ran.code == 0, ran.stderr
    assert f"skipped {tree / 'link.txt'}: symlink leading out of the folder (use --follow-symlinks" in ran.stderr
    assert "1 file cleaned, 1 symlink out of the folder skipped." in ran.stderr
    assert (outside / "secret.txt").read_text(encoding="utf-8") == DUMP
    assert (tree / "own.txt").read_text(encoding="utf-8") == CLEANED


def test_follow_symlinks_cleans_through_links_and_keeps_them_links(tmp_path: Path) -> None:
    tree, outside = _tree_with_outside_link(tmp_path)
    ran = cli("clean", tree, "--in-place", "--follow-symlinks")
    assert ran.code == 0, ran.stderr
    assert (outside / "secret.txt").read_text(encoding="utf-8") == CLEANED
    assert (tree / "link.txt").is_symlink()


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.txt").write_text(DUMP, encoding="utf-8")
    (tree / "sub" / "back").symlink_to(tree, target_is_directory=True)
    (tree / "self").symlink_to(tree / "self")
    (tree / "loop1.txt").symlink_to(tree / "loop2.txt")
    (tree / "loop2.txt").symlink_to(tree / "loop1.txt")
    ran = cli("clean", tree, "--check", "--follow-symlinks")
    assert ran.crashed is None
    assert ran.code == 2
    assert "loop1.txt: cannot read: Too many levels of symbolic links" in ran.stderr
    assert f"would clean {tree / 'sub' / 'a.txt'}" in ran.stderr
    assert ran.stderr.count("a.txt") == 1


def test_synced_folders_syncs_each_folder_once_at_the_end_even_on_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(textio, "_fsync_dir", synced.append)
    (tmp_path / "b").mkdir()
    with pytest.raises(KeyboardInterrupt), textio.synced_folders():
        write_atomic(tmp_path / "a1.txt", b"1")
        write_atomic(tmp_path / "b" / "b1.txt", b"2")
        with textio.synced_folders():  # an inner block leaves the syncing to the outer one
            write_atomic(tmp_path / "a2.txt", b"3")
        assert synced == []
        raise KeyboardInterrupt
    assert synced == [tmp_path, tmp_path / "b"]
    assert (tmp_path / "a2.txt").read_bytes() == b"3"
    write_atomic(tmp_path / "a3.txt", b"4")  # outside a block: synced at once, as before
    assert synced[-1] == tmp_path


def test_a_task_syncs_its_files_together_before_renaming_any(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    fsync, replace = os.fsync, os.replace

    def logged_fsync(fd: int) -> None:
        calls.append("fsync")
        fsync(fd)

    def logged_replace(src: str, dst: Path) -> None:
        calls.append(f"rename {Path(dst).name}")
        replace(src, dst)

    monkeypatch.setattr(os, "fsync", logged_fsync)
    monkeypatch.setattr(os, "replace", logged_replace)
    (tmp_path / "a.txt").write_bytes(b"old a")
    with textio.synced_folders(together=True):
        write_atomic(tmp_path / "a.txt", b"new a")
        write_atomic(tmp_path / "b.txt", b"new b")
        assert calls == [] and (tmp_path / "a.txt").read_bytes() == b"old a"
    # Both files' data, then both renames, then the folder once.
    assert calls == ["fsync", "fsync", "rename a.txt", "rename b.txt", "fsync"]
    assert (tmp_path / "a.txt").read_bytes() == b"new a" and (tmp_path / "b.txt").read_bytes() == b"new b"
    assert _tmp_files(tmp_path) == []


def test_a_file_that_cannot_be_renamed_stays_old_and_the_tasks_others_are_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def refuse_b(src: str, dst: Path) -> None:
        if Path(dst).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_b)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"old")
    with pytest.raises(PermissionError, match=r"b\.txt"), textio.synced_folders(together=True):
        for name in ("a.txt", "b.txt", "c.txt"):
            write_atomic(tmp_path / name, b"new")
    assert [(tmp_path / n).read_bytes() for n in ("a.txt", "b.txt", "c.txt")] == [b"new", b"old", b"new"]
    assert _tmp_files(tmp_path) == []


def test_an_in_place_run_naming_a_file_twice_reads_what_it_wrote_first(tmp_path: Path) -> None:
    # The second look at the file sees the cleaned text: it is left unchanged, and its sidecar holds one record.
    dump = tmp_path / "a.txt"
    dump.write_text(DUMP, encoding="utf-8")
    ran = cli("clean", "--in-place", "--keep-removed", "--jobs", "2", dump, dump)
    assert ran.code == 0 and "1 file cleaned, 1 file left unchanged." in ran.stderr
    assert dump.read_text(encoding="utf-8") == CLEANED
    assert len((tmp_path / "a.txt.removed.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_batch_task_syncs_its_output_folder_once_for_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"p{n}.txt").write_text(DUMP, encoding="utf-8")
    synced: list[Path] = []
    monkeypatch.setattr(textio, "_fsync_dir", synced.append)
    from cleaner.batch import Mode, Options, run
    from cleaner.engines import dispatch
    from cleaner.pipeline import Cleaner

    # The Python path's syncing (the engine's one call a task: tests/test_one_call.py).
    monkeypatch.setattr(dispatch, "one_call_fits", lambda *a: False)

    report = run(Cleaner(), [src], Options(mode=Mode.OUTDIR, outdir=tmp_path / "out", jobs=1), say=lambda _: None)
    assert len(report.changed) == 3
    assert synced == [tmp_path / "out"]
    assert (tmp_path / "out" / "p1.txt").read_text(encoding="utf-8") == CLEANED


@pytest.mark.parametrize("size", [0, 5, 70_000])
@pytest.mark.parametrize("change", [-3, 10], ids=["grew", "shrank"])
def test_read_dump_reads_the_whole_file_also_when_it_changed_size_after_its_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, change: int
) -> None:
    page = tmp_path / "page.txt"
    body = (b"word " * (size // 5 + 1))[:size]
    page.write_bytes(body)
    assert textio.read_dump(page).text == body.decode()
    stale = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, max(size + change, 0), 0, 0, 0))
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: stale if self == page else real_stat(self, **kw))
    assert textio.read_dump(page).text == body.decode()  # stat gave another size: read to the end all the same


def test_read_dump_stops_at_the_limit_when_the_file_grew_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"x" * 5000)
    stale = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 100, 0, 0, 0))
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: stale if self == page else real_stat(self, **kw))
    with pytest.raises(textio.InputError, match="size limit: 1000 B is over --max-bytes 999 B"):
        textio.read_dump(page, max_bytes=999)
