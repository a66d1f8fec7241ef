"""Rule files: validation names the file and the rule; shipped signatures identify each seed and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.detect import SiteIndex
from cleaner.paths import default_rules_dir
from cleaner.rules import RuleFileError, load_rule_file, load_sites

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "golden").glob("*/0*-seed.in.txt"))
DEV_INPUTS = sorted((REPO.parent / "shared" / "eval").glob("*/chromium/input/*.txt"))
GOOD_RULE = 'id = "ex.ok"\nkind = "drop_line"\npattern = "^Ad$"\nwhy = "ad"\n'


def _problems(tmp_path: Path, rules: str, site: str = '[site]\nid = "ex.com"\n') -> str:
    path = tmp_path / "ex.com.toml"
    path.write_text(site + rules, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert all(line.startswith(f"{path}: ") for line in message.splitlines()), message
    return message


def test_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ex.com.toml"
    path.write_text('[site]\nid = "ex.com"\n[[rule]]\n' + GOOD_RULE, encoding="utf-8")
    assert [r.id for r in load_rule_file(path).rules] == ["ex.ok"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('id = "ex.bad"\nkind = "drop_line"\npattern = "(unclosed"\nwhy = "x"\n', "rule 'ex.bad': invalid regular"),
        ('id = "ex.bad"\nkind = "drop_line"\npattern = "x"\nwhy = "x"\ncolour = 1\n', "unknown key 'colour'"),
        ('id = "ex.bad"\nkind = "drop_line"\npattern = "x"\n', "rule 'ex.bad': missing 'why'"),
        ('id = "ex.bad"\nkind = "drop_all"\npattern = "x"\nwhy = "x"\n', "'kind' must be one of"),
        ('id = "ex.bad"\nkind = "drop_block"\nstart = "x"\nwhy = "x"\n', "kind drop_block needs 'end'"),
        ('id = "ex.bad"\nkind = "drop_in_head"\npattern = "x"\nwhy = "x"\n', "kind drop_in_head needs 'end'"),
        ('id = "ex.bad"\nkind = "drop_line"\nstart = "x"\npattern = "x"\nwhy = "x"\n', "takes no 'start'"),
        ('id = "Bad Id"\nkind = "drop_line"\npattern = "x"\nwhy = "x"\n', "site.kebab-name"),
        ('id = "generic.x"\nkind = "drop_line"\npattern = "x"\nwhy = "x"\n', "belong to the generic heuristics"),
        ('id = "ex.bad"\nkind = "drop_line"\npattern = "x"\nwhy = "x"\nmax_lines = true\n', "'max_lines' must be"),
    ],
)
def test_bad_rule_is_one_clear_problem(tmp_path: Path, rule: str, expected: str) -> None:
    assert expected in _problems(tmp_path, "[[rule]]\n" + rule)


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    assert "rule 'ex.ok': duplicate id" in _problems(tmp_path, "[[rule]]\n" + GOOD_RULE + "[[rule]]\n" + GOOD_RULE)


def test_every_problem_is_reported(tmp_path: Path) -> None:
    bad = '[[rule]]\nid = "ex.a"\nkind = "cut"\npattern = "("\nwhy = "x"\n[[rule]]\nid = "ex.b"\nkind = "cut"\n'
    message = _problems(tmp_path, bad, site='[site]\nid = "ex.com"\nsignature = "x"\n')
    assert "unknown key 'signature'" in message
    assert "rule 'ex.a'" in message
    assert "rule 'ex.b': missing 'why'" in message


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    for site in ("a.com", "b.com"):
        (tmp_path / f"{site}.toml").write_text(f'[site]\nid = "{site}"\n[[rule]]\n{GOOD_RULE}', encoding="utf-8")
    with pytest.raises(RuleFileError, match="duplicate id"):
        load_sites([tmp_path])


def test_not_toml(tmp_path: Path) -> None:
    assert "not valid TOML" in _problems(tmp_path, "[[rule]\n")


# --- the shipped signatures -------------------------------------------------------------------------

INDEX = SiteIndex(load_sites([default_rules_dir()]))


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) >= 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.parent.name)
def test_seed_is_recognised_from_its_text_alone(seed: Path) -> None:
    assert INDEX.detect(seed.read_text(encoding="utf-8")) == seed.parent.name


def test_every_shipped_site_has_a_seed() -> None:
    assert sorted(INDEX.sites) == sorted(p.parent.name for p in SEEDS)


@pytest.mark.skipif(not DEV_INPUTS, reason="the shared dev pages (../shared/eval) are not next to this checkout")
def test_signatures_do_not_fire_on_dev_pages() -> None:
    fired = {p.name: INDEX.detect(p.read_text(encoding="utf-8", errors="replace")) for p in DEV_INPUTS}
    assert {name: site for name, site in fired.items() if site} == {}
