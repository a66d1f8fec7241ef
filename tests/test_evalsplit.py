"""The tune/check split of the dev sets: by site, deterministic, every page in exactly one part."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from cleaner.evalsplit import (
    PARTS,
    SplitError,
    dev_set_sites,
    load_split,
    make_split,
    part_of,
    render_split,
    site_of_url,
)

REPO = Path(__file__).resolve().parents[1]
SPLITS = sorted((REPO / "eval" / "splits").glob("*.tsv"))
EVAL = REPO.parent / "shared" / "eval"


def test_a_site_always_goes_to_the_same_part_and_about_half_go_each_way() -> None:
    sites = [f"site{n}.example" for n in range(1000)]
    first = [part_of(s) for s in sites]
    assert first == [part_of(s) for s in sites]
    assert 400 < first.count("tune") < 600


def test_pages_of_one_site_are_never_on_both_sides() -> None:
    sites = {f"p{n}": f"site{n % 7}.example" for n in range(70)}
    parts: dict[str, set[str]] = defaultdict(set)
    for part, site, _ in make_split(sites):
        parts[site].add(part)
    assert all(len(p) == 1 for p in parts.values())
    assert {p for ps in parts.values() for p in ps} == set(PARTS)


def test_sites_come_from_the_registered_domain_and_archived_pages_count_as_their_original() -> None:
    assert site_of_url("https://wiki.example.de/a") == site_of_url("http://www.example.de/b") == "example.de"
    assert site_of_url("https://web.archive.org/web/2020id_/https://news.example.co.uk/x") == "example.co.uk"
    assert site_of_url("https://me.blogspot.com/2012/x") == "me.blogspot.com"


def test_dev_set_sites_reads_ids_then_names_or_urls(tmp_path: Path) -> None:
    dragnet = tmp_path / "dragnet"
    dragnet.mkdir()
    (dragnet / "ids.txt").write_text("news.example.com--1\nexample.com--2\n", encoding="utf-8")
    assert dev_set_sites(dragnet) == {"news.example.com--1": "example.com", "example.com--2": "example.com"}
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "ids.txt").write_text("k1\nk2\n", encoding="utf-8")
    (snippets / "index.json").write_text(json.dumps({"k1": {"url": "https://www.a.org/x"}, "k2": {"url": None}}))
    assert dev_set_sites(snippets) == {"k1": "a.org", "k2": "page:k2"}
    with pytest.raises(SplitError, match=r"ids\.txt"):
        dev_set_sites(tmp_path)


def test_split_file_round_trips_and_bad_lines_name_the_line(tmp_path: Path) -> None:
    rows = make_split({"p1": "a.org", "p2": "b.org", "p3": "a.org"})
    path = tmp_path / "s.tsv"
    path.write_text(render_split("s", rows), encoding="utf-8")
    assert load_split(path) == {i: p for p, _, i in rows}
    path.write_text(render_split("s", rows) + "maybe\tc.org\tp4\n", encoding="utf-8")
    with pytest.raises(SplitError, match=r"s\.tsv:8: expected"):
        load_split(path)


@pytest.mark.parametrize("split", SPLITS, ids=lambda p: p.stem)
def test_repository_split_follows_the_rule_with_no_site_on_both_sides(split: Path) -> None:
    parts: dict[str, set[str]] = defaultdict(set)
    assigned = load_split(split)
    for line in split.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        part, site, page = line.split("\t")
        assert part == part_of(site), f"{page}: {part}, but its site {site} goes to {part_of(site)}"
        parts[site].add(part)
    assert all(len(p) == 1 for p in parts.values())
    assert set(assigned.values()) == set(PARTS)


def test_every_dev_set_has_a_split() -> None:
    assert {p.stem for p in SPLITS} == {"scrapinghub-dev", "trafilatura-dev", "dragnet-dev"}


@pytest.mark.skipif(not EVAL.is_dir(), reason="the shared dev sets are not beside this checkout")
@pytest.mark.parametrize("split", SPLITS, ids=lambda p: p.stem)
def test_repository_split_assigns_every_page_of_its_dev_set_by_its_site(split: Path) -> None:
    sites = dev_set_sites(EVAL / split.stem)
    assert load_split(split) == {i: part_of(s) for i, s in sites.items()}
