"""A table of contents: the story's own sub-headings, listed once above it as links."""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.model import Removal

MIN_ENTRIES = 3
MAX_WORDS = 15
REPEAT_SHARE = 0.66
"""A run of short lines is a table of contents when at least this share of them come back later as lines."""


@lru_cache(maxsize=1 << 16)
def _key(line: str) -> str:
    """A heading as compared: its words only, case folded (numbering and bullets left out).

    >>> _key("  • 2. Example Data:")
    'example data'
    """
    return " ".join(w for w in shape(line).words if not w.isdigit())


@lru_cache(maxsize=1 << 16)
def _entry(line: str) -> bool:
    s = shape(line)
    return 1 <= s.units <= MAX_WORDS and not (s.terminal and not s.text.endswith(":"))


def _tables_of_contents(doc: Document) -> list[Removal]:
    kept = doc.kept_indices()
    where = {i: pos for pos, i in enumerate(kept)}
    keys = [_key(doc.lines[i]) for i in kept]
    last_seen = {k: pos for pos, k in enumerate(keys) if k}
    out: list[Removal] = []
    # The entries of a table of contents stand in one block, one per line, with no blank line between.
    for block in doc.blocks():
        run = [where[i] for i in block if _entry(doc.lines[i])]
        if len(run) < MIN_ENTRIES or len(run) != len(block):
            continue
        end = run[-1] + 1
        again = sorted(last_seen[keys[p]] for p in run if keys[p] and last_seen[keys[p]] >= end)
        # Sub-headings stand apart, text between them; a menu printed again comes back as one run.
        apart = sum(1 for a, b in pairwise(again) if b - a > 1)
        if len(again) >= max(MIN_ENTRIES, REPEAT_SHARE * len(run)) and apart >= len(again) - 1:
            out += [
                TABLE_OF_CONTENTS.remove_lines(
                    doc, kept[p], kept[p] + 1, f"one of {len(run)} entries listed again below"
                )
                for p in run
            ]
    return out


TABLE_OF_CONTENTS = Heuristic(
    id="generic.table-of-contents",
    reason="table of contents: sub-headings listed above the story",
    doc="Drops a block of three or more short lines when most of them come back later in the page as lines "
    "of their own, apart from each other: a table of contents repeating the story's sub-headings. The "
    "sub-headings themselves stay in place; without this, the copy in the contents would be kept and the "
    "real heading dropped as a duplicate.",
    example="Contents\nIntroduction\nThe data\nResults\n...\nIntroduction\nThe study began in 2019.",
    decide=_tables_of_contents,
)
