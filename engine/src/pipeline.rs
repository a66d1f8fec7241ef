//! One document through the engine: the ordered stages, the one place that applies removals, tidying,
//! the passes to a fixed point, metadata and the safety valve's measure (port of `cleaner/pipeline.py`).
//!
//! Stages decide and return removals; only [`apply_removals`] changes the document. Cleaning repeats on
//! its own output until nothing changes (at most [`MAX_PASSES`]), so cleaning is idempotent.

use std::rc::Rc;

use crate::ctx::Ctx;
use crate::doc::{blank_line, line_slices, Document};
use crate::generic::Generic;
use crate::heuristics::{Decide, Heuristic, Stage};
use crate::pystr;
use crate::removal::Removal;
use crate::threads::{COMMENT_THREAD, THREAD_OF_BARE_NAMES, THREAD_UNDER_HEADER};

/// Passes at most: the second proves the first's output stable (or finds what it uncovered). A settled
/// heuristic runs on a pass that found nothing else, after up to two passes of the others, and what it
/// removes may uncover a line once more (a mark under a pager link that ended the story), so five: a page
/// that settles sooner stops sooner, and with three eight dev dumps were not idempotent.
pub const MAX_PASSES: usize = 5;

/// Prose characters left after cleaning that are a story, not a near-total loss, whatever the share lost.
pub const VALVE_KEEPS_ENOUGH: usize = 600;

/// Rule id of a `# url:` first line taken out of the text.
pub const URL_HEADER_RULE: &str = "input.url-header";
/// Why a `# url:` first line is taken out.
pub const URL_HEADER_REASON: &str = "source URL header, not article text";

/// How to clean.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run the generic stage.
    pub generic: bool,
    /// Share of prose that, once exceeded, holds the document back.
    pub max_loss: f64,
    /// Clean whatever the valve says.
    pub force: bool,
    /// Extract metadata.
    pub metadata: bool,
    /// Longer lines (in code points) are kept untouched and unread by every stage (0: no limit).
    pub max_line_chars: usize,
    /// Record what each removal took (`Removal::text`); without it the texts are empty, for a caller
    /// that wants the text alone. Metadata reads the texts of bylines and dates: with `metadata` they
    /// are recorded whatever this says.
    pub removal_texts: bool,
    /// The generic heuristics to run (all but those ignored); `generic: false` runs none.
    pub stage: Stage,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            generic: true,
            max_loss: 0.9,
            force: false,
            metadata: true,
            max_line_chars: 100_000,
            removal_texts: true,
            stage: Stage::default(),
        }
    }
}

/// Why the safety valve held a document back (its text is then the input, unchanged).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Held {
    /// Cleaning would leave nothing.
    Everything,
    /// Cleaning would lose this share of the prose.
    Loss(f64),
}

/// What cleaning one document gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The cleaned text (or, when held, the input as given).
    pub text: String,
    /// The first line of the cleaned text.
    pub title: String,
    /// Every removal, in the order made, with line numbers of the input.
    pub removed: Vec<Removal>,
    /// Metadata fields found, in their fixed order.
    pub metadata: Vec<(&'static str, String)>,
    /// Set when the safety valve kept the document unchanged.
    pub held: Option<Held>,
}

/// The site stage of a known site: sets protected lines on the document and returns its removals.
pub trait SiteStage {
    /// Decide on `doc` (one pass); an error aborts the document.
    fn decide(&mut self, doc: &mut Document) -> Result<Vec<Removal>, String>;
}

/// Clean `text` (newlines already normalised). `url_header`: the first line is a `# url:` header to take out.
///
/// ```
/// use cleaner_engine::{generic::Generic, pipeline::{clean, Options}};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let out = clean(&g, "Title\n\nAdvertisement\n\nThe story goes on and on, as stories do.\n", &Options::default(), false, None).unwrap();
/// assert_eq!(out.text, "Title\n\nThe story goes on and on, as stories do.\n");
/// assert_eq!(out.removed[0].rule, "generic.ad-marker-line");
/// ```
pub fn clean(
    g: &Generic,
    text: &str,
    opts: &Options,
    url_header: bool,
    site: Option<&mut dyn SiteStage>,
) -> Result<Output, String> {
    clean_in(&Ctx::new(g), text, opts, url_header, site)
}

