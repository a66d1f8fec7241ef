"""Project configuration: where it is found, what it sets, and how flags win over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import ConfigError, find_config, load_config
from cleaner.entry import main
from tests.salerules import SITE_RULES

STORY = "Headline of the story\n\nThe first paragraph of the story, long enough to be prose.\n"
BANNERED = "SALE: everything must go, and every item in the shop is half price today.\n\n" + STORY


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a site rule folder, dumps of that site under dumps/ex, and other dumps."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / "my-rules" / "sites" / "example.toml", SITE_RULES)
    write(tmp_path / "dumps" / "ex" / "a.txt", BANNERED)
    write(tmp_path / "dumps" / "other" / "b.txt", BANNERED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pyproject_table_sets_rules_and_per_path_sites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cleaner]\nrules = ["my-rules"]\n\n'
        '[tool.cleaner.sites]\n"dumps/ex/**" = "example.test"\n',
    )
    code = main(["clean", "--in-place", "dumps/ex/a.txt", "dumps/other/b.txt"])
    assert code == 0
    # Only the file under dumps/ex gets the site's rules; the other keeps its (unknown-site) banner.
    assert (project / "dumps" / "ex" / "a.txt").read_text(encoding="utf-8") == STORY
    assert (project / "dumps" / "other" / "b.txt").read_text(encoding="utf-8") == BANNERED
    assert "1 file cleaned, 1 file left unchanged." in capsys.readouterr().err


def test_explain_uses_the_per_path_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".cleaner.toml", 'rules = ["my-rules"]\n[sites]\n"dumps/ex/**" = "example.test"\n')
    assert main(["explain", "dumps/ex/a.txt"]) == 0
    out = capsys.readouterr().out
    assert "site example.test" in out and "example.sale-banner" in out


def test_config_is_found_from_the_files_not_the_current_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / ".cleaner.toml", 'rules = ["my-rules"]\n[sites]\n"**/ex/*.txt" = "example.test"\n')
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert main(["clean", "--check", str(project / "dumps" / "ex" / "a.txt")]) == 1


def test_cleaner_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.cleaner]\nmax_loss = 0.5\n")
    write(project / ".cleaner.toml", "max_loss = 0.7\n")
    found = find_config(project / "dumps" / "ex")
    assert found == project / ".cleaner.toml"
    assert load_config(found).max_loss == 0.7


def test_pyproject_without_a_cleaner_table_is_passed_over(project: Path) -> None:
    write(project / "dumps" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n# cleaner is not configured here\n")
    write(project / "pyproject.toml", "[tool.cleaner]\nexclude = []\n")
    assert find_config(project / "dumps" / "ex" / "a.txt") == project / "pyproject.toml"


def test_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", "max_loss = 0.5\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / "dumps" / "a.txt", STORY)
    assert find_config(tmp_path / "repo" / "dumps" / "a.txt") is None


def test_excluded_files_are_left_alone_and_are_no_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".cleaner.toml", 'rules = ["my-rules"]\nexclude = ["dumps/ex/"]\n')
    code = main(["clean", "--in-place", "--site", "example.test", "dumps/ex/a.txt", "dumps/other/b.txt"])
    assert code == 0
    assert (project / "dumps" / "ex" / "a.txt").read_text(encoding="utf-8") == BANNERED
    assert (project / "dumps" / "other" / "b.txt").read_text(encoding="utf-8") == STORY
    assert "1 file cleaned." in capsys.readouterr().err


def test_exclude_flag_skips_files_named_one_by_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--check", "--exclude", "dumps/*", "dumps/ex/a.txt"]) == 0
    assert capsys.readouterr().err.strip() == "No files."


def test_site_flag_wins_over_per_path_sites(project: Path) -> None:
    write(project / ".cleaner.toml", 'rules = ["my-rules"]\n[sites]\n"dumps/**" = "example.test"\n')
    other = SITE_RULES.replace("example", "other").replace("SALE: everything must go", "Other banner")
    write(project / "my-rules" / "sites" / "other.toml", other)
    assert main(["clean", "--check", "dumps/other/b.txt"]) == 1  # example.test (from config) drops the SALE line
    assert main(["clean", "--check", "--site", "other.test", "dumps/other/b.txt"]) == 0  # other.test does not


def test_include_from_config_and_from_flags(project: Path) -> None:
    write(project / ".cleaner.toml", 'rules = ["my-rules"]\ninclude = ["*.text"]\n[sites]\n"**" = "example.test"\n')
    write(project / "dumps" / "c.text", BANNERED)
    assert main(["clean", "--check", "dumps"]) == 1  # only c.text is taken, and it would change
    assert main(["clean", "--check", "--include", "*.md", "dumps"]) == 2  # the flag wins: no file matches


def test_max_loss_sets_the_safety_valve(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraph = "The same long paragraph of story text, printed again and again by the scraper.\n\n"
    repeated = write(project / "dumps" / "r.txt", paragraph * 3)
    assert main(["clean", "--check", str(repeated)]) == 1  # loses two thirds: under the default 90%
    write(project / ".cleaner.toml", "max_loss = 0.5\n")
    assert main(["clean", "--check", str(repeated)]) == 0
    assert "held back" in capsys.readouterr().err
    assert main(["clean", "--check", "--max-loss", "0.9", str(repeated)]) == 1  # the flag wins


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("pyproject.toml", "[tool.cleaner]\ncolour = true\n", "unknown key 'tool.cleaner.colour'"),
        (".cleaner.toml", "excludes = []\n[sites]\n'**' = 'example.test'\n", "unknown key 'excludes'"),
        (".cleaner.toml", "[sites]\n'**' = 'example.test'\nexclude = []\n", "'sites' entry 'exclude' must be a site"),
        (".cleaner.toml", "max_loss = 1.5\n", "'max_loss' must be a number above 0 and at most 1"),
        (".cleaner.toml", "rules = 'my-rules'\n", "'rules' must be a list of non-empty strings"),
        (".cleaner.toml", "rules = ['nowhere']\n", "rules folder"),
        (".cleaner.toml", "[sites]\n'**' = 'nosuch.site'\n", "sites: unknown site 'nosuch.site'"),
        (".cleaner.toml", "max_loss = \n", "not valid TOML"),
    ],
)
@pytest.mark.parametrize("argv", [["clean", "--check"], ["clean", "--diff"]], ids=["fast-path", "typer"])
def test_bad_config_is_one_line_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, message: str, argv: list[str]
) -> None:
    config = write(project / name, text)
    assert main([*argv, "dumps/ex/a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {config}: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_load_config_resolves_rule_folders_against_the_file(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path / "sub" / ".cleaner.toml", 'rules = ["r", "../shared-rules"]\n'))
    assert cfg.rules == (tmp_path / "sub" / "r", tmp_path / "sub" / ".." / "shared-rules")


def test_a_pyproject_table_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"'tool\.cleaner' must be a table"):
        load_config(write(tmp_path / "pyproject.toml", "[tool]\ncleaner = 3\n"))
