"""Finding the files and checking the output folder without a system call per file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.discover import Found, _walk, discover
from cleaner.outdir_guard import OutputError, check_outdir


def _tree(root: Path, dir_link: bool = True) -> None:
    """Files, folders, links to a file and to a folder inside, a link out, a dangling one and a loop."""
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("x", encoding="utf-8")
    (root / "a" / "b" / "two.txt").write_text("x", encoding="utf-8")
    (root / "top.txt").write_text("x", encoding="utf-8")
    (root / "file-link.txt").symlink_to(root / "top.txt")
    if dir_link:
        (root / "dir-link").symlink_to(root / "a")
    (root / "dangling.txt").symlink_to(root / "nowhere")
    (root / "a" / "loop").symlink_to(root / "a")
    outside = root.parent / "outside.txt"
    outside.write_text("x", encoding="utf-8")
    (root / "out-link.txt").symlink_to(outside)


@pytest.mark.parametrize("follow", [False, True])
def test_the_walk_lists_what_os_walk_lists_and_knows_the_links(tmp_path: Path, follow: bool) -> None:
    root = tmp_path / "in"
    root.mkdir()
    _tree(root)
    ours = []
    for top, dirs, files in _walk(str(root), follow):
        dirs.sort()
        if top.count(os.sep) > str(root).count(os.sep) + 3:
            dirs.clear()  # a followed loop goes on: both walks are cut at the same depth
        ours.append((top, sorted(dirs), sorted(files)))
        assert files == {name: os.path.islink(os.path.join(top, name)) for name in files}
    theirs = []
    for top, dirs, names in os.walk(root, followlinks=follow):
        dirs.sort()
        if top.count(os.sep) > str(root).count(os.sep) + 3:
            dirs.clear()
        theirs.append((top, sorted(dirs), sorted(names)))
    assert ours == theirs


def test_links_out_of_the_folder_are_skipped_and_the_others_known(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    # No link to a folder: met before the folder itself, it hides that folder unless links are followed.
    _tree(root, dir_link=False)
    skipped: list[str] = []
    found = list(discover([root], skipped=skipped))
    assert skipped == [str(root / "out-link.txt")]
    assert [(f.relative.as_posix(), f.link) for f in found] == [
        ("dangling.txt", True),  # it leads inside: taken, and reported when it cannot be read
        ("file-link.txt", True),
        ("top.txt", False),
        ("a/one.txt", False),
        ("a/b/two.txt", False),
    ]
    # What the listing said is what lstat says.
    assert all(f.link == f.path.is_symlink() for f in found)


def _found(root: Path) -> list[Found]:
    return list(discover([root]))


def test_an_output_folder_that_exists_is_still_checked_file_by_file(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("story\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    os.link(root / "sub" / "a.txt", out / "sub" / "a.txt")  # the output would overwrite its input
    with pytest.raises(OutputError, match="would overwrite the input"):
        check_outdir(out, [root], _found(root))
    os.unlink(out / "sub" / "a.txt")
    assert [f.relative.as_posix() for f in check_outdir(out, [root], _found(root))] == ["sub/a.txt"]


def test_two_inputs_for_one_output_are_refused_with_the_output_named(tmp_path: Path) -> None:
    for side in ("x", "y"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.txt").write_text("story\n", encoding="utf-8")
    out = tmp_path / "out"
    found = _found(tmp_path / "x") + _found(tmp_path / "y")
    with pytest.raises(OutputError) as caught:
        check_outdir(out, [tmp_path / "x", tmp_path / "y"], found)
    assert str(caught.value) == (
        f"{tmp_path / 'x' / 'a.txt'} and {tmp_path / 'y' / 'a.txt'} would both be written to {out / 'a.txt'};"
        " clean them apart"
    )


def test_no_file_is_looked_up_one_by_one_before_cleaning_into_a_new_folder(tmp_path: Path) -> None:
    if shutil.which("strace") is None:
        pytest.skip("needs strace")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for n in range(6):
        (src / "sub" / f"{n}.txt").write_text("Headline\n\nThe story.\n", encoding="utf-8")
    trace = tmp_path / "trace.txt"
    code = (
        "import sys; from pathlib import Path; from cleaner.batch import collect, Options, Mode;"
        " from cleaner.outdir_guard import check_outdir;"
        " o = Options(mode=Mode.OUTDIR, outdir=Path(sys.argv[2]));"
        " print(len(check_outdir(o.outdir, [Path(sys.argv[1])], collect([Path(sys.argv[1])], o))))"
    )
    # The file class: every call that takes a path, the stat family with it.
    cmd = ["strace", "-f", "-e", "trace=%file", "-o", str(trace), sys.executable, "-c", code]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([*cmd, str(src), str(tmp_path / "out")], capture_output=True, text=True, env=env)
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip("strace cannot trace here")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "6"
    named = [line for line in trace.read_text().splitlines() if ".txt" in line and str(tmp_path) in line]
    # Before: an lstat of each input while walking, another while checking, a stat of each output.
    assert named == []


def test_a_link_to_a_folder_listed_before_it_does_not_hide_the_folder(tmp_path: Path) -> None:
    # "a-link" sorts before "b": not followed, the link must not hide the folder it points to.
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / "b" / "story.txt").write_text("x", encoding="utf-8")
    (root / "a-link").symlink_to(root / "b")
    found = [f.relative.as_posix() for f in discover([root])]
    assert found == ["b/story.txt"]
    followed = [f.relative.as_posix() for f in discover([root], follow_symlinks=True)]
    assert followed == ["a-link/story.txt"]  # followed, each real folder is walked once, by its first name
