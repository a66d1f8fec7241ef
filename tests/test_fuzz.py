"""Fuzzing: random bytes into the CLI (files and stdin) and the rule loader never give a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from clirun import Ran, cli, cli_process
from hypothesis import given
from hypothesis import strategies as st

from cleaner.rules import RULE_KEYS, SITE_KEYS, RuleFileError, load_sites, parse_rule_data

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "cp1251", "latin-1"]
blobs = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        lambda text, enc: text.encode(enc, "replace"),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
        st.sampled_from(ENCODINGS),
    ),
    st.builds(
        lambda head, tail: head + tail, st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary()
    ),
)


def _no_crash(ran: Ran) -> None:
    assert ran.crashed is None, repr(ran.crashed)
    assert ran.code in (0, 1, 2)
    assert "Traceback" not in ran.stdout + ran.stderr


@given(blobs)
def test_random_bytes_on_stdin(data: bytes) -> None:
    _no_crash(cli("clean", "-", stdin=data))


@given(blobs, st.sampled_from([["--check"], ["--diff"], ["-o", "OUT"], ["--in-place", "--keep-removed"]]))
def test_random_bytes_as_files(data: bytes, mode: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "page.txt").write_bytes(data)
        (folder / "other.txt").write_bytes(data[::-1])
        _no_crash(cli("clean", folder, *[str(Path(tmp) / a) if a == "OUT" else a for a in mode]))
        _no_crash(cli("explain", folder / "page.txt"))


@given(st.binary(max_size=1000))
def test_random_bytes_as_a_rule_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sites = Path(tmp) / "sites"
        sites.mkdir()
        (sites / "fuzz.toml").write_bytes(data)
        try:
            load_sites([Path(tmp)])
        except RuleFileError as exc:
            assert str(exc)
        page = Path(tmp) / "page.txt"
        page.write_text("Title\n\nSome text of a story.\n", encoding="utf-8")
        _no_crash(cli("clean", page, "--rules", tmp))


toml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
rule_tables = st.dictionaries(
    st.sampled_from([*sorted(RULE_KEYS), "kind", "pattern", "extra"]),
    st.one_of(toml_values, st.sampled_from(["drop_line", "cut", "drop_block", "^x$", "(a+)+$", "(", "ex.rule"])),
)
rule_data = st.fixed_dictionaries(
    {},
    optional={
        "site": st.dictionaries(st.sampled_from([*sorted(SITE_KEYS), "bogus"]), toml_values),
        "rule": st.one_of(st.lists(rule_tables, max_size=4), toml_values),
        "other": toml_values,
    },
)


@given(rule_data)
def test_any_parsed_toml_is_accepted_or_rejected_with_reasons(data: dict[str, Any]) -> None:
    try:
        site = parse_rule_data(data, Path("fuzz.toml"))
    except RuleFileError as exc:
        assert exc.problems and all(p.strip() for p in exc.problems)
    else:
        assert all(rule.why and rule.patterns for rule in site.rules)


def test_hostile_bytes_through_a_real_process() -> None:
    # One real process per input, as a user runs it: stdio, encodings and exit code for real.
    for data in (b"\x00\xff\xfe", b"\xff\xfe\x00\xd8", b"\xef\xbb\xbf\xff", bytes(range(256)), b"\r\r\n\n\r"):
        ran = cli_process("clean", "-", stdin=data)
        assert ran.code in (0, 2)
        assert "Traceback" not in ran.stdout + ran.stderr
