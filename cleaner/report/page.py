"""The HTML report: one self-contained page drawn from a run's figures and the documents it kept.

It opens offline: inline CSS and SVG, no fonts, images or scripts from anywhere (a Content-Security-Policy
forbids any request), and it reads fine with JavaScript off (documents fold with ``<details>``); a few
lines of script add "expand all", a filter and sorting for the rules table.
Every number a person can check carries ``data-figure`` (its place in the summary JSON) and
``data-value`` (the exact value), which the browser test compares with ``--summary-json``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from cleaner.report.detail import Cut, DocView, rule_kind
from cleaner.report.figures import RunInfo, figures
from cleaner.report.record import Report

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSS = """
:root{--fg:#1d232b;--muted:#5b6673;--bg:#fff;--card:#f4f6f8;--line:#dde2e7;--cut:#fbe3e3;--cutfg:#8a1f1f;
--bar:#3b6ea8;--held:#c47a14;--tag:#eef1f6}
@media (prefers-color-scheme:dark){:root{--fg:#e3e7ec;--muted:#9aa5b1;--bg:#15191e;--card:#1f252c;--line:#323a44;
--cut:#4a2324;--cutfg:#ffb4b4;--bar:#6b9bd3;--held:#e0a04a;--tag:#2a323c}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1180px;padding:24px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
color:var(--fg);background:var(--bg)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);
padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:13px}
.muted{color:var(--muted)}.warn{color:var(--held);font-weight:600}.bad{color:var(--cutfg);font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:10px;margin:16px 0}
.card{background:var(--card);border-radius:8px;padding:10px 12px}
.card .v{font-size:22px;font-weight:650}.card .k{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.sortable th{cursor:pointer}td code{white-space:nowrap}
.meter{display:inline-block;height:8px;background:var(--bar);border-radius:2px;vertical-align:middle}
svg text{fill:var(--fg);font-size:11px}svg .axis{stroke:var(--line)}svg rect.bar{fill:var(--bar)}
svg rect.held{fill:var(--held)}svg line.valve{stroke:var(--held);stroke-dasharray:4 3}
details{margin:4px 0}details>summary{cursor:pointer}
details.doc{border:1px solid var(--line);border-radius:6px;padding:6px 10px}
details.doc[open]{background:var(--card)}
.doc .lines{margin-top:8px;overflow-x:auto;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
.ln{display:flex;gap:10px;white-space:pre-wrap;word-break:break-word;min-height:1.35em}
.ln .no{color:var(--muted);min-width:3.2em;text-align:right;flex:none;user-select:none}
.ln .tx{flex:1}.ln.rm{background:var(--cut)}
del{color:var(--cutfg);text-decoration-thickness:1.5px}
.tag{display:inline-block;flex:none;background:var(--tag);border-radius:4px;padding:0 6px;font-size:11.5px;
color:var(--fg);margin-left:6px;white-space:nowrap;text-decoration:none}
.toolbar{margin:6px 0}.toolbar button,.toolbar input{font:inherit;font-size:13px;padding:3px 8px}
footer{margin-top:40px;color:var(--muted);font-size:13px}
"""

SCRIPT = """
document.querySelectorAll('[data-js]').forEach(function(e){e.hidden=false;});
document.querySelectorAll('button[data-expand]').forEach(function(b){b.addEventListener('click',function(){
  var open=b.getAttribute('data-expand')==='open';
  document.querySelectorAll('#'+b.getAttribute('data-target')+' details.doc').forEach(function(d){d.open=open;});
});});
var filter=document.getElementById('rule-filter');
if(filter){filter.addEventListener('input',function(){var q=filter.value.toLowerCase();
  document.querySelectorAll('#rules tbody tr').forEach(function(tr){
    tr.hidden=q!==''&&tr.textContent.toLowerCase().indexOf(q)<0;});});}
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),down=th.getAttribute('data-dir')!=='down';
    rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-sort')||a.cells[i].textContent,
      y=b.cells[i].getAttribute('data-sort')||b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
      var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return down?-c:c;});
    rows.forEach(function(r){body.appendChild(r);});th.setAttribute('data-dir',down?'down':'up');});});});
