"""Where the shipped rule files are (a module of its own, cheap to import: see ``cleaner/__init__.py``)."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself is not imported here either (mypy reads the name all the same)
if TYPE_CHECKING:
    from pathlib import Path


def rules_dir_name() -> str:
    """The shipped rule files' folder as a string: ``cleaner/__init__.py`` needs it before pathlib is imported.

    >>> os.path.isfile(os.path.join(rules_dir_name(), "generic", "legal.toml"))
    True
    """
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "rules")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "rules")


def default_rules_dir() -> Path:
    """The shipped rule files: inside the wheel, or the repository's ``rules/``.

    >>> (default_rules_dir() / "generic" / "legal.toml").is_file()
    True
    """
    from pathlib import Path

    return Path(rules_dir_name())
