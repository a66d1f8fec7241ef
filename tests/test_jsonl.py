"""JSONL corpora through the CLI: fields kept, text cleaned, bad lines reported, gzip, --jobs order."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

STORY = "Storm closes the port\n\nAdvertisement\n\nThe port closed on Monday as the storm arrived, officials said.\n"
CLEANED = "Storm closes the port\n\nThe port closed on Monday as the storm arrived, officials said.\n"

Cli = Callable[..., CompletedProcess[bytes]]


def _write_jsonl(path: Path, records: list[object]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_text_is_cleaned_and_every_other_field_kept_in_order(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, [{"meta": {"lang": "en", "n": [1, 2.5, None]}, "text": STORY, "id": "a", "ünï": "ç"}])
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 0, proc.stderr
    (rec,) = _read_jsonl(tmp_path / "out.jsonl")
    assert list(rec) == ["meta", "text", "id", "ünï"]
    assert rec == {"meta": {"lang": "en", "n": [1, 2.5, None]}, "text": CLEANED, "id": "a", "ünï": "ç"}


def test_field_names_are_options(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, [{"doc_id": 7, "body": STORY, "text": "left alone\n\nAdvertisement\n"}])
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl", "--text-field", "body", "--id-field", "doc_id")
    assert proc.returncode == 0, proc.stderr
    (rec,) = _read_jsonl(tmp_path / "out.jsonl")
    assert rec == {"doc_id": 7, "body": CLEANED, "text": "left alone\n\nAdvertisement\n"}


def test_missing_text_is_reported_with_line_number_and_passed_through(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": 1, "text": STORY}), '{"id": 2,  "body": "no text here"}', '{"id": 3, "text": 42}']
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert out[1:] == lines[1:]  # byte for byte, odd spacing included
    err = proc.stderr.decode()
    assert f"{src}:2 (id 2): no string field 'text'; passed through unchanged" in err
    assert f"{src}:3 (id 3): no string field 'text'" in err
    assert "2 passed through without text" in err


def test_malformed_lines_are_counted_reported_and_never_crash(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    src.write_bytes(
        (json.dumps({"text": STORY}) + "\n{not json\n" + json.dumps({"text": STORY}) + "\n").encode()
        + b'{"text": "\xff\xfe"}\n'
        + b"[1, 2]\n"
    )
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"{src}:2: malformed JSON" in err
    assert f"{src}:4: malformed JSON (not UTF-8)" in err
    assert f"{src}:5: not a JSON object" in err
    assert "2 malformed JSON lines" in err
    out = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert len(out) == 5
    assert out[1] == b"{not json"
    assert json.loads(out[2])["text"] == CLEANED


def test_gzip_in_and_out(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 1, "text": STORY}) + "\n")
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl.gz")
    assert proc.returncode == 0, proc.stderr
    assert _read_jsonl(tmp_path / "out.jsonl.gz") == [{"id": 1, "text": CLEANED}]


def test_keep_removed_adds_the_removals_to_each_record(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, [{"id": 1, "text": STORY}])
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl", "--keep-removed")
    assert proc.returncode == 0, proc.stderr
    (rec,) = _read_jsonl(tmp_path / "out.jsonl")
    assert rec["text"] == CLEANED
    assert rec["removed"] == [
        {
            "rule": "generic.ad-marker-line",
            "lines": [3, 3],
            "reason": "advertisement marker line",
            "text": "Advertisement",
        }
    ]


def test_stdout_and_check(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, [{"text": STORY}, {"text": CLEANED}])
    proc = cli("clean", src)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["text"] for x in proc.stdout.decode().splitlines()] == [CLEANED, CLEANED]
    check = cli("clean", src, "--check")
    assert check.returncode == 1
    assert b"1 of 2 documents" in check.stderr
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("workers", [[], ["--processes"]], ids=["threads", "processes"])
def test_jobs_keep_the_single_process_order(tmp_path: Path, cli: Cli, workers: list[str]) -> None:
    # Enough records for several batches (2000 lines each), each one different.
    src = tmp_path / "corpus.jsonl"
    records = [
        {"id": i, "text": STORY.replace("Monday", f"day {i}") + ("Advertisement\n" * (i % 3))} for i in range(7000)
    ]
    _write_jsonl(src, records)
    one = cli("clean", src, "-o", tmp_path / "one.jsonl", "--jobs", "1")
    two = cli("clean", src, "-o", tmp_path / "two.jsonl", "--jobs", "2", *workers)
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    got = _read_jsonl(tmp_path / "two.jsonl")
    assert [r["id"] for r in got] == list(range(7000))
    assert got[5]["text"] == CLEANED.replace("Monday", "day 5")
    assert b"7,000 documents" in two.stderr


def test_site_rules_on_worker_threads_give_the_one_job_output(tmp_path: Path, cli: Cli, site_rules: Path) -> None:
    # Every record runs the site's rule file, which the engine calls back into Python for, from two threads.
    src = tmp_path / "corpus.jsonl"
    footer = "More from the Gazette\nBoats sold cheaply this week\n"
    records = [
        {"id": i, "url": "https://harbour.example/a", "text": STORY.replace("Monday", f"day {i}") + footer}
        for i in range(3000)
    ]
    _write_jsonl(src, records)
    one = cli("clean", src, "-o", tmp_path / "one.jsonl", "--jobs", "1", "--rules", site_rules)
    two = cli("clean", src, "-o", tmp_path / "two.jsonl", "--jobs", "2", "--rules", site_rules)
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    got = _read_jsonl(tmp_path / "two.jsonl")
    assert got[7]["text"] == CLEANED.replace("Monday", "day 7")
    assert b"top rules: harbour.footer 3,000" in two.stderr, two.stderr


def test_a_failed_run_leaves_no_output(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "corpus.jsonl.gz"
    src.write_bytes(gzip.compress(json.dumps({"text": STORY}).encode() + b"\n")[:-12])  # truncated gzip
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl.gz")
    assert proc.returncode == 2
    assert b"nothing written" in proc.stderr
    assert list(tmp_path.iterdir()) == [src]


def test_html_field_goes_through_trafilatura_and_url_picks_the_site(tmp_path: Path, cli: Cli, site_rules: Path) -> None:
    page = (
        "<html><head><title>Tide record</title></head><body><article><h1>Tide record</h1>"
        + "<p>The highest tide in fifty years flooded the quay on Sunday, the harbour master said.</p>" * 2
        + "<p>More from the Gazette</p><p>Boats sold cheaply in the marina this week, see the listings.</p>"
        + "</article></body></html>"
    )
    src = tmp_path / "pages.jsonl"
    _write_jsonl(src, [{"id": 1, "url": "https://www.harbour.example/tide", "html": page}])
    proc = cli("clean", src, "-o", tmp_path / "out.jsonl", "--rules", site_rules, "--keep-removed")
    assert proc.returncode == 0, proc.stderr
    (rec,) = _read_jsonl(tmp_path / "out.jsonl")
    assert rec["html"] == page
    text = str(rec["text"])
    assert text.startswith("Tide record\n")
    assert "The highest tide in fifty years" in text
    assert "More from the Gazette" not in text and "Boats sold" not in text
    assert {r["rule"] for r in rec["removed"]} >= {"harbour.footer"}  # type: ignore[union-attr]


def test_an_output_file_name_takes_exactly_one_record_file(tmp_path: Path, cli: Cli) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        _write_jsonl(tmp_path / name, [{"text": STORY}])
    proc = cli("clean", tmp_path / "a.jsonl", tmp_path / "b.jsonl", "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 2
    assert b"names one JSONL/Parquet output" in proc.stderr
    assert not (tmp_path / "out.jsonl").exists()
