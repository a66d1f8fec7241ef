"""The ordered stages, the one place that applies removals, and the safety valve."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from cleaner.detect import URL_HEADER_RULE, SiteIndex, url_header
from cleaner.document import Document, normalise_newlines, split_lines
from cleaner.generic import HEURISTICS
from cleaner.generic.base import Heuristic
from cleaner.generic.fused import LineRow, plan
from cleaner.limits import DEFAULT_MAX_LINE_CHARS, shield_long_lines, unshield_lines
from cleaner.metadata import extract_metadata
from cleaner.model import Removal, Result
from cleaner.rules import SiteRules, default_rules_dir, load_sites
from cleaner.sitestage import site_removals
from cleaner.tidy import join_output, tidy

DEFAULT_MAX_LOSS = 0.9
"""Share of a document's prose that, once exceeded, holds the document back."""

VALVE_KEEPS_ENOUGH = 600
"""Prose characters left after cleaning that are a story, not a near-total loss, whatever the share lost."""

MAX_PASSES = 3
"""Cleaning repeats on its own output until nothing changes, so it is idempotent."""


def apply_removals(doc: Document, removals: Iterable[Removal]) -> list[Removal]:
    """Apply removals to ``doc``; return the ones that took effect, split around protected lines.

    >>> d = Document.from_text("a\\nb\\nc")
    >>> d.protected[1] = True
    >>> [r.lines_label() for r in apply_removals(d, [Removal("x.y", 0, 3, "why")])]
    ['1', '3']
    """
    done: list[Removal] = []
    cuts: dict[int, list[Removal]] = {}
    lines, alive, protected = doc.lines, doc.alive, doc.protected
    for r in removals:
        if r.span is not None:
            if alive[r.start]:
                cuts.setdefault(r.start, []).append(r)
            continue
        end = min(r.end, len(lines))
        run_start = -1
        for i in range(r.start, end + 1):
            takes = i < end and alive[i] and not protected[i]
            if takes and run_start < 0:
                run_start = i
            elif not takes and run_start >= 0:
                if any(lines[j].strip() for j in range(run_start, i)):
                    done.append(Removal(r.rule, run_start, i, r.reason, text="\n".join(lines[run_start:i])))
                alive[run_start:i] = [False] * (i - run_start)
                run_start = -1
    for i, line_cuts in cuts.items():
        done.extend(_cut_line(doc, i, line_cuts))
    return done


def _cut_line(doc: Document, i: int, cuts: list[Removal]) -> list[Removal]:
    line = doc.lines[i]
    keep = []
    pos = 0
    done = []
    for r in sorted(cuts, key=lambda c: c.span or (0, 0)):
        a, b = r.span or (0, 0)
        a = max(a, pos)
        if b <= a:
            continue
        keep.append(line[pos:a])
        done.append(Removal(r.rule, i, i + 1, r.reason, span=(a, b), text=line[a:b]))
        pos = b
    keep.append(line[pos:])
    doc.lines[i] = "".join(keep)
    return done


def prose_chars(lines: Sequence[str]) -> int:
    """Characters on prose-like lines (six words or more); all characters when there are none.

    The safety valve measures loss against this, so a dump that is mostly menu
    still counts its story, not its menu, as the text at stake.

    >>> prose_chars(["Home", "This line has more than six words in it."])
    40
    """
    # maxsplit: a 100 MB line is not cut into millions of words just to count six of them.
    prose = sum(len(s.strip()) for s in lines if len(s.split(maxsplit=5)) >= 6)
    return prose or sum(len(s.strip()) for s in lines)


