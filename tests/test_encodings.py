"""Encodings and bytes: every input comes back in its own encoding, BOM and line endings, or is skipped clearly."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from clirun import cli

from cleaner.textio import InputError, decode_bytes, read_dump

STORY = "The story goes on and on, as stories do, for a good while longer."
DUMP = f"Title\n\nAdvertisement\n{STORY}\n"
CLEANED = f"Title\n\n{STORY}\n"


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("utf-8", DUMP.encode("utf-8"), CLEANED.encode("utf-8")),
        ("utf-8 bom", codecs.BOM_UTF8 + DUMP.encode("utf-8"), codecs.BOM_UTF8 + CLEANED.encode("utf-8")),
        ("utf-16 le bom", DUMP.encode("utf-16"), CLEANED.encode("utf-16")),
        (
            "utf-16 be bom",
            codecs.BOM_UTF16_BE + DUMP.encode("utf-16-be"),
            codecs.BOM_UTF16_BE + CLEANED.encode("utf-16-be"),
        ),
        ("utf-32 bom", DUMP.encode("utf-32"), CLEANED.encode("utf-32")),
        ("crlf", DUMP.replace("\n", "\r\n").encode(), CLEANED.replace("\n", "\r\n").encode()),
        ("cr", DUMP.replace("\n", "\r").encode(), CLEANED.replace("\n", "\r").encode()),
        ("utf-16 crlf", DUMP.replace("\n", "\r\n").encode("utf-16"), CLEANED.replace("\n", "\r\n").encode("utf-16")),
    ],
)
def test_output_keeps_encoding_bom_and_line_endings(tmp_path: Path, name: str, raw: bytes, expected: bytes) -> None:
    src = tmp_path / "in" / "page.txt"
    src.parent.mkdir()
    src.write_bytes(raw)
    ran = cli("clean", src.parent, "-o", tmp_path / "out")
    assert ran.code == 0, ran.stderr
    assert (tmp_path / "out" / "page.txt").read_bytes() == expected
    assert cli("clean", src, "--in-place").code == 0
    assert src.read_bytes() == expected


LEGACY = [
    ("cp1252", "Le café était très agréable, où l'on mangeait des crêpes. Ça coûte 5 €."),
    ("cp1251", "Привет, как дела? Это пример русского текста в старой кодировке."),
    ("cp1252", "They went to a café."),
]


@pytest.mark.parametrize(("encoding", "line"), LEGACY)
def test_legacy_encoding_is_detected_and_kept(tmp_path: Path, encoding: str, line: str) -> None:
    text = f"{line}\n\nAdvertisement\n{line} {STORY}\n"
    src = tmp_path / "legacy.txt"
    src.write_bytes(text.encode(encoding))
    decoded = read_dump(src)
    assert decoded.text == text
    assert cli("clean", src, "--in-place").code == 0
    # Kept lines come back byte for byte in the input's encoding.
    assert src.read_bytes() == f"{line}\n\n{line} {STORY}\n".encode(encoding)


def test_legacy_guess_must_round_trip_and_not_look_garbled() -> None:
    # Random high bytes: charset-normalizer has no guess it is sure of, so the file is refused.
    noise = bytes((i * 97 + 13) % 128 + 128 for i in range(2000))
    with pytest.raises(InputError, match="cannot tell the text encoding"):
        decode_bytes(noise)


def test_binary_and_undecodable_files_are_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "b.txt").write_text(DUMP, encoding="utf-8")
    (folder / "c.txt").write_bytes(bytes((i * 97 + 13) % 128 + 128 for i in range(2000)))
    (folder / "d.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate after a UTF-16 BOM
    ran = cli("clean", folder, "-o", tmp_path / "out")
    assert ran.code == 2
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == CLEANED
    errors = [line for line in ran.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert "a.txt: binary file (contains NUL bytes)" in errors[0]
    assert "c.txt: cannot tell the text encoding" in errors[1]
    assert "d.txt: has a utf-16-le byte-order mark but does not decode" in errors[2]
    assert "1 file cleaned, 3 files failed." in ran.stderr
    assert not (tmp_path / "out" / "a.txt").exists()


def test_mixed_line_endings_take_the_most_common_one(tmp_path: Path) -> None:
    # Documented: a file with mixed endings comes out with its dominant ending on every line.
    src = tmp_path / "mixed.txt"
    src.write_bytes(b"Title\r\n\r\nAdvertisement\n" + STORY.encode() + b"\r\nLast line of the story, also kept.\r\n")
    assert cli("clean", src, "--in-place").code == 0
    assert src.read_bytes() == (b"Title\r\n\r\n" + STORY.encode() + b"\r\nLast line of the story, also kept.\r\n")


def test_mixed_line_endings_with_lf_majority(tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_bytes(b"Title\n\nAdvertisement\r\n" + STORY.encode() + b"\nEnd.\n")
    assert cli("clean", src, "--in-place").code == 0
    assert src.read_bytes() == b"Title\n\n" + STORY.encode() + b"\nEnd.\n"


@pytest.mark.parametrize("raw", [b"", b" ", b"\n", b"\n\n\n", b" \t \r\n  \n", codecs.BOM_UTF8])
def test_empty_and_whitespace_only_files_give_empty_output(tmp_path: Path, raw: bytes) -> None:
    src = tmp_path / "in" / "e.txt"
    src.parent.mkdir()
    src.write_bytes(raw)
    ran = cli("clean", src.parent, "-o", tmp_path / "out")
    assert ran.code == 0, ran.stderr
    out = (tmp_path / "out" / "e.txt").read_bytes()
    assert out == (codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b"")
    stdout = cli("clean", "-", stdin=raw)
    assert (stdout.code, stdout.stdout) == (0, "")


@pytest.mark.parametrize("raw", [b"x", b"x\n", b"\xc3\xa9", "à".encode("utf-16")])
def test_tiny_files_are_fine(tmp_path: Path, raw: bytes) -> None:
    src = tmp_path / "t.txt"
    src.write_bytes(raw)
    ran = cli("clean", src, "--check")
    assert ran.code in (0, 1)
    assert "error" not in ran.stderr


def test_size_limit_refuses_plainly(tmp_path: Path) -> None:
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    big.write_bytes(b"a few words on a line, as in any dump of some web page or other\n" * 256)  # 16 KiB
    (tmp_path / "in" / "small.txt").write_text(DUMP, encoding="utf-8")
    ran = cli("clean", big.parent, "-o", tmp_path / "out", "--max-bytes", "8k")
    assert ran.code == 2
    assert "error: cannot clean" in ran.stderr
    assert "big.txt: size limit: 16 KiB is over --max-bytes 8 KiB" in ran.stderr
    assert (tmp_path / "out" / "small.txt").exists()
    assert not (tmp_path / "out" / "big.txt").exists()
    assert cli("clean", big, "--check", "--max-bytes", "0").code in (0, 1)


def test_size_limit_on_stdin_reads_no_more_than_the_limit() -> None:
    ran = cli("clean", "-", "--max-bytes", "1k", stdin=b"word " * 1000)
    assert ran.code == 2
    assert "size limit" in ran.stderr
    assert cli("clean", "-", "--max-bytes", "lots").code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_pipe_is_skipped_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (tmp_path / "in" / "ok.txt").write_text(DUMP, encoding="utf-8")
    ran = cli("clean", fifo.parent, "--check")
    assert ran.code == 2
    assert "pipe.txt: not a regular file" in ran.stderr


@pytest.mark.parametrize("mode", ["outdir", "in-place"])
def test_the_summary_counts_utf8_bytes_of_the_cleaned_text_whatever_the_file_encoding(
    tmp_path: Path, mode: str
) -> None:
    from cleaner.batch import Mode, Options, run
    from cleaner.pipeline import Cleaner

    src = tmp_path / "in"
    src.mkdir()
    text = DUMP.replace("Title", "Café crème")
    files = {
        "lf.txt": text.encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "same.txt": f"{STORY}\n".encode(),
    }
    for name, raw in files.items():
        (src / name).write_bytes(raw)
    out = tmp_path / "out"
    opts = Options(mode=Mode.OUTDIR, outdir=out) if mode == "outdir" else Options(mode=Mode.IN_PLACE)
    report = run(Cleaner(), [src], opts, say=lambda _: None)
    written = out if mode == "outdir" else src
    # Hand-written: each output is CLEANED (or the unchanged story) with "Café crème" for "Title".
    cleaned = CLEANED.replace("Title", "Café crème")
    assert read_dump(written / "utf16.txt").text == cleaned
    assert report.bytes_out == 4 * len(cleaned.encode("utf-8")) + len(f"{STORY}\n")
    assert report.bytes_in == 4 * len(text.encode("utf-8")) + len(f"{STORY}\n")
