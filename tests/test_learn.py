"""`cleaner learn`: rule files learned from a site's pages; deterministic, never the story, loadable, for pipelines."""

from __future__ import annotations

import dataclasses
import json
import random
import tomllib
from pathlib import Path

import pytest

import cleaner
from cleaner.learning.api import learn as learn_api
from cleaner.learning.combine import with_sites
from cleaner.pipeline import Cleaner
from cleaner.rules import load_sites, parse_rule_data
from tests.clirun import cli

MENU = ["Example Gazette", "Home", "World", "Business", "Sport", "Contact"]
FOOTER = ["Most read", "About us", "Privacy policy", "© 2012 Example Gazette Ltd. All rights reserved."]
QUOTE = "“We will rebuild this town, stone by stone, whatever it takes,” the mayor told the crowd."


TOWNS = ["Ashby", "Brill", "Carno", "Dunmore", "Elton", "Frome", "Garth", "Hythe", "Ilkley", "Jarrow", "Kendal", "Lydd"]
THINGS = [
    "bridge",
    "school",
    "harbour",
    "library",
    "market",
    "railway",
    "hospital",
    "park",
    "museum",
    "dam",
    "pier",
    "mill",
]


def page(n: int, quote: bool = False) -> str:
    """A page of the made-up site: menu, a headline, a story of its own, a share count, the footer."""
    town, thing = TOWNS[n], THINGS[n]
    story = [
        f"{town} council backs the new {thing}",
        "",
        f"The council of {town} met on Tuesday to discuss the {thing}, which has divided the valley for years.",
        f"Residents near the old {thing} said the plan for {town} came too late, and several asked for a vote.",
        f"A decision on the {thing} of {town} is due in spring, officials said after a meeting that ran late.",
    ]
    if quote:
        story.append(QUOTE)
    story.append(f"Share this story ({n * 7} shares)")
    return "\n".join([*MENU, "", *story, "", *FOOTER]) + "\n"


def records(n: int = 10, quoted: tuple[int, ...] = (2, 3, 5, 7, 8, 9)) -> list[dict[str, str]]:
    return [
        {"id": str(i), "url": f"https://www.example-gazette.com/news/{i}", "text": page(i, i in quoted)}
        for i in range(n)
    ]


