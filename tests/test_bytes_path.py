"""A UTF-8 dump cleaned bytes to bytes (``Cleaner.clean_bytes``) gives what the str path gives.

The str path (``decode_bytes``, ``Cleaner.clean``, ``Decoded.encode``) is the reference: every form of
input below goes through both and the bytes written, the counts and the run's record must agree. Forms
the bytes path leaves to the str path (another encoding, a NUL byte, a second byte-order mark) must come
back as None, so that the str path reads (or refuses) them as before.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cleaner.batch import Mode, Options, run
from cleaner.engines import dispatch
from cleaner.pipeline import Cleaner
from cleaner.textio import decode_bytes

STORY = "The story goes on and on, as stories do, for a good while longer."
DUMP = f"Título — ünïcode\n\nAdvertisement\n{STORY}\n\nShare on Facebook\n\n{STORY} Again.\n"
HEADER = "# url: https://www.investing.com/news/stock-market-news/x-123\n"
INVESTING = (Path(__file__).parent.parent / "golden" / "investing.com").glob("*.in.txt")

FORMS: dict[str, bytes] = {
    "utf-8": DUMP.encode(),
    "crlf": DUMP.replace("\n", "\r\n").encode(),
    "lone cr": DUMP.replace("\n", "\r").encode(),
    "mostly lf": DUMP.replace("\n", "\r\n", 1).encode(),
    "half crlf": DUMP.replace("\n", "\r\n", DUMP.count("\n") // 2).encode(),
    "bom": codecs.BOM_UTF8 + DUMP.encode(),
    "bom crlf": codecs.BOM_UTF8 + DUMP.replace("\n", "\r\n").encode(),
    "url header": (HEADER + DUMP).encode(),
    "url header crlf, bom": codecs.BOM_UTF8 + (HEADER + DUMP).replace("\n", "\r\n").encode(),
    "no final newline": DUMP.rstrip("\n").encode(),
    "empty": b"",
    "bom only": codecs.BOM_UTF8,
    "blank lines": b"\n\r\n\n",
    "held back": b"Advertisement\nShare on Facebook\n",
}
LEFT_TO_STR = {
    "cp1252": "Caf\u00e9 \u2014 na\u00efve\n\nAdvertisement\n".encode("cp1252"),
    "utf-16": DUMP.encode("utf-16"),
    "utf-32 be bom": codecs.BOM_UTF32_BE + DUMP.encode("utf-32-be"),
    "nul": DUMP.encode() + b"\x00",
    "bom then nul": codecs.BOM_UTF8 + DUMP.encode() + b"\x00",
    "two boms": codecs.BOM_UTF8 * 2 + DUMP.encode(),
    "bad utf-8 at the end": DUMP.encode() + b"\xff",
}


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(metadata=False)


def _str_path(cleaner: Cleaner, raw: bytes, path: str | None = None) -> tuple[bytes, bool, int, int, dict[str, int]]:
    decoded = decode_bytes(raw)
    result = cleaner.clean(decoded.text, path=path, details=False)
    changed = not result.held and result.text != decoded.text
    assert result.rule_counts is not None
    return (
        decoded.encode(result.text),
        changed,
        len(decoded.text.encode()),
        len(result.text.encode()),
        result.rule_counts,
    )


@pytest.mark.parametrize("form", FORMS)
def test_bytes_path_writes_and_counts_what_the_str_path_does(cleaner: Cleaner, form: str) -> None:
    raw = FORMS[form]
    got = cleaner.clean_bytes(raw, path="dumps/a.txt")
    assert got is not None
    assert (got.data, got.changed, got.bytes_in, got.bytes_out, got.rule_counts) == _str_path(
        cleaner, raw, "dumps/a.txt"
    )


def test_the_forms_above_really_clean_something(cleaner: Cleaner) -> None:
    # Guard against a vacuous comparison: the main forms lose lines, keep their marks, and one is held.
    crlf = cleaner.clean_bytes(FORMS["bom crlf"])
    assert crlf is not None and crlf.changed
    assert crlf.data.startswith(codecs.BOM_UTF8) and b"\r\n" in crlf.data and b"Advertisement" not in crlf.data
    assert crlf.data.count(b"\n") == crlf.data.count(b"\r\n")
    held = cleaner.clean_bytes(FORMS["held back"])
    assert held is not None and held.held and not held.changed and held.data == FORMS["held back"]
    header = cleaner.clean_bytes(FORMS["url header crlf, bom"])
    assert header is not None and header.site == "investing.com" and b"# url:" not in header.data


@pytest.mark.parametrize("form", LEFT_TO_STR)
def test_what_only_the_str_path_reads_is_left_to_it(cleaner: Cleaner, form: str) -> None:
    assert cleaner.clean_bytes(LEFT_TO_STR[form]) is None


@pytest.mark.parametrize("path", sorted(INVESTING)[:3], ids=lambda p: p.name)
def test_a_known_sites_rules_run_on_the_bytes_path(cleaner: Cleaner, path: Path) -> None:
    raw = path.read_bytes()
    got = cleaner.clean_bytes(raw.replace(b"\n", b"\r\n"))
    assert got is not None and got.site == "investing.com"
    assert any(rule.startswith("investing.com") for rule in got.rule_counts)
    assert (got.data, got.changed, got.bytes_in, got.bytes_out, got.rule_counts) == _str_path(
        cleaner, raw.replace(b"\n", b"\r\n")
    )


def test_forced_site_and_unknown_site(cleaner: Cleaner) -> None:
    got = cleaner.clean_bytes(FORMS["utf-8"], site="investing.com")
    assert got is not None and got.site == "investing.com"
    with pytest.raises(KeyError, match="unknown site"):
        cleaner.clean_bytes(FORMS["utf-8"], site="no-such-site")


@pytest.mark.parametrize("mode", [Mode.OUTDIR, Mode.IN_PLACE, Mode.CHECK])
def test_a_run_on_the_bytes_path_matches_the_str_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cleaner: Cleaner, mode: Mode
) -> None:
    # Three ways: a task's files in one engine call (the default), each file's bytes in its own call, and
    # the str path; each way turns off the one before it.
    files = {**FORMS, **LEFT_TO_STR}
    reports = {}
    folders = {}
    for way in ("files", "bytes", "str"):
        src = tmp_path / way / "in"
        src.mkdir(parents=True)
        for i, raw in enumerate(files.values()):
            (src / f"{i:02d}.txt").write_bytes(raw)
        if way == "bytes":
            monkeypatch.setattr(dispatch, "one_call_fits", lambda *a: False)
        if way == "str":
            monkeypatch.setattr(Cleaner, "clean_bytes", lambda *a, **k: None)
        out = tmp_path / way / "out"
        opts = Options(mode=mode, outdir=out if mode is Mode.OUTDIR else None, jobs=2)
        messages: list[str] = []
        report = run(cleaner, [src], opts, say=messages.append)
        for names in (report.changed, report.held, report.errors):
            names[:] = [name.replace(str(tmp_path / way), "") for name in names]
        reports[way] = (report, [m.replace(str(tmp_path / way), "") for m in messages])
        folders[way] = {
            p.relative_to(tmp_path / way): (p.read_bytes(), p.stat().st_mode) for p in (tmp_path / way).rglob("*.txt")
        }
    for way in ("files", "bytes"):
        assert reports[way][0] == reports["str"][0]
        assert reports[way][1] == reports["str"][1]
        assert folders[way] == folders["str"]
    # Not vacuous: files changed, some were held, the undecodable and binary ones failed by name.
    files_report = reports["files"][0]
    assert files_report.changed and files_report.held and len(files_report.errors) >= 2
    assert any("cannot clean" in m and "binary file" in m for m in reports["files"][1])
