"""Where the shipped rule files are (a module of its own, cheap to import: see ``cleaner/__init__.py``)."""

from __future__ import annotations

from pathlib import Path


def default_rules_dir() -> Path:
    """The shipped rule files: inside the wheel, or the repository's ``rules/``.

    >>> (default_rules_dir() / "generic" / "legal.toml").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"