def write_jsonl(path: Path, recs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_learns_what_recurs_and_cleans_with_it() -> None:
    learned = learn_api(records())
    assert sorted(learned.files) == ["example-gazette.com"]
    text = learned.files["example-gazette.com"]
    assert "# Learned by `cleaner learn`" in text and "on 2023-11-14" in text
    [site] = learned.sites()
    assert site.learned and site.domains == ("example-gazette.com",)
    assert all(r.id.startswith("learned.example-gazette.com.") for r in site.rules)
    [share] = [r for r in site.rules if "Share this story (0 shares)" in r.examples]
    assert share.examples == (
        "Share this story (0 shares)",
        "Share this story (14 shares)",
        "Share this story (21 shares)",
    )
    assert share.kind == "drop_from" and "on 10 of 10 pages" in share.why
    out = learned.cleaner().clean(page(4), url="https://example-gazette.com/news/4").text
    assert "Business" not in out and "Privacy policy" not in out and "Share this story" not in out
    assert out.startswith("Elton council backs the new market\n") and "The council of Elton met on Tuesday" in out


def test_never_learns_a_quote_repeated_across_a_series() -> None:
    # The quote stands on 6 of 10 pages: more than --min-share, but a sentence needs 80 %.
    learned = learn_api(records())
    text = learned.files["example-gazette.com"]
    assert "rebuild this town" not in text
    cleaned = learned.cleaner().clean(page(3, quote=True), url="https://example-gazette.com/news/3")
    assert QUOTE in cleaned.text


def test_a_rule_taking_much_of_a_page_s_prose_is_dropped_and_reported() -> None:
    # On every page the quote recurs like a disclaimer, but it is a quarter of each page's prose.
    learned = learn_api(records(quoted=tuple(range(10))))
    notes = learned.dropped["example-gazette.com"]
    assert any("rebuild this town" in n and "of a page's prose" in n for n in notes)
    text = learned.files["example-gazette.com"]
    assert "# dropped: line '“We will rebuild" in text and "\npattern = '(?i)^\\s*“we\\s+will" not in text


def test_never_learns_a_dateline_s_month_though_every_page_is_of_that_month() -> None:
    # Every page was written in July: the dateline's month line recurs on all of them, as a header anchor
    # would, but it changes with the month and the story's dateline keeps it.
    recs = records()
    for r in recs:
        r["text"] = r["text"].replace("Example Gazette\nHome", "Example Gazette\nHome\n11\nJuly\n2012", 1)
    learned = learn_api(recs)
    text = learned.files["example-gazette.com"]
    assert "Home" in text and "july" not in text.lower()


def test_same_bytes_whatever_the_order() -> None:
    recs = records()
    first = learn_api(recs).files
    shuffled = recs[:]
    random.Random(7).shuffle(shuffled)
    assert learn_api(shuffled).files == first
    assert learn_api(list(reversed(recs))).files == first


def test_same_bytes_whatever_the_file_split_and_jobs(tmp_path: Path) -> None:
    recs = records(12)
    one = tmp_path / "one"
    one.mkdir()
    write_jsonl(one / "all.jsonl", recs)
    two = tmp_path / "two"
    two.mkdir()
    write_jsonl(two / "a.jsonl", recs[7:])
    write_jsonl(two / "b.jsonl", recs[:7])
    outs: list[dict[str, bytes]] = []
    for src, jobs in ((one, "1"), (two, "1"), (two, "2")):
        out = tmp_path / f"rules-{len(outs)}"
        ran = cli("learn", src, "--include", "*.jsonl", "-o", out, "-j", jobs)
        assert ran.code == 0, ran.stderr
        outs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.toml"))})
    assert outs[0] and outs[0] == outs[1] == outs[2]


def test_files_validate_load_with_rules_and_show_in_sites(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", records())
    out = tmp_path / "learned"
    ran = cli("learn", src, "-o", out, "-q")
    assert ran.code == 0, ran.stderr
    sites = load_sites([out])
    assert [s.id for s in sites] == ["example-gazette.com"]
    listed = cli("sites", "--rules", out)
    assert "example-gazette.com" in listed.stdout and "learned rules" in listed.stdout
    explained = tmp_path / "p.txt"
    explained.write_text("# url: https://example-gazette.com/news/4\n" + page(4), encoding="utf-8")
    shown = cli("explain", explained, "--rules", out)
    assert "learned.example-gazette.com." in shown.stdout


def test_hand_written_rules_win(tmp_path: Path) -> None:
    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "gazette.toml").write_text(
        '[site]\nid = "example-gazette.com"\ndomains = ["example-gazette.com"]\n'
        '[[rule]]\nid = "gazette.menu"\nkind = "drop_line"\npattern = "^(?:Home|World)$"\nwhy = "menu"\n'
        '[[rule]]\nid = "gazette.keep-sport"\nkind = "protect"\npattern = "^Sport$"\nwhy = "kept for the test"\n',
        encoding="utf-8",
    )
    learned = learn_api(records())
    out = tmp_path / "learned"
    learned.write(out)
    cl = Cleaner(rules_dirs=[hand, out], generic=False)
    [site] = [s for s in cl.sites if s.id == "example-gazette.com"]
    assert site.path.name == "gazette.toml" and site.learned_path == out / "example-gazette.com.toml"
    result = cl.clean(page(4), url="https://example-gazette.com/news/4")
    by_line = {r.text: r.rule for r in result.removed}
    assert by_line["Home"] == "gazette.menu" and by_line["World"] == "gazette.menu"
    assert by_line["Business"].startswith("learned.")
    assert "Sport" in result.text.split("\n")


def test_clean_learn_in_one_run(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", records())
    keep = tmp_path / "kept"
    ran = cli("clean", src, "-o", tmp_path / "out.jsonl", "--learn", "--learn-out", keep, "-j", "1", "-q")
    assert ran.code == 0, ran.stderr
    assert (keep / "example-gazette.com.toml").is_file()
    texts = [json.loads(line)["text"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert all("Privacy policy" not in t and "Business" not in t for t in texts)
    assert "The council of Frome met on Tuesday" in texts[5]


def test_api_is_exported() -> None:
    learned = cleaner.learn([r["text"] for r in records()], site="example-gazette.com")
    assert list(learned.files) == ["example-gazette.com"]


def test_too_few_pages_learn_nothing() -> None:
    learned = learn_api(records(4))
    assert learned.files == {} and learned.run.too_few == {"example-gazette.com": 4}


def test_errors_without_tracebacks(tmp_path: Path) -> None:
    ran = cli("learn", tmp_path / "missing", "-o", tmp_path / "o")
    assert ran.code == 2 and ran.crashed is None and "no such file" in ran.stderr
    not_dir = tmp_path / "f.txt"
    not_dir.write_text("x", encoding="utf-8")
    src = write_jsonl(tmp_path / "c.jsonl", records())
    ran = cli("learn", src, "-o", not_dir)
    assert ran.code == 2 and ran.crashed is None and "not a folder" in ran.stderr
    hand = tmp_path / "rules"
    hand.mkdir()
    (hand / "example-gazette.com.toml").write_text('[site]\nid = "mine"\n', encoding="utf-8")
    ran = cli("learn", src, "-o", hand)
    assert ran.code == 2 and ran.crashed is None and "hand-written rule file is in the way" in ran.stderr
    broken = write_jsonl(tmp_path / "b.jsonl", records())
    with broken.open("a", encoding="utf-8") as fh:
        fh.write("{oops\n")
    ran = cli("learn", broken, "-o", tmp_path / "ok")
    assert ran.code == 0 and ran.crashed is None and "b.jsonl:11" in ran.stderr


def test_learned_rules_match_by_key_as_their_patterns_do() -> None:
    # A learned file's rules are matched by a lookup of each line's normalised form; the patterns
    # written in the file say the same, and a pattern edited by hand is matched as written.
    learned = learn_api(records())
    [site] = learned.sites()
    assert site.rules and all(r.line_keys for r in site.rules)
    by_pattern = dataclasses.replace(site, rules=tuple(dataclasses.replace(r, line_keys=None) for r in site.rules))
    keyed, plain = learned.cleaner(), with_sites(Cleaner(), [by_pattern])
    for n in range(10):
        text = page(n, quote=n % 2 == 0).replace("Share this story", "SHARE  this story")
        a = keyed.clean(text, url="https://example-gazette.com/x")
        b = plain.clean(text, url="https://example-gazette.com/x")
        assert a.text == b.text and [r.rule for r in a.removed] == [r.rule for r in b.removed]
        assert "Privacy policy" not in a.text and "shares)" not in a.text
    text = learned.files["example-gazette.com"]
    edited = text.replace("pattern = '(?i)^\\s*(?:", "pattern = '(?i)^\\s*(?:zzz|", 1)
    assert edited != text
    hand = parse_rule_data(tomllib.loads(edited), Path("learned/example-gazette.com.toml"))
    assert [r.id for r in hand.rules if r.line_keys is None] == [r.id for r in hand.rules if "zzz" in r.pattern.pattern]


def test_learns_a_line_on_fewer_pages_that_sits_among_the_template_s_lines() -> None:
    # A sidebar's item changes every third page: it stands on 3 of 10 pages (under --min-share), always
    # right under "Most read", which is on every page. The one on a single page stays.
    recs = records()
    for i, r in enumerate(recs):
        r["text"] = r["text"].replace("Most read\n", f"Most read\nWeather in {TOWNS[i // 3]}: rain\n", 1)
    learned = learn_api(recs)
    [site] = learned.sites()
    examples = {e for r in site.rules for e in r.examples}
    assert {"Weather in Ashby: rain", "Weather in Brill: rain", "Weather in Carno: rain"} <= examples
    assert "Weather in Dunmore: rain" not in examples
    out = learned.cleaner().clean(recs[0]["text"], url=recs[0]["url"]).text
    assert "Weather in" not in out and "The council of Ashby met on Tuesday" in out


def blog_page(n: int, thread: bool = True) -> str:
    """A blog post: menu, the story, "Leave a comment", then readers' comments, each under its "Reply"."""
    town, thing = TOWNS[n], THINGS[n]
    story = [
        f"The {thing} of {town}, revisited",
        "",
        f"I went back to {town} last week to see what had become of the {thing} we wrote about last year.",
        f"The {thing} is half built, the money ran out in March, and nobody in {town} seems to know why.",
    ]
    comments = [
        f"{name} wrote on day {n}:\n{name} thinks the {thing} at {town} is {word}, and has said so for a year.\nReply"
        for name, word in (("Ann", "a waste"), ("Bob", "overdue"), ("Cy", "too small"), ("Di", "a joke"))
    ]
    below = comments if thread else [f"Meanwhile the {thing} of {town} took another turn, and we went back to it."]
    return "\n".join([*MENU, "", *story, "", "Leave a comment", "", *below, "", *FOOTER]) + "\n"


def test_a_line_after_which_only_a_comment_thread_follows_ends_the_story() -> None:
    recs = [{"url": f"https://blog.example.net/p/{n}", "text": blog_page(n)} for n in range(8)]
    learned = learn_api(recs)
    [site] = learned.sites()
    [end] = [r for r in site.rules if r.kind == "drop_from"]
    assert end.examples == ("Leave a comment",) and "comment thread" in end.why
    out = learned.cleaner().clean(blog_page(3), site="blog.example.net").text
    assert "half built" in out and "Leave a comment" not in out and "Reply" not in out and "Ann" not in out


def test_a_recurring_line_with_the_story_below_it_on_a_page_ends_nothing() -> None:
    # On one page the line stands above more of the story (one long run of prose, no thread): the
    # line is no end of the story, and what follows it stays.
    recs = [{"url": f"https://blog.example.net/p/{n}", "text": blog_page(n, thread=n != 4)} for n in range(8)]
    learned = learn_api(recs)
    [site] = learned.sites()
    assert not any(r.kind == "drop_from" and "Leave a comment" in r.examples for r in site.rules)
    out = learned.cleaner().clean(blog_page(4, thread=False), site="blog.example.net").text
    assert "took another turn" in out
