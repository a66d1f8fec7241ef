"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit in a throw-away git repository.

``pre-commit try-repo`` clones this repository (HEAD plus uncommitted changes to tracked files),
builds a virtualenv and pip-installs cleaner into it, as a user's pre-commit would. pre-commit is in
the dev extra; when it is missing this test fails rather than skips. try-repo builds the hook's
environment afresh on every call (its store is a temporary folder), so each of the three runs costs
a pip install: about 15 s each on an idle machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

DIRTY = "Headline of the story\n\nAdvertisement\n\nThe first paragraph of the story, long enough to be prose.\n"
CLEAN = "Headline of the story\n\nThe first paragraph of the story, long enough to be prose.\n"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=_env())
    return done.stdout


def _env() -> dict[str, str]:
    # GIT_* variables (set when the tests run inside a git hook) would point git at the wrong repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_COLOR"] = "never"
    return env


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail("pre-commit is not installed; it is in the dev extra: pip install -e '.[dev]'")
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout; pre-commit try-repo needs one")
    return tmp_path_factory.mktemp("pre-commit-home")  # keeps the user's ~/.cache/pre-commit out of it


def try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = _env()
    env["PRE_COMMIT_HOME"] = str(home)
    # The hook's install builds the Rust engine from source; sharing this checkout's cargo target folder
    # lets it reuse the compiled dependencies instead of building them again for every run.
    env.setdefault("CARGO_TARGET_DIR", str(REPO / "target"))
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )


@pytest.fixture
def dumps_repo(tmp_path: Path) -> Path:
    """A git repository holding dumps, staged: two dirty, one clean, one excluded by config, one not .txt."""
    repo = tmp_path / "dumps-repo"
    (repo / "dumps" / "raw").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "test")
    (repo / "pyproject.toml").write_text('[tool.cleaner]\nexclude = ["dumps/raw/"]\n', encoding="utf-8")
    (repo / "dumps" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "dumps" / "b.txt").write_bytes(DIRTY.replace("\n", "\r\n").encode())
    (repo / "dumps" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "dumps" / "raw" / "kept.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "dumps" / "notes.md").write_text(DIRTY, encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def test_cleaner_hook_cleans_then_passes(dumps_repo: Path, pre_commit_home: Path) -> None:
    first = try_repo(dumps_repo, pre_commit_home, "cleaner")
    report = first.stdout + first.stderr
    assert first.returncode == 1, report
    assert "files were modified by this hook" in report
    assert "cleaned dumps/a.txt" in report and "cleaned dumps/b.txt" in report
    assert (dumps_repo / "dumps" / "a.txt").read_text(encoding="utf-8") == CLEAN
    assert (dumps_repo / "dumps" / "b.txt").read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert (dumps_repo / "dumps" / "raw" / "kept.txt").read_text(encoding="utf-8") == DIRTY  # excluded by config
    assert (dumps_repo / "dumps" / "notes.md").read_text(encoding="utf-8") == DIRTY  # not a .txt file

    git(dumps_repo, "add", "-A")
    second = try_repo(dumps_repo, pre_commit_home, "cleaner")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_cleaner_check_hook_fails_and_touches_nothing(dumps_repo: Path, pre_commit_home: Path) -> None:
    before = {p: p.read_bytes() for p in dumps_repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    done = try_repo(dumps_repo, pre_commit_home, "cleaner-check")
    report = done.stdout + done.stderr
    assert done.returncode == 1, report
    assert "would clean dumps/a.txt" in report and "would clean dumps/b.txt" in report
    assert "clean.txt" not in report.replace("would be cleaned", "")
    assert "files were modified" not in report
    after = {p: p.read_bytes() for p in dumps_repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before
    assert git(dumps_repo, "status", "--porcelain", "--untracked-files=no").splitlines() == [
        f"A  {p}" for p in ("dumps/a.txt", "dumps/b.txt", "dumps/clean.txt", "dumps/notes.md", "dumps/raw/kept.txt")
    ] + ["A  pyproject.toml"]


SYSTEM_HOOK = """\
repos:
  - repo: local
    hooks:
      - id: cleaner
        name: cleaner
        entry: cleaner clean --in-place
        language: system
        types: [text]
        files: \\.txt$
"""


def test_system_language_variant_from_the_readme(dumps_repo: Path, pre_commit_home: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert SYSTEM_HOOK in readme.replace("     # or: cleaner clean --check", ""), "README and test disagree"
    (dumps_repo / ".pre-commit-config.yaml").write_text(SYSTEM_HOOK, encoding="utf-8")
    env = _env()
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # this cleaner
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=dumps_repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert (dumps_repo / "dumps" / "a.txt").read_text(encoding="utf-8") == CLEAN
    assert (dumps_repo / "dumps" / "raw" / "kept.txt").read_text(encoding="utf-8") == DIRTY