/// [`clean`] with a context that may hold what other documents taught it: a line's memories are facts
/// of its text (those that depend on the page's stop words say which), so a caller cleaning related
/// texts in turn (one page with and without a site stage, a site's pages) works each line out once.
/// Those texts are cleaned with one [`Options::stage`]: a line remembers the verdict of a run of line
/// heuristics by the run's position in the stage.
///
/// ```
/// use cleaner_engine::{ctx::Ctx, generic::Generic, pipeline::{clean, clean_in, Options}};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let (cx, opts) = (Ctx::new(&g), Options::default());
/// for text in ["Title\n\nAdvertisement\n\nThe story goes on.\n", "Other\n\nAdvertisement\nMore story here.\n"] {
///     assert_eq!(clean_in(&cx, text, &opts, false, None), clean(&g, text, &opts, false, None));
/// }
/// ```
pub fn clean_in(
    cx: &Ctx,
    text: &str,
    opts: &Options,
    url_header: bool,
    mut site: Option<&mut dyn SiteStage>,
) -> Result<Output, String> {
    let g = cx.g;
    let input_lines = line_slices(text);
    if opts.generic {
        cx.reserve(input_lines.len());
    }
    // The lines a pass starts from, moved into its document and back out of it by `tidy`: each line is
    // copied once, from the input, whatever the number of passes (the context's memory of a line shares
    // this text).
    // The empty lines share one text, as empty strings did (none allocated).
    let empty: Rc<str> = Rc::from("");
    let mut lines: Vec<Rc<str>> = input_lines
        .iter()
        .map(|&l| if l.is_empty() { Rc::clone(&empty) } else { Rc::from(l) })
        .collect();
    let mut origin: Vec<usize> = (0..input_lines.len()).collect();
    let mut removed = Vec::new();
    let texts = opts.removal_texts || opts.metadata;
    let _page = opts.generic.then(|| PageSet::new(cx, text));
    for n in 0..MAX_PASSES {
        let before = lines.len();
        // A site stage is asked to set protected lines and return removals; were it to change a line's
        // text, only a copy would tell.
        let copy = (n > 0 && site.is_some()).then(|| lines.clone());
        if opts.generic {
            cx.set_page_origin(&origin);
        }
        let mut doc = Document::new(std::mem::take(&mut lines));
        let hidden = shield_long_lines(&mut doc, opts.max_line_chars);
        let mut found = Vec::new();
        if n == 0 && url_header {
            let header = Removal::lines(URL_HEADER_RULE, 0, 1, URL_HEADER_REASON, String::new());
            apply(&mut doc, vec![header], texts, &mut found);
        }
        if let Some(stage) = site.as_deref_mut() {
            let decided = stage.decide(&mut doc)?;
            apply(&mut doc, decided, texts, &mut found);
        }
        if opts.generic {
            one_pass(cx, opts.stage.heuristics(), &mut doc, &mut found, texts);
        }
        unshield_lines(&mut doc, hidden);
        let cut = found.iter().any(|r| r.span.is_some());
        let (out, out_origin) = tidy(doc.lines, &doc.alive);
        removed.extend(found.into_iter().map(|r| remap(r, &origin)));
        // A later pass starts from `tidy`'s output, which `tidy` leaves as it is: that pass changed
        // nothing exactly when it kept every line (`tidy` gives at most one line per kept line) and cut
        // none (a cut that takes effect shortens its line for good), so no text need be compared.
        let same = match (n, copy) {
            (0, _) => out.len() == input_lines.len() && out.iter().zip(&input_lines).all(|(a, b)| **a == **b),
            (_, Some(copy)) => out == copy,
            (_, None) => out.len() == before && !cut,
        };
        lines = out;
        if same {
            break;
        }
        origin = out_origin.iter().map(|&i| origin[i]).collect();
    }
    let title = lines.first().map(|l| l.to_string()).unwrap_or_default();
    let cleaned = join_output(&lines);
    let metadata = if opts.metadata {
        g.metadata.extract(&input_lines, &removed)
    } else {
        Vec::new()
    };
    let held = valve(opts, &input_lines, &lines, &removed);
    let text = if held.is_some() { text.to_string() } else { cleaned };
    Ok(Output {
        text,
        title,
        removed,
        metadata,
        held,
    })
}

/// The page being cleaned, set on the context for as long as this lives (an error ends the cleaning early).
struct PageSet<'c, 'g>(&'c Ctx<'g>);

impl<'c, 'g> PageSet<'c, 'g> {
    fn new(cx: &'c Ctx<'g>, text: &str) -> Self {
        cx.set_page(text);
        PageSet(cx)
    }
}

impl Drop for PageSet<'_, '_> {
    fn drop(&mut self) {
        self.0.clear_page();
    }
}