"""


def _esc(text: object) -> str:
    return html.escape(_CONTROL.sub("\ufffd", str(text)))


def fmt_int(n: int) -> str:
    """A count with thousands separators.

    >>> fmt_int(1234567)
    '1,234,567'
    """
    return f"{n:,}"


def fmt_share(share: float) -> str:
    """A share as the page prints it.

    >>> fmt_share(0.23456), fmt_share(0.0)
    ('23.5 %', '0.0 %')
    """
    return f"{share * 100:.1f} %"


def fmt_size(n: int) -> str:
    """Bytes for a person.

    >>> fmt_size(999), fmt_size(12_345_678)
    ('999 B', '12.3 MB')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def fmt_seconds(s: float) -> str:
    """A duration.

    >>> fmt_seconds(4.25), fmt_seconds(3725)
    ('4.2 s', '1 h 02 min')
    """
    if s < 60:
        return f"{s:.1f} s"
    if s < 3600:
        return f"{int(s // 60)} min {int(s % 60):02d} s"
    return f"{int(s // 3600)} h {int(s % 3600 // 60):02d} min"


_FORMATS = {"int": fmt_int, "share": fmt_share, "size": fmt_size, "seconds": fmt_seconds}


def _fig(path: str, value: Any, kind: str) -> str:
    """A number tied to its place in the summary JSON."""
    shown = _FORMATS[kind](value)
    return f'<span data-figure="{path}" data-format="{kind}" data-value="{value!r}">{_esc(shown)}</span>'


def _card(label: str, path: str, value: Any, kind: str, note: str = "") -> str:
    extra = f'<div class="k">{note}</div>' if note else ""
    return f'<div class="card"><div class="v">{_fig(path, value, kind)}</div><div class="k">{label}</div>{extra}</div>'


def _summary(f: dict[str, Any]) -> str:
    t, run = f["totals"], f["run"]
    rate = t["documents"] / run["seconds"] if run["seconds"] > 0 else 0.0
    cards = [
        _card("documents", "totals.documents", t["documents"], "int"),
        _card("documents changed", "totals.documents_changed", t["documents_changed"], "int"),
        _card("text removed", "totals.share_removed", t["share_removed"], "share"),
        _card("bytes in", "totals.bytes_in", t["bytes_in"], "size"),
        _card("bytes out", "totals.bytes_out", t["bytes_out"], "size"),
        _card("removals", "totals.removals", t["removals"], "int", f"by {t['rules_used']:,} rules"),
        _card("held back (safety valve)", "totals.documents_held", t["documents_held"], "int"),
        _card("files failed", "totals.files_failed", t["files_failed"], "int"),
        _card("records passed through", "totals.passed_through", t["passed_through"], "int"),
        _card("malformed JSON lines", "totals.malformed", t["malformed"], "int"),
        _card("symlinks skipped", "totals.symlinks_skipped", t["symlinks_skipped"], "int"),
        _card("time", "run.seconds", run["seconds"], "seconds", f"{rate:,.0f} documents/s"),
    ]
    return '<section id="run"><div class="cards">' + "".join(cards) + "</div></section>"


def _histogram(f: dict[str, Any]) -> str:
    bins, held = f["histogram"]["bins"], f["histogram"]["held"]
    counts = [b["documents"] for b in bins] + [held]
    most = max([*counts, 1])
    width, height, left, top, bottom, bar, gap = 760, 250, 48, 30, 42, 25, 5
    base = height - bottom
    plot = base - top - 14  # room for the count above the tallest bar
    xs, x = [], left + gap
    for i in range(len(counts)):
        if i in (1, len(bins)):  # "none" and "held" stand apart from the 0-100 % scale
            x += 3 * gap
        xs.append(x)
        x += bar + gap
    parts = [
        f'<svg id="histogram" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" aria-label="documents by share of text removed">',
        f'<line class="axis" x1="{left}" y1="{base}" x2="{xs[-1] + bar + gap}" y2="{base}"/>',
        f'<text x="{left - 6}" y="{base - plot + 4}" text-anchor="end">{most:,}</text>',
        f'<text x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>',
    ]
    for i, n in enumerate(counts):
        is_held, x = i == len(bins), xs[i]
        h = round(plot * n / most, 1)
        label = "held back" if is_held else bins[i]["label"]
        path = "histogram.held" if is_held else f"histogram.bins.{i}.documents"
        parts.append(
            f'<rect class="{"held" if is_held else "bar"}" data-figure="{path}" data-value="{n}" x="{x}" '
            f'y="{base - h}" width="{bar}" height="{h}"><title>{_esc(label)}: {n:,} documents</title></rect>'
        )
        if n:
            parts.append(f'<text x="{x + bar / 2}" y="{base - h - 4}" text-anchor="middle">{n:,}</text>')
        if is_held or i == 0:
            tick = "held" if is_held else "none"
            parts.append(f'<text x="{x + bar / 2}" y="{base + 14}" text-anchor="middle">{tick}</text>')
        elif (i - 1) % 2 == 0:  # at the left edge of every other bin: 0, 10, ... 90
            parts.append(f'<text x="{x - gap / 2}" y="{base + 14}" text-anchor="middle">{(i - 1) * 5}</text>')
        if i == len(bins) - 1:
            parts.append(f'<text x="{x + bar + gap / 2}" y="{base + 14}" text-anchor="middle">100</text>')
    valve = f["run"]["max_loss"]
    start, end = xs[1] - gap / 2, xs[len(bins) - 1] + bar + gap / 2
    vx = round(start + valve * (end - start), 1)
    parts.append(f'<line class="valve" x1="{vx}" y1="{top - 6}" x2="{vx}" y2="{base}"/>')
    parts.append(f'<text x="{vx}" y="{top - 10}" text-anchor="middle">safety valve: {valve:.0%} of the prose</text>')
    parts.append(
        f'<text x="{left + (width - left) / 2}" y="{height - 8}" text-anchor="middle">'
        "share of each document's text removed (%) · none: nothing removed · held: left unchanged</text></svg>"
    )
    return "".join(parts)


