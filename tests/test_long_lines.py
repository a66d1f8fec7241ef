"""Over-long lines: kept untouched and unread by the stages; long lines in general cost linear time."""

from __future__ import annotations

from pathlib import Path

from clirun import cli

from cleaner import Cleaner

STORY = "The story goes on and on, as stories do, for a good while longer."
GLUED = "اضافة اعلان"


def test_line_over_the_limit_is_kept_untouched() -> None:
    long_line = "word " * 50 + GLUED
    text = f"Title\n\n{STORY}{GLUED}\n{long_line}\n{long_line}\nAdvertisement\nThe end of the story.\n"
    result = Cleaner(max_line_chars=200).clean(text)
    # The short line loses its glued marker; the long ones keep theirs, and their duplicate stays too.
    assert result.text == f"Title\n\n{STORY}\n{long_line}\n{long_line}\nThe end of the story.\n"
    assert all(r.start not in (3, 4) for r in result.removed)
    unlimited = Cleaner(max_line_chars=0).clean(text)
    # Without the limit the stages see them: marker cut, second copy dropped.
    assert unlimited.text.splitlines().count(("word " * 50).rstrip()) == 1
    assert GLUED not in unlimited.text


def test_long_line_survives_a_site_rule_dropping_around_it(tmp_path: Path) -> None:
    folder = tmp_path / "rules" / "sites"
    folder.mkdir(parents=True)
    (folder / "long.toml").write_text(
        '[site]\nid = "long.example"\nsignatures = ["Long Times"]\n'
        '[[rule]]\nid = "long.tail"\nkind = "drop_from"\npattern = "^Comments$"\nwhy = "comments"\n',
        encoding="utf-8",
    )
    long_line = "x" * 300
    page = tmp_path / "page.txt"
    page.write_text(f"Long Times\n\n{STORY}\n{STORY} 2\nComments\n{long_line}\nNice one!\n", encoding="utf-8")
    ran = cli("clean", page, "--rules", folder.parent, "--max-line-chars", "200")
    assert ran.code == 0, ran.stderr
    assert ran.stdout == f"Long Times\n\n{STORY}\n{STORY} 2\n{long_line}\n"


def test_megabyte_lines_go_through_every_stage() -> None:
    # The bench (bench/hostile_sizes.py) times this at 1-100 MB; here: the result is right.
    spaces = " " * 2_000_000
    words = "word " * 400_000
    text = f"Title\n\n{spaces}{GLUED}\n{words}\n{words}\n{STORY}\n"
    result = Cleaner(max_line_chars=0).clean(text)
    assert result.text == f"Title\n\n{words.rstrip()}\n{STORY}\n"
