"""``--keep-removed`` for files: what cleaning took out goes to a JSONL sidecar beside the output."""

from __future__ import annotations

from pathlib import Path

from cleaner.model import Result
from cleaner.textio import write_atomic

SIDECAR_SUFFIX = ".removed.jsonl"


def sidecar_path(output: Path) -> Path:
    """The sidecar of an output file: its full name plus ``.removed.jsonl``.

    >>> sidecar_path(Path("out/page.txt")).as_posix()
    'out/page.txt.removed.jsonl'
    """
    return output.with_name(output.name + SIDECAR_SUFFIX)


def removed_jsonl(result: Result) -> str:
    """One JSON object a line per removal: rule, lines (1-based, of the input), reason, text, span.

    >>> from cleaner.model import Removal
    >>> removed_jsonl(Result("", removed=[Removal("x.ad", 2, 3, "ad", text="Ad")]))
    '{"rule": "x.ad", "lines": [3, 3], "reason": "ad", "text": "Ad"}\\n'
    """
    import json  # only --keep-removed needs it; the hook's start-up does not

    return "".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in result.removed)


def write_sidecar(output: Path, result: Result, append: bool) -> Path | None:
    """Write the removals of ``result`` beside ``output``; None when nothing was removed.

    ``append`` keeps earlier records (in-place runs: the removed text exists nowhere else).
    The sidecar is written atomically, in UTF-8, like the outputs.
    """
    if not result.removed:
        return None
    path = sidecar_path(output)
    before = path.read_bytes() if append and path.is_file() else b""
    write_atomic(path, before + removed_jsonl(result).encode("utf-8"))
    return path
