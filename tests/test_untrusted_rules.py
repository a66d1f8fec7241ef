"""User rule files are untrusted: bad patterns stop cleanly, schema errors are all reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import cli, cli_process

from cleaner.rules import KINDS, RuleFileError, load_rule_file, load_sites

SITE = '[site]\nid = "boom.example"\nsignatures = ["Boom Daily"]\n'


def _rules(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "rules" / "sites"
    folder.mkdir(parents=True)
    for name, body in files.items():
        path = folder / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return folder.parent


@pytest.mark.parametrize("kind", ["drop_line", "cut", "drop_from", "drop_before", "protect"])
def test_catastrophic_pattern_stops_with_one_line_naming_file_and_rule(tmp_path: Path, kind: str) -> None:
    rules = _rules(
        tmp_path,
        {"boom.toml": SITE + f'[[rule]]\nid = "boom.slow"\nkind = "{kind}"\npattern = \'(a+)+$\'\nwhy = "x"\n'},
    )
    dump = tmp_path / "page.txt"
    dump.write_text("Boom Daily\n\n" + "a" * 5000 + "!\n", encoding="utf-8")
    # "cut" runs as a real process, as a user would; the other kinds in-process (faster). Either
    # way the regex timeout (1 s) must end the run: the subprocess hang guard is minutes away.
    ran = cli_process("clean", dump, "--rules", rules) if kind == "cut" else cli("clean", dump, "--rules", rules)
    assert ran.crashed is None
    assert ran.code == 2
    assert ran.stderr.splitlines() == [
        f"error: {rules / 'sites' / 'boom.toml'}: rule 'boom.slow': pattern took over 1s on one line "
        "(catastrophic backtracking?); fix or remove the rule"
    ]
    assert "Traceback" not in ran.stderr + ran.stdout


def test_catastrophic_pattern_in_explain_is_one_line_too(tmp_path: Path) -> None:
    rules = _rules(
        tmp_path, {"boom.toml": SITE + '[[rule]]\nid = "boom.slow"\nkind = "cut"\npattern = \'(a+)+$\'\nwhy = "x"\n'}
    )
    dump = tmp_path / "page.txt"
    dump.write_text("Boom Daily\n\n" + "a" * 5000 + "!\n", encoding="utf-8")
    ran = cli("explain", dump, "--rules", rules)
    assert ran.crashed is None
    assert ran.code == 2
    assert "rule 'boom.slow'" in ran.stderr


def _problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    with pytest.raises(RuleFileError) as info:
        load_sites([_rules(tmp_path, files)])
    return str(info.value).splitlines()


def test_every_problem_of_one_file_is_reported_with_rule_and_field(tmp_path: Path) -> None:
    body = """
[site]
id = "many.example"
domains = "many.example"
min_signatures = 0
colour = "red"

[[rule]]
id = "many.no-why"
kind = "drop_line"
pattern = "^x$"

[[rule]]
id = "many.bad-regex"
kind = "cut"
pattern = "(unclosed"
why = "x"

[[rule]]
id = "many.wrong-types"
kind = "drop_block"
start = 3
end = "^end$"
why = 7
max_lines = "ten"
examples = "one"

[[rule]]
kind = "drop_from"
pattern = "^Comments$"
why = "no id"

[[rule]]
id = "many.typo"
kind = "drop_lines"
pattern = "x"
why = "x"
"""
    problems = _problems(tmp_path, {"many.toml": body})
    where = str(tmp_path / "rules" / "sites" / "many.toml")
    assert all(p.startswith(where + ": ") for p in problems)
    got = [p.removeprefix(where + ": ") for p in problems]
    assert got == [
        "[site]: unknown key 'colour' (known: description, domains, id, learned, min_signatures, name, signatures)",
        "[site]: 'domains' must be a list of strings, not a string",
        "[site]: 'min_signatures' must be a whole number >= 1, not 0",
        "rule 'many.no-why': missing 'why' (a one-line reason)",
        "rule 'many.bad-regex': invalid regular expression in 'pattern': missing ) at position 9",
        "rule 'many.wrong-types': 'why' must be a one-line reason (a non-empty string), not a number",
        "rule 'many.wrong-types': 'start' must be a non-empty string",
        "rule 'many.wrong-types': 'max_lines' must be a whole number >= 0, not 'ten'",
        "rule 'many.wrong-types': 'examples' must be a list of strings, not a string",
        "rule #4: missing 'id'",
        f"rule 'many.typo': 'kind' must be one of {', '.join(KINDS)}, not 'drop_lines'",
    ]


def test_problems_of_several_files_are_reported_together(tmp_path: Path) -> None:
    good = SITE + '[[rule]]\nid = "boom.ad"\nkind = "drop_line"\npattern = "^Ad$"\nwhy = "ad"\n'
    problems = _problems(
        tmp_path,
        {
            "a-bad-toml.toml": "[site\nid = 1\n",
            "b-latin1.toml": '[site]\nid = "caf\xe9.example"\n'.encode("latin-1"),
            "c-good.toml": good,
            "d-dup.toml": '[site]\nid = "dup.example"\n[[rule]]\nid = "boom.ad"\nkind = "drop_line"\n'
            'pattern = "x"\nwhy = "x"\n',
            "e-types.toml": '[site]\nid = 5\n[[rule]]\nid = ["x"]\nkind = 1\n',
            "f-rule-not-table.toml": 'rule = "drop everything"\n[site]\nid = "f.example"\n',
        },
    )
    joined = "\n".join(problems)
    assert "a-bad-toml.toml: not valid TOML: " in joined
    assert "b-latin1.toml: not UTF-8 text" in joined
    assert "d-dup.toml: rule 'boom.ad': duplicate id (also in " in joined
    assert "e-types.toml: [site]: 'id' must be a string, not a number" in joined
    assert "e-types.toml: rule #1: 'id' must be a non-empty string, not an array" in joined
    assert "e-types.toml: rule #1: missing 'why' (a one-line reason)" in joined
    assert "e-types.toml: rule #1: 'kind' must be one of" in joined
    assert "f-rule-not-table.toml: 'rule' must be an array of tables ([[rule]])" in joined
    assert not [p for p in problems if "/c-good.toml: " in p]


def test_deeply_nested_toml_and_pattern_are_rule_file_errors(tmp_path: Path) -> None:
    nested = tmp_path / "nested.toml"
    nested.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="nested too deeply"):
        load_rule_file(nested)
    deep = tmp_path / "deep.toml"
    deep.write_text(
        SITE + f'[[rule]]\nid = "boom.deep"\nkind = "cut"\npattern = \'{"(" * 5000}{")" * 5000}\'\nwhy = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"boom\.deep': regular expression in 'pattern' is nested too deeply"):
        load_rule_file(deep)


def test_cli_reports_all_rule_problems_without_traceback(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"x.toml": '[site]\nid = "x.example"\n[[rule]]\nid = "x.a"\nkind = "cut"\n'})
    dump = tmp_path / "page.txt"
    dump.write_text("text\n", encoding="utf-8")
    ran = cli("clean", dump, "--rules", rules)
    assert ran.crashed is None
    assert ran.code == 2
    where = rules / "sites" / "x.toml"
    assert ran.stderr.splitlines() == [
        f"error: bad rule file: {where}: rule 'x.a': missing 'why' (a one-line reason); "
        f"{where}: rule 'x.a': kind cut needs 'pattern'"
    ]
