//! What the heuristics share while one document is cleaned: the compiled generic data and per-line memories.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::doc::{blank_line, Document};
use crate::generic::Generic;
use crate::lang::{WordSet, MIN_HITS};
use crate::phrases::{LineKeys, MATCHER_FILES};
use crate::region::{LineFacts, Region, TextFact};
use crate::shape::{shape_shared, Shape};

/// What the heuristics ask of one line's text, each worked out on first need and kept for the document.
struct LineMemo {
    shape: Shape,
    /// Its `exact` and `prefix` keys, shared by the phrase files.
    keys: LineKeys,
    /// Which raw patterns of the phrase files may match (`None`: no prefilter, all may).
    candidates: OnceCell<Option<crate::phrases::Candidates>>,
    /// The verdict of each phrase file (by its position in `MATCHER_FILES`).
    verdicts: [OnceCell<bool>; MATCHER_FILES.len()],
    /// Stop-word hits by language ([`crate::lang::Lang::line_hits`]: none after the last language hit).
    hits: OnceCell<Vec<usize>>,
    /// The number of its [`crate::repeats::key`] (none for a line too short to count).
    repeat_key: OnceCell<Option<usize>>,
    /// The searcher for its text as a repeated headline ([`crate::region::repeat_finder`]): each find of
    /// each pass asks the same candidates again, and building one cost more than most of its searches.
    repeat_finder: OnceCell<Option<Rc<memchr::memmem::Finder<'static>>>>,
    /// Whether the line reads as prose, and with which stop words (pages change them rarely).
    prose: Cell<Option<(*const WordSet, bool)>>,
    /// What the main region reads of the line, and with which stop words.
    region: Cell<Option<(*const WordSet, LineFacts)>>,
    /// Its characters when it reads as a story sentence (0 when not), and with which stop words.
    story: Cell<Option<(*const WordSet, usize)>>,
    /// What its text alone tells the region, which asks it in each state (see [`TextFact`]).
    text_facts: [OnceCell<bool>; TextFact::COUNT],
    /// For the run of line heuristics asked last (by the stage position of its first): the position in
    /// the run of the first heuristic that takes the line, `None` when none does. The generic stage has
    /// one such run; another would be decided again each time.
    row: Cell<Option<(usize, Option<usize>)>>,
}

/// The shape of a line, kept in the line's memory (see [`Ctx::shape`]).
pub struct LineShape(Rc<LineMemo>);

impl std::ops::Deref for LineShape {
    type Target = Shape;

    fn deref(&self) -> &Shape {
        &self.0.shape
    }
}

/// A main region and the page's stop words it was found with.
type Found<'g> = Option<(Region, &'g WordSet)>;

/// A line of the bound document: where its text lies, the text itself and its memory.
///
/// The address settles every question: while the document is bound its lines' texts are alive, so no
/// other text can lie at the same address (and two empty texts are the same text); the pipeline binds
/// a cut line again before anything asks about it. Comparing the texts as well cost a pass over the
/// line for every question asked of it; tests (debug builds) still compare them.
struct Bound {
    at: (usize, usize),
    text: Rc<str>,
    memo: Rc<LineMemo>,
}

impl Bound {
    fn holds(&self, line: &str) -> bool {
        let same = self.at == address(line);
        debug_assert!(
            !same || *self.text == *line,
            "a bound line changed without being bound again"
        );
        same
    }
}

/// The stop-word hits of a state of the bound document's kept lines, summed by language
/// ([`Ctx::page_stopwords`]).
#[derive(Debug, Default)]
struct Tally {
    /// The kept lines whose hits are in `counts`.
    counted: Vec<usize>,
    /// The kept lines not counted yet, in order: the count stops once no language can overtake the one
    /// most used ([`crate::lang::Lang::settled`]), and a later state goes on from there if it must.
    pending: Vec<usize>,
    /// The words of the `pending` lines, once summed (the first half of a page is counted before).
    pending_words: Option<usize>,
    /// The hits of the `counted` lines by language.
    counts: Vec<usize>,
}

/// The generic data, and what was worked out about the lines seen so far in this document.
pub struct Ctx<'g> {
    pub g: &'g Generic,
    // Fx hashing: asked a few dozen times per line; the keys are one document's lines, not an adversary's.
    lines: RefCell<hashbrown::HashMap<Rc<str>, Rc<LineMemo>, rustc_hash::FxBuildHasher>>,
    /// The memory of each line of the document state being decided on, by position ([`Ctx::bind`]):
    /// the heuristics ask of `doc.lines[i]` without hashing its text.
    bound: RefCell<Vec<Bound>>,
    /// The page's line ([`Ctx::set_page_origin`]) of each bound line, when a page is set.
    bound_origin: RefCell<Vec<usize>>,
    /// The bound lines of the last binding and their page's lines, kept by [`Ctx::unbind`] for the next
    /// one: a pass binds again the lines the last pass kept, most of them the same texts.
    unbound: RefCell<(Vec<Bound>, Vec<usize>)>,
    /// The line asked about last and its memory: heuristics ask several questions of one line in a row
    /// (the row of line heuristics, the region's facts), each answered without hashing the line again.
    /// With the address of its text when it is a line of the bound document (compared before the text).
    last: RefCell<Option<Last>>,
    /// The bound document (where its list of lines lies, and its length) and the state it is in: a new
    /// state is counted at each binding and each time the pipeline applies removals ([`Ctx::changed`]),
    /// so what was worked out for a state of the bound document is known again without comparing texts.
    bound_doc: Cell<Option<(usize, usize)>>,
    state: Cell<u64>,
    /// The last document state the main region was found for, and what was found: the heuristics after
    /// one that removed nothing ask again for the same state.
    region: RefCell<Option<(Seen, Found<'g>)>>,
    /// The page's stop words for the last state of the bound document they were asked for.
    stopwords: Cell<Option<(u64, &'g WordSet)>>,
    /// The kept lines of the bound document its page's stop words were last counted from, and the sum of
    /// their stop-word hits by language: a later state of the binding that removed fewer lines than it
    /// keeps is counted by taking off the lines removed since (within a binding lines are only removed; a
    /// cut line is bound again, which drops this).
    stop_counts: RefCell<Option<Tally>>,
    /// What the main region reads of the bound document's lines, with the page's stop words it read them
    /// with: each state of a binding asks it again of the same lines (a cut line is bound again, and this
    /// is dropped then), mostly with the same stop words.
    region_reads: RefCell<Option<RegionReads<'g>>>,
    /// The kept lines ([`Document::kept_indices`]) of the last state of the bound document asked (none
    /// before the binding's first ask).
    kept: RefCell<Option<(u64, Rc<[usize]>)>>,
    /// Each [`crate::repeats::key`] met so far and its number: lines of one key share it.
    repeat_keys: RefCell<hashbrown::HashMap<String, usize, rustc_hash::FxBuildHasher>>,
    /// Whether each line of the bound document is blank, by position: set at binding, each cut line's
    /// again at its rebinding (each state's kept lines and the region read it of every line).
    blank: RefCell<Vec<bool>>,
    /// For lines of the bound document asked whether another kept line holds their text (the region's
    /// headline ranks its candidates so, in each state): a kept line that held it then, or none. Within a
    /// binding, lines are only removed, so none stays none and a line still alive still holds it; cleared
    /// when a line is bound again (its text changed).
    held_by: RefCell<FxHashMap<usize, Option<usize>>>,
    /// The page as the pipeline was given it ([`Ctx::set_page`]), while one is cleaned.
    page: RefCell<Option<Page>>,
}

/// A page's text as given, before any pass removed a line: a box a pass removes may be the page's
/// evidence about a line that later passes still weigh (a footer that prints the headline again).
struct Page {
    text: String,
    /// Where each of its lines starts (bytes), worked out at the first search.
    starts: Vec<usize>,
    /// The page's line each line of the bound document is (the pass's lines, as the pipeline tidied them).
    origin: Vec<usize>,
    /// The page's lines the header read kept the first time it found a story (none before): what later
    /// passes may still count as the page's own.
    read: Option<Vec<bool>>,
    /// For page lines asked about: their text as asked and whether a line below prints it.
    below: FxHashMap<usize, (Rc<str>, bool)>,
}

/// The non-blank or protected lines of the bound document (the lines the main region weighs), and the
/// [`LineFacts`] of each with the page's stop words `sw`.
struct RegionReads<'g> {
    sw: &'g WordSet,
    lines: Rc<[usize]>,
    facts: Rc<[LineFacts]>,
}

