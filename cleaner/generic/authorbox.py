"""The author box: a header, the author's name and a short biography, printed by the site beside the story."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.generic.linematch import matches
from cleaner.generic.region import is_prose, page_stopwords
from cleaner.model import Removal

NAME_MAX_WORDS = 5
"""A name line under the header: a few capitalised words, no closing stop."""
BIO_LINES = 2
BIO_MAX_WORDS = 100
"""A biography is one or two sentences' lines of prose, none of them long."""


def _is_name(line: str) -> bool:
    """A person's name alone on its line.

    >>> _is_name("Jane Q. Doe"), _is_name("The storm moved east.")
    (True, False)
    """
    s = shape(line)
    return 1 <= s.units <= NAME_MAX_WORDS and not s.terminal and s.capitalised >= 0.99


def _author_boxes(doc: Document) -> list[Removal]:
    nonblank = [i for i, line in enumerate(doc.lines) if line.strip()]
    if not any(matches("author-boxes", doc.lines[i]) for i in nonblank):
        return []
    sw = page_stopwords(doc, doc.kept_indices())
    out: list[Removal] = []
    for k, i in enumerate(nonblank):
        # A header an earlier heuristic removed (a lone "Author" is a byline label too) still opens the box.
        if not matches("author-boxes", doc.lines[i]):
            continue
        box = [i] if doc.alive[i] else []
        rest = nonblank[k + 1 :]
        if rest and doc.alive[rest[0]] and _is_name(doc.lines[rest[0]]):
            box.append(rest[0])
            rest = rest[1:]
        bio = []
        for j in rest[:BIO_LINES]:
            s = shape(doc.lines[j])
            if not doc.alive[j] or not is_prose(s, sw) or s.units > BIO_MAX_WORDS:
                break
            bio.append(j)
        if bio:
            out += [AUTHOR_BOX.remove_lines(doc, j, j + 1) for j in [*box, *bio]]
    return out


AUTHOR_BOX = Heuristic(
    id="generic.author-box",
    reason="author box: header, name and short biography",
    doc="Drops an author box: a header such as `About the author`, `Autoreninfo` or `Über Kathrin` "
    "(rules/generic/author-boxes.toml), the author's name on the next line if it stands alone, and "
    "the one or two short prose lines of biography under it. A header with no biography under it is "
    "left to the other heuristics.",
    example="About the author\nJane Doe\nJane Doe is a reporter covering science and health.",
    decide=_author_boxes,
)
