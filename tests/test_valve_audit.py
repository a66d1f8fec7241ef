"""Nothing lost: the safety valve holds back near-total losses; --keep-removed keeps what was removed."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import cli

from cleaner import Cleaner

STORY = "The story goes on and on, as stories do, for a good while longer."
SITE = '[site]\nid = "valve.example"\nsignatures = ["Valve Daily"]\n'


def _rules(tmp_path: Path, rules: str) -> Path:
    folder = tmp_path / "rules" / "sites"
    folder.mkdir(parents=True)
    (folder / "valve.toml").write_text(SITE + rules, encoding="utf-8")
    return folder.parent


def _losing_dump(tmp_path: Path, kept: int, lost: int) -> Path:
    """A dump whose site rule drops ``lost`` prose lines and keeps ``kept``."""
    lines = (
        ["Valve Daily", ""] + [f"Kept {n}: {STORY}" for n in range(kept)] + [f"Gone {n}: {STORY}" for n in range(lost)]
    )
    path = tmp_path / "in" / "page.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GONE_RULE = '[[rule]]\nid = "valve.gone"\nkind = "drop_line"\npattern = "^Gone "\nwhy = "test rule"\n'


def test_document_losing_over_90_percent_is_left_unchanged_and_reported(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GONE_RULE)
    page = _losing_dump(tmp_path, kept=1, lost=19)
    before = page.read_bytes()
    ran = cli("clean", page, "--in-place", "--rules", rules)
    assert ran.code == 0
    assert page.read_bytes() == before
    assert f"held back {page}: would lose 95% of its prose (limit 90%); left unchanged" in ran.stderr
    assert "1 file held back by the safety valve." in ran.stderr


def test_max_loss_and_force_let_it_through(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GONE_RULE)
    page = _losing_dump(tmp_path, kept=1, lost=19)
    assert "held back" not in cli("clean", page, "--check", "--rules", rules, "--max-loss", "0.96").stderr
    ran = cli("clean", page, "--in-place", "--rules", rules, "--force")
    assert ran.code == 0
    assert page.read_text(encoding="utf-8") == f"Valve Daily\n\nKept 0: {STORY}\n"


def test_a_loss_under_the_limit_is_cleaned(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GONE_RULE)
    page = _losing_dump(tmp_path, kept=3, lost=17)
    assert cli("clean", page, "--in-place", "--rules", rules).code == 0
    assert "Gone" not in page.read_text(encoding="utf-8")


def test_losing_everything_is_held_back() -> None:
    result = Cleaner().clean("Advertisement\n\nAdvertisement\n")
    assert result.held is not None and "would lose everything" in result.held
    assert result.text == "Advertisement\n\nAdvertisement\n"


def test_keep_removed_writes_a_sidecar_beside_each_output(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GONE_RULE)
    page = _losing_dump(tmp_path, kept=5, lost=2)
    (page.parent / "plain.txt").write_text(f"Just a story.\n\n{STORY}\n", encoding="utf-8")
    out = tmp_path / "out"
    ran = cli("clean", page.parent, "-o", out, "--rules", rules, "--keep-removed")
    assert ran.code == 0, ran.stderr
    records = [json.loads(line) for line in (out / "page.txt.removed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == [
        {"rule": "valve.gone", "lines": [8, 8], "reason": "test rule", "text": f"Gone 0: {STORY}"},
        {"rule": "valve.gone", "lines": [9, 9], "reason": "test rule", "text": f"Gone 1: {STORY}"},
    ]
    # Nothing lost: output lines plus removed text give back every input line.
    kept = (out / "page.txt").read_text(encoding="utf-8").splitlines()
    removed = [line for r in records for line in r["text"].split("\n")]
    assert sorted(filter(None, kept + removed)) == sorted(filter(None, page.read_text(encoding="utf-8").splitlines()))
    assert not (out / "plain.txt.removed.jsonl").exists()
    assert sorted(p.name for p in out.iterdir()) == ["page.txt", "page.txt.removed.jsonl", "plain.txt"]


def test_keep_removed_in_place_appends_so_earlier_removals_stay(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"Title\n\nAdvertisement\n{STORY}\n", encoding="utf-8")
    assert cli("clean", page, "--in-place", "--keep-removed").code == 0
    page.write_text(page.read_text(encoding="utf-8") + "Sponsored\n", encoding="utf-8")
    assert cli("clean", page, "--in-place", "--keep-removed").code == 0
    sidecar = tmp_path / "page.txt.removed.jsonl"
    assert [json.loads(line)["text"] for line in sidecar.read_text(encoding="utf-8").splitlines()] == [
        "Advertisement",
        "Sponsored",
    ]
    assert page.read_text(encoding="utf-8") == f"Title\n\n{STORY}\n"


def test_keep_removed_writes_nothing_for_a_held_document(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GONE_RULE)
    page = _losing_dump(tmp_path, kept=1, lost=19)
    assert cli("clean", page.parent, "-o", tmp_path / "out", "--rules", rules, "--keep-removed").code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["page.txt"]


def test_keep_removed_needs_an_output_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(STORY + "\n", encoding="utf-8")
    ran = cli("clean", page, "--check", "--keep-removed")
    assert ran.code == 2
    assert ran.stderr.splitlines() == [
        "error: --keep-removed writes a sidecar beside each output file: use it with -o or --in-place"
    ]


POST = [
    "The council met on Monday to decide what to do about the walls that the winter storms left cracked.",
    "Builders told the meeting that the repairs would take most of the summer and cost more than planned.",
    "The mayor said the town would borrow the money and pay it back over the next ten years of budgets.",
    "Shop owners on the river road asked for the work to start after the summer markets had closed.",
    "A second meeting next month will choose the builders and set the dates for the road closures.",
]
NAMES = ["Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo"]
THINGS = ["bridge", "river", "market", "school", "harbour", "library", "station", "park"]


def _commented_post(header: str) -> str:
    """A short post (five sentences) under its headline, then a header and forty comments that outweigh
    it more than nine times over."""
    comments = [
        f"{NAMES[n % 10]} wrote that the {THINGS[n % 8]} near number {n} needs fixing first, "
        f"long before the walls, because {n + 3} families use it every single day of the week."
        for n in range(40)
    ]
    return "\n\n".join(["Walls to be mended", *POST, header, *comments]) + "\n"


def test_a_comment_section_is_no_loss_to_the_valve() -> None:
    # The section goes by its header, after the story: the post is what is left, and it is no near-total
    # loss of the document's text, however long the thread.
    done = Cleaner().clean(_commented_post("40 Comments"))
    assert done.held is None
    assert done.text == "\n\n".join(["Walls to be mended", *POST]) + "\n"
    assert {r.rule for r in done.removed} == {"generic.comments-block"}


def test_the_same_comments_removed_by_another_rule_are_a_loss(tmp_path: Path) -> None:
    # A site rule that drops the forty comment lines is not the comment section's header: held as before.
    rules = _rules(
        tmp_path, '[[rule]]\nid = "valve.comments"\nkind = "drop_line"\npattern = " wrote that "\nwhy = "test"\n'
    )
    done = Cleaner([rules]).clean("Valve Daily\n\n" + _commented_post("40 Comments"))
    assert done.held is not None and "would lose 9" in done.held