/// The generic stage once over `doc`: runs of line heuristics decide every kept line once, each line
/// going to the first heuristic of the run that takes it (the same as running them one after another).
/// A settled heuristic ([`Decide::Settled`]) runs only when the heuristics before it removed nothing on
/// this pass.
fn one_pass(cx: &Ctx, heuristics: &[Heuristic], doc: &mut Document, found: &mut Vec<Removal>, texts: bool) {
    cx.bind(doc);
    let before = found.len();
    let mut k = 0;
    while k < heuristics.len() {
        let run = heuristics[k..]
            .iter()
            .take_while(|h| matches!(h.decide, Decide::Line(_)))
            .count();
        if run == 0 {
            match heuristics[k].decide {
                Decide::Doc(decide) => {
                    let decided = decide(cx, doc);
                    apply_bound(cx, doc, decided, found, texts);
                }
                Decide::Settled(decide) if found.len() == before => {
                    let decided = decide(cx, doc);
                    apply_bound(cx, doc, decided, found, texts);
                }
                _ => {}
            }
            k += 1;
            continue;
        }
        for decided in line_row(cx, doc, k, &heuristics[k..k + run]) {
            apply_bound(cx, doc, decided, found, texts);
        }
        k += run;
    }
    cx.unbind();
}

/// [`apply_removals`] on the document `cx` is bound to, binding each line given to a cut again (its
/// text is a new string, even when no cut took effect).
fn apply_bound(cx: &Ctx, doc: &mut Document, decided: Vec<Removal>, found: &mut Vec<Removal>, texts: bool) {
    if decided.is_empty() {
        return;
    }
    cx.changed();
    let cut: Vec<usize> = decided.iter().filter(|r| r.span.is_some()).map(|r| r.start).collect();
    apply(doc, decided, texts, found);
    for i in cut.into_iter().filter(|&i| i < doc.len()) {
        cx.rebind(doc, i);
    }
}

/// For each heuristic of a run of line heuristics, the kept, unprotected lines it is the first to take.
fn line_row(cx: &Ctx, doc: &Document, at: usize, row: &[Heuristic]) -> Vec<Vec<Removal>> {
    let mut out: Vec<Vec<Removal>> = vec![Vec::new(); row.len()];
    for &i in cx.kept(doc).iter() {
        if doc.protected[i] {
            continue;
        }
        let line = &*doc.lines[i];
        let verdict = cx.row_verdict(at, doc, i, || {
            row.iter().position(|h| match h.decide {
                Decide::Line(test) => test(cx, line),
                Decide::Doc(_) | Decide::Settled(_) => false,
            })
        });
        if let Some(k) = verdict {
            // No text: `apply_removals` records the text of what a removal takes.
            out[k].push(Removal::lines(row[k].id, i, i + 1, row[k].reason, String::new()));
        }
    }
    out
}

/// Apply removals to `doc`; return the ones that took effect, split around protected lines.
///
/// A line removal takes the alive, unprotected lines of its range (a run with no text records
/// nothing); a cut (`span`, in code points) edits its line, cuts of one line applied left to right.
///
/// ```
/// use cleaner_engine::{doc::Document, pipeline::apply_removals, removal::Removal};
/// let mut d = Document::from_text("a\nb\nc");
/// d.protected[1] = true;
/// let done = apply_removals(&mut d, vec![Removal::lines("x.y", 0, 3, "why", String::new())]);
/// assert_eq!(done.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(), vec![(0, 1), (2, 3)]);
/// ```
pub fn apply_removals(doc: &mut Document, removals: Vec<Removal>) -> Vec<Removal> {
    let mut done = Vec::with_capacity(removals.len());
    apply(doc, removals, true, &mut done);
    done
}

/// [`apply_removals`], the removals' texts recorded only when `texts` is set, appended to `done` (the
/// pass's list: no vector of their own to move them out of).
fn apply(doc: &mut Document, removals: Vec<Removal>, texts: bool, done: &mut Vec<Removal>) {
    let text_of = |doc: &Document, a: usize, i: usize| if texts { doc.text_of(a, i) } else { String::new() };
    let mut cuts: Vec<(usize, Vec<Removal>)> = Vec::new();
    let n = doc.len();
    // The runs of lines one removal takes that hold text.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for r in removals {
        if r.span.is_some() {
            if r.start < n && doc.alive[r.start] {
                match cuts.iter_mut().find(|(i, _)| *i == r.start) {
                    Some((_, line_cuts)) => line_cuts.push(r),
                    None => cuts.push((r.start, vec![r])),
                }
            }
            continue;
        }
        let end = r.end.min(n);
        let mut run_start: Option<usize> = None;
        runs.clear();
        for i in r.start..=end.max(r.start) {
            let takes = i < end && doc.alive[i] && !doc.protected[i];
            match run_start {
                None if takes => run_start = Some(i),
                Some(a) if !takes => {
                    if doc.lines[a..i].iter().any(|l| !pystr::strip(l).is_empty()) {
                        runs.push((a, i));
                    }
                    doc.alive[a..i].iter_mut().for_each(|x| *x = false);
                    run_start = None;
                }
                _ => {}
            }
        }
        // The last run takes the decision's rule and reason, the others a copy (a run with text is
        // nearly always the only one).
        if let Some((&(a, i), others)) = runs.split_last() {
            for &(a, i) in others {
                done.push(Removal::lines(&r.rule, a, i, &r.reason, text_of(doc, a, i)));
            }
            done.push(Removal {
                start: a,
                end: i,
                text: text_of(doc, a, i),
                ..r
            });
        }
    }
    for (i, line_cuts) in cuts {
        cut_line(doc, i, line_cuts, texts, done);
    }
}

