"""Applying one site's compiled rules to a document: the rules decide, returning removals.

Rules run in file order and each one sees the lines that earlier rules of the
same file took (on a private view: the document itself is changed only by
``pipeline.apply_removals``). So a breadcrumb rule placed before a
``drop_in_head`` rule keeps the breadcrumb from being taken for the headline.

Speed: each pattern scans the document's text once (cleaner.linematch) and is then
confirmed only on the lines that scan touched, instead of a search per rule per line.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Document
from cleaner.linematch import LineIndex
from cleaner.model import Removal
from cleaner.rules import Rule, SiteRules
from cleaner.safe_regex import finditer, search


def site_removals(doc: Document, site: SiteRules) -> list[Removal]:
    """Removals (and protections, set on ``doc``) that a site's rules make.

    >>> from pathlib import Path
    >>> import regex
    >>> r = Rule("ex.ad", "drop_line", "ad", (regex.compile("^Ad$"),))
    >>> s = SiteRules("ex.com", "Ex", (), (), 1, (r,), Path("ex.toml"))
    >>> [x.rule for x in site_removals(Document.from_text("Ad\\nText"), s)]
    ['ex.ad']
    """
    out: list[Removal] = []
    index = LineIndex(doc.lines)
    for rule in site.rules:
        if rule.kind == "protect":
            for i in index.candidates(rule.pattern):
                if search(rule, rule.pattern, doc.lines[i]):
                    doc.protected[i] = True
    view = Document(doc.lines, url=doc.url, alive=list(doc.alive), protected=doc.protected, original=doc.original)
    for rule in site.rules:
        found = _APPLY[rule.kind](view, rule, index)
        out.extend(found)
        for r in found:
            if r.span is None:
                for i in range(r.start, r.end):
                    view.alive[i] = view.alive[i] and view.protected[i]
    return out


def _hits(doc: Document, rule: Rule, index: LineIndex, pattern_index: int = 0, start: int = 0) -> Iterator[int]:
    """Alive lines from ``start`` on that the rule's pattern matches, in order."""
    if rule.line_keys is not None and pattern_index == 0:
        # A learned rule: its lines' keys say what its pattern would (Rule.line_keys).
        yield from (i for i in index.keyed(rule.line_keys, start) if doc.alive[i])
        return
    pat = rule.patterns[pattern_index]
    for i in index.candidates(pat, start):
        if doc.alive[i] and search(rule, pat, doc.lines[i]):
            yield i


def _first(doc: Document, rule: Rule, index: LineIndex, pattern_index: int = 0, start: int = 0) -> int:
    return next(_hits(doc, rule, index, pattern_index, start), -1)


def _drop_line(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    return [
        Removal(rule.id, i, i + 1, rule.why, text=doc.lines[i]) for i in _hits(doc, rule, index) if doc.lines[i].strip()
    ]


def _drop_from(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    i = _first(doc, rule, index)
    if i < 0:
        return []
    end = len(doc.lines) if not rule.max_lines else min(len(doc.lines), i + rule.max_lines)
    return [Removal(rule.id, i, end, rule.why, text="\n".join(doc.lines[i:end]))]


def _drop_before(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    i = _first(doc, rule, index)
    if i < 0 or (rule.max_lines and i + 1 > rule.max_lines):
        return []
    return [Removal(rule.id, 0, i + 1, rule.why, text="\n".join(doc.lines[: i + 1]))]


def _drop_block(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    out: list[Removal] = []
    i = 0
    while True:
        start = _first(doc, rule, index, 0, i)
        if start < 0:
            return out
        end = _first(doc, rule, index, 1, start + 1)
        if end < 0 or (rule.max_lines and end - start + 1 > rule.max_lines):
            return out
        out.append(Removal(rule.id, start, end + 1, rule.why, text="\n".join(doc.lines[start : end + 1])))
        i = end + 1


def _drop_in_head(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    """Matching lines between the headline (the first live line) and the story's first line.

    ``max_lines`` caps the region's non-blank lines: a dump with more above its story (a menu
    that no earlier rule took) is left alone rather than risk taking the headline.
    """
    head = next((i for i in range(len(doc.lines)) if doc.alive[i] and doc.lines[i].strip()), -1)
    stop = _first(doc, rule, index, 1, head + 1) if head >= 0 else -1
    if stop < 0:
        return []
    region = [i for i in range(head + 1, stop) if doc.alive[i] and doc.lines[i].strip()]
    if rule.max_lines and len(region) > rule.max_lines:
        return []
    candidates = set(index.candidates(rule.pattern, head + 1))
    return [
        Removal(rule.id, i, i + 1, rule.why, text=doc.lines[i])
        for i in region
        if i in candidates and search(rule, rule.pattern, doc.lines[i])
    ]


def _cut(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    out: list[Removal] = []
    for i in index.candidates(rule.pattern):
        if not doc.alive[i]:
            continue
        for m in finditer(rule, rule.pattern, doc.lines[i]):
            if m.end() > m.start():
                out.append(Removal(rule.id, i, i + 1, rule.why, span=(m.start(), m.end()), text=m.group()))
    return out


def _protect(doc: Document, rule: Rule, index: LineIndex) -> list[Removal]:
    return []


_APPLY = {
    "drop_line": _drop_line,
    "drop_from": _drop_from,
    "drop_before": _drop_before,
    "drop_block": _drop_block,
    "drop_in_head": _drop_in_head,
    "cut": _cut,
    "protect": _protect,
}