class Cleaner:
    """Compiled rules plus the generic stage: call ``clean`` on as many texts as you like.

    Rules are loaded and compiled once. The object is picklable and holds no state
    that a call changes, so threads may share it.

    >>> c = Cleaner()
    >>> c("Title\\n\\nAdvertisement\\n\\nThe story goes on and on, as stories do.\\n")
    'Title\\n\\nThe story goes on and on, as stories do.\\n'
    """

    def __init__(
        self,
        rules_dirs: Sequence[Path | str] | None = None,
        *,
        default_rules: bool = True,
        generic: bool = True,
        max_loss: float = DEFAULT_MAX_LOSS,
        force: bool = False,
        sites: Sequence[SiteRules] | None = None,
        metadata: bool = True,
        max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    ) -> None:
        dirs = [Path(d) for d in rules_dirs or ()]
        if default_rules:
            dirs.insert(0, default_rules_dir())
        self.sites = list(sites) if sites is not None else load_sites(dirs)
        self.index = SiteIndex(self.sites)
        self.heuristics: tuple[Heuristic, ...] = HEURISTICS if generic else ()
        self.max_loss = max_loss
        self.force = force
        self.metadata = metadata
        self.max_line_chars = max_line_chars

    def __call__(self, text: str) -> str:
        return self.clean(text).text

    def detect(self, text: str, url: str | None = None, path: str | None = None) -> str | None:
        """The site id for a text (see SiteIndex.detect)."""
        return self.index.detect(text, url=url, path=path)

    def clean(
        self,
        text: str,
        site: str | None = None,
        url: str | None = None,
        path: str | None = None,
    ) -> Result:
        """Clean one document.

        ``site`` forces a site id; otherwise the URL, the path, then the text decide.
        """
        text = normalise_newlines(text)
        if site is not None and site not in self.index.sites:
            raise KeyError(f"unknown site '{site}' (see `cleaner sites`)")
        lines = input_lines = split_lines(text)
        header_url = url_header(lines[0]) if lines else None
        url = url or header_url
        site_id = site or self.detect(text, url=url, path=path)
        rules = self.index.sites.get(site_id) if site_id else None

        origin = list(range(len(lines)))
        removed: list[Removal] = []
        for n in range(MAX_PASSES):
            doc = Document(list(lines), url=url)
            hidden = shield_long_lines(doc, self.max_line_chars)
            found = []
            if n == 0 and header_url:
                found = apply_removals(doc, [Removal(URL_HEADER_RULE, 0, 1, "source URL header, not article text")])
            found += self._one_pass(doc, rules)
            unshield_lines(doc, hidden)
            out, out_origin = tidy(doc.lines, doc.alive)
            removed.extend(_remap(r, origin) for r in found)
            if out == lines:
                break
            lines, origin = out, [origin[i] for i in out_origin]
        cleaned = join_output(lines)
        result = Result(text=cleaned, title=lines[0] if lines else "", site=site_id, removed=removed)
        if self.metadata:
            result.metadata = extract_metadata(input_lines, removed)
        return self._valve(text, input_lines, lines, result)

    def _one_pass(self, doc: Document, rules: SiteRules | None) -> list[Removal]:
        removed: list[Removal] = []
        if rules is not None:
            removed.extend(apply_removals(doc, site_removals(doc, rules)))
        for step in plan(self.heuristics):
            if isinstance(step, LineRow):
                for found in step.decide(doc):
                    removed.extend(apply_removals(doc, found))
            else:
                removed.extend(apply_removals(doc, step(doc)))
        return removed

    def _valve(self, original: str, before_lines: list[str], after_lines: list[str], result: Result) -> Result:
        # the lines are those of ``original`` and of ``result.text``, already split
        before = prose_chars(before_lines)
        if self.force or before == 0:
            return result
        after = prose_chars(after_lines)
        loss = 1 - after / before
        # A page can be mostly comments, teasers and consent text; a cleaned story this long is not a near-total loss.
        if not after_lines or (loss > self.max_loss and after < VALVE_KEEPS_ENOUGH):
            share = "everything" if not after_lines else f"{loss:.0%} of its prose"
            result.held = f"would lose {share} (limit {self.max_loss:.0%}); left unchanged, use --force to clean anyway"
            result.text = original
        return result


def _remap(r: Removal, origin: list[int]) -> Removal:
    if not origin:
        return r
    start = origin[r.start]
    end = origin[r.end - 1] + 1 if r.end > r.start else start + 1
    return Removal(r.rule, start, end, r.reason, span=r.span, text=r.text)