/// Byte offset of code point `k` in `s` (its length when `k` is past the end).
fn byte_at(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(b, _)| b)
}

fn cut_line(doc: &mut Document, i: usize, mut cuts: Vec<Removal>, texts: bool, done: &mut Vec<Removal>) {
    cuts.sort_by_key(|c| c.span.unwrap_or((0, 0)));
    let line = Rc::clone(&doc.lines[i]);
    let line = &*line;
    let chars = pystr::len(line);
    let mut keep = String::with_capacity(line.len());
    let mut pos = 0;
    for r in cuts {
        let (a, b) = r.span.unwrap_or((0, 0));
        let (a, b) = (a.max(pos).min(chars), b.min(chars));
        if b <= a {
            continue;
        }
        let (pa, ba, bb) = (byte_at(line, pos), byte_at(line, a), byte_at(line, b));
        keep.push_str(&line[pa..ba]);
        let text = if texts { line[ba..bb].to_string() } else { String::new() };
        done.push(Removal::cut(&r.rule, i, (a, b), &r.reason, text));
        pos = b;
    }
    keep.push_str(&line[byte_at(line, pos)..]);
    doc.lines[i] = keep.into();
}

/// Hide lines longer than `limit` code points from the stages: protected, and shown as empty.
fn shield_long_lines(doc: &mut Document, limit: usize) -> Vec<(usize, Rc<str>)> {
    if limit == 0 {
        return Vec::new();
    }
    let mut hidden = Vec::new();
    for i in 0..doc.len() {
        // A line's bytes are at least its code points: most lines are settled without counting.
        if doc.lines[i].len() > limit && pystr::len(&doc.lines[i]) > limit {
            hidden.push((i, std::mem::take(&mut doc.lines[i])));
            doc.protected[i] = true;
        }
    }
    hidden
}

fn unshield_lines(doc: &mut Document, hidden: Vec<(usize, Rc<str>)>) {
    for (i, line) in hidden {
        doc.lines[i] = line;
        doc.alive[i] = true;
    }
}

/// Kept lines in output form, and for each the index of its input line: trailing spaces trimmed, blank
/// runs collapsed to one blank line, none at the start or end. Each kept line is moved, not copied (a
/// line with trailing spaces is copied without them).
///
/// ```
/// use std::rc::Rc;
/// use cleaner_engine::pipeline::tidy;
/// let lines: Vec<Rc<str>> = ["", "a  ", "", "", "b", ""].map(Rc::from).into();
/// let (out, origin) = tidy(lines, &[true; 6]);
/// assert_eq!((out, origin), (vec!["a".into(), "".into(), "b".into()], vec![1, 2, 4]));
/// ```
pub fn tidy(lines: Vec<Rc<str>>, alive: &[bool]) -> (Vec<Rc<str>>, Vec<usize>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut origin = Vec::with_capacity(lines.len());
    let mut pending_blank: Option<usize> = None;
    // One text for the blank lines kept, an empty line's when there is one.
    let mut empty: Option<Rc<str>> = None;
    for (i, line) in lines.into_iter().enumerate() {
        if line.is_empty() && empty.is_none() {
            empty = Some(Rc::clone(&line));
        }
        if !alive[i] {
            continue;
        }
        let keep = pystr::rstrip(&line).len();
        if blank_line(&line[..keep]) {
            if !out.is_empty() && pending_blank.is_none() {
                pending_blank = Some(i);
            }
            continue;
        }
        if let Some(b) = pending_blank.take() {
            out.push(Rc::clone(empty.get_or_insert_with(|| Rc::from(""))));
            origin.push(b);
        }
        out.push(if keep < line.len() {
            Rc::from(&line[..keep])
        } else {
            line
        });
        origin.push(i);
    }
    (out, origin)
}

/// Join output lines; a non-empty text ends with exactly one newline.
///
/// ```
/// use cleaner_engine::pipeline::join_output;
/// assert_eq!(join_output(&["a".to_string(), "b".to_string()]), "a\nb\n");
/// assert_eq!(join_output::<&str>(&[]), "");
/// ```
pub fn join_output<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.as_ref().len() + 1).sum());
    for line in lines {
        out.push_str(line.as_ref());
        out.push('\n');
    }
    out
}

fn remap(r: Removal, origin: &[usize]) -> Removal {
    if origin.is_empty() || r.start >= origin.len() {
        return r;
    }
    let start = origin[r.start];
    let end = if r.end > r.start {
        origin[(r.end - 1).min(origin.len() - 1)] + 1
    } else {
        start + 1
    };
    Removal { start, end, ..r }
}

