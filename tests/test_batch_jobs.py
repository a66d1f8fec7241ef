"""Folders with --jobs, HTML files, and Parquet: same output whatever the number of workers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

Cli = Callable[..., CompletedProcess[bytes]]

STORY = (
    "Bridge {n} reopens\n\nAdvertisement\n\nWork on bridge {n} finished on Friday, two weeks early, engineers said.\n"
)


def _tree(root: Path, n: int) -> None:
    for i in range(n):
        sub = root / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:03}.txt").write_text(STORY.format(n=i), encoding="utf-8")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("workers", [[], ["--processes"]], ids=["threads", "processes"])
def test_folder_with_jobs_matches_one_process(tmp_path: Path, cli: Cli, workers: list[str]) -> None:
    _tree(tmp_path / "in", 40)
    one = cli("clean", tmp_path / "in", "-o", tmp_path / "one", "--jobs", "1")
    two = cli("clean", tmp_path / "in", "-o", tmp_path / "two", "--jobs", "2", *workers)
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert len(_files(tmp_path / "two")) == 40
    assert (tmp_path / "two" / "part1" / "doc004.txt").read_text() == (
        "Bridge 4 reopens\n\nWork on bridge 4 finished on Friday, two weeks early, engineers said.\n"
    )
    # Messages come in input order too.
    assert one.stderr.decode().splitlines()[:40] == two.stderr.decode().splitlines()[:40]
    assert "40 documents (40 changed)" in two.stderr.decode()
    assert "top rules: generic.ad-marker-line 40" in two.stderr.decode()


def test_diff_with_jobs_prints_in_input_order(tmp_path: Path, cli: Cli) -> None:
    _tree(tmp_path / "in", 20)
    one = cli("clean", tmp_path / "in", "--diff", "--jobs", "1")
    two = cli("clean", tmp_path / "in", "--diff", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stdout.count(b"-Advertisement") == 20


HTML = """<html><head><title>Tide record</title>
<link rel="canonical" href="https://www.harbour.example/news/tide"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Tide record</h1>
<p>The highest tide in fifty years flooded the quay on Sunday, the harbour master said.</p>
<p>Water reached the doors of the fish market before it fell back in the early evening.</p>
<p>More from the Gazette</p><p>Boats sold cheaply in the marina this week, see the listings.</p>
</article></body></html>"""


def test_html_file_is_extracted_then_cleaned_with_the_site_from_its_canonical_url(
    tmp_path: Path, cli: Cli, site_rules: Path
) -> None:
    page = tmp_path / "in" / "tide.html"
    page.parent.mkdir()
    page.write_text(HTML, encoding="utf-8")
    proc = cli("clean", page, "--rules", site_rules)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == (
        "Tide record\n"
        "The highest tide in fifty years flooded the quay on Sunday, the harbour master said.\n"
        "Water reached the doors of the fish market before it fell back in the early evening.\n"
    )
    out = cli("clean", tmp_path / "in", "--include", "*.html", "-o", tmp_path / "out", "--rules", site_rules)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / "tide.txt").read_bytes() == proc.stdout


def test_parquet_keeps_columns_and_cleans_the_text(tmp_path: Path, cli: Cli) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "id": pa.array(list(range(2500)), pa.int64()),
            "text": pa.array([STORY.format(n=i) if i % 100 else None for i in range(2500)], pa.large_string()),
            "score": pa.array([i / 10 for i in range(2500)], pa.float32()),
        }
    )
    src = tmp_path / "corpus.parquet"
    pq.write_table(table, src)
    one = cli("clean", src, "-o", tmp_path / "one.parquet", "--jobs", "1", "--keep-removed")
    two = cli("clean", src, "-o", tmp_path / "two.parquet", "--jobs", "2", "--keep-removed")
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    got = pq.read_table(tmp_path / "two.parquet")
    assert got.equals(pq.read_table(tmp_path / "one.parquet"))
    assert got.schema.names == ["id", "text", "score", "removed"]
    assert got.schema.field("text").type == pa.large_string()
    assert got.column("id").equals(table.column("id"))
    assert got.column("score").equals(table.column("score"))
    texts = got.column("text").to_pylist()
    assert texts[0] is None and texts[100] is None
    assert texts[7] == "Bridge 7 reopens\n\nWork on bridge 7 finished on Friday, two weeks early, engineers said.\n"
    assert json.loads(got.column("removed")[7].as_py())[0]["rule"] == "generic.ad-marker-line"
    err = two.stderr.decode()
    assert f"{src}: row 1: no string field 'text'" in err
    assert "2,475 documents (2,475 changed, 25 passed through without text)" in err


def test_parquet_without_the_text_column_is_an_error(tmp_path: Path, cli: Cli) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"body": ["x"]}), src)
    proc = cli("clean", src, "-o", tmp_path / "out.parquet")
    assert proc.returncode == 2
    assert b"no column 'text' (columns: body); see --text-field" in proc.stderr
    assert not (tmp_path / "out.parquet").exists()
