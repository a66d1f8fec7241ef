"""Test settings shared by every test module: hypothesis profiles, running the CLI, small corpora."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" keeps the property and fuzz tests to a few seconds; HYPOTHESIS_PROFILE=thorough digs deeper.
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def run_cli(
    *args: str | Path, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``cleaner ARGS`` in a fresh process; stdout and stderr captured as bytes."""
    return subprocess.run(
        [sys.executable, "-c", "from cleaner.cli import main; main()", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def cli() -> object:
    return run_cli


SITE_RULES = """\
[site]
id = "harbour.example"
domains = ["harbour.example"]
signatures = ["Harbour Gazette Ltd"]

[[rule]]
id = "harbour.footer"
kind = "drop_from"
pattern = '^More from the Gazette$'
why = "cross-links and legal footer of every Harbour Gazette page"
"""


@pytest.fixture
def site_rules(tmp_path: Path) -> Path:
    """A rules folder with one site, harbour.example, whose footer starts at 'More from the Gazette'."""
    d = tmp_path / "rules" / "sites"
    d.mkdir(parents=True)
    (d / "harbour.toml").write_text(SITE_RULES, encoding="utf-8")
    return d.parent
