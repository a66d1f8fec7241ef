"""``--ignore`` and ``ignore = [...]``: an ignored rule removes nothing, the others still do."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from cleaner.entry import main, parse_fast
from cleaner.heuristics import HEURISTICS
from cleaner.ignore import UnknownRuleError
from cleaner.pipeline import Cleaner
from tests.clirun import cli
from tests.salerules import SITE_RULES

# An ad marker and a photo credit around two story paragraphs: generic.ad-marker-line takes the first,
# generic.caption the second.
DUMP = (
    "Council passes the budget\n\n"
    "Advertisement\n\n"
    "The council approved the new budget on Monday, after a long debate about the schools.\n\n"
    "Photo: Reuters\n\n"
    "The mayor said the vote was a turning point for the city and for everyone who lives in it.\n"
)
CLEANED = (
    "Council passes the budget\n\n"
    "The council approved the new budget on Monday, after a long debate about the schools.\n\n"
    "The mayor said the vote was a turning point for the city and for everyone who lives in it.\n"
)
WITHOUT_CAPTION_RULE = (
    "Council passes the budget\n\n"
    "The council approved the new budget on Monday, after a long debate about the schools.\n\n"
    "Photo: Reuters\n\n"
    "The mayor said the vote was a turning point for the city and for everyone who lives in it.\n"
)

BANNER = "SALE: everything must go, and every item in the shop is half price today.\n\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding one dump, and a rule folder for the site example.test."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "page.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "my-rules" / "sites").mkdir(parents=True)
    (tmp_path / "my-rules" / "sites" / "example.toml").write_text(SITE_RULES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_page_without_ignore_loses_both_lines(project: Path) -> None:
    ran = cli("clean", "page.txt")
    assert (ran.code, ran.stdout) == (0, CLEANED)


def test_an_ignored_heuristic_removes_nothing_while_the_others_still_do(project: Path) -> None:
    ran = cli("clean", "page.txt", "--ignore", "generic.caption")
    assert (ran.code, ran.stdout) == (0, WITHOUT_CAPTION_RULE)
    counts = Cleaner(ignore=["generic.caption"]).clean(DUMP, details=False).rule_counts
    assert counts == {"generic.ad-marker-line": 1}


def test_a_family_prefix_ignores_every_generic_heuristic(project: Path) -> None:
    ran = cli("clean", "page.txt", "--ignore", "generic.")
    assert (ran.code, ran.stdout) == (0, DUMP)
    assert Cleaner(ignore=["generic."]).engine.ignored == sorted(h.id for h in HEURISTICS)


def test_an_unknown_id_is_a_usage_error_naming_the_closest_ids(project: Path) -> None:
    ran = cli("clean", "page.txt", "--ignore", "generic.captoin")
    assert ran.code == 2
    assert "error: --ignore: unknown rule 'generic.captoin'; closest: generic.caption" in ran.stderr
    assert ran.stdout == ""
    # A word of an id points to the ids holding it; a family that names nothing is unknown too.
    with pytest.raises(UnknownRuleError, match=r"closest: generic\.caption"):
        Cleaner(ignore=["caption"])
    with pytest.raises(UnknownRuleError, match=r"unknown rule 'nosuch\.'"):
        Cleaner(ignore=["nosuch."])


def test_the_config_key_ignores_and_adds_to_the_flags(project: Path) -> None:
    (project / ".cleaner.toml").write_text('ignore = ["generic.caption"]\n', encoding="utf-8")
    assert cli("clean", "page.txt").stdout == WITHOUT_CAPTION_RULE
    both = cli("explain", "page.txt", "--ignore", "generic.ad-marker-line").stdout
    # The ad marker goes all the same, taken by the header region as a label between headline and story.
    assert "generic.header-region" in both
    assert "generic.ad-marker-line" not in both and "generic.caption" not in both


def test_an_unknown_id_in_the_config_names_the_file(project: Path) -> None:
    (project / ".cleaner.toml").write_text('ignore = ["generic.captions"]\n', encoding="utf-8")
    ran = cli("clean", "page.txt")
    assert ran.code == 2
    assert f"{project / '.cleaner.toml'}: ignore: unknown rule 'generic.captions'" in ran.stderr
    (project / ".cleaner.toml").write_text('ignore = "generic.caption"\n', encoding="utf-8")
    assert "'ignore' must be a list of non-empty strings" in cli("clean", "page.txt").stderr


def test_an_ignored_site_rule_removes_nothing(project: Path) -> None:
    (project / "page.txt").write_text(BANNER + DUMP, encoding="utf-8")
    site = ("--rules", "my-rules", "--site", "example.test")
    assert cli("clean", "page.txt", *site).stdout == CLEANED
    ran = cli("clean", "page.txt", *site, "--ignore", "example.sale-banner")
    assert ran.stdout == BANNER + CLEANED
    assert cli("clean", "page.txt", *site, "--ignore", "example.").stdout == BANNER + CLEANED


def test_the_hook_path_takes_ignore_as_the_typer_app_does(project: Path) -> None:
    args = ["clean", "--check", "page.txt", "--ignore", "generic.caption", "--ignore", "generic.teaser"]
    fast = parse_fast(args)
    assert fast is not None and fast.ignore == ("generic.caption", "generic.teaser")
    out = project / "out"
    assert main(["clean", "page.txt", "-o", str(out), "--ignore", "generic.caption", "--jobs", "1"]) == 0
    assert (out / "page.txt").read_text(encoding="utf-8") == WITHOUT_CAPTION_RULE
    assert main(["clean", "--check", "page.txt", "--ignore", "generic.nope"]) == 2


def test_eval_scores_the_run_without_the_rule(project: Path) -> None:
    (project / "in").mkdir()
    (project / "gold").mkdir()
    (project / "in" / "p.txt").write_text(DUMP, encoding="utf-8")
    # The gold is the story: what the full stage keeps, less the headline eval leaves out.
    (project / "gold" / "p.txt").write_text(CLEANED.split("\n", 2)[2], encoding="utf-8")
    f1 = {}
    for name, extra in (("all", ()), ("nocaption", ("--ignore", "generic.caption"))):
        ran = cli("eval", "in", "gold", "--worst", "0", "--json", f"{name}.json", *extra)
        assert ran.code == 0, ran.stderr
        f1[name] = json.loads((project / f"{name}.json").read_text(encoding="utf-8"))["methods"]["cleaner"]["f1"]
    assert f1["all"] == 1.0
    assert f1["nocaption"] < 1.0
    assert cli("eval", "in", "gold", "--ignore", "generic.nope").code == 2


def test_a_cleaner_that_ignores_pickles_with_its_set() -> None:
    cl = pickle.loads(pickle.dumps(Cleaner(ignore=["generic.caption"])))
    assert cl.engine.ignored == ["generic.caption"]
    assert cl(DUMP) == WITHOUT_CAPTION_RULE
