"""The compiled-pattern cache: patterns loaded from it behave exactly as freshly compiled ones, and any
trouble with the file (missing, corrupt, hostile, unwritable) only means compiling as usual."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from cleaner import regex_cache

TRICKY = [
    (r"^(?!.*\p{Ll}{3,}\.$)(?i:by|von)\s+\p{Lu}[\p{L}.'’\-]*", 0),
    (r"(?i:straße|ſign up|kelvin)", 0),
    (r"(?<!\w)(?:données personnelles|cookies?)(?!\w)", regex.IGNORECASE),
    (r"\b\w+\b", 0),
    (r"(?P<n>\d+)\s*(?:min(?:ute)?s?)\.?", 0),
    (r"^Home(?:\p{Lu}\p{Ll}+){1,2}(?=\p{Lu}|\d)", regex.MULTILINE),
    (r"(?:colour){e<=1}", 0),
]
TEXTS = [
    "By Jane Doe",
    "VON MAX MUSTERMANN",
    "by the way, she said so.",
    "STRASSE Straße ſIGN UP \u212aelvin",
    "Vos Données Personnelles et vos COOKIES, cookie-free",
    "x² ́a café naïve _under_ 3 min. 45 minutes",
    "HomeWorld News2024\nHomeSport",
    "color colour collar",
    "",
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and a cache state as at the start of a process."""
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    monkeypatch.setattr(regex_cache, "_CACHE", regex_cache._Cache())
    return tmp_path / "cache"


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget this process's patterns, as a new process would."""
    monkeypatch.setattr(regex_cache, "_CACHE", regex_cache._Cache())


def _behaviour(p: regex.Pattern[str]) -> list[object]:
    out: list[object] = [p.pattern, p.flags, p.groups, p.groupindex]
    for text in TEXTS:
        out.append([(m.span(), m.groups(), m.groupdict()) for m in p.finditer(text)])
        out.append(p.sub("<>", text))
    return out