def _meter(value: float, top: float) -> str:
    w = 0 if top <= 0 else max(1, round(80 * value / top))
    return f'<span class="meter" style="width:{w}px"></span>' if value else ""


def _rules(f: dict[str, Any]) -> str:
    rows = f["rules"]
    if not rows:
        return '<p class="muted">Nothing was removed.</p>'
    top = max(r["bytes"] for r in rows)
    removed = max(1, f["totals"]["bytes_removed"])
    body = []
    for i, r in enumerate(rows):
        base = f"rules.{i}"
        reasons = "<br>".join(_esc(x) for x in r["reasons"])
        body.append(
            f"<tr><td><code>{_esc(r['rule'])}</code></td><td>{_esc(r['kind'])}</td>"
            f'<td class="n" data-sort="{r["removals"]}">{_fig(base + ".removals", r["removals"], "int")}</td>'
            f'<td class="n" data-sort="{r["lines"]}">{_fig(base + ".lines", r["lines"], "int")}</td>'
            f'<td class="n" data-sort="{r["bytes"]}">{_fig(base + ".bytes", r["bytes"], "int")} '
            f"{_meter(r['bytes'], top)}</td>"
            f'<td class="n" data-sort="{r["bytes"] / removed}">{fmt_share(r["bytes"] / removed)}</td>'
            f'<td class="n" data-sort="{r["documents"]}">{_fig(base + ".documents", r["documents"], "int")}</td>'
            f"<td>{reasons}</td></tr>"
        )
    more = ""
    if f["rules_total"] > len(rows):
        more = f'<p class="muted">The {len(rows):,} rules that removed most are listed, of {f["rules_total"]:,}.</p>'
    return (
        '<div class="toolbar" data-js hidden><input id="rule-filter" type="search" placeholder="filter rules">'
        ' <span class="muted">click a column to sort</span></div>'
        '<table id="rules" class="sortable"><thead><tr><th>rule</th><th>kind</th><th class="n">removals</th>'
        '<th class="n">lines</th><th class="n">bytes</th><th class="n">of removed</th><th class="n">documents</th>'
        "<th>reason</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
        + more
        + '<p class="muted">Lines counts whole lines; an inline cut removes part of a line. '
        "<code>cleaner rule ID</code> explains a rule, with an example.</p>"
    )


def _sites(f: dict[str, Any]) -> str:
    rows = f["sites"]
    if not rows:
        return '<p class="muted">No documents.</p>'
    body = []
    for i, s in enumerate(rows):
        base = f"sites.{i}"
        name = f"<code>{_esc(s['site'])}</code>" if s["site"] else '<span class="muted">none (generic only)</span>'
        body.append(
            f"<tr><td>{name}</td>"
            f'<td class="n" data-sort="{s["documents"]}">{_fig(base + ".documents", s["documents"], "int")}</td>'
            f'<td class="n" data-sort="{s["changed"]}">{_fig(base + ".changed", s["changed"], "int")}</td>'
            f'<td class="n" data-sort="{s["held"]}">{_fig(base + ".held", s["held"], "int")}</td>'
            f'<td class="n" data-sort="{s["bytes_in"]}">{fmt_size(s["bytes_in"])}</td>'
            f'<td class="n" data-sort="{s["share_removed"]}">'
            f"{_fig(base + '.share_removed', s['share_removed'], 'share')}</td></tr>"
        )
    more = ""
    if f["sites_total"] > len(rows):
        more = f'<p class="muted">The {len(rows):,} sites with most documents are listed, of {f["sites_total"]:,}.</p>'
    return (
        '<table id="sites" class="sortable"><thead><tr><th>site</th><th class="n">documents</th>'
        '<th class="n">changed</th><th class="n">held back</th><th class="n">bytes in</th>'
        '<th class="n">text removed</th></tr></thead><tbody>' + "".join(body) + "</tbody></table>" + more
    )


