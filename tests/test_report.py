"""The run's record and the report drawn from it: what is counted, how little is kept, the files written.

The page in a real browser is tests/test_report_browser.py; here it is read as text.
"""

from __future__ import annotations

import ast
import dataclasses
import gzip
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from clirun import cli
from hypothesis import given
from hypothesis import strategies as st
from reportpage import ONLY_ADS, STORY, lookup, make_dumps, page_figures, shown_agrees

import cleaner
from cleaner.model import Removal, Result
from cleaner.report.detail import HISTOGRAM_BINS, Detail, DetailSpec, RuleTally, SiteTally
from cleaner.report.figures import RunInfo, figures
from cleaner.report.page import render
from cleaner.report.record import Report

RUN_FIELDS = ("seconds", "started", "jobs", "command", "engine")
"""Figures that describe the invocation, not the documents: they differ between two runs of the same files."""


def _summary(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _without_run(summary: dict[str, Any]) -> dict[str, Any]:
    return {**summary, "run": {k: v for k, v in summary["run"].items() if k not in RUN_FIELDS}}


def _doc_names(summary: dict[str, Any], section: str) -> list[str]:
    return [d["name"] for d in summary["documents"][section]]


# The CLI: a folder run with every kind of outcome.


def test_a_folder_run_writes_a_page_and_a_summary_that_agree(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    make_dumps(dumps, n=12)
    page, summary_path = tmp_path / "r.html", tmp_path / "s.json"
    ran = cli("clean", dumps, "-o", tmp_path / "out", "-j", "1", "--report", page, "--summary-json", summary_path)
    assert ran.crashed is None
    assert ran.code == 2, ran.stderr  # the binary file is an input error; the report is written all the same
    assert f"report written to {page}" in ran.stderr and f"summary written to {summary_path}" in ran.stderr
    s = _summary(summary_path)
    t = s["totals"]
    assert (t["documents"], t["documents_changed"], t["documents_held"], t["files_failed"]) == (14, 12, 1, 1)
    assert (t["files"], t["files_changed"], t["files_unchanged"], t["files_held"]) == (15, 12, 1, 1)
    assert t["bytes_in"] > t["bytes_out"] > 0 and t["share_removed"] == pytest.approx(
        1 - t["bytes_out"] / t["bytes_in"]
    )
    # Every document is in the histogram once: a bin of the share removed, or the held-back bar.
    bins = s["histogram"]["bins"]
    assert len(bins) == HISTOGRAM_BINS + 1 and sum(b["documents"] for b in bins) + s["histogram"]["held"] == 14
    assert bins[0]["documents"] == 1  # clean.txt: nothing removed
    ad = next(r for r in s["rules"] if r["rule"] == "generic.ad-marker-line")
    assert (ad["removals"], ad["lines"], ad["documents"], ad["bytes"]) == (12, 12, 12, 12 * len("Advertisement\n"))
    assert ad["kind"] == "heuristic" and ad["reasons"]
    assert s["sites"] == [
        {
            "site": None,
            "documents": 14,
            "changed": 12,
            "held": 1,
            "bytes_in": t["bytes_in"],
            "bytes_out": t["bytes_out"],
            "share_removed": t["share_removed"],
        }
    ]
    problems = s["problems"]
    assert [n["where"] for n in problems["error"]["listed"]] == [str(dumps / "binary.txt")]
    assert "binary" in problems["error"]["listed"][0]["reason"]
    assert problems["held"]["listed"][0]["where"] == str(dumps / "only-ads.txt")
    assert _doc_names(s, "held") == [str(dumps / "only-ads.txt")]
    assert str(dumps / "clean.txt") in _doc_names(s, "least_removed")
    assert len(_doc_names(s, "sample")) == 14  # fewer documents than the sample's size: all of them
    # Every number on the page is a figure of the summary, shown as it says.
    html = page.read_text(encoding="utf-8")
    shown = page_figures(html)
    assert len(shown) > 40
    for fig in shown:
        value = lookup(s, fig.path)
        assert repr(value) == fig.value, fig
        if not fig.path.startswith("histogram."):
            assert shown_agrees(fig.kind, fig.shown, value), fig
    assert {f.path for f in shown} >= {"totals.documents", "totals.share_removed", "histogram.held", "run.seconds"}


def test_removed_lines_are_struck_through_and_labelled_with_their_rule(tmp_path: Path, site_rules: Path) -> None:
    page_path = tmp_path / "r.html"
    dump = tmp_path / "tide.txt"
    dump.write_text(
        "Tide\n\nAdvertisement\n\nThe tide rose over the quay on Sunday, the harbour master said.\n"
        "More from the Gazette\nBoats\n",
        encoding="utf-8",
    )
    summary = tmp_path / "s.json"
    ran = cli(
        "clean", dump, "--check", "--rules", site_rules, "--site", "harbour.example",
        "--report", page_path, "--summary-json", summary,
    )  # fmt: skip
    assert ran.code == 1, ran.stderr
    page = page_path.read_text(encoding="utf-8")
    assert '<del>Advertisement</del></span><span class="tag" title="removed line 3: ' in page
    assert ">generic.ad-marker-line</span>" in page and ">harbour.footer</span>" in page
    assert "<del>More from the Gazette</del>" in page and "<del>Boats</del>" in page
    assert "<del>The tide rose" not in page  # the story stays as it is
    s = _summary(summary)
    kinds = {r["rule"]: r["kind"] for r in s["rules"]}
    assert kinds == {"generic.ad-marker-line": "heuristic", "harbour.footer": "site rule"}
    assert s["sites"][0]["site"] == "harbour.example"


def test_the_sample_is_the_same_for_any_jobs_and_changes_with_the_seed(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for i in range(45):
        (dumps / f"d{i:02}.txt").write_text(STORY.format(n=i), encoding="utf-8")
    runs = {}
    for name, args in {"one": ["-j", "1"], "two": ["-j", "2"], "seed": ["-j", "1", "--report-seed", "7"]}.items():
        out = tmp_path / f"{name}.json"
        ran = cli("clean", dumps, "--check", *args, "--summary-json", out)
        assert ran.code == 1, ran.stderr
        runs[name] = _summary(out)
    assert _without_run(runs["one"]) == _without_run(runs["two"])
    sample, other = _doc_names(runs["one"], "sample"), _doc_names(runs["seed"], "sample")
    assert len(sample) == len(other) == DetailSpec().sample
    assert sample != other and runs["seed"]["limits"]["seed"] == 7
    assert runs["one"]["run"]["jobs"] == 1 and runs["two"]["run"]["jobs"] == 2


def test_a_jsonl_run_lists_records_passed_through_and_malformed_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    lines = [json.dumps({"id": i, "text": STORY.format(n=i)}) for i in range(5)]
    lines[2] = "{not json"
    lines.append(json.dumps({"id": "no-text", "body": "x"}))
    lines.append(json.dumps({"id": "ads", "text": ONLY_ADS}))
    corpus.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    summary = tmp_path / "s.json"
    ran = cli("clean", corpus, "-o", tmp_path / "out.jsonl", "--summary-json", summary, "--report", tmp_path / "r.html")
    assert ran.code == 2, ran.stderr  # a malformed line
    s = _summary(summary)
    assert (s["totals"]["documents"], s["totals"]["passed_through"], s["totals"]["malformed"]) == (5, 1, 1)
    assert s["totals"]["documents_held"] == 1
    p = s["problems"]
    assert p["malformed"]["listed"][0]["where"] == f"{corpus}:3"
    assert p["passed-through"]["listed"] == [{"where": f"{corpus}:6 (id no-text)", "reason": "no string field 'text'"}]
    assert _doc_names(s, "held") == [f"{corpus}:7 (id ads)"]
    records = [f"{corpus}:{n} (id {n - 1})" for n in (1, 2, 4, 5)]
    assert sorted(_doc_names(s, "sample")) == sorted([*records, f"{corpus}:7 (id ads)"])


def test_a_parquet_run_is_reported_row_by_row(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": list(range(300)), "text": [STORY.format(n=i) for i in range(300)]}), src)
    summary = tmp_path / "s.json"
    ran = cli("clean", src, "-o", tmp_path / "out.parquet", "-j", "2", "--summary-json", summary)
    assert ran.code == 0, ran.stderr
    s = _summary(summary)
    assert s["totals"]["documents"] == s["totals"]["documents_changed"] == 300
    assert s["rules"][0]["rule"] == "generic.ad-marker-line" and s["rules"][0]["removals"] == 300
    assert all(name.startswith(f"{src}: row ") for name in _doc_names(s, "sample"))


def test_the_dask_engine_reports_the_same_figures(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    shards = tmp_path / "shards"
    shards.mkdir()
    for k in range(3):
        rows = [json.dumps({"id": f"{k}-{i}", "text": STORY.format(n=i)}) for i in range(20)]
        (shards / f"s{k}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    local, dask = tmp_path / "local.json", tmp_path / "dask.json"
    assert (
        cli("clean", shards, "--include", "*.jsonl", "-o", tmp_path / "o1", "-j", "1", "--summary-json", local).code
        == 0
    )
    ran = cli(
        "clean", shards, "--include", "*.jsonl", "-o", tmp_path / "o2", "--engine", "dask", "-j", "2",
        "--summary-json", dask,
    )  # fmt: skip
    assert ran.code == 0, ran.stderr
    a, b = _summary(local), _summary(dask)
    assert b["run"]["engine"] == "dask"
    for key in ("totals", "histogram", "rules", "problems"):
        assert a[key] == b[key], key
    assert len(b["documents"]["sample"]) == DetailSpec().sample


def test_stdin_can_be_reported(tmp_path: Path) -> None:
    summary = tmp_path / "s.json"
    ran = cli("clean", "-", "--summary-json", summary, stdin=STORY.format(n=1).encode())
    assert ran.code == 0 and "Advertisement" not in ran.stdout
    assert _doc_names(_summary(summary), "sample") == ["-"]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "--report {p}: is a folder; give a file name"),
        ("input", "--report {p}: is one of the files being cleaned; choose another name"),
        ("under-a-file", "--report {p}: {parent} is not a folder"),
        ("same-as-json", "--summary-json {p}: same file as --report; give each its own name"),
        ("stdout", "--report {p}: give a file name; reports are not written to stdout"),
    ],
)
def test_a_report_path_that_cannot_work_stops_the_run_before_it_starts(
    tmp_path: Path, where: str, message: str
) -> None:
    dumps = tmp_path / "dumps"
    make_dumps(dumps, n=2)
    before = {p: p.read_bytes() for p in dumps.rglob("*") if p.is_file()}
    extra: list[str | Path] = []
    parent = tmp_path
    if where == "folder":
        p = tmp_path
    elif where == "input":
        p = dumps / "clean.txt"
    elif where == "stdout":
        p = Path("-")
    elif where == "under-a-file":
        parent = dumps / "clean.txt"
        p = parent / "r.html"
    else:
        p = tmp_path / "r.out"
        extra = ["--summary-json", p]
    ran = cli("clean", dumps, "--in-place", "--report", p, *extra)
    assert ran.code == 2 and ran.crashed is None
    assert ran.stderr == "error: " + message.format(p=p, parent=parent) + (
        f", e.g. {p / 'report.html'}\n" if where == "folder" else "\n"
    )
    assert {p: p.read_bytes() for p in dumps.rglob("*") if p.is_file()} == before  # nothing was cleaned


def test_the_report_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dumps = tmp_path / "dumps"
    make_dumps(dumps, n=2)
    page = tmp_path / "r.html"
    page.write_text("the report of the last run\n", encoding="utf-8")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    ran = cli("clean", dumps, "--check", "--report", page)
    assert ran.crashed is None and ran.code == 2
    assert ran.stderr.splitlines()[-1] == f"error: cannot write the report: No space left on device ({page})"
    assert page.read_text(encoding="utf-8") == "the report of the last run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dumps", "r.html"]  # no temporary file left


def test_a_report_folder_is_made_like_an_output_folder(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    make_dumps(dumps, n=2)
    out = tmp_path / "cleaned"
    ran = cli("clean", dumps, "-o", out, "-q", "--report", out / "report.html")
    assert ran.code == 2  # the binary file
    assert "report written" not in ran.stderr  # --quiet
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_help_teaches_the_report_options() -> None:
    ran = cli("clean", "--help")
    assert ran.code == 0
    for flag in ("--report", "--summary-json", "--report-seed"):
        assert flag in ran.stdout
    assert "cleaner clean dumps/ -o out/ --report r.html" in cli("--help").stdout


# The record: counting, merging, bounds.


def _doc(i: int, lines: int = 6) -> tuple[str, str, Result]:
    """A synthetic document whose share removed depends on ``i``; every 17th is held back."""
    body = [f"Line {k} of document {i}, a sentence of the story." for k in range(lines)]
    text = "\n".join(["Headline", *body, "Advertisement", "Home", "World"]) + "\n"
    cut = i % 4
    removed = [Removal("generic.ad-marker-line", lines + 1, lines + 2, "advertisement marker line")]
    if cut:
        removed.append(Removal("generic.menu-run", lines + 4 - cut, lines + 3, "menu"))
    if i % 5 == 0:
        removed.append(Removal("x.inline", 0, 0, "label", span=(0, 4)))
    held = "would lose everything (limit 90%)" if i % 17 == 16 else None
    kept = [s for n, s in enumerate(text.splitlines()) if not any(r.start <= n < r.end for r in removed)]
    out = text if held else "\n".join(kept) + "\n"
    return f"d{i:04}.txt", text, Result(out, site="a.example" if i % 3 else None, removed=removed, held=held)


def _report_of(docs: range, spec: DetailSpec) -> Report:
    r = Report.collecting(spec)
    for i in docs:
        name, text, result = _doc(i)
        r.count_document(name, text, result)
        if i % 11 == 0:
            r.note("passed-through", name, "no string field 'text'")
    return r


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=12))
def test_merging_parts_in_order_gives_what_one_pass_gives(cuts: list[int]) -> None:
    """Workers count parts (a few files, a batch of records) that the parent merges: the split never shows."""
    spec = DetailSpec(sample=7, extremes=3, held=2, notes=4)
    whole = _report_of(range(120), spec)
    merged = Report.collecting(spec)
    start = 0
    for size in [*cuts, 120]:
        end = min(120, start + size)
        merged.merge(_report_of(range(start, end), spec))
        start = end
        if start == 120:
            break
    assert figures(merged, RunInfo()) == figures(whole, RunInfo())
    assert merged == whole


def test_every_field_of_a_report_is_merged() -> None:
    """A field added to Report later must be merged too, or --jobs would drop it."""
    spec = DetailSpec()
    part = Report(detail=Detail(spec))
    for f in dataclasses.fields(Report):
        value = getattr(part, f.name)
        new: object = {
            bool: True,
            int: 3,
            list: ["x"],
            Counter: Counter({"r": 2}),
        }.get(type(value))
        if new is not None:
            setattr(part, f.name, new)
    assert part.detail is not None
    part.detail.add("a.txt", "Story\nAdvertisement\n", Result("Story\n", removed=[Removal("r", 1, 2, "why")]))
    part.detail.note("error", "b.txt", "binary")
    total = Report()
    total.merge(part)
    assert total == part
    assert [f.name for f in dataclasses.fields(Report) if getattr(total, f.name) == getattr(Report(), f.name)] == []


def test_what_a_report_keeps_is_bounded_whatever_the_run_size() -> None:
    spec = DetailSpec()
    small, big = _report_of(range(50), spec), _report_of(range(5000), spec)
    d = big.detail
    assert d is not None
    assert (len(d.most), len(d.least), len(d.sample), len(d.held)) == (10, 10, 20, 10)
    assert len(d.notes["passed-through"]) == spec.notes and d.note_counts["passed-through"] == 455
    assert sum(d.histogram) + d.held_documents == big.documents == 5000
    small_page, big_page = render(small, RunInfo()), render(big, RunInfo())
    assert len(big_page) < 1.5 * len(small_page) + 50_000
    assert "The first 100 are listed." in big_page and "at most 10 documents at each end" in big_page
    # The most removed really lost the most, in order; the least, the least.
    shares = sorted((_share(*_doc(i)[1:]) for i in range(5000) if i % 17 != 16), reverse=True)
    assert [v.share for v in d.most] == pytest.approx(shares[:10])
    assert [v.share for v in d.least] == pytest.approx(sorted(shares)[:10])


def _share(text: str, result: Result) -> float:
    return 1 - len(result.text.encode()) / len(text.encode())


def test_a_long_document_is_cut_to_the_caps_and_says_so() -> None:
    spec = DetailSpec(doc_lines=50, line_chars=100)
    r = Report.collecting(spec)
    text = "".join(f"line {i} " + "x" * (300 if i == 3 else 10) + "\n" for i in range(500))
    r.count_document("long.txt", text, Result(text[:-1] + "\n", removed=[Removal("r", 499, 500, "why")]))
    assert r.detail is not None
    view = r.detail.sample[0]
    assert len(view.lines) == 50 and view.total_lines == 500 and view.clipped
    assert len(view.lines[3]) == 101 and view.lines[3].endswith("…")
    assert view.cuts == [] and view.removals == 1  # the removal is past the lines shown
    assert "… 450 more lines not shown" in render(r, RunInfo())


def test_tallies_add_up_rule_by_rule() -> None:
    r = Report.collecting(DetailSpec())
    text = "Héadline\nAdvertisement\nHome\nWorld\nStory ends. Read more\n"
    removed = [
        Removal("generic.ad-marker-line", 1, 2, "advertisement marker line"),
        Removal("generic.menu-run", 2, 4, "menu"),
        Removal("x.read-more", 4, 4, "read-more link", span=(12, 21)),
    ]
    r.count_document("a.txt", text, Result("Héadline\nStory ends.\n", removed=removed))
    assert r.detail is not None
    t = r.detail.rules
    assert t["generic.ad-marker-line"] == RuleTally(1, 1, 14, 1, ["advertisement marker line"])
    assert t["generic.menu-run"] == RuleTally(1, 2, 11, 1, ["menu"])
    assert t["x.read-more"] == RuleTally(1, 0, 9, 1, ["read-more link"])
    assert r.detail.sites == {"": SiteTally(1, 1, 0, len(text.encode()), len("Héadline\nStory ends.\n".encode()))}
    assert r.rules == Counter({"generic.ad-marker-line": 1, "generic.menu-run": 1, "x.read-more": 1})


def test_a_run_without_a_report_keeps_no_detail(tmp_path: Path) -> None:
    """The hook's runs (and any run without --report) pay for counts only."""
    from cleaner.batch import Mode, Options, run

    make_dumps(tmp_path / "d", n=3)
    report = run(cleaner.Cleaner(), [tmp_path / "d"], Options(mode=Mode.CHECK), say=lambda _: None)
    assert report.detail is None and report.documents == 5


# The page as text: self-contained, escaped.


def test_the_page_asks_for_nothing_from_the_network_and_escapes_what_it_shows() -> None:
    r = Report.collecting(DetailSpec())
    text = '<script src="https://evil.example/x.js"></script>\n<img src=x onerror=alert(1)>\nbad \x00 byte\n'
    r.count_document("<odd>.txt", text, Result(text, removed=[Removal("generic.x", 1, 2, "<b>why</b>")]))
    page = render(r, RunInfo(command="cleaner clean '<odd>.txt'"))
    assert "<script src" not in page and "<img" not in page and "<b>why" not in page
    assert "&lt;script src=&quot;https://evil.example/x.js&quot;&gt;" in page and "&lt;odd&gt;.txt" in page
    assert "\x00" not in page
    head = page.split("</head>")[0]
    assert "default-src 'none'" in head  # the Content-Security-Policy: no request can leave the page
    for attr in (" src=", " href=", "url(", "@import"):
        assert attr not in page.replace("&lt;script src=", "").replace("&lt;img src=", ""), attr


# The package: the run's record ended the import circle; none may come back.


def _import_graph() -> dict[str, set[str]]:
    root = Path(cleaner.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    extensions = {f"cleaner.{p.name.split('.')[0]}" for p in root.glob("*.pyi")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                subs = [f"{node.module}.{a.name}" for a in node.names]
                # `from pkg import module` needs the module; `from module import name` the module itself.
                targets = [s for s in subs if s in modules or s in extensions] or [node.module]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def test_no_module_of_the_package_imports_itself_back() -> None:
    """Lazy and type-checking imports included: a circle is a circle even when it works at run time."""
    graph = _import_graph()
    assert {"cleaner.report.record", "cleaner.batch", "cleaner.engines.dispatch"} <= graph.keys()
    assert "cleaner.report.record" in graph["cleaner.formats.jsonl"]
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join([*path[path.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_an_interrupted_run_still_writes_its_report_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C: the files reached are counted and reported, and the page says the run stopped."""
    from cleaner.engines import dispatch

    dumps = tmp_path / "dumps"
    make_dumps(dumps, n=12)  # 15 files; a task cleans 8 (dispatch.FILES_PER_TASK): the stop falls in the second
    real = dispatch.clean_file
    calls = []

    def stopping(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 10:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(dispatch, "clean_file", stopping)
    page, summary = tmp_path / "r.html", tmp_path / "s.json"
    ran = cli("clean", dumps, "--check", "-j", "1", "--report", page, "--summary-json", summary)
    assert ran.code == 2 and ran.crashed is None
    assert "Interrupted:" in ran.stderr
    s = _summary(summary)
    assert s["run"]["interrupted"] is True
    assert s["totals"]["documents"] + s["totals"]["files_failed"] == dispatch.FILES_PER_TASK  # the first task's
    assert "Interrupted: the figures cover the documents cleaned before the stop" in page.read_text(encoding="utf-8")


def test_a_run_without_a_report_counts_the_same_rules_as_one_with_a_report(tmp_path: Path) -> None:
    # Without --report the removals are counted in the engine, not turned into objects: same figures.
    golden = Path(__file__).resolve().parent.parent / "golden"
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for p in sorted(golden.glob("*/*.in.txt")):
        (dumps / f"{p.parent.name}-{p.name}").write_bytes(p.read_bytes())
    plain = cli("clean", dumps, "--check")
    reported = cli("clean", dumps, "--check", "--report", tmp_path / "r.html")
    assert plain.code == reported.code == 1, (plain.stderr, reported.stderr)
    stats = [line for line in plain.stderr.splitlines() if "top rules:" in line]
    assert len(stats) == 1 and stats[0].count(",") >= 5, plain.stderr
    assert stats == [line for line in reported.stderr.splitlines() if "top rules:" in line]