def test_patterns_loaded_from_the_cache_behave_as_compiled_ones(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [regex_cache.compiled(p, f) for p, f in TRICKY]
    regex_cache.save()
    assert regex_cache.cache_file() is not None and regex_cache.cache_file().is_file()  # type: ignore[union-attr]
    _restart(monkeypatch)

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the cache holds the pattern")

    monkeypatch.setattr(regex, "compile", no_compiling)
    loaded = [regex_cache.compiled(p, f) for p, f in TRICKY]
    monkeypatch.undo()
    for (pattern, flags), a, b in zip(TRICKY, first, loaded, strict=True):
        assert a is not b
        assert _behaviour(b) == _behaviour(a) == _behaviour(regex.compile(pattern, flags))


def test_same_text_same_object_in_one_process(fresh: Path) -> None:
    assert regex_cache.compiled("a+b") is regex_cache.compiled("a+b")
    assert regex_cache.compiled("a+b") is not regex_cache.compiled("a+b", regex.IGNORECASE)


def test_a_bad_pattern_raises_as_usual_and_is_not_stored(fresh: Path) -> None:
    with pytest.raises(regex.error):
        regex_cache.compiled("(unclosed")
    regex_cache.save()
    assert not fresh.exists()


def test_nothing_new_nothing_written(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled("x+y")
    regex_cache.save()
    path = regex_cache.cache_file()
    assert path is not None
    stamp = path.stat().st_mtime_ns
    _restart(monkeypatch)
    regex_cache.compiled("x+y")
    regex_cache.save()
    assert path.stat().st_mtime_ns == stamp
    assert [p.name for p in fresh.iterdir()] == [path.name]  # no temporary file left behind


def _damaged(path: Path) -> list[bytes]:
    good = path.read_bytes()
    head = len(regex_cache._MAGIC)
    evil = pickle.dumps({("x+y", 0): pickle.dumps(os.getcwd)})
    import zlib

    return [
        b"",
        good[: len(good) // 2],
        b"not a cache at all",
        good[:-1] + bytes([good[-1] ^ 1]),
        good[:head] + zlib.crc32(evil).to_bytes(4, "big") + evil,  # a stored entry naming another function
    ]


def test_a_damaged_or_hostile_file_means_compiling_as_usual(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled("x+y")
    regex_cache.save()
    path = regex_cache.cache_file()
    assert path is not None
    for data in _damaged(path):
        path.write_bytes(data)
        _restart(monkeypatch)
        p = regex_cache.compiled("x+y")
        assert isinstance(p, regex.Pattern) and p.findall("xyy xxy") == ["xy", "xxy"]


def test_an_unwritable_folder_is_ignored(fresh: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))
    assert regex_cache.compiled("q+").findall("qq q") == ["qq", "q"]
    regex_cache.save()  # cannot create the folder: no error
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_turned_off(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    assert regex_cache.compiled("z+").findall("zz") == ["zz"]
    regex_cache.save()
    assert not fresh.exists()


DIRTY = "Flood waters rise\n\nAdvertisement\n\nThe river broke its banks on Sunday, officials said.\n"


def test_the_command_line_writes_the_cache_once_and_cleans_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "CLEANER_CACHE_DIR": str(cache)}
    env.pop("CLEANER_NO_CACHE", None)
    outputs = []
    for _ in range(2):
        dump = tmp_path / "a.txt"
        dump.write_text(DIRTY, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "cleaner", "clean", "--in-place", str(dump)],
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(dump.read_text(encoding="utf-8"))
        files = list(cache.iterdir())
        assert len(files) == 1 and files[0].stat().st_size > 0
    assert outputs == ["Flood waters rise\n\nThe river broke its banks on Sunday, officials said.\n"] * 2


def test_version_read_without_importing_regex_is_the_modules() -> None:
    code = (
        "import sys; from cleaner import regex_cache; v = regex_cache._regex_version(); "
        "assert 'regex' not in sys.modules; import regex; "
        "assert v == f'{regex.__version__}-v{int(regex.DEFAULT_VERSION)}', v; print(v)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(regex.__version__)


def test_rule_files_with_cached_patterns_load_without_regex(tmp_path: Path) -> None:
    """A pattern the cache holds is valid: a rule file of such patterns loads without importing regex, and its
    rules compile when a page needs them; a bad pattern is still an error when loading."""
    rules = tmp_path / "ex.toml"
    rules.write_text(
        '[site]\nid = "ex.com"\n[[rule]]\nid = "ex.ad"\nkind = "drop_line"\npattern = "^Ad(?:vert)?$"\nwhy = "ad"\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(rules.read_text(encoding="utf-8").replace("^Ad(?:vert)?$", "(unclosed"), encoding="utf-8")
    code = f"""
import pickle, sys
from pathlib import Path
from cleaner import regex_cache
from cleaner.rules import RuleFileError, load_rule_file
rules = load_rule_file(Path({str(rules)!r}))
if sys.argv[1] == "second":
    assert "regex" not in sys.modules
    pattern = rules.rules[0].pattern
    assert pattern.pattern == "^Ad(?:vert)?$" and "regex" not in sys.modules
    assert pickle.loads(pickle.dumps(pattern)) == pattern
    assert [bool(pattern.search(t)) for t in ("Ad", "Advert", "Adverts")] == [True, True, False]
    # Loaded from the cache, the pattern runs on regex's compiled core: the package (its parser) is not imported.
    assert "regex" not in sys.modules and "regex._regex" in sys.modules
    raw = pattern.compiled()
    again = pickle.loads(pickle.dumps(raw))  # pickling it imports the package, whose reducer it takes
    assert "regex" in sys.modules
    import regex
    assert isinstance(raw, regex.Pattern) and type(again) is type(raw)
    assert sys.modules["regex._regex"] is regex._main._regex
    assert [m.span() for m in again.finditer("Ad Advert")] == [m.span() for m in raw.finditer("Ad Advert")]
    try:
        load_rule_file(Path({str(bad)!r}))
    except RuleFileError as exc:
        print(exc)
regex_cache.save()
"""
    env = {**os.environ, "CLEANER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLEANER_NO_CACHE", None)
    for run in ("first", "second"):
        done = subprocess.run([sys.executable, "-c", code, run], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
    assert "invalid regular expression in 'pattern'" in done.stdout


def test_the_hook_on_a_known_sites_page_runs_its_cached_patterns_without_the_regex_package(tmp_path: Path) -> None:
    """With the cache filled, the hook's run on a page of a known site loads only regex's compiled core (the
    package is its parser, a tenth of the run) and writes what a run without the cache writes."""
    page = (
        "• Wion\n  • /World\n  • /Talks resume in Geneva - World News\n\nTalks resume in Geneva\n\n"
        + "The delegations met again on Monday and agreed to keep talking through the week.\n" * 3
        + "WATCH |Talks resume in Geneva\nALSO READ |Ceasefire holds for a third day\n"
    )
    code = (
        "import sys; from cleaner.entry import main; sys.argv = ['cleaner', *sys.argv[1:]]; code = main(); "
        "print('regex' in sys.modules, 'regex._regex' in sys.modules); sys.exit(code)"
    )
    written = []
    # Two runs fill the cache: the first compiles the rules' patterns, the second their multiline twins (a
    # twin's key has the flags of the pattern it comes from: a compiled one's in the first, the rule's in
    # the second).
    runs = (("no cache", None), ("filling", "cache"), ("filling", "cache"), ("cached", "cache"))
    for i, (run, cache) in enumerate(runs):
        dump = tmp_path / f"{i}.txt"
        dump.write_text(page, encoding="utf-8")
        env = {**os.environ, "CLEANER_CACHE_DIR": str(tmp_path / "cache")}
        if cache is None:
            env["CLEANER_NO_CACHE"] = "1"
        else:
            env.pop("CLEANER_NO_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-c", code, "clean", "--in-place", "--site", "wionews.com", str(dump)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        written.append(dump.read_text(encoding="utf-8"))
        imported = done.stdout.splitlines()[-1]
        assert imported == ("False True" if run == "cached" else "True True"), (run, done.stdout)
    assert written[0] == written[1] == written[2] == written[3]
    assert "Wion" not in written[0] and "WATCH |" not in written[0] and "agreed to keep talking" in written[0]