def _line_html(i: int, line: str, whole: Cut | None, first: bool, spans: Sequence[Cut], held: bool) -> str:
    verb = "would remove" if held else "removed"
    if whole is not None:
        tag = ""
        if first:
            lines = f"{whole.start + 1}" if whole.end - whole.start <= 1 else f"{whole.start + 1}-{whole.end}"
            tag = f'<span class="tag" title="{verb} line {lines}: {_esc(whole.reason)}">{_esc(whole.rule)}</span>'
        text = f"<del>{_esc(line)}</del>"
        return f'<div class="ln rm"><span class="no">{i + 1}</span><span class="tx">{text}</span>{tag}</div>'
    out, at = [], 0
    for cut in sorted(spans, key=lambda c: c.span or (0, 0)):
        a, b = cut.span or (0, 0)
        if a < at or a >= len(line):
            continue
        b = min(b, len(line))
        out.append(_esc(line[at:a]))
        out.append(
            f'<del title="{verb}: {_esc(cut.reason)}">{_esc(line[a:b])}</del><span class="tag">{_esc(cut.rule)}</span>'
        )
        at = b
    out.append(_esc(line[at:]))
    return f'<div class="ln"><span class="no">{i + 1}</span><span class="tx">{"".join(out)}</span></div>'


def _doc_lines(view: DocView) -> str:
    whole: dict[int, tuple[Cut | None, bool]] = {}
    spans: dict[int, list[Cut]] = {}
    for cut in view.cuts:
        if cut.span is not None:
            spans.setdefault(cut.start, []).append(cut)
            continue
        for i in range(cut.start, min(cut.end, len(view.lines))):
            whole.setdefault(i, (cut, i == cut.start))
    rows = []
    for i, line in enumerate(view.lines):
        covering, first = whole.get(i, (None, False))
        rows.append(_line_html(i, line, covering, first, spans.get(i, ()), view.held is not None))
    if view.clipped:
        left = view.total_lines - len(view.lines)
        what = f"{left:,} more lines not shown" if left > 0 else "long lines shortened"
        rows.append(f'<div class="ln muted"><span class="no"></span><span class="tx">… {what}</span></div>')
    return "".join(rows)


def _doc(view: DocView, section: str, index: int) -> str:
    base = f"documents.{section}.{index}"
    site = f" · <code>{_esc(view.site)}</code>" if view.site else ""
    if view.held:
        status = f' · <span class="warn">held back: {_esc(view.held)}</span>'
    else:
        status = f" · {_fig(base + '.share_removed', view.share, 'share')} removed"
    kinds = sorted({rule_kind(c.rule) for c in view.cuts})
    return (
        f'<details class="doc" data-doc="{_esc(view.where)}"><summary><code>{_esc(view.where)}</code>{site}{status}'
        f' <span class="muted">· {fmt_size(view.bytes_in)} → {fmt_size(view.bytes_out)} · '
        f"{view.removals:,} removal{'' if view.removals == 1 else 's'}"
        f"{' (' + ', '.join(kinds) + ')' if kinds else ''}</span></summary>"
        f'<div class="lines">{_doc_lines(view)}</div></details>'
    )


def _docs(section: str, title: str, intro: str, views: Sequence[DocView]) -> str:
    if not views:
        return ""
    docs = "".join(_doc(v, section, i) for i, v in enumerate(views))
    return (
        f'<section id="docs-{section}"><h3>{title}</h3><p class="muted">{intro}</p>'
        f'<div class="toolbar" data-js hidden><button type="button" data-expand="open" data-target="docs-{section}">'
        f'expand all</button> <button type="button" data-expand="close" data-target="docs-{section}">collapse all'
        f"</button></div>{docs}</section>"
    )


_PROBLEM_TITLES = {
    "error": "Files that could not be cleaned",
    "held": "Held back by the safety valve (left unchanged)",
    "skipped": "Skipped",
    "passed-through": "Records passed through unchanged",
    "malformed": "Malformed JSON lines (copied unchanged)",
}


