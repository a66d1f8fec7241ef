"""Blocks that follow the story: related and popular teasers, newsletters, comments."""

from __future__ import annotations

from functools import lru_cache

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.generic.linematch import matches
from cleaner.generic.region import is_prose, main_region, page_stopwords
from cleaner.model import Removal

MAX_BOX_LABELS = 8
LONG_LINE = 25
"""A box inside the story: its header, at most this many teaser lines, then the story goes on."""
STORY_LOOKAHEAD = 3
STORY_GOES_ON = 2
STORY_GOES_ON_CHARS = 150
"""Prose lines (and characters) among the next STORY_LOOKAHEAD lines after a box that show the story goes on."""
COMMENTS_AFTER_CHARS = 400
"""Story prose (characters) that must come before a comments header for it to end the page."""


def _prose_chars(doc: Document, kept: list[int]) -> list[int]:
    """Characters of each kept line that reads as a story sentence (0 for others).

    A teaser title has no closing stop and a teaser summary is cut off (``...``), so only a
    sentence that ends like one counts (or a very long line).
    """
    sw = page_stopwords(doc, kept)
    return [_story_sentence_chars(doc.lines[i], sw) for i in kept]


@lru_cache(maxsize=1 << 16)
def _story_sentence_chars(line: str, sw: frozenset[str]) -> int:
    # Remembered: both block heuristics ask for the same lines on every pass.
    s = shape(line)
    cut_off = s.text.endswith(("...", "…"))
    return s.chars if is_prose(s, sw) and (s.terminal or s.units >= LONG_LINE) and not cut_off else 0


def _list_item(line: str, numbered_only: bool) -> bool:
    """An item of a list, so not a block header: a numbered one ("7. Newsletter" in a meeting's agenda)
    never is, and for comments no bulleted one is either (``• 3 Comments`` is a link in a share row).

    >>> _list_item("  7. Newsletter", True), _list_item("Newsletter", True), _list_item("2 Comments", True)
    (True, False, False)
    >>> _list_item("  • 3 Comments", True), _list_item("  • 3 Comments", False)
    (False, True)
    """
    s = shape(line)
    if not numbered_only:
        return s.bullet
    return s.bullet and line.lstrip()[:1].isdigit()  # the list marker is shape()'s


def _blocks(doc: Document, table: str, heuristic: Heuristic, min_before: int, boxes: bool) -> list[Removal]:
    region = main_region(doc)
    if region is None:
        return []
    kept = region.lines
    prose = _prose_chars(doc, kept)
    # A header counts below the start of the story (the same words in a top menu do not end the page),
    # or, when ``min_before`` is set, once that much prose is behind it: comments, the longest prose
    # on some pages, can outweigh the story in the region itself.
    start = 0 if min_before else region.first
    before = 0
    out: list[Removal] = []
    for pos in range(start, len(kept)):
        i = kept[pos]
        line = doc.lines[i]
        if before > min_before and matches(table, line) and not _list_item(line, numbered_only=boxes):
            end = pos + 1
            # The block's teasers run to the first story sentence; a list item, however long, is a teaser.
            while end < len(kept) and (not prose[end] or shape(doc.lines[kept[end]]).bullet):
                end += 1
            after = [c for c in prose[end : end + STORY_LOOKAHEAD] if c]
            goes_on = len(after) >= STORY_GOES_ON and sum(after) >= STORY_GOES_ON_CHARS
            labels = sum(1 for j in kept[pos + 1 : end] if shape(doc.lines[j]).words)
            if not (boxes and labels <= MAX_BOX_LABELS and goes_on):
                return [*out, heuristic.remove_lines(doc, i, len(doc))]
            stop = kept[end]
            out.append(heuristic.remove_lines(doc, i, stop, "box inside the story: header and teaser lines"))
        before += prose[pos]
    return out


def _trailing(doc: Document) -> list[Removal]:
    return _blocks(doc, "trailing-blocks", TRAILING_BLOCK, 0, boxes=True)


def _comments(doc: Document) -> list[Removal]:
    return _blocks(doc, "comments", COMMENTS_BLOCK, COMMENTS_AFTER_CHARS, boxes=False)


TRAILING_BLOCK = Heuristic(
    id="generic.trailing-block",
    reason="block after the story (related, popular, latest, newsletter) and its teasers",
    doc="Once the story has begun, a header such as `Latest articles`, `More like this`, `Most read`, "
    "`Trending`, `Related stories`, `Mehr zum Thema`, `Lo más leído` starts a block of teasers that "
    "runs to the end of the page: it is dropped from the header on. When the story goes on right after "
    "a few teaser lines (a box inside the story), only the header and those lines go; a list item, however "
    "long, is a teaser line. An item of a numbered list (`7. Newsletter`) is never a header. "
    "Headers by language in rules/generic/trailing-blocks.toml.",
    example="Most read\nMarkets slide as rates rise\nWhat the new tax rules mean for you",
    decide=_trailing,
)

COMMENTS_BLOCK = Heuristic(
    id="generic.comments-block",
    reason="comment section after the story",
    doc="A comments header (`Comments`, `12 comments`, `Leave a reply`, `Kommentare`, `Comentarios`) "
    "after a good part of the story starts the comment section, which runs to the end of the page: "
    "it is dropped from the header on. A list item (`• Comments`, a link in a share row) is not the "
    "section's header. Headers by language in rules/generic/comments.toml.",
    example="3 Comments\nGreat article, thanks!\nI disagree with the second point.",
    decide=_comments,
)
