"""What the hook promises about the files it touches: never emptied, never written undecoded,
written only when changed, atomically, in their own encoding, newlines and mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner.engines import dispatch
from cleaner.entry import main

BOM = b"\xef\xbb\xbf"
STORY = "Headline of the story\n\nThe first paragraph of the story, long enough to be prose.\n"
DIRTY = "Headline of the story\n\nAdvertisement\n\nThe first paragraph of the story, long enough to be prose.\n"


def test_a_file_that_would_lose_everything_is_left_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ads = tmp_path / "ads.txt"
    ads.write_bytes(b"Advertisement\n\nAdvertisement\n")
    before = ads.stat()
    assert main(["clean", "--in-place", str(ads)]) == 0
    assert ads.read_bytes() == b"Advertisement\n\nAdvertisement\n"
    assert ads.stat().st_ino == before.st_ino
    err = capsys.readouterr().err
    assert f"held back {ads}: would lose everything" in err
    assert err.endswith("1 file held back by the safety valve.\n")
    # --check does not list it as a file that would change either.
    assert main(["clean", "--check", str(ads)]) == 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Advertisement\n\x00\x00\x00binary", "binary file"),
        (b"\xff\xfeA\x00d\x00v", "byte-order mark but does not decode"),
    ],
    ids=["binary", "broken-utf16"],
)
def test_a_file_that_cannot_be_decoded_is_left_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(DIRTY, encoding="utf-8")
    assert main(["clean", "--in-place", str(bad), str(good)]) == 2
    assert bad.read_bytes() == data
    assert good.read_text(encoding="utf-8") == STORY  # the other files are still cleaned
    err = capsys.readouterr().err
    assert f"error: cannot clean {bad}: " in err and reason in err


def test_an_unchanged_file_is_not_written(tmp_path: Path) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(STORY, encoding="utf-8")
    os.utime(dump, ns=(1_000_000_000, 1_000_000_000))
    before = dump.stat()
    assert main(["clean", "--in-place", str(dump)]) == 0
    after = dump.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (DIRTY.replace("\n", "\r\n").encode(), STORY.replace("\n", "\r\n").encode()),
        (BOM + DIRTY.replace("\n", "\r\n").encode(), BOM + STORY.replace("\n", "\r\n").encode()),
        (DIRTY.replace("\n", "\r").encode(), STORY.replace("\n", "\r").encode()),
        (b"\xff\xfe" + DIRTY.encode("utf-16-le"), b"\xff\xfe" + STORY.encode("utf-16-le")),
        (DIRTY.rstrip("\n").encode(), STORY.rstrip("\n").encode() + b"\n"),
    ],
    ids=["crlf", "utf8-bom-crlf", "cr", "utf16-bom", "no-final-newline"],
)
def test_encoding_bom_and_newlines_are_kept(tmp_path: Path, raw: bytes, expected: bytes) -> None:
    dump = tmp_path / "a.txt"
    dump.write_bytes(raw)
    assert main(["clean", "--in-place", str(dump)]) == 0
    assert dump.read_bytes() == expected


def test_a_legacy_encoding_is_written_back_in_that_encoding(tmp_path: Path) -> None:
    story = (
        "Le café de la gare a rouvert ses portes\n\nPublicité\n\n"
        "Après des mois de travaux, le café a rouvert ses portes à l'été, à la grande joie des habitués.\n\n"
        "Les élèves du lycée voisin y déjeunent déjà, et le propriétaire espère réaliser de bonnes affaires.\n"
    )
    dump = tmp_path / "a.txt"
    dump.write_bytes(story.encode("cp1252"))
    assert main(["clean", "--in-place", str(dump)]) == 0
    assert dump.read_bytes() == story.replace("Publicité\n\n", "").encode("cp1252")


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755])
def test_in_place_write_is_a_rename_that_keeps_the_mode(tmp_path: Path, mode: int) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(DIRTY, encoding="utf-8")
    dump.chmod(mode)
    inode = dump.stat().st_ino
    assert main(["clean", "--in-place", str(dump)]) == 0
    assert dump.read_text(encoding="utf-8") == STORY
    assert stat.S_IMODE(dump.stat().st_mode) == mode
    assert dump.stat().st_ino != inode, "written in place instead of through a temporary file and a rename"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"], "a temporary file was left behind"


def test_a_failed_write_leaves_the_original_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "a.txt"
    dump.write_text(DIRTY, encoding="utf-8")

    def no_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    # The Python path's write (the engine's own, which renames in Rust: tests/test_one_call.py).
    monkeypatch.setattr(dispatch, "one_call_fits", lambda *a: False)
    assert main(["clean", "--in-place", str(dump)]) == 2
    assert f"error: cannot write {dump}: No space left on device" in capsys.readouterr().err
    assert dump.read_text(encoding="utf-8") == DIRTY
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