/// Characters on prose-like lines (six words or more); all characters when there are none.
///
/// The safety valve measures loss against this, so a dump that is mostly menu still counts its
/// story, not its menu, as the text at stake.
///
/// ```
/// use cleaner_engine::pipeline::prose_chars;
/// assert_eq!(prose_chars(&["Home".to_string(), "This line has more than six words in it.".to_string()]), 40);
/// ```
pub fn prose_chars<S: AsRef<str>>(lines: &[S]) -> usize {
    prose_chars_up_to(lines, usize::MAX)
}

/// [`prose_chars`], or some count of at least `enough` as soon as the prose lines reach it (the
/// valve only asks whether the output keeps enough, so the rest of a long story need not be read).
pub(crate) fn prose_chars_up_to<S: AsRef<str>>(lines: impl IntoIterator<Item = S>, enough: usize) -> usize {
    // Both sums in one pass, each line stripped and told ASCII or not once.
    let (mut prose, mut all) = (0, 0);
    for line in lines {
        let stripped = pystr::strip(line.as_ref());
        let ascii = stripped.is_ascii();
        let chars = if ascii { stripped.len() } else { pystr::len(stripped) };
        all += chars;
        if six_words(stripped, ascii) {
            prose += chars;
            if prose >= enough {
                return prose;
            }
        }
    }
    if prose > 0 {
        prose
    } else {
        all
    }
}

