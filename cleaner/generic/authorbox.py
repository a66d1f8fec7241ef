"""The author box: a header, the author's name and a short biography, printed by the site beside the story."""

from __future__ import annotations

from functools import cache

import regex

from cleaner.document import Document, blank_line
from cleaner.generic.base import Heuristic
from cleaner.generic.features import shape
from cleaner.generic.linematch import matches
from cleaner.generic.phrases import phrases
from cleaner.generic.region import is_prose, main_region, page_stopwords
from cleaner.model import Removal
from cleaner.regex_cache import compiled

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


NAMED_WITHIN = 12
"""A headerless box: the biography opens with its author's name, or speaks in the first person and names
them within its first words ("I'm Amy and ...")."""


@cache
def _first_person() -> frozenset[str]:
    return frozenset(w for p in phrases("author-boxes", "first_person") for w in shape(p).words[:1])


def _bio_lines(doc: Document, rest: list[int], sw: frozenset[str]) -> list[int]:
    bio = []
    for j in rest[:BIO_LINES]:
        s = shape(doc.lines[j])
        if not doc.alive[j] or not is_prose(s, sw) or s.units > BIO_MAX_WORDS:
            break
        bio.append(j)
    return bio


def _headerless_box(doc: Document, sw: frozenset[str]) -> list[Removal]:
    """A name alone on its line, then a short biography that names that person, closing the story.

    It closes the story when the next line is gone (comments, footer, a removed label) or there is none.
    """
    region = main_region(doc)
    if region is None:
        return []
    kept = region.lines
    for pos in range(max(0, region.last - BIO_LINES - 1), region.last):
        name = doc.lines[kept[pos]]
        if not _is_name(name) or not all(c.isalpha() or c in " .-'’" for c in name.strip()):
            continue
        bio = _bio_lines(doc, kept[pos + 1 : pos + 1 + BIO_LINES], sw)
        if not bio or kept.index(bio[-1]) < region.last - 1:
            continue
        if doc.lines[bio[0]].lstrip().startswith(name.strip() + ":"):
            continue  # a sub-heading repeated as the paragraph's label, not a person
        opening = shape(doc.lines[bio[0]]).words
        first = shape(name).words[0]
        if opening[0] == first or (opening[0] in _first_person() and first in opening[:NAMED_WITHIN]):
            return [
                AUTHOR_BOX.remove_lines(doc, j, j + 1, "author box: name and short biography closing the page")
                for j in [kept[pos], *bio]
            ]
    return []


TAGLINE_MAX_WORDS = 80
"""A tagline is one sentence or two on its own line."""
TAGLINE_FROM_END = 3
"""It is the story's last prose line; a handle or a tag line may follow it."""


@cache
def _tagline_re() -> regex.Pattern[str]:
    return compiled("|".join(f"(?:{p})" for p in phrases("author-boxes", "tagline")))


def _tagline(doc: Document, sw: frozenset[str]) -> list[Removal]:
    """The story's last line, when it is the note on its author ("Jane Doe is a professor of law at ...").

    >>> story = "The court ruled on Monday that the law stands, and the government welcomed the decision."
    >>> doc = Document.from_text(story + "\\nJane Doe is a professor of law at Example University.\\n")
    >>> [(r.start, r.reason) for r in _tagline(doc, frozenset())]
    [(1, "author's tagline closing the story")]
    """
    region = main_region(doc)
    if region is None or region.last <= region.first:
        return []
    for pos in range(region.last, max(region.first, region.last - TAGLINE_FROM_END), -1):
        i = region.lines[pos]
        s = shape(doc.lines[i])
        if s.units <= TAGLINE_MAX_WORDS and _tagline_re().match(doc.lines[i].strip()):
            return [AUTHOR_BOX.remove_lines(doc, i, i + 1, "author's tagline closing the story")]
        if is_prose(s, sw):
            break  # the story goes on below: the line is the story's, not a note on its author
    return []


def _author_boxes(doc: Document) -> list[Removal]:
    nonblank = [i for i, line in enumerate(doc.lines) if not blank_line(line)]
    sw = page_stopwords(doc, doc.kept_indices())
    if not any(matches("author-boxes", doc.lines[i]) for i in nonblank):
        return _headerless_box(doc, sw) or _tagline(doc, sw)
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
        bio = _bio_lines(doc, rest, sw)
        if bio:
            out += [AUTHOR_BOX.remove_lines(doc, j, j + 1) for j in [*box, *bio]]
    return out


AUTHOR_BOX = Heuristic(
    id="generic.author-box",
    reason="author box: header, name and short biography",
    doc="Drops an author box: a header such as `About the author`, `Autoreninfo` or `Über Kathrin` "
    "(rules/generic/author-boxes.toml), the author's name on the next line if it stands alone, and "
    "the one or two short prose lines of biography under it. A header with no biography under it is "
    "left to the other heuristics. With no header, a name alone on its line and one or two lines of "
    "biography that open with that name (or say `I'm ...` and name them) go when they close the story, "
    "and so does a one-line tagline such as `Jane Doe is a professor of law at ...` (shapes in the file's "
    "`tagline` list).",
    example="About the author\nJane Doe\nJane Doe is a reporter covering science and health.",
    decide=_author_boxes,
)