def _problems(f: dict[str, Any]) -> str:
    out = []
    for kind, entry in f["problems"].items():
        if not entry["count"]:
            continue
        listed = entry["listed"]
        items = "".join(f"<li><code>{_esc(n['where'])}</code>: {_esc(n['reason'])}</li>" for n in listed)
        more = f'<p class="muted">The first {len(listed):,} are listed.</p>' if entry["count"] > len(listed) else ""
        cls = "bad" if kind in ("error", "malformed") else "warn"
        out.append(
            f'<details id="problems-{kind}"><summary><span class="{cls}">{_PROBLEM_TITLES[kind]}: '
            f"{_fig(f'problems.{kind}.count', entry['count'], 'int')}</span></summary><ul>{items}</ul>{more}</details>"
        )
    if not out:
        return '<p class="muted">None: every document was read and cleaned.</p>'
    return "".join(out)


def render(report: Report, info: RunInfo) -> str:
    """The whole page, as text.

    >>> from cleaner.model import Removal, Result
    >>> from cleaner.report.detail import DetailSpec
    >>> r = Report.collecting(DetailSpec())
    >>> _ = r.count_document("a.txt", "Story\\nAdvertisement\\n", Result("Story\\n", removed=[
    ...     Removal("generic.ad-marker-line", 1, 2, "advertisement marker")]))
    >>> page = render(r, RunInfo())
    >>> page.startswith("<!doctype html>"), "<del>Advertisement</del>" in page, "://" in page
    (True, True, False)
    """
    f = figures(report, info)
    run, docs, limits = f["run"], f["documents"], f["limits"]
    status = ""
    if report.interrupted:
        status = (
            '<p class="bad">Interrupted: the figures cover the documents cleaned before the stop; '
            "files not reached were left as they were.</p>"
        )
    elif f["totals"]["files_failed"] or f["totals"]["malformed"]:
        status = '<p class="bad">Some input could not be cleaned: see Problems below.</p>'
    sampled = f"{len(docs['sample']):,} of {f['totals']['documents']:,} documents"
    sections = [
        _docs(
            "most_removed",
            "Lost the most",
            "The documents that lost the largest share of their text: check nothing of the story went.",
            report.detail.most if report.detail else [],
        ),
        _docs(
            "least_removed",
            "Lost the least",
            "The documents that lost the smallest share: boilerplate a rule missed shows up here.",
            report.detail.least if report.detail else [],
        ),
        _docs(
            "sample",
            f"A sample ({sampled}, seed {limits['seed']})",
            "Chosen by a seeded hash of each document's name: two runs over the same files show the same ones "
            "(another sample: <code>--report-seed N</code>).",
            report.detail.sample if report.detail else [],
        ),
        _docs(
            "held",
            "Held back by the safety valve",
            "Left unchanged because cleaning would have taken (nearly) all their prose; struck through is what "
            "would have gone. <code>--force</code> cleans them anyway.",
            report.detail.held if report.detail else [],
        ),
    ]
    body = "".join(sections) or '<p class="muted">No documents were cleaned.</p>'
    caps = (
        f"Bounded whatever the run's size: the figures count every document, while the page lists at most "
        f"{limits['extremes']:,} documents at each end, a sample of {limits['sample']:,}, "
        f"{limits['held']:,} held-back documents, {limits['notes']:,} problems of each kind, "
        f"{limits['rule_rows']:,} rules and {limits['site_rows']:,} sites, and shows at most "
        f"{limits['doc_lines']:,} lines ({limits['doc_chars']:,} characters) of each document."
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>cleaner report: {f['totals']['documents']:,} documents</title><style>{CSS}</style></head><body>"
        f'<header><h1>cleaner report</h1><p class="muted"><code>{_esc(run["command"])}</code><br>'
        f"started {_esc(run['started'] or 'now')} · mode {_esc(run['mode'])} · engine {_esc(run['engine'])} · "
        f"{run['jobs']:,} job{'s' if run['jobs'] != 1 else ''} · cleaner {_esc(run['version'])}</p>{status}</header>"
        f"<h2>The run</h2>{_summary(f)}"
        "<h2>Share of text removed per document</h2>"
        '<p class="muted">Documents near 0 % may hold boilerplate a rule missed; those near the top, or held back, '
        "may have lost story text. Both are listed below.</p>"
        f"{_histogram(f)}"
        f"<h2>Problems</h2>{_problems(f)}"
        f"<h2>Rules and heuristics</h2>{_rules(f)}"
        f"<h2>Sites</h2>{_sites(f)}"
        f"<h2>Documents</h2>{body}"
        f"<footer><p>{caps}</p><p>The same figures, for machines: <code>--summary-json FILE</code>.</p></footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
