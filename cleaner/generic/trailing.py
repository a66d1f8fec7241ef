"""Blocks that follow the story: related and popular teasers, newsletters, comments."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.generic.linematch import line_matcher
from cleaner.generic.region import is_prose, page_stopwords
from cleaner.model import Removal


def _trailing(doc: Document) -> list[Removal]:
    kept = doc.kept_indices()
    if not kept:
        return []
    matcher = line_matcher("trailing-blocks")
    sw = page_stopwords(doc, kept)
    prose = [len(shape(doc.lines[i]).text) if is_prose(shape(doc.lines[i]), sw) else 0 for i in kept]
    total = sum(prose)
    before = 0
    for pos, i in enumerate(kept):
        if before and matcher.matches(doc.lines[i]):
            after = total - before
            if after <= before:
                return [TRAILING_BLOCK.remove_lines(doc, i, len(doc))]
            # More story follows: a boxed block inside the story, so only its header and teaser labels go.
            end = pos + 1
            while end < len(kept) and not prose[end]:
                end += 1
            stop = kept[end] if end < len(kept) else len(doc)
            return [TRAILING_BLOCK.remove_lines(doc, i, stop, "block header inside the story, with its labels")]
        before += prose[pos]
    return []


TRAILING_BLOCK = Heuristic(
    id="generic.trailing-block",
    reason="block after the story (related, popular, latest, comments, newsletter)",
    doc="Once the story has begun, a header such as `Latest articles`, `More like this`, `Most read`, "
    "`Trending`, `Related stories`, `Comments`, `Mehr zum Thema`, `Lo más leído` starts a block of "
    "teasers or comments that runs to the end of the page: it is dropped from the header on. When "
    "more story than came before follows the header, only the header and the short lines under it go. "
    "Headers by language in rules/generic/trailing-blocks.toml.",
    example="Most read\nMarkets slide as rates rise\nWhat the new tax rules mean for you",
    decide=_trailing,
)