/// A document state something was worked out for.
enum Seen {
    /// A state of the bound document.
    Bound(u64),
    /// Another document (unit tests, callers that bind nothing): a copy, compared line by line.
    Copy(Document),
}

/// The line asked about last: its text and its memory, and where its text lies when it is a line of the
/// bound document (then found by its address, as [`Bound::holds`] does).
struct Last {
    at: Option<(usize, usize)>,
    text: Rc<str>,
    memo: Rc<LineMemo>,
}

impl Last {
    #[inline]
    fn holds(&self, line: &str) -> bool {
        match self.at {
            Some(at) if at == address(line) => {
                debug_assert!(*self.text == *line, "a bound line changed without being bound again");
                true
            }
            _ => *self.text == *line,
        }
    }
}

/// Where a line's text lies: a bound line is found by its address.
fn address(line: &str) -> (usize, usize) {
    (line.as_ptr() as usize, line.len())
}

/// Where a document's list of lines lies: while it is bound, no other document's can lie there.
fn doc_address(doc: &Document) -> (usize, usize) {
    (doc.lines.as_ptr() as usize, doc.lines.len())
}

impl<'g> Ctx<'g> {
    /// A context with empty memories.
    pub fn new(g: &'g Generic) -> Ctx<'g> {
        Ctx {
            g,
            lines: RefCell::default(),
            bound: RefCell::default(),
            bound_origin: RefCell::default(),
            unbound: RefCell::default(),
            last: RefCell::default(),
            bound_doc: Cell::new(None),
            state: Cell::new(0),
            region: RefCell::default(),
            stopwords: Cell::new(None),
            stop_counts: RefCell::default(),
            region_reads: RefCell::default(),
            kept: RefCell::default(),
            repeat_keys: RefCell::default(),
            blank: RefCell::default(),
            held_by: RefCell::default(),
            page: RefCell::default(),
        }
    }

    /// The page being cleaned is `text` (its lines as the first pass gets them), until [`Ctx::clear_page`].
    pub(crate) fn set_page(&self, text: &str) {
        // Another page: no line of the last binding comes again.
        *self.unbound.borrow_mut() = Default::default();
        *self.page.borrow_mut() = Some(Page {
            text: text.to_string(),
            starts: Vec::new(),
            origin: Vec::new(),
            read: None,
            below: FxHashMap::default(),
        });
    }

    /// The lines of the document the next pass binds are these lines of the page (by position).
    pub(crate) fn set_page_origin(&self, origin: &[usize]) {
        if let Some(page) = &mut *self.page.borrow_mut() {
            page.origin.clear();
            page.origin.extend_from_slice(origin);
        }
    }

    /// The header reads `kept` (lines of `doc`) as the page's kept lines: the first time, they are the
    /// lines [`Ctx::printed_below_on_page`] counts from then on.
    pub(crate) fn page_read_by_header(&self, doc: &Document, kept: &[usize]) {
        if self.state_of(doc).is_none() {
            return;
        }
        let mut page = self.page.borrow_mut();
        let Some(page) = &mut *page else {
            return;
        };
        if page.read.is_some() {
            return;
        }
        let mut read = vec![false; page.origin.last().map_or(0, |&o| o + 1)];
        for &i in kept {
            if let Some(&o) = page.origin.get(i) {
                if let Some(r) = read.get_mut(o) {
                    *r = true;
                }
            }
        }
        page.read = Some(read);
        page.below.clear();
    }

    /// No page is being cleaned (a document asked about now is read on its own lines only).
    pub(crate) fn clear_page(&self) {
        *self.page.borrow_mut() = None;
    }

    /// Whether the text of line `at` of `doc` (spaces normalised, four words or more) is printed in a line
    /// below it on the page being cleaned that the header first read kept ([`Ctx::page_read_by_header`]): a
    /// line a pass removed since still counts. False when no page is set, before the header read it, or when
    /// `doc` is not the bound document.
    pub(crate) fn printed_below_on_page(&self, doc: &Document, at: usize) -> bool {
        if self.state_of(doc).is_none() {
            return false;
        }
        let mut page = self.page.borrow_mut();
        let Some(page) = &mut *page else {
            return false;
        };
        let Some(&o) = page.origin.get(at) else {
            return false;
        };
        let line = &doc.lines[at];
        if let Some((asked, known)) = page.below.get(&o) {
            if asked == line {
                return *known;
            }
        }
        let Some(read) = &page.read else {
            return false;
        };
        let key = crate::pystr::normalise_space(line);
        if page.starts.is_empty() {
            let starts = memchr::memchr_iter(b'\n', page.text.as_bytes()).map(|k| k + 1);
            page.starts = std::iter::once(0).chain(starts).collect();
        }
        let from = page.starts.get(o + 1).copied().unwrap_or(page.text.len());
        let rest = page.text.as_bytes().get(from..).unwrap_or_default();
        let found = key.matches(' ').count() >= 3
            && memchr::memmem::find_iter(rest, key.as_bytes()).any(|k| {
                let line = page.starts.partition_point(|&s| s <= from + k) - 1;
                read.get(line).copied().unwrap_or(false)
            });
        page.below.insert(o, (line.clone(), found));
        found
    }

    /// Make room for the memories of a document of `lines` lines at once (the memory grew by doubling,
    /// each time hashing every line seen again).
    pub(crate) fn reserve(&self, lines: usize) {
        self.lines.borrow_mut().reserve(lines);
    }

    /// The memory of `line`: the line asked about last, else by its text. Each line heuristic of a row asks
    /// this of the line the row is deciding (some ten asks a line, each the last line's): the lookup by text
    /// is a call of its own, so that this one sets up no more than the last line's check (inlined, it
    /// left the callers' own asks out of line).
    #[inline(never)]
    fn memo(&self, line: &str) -> Rc<LineMemo> {
        if let Some(last) = &*self.last.borrow() {
            if last.holds(line) {
                return Rc::clone(&last.memo);
            }
        }
        self.memo_by_text(line)
    }

    /// [`Ctx::memo`] of a line other than the last asked about, which it then is.
    #[inline(never)]
    fn memo_by_text(&self, line: &str) -> Rc<LineMemo> {
        let (text, m) = self.known(line, None);
        *self.last.borrow_mut() = Some(Last {
            at: None,
            text,
            memo: Rc::clone(&m),
        });
        m
    }

    /// The memory of a line's text, made on first need. A new memory keeps `shared` as its text when
    /// given (a document's line is `line` itself), else a copy of `line`.
    fn known(&self, line: &str, shared: Option<&Rc<str>>) -> (Rc<str>, Rc<LineMemo>) {
        // One hash and one probe for a new line, not a lookup and then an insert.
        let mut lines = self.lines.borrow_mut();
        match lines.entry_ref(line) {
            hashbrown::hash_map::EntryRef::Occupied(e) => (Rc::clone(e.key()), Rc::clone(e.get())),
            hashbrown::hash_map::EntryRef::Vacant(e) => {
                let text: Rc<str> = shared.map_or_else(|| Rc::from(line), Rc::clone);
                // Its place is allocated before the memory is made, so that the memory is made there:
                // `Rc::new` made it on the stack and copied its 384 bytes in (a `memcpy` call a new line).
                let m = Rc::new_cyclic(|_| LineMemo {
                    shape: shape_shared(&text),
                    keys: LineKeys::default(),
                    candidates: OnceCell::new(),
                    verdicts: Default::default(),
                    hits: OnceCell::new(),
                    repeat_key: OnceCell::new(),
                    repeat_finder: OnceCell::new(),
                    prose: Cell::new(None),
                    region: Cell::new(None),
                    story: Cell::new(None),
                    text_facts: Default::default(),
                    row: Cell::new(None),
                });
                e.insert_entry_with_key(Rc::clone(&text), Rc::clone(&m));
                (text, m)
            }
        }
    }

    /// Remember each line of `doc` by its position, for the `*_at` questions that follow. The pipeline
    /// binds each document state it decides on: a line's text must not be dropped while it is bound
    /// (a cut line is bound again with [`Ctx::rebind`], and [`Ctx::unbind`] ends the binding), since
    /// a line is told from another by where its text lies.
    pub(crate) fn bind(&self, doc: &Document) {
        // Most lines of a pass after the first are lines of the last binding, found there by their page
        // line (both in page order): a hash of the text and a probe of the memory for each cost more
        // than the rest of a known line's look. The address is only trusted where the old binding's own
        // text lies, which it keeps alive; any other line is looked up by its text.
        let (last, last_origin) = std::mem::take(&mut *self.unbound.borrow_mut());
        let origin: Vec<usize> = match &*self.page.borrow() {
            Some(page) if page.origin.len() == doc.lines.len() => page.origin.clone(),
            _ => Vec::new(),
        };
        let mut next = 0;
        // The empty lines (a quarter of a page's) are one text: the first one's memory serves the rest.
        let mut empty: Option<(Rc<str>, Rc<LineMemo>)> = None;
        let bound: Vec<Bound> = doc
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let at = address(line);
                if let Some(&o) = origin.get(i) {
                    while last_origin.get(next).is_some_and(|&p| p < o) {
                        next += 1;
                    }
                    if let Some(b) = last.get(next).filter(|_| last_origin.get(next) == Some(&o)) {
                        if b.at == at && address(&b.text) == at {
                            return Bound {
                                at,
                                text: Rc::clone(&b.text),
                                memo: Rc::clone(&b.memo),
                            };
                        }
                    }
                }
                if line.is_empty() {
                    if let Some((text, memo)) = &empty {
                        return Bound {
                            at,
                            text: Rc::clone(text),
                            memo: Rc::clone(memo),
                        };
                    }
                }
                let (text, memo) = self.known(line, Some(line));
                if line.is_empty() {
                    empty = Some((Rc::clone(&text), Rc::clone(&memo)));
                }
                Bound { at, text, memo }
            })
            .collect();
        drop(last);
        *self.bound_origin.borrow_mut() = origin;
        *self.bound.borrow_mut() = bound;
        *self.blank.borrow_mut() = doc.lines.iter().map(|line| blank_line(line)).collect();
        self.held_by.borrow_mut().clear();
        *self.region_reads.borrow_mut() = None;
        *self.stop_counts.borrow_mut() = None;
        *self.kept.borrow_mut() = None;
        *self.last.borrow_mut() = None;
        self.bound_doc.set(Some(doc_address(doc)));
        self.changed();
    }

    /// The bound document is in a new state (the pipeline applied removals to it).
    pub(crate) fn changed(&self) {
        self.state.set(self.state.get() + 1);
    }

    /// The state `doc` is in, when it is the bound document.
    fn state_of(&self, doc: &Document) -> Option<u64> {
        (self.bound_doc.get() == Some(doc_address(doc))).then(|| self.state.get())
    }

    /// Bind line `i` of `doc` again after its text changed (an inline cut).
    pub(crate) fn rebind(&self, doc: &Document, i: usize) {
        let line = &doc.lines[i];
        let (text, memo) = self.known(line, Some(line));
        if let Some(b) = self.bound.borrow_mut().get_mut(i) {
            *b = Bound {
                at: address(line),
                text,
                memo,
            };
        }
        if let Some(blank) = self.blank.borrow_mut().get_mut(i) {
            *blank = blank_line(line);
        }
        self.held_by.borrow_mut().clear();
        *self.region_reads.borrow_mut() = None;
        *self.stop_counts.borrow_mut() = None;
        *self.last.borrow_mut() = None;
        self.changed();
    }

    /// Forget the bound document (its lines' texts are about to be dropped; the binding, which holds its
    /// own texts, is kept for the next [`Ctx::bind`]).
    pub(crate) fn unbind(&self) {
        let origin = std::mem::take(&mut *self.bound_origin.borrow_mut());
        *self.unbound.borrow_mut() = (std::mem::take(&mut *self.bound.borrow_mut()), origin);
        self.blank.borrow_mut().clear();
        self.held_by.borrow_mut().clear();
        *self.region_reads.borrow_mut() = None;
        *self.stop_counts.borrow_mut() = None;
        *self.kept.borrow_mut() = None;
        *self.last.borrow_mut() = None;
        self.bound_doc.set(None);
    }

    /// The memory of line `i` of `doc`: by position when `doc` is the bound document, else by its text.
    fn memo_at(&self, doc: &Document, i: usize) -> Rc<LineMemo> {
        let line = &*doc.lines[i];
        if let Some(b) = self.bound.borrow().get(i) {
            if b.holds(line) {
                return Rc::clone(&b.memo);
            }
        }
        self.memo(line)
    }

    /// `f(i, memory of line i)` for each line `i` of `doc` in `lines`, in order: as [`Ctx::memo_at`], with the
    /// bound lines borrowed once for all of them (a region or the page's stop words read every line of a
    /// state, and each line's own borrow and count of its memory cost more than what was read of it).
    /// `f` must not bind lines.
    fn each_memo(&self, doc: &Document, lines: &[usize], mut f: impl FnMut(usize, &LineMemo)) {
        let bound = self.bound.borrow();
        for &i in lines {
            let line = &*doc.lines[i];
            match bound.get(i).filter(|b| b.holds(line)) {
                Some(b) => f(i, &b.memo),
                None => f(i, &self.memo(line)),
            }
        }
    }

    /// [`Ctx::each_memo`] until `f` says stop: how many of `lines` were read.
    fn memo_until(&self, doc: &Document, lines: &[usize], mut f: impl FnMut(&LineMemo) -> bool) -> usize {
        let bound = self.bound.borrow();
        for (read, &i) in lines.iter().enumerate() {
            let line = &*doc.lines[i];
            let stop = match bound.get(i).filter(|b| b.holds(line)) {
                Some(b) => f(&b.memo),
                None => f(&self.memo(line)),
            };
            if stop {
                return read + 1;
            }
        }
        lines.len()
    }

    /// The shape of line `i` of `doc` (see [`Ctx::shape`]).
    pub(crate) fn shape_at(&self, doc: &Document, i: usize) -> LineShape {
        LineShape(self.memo_at(doc, i))
    }

    /// Whether line `i` of `doc` matches phrase file `table` (see [`Ctx::matches`]).
    pub(crate) fn matches_at(&self, table: &'static str, doc: &Document, i: usize) -> bool {
        self.verdict(table, &self.memo_at(doc, i))
    }

    /// The shape of a line (computed once per text).
    pub fn shape(&self, line: &str) -> LineShape {
        LineShape(self.memo(line))
    }

    /// Whether `line` matches phrase file `table` (one of `phrases::MATCHER_FILES`), remembered.
    pub fn matches(&self, table: &'static str, line: &str) -> bool {
        self.verdict(table, &self.memo(line))
    }

    /// The lines of `lines` (positions in `doc`, ascending) that match phrase file `table`, in order:
    /// [`Ctx::matches_at`] of each, with the bound lines borrowed once (a heuristic that looks for its
    /// header on every line asks each line in turn).
    pub(crate) fn matching_at(&self, table: &'static str, doc: &Document, lines: &[usize]) -> Vec<usize> {
        let mut found = Vec::new();
        self.each_memo(doc, lines, |i, m| {
            if self.verdict(table, m) {
                found.push(i);
            }
        });
        found
    }

    fn verdict(&self, table: &'static str, m: &LineMemo) -> bool {
        // The name is nearly always the very string of `MATCHER_FILES` (equal literals are one constant):
        // told by its address, not by its bytes, before a comparison of the texts.
        let by_address = || MATCHER_FILES.iter().position(|&n| std::ptr::eq(n, table));
        let Some(k) = by_address().or_else(|| MATCHER_FILES.iter().position(|&n| n == table)) else {
            panic!("no phrase matcher named {table}");
        };
        *m.verdicts[k].get_or_init(|| {
            let may = || {
                m.candidates
                    .get_or_init(|| self.g.matchers.candidates(&m.shape))
                    .as_ref()
            };
            self.g.matchers.matches_file(k, &m.shape, &m.keys, &may)
        })
    }

    /// Whether `line` is a consent notice ([`crate::lines::Data::is_consent`]). An ASCII line that is its
    /// own shape's text (no bullet or label), or that text between ASCII spaces (w3m's indents), is
    /// searched for the consent words together with the phrase files' `contains` phrases, once
    /// ([`crate::phrases::AsciiHits`]).
    pub fn is_consent(&self, line: &str) -> bool {
        let m = self.memo(line);
        let text = &*m.shape.text;
        // The hits first: a line outside ASCII has none (nearly always known already, from the `legal`
        // test), and then whether its text lies between its ASCII spaces is not asked.
        if let Some(hits) = m.keys.ascii_hits(&m.shape, &self.g.matchers.ascii) {
            if text.len() == line.len() || self.g.lines.words_within(line, text) {
                let found = |k: usize| hits & (1 << (MATCHER_FILES.len() + k)) != 0;
                return self.g.lines.is_consent_ascii(line, [found(0), found(1)]);
            }
        }
        self.g.lines.is_consent(line)
    }

    /// The verdict of the run of line heuristics starting at stage position `row` on line `i` of `doc`,
    /// remembered across the passes over this document (`decide` computes it the first time; the line
    /// heuristics it asks find the line's memory without hashing its text).
    pub fn row_verdict(
        &self,
        row: usize,
        doc: &Document,
        i: usize,
        decide: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        let m = self.memo_at(doc, i);
        if let Some((r, v)) = m.row.get() {
            if r == row {
                return v;
            }
        }
        let line = &*doc.lines[i];
        let bound = self
            .bound
            .borrow()
            .get(i)
            .filter(|b| b.holds(line))
            .map(|b| Rc::clone(&b.text));
        if let Some(text) = bound {
            // The line heuristics `decide` runs ask of this line by its text: found without hashing it.
            *self.last.borrow_mut() = Some(Last {
                at: Some(address(line)),
                text,
                memo: Rc::clone(&m),
            });
        }
        let v = decide();
        m.row.set(Some((row, v)));
        v
    }

    /// [`crate::region::is_prose`] of `line` with the page's stop words `sw`, remembered for the last `sw`
    /// asked (the generic data's sets live as long as it, so two of them never share an address).
    pub fn is_prose(&self, line: &str, sw: &'g WordSet) -> bool {
        self.prose_of(&self.memo(line), sw)
    }

    /// [`Ctx::is_prose`] of line `i` of `doc`.
    pub(crate) fn is_prose_at(&self, doc: &Document, i: usize, sw: &'g WordSet) -> bool {
        self.prose_of(&self.memo_at(doc, i), sw)
    }

    fn prose_of(&self, m: &LineMemo, sw: &'g WordSet) -> bool {
        let asked: *const WordSet = sw;
        if let Some((with, prose)) = m.prose.get() {
            if std::ptr::eq(with, asked) {
                return prose;
            }
        }
        let lang = &self.g.lang;
        // The line's stop-word hits in the page's language are the count `is_prose` needs: no word is
        // looked up again.
        let prose = match lang.position(sw) {
            Some(k) => crate::region::prose_with(&m.shape, sw.is_empty(), || {
                self.hits(m).get(k).copied().unwrap_or_default()
            }),
            None => crate::region::is_prose(&m.shape, sw),
        };
        m.prose.set(Some((asked, prose)));
        prose
    }

    /// What the main region reads of line `i` of `doc` with the page's stop words `sw`, remembered for
    /// the last `sw` asked: the region is found again for each document state, mostly of the same lines.
    pub(crate) fn region_facts_at(&self, doc: &Document, i: usize, sw: &'g WordSet) -> LineFacts {
        self.facts_of(&doc.lines[i], &self.memo_at(doc, i), sw)
    }

    /// The lines of `doc` the main region weighs (non-blank, or protected: a protected line is story
    /// by decree) and [`Ctx::region_facts_at`] of each with the page's stop words `sw`: for the bound
    /// document, remembered for its binding. Within it lines are only removed, and a line whose text
    /// is cut is bound again, which forgets them; which lines are protected is settled before binding.
    pub(crate) fn region_reads(&self, doc: &Document, sw: &'g WordSet) -> (Rc<[usize]>, Rc<[LineFacts]>) {
        let bound = self.state_of(doc).is_some();
        if let (true, Some(r)) = (bound, &*self.region_reads.borrow()) {
            if std::ptr::eq(r.sw, sw) {
                return (Rc::clone(&r.lines), Rc::clone(&r.facts));
            }
        }
        let lines: Rc<[usize]> = self
            .blank_lines(doc)
            .iter()
            .enumerate()
            .filter(|&(i, &blank)| !blank || doc.protected[i])
            .map(|(i, _)| i)
            .collect();
        // A line removed before this read is never read for its facts (the region weighs it as removed,
        // and within a binding lines are only removed): a stand-in, not its prose verdict and stop-word
        // hits (a pass's row of line heuristics has removed its lines before the region's first read).
        let mut facts = Vec::with_capacity(lines.len());
        self.each_memo(doc, &lines, |i, m| {
            facts.push(match doc.alive[i] {
                true => self.facts_of(&doc.lines[i], m, sw),
                false => LineFacts::REMOVED,
            })
        });
        let facts: Rc<[LineFacts]> = facts.into();
        if bound {
            *self.region_reads.borrow_mut() = Some(RegionReads {
                sw,
                lines: Rc::clone(&lines),
                facts: Rc::clone(&facts),
            });
        }
        (lines, facts)
    }

    /// The facts of `line`, whose memory is `m`.
    fn facts_of(&self, line: &str, m: &LineMemo, sw: &'g WordSet) -> LineFacts {
        let asked: *const WordSet = sw;
        if let Some((with, facts)) = m.region.get() {
            if std::ptr::eq(with, asked) {
                return facts;
            }
        }
        let prose = self.prose_of(m, sw);
        let facts = crate::region::facts_of(line, &m.shape, prose);
        m.region.set(Some((asked, facts)));
        facts
    }

    /// Whether line `i` of `doc` is a header that ends a story for the main region: a comments or
    /// trailing-blocks header (each phrase file's verdict is remembered with the line).
    pub(crate) fn ends_story_at(&self, doc: &Document, i: usize) -> bool {
        let m = self.memo_at(doc, i);
        self.verdict("comments", &m) || self.verdict("trailing-blocks", &m)
    }

    /// Whether line `i` of `doc` has `fact`, which its text alone tells; remembered with the line.
    pub(crate) fn text_fact_at(&self, doc: &Document, i: usize, fact: TextFact) -> bool {
        *self.memo_at(doc, i).text_facts[fact as usize].get_or_init(|| fact.of(&doc.lines[i]))
    }

    /// [`Document::kept_indices`] of `doc`, remembered for the state of the bound document: most
    /// heuristics that read the kept lines follow one that removed nothing.
    pub fn kept(&self, doc: &Document) -> Rc<[usize]> {
        let state = self.state_of(doc);
        if let (Some(now), Some((then, kept))) = (state, &*self.kept.borrow()) {
            if now == *then {
                return Rc::clone(kept);
            }
        }
        let kept: Rc<[usize]> = match (state, &*self.kept.borrow()) {
            // Within a binding lines are only removed, or cut (which can leave one blank): a later state
            // keeps some of the last state's kept lines, fewer than the document's lines.
            // Gathered in a vector sized for the most they can be (a filter's collect grew it by doubling,
            // each growth a copy), then copied once into the shared slice.
            (Some(_), Some((_, then))) => {
                let blank = self.blank.borrow();
                let mut kept = Vec::with_capacity(then.len());
                kept.extend(then.iter().copied().filter(|&i| doc.alive[i] && !blank[i]));
                kept.into()
            }
            (Some(_), None) => {
                let blank = self.blank.borrow();
                let mut kept = Vec::with_capacity(doc.len());
                kept.extend((0..doc.len()).filter(|&i| doc.alive[i] && !blank[i]));
                kept.into()
            }
            (None, _) => doc.kept_indices().into(),
        };
        debug_assert_eq!(*kept, *doc.kept_indices());
        if let Some(now) = state {
            *self.kept.borrow_mut() = Some((now, Rc::clone(&kept)));
        }
        kept
    }

    /// [`crate::trailing`]'s story sentence characters of line `i` of `doc` with the page's stop words
    /// `sw`, which `story` computes from the line's shape and its prose verdict; remembered for the
    /// last `sw` asked (each pass asks it twice of every line).
    pub(crate) fn story_chars_at(
        &self,
        doc: &Document,
        i: usize,
        sw: &'g WordSet,
        story: impl FnOnce(&Shape, bool) -> usize,
    ) -> usize {
        let m = self.memo_at(doc, i);
        let asked: *const WordSet = sw;
        if let Some((with, chars)) = m.story.get() {
            if std::ptr::eq(with, asked) {
                return chars;
            }
        }
        let chars = story(&m.shape, self.prose_of(&m, sw));
        m.story.set(Some((asked, chars)));
        chars
    }

    /// Stop words of the page's language, judged from the `kept` lines, which are `doc.kept_indices()`
    /// (empty when unknown); remembered for the state of the bound document.
    pub fn page_stopwords(&self, doc: &Document, kept: &[usize]) -> &'g WordSet {
        debug_assert_eq!(kept, doc.kept_indices());
        let state = self.state_of(doc);
        if let (Some(now), Some((then, sw))) = (state, self.stopwords.get()) {
            if now == then {
                return sw;
            }
        }
        let Some(now) = state else {
            let mut tally = self.tally(kept);
            self.settle(doc, &mut tally);
            return self.g.lang.page_stopwords_of_counts(&tally.counts);
        };
        let mut memo = self.stop_counts.borrow_mut();
        let mut tally = match memo.take() {
            // A line taken off costs what a line counted does: a removal that took most of the page (a
            // comments section, the footer) is counted afresh from what it left.
            Some(mut tally) if (tally.counted.len() + tally.pending.len()).saturating_sub(kept.len()) < kept.len() => {
                self.uncount_removed(doc, &mut tally);
                tally
            }
            _ => self.tally(kept),
        };
        self.settle(doc, &mut tally);
        debug_assert_eq!(tally.counted.len() + tally.pending.len(), kept.len());
        let sw = self.g.lang.page_stopwords_of_counts(&tally.counts);
        *memo = Some(tally);
        self.stopwords.set(Some((now, sw)));
        sw
    }

    /// A tally of the `kept` lines of `doc` with none counted yet.
    fn tally(&self, kept: &[usize]) -> Tally {
        Tally {
            counted: Vec::with_capacity(kept.len()),
            pending: kept.to_vec(),
            pending_words: None,
            counts: vec![0usize; self.g.lang.codes().len()],
        }
    }

    /// Count the pending lines of `tally` in order until the page's language is known.
    fn settle(&self, doc: &Document, tally: &mut Tally) {
        let lang = &self.g.lang;
        if tally.pending.is_empty() {
            return;
        }
        let Tally {
            counted,
            pending,
            pending_words,
            counts,
        } = tally;
        // A page's language is seldom known before its last lines: its first half is counted without the
        // bound, whose words' sum then reads only the other half.
        let pending_words = match pending_words {
            Some(words) => words,
            None => {
                let half = pending.len() / 2;
                self.each_memo(doc, &pending[..half], |_, m| {
                    for (n, h) in counts.iter_mut().zip(self.hits(m)) {
                        *n += h;
                    }
                });
                counted.extend(pending.drain(..half));
                let mut words = 0;
                self.each_memo(doc, pending, |_, m| words += m.shape.words.len());
                pending_words.insert(words)
            }
        };
        // Counts only grow here: their greatest is followed as they do, and `settled` is not asked while the
        // words still to come are more than it (one language could then still overtake every other).
        let mut top = counts.iter().copied().max().unwrap_or_default();
        let read = self.memo_until(doc, pending, |m| {
            for (n, h) in counts.iter_mut().zip(self.hits(m)) {
                *n += h;
                top = top.max(*n);
            }
            *pending_words = pending_words.saturating_sub(m.shape.words.len());
            (top >= *pending_words || *pending_words < MIN_HITS) && lang.settled(counts, *pending_words)
        });
        counted.extend(pending.drain(..read));
    }

    /// The stop-word hits of the `kept` lines of `doc`, summed by language.
    #[cfg(test)]
    fn stopword_counts(&self, doc: &Document, kept: &[usize]) -> Vec<usize> {
        let mut counts = vec![0usize; self.g.lang.codes().len()];
        self.each_memo(doc, kept, |_, m| {
            for (n, h) in counts.iter_mut().zip(self.hits(m)) {
                *n += h;
            }
        });
        counts
    }

    /// Take the lines of `tally` that the bound document no longer keeps off it: their hits off its counts
    /// if they were counted, their words off its pending words if not.
    fn uncount_removed(&self, doc: &Document, tally: &mut Tally) {
        let gone: Vec<usize> = tally.counted.iter().copied().filter(|&i| !doc.alive[i]).collect();
        self.each_memo(doc, &gone, |_, m| {
            for (n, h) in tally.counts.iter_mut().zip(self.hits(m)) {
                *n -= h;
            }
        });
        tally.counted.retain(|&i| doc.alive[i]);
        let gone: Vec<usize> = tally.pending.iter().copied().filter(|&i| !doc.alive[i]).collect();
        if let Some(pending_words) = &mut tally.pending_words {
            self.each_memo(doc, &gone, |_, m| {
                *pending_words = pending_words.saturating_sub(m.shape.words.len());
            });
        }
        tally.pending.retain(|&i| doc.alive[i]);
    }

    /// [`crate::doc::blank_line`] of each line of `doc`, by position: read from the binding when `doc` is the
    /// bound document.
    pub(crate) fn blank_lines(&self, doc: &Document) -> Vec<bool> {
        if self.state_of(doc).is_some() {
            return self.blank.borrow().clone();
        }
        doc.lines.iter().map(|line| blank_line(line)).collect()
    }

    /// Whether a kept line of `doc` other than line `at` holds its text, where `find` gives such a line:
    /// for the bound document, what an earlier state of it found is known again (see `held_by`).
    pub(crate) fn held_at(&self, doc: &Document, at: usize, find: impl FnOnce() -> Option<usize>) -> bool {
        if self.state_of(doc).is_none() {
            return find().is_some();
        }
        match self.held_by.borrow().get(&at) {
            Some(None) => return false,
            Some(Some(j)) if doc.alive[*j] => return true,
            _ => {}
        }
        let by = find();
        self.held_by.borrow_mut().insert(at, by);
        by.is_some()
    }

    /// The searcher of line `i` of `doc` for its text elsewhere ([`crate::region::repeat_finder`]: none for
    /// a line of fewer than four words), remembered with the line.
    pub(crate) fn repeat_finder_at(&self, doc: &Document, i: usize) -> Option<Rc<memchr::memmem::Finder<'static>>> {
        let m = self.memo_at(doc, i);
        m.repeat_finder
            .get_or_init(|| crate::region::repeat_finder(&doc.lines[i]).map(Rc::new))
            .clone()
    }

    /// The number of [`crate::repeats::key`] of line `i` of `doc`: two lines have the same number when
    /// they have the same key (none for a line too short to count). Remembered with the line.
    pub(crate) fn repeat_key_at(&self, doc: &Document, i: usize) -> Option<usize> {
        let m = self.memo_at(doc, i);
        *m.repeat_key.get_or_init(|| {
            let key = crate::repeats::key(&doc.lines[i])?;
            let mut keys = self.repeat_keys.borrow_mut();
            let n = keys.len();
            // One hash and one probe for a new key, as for the line memories.
            match keys.entry_ref(&*key) {
                hashbrown::hash_map::EntryRef::Occupied(e) => Some(*e.get()),
                hashbrown::hash_map::EntryRef::Vacant(e) => {
                    e.insert_entry(n);
                    Some(n)
                }
            }
        })
    }

    /// The stop-word hits of a line by language ([`crate::lang::Lang::line_hits`]: a language past its end
    /// has none), remembered.
    fn hits<'m>(&self, m: &'m LineMemo) -> &'m [usize] {
        m.hits.get_or_init(|| self.g.lang.line_hits(&m.shape.words))
    }

    /// `find()`, the main region of `doc` and the page's stop words, remembered for the last state asked.
    pub fn region_of(&self, doc: &Document, find: impl FnOnce() -> Found<'g>) -> Found<'g> {
        let state = self.state_of(doc);
        if let Some((seen, found)) = &*self.region.borrow() {
            let same = match (seen, state) {
                (Seen::Bound(then), Some(now)) => *then == now,
                (Seen::Copy(copy), None) => copy == doc,
                _ => false,
            };
            if same {
                return found.clone();
            }
        }
        let found = find();
        let mut memo = self.region.borrow_mut();
        match (&mut *memo, state) {
            (Some((seen, stored)), Some(now)) => {
                *seen = Seen::Bound(now);
                *stored = found.clone();
            }
            (None, Some(now)) => *memo = Some((Seen::Bound(now), found.clone())),
            // Reuses the stored lines' buffers: most states differ from the last only in what is alive.
            (Some((Seen::Copy(copy), stored)), None) => {
                copy.lines.clone_from(&doc.lines);
                copy.alive.clone_from(&doc.alive);
                copy.protected.clone_from(&doc.protected);
                *stored = found.clone();
            }
            (_, None) => *memo = Some((Seen::Copy(doc.clone()), found.clone())),
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::generic;

    /// `matching_at` lists the lines `matches_at` takes, for every phrase file, on every golden input, bound
    /// and unbound, each line asked once.
    #[test]
    fn matching_at_lists_the_lines_matches_at_takes() {
        let mut taken = 0;
        for (path, text) in crate::testkit::golden_texts(false) {
            let doc = Document::from_text(&text);
            let lines: Vec<usize> = (0..doc.len()).collect();
            for bound in [false, true] {
                let cx = Ctx::new(generic());
                if bound {
                    cx.bind(&doc);
                }
                for table in MATCHER_FILES {
                    let listed = cx.matching_at(table, &doc, &lines);
                    let one = Ctx::new(generic());
                    let asked: Vec<usize> = lines
                        .iter()
                        .copied()
                        .filter(|&i| one.matches_at(table, &doc, i))
                        .collect();
                    assert_eq!(listed, asked, "{path:?}, {table}");
                    taken += listed.len();
                }
            }
        }
        assert!(taken > 100, "{taken} lines taken");
    }

    /// The consent notice by the phrase files' one search of a line's text (padded with ASCII spaces, as
    /// w3m indents lines) answers as the consent words searched in the whole line, on drawn lines and on
    /// every line of the seed dumps with and without spaces, bullets and labels around it.
    #[test]
    fn consent_by_the_text_between_spaces_answers_as_the_line() {
        assert!(generic().lines.words_within("  a b \t", "a b"));
        let pieces = [
            "We use cookies",
            "COOKIES",
            "cookie",
            "xcookies",
            "cookies_",
            "on this website",
            "WEBSITE",
            "accept",
            "privacy",
            "tracking technologies",
            "Cookie-Einstellungen",
            "the",
            ".",
            "-",
            "_",
            " ",
            "   ",
            "\t",
            "\u{b}",
            "\u{1c}",
            "\u{a0}",
            "•",
            "1.",
            "[cookie]",
            "[x]",
            "ſ",
            "K",
        ];
        let mut next = crate::testkit::draws(11);
        let mut lines: Vec<String> = (0..20_000)
            .map(|_| (0..1 + next(7)).map(|_| pieces[next(pieces.len())]).collect())
            .collect();
        for (_, text) in crate::testkit::golden_texts(false) {
            for line in text.lines() {
                for around in ["", "   ", "\t", " • ", "[cookie] ", "cookies "] {
                    lines.push(format!("{around}{line}"));
                    lines.push(format!("{around}{line} We use cookies to improve the website. "));
                }
            }
        }
        let cx = Ctx::new(generic());
        let (mut yes, mut spaced) = (0, 0);
        for line in &lines {
            let expected = generic().lines.is_consent(line);
            assert_eq!(cx.is_consent(line), expected, "{line:?}");
            let text = cx.shape(line).text.len();
            yes += usize::from(expected);
            spaced += usize::from(text < line.len() && generic().lines.words_within(line, &cx.shape(line).text));
        }
        assert!(
            yes > 1000 && spaced > 1000,
            "{yes} consent lines, {spaced} lines between spaces"
        );
    }

    #[test]
    fn bound_lines_answer_as_their_text() {
        let cx = Ctx::new(generic());
        let mut doc = Document::from_text("Home\nThe cat sat on the mat and looked at the dog.\n");
        cx.bind(&doc);
        assert_eq!(cx.shape_at(&doc, 1).units, 11.0);
        assert!(!cx.matches_at("legal", &doc, 0));
        // Another document, not bound: its lines are read by their text, not by their position.
        let other = Document::from_text("All rights reserved.\nHome\n");
        assert!(cx.matches_at("legal", &other, 0));
        assert_eq!(&*cx.shape_at(&other, 1).text, "Home");
        // A line's text replaced (as a cut does) and bound again.
        doc.lines[1] = "All rights reserved.".into();
        cx.rebind(&doc, 1);
        assert!(cx.matches_at("legal", &doc, 1));
        cx.unbind();
        assert_eq!(&*cx.shape_at(&doc, 1).text, "All rights reserved.");
    }

    #[test]
    fn a_later_pass_binds_each_line_as_its_text() {
        let cx = Ctx::new(generic());
        cx.set_page("Home  \n\nThe cat sat on the mat.\n\nAll rights reserved.\n");
        cx.set_page_origin(&[0, 1, 2, 3, 4]);
        let doc = Document::from_text("Home  \n\nThe cat sat on the mat.\n\nAll rights reserved.\n");
        cx.bind(&doc);
        assert!(cx.matches_at("legal", &doc, 4));
        cx.unbind();
        // The next pass: line 2 dropped, line 0 given again with another text, the others the same texts.
        let lines = vec![
            Rc::from("All rights reserved."),
            Rc::clone(&doc.lines[1]),
            Rc::clone(&doc.lines[3]),
            Rc::clone(&doc.lines[4]),
        ];
        let next = Document::new(lines);
        cx.set_page_origin(&[0, 1, 3, 4]);
        cx.bind(&next);
        assert!(cx.matches_at("legal", &next, 0));
        assert!(cx.matches_at("legal", &next, 3));
        assert!(!cx.matches_at("legal", &next, 1));
        assert_eq!(&*cx.shape_at(&next, 3).text, "All rights reserved.");
        assert_eq!(cx.shape_at(&next, 2).units, 0.0);
        cx.unbind();
    }

    #[test]
    fn a_line_held_by_another_is_known_again_while_its_holder_lives() {
        let cx = Ctx::new(generic());
        let mut doc = Document::from_text("One two three four\nSee One two three four\n\nOne two three four again\n");
        cx.bind(&doc);
        let holder = |doc: &Document| {
            let kept = doc.kept_indices();
            kept.into_iter()
                .find(|&i| i != 0 && doc.lines[i].contains(&*doc.lines[0]))
        };
        assert!(cx.held_at(&doc, 0, || holder(&doc)));
        // Its holder removed: looked for again, and another found.
        doc.alive[1] = false;
        cx.changed();
        assert!(cx.held_at(&doc, 0, || holder(&doc)));
        assert_eq!(cx.kept(&doc).to_vec(), vec![0, 3]);
        doc.alive[3] = false;
        cx.changed();
        assert!(!cx.held_at(&doc, 0, || holder(&doc)));
        // None stays none while lines are only removed: not looked for again.
        assert!(!cx.held_at(&doc, 0, || unreachable!("known from the last state")));
        // A line bound again (its text cut) forgets what was found, and its blankness is read again.
        doc.lines[3] = "".into();
        cx.rebind(&doc, 3);
        assert_eq!(cx.blank_lines(&doc), vec![false, false, true, true]);
        assert!(!cx.held_at(&doc, 0, || holder(&doc)));
    }

    #[test]
    fn each_state_keeps_what_its_document_keeps() {
        let cx = Ctx::new(generic());
        let mut doc = Document::from_text("Home\n\nNews\nRain at last\nIt rained.\n\nAbout us\n");
        cx.bind(&doc);
        assert_eq!(cx.kept(&doc).to_vec(), vec![0, 2, 3, 4, 6]);
        (doc.alive[0], doc.alive[6]) = (false, false);
        cx.changed();
        assert_eq!(cx.kept(&doc).to_vec(), vec![2, 3, 4]);
        // A line cut to nothing is kept no more.
        doc.lines[2] = " ".into();
        cx.rebind(&doc, 2);
        assert_eq!(cx.kept(&doc).to_vec(), vec![3, 4]);
        // The next pass binds the document again, its removed lines restored: counted afresh.
        cx.unbind();
        (doc.alive[0], doc.alive[6]) = (true, true);
        cx.bind(&doc);
        assert_eq!(cx.kept(&doc).to_vec(), vec![0, 3, 4, 6]);
    }

    #[test]
    fn the_page_stop_words_follow_the_removals_of_each_state() {
        let g = generic();
        let (de, en) = (g.lang.stopwords("de").unwrap(), g.lang.stopwords("en").unwrap());
        let mut doc = Document::from_text(
            "Der Hund und die Katze sind in dem Haus.\nDie Katze ist mit dem Hund in dem Garten.\n\n\
             The dog and the cat are in the house.\n",
        );
        let cx = Ctx::new(g);
        cx.bind(&doc);
        assert!(std::ptr::eq(cx.page_stopwords(&doc, &cx.kept(&doc)), de));
        // The German lines removed: the next state reads the English one alone.
        doc.alive[0] = false;
        doc.alive[1] = false;
        cx.changed();
        assert!(std::ptr::eq(cx.page_stopwords(&doc, &cx.kept(&doc)), en));
        // A line's text cut to German words and bound again: counted anew, not from the last state.
        doc.lines[3] = "Der Hund und die Katze sind in dem Haus und in dem Garten.".into();
        cx.rebind(&doc, 3);
        assert!(std::ptr::eq(cx.page_stopwords(&doc, &cx.kept(&doc)), de));
    }

    #[test]
    fn stop_words_counted_by_difference_equal_a_full_count_in_each_state() {
        let g = generic();
        let mut doc = Document::from_text(
            "Der Hund und die Katze sind in dem Haus.\nThe dog and the cat are in the house.\n\n\
             Le chien et le chat sont dans la maison.\nDie Katze ist mit dem Hund in dem Garten.\n\
             Home\nThe cat sat on the mat and the dog sat by the door.\nLa maison est dans le jardin.\n",
        );
        let cx = Ctx::new(g);
        cx.bind(&doc);
        // Lines removed one or two at a time, first, last and between, down to one kept line: each state's
        // sums, taken off the last state's, are those of its kept lines counted afresh.
        for gone in [&[4][..], &[0, 7], &[3], &[1, 5], &[6]] {
            for &i in gone {
                doc.alive[i] = false;
            }
            cx.changed();
            let kept = cx.kept(&doc);
            let sw = cx.page_stopwords(&doc, &kept);
            let memo = cx.stop_counts.borrow();
            let tally = memo.as_ref().unwrap();
            let mut lines = [tally.counted.as_slice(), &tally.pending].concat();
            lines.sort_unstable();
            assert_eq!(lines[..], kept[..]);
            assert_eq!(tally.counts, cx.stopword_counts(&doc, &tally.counted));
            let words: usize = tally.pending.iter().map(|&i| cx.shape_at(&doc, i).words.len()).sum();
            assert!(tally.pending_words.is_none_or(|w| w == words));
            // The same answer as a context that never saw the earlier states.
            assert!(std::ptr::eq(sw, Ctx::new(g).page_stopwords(&doc, &kept)));
        }
    }

    /// Two stories a menu parts: the first, longer, is the page's.
    fn two_stories() -> Document {
        Document::from_text(
            "Home\nRain at last\nThe drought ended on Monday when rain fell across the whole region.\n\
             Farmers said the rain came just in time for the planting of the spring crops.\n\
             Sport\nPolitics\nBusiness\nWeather\nTravel\nCulture\n\
             Snow in the hills\nSnow fell on the hills above the town for the first time in years.\n",
        )
    }

    #[test]
    fn a_removal_between_two_questions_moves_the_region() {
        let cx = Ctx::new(generic());
        let mut doc = two_stories();
        cx.bind(&doc);
        // A menu parts the two stories: the longer is the page's.
        let first = crate::region::main_region(&cx, &doc).unwrap();
        assert_eq!((first.headline, first.first, first.last), (Some(1), 2, 3));
        // A heuristic removes the first story's paragraphs: the next one asking finds the second story.
        doc.alive[2] = false;
        doc.alive[3] = false;
        cx.changed();
        let second = crate::region::main_region(&cx, &doc).unwrap();
        assert_eq!(*second.lines, [0, 1, 4, 5, 6, 7, 8, 9, 10, 11]);
        assert_eq!((second.headline, second.first, second.last), (Some(8), 9, 9));
        // Asked again in the same state: the same region.
        assert_eq!(crate::region::main_region(&cx, &doc), Some(second));
    }

    #[test]
    fn a_cut_between_two_questions_moves_the_region() {
        let cx = Ctx::new(generic());
        let mut doc = two_stories();
        cx.bind(&doc);
        let first = crate::region::main_region(&cx, &doc).unwrap();
        assert_eq!((first.headline, first.first, first.last), (Some(1), 2, 3));
        // The first story's paragraphs cut down to a label each, as an inline cut leaves a line: read anew.
        for i in [2, 3] {
            doc.lines[i] = "Video".into();
            cx.rebind(&doc, i);
        }
        let second = crate::region::main_region(&cx, &doc).unwrap();
        assert_eq!(*second.lines, *(0..12).collect::<Vec<_>>());
        assert_eq!((second.headline, second.first, second.last), (Some(10), 11, 11));
        // One cut to nothing: a blank line, no longer one the region weighs.
        doc.lines[3] = "".into();
        cx.rebind(&doc, 3);
        let third = crate::region::main_region(&cx, &doc).unwrap();
        assert_eq!(*third.lines, [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
        assert_eq!((third.headline, third.first, third.last), (Some(9), 10, 10));
    }
}
