"""The compiled engine (``cleaner._core``) as the Python side relies on it.

It pickles, threads may share it, a bad generic rules folder is a clear ``ValueError`` naming what is
wrong, and an exception raised by a site's rule file (Python, called back by the engine) comes out unchanged.
"""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest

import cleaner.pipeline
from cleaner import Cleaner, _core
from cleaner.paths import default_rules_dir
from cleaner.pipeline import engine
from cleaner.rules import parse_rule_data
from cleaner.safe_regex import RuleTimeoutError

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DUMPS = 40


@cache
def real_dumps() -> tuple[str, ...]:
    """At least 40 different real dumps: the examples and golden inputs, then seeds and dev-set inputs."""
    files = [*sorted((ROOT / "examples").glob("*.txt")), *sorted(ROOT.glob("golden/*/*.in.txt"))]
    files += sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("eval/*/chromium/input/*.txt"))[:DUMPS]
    texts = list(dict.fromkeys(f.read_text(encoding="utf-8", errors="replace") for f in files))
    # Without ../shared: the second half of each golden input is a real dump of its own too.
    texts += [t[len(t) // 2 :] for t in list(texts) if len(texts) < DUMPS]
    texts = list(dict.fromkeys(texts))[:DUMPS]
    assert len(texts) == DUMPS
    return tuple(texts)


def test_the_engine_pickles_as_the_folder_it_was_built_from() -> None:
    built = engine()
    again = pickle.loads(pickle.dumps(built))
    assert type(again) is _core.Engine and again is not built
    assert Path(again.generic_dir) == Path(built.generic_dir) == default_rules_dir() / "generic"
    for text in real_dumps()[:5]:
        assert again.clean(text) == built.clean(text)


def test_a_cleaner_cleans_the_same_after_a_pickle_round_trip() -> None:
    c = Cleaner()
    again = pickle.loads(pickle.dumps(c))
    assert [s.id for s in again.sites] == [s.id for s in c.sites]
    for text in real_dumps()[:10]:
        assert again.clean(text) == c.clean(text)


def test_four_threads_sharing_one_cleaner_get_what_one_thread_gets() -> None:
    c = Cleaner()
    docs = real_dumps()
    expected = [c.clean(d) for d in docs]
    assert len({r.text for r in expected}) == DUMPS
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(c.clean, docs))
    assert got == expected


def test_calling_a_cleaner_gives_the_text_clean_gives() -> None:
    # `Cleaner()(text)` asks the engine for the text alone (no metadata, no removals): same text.
    c = Cleaner()
    held = "Advertisement\nShare\n"
    texts = [*real_dumps(), held, "# url: https://example.com/a\nTitle\n\nAdvertisement\n\nThe story goes on.\n", ""]
    assert c.clean(held).held is not None
    for text in texts:
        assert c(text) == c.clean(text).text


def test_an_engine_asked_for_no_removals_returns_none_and_the_same_text() -> None:
    text = real_dumps()[0]
    full = engine().clean(text)
    bare = engine().clean(text, removals=False, metadata=False)
    assert full[2] and bare[2] == [] and bare[3] == []
    assert (bare[0], bare[1], bare[4]) == (full[0], full[1], full[4])


def test_an_engine_given_a_texts_utf8_bytes_returns_what_it_returns_for_the_text() -> None:
    # What a Cleaner hands the engine for a text that is not ASCII (`pipeline._utf8`).
    texts = [t for t in real_dumps() if not t.isascii()][:8]
    assert texts
    for text in texts:
        assert engine().clean(text.encode()) == engine().clean(text)
        assert engine().clean_counting(text.encode()) == engine().clean_counting(text)


def test_bytes_that_are_not_utf8_are_a_value_error_and_no_text_a_type_error() -> None:
    with pytest.raises(ValueError, match="not UTF-8"):
        engine().clean(b"Title\n\n\xff story\n")
    with pytest.raises(TypeError):
        engine().clean(12)  # type: ignore[arg-type]


def test_a_cleaner_hands_a_str_with_a_lone_surrogate_on_and_fails_as_before() -> None:
    # Such a str has no UTF-8 form: the engine's argument is refused with the codec's own error.
    with pytest.raises(UnicodeEncodeError):
        Cleaner()("Title\n\nThe story \ud800 goes on.\n")


def test_a_missing_generic_folder_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match=re.escape("/nonexistent")):
        _core.Engine("/nonexistent")


def _generic_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "generic"
    shutil.copytree(default_rules_dir() / "generic", folder)
    return folder


def test_a_copy_of_the_shipped_generic_folder_builds_an_engine_that_cleans_alike(tmp_path: Path) -> None:
    copy = _core.Engine(_generic_copy(tmp_path))
    for text in real_dumps()[:3]:
        assert copy.clean(text) == engine().clean(text)


def test_a_phrase_file_that_is_not_toml_is_a_value_error_naming_it(tmp_path: Path) -> None:
    broken = _generic_copy(tmp_path) / "legal.toml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n[unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(broken))):
        _core.Engine(broken.parent)


def test_a_phrase_file_pattern_that_does_not_compile_is_a_value_error_naming_the_file(tmp_path: Path) -> None:
    bad = _generic_copy(tmp_path) / "captions.toml"
    text = bad.read_text(encoding="utf-8")
    assert "\nany = [\n" in text
    bad.write_text(text.replace("\nany = [\n", "\nany = [\n    '(unclosed',\n", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(bad))):
        _core.Engine(bad.parent)


SLOW_SITE = {
    "site": {"id": "boom.example", "signatures": ["Boom Daily"]},
    "rule": [{"id": "boom.slow", "kind": "cut", "pattern": "(a+)+$", "why": "catastrophic backtracking"}],
}