/// Whether `s.split()` has six words or more (`ascii`: whether `s` is).
fn six_words(s: &str, ascii: bool) -> bool {
    if !ascii {
        return s.split(pystr::is_space).filter(|w| !w.is_empty()).nth(5).is_some();
    }
    // Byte by byte: a word starts at each byte that is no space after one that is (or the start).
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = pystr::is_space(char::from(b));
        if !space && !in_word {
            words += 1;
            if words == 6 {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// Rules whose removals the safety valve does not count as loss: a comment section, known by its header
/// under some story prose, is none of the document's text (POLICY.md), and on a short post it outweighs the
/// story many times over. Not `generic.comment-thread` taken from its first signature: the signatures it goes
/// by are no header, and counted as no loss they let pages through whose story the region had cut short
/// (docs/quality.md); a thread it took from a comments header right above ([`THREAD_UNDER_HEADER`]) is
/// known by both, and is no loss even under a post too short for [`VALVE_STORY_LEFT`]. A thread of bare names
/// over short dates ([`THREAD_OF_BARE_NAMES`]) has no header; it is no loss only when a story is left and no
/// sentence another rule took lies between the story and the thread.
const NOT_LOSS_RULES: [&str; 1] = ["generic.comments-block"];
/// Prose characters the output keeps for [`NOT_LOSS_RULES`] to count as no loss (the story prose the
/// comments header wants above it, `trailing::COMMENTS_AFTER_CHARS`).
const VALVE_STORY_LEFT: usize = crate::trailing::COMMENTS_AFTER_CHARS;

/// Blocks of teasers under their header (`You might also like`, `Related posts`) that the valve counts as no
/// loss when they lie right under what the output keeps.
const UNDER_STORY_RULES: [&str; 1] = ["generic.trailing-block"];
/// A page footer under the story counts as no loss on the same terms when it holds no sentence: rows of
/// titles and links, not the rest of a story the region cut short.
const TITLES_UNDER_STORY_RULE: &str = "generic.footer-region";

/// A sentence, for the valve: six words or more and a closing stop (teaser titles have none).
fn sentence(line: &str) -> bool {
    let stripped = pystr::strip(line);
    six_words(stripped, stripped.is_ascii()) && stripped.ends_with(['.', '!', '?', '"', '”'])
}

/// Marks in `not_loss` the lines of each block of [`UNDER_STORY_RULES`] (or a [`TITLES_UNDER_STORY_RULE`]
/// block with no sentence) that starts under the output's last line with no sentence between: its header
/// then closes the story the output keeps, as a comments header does. A block under sentences the cleaning
/// removed may close another block, not the story, and stays a loss. `gone`: [`gone_lines`].
fn under_story_blocks(before_lines: &[&str], removed: &[Removal], gone: &[bool], not_loss: &mut [bool]) {
    let Some(last) = last_kept_above(before_lines, gone, before_lines.len()) else {
        return;
    };
    let mut blocks: Vec<&Removal> = removed
        .iter()
        .filter(|r| {
            r.span.is_none()
                && r.start > last
                && (UNDER_STORY_RULES.contains(&r.rule.as_str()) || r.rule == TITLES_UNDER_STORY_RULE)
        })
        .collect();
    blocks.sort_by_key(|r| r.start);
    // Blocks in a row under the story, each under the one above with no sentence between.
    let mut from = last + 1;
    for r in blocks {
        let between = before_lines.get(from..r.start).unwrap_or_default();
        let inside = before_lines.get(r.start..r.end).unwrap_or_default();
        if between.iter().any(|l| sentence(l))
            || (r.rule == TITLES_UNDER_STORY_RULE && inside.iter().any(|l| sentence(l)))
        {
            break;
        }
        for c in not_loss.iter_mut().take(r.end).skip(r.start) {
            *c = true;
        }
        from = from.max(r.end);
    }
}

/// The input lines a removal took whole (cut spans aside).
fn gone_lines(before_lines: &[&str], removed: &[Removal]) -> Vec<bool> {
    let mut gone = vec![false; before_lines.len()];
    for r in removed.iter().filter(|r| r.span.is_none()) {
        for g in gone.iter_mut().take(r.end).skip(r.start) {
            *g = true;
        }
    }
    gone
}

/// The last input line above `end` that the output keeps (not `gone`, not blank).
fn last_kept_above(before_lines: &[&str], gone: &[bool], end: usize) -> Option<usize> {
    (0..end.min(before_lines.len()))
        .rev()
        .find(|&i| !gone[i] && !blank_line(before_lines[i]))
}

/// Whether no sentence lies between the last line the output keeps above `start` and `start`.
fn right_under_story(before_lines: &[&str], gone: &[bool], start: usize) -> bool {
    let start = start.min(before_lines.len());
    let Some(last) = last_kept_above(before_lines, gone, start) else {
        return false;
    };
    !before_lines[last + 1..start].iter().any(|l| sentence(l))
}

fn valve<S: AsRef<str>>(opts: &Options, before_lines: &[&str], after_lines: &[S], removed: &[Removal]) -> Option<Held> {
    if opts.force {
        return None;
    }
    if after_lines.is_empty() {
        return (prose_chars_up_to(before_lines, usize::MAX) > 0).then_some(Held::Everything);
    }
    // A page can be mostly comments, teasers and consent text; a cleaned story this long is not a
    // near-total loss, whatever the input held: most outputs settle the valve without the input read.
    let after = prose_chars_up_to(after_lines, VALVE_KEEPS_ENOUGH);
    if after >= VALVE_KEEPS_ENOUGH {
        return None;
    }
    let mut comments = vec![false; before_lines.len()];
    // A header taken for the comments' too early leaves little story: then the section counts as loss.
    let story_left = after >= VALVE_STORY_LEFT;
    // What the output lost, read only where a story is left (the tests under it ask it).
    let gone = if story_left {
        gone_lines(before_lines, removed)
    } else {
        Vec::new()
    };
    for r in removed.iter().filter(|r| {
        r.span.is_none()
            && ((story_left && NOT_LOSS_RULES.contains(&r.rule.as_str()))
                || (r.rule == COMMENT_THREAD.id && r.reason == THREAD_UNDER_HEADER)
                || (story_left
                    && r.rule == COMMENT_THREAD.id
                    && r.reason == THREAD_OF_BARE_NAMES
                    && right_under_story(before_lines, &gone, r.start)))
    }) {
        for c in comments.iter_mut().take(r.end).skip(r.start) {
            *c = true;
        }
    }
    if story_left {
        under_story_blocks(before_lines, removed, &gone, &mut comments);
    }
    let story = before_lines.iter().zip(&comments).filter(|(_, &c)| !c).map(|(l, _)| l);
    let before = prose_chars_up_to(story, usize::MAX);
    if before == 0 {
        return None;
    }
    let loss = 1.0 - after as f64 / before as f64;
    (loss > opts.max_loss).then_some(Held::Loss(loss))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(n: usize, what: &str) -> Vec<String> {
        (0..n)
            .map(|k| format!("{what} number {k} goes on for a while, as such lines do on a page."))
            .collect()
    }

    /// A page of `story` sentences and 100 comments after them, cleaned down to the story: the comments went
    /// with `rule`.
    fn valve_of(story: usize, rule: &str) -> Option<Held> {
        let before: Vec<String> = [sentences(story, "Story"), sentences(100, "Comment")].concat();
        let before: Vec<&str> = before.iter().map(String::as_str).collect();
        let after = sentences(story, "Story");
        let removed = vec![Removal::lines(rule, story, story + 100, "test", String::new())];
        valve(&Options::default(), &before, &after, &removed)
    }

    #[test]
    fn a_page_that_settles_on_the_third_pass() {
        let g = crate::testkit::generic();
        let story = "The council approved the new budget on Monday after a long debate in the hall.";
        // The ad marker goes on the first pass, the picture's label (a settled heuristic) on the second,
        // where nothing else went, and the third finds nothing more.
        let text = format!("Budget passes  \n\n\nAdvertisement\n\n{story}\n[gif]\n\n{story} Again.\n");
        let out = clean(g, &text, &Options::default(), false, None).unwrap();
        assert_eq!(out.text, format!("Budget passes\n\n{story}\n\n{story} Again.\n"));
        assert_eq!(out.title, "Budget passes");
        let removed: Vec<(&str, usize, usize, &str)> = out
            .removed
            .iter()
            .map(|r| (r.rule.as_str(), r.start, r.end, r.text.as_str()))
            .collect();
        assert_eq!(
            removed,
            [
                ("generic.ad-marker-line", 3, 4, "Advertisement"),
                ("generic.image-label", 6, 7, "[gif]")
            ]
        );
        let again = clean(g, &out.text, &Options::default(), false, None).unwrap();
        assert_eq!((again.text, again.removed), (out.text, vec![]));
    }

    /// The footer under the story prints the headline again; the first pass cuts that footer and a pager line
    /// between the headline and the blog's name above it (longer, so ranked first when nothing repeats):
    /// the later passes still read the repeat the first pass's header read, and keep the headline.
    #[test]
    fn a_headline_printed_again_in_a_footer_a_pass_removed_stays_the_headline() {
        let g = crate::testkit::generic();
        let story = [
            "We planted the first tomatoes of the year last weekend, a little earlier than the seed packets advise.",
            "The soil had warmed for a fortnight and the forecast promised no more frost, so the risk seemed small.",
            "Each plant went in deep, up to its first leaves, with a handful of compost and a drink of rain water.",
        ];
        let text = format!(
            "Our Allotment\nNotes from a small plot by the river.\n\nHome\nAbout\nArchives\n\n\
             Our Allotment Gardening Diary Blog\n\nPowered by Example\nMember since 2004\n\n\
             « Sowing beans | Home | Netting the brassicas »\n\nTomatoes in early May\n\n{}\n\n{}\n\n{}\n\n\
             Posted by Ann on May 3, 2012 | Permalink\n\nTrackback address for this entry:\n\
             http://www.example.org/trackback/12345\n\nOther sites that mention Tomatoes in early May:",
            story[0], story[1], story[2]
        );
        let out = clean(g, &text, &Options::default(), false, None).unwrap();
        assert_eq!(
            out.text,
            format!(
                "Tomatoes in early May\n\n{}\n\n{}\n\n{}\n",
                story[0], story[1], story[2]
            )
        );
        assert_eq!(out.title, "Tomatoes in early May");
        let blog_name = out.removed.iter().find(|r| r.start == 7).unwrap();
        assert_eq!(blog_name.rule, "generic.header-region");
        let again = clean(g, &out.text, &Options::default(), false, None).unwrap();
        assert_eq!((again.text, again.removed), (out.text, vec![]));
    }

    #[test]
    fn without_removal_texts_the_same_removals_are_made() {
        let g = crate::testkit::generic();
        let text = "Budget passes\n\nAdvertisement\n\nThe council approved the new budget on Monday.\n";
        let plain = Options {
            metadata: false,
            removal_texts: false,
            ..Options::default()
        };
        let out = clean(g, text, &plain, false, None).unwrap();
        assert_eq!(
            out.text,
            "Budget passes\n\nThe council approved the new budget on Monday.\n"
        );
        let removed: Vec<(&str, usize, &str)> = out
            .removed
            .iter()
            .map(|r| (r.rule.as_str(), r.start, r.text.as_str()))
            .collect();
        assert_eq!(removed, [("generic.ad-marker-line", 2, "")]);
        // Metadata reads the texts of what went: asked for, they are recorded.
        let with_metadata = Options {
            metadata: true,
            ..plain
        };
        assert_eq!(
            clean(g, text, &with_metadata, false, None).unwrap().removed[0].text,
            "Advertisement"
        );
    }

    #[test]
    fn an_ignored_heuristic_removes_nothing_and_the_others_still_do() {
        let g = crate::testkit::generic();
        let text = "Budget passes\n\nAdvertisement\n\nThe council approved the new budget on Monday.\n\n\
                    Photo: Reuters\n\nThe mayor called the vote a turning point for the city and its people.\n";
        let rules = |opts: &Options| -> Vec<String> {
            let out = clean(g, text, opts, false, None).unwrap();
            out.removed.into_iter().map(|r| r.rule).collect()
        };
        assert_eq!(
            rules(&Options::default()),
            ["generic.ad-marker-line", "generic.caption"]
        );
        let stage = crate::heuristics::Stage::without(&["generic.caption"]).unwrap();
        let opts = Options {
            stage,
            ..Options::default()
        };
        assert_eq!(rules(&opts), ["generic.ad-marker-line"]);
    }

    #[test]
    fn a_thread_under_its_header_is_no_loss_under_a_short_post() {
        // One sentence of 63 characters under 100 comments: far under the story a comments header wants.
        let before: Vec<String> = [sentences(1, "Story"), sentences(100, "Comment")].concat();
        let before: Vec<&str> = before.iter().map(String::as_str).collect();
        let after = sentences(1, "Story");
        let thread = |reason: &str| vec![Removal::lines("generic.comment-thread", 1, 101, reason, String::new())];
        let valve_with = |reason| valve(&Options::default(), &before, &after, &thread(reason));
        assert_eq!(valve_with(crate::threads::THREAD_UNDER_HEADER), None);
        assert!(matches!(valve_with(COMMENT_THREAD.reason), Some(Held::Loss(_))));
    }

    #[test]
    fn a_thread_of_bare_names_is_no_loss_right_under_the_story() {
        use crate::threads::THREAD_OF_BARE_NAMES;
        // Nine sentences of a story (567 characters: short enough for the valve to weigh), 100 comments under
        // them; the output keeps the story or its first seven sentences (441, enough story left either way).
        let story = sentences(9, "Story");
        let before: Vec<String> = [story.clone(), sentences(100, "Comment")].concat();
        let before: Vec<&str> = before.iter().map(String::as_str).collect();
        let thread = |reason: &str| Removal::lines(COMMENT_THREAD.id, 9, 109, reason, String::new());
        let opts = Options::default();
        assert_eq!(valve(&opts, &before, &story, &[thread(THREAD_OF_BARE_NAMES)]), None);
        assert!(matches!(
            valve(&opts, &before, &story, &[thread(COMMENT_THREAD.reason)]),
            Some(Held::Loss(_))
        ));
        // Two sentences of the story another rule took lie between: the thread may hold the rest of the story.
        let cut = Removal::lines("generic.footer-region", 7, 9, "test", String::new());
        assert!(matches!(
            valve(&opts, &before, &story[..7], &[cut, thread(THREAD_OF_BARE_NAMES)]),
            Some(Held::Loss(_))
        ));
    }

    #[test]
    fn a_comment_section_is_no_loss_when_a_story_is_left() {
        // Six sentences of 63 characters: 378, under the story the comments header wants above it.
        assert!(matches!(valve_of(6, "generic.comments-block"), Some(Held::Loss(_))));
        assert_eq!(valve_of(7, "generic.comments-block"), None);
        // The same lines taken by another rule are a loss.
        assert!(matches!(valve_of(7, "generic.footer-region"), Some(Held::Loss(_))));
    }

    #[test]
    fn teaser_blocks_right_under_the_story_are_no_loss() {
        // Seven sentences of story (441 characters, more than a comments header wants above it), then two
        // blocks of 50 teaser summaries under their headers, apart by a row of short titles.
        let story = sentences(7, "Story");
        let titles = [
            "Ten ways to save on a trip to the coast »",
            "Why the old bridge is closing for a year »",
        ];
        let page = |between: &[&str]| -> Vec<String> {
            let mut page = story.clone();
            page.extend(between.iter().map(|s| s.to_string()));
            page.push("You might also like".to_string());
            page.extend(sentences(50, "Teaser"));
            page.extend(titles.iter().map(|s| s.to_string()));
            page.push("More from the blog".to_string());
            page.extend(sentences(50, "Teaser"));
            page
        };
        let held = |between: &[&str], rule: &str| {
            let before = page(between);
            let before: Vec<&str> = before.iter().map(String::as_str).collect();
            let b = 7 + between.len();
            let removed = vec![
                Removal::lines("generic.footer-region", 7, b, "test", String::new()),
                Removal::lines(rule, b, b + 51, "test", String::new()),
                Removal::lines("generic.title-list", b + 51, b + 53, "test", String::new()),
                Removal::lines(rule, b + 53, b + 104, "test", String::new()),
            ];
            valve(&Options::default(), &before, &story, &removed)
        };
        assert_eq!(held(&titles, "generic.trailing-block"), None);
        // A sentence the cleaning removed between story and block: the block may close another box.
        let sentence = ["The rest of the story was here and the region took it for a box."];
        assert!(matches!(held(&sentence, "generic.trailing-block"), Some(Held::Loss(_))));
        // The same blocks taken by another rule are a loss.
        assert!(matches!(held(&titles, "generic.menu-run"), Some(Held::Loss(_))));
        // A page footer of titles under the story is none; one that holds sentences (the rest of a story the
        // region cut short) is.
        assert!(matches!(held(&titles, "generic.footer-region"), Some(Held::Loss(_))));
        let titles_only: Vec<String> = (0..100)
            .map(|k| format!("Teaser title {k} on the way the town voted"))
            .collect();
        let before: Vec<&str> = story.iter().chain(&titles_only).map(String::as_str).collect();
        let footer = vec![Removal::lines("generic.footer-region", 7, 107, "test", String::new())];
        assert_eq!(valve(&Options::default(), &before, &story, &footer), None);
    }
}
