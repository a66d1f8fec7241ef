"""Checking chosen rules on a sample of the site's pages: a learned rule must not hide a region from the generic stage.

The generic stage drops some regions whole from a header it knows or from their shape
(comments, "Related" blocks, title lists, menus, footers). A learned rule that takes lines
inside such a region gains nothing there, and can break the region up, so that the generic
stage no longer sees it and keeps the rest. Each learned line is run on a sample of the
site's pages with and without the learned rules: one that falls inside such regions of the
plain run at least as often as it is a new removal is left to the generic stage, and so is one
that borders lines the plain run dropped in a region but the learned run keeps (it was the
region's edge: a pager line above the comments), or lines of the story that the learned run drops
and the plain one keeps (a disclaimer under a recipe was where the generic stage saw the story end).

The learned rules are run here by their keys (the normalised lines the patterns stand for),
not by their patterns: the same lines, and no pattern is compiled for a check (a corpus of
many sites would fill the process's pattern caches).
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cleaner import _core
from cleaner.document import normalise_newlines
from cleaner.learning.normalise import engine_keys, is_rule_line, key_hash, key_of, keys_of, prose_words
from cleaner.learning.select import LearnedSite
from cleaner.pipeline import Cleaner

_NOT_REGIONS = ("generic.ad-marker-cut", "generic.duplicate-line")
_LEARNED = "learned"

_Removal = tuple[str, int, int, str, "tuple[int, int] | None", str]


@cache
def region_heuristics() -> frozenset[str]:
    """Ids of the generic heuristics that drop regions (they decide on the document, not a line).

    >>> "generic.comments-block" in region_heuristics(), "generic.breadcrumb" in region_heuristics()
    (True, False)
    """
    return frozenset(h[0] for h in _core.heuristics() if h[4] == "document" and h[0] not in _NOT_REGIONS)


class KeyStage:
    """A learned site's rules as a site stage of the engine, matching lines by key.

    >>> stage = KeyStage(None, 0, "related", {"home"})
    >>> [r[:3] for r in stage(["Home", "Story.", "Related", "x"], [True] * 4, [False] * 4)[0]]
    [('learned', 2, 4), ('learned:home', 0, 1)]
    """

    def __init__(self, head: str | None, head_max: int, foot: str | None, lines: set[str]) -> None:
        self.head, self.head_max, self.foot, self.lines = head, head_max, foot, lines

    def __call__(self, lines: list[str], alive: list[bool], protected: list[bool]) -> tuple[list[_Removal], list[bool]]:
        return self.decide(lines, _keys(lines), alive), protected

    def decide(self, lines: list[str], keys: list[str], alive: list[bool]) -> list[_Removal]:
        """The removals of ``lines`` (their keys: ``keys``; those already gone: not ``alive``)."""
        out: list[_Removal] = []
        live = list(alive)
        if self.head is not None:
            i = next((i for i, k in enumerate(keys) if live[i] and k == self.head), -1)
            if i >= 0 and i + 1 <= self.head_max:
                out.append((_LEARNED, 0, i + 1, "header", None, ""))
                live[: i + 1] = [False] * (i + 1)
        if self.foot is not None:
            i = next((i for i, k in enumerate(keys) if live[i] and k == self.foot), -1)
            if i >= 0:
                out.append((_LEARNED, i, len(lines), "footer", None, ""))
                live[i:] = [False] * (len(lines) - i)
        for i, k in enumerate(keys):
            if live[i] and k and k in self.lines:
                out.append((f"{_LEARNED}:{k}", i, i + 1, "line", None, lines[i]))
        return out


def _keys(lines: list[str]) -> list[str]:
    keys = keys_of("\n".join(lines))
    if len(keys) != len(lines):  # a line holding a line break of its own
        keys = [key_of(line) for line in lines]
    return keys


ROUNDS = 3
"""Checks at most: the rules left after one check act differently together (a line whose removal moved
a region's edge may have been masked by another line the check left out)."""


def verify(
    cleaner: Cleaner,
    learned: LearnedSite,
    pages: list[str],
    recurring: frozenset[int] = frozenset(),
    max_prose: float = 0.1,
    *,
    reference: bool = False,
) -> LearnedSite:
    """``learned`` less the line rules that would hide the generic stage's regions on ``pages``, or pull
    them over the story (``recurring``: the hashes of the site's lines seen on two pages or more,
    which are no story; ``max_prose``: the share of a page's new prose they may pull).

    The engine runs the rules (``_core.KeyStage``), and a page on which they would remove no line by
    its key (see _silent) tells the check nothing, so it is cleaned neither way. ``reference=True``
    checks as defined: every page, the rules run by KeyStage below (the tests compare the two).
    """
    if not pages or not any(r.kind == "drop_line" and r.key for r in learned.rules):
        return learned
    known = learned.site if learned.site in cleaner.index.sites else None
    glued = _glued(Path(cleaner.engine.generic_dir))
    sample = [_Page.of(page, cleaner.max_line_chars, glued) for page in pages]
    for _ in range(ROUNDS):
        before = len(learned.rules)
        learned = _check(cleaner, learned, sample, known, recurring, max_prose, reference)
        if len(learned.rules) == before:
            break
    return learned


@dataclass
class _Page:
    """A sample page, with what the check needs of it more than once."""

    text: str
    lines: list[str]
    keys: list[str]
    stripped: list[str]
    """Keys of its lines right-stripped (as the engine's later passes see them), where they differ."""
    fixed: bool
    """Whether the engine changes no line's text but by that strip: no line long enough to be shielded,
    no glued ad marker to cut (a line cut may get a learned line's key in a later pass)."""
    plain: tuple[set[int], set[int]] | None = None
    """The plain run's removals (see _plain), made when first needed."""
    own: list[int] | None = None
    """Each line's words as _new_prose counts them, made when first needed (the same in every round)."""

    @staticmethod
    def of(text: str, max_line_chars: int, glued: tuple[str, ...]) -> _Page:
        """A page of ``text``, for an engine that shields lines longer than ``max_line_chars`` and cuts the
        ad markers ``glued``."""
        lines = text.split("\n")
        keys = _keys(lines)
        stripped = [
            k
            for line, key in zip(lines, keys, strict=True)
            if line[-1:].isspace() and (k := key_of(line.rstrip())) != key
        ]
        long = max_line_chars > 0 and max(map(len, lines)) > max_line_chars
        return _Page(text, lines, keys, stripped, not long and not any(g in text for g in glued))


@cache
def _glued(generic_dir: Path) -> tuple[str, ...]:
    """The ad markers the generic stage cuts from the end of a line (``ad-markers.toml``'s ``[glued]``).

    >>> from cleaner.paths import default_rules_dir
    >>> "" not in _glued(default_rules_dir() / "generic")
    True
    """
    try:
        table = tomllib.loads((generic_dir / "ad-markers.toml").read_text(encoding="utf-8")).get("glued", {})
    except (OSError, tomllib.TOMLDecodeError):
        return ("",)  # not known: any page may hold one
    return tuple(sorted({p for phrases in table.values() for p in phrases}))


def _silent(stage: KeyStage, page: _Page) -> bool:
    """Whether the learned run removes no line of ``page`` by its key on any pass: on the first, the stage
    sees every line as the page has it; on later ones, the lines it and the generic stage left,
    right-stripped (and otherwise unchanged on a ``fixed`` page). Such a page adds nothing to the
    check (it counts key removals only), whatever the generic stage does with it.

    >>> page = _Page.of("Menu\\nHome\\nStory.", 0, ())
    >>> _silent(KeyStage(None, 0, None, {"home"}), page), _silent(KeyStage("home", 5, None, {"menu"}), page)
    (False, True)
    """
    if not page.fixed or any(k in stage.lines for k in page.stripped):
        return False
    if stage.lines.isdisjoint(page.keys):
        return True  # no line of it has a learned line's key: the first pass removes none by key
    first = stage.decide(page.lines, page.keys, [True] * len(page.lines))
    return all(r[0] == _LEARNED for r in first)


def _plain(cleaner: Cleaner, page: str, known: str | None) -> tuple[set[int], set[int]]:
    """The lines the plain run (no learned rule) removes, and those of them inside regions."""
    if cleaner.metadata:  # the removals are the same without it
        cleaner = copy.copy(cleaner)
        cleaner.metadata = False
    return _plain_of((r.rule, r.start, r.end, r.span) for r in cleaner.clean(page, site=known).removed)


def _plain_of(removals: Iterable[tuple[str, int, int, tuple[int, int] | None]]) -> tuple[set[int], set[int]]:
    """_plain's sets from the plain run's removals (rule, start, end, span)."""
    regions = region_heuristics()
    in_region: set[int] = set()
    removed: set[int] = set()
    for rule, start, end, span in removals:
        if span is None:
            removed.update(range(start, end))
            if rule in regions:
                in_region.update(range(start, end))
    return removed, in_region


def _plain_in_engine(cleaner: Cleaner, page: str, known: str | None) -> bool | None:
    """Whether the plain run of ``page`` (see _plain) takes a ``# url:`` header out, when the engine alone
    makes it (the generic stage, no site stage: the site is not known and the text names none, its
    newlines already normalised); None when it needs the site's rule file, run in Python.

    >>> c = Cleaner()
    >>> _plain_in_engine(c, "# url: https://a.example/x\\nStory.", None), _plain_in_engine(c, "Story.", None)
    (True, False)
    >>> _plain_in_engine(c, "a\\r\\nb", None) is None
    True
    """
    if not cleaner.generic or normalise_newlines(page) != page:
        return None
    _site, rules, header, _data = cleaner._prepare(page, known, None, None)
    return None if rules is not None else header is not None


def _check(
    cleaner: Cleaner,
    learned: LearnedSite,
    pages: list[_Page],
    known: str | None,
    recurring: frozenset[int],
    max_prose: float,
    reference: bool,
) -> LearnedSite:
    keys = {r.key for r in learned.rules if r.kind == "drop_line" and r.key}
    if not keys:
        return learned
    head = next((r for r in learned.rules if r.kind == "drop_before"), None)
    foot = next((r for r in learned.rules if r.kind == "drop_from"), None)
    inside: dict[str, int] = {}
    new: dict[str, int] = {}
    broke: set[str] = set()
    rules = (head.key if head else None, head.max_lines if head else 0, foot.key if foot else None, keys)
    stage, native = KeyStage(*rules), _core.KeyStage(engine_keys(), *rules)
    for page, found in _runs(cleaner, stage, native, pages, known, reference):
        assert page.plain is not None
        removed, in_region = page.plain
        gone = {i for _rid, start, end, _why, span, _text in found if span is None for i in range(start, end)}
        lines = page.lines
        revived = in_region - gone
        if not any(_region_content(lines[i], page.keys[i], recurring) for i in revived):
            revived = set()  # a short line of the page's own (its headline) given back: no region broken up
        taken = {
            i
            for rid, start, end, _why, span, _text in found
            if span is None and rid.startswith(_LEARNED)
            for i in range(start, end)
        }
        # Story lines the generic stage drops only beside the learned removals: they moved where a
        # region of its own (a footer) seems to start.
        pulled = gone - removed - taken
        if pulled:  # none pulled: nothing to weigh (the page's prose is counted only when asked)
            story = set(range(len(lines))) - removed
            if page.own is None:
                page.own = _own_prose(lines, page.keys, recurring)
            if _new_prose(pulled, page.own) <= max_prose * _new_prose(story, page.own):
                pulled = set()
        gone_edges = _edges(lines, gone) if revived else ([], [])
        pulled_edges = _edges(lines, gone - pulled) if pulled else ([], [])
        for rid, start, end, _why, span, _text in found:
            if not rid.startswith(_LEARNED + ":") or span is not None:
                continue
            key = rid[len(_LEARNED) + 1 :]
            for i in range(start, end):
                if i in in_region:
                    inside[key] = inside.get(key, 0) + 1
                elif i not in removed:
                    new[key] = new.get(key, 0) + 1
            # A line of signs holds no word: what the generic stage keeps once it is gone (a story's second
            # half, that a run of dashes and pictures made it take for the footer) is its own call.
            if (revived and not is_rule_line(key) and _borders(revived, gone_edges, start, end)) or (
                pulled and _borders(pulled, pulled_edges, start, end)
            ):
                broke.add(key)
    kept = []
    for rule in learned.rules:
        n_in = inside.get(rule.key, 0)
        if rule.kind == "drop_line" and (rule.key in broke or (n_in and n_in >= new.get(rule.key, 0))):
            learned.left_to_generic += 1
            continue
        kept.append(rule)
    learned.rules = kept
    return learned


def _runs(
    cleaner: Cleaner,
    stage: KeyStage,
    native: _core.KeyStage,
    pages: list[_Page],
    known: str | None,
    reference: bool,
) -> Iterator[tuple[_Page, list[_Removal]]]:
    """Each page the check cleans, its plain run made (``page.plain``), with the learned run's removals.

    The engine makes a round's runs in one call (``_core.KeyStage.check``), where a page's two runs and
    the site's pages share what it works out about their lines; a plain run that needs the site's rule
    file is made in Python first. ``reference=True``: every page, each run on its own (see verify).
    """
    if reference:
        for page in pages:
            if page.plain is None:
                page.plain = _plain(cleaner, page.text, known)
            _, _, found, _, _ = cleaner.engine.clean(
                page.text, force=True, metadata=False, max_line_chars=cleaner.max_line_chars, site=stage
            )
            yield page, found
        return
    checked = [page for page in pages if not _silent(stage, page)]
    asked: list[tuple[str, bool | None]] = []
    for page in checked:
        header = None
        if page.plain is None:
            header = _plain_in_engine(cleaner, page.text, known)
            if header is None:
                page.plain = _plain(cleaner, page.text, known)
        asked.append((page.text, header))
    for page, (plain, found) in zip(checked, native.check(cleaner.engine, asked, cleaner.max_line_chars), strict=True):
        if plain is not None:
            page.plain = _plain_of((rid, start, end, span) for rid, start, end, _why, span, _text in plain)
        yield page, found


def _region_content(line: str, key: str, recurring: frozenset[int]) -> bool:
    """Whether a line that the learned run keeps out of a region the plain run dropped shows the region
    hidden from the generic stage: a line other pages repeat (the region's template: a sidebar, a menu) or
    a sentence (a comment). When the lines kept so on a page are only short lines of the page's own, such
    as the story's headline that the region above it took along, the story is given back, not a region
    broken up (a comment thread holds sentences). ``key``: the line's key (key_of), which the page has.

    >>> def content(line, recurring=frozenset()): return _region_content(line, key_of(line), recurring)
    >>> content("Google turns 10"), content("Nice post, thanks for the tips!")
    (False, True)
    >>> content("Home", frozenset({key_hash("home")})), content("  ")
    (True, False)
    """
    if not line.strip():
        return False
    return prose_words(line) > 0 or key_hash(key) in recurring


def _new_prose(rows: set[int], own: list[int]) -> int:
    """Words of the story-like lines among ``rows`` that are the page's own (``own``: see _own_prose).

    >>> _new_prose({0, 1, 5}, [9, 0, 4])
    9
    """
    return sum(own[i] for i in rows if i < len(own))


def _own_prose(lines: list[str], keys: list[str], recurring: frozenset[int]) -> list[int]:
    """Each line's words when it is story-like and the page's own (its key's hash not in ``recurring``,
    the lines seen on other pages), else 0; ``keys``: the lines' keys.

    >>> story = "The river broke its banks on Sunday, officials said."
    >>> _own_prose([story, "Home"], [key_of(story), "home"], frozenset())
    [9, 0]
    >>> _own_prose([story], [key_of(story)], frozenset({key_hash(key_of(story))}))
    [0]
    """
    return [
        w if (w := prose_words(line)) and key_hash(key) not in recurring else 0
        for line, key in zip(lines, keys, strict=True)
    ]


Edges = tuple[list[int], list[int]]
"""For each line, the nearest line that shows at or before it, and at or after it (-1: none)."""


def _edges(lines: list[str], hidden: set[int]) -> Edges:
    """The nearest non-blank line not in ``hidden`` at or before, and at or after, each line.

    >>> _edges(["a", "", "b", "c"], {2})
    ([0, 0, 0, 3], [0, 3, 3, 3])
    """
    n = len(lines)
    before, after = [-1] * n, [-1] * n
    last = -1
    for i in range(n):
        if i not in hidden and lines[i].strip():
            last = i
        before[i] = last
    last = -1
    for i in range(n - 1, -1, -1):
        if i not in hidden and lines[i].strip():
            last = i
        after[i] = last
    return before, after


def _borders(revived: set[int], edges: Edges, start: int, end: int) -> bool:
    """Whether the nearest line that shows on either side of ``start:end`` (``edges``: see _edges) is one
    the generic stage dropped as part of a region on its own but keeps with the learned rules: the removed
    line was the region's edge (a pager above the comments), and without it the generic stage no longer
    finds it.

    >>> lines = ["a", "pager", "", "comment"]
    >>> _borders({3}, _edges(lines, {1}), 1, 2), _borders({3}, _edges(["a", "x", "b", "c"], {1}), 1, 2)
    (True, False)
    """
    before, after = edges
    down = after[end] if end < len(after) else -1
    up = before[start - 1] if start > 0 else -1
    return (down >= 0 and down in revived) or (up >= 0 and up in revived)