def test_a_rule_timeout_in_a_site_rule_comes_out_of_the_engine_unchanged() -> None:
    site = parse_rule_data(SLOW_SITE, Path("boom.toml"))
    c = Cleaner(sites=[site])
    with pytest.raises(RuleTimeoutError) as info:
        c.clean("Boom Daily\n\n" + "a" * 5000 + "!\n")
    assert type(info.value) is RuleTimeoutError
    assert info.value.rule_id == "boom.slow"
    assert "pattern took over 1s on one line" in str(info.value)


def test_any_exception_of_the_site_stage_propagates_as_it_was_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    site = parse_rule_data(SLOW_SITE, Path("boom.toml"))
    raised = LookupError("raised by the site stage")

    def fail(*args: object) -> None:
        raise raised

    monkeypatch.setattr(cleaner.pipeline, "site_removals", fail)
    with pytest.raises(LookupError) as info:
        Cleaner(sites=[site]).clean("Boom Daily\n\nThe story goes on and on, as stories do.\n")
    assert info.value is raised


def test_a_site_stage_that_answers_wrongly_is_an_engine_error() -> None:
    def wrong(lines: list[str], alive: list[bool], protected: list[bool]) -> tuple[list[object], list[bool]]:
        return [], [*protected, False]

    with pytest.raises(_core.EngineError, match="wrong length"):
        engine().clean("Title\n\nThe story goes on and on, as stories do.\n", site=wrong)


class _FailingEngine:
    """Stands for an engine that hits a bug on a document."""

    def clean(self, text: str | bytes, **options: object) -> object:
        raise _core.EngineError("internal error: index out of bounds at engine/src/x.rs:1")

    # What the command line calls when no sidecar or report needs the removals (a UTF-8 file's bytes for
    # -o, --in-place and --check).
    clean_counting = clean
    clean_bytes = clean

    def clean_files(self, rows: list[object], **options: object) -> list[None]:
        """A panic on a task's file leaves it and the rest to the Python path, which meets it again."""
        return [None] * len(rows)


def test_an_engine_failure_names_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    c = Cleaner()
    monkeypatch.setattr(c, "engine", _FailingEngine())
    with pytest.raises(_core.EngineError) as info:
        c.clean("Title\n\nThe story goes on.\n", path="dumps/a.txt")
    message = str(info.value)
    assert message.startswith("dumps/a.txt: internal error: index out of bounds")
    assert "bug in cleaner" in message


def test_an_engine_failure_on_a_text_outside_ascii_counts_its_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    c = Cleaner()
    monkeypatch.setattr(c, "engine", _FailingEngine())
    with pytest.raises(_core.EngineError, match=r"^a document of 13 characters: internal error"):
        c("Tïtle\n\nStöry.")


def test_an_engine_failure_on_a_files_bytes_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    c = Cleaner()
    monkeypatch.setattr(c, "engine", _FailingEngine())
    with pytest.raises(_core.EngineError) as info:
        c.clean_bytes(b"Title\r\n\r\nThe story goes on.\r\n", path="dumps/a.txt")
    assert str(info.value).startswith("dumps/a.txt: internal error: index out of bounds")


def test_an_engine_failure_is_one_error_line_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleaner.entry import main

    dump = tmp_path / "a.txt"
    dump.write_text("Title\n\nAdvertisement\n\nThe story goes on and on, as stories do.\n", encoding="utf-8")
    monkeypatch.setattr(cleaner.pipeline, "engine", lambda generic_dir=None: _FailingEngine())
    assert main(["clean", "--check", str(dump)]) == 2
    err = capsys.readouterr().err
    assert f"error: {dump}: internal error" in err and "Traceback" not in err
    assert dump.read_text(encoding="utf-8").startswith("Title\n\nAdvertisement")
    assert main(["clean", str(tmp_path), "-o", str(tmp_path / "out"), "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert f"error: {dump}: internal error" in err and "Traceback" not in err


def test_a_process_forked_while_the_engine_compiles_builds_its_own(tmp_path: Path) -> None:
    import multiprocessing

    fresh = _generic_copy(tmp_path)
    _core.preload(fresh)  # a folder no engine was built from yet: its compile starts now, on a thread
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        # The child inherits a half-built slot with no thread filling it; it must not wait for it forever.
        got = pool.apply_async(_clean_with_engine_of, (str(fresh),)).get(timeout=120)
    assert got == "Title\n\nThe story goes on and on, as stories do.\n"


def _clean_with_engine_of(folder: str) -> str:
    return _core.Engine(folder).clean("Title\n\nAdvertisement\n\nThe story goes on and on, as stories do.\n")[0]


THP_MODE = Path("/sys/kernel/mm/transparent_hugepage/enabled")
ANON_HUGE = """
import re, sys
from cleaner.pipeline import engine
built = engine()
for path in sys.argv[1:]:
    built.clean(open(path, encoding="utf-8").read())
rollup = open("/proc/self/smaps_rollup").read()
print(re.search(r"AnonHugePages:\\s+(\\d+) kB", rollup).group(1))
"""


@pytest.mark.skipif(
    not THP_MODE.is_file() or "[madvise]" not in THP_MODE.read_text(),
    reason="a kernel giving transparent huge pages only where a process asks for them",
)
def test_the_engine_asks_for_no_transparent_huge_pages(tmp_path: Path) -> None:
    # Asked for (mimalloc's default on its arenas), each 2 MB span the engine touches is faulted whole: the
    # load's RSS doubled and the --jobs 2 stream peaked 40 MB higher (bench/README.md, "huge pages").
    dumps = []
    for k, text in enumerate(real_dumps()):
        dumps.append(tmp_path / f"{k}.txt")
        dumps[-1].write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", ANON_HUGE, *map(str, dumps)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout.strip() == "0", run.stdout
