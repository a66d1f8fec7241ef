"""Lists of linked titles: several headline-shaped lines in one block, with no paragraph between."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import Shape, shape
from cleaner.model import Removal

MIN_TITLES = 4
"""Story paragraphs stand apart (a blank line between); this many titles in one block are a list of links."""
MIN_WORDS = 4
MAX_WORDS = 20


def is_title(s: Shape) -> bool:
    """A headline-shaped line: a few words, a capital first, no closing stop, no bullet, not a table row.

    >>> is_title(shape("How the city plans to fix its bridges")), is_title(shape("The city will fix its bridges."))
    (True, False)
    """
    return (
        MIN_WORDS <= s.units <= MAX_WORDS
        and not s.terminal
        and not s.bullet
        and not s.table_row
        and s.text[:1].isupper()
    )


def _title_lists(doc: Document) -> list[Removal]:
    out: list[Removal] = []
    for block in doc.blocks():
        if doc.introduced(block[0]):
            continue
        run: list[int] = []
        for i in [*block, -1]:
            if i >= 0 and is_title(shape(doc.lines[i])):
                run.append(i)
                continue
            if len(run) >= MIN_TITLES:
                out.append(TITLE_LIST.remove_lines(doc, run[0], run[-1] + 1, f"one of {len(run)} titles in a row"))
            run = []
    return out


TITLE_LIST = Heuristic(
    id="generic.title-list",
    reason="list of linked titles (related, latest or playlist)",
    doc="Drops four or more headline-shaped lines (four to twenty words, a capital first, no closing stop, "
    "no bullet) that follow each other with no blank line between: in a dump, story paragraphs stand "
    "apart, while lists of related articles, latest news and video playlists come as one block. A block "
    "under a line ending with a colon is the story's own list and stays.",
    example="How the city plans to fix its bridges\nWhy rents keep rising in the north\n"
    "Five places to eat near the park\nWhat the new law means for drivers",
    decide=_title_lists,
)
