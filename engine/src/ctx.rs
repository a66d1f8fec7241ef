//! What the heuristics share while one document is cleaned: the compiled generic data and per-line memories.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::doc::Document;
use crate::generic::Generic;
use crate::lang::WordSet;
use crate::phrases::{LineKeys, MATCHER_FILES};
use crate::region::Region;
use crate::shape::{shape, Shape};

/// What the heuristics ask of one line's text, each worked out on first need and kept for the document.
struct LineMemo {
    shape: Rc<Shape>,
    /// Its `exact` and `prefix` keys, shared by the phrase files.
    keys: LineKeys,
    /// Which raw patterns of the phrase files may match (`None`: no prefilter, all may).
    candidates: OnceCell<Option<crate::phrases::Candidates>>,
    /// The verdict of each phrase file (by its position in `MATCHER_FILES`).
    verdicts: [OnceCell<bool>; MATCHER_FILES.len()],
    /// Stop-word hits by language.
    hits: OnceCell<Vec<usize>>,
    /// Whether the line reads as prose, and with which stop words (pages change them rarely).
    prose: Cell<Option<(*const WordSet, bool)>>,
    /// For each run of line heuristics (by the stage position of its first): the position in the run of
    /// the first heuristic that takes the line, `None` when none does.
    rows: RefCell<Vec<(usize, Option<usize>)>>,
}

/// A main region and the page's stop words it was found with.
type Found<'g> = Option<(Region, &'g WordSet)>;

/// The generic data, and what was worked out about the lines seen so far in this document.
pub struct Ctx<'g> {
    pub g: &'g Generic,
    // Fx hashing: asked a few dozen times per line; the keys are one document's lines, not an adversary's.
    lines: RefCell<FxHashMap<Rc<str>, Rc<LineMemo>>>,
    /// The line asked about last and its memory: heuristics ask several questions of one line in a row
    /// (the row of line heuristics, the region's facts), each answered without hashing the line again.
    last: RefCell<Option<(Rc<str>, Rc<LineMemo>)>>,
    /// The last document state the main region was found for, and what was found: the heuristics after
    /// one that removed nothing ask again for the same state.
    region: RefCell<Option<(Document, Found<'g>)>>,
}

impl<'g> Ctx<'g> {
    /// A context with empty memories.
    pub fn new(g: &'g Generic) -> Ctx<'g> {
        Ctx {
            g,
            lines: RefCell::default(),
            last: RefCell::default(),
            region: RefCell::default(),
        }
    }

    fn memo(&self, line: &str) -> Rc<LineMemo> {
        if let Some((text, m)) = &*self.last.borrow() {
            if **text == *line {
                return Rc::clone(m);
            }
        }
        let known = self
            .lines
            .borrow()
            .get_key_value(line)
            .map(|(text, m)| (Rc::clone(text), Rc::clone(m)));
        let (text, m) = known.unwrap_or_else(|| {
            let m = Rc::new(LineMemo {
                shape: Rc::new(shape(line)),
                keys: LineKeys::default(),
                candidates: OnceCell::new(),
                verdicts: Default::default(),
                hits: OnceCell::new(),
                prose: Cell::new(None),
                rows: RefCell::default(),
            });
            let text: Rc<str> = Rc::from(line);
            self.lines.borrow_mut().insert(Rc::clone(&text), Rc::clone(&m));
            (text, m)
        });
        *self.last.borrow_mut() = Some((text, Rc::clone(&m)));
        m
    }

    /// The shape of a line (computed once per text).
    pub fn shape(&self, line: &str) -> Rc<Shape> {
        Rc::clone(&self.memo(line).shape)
    }

    /// Whether `line` matches phrase file `table` (one of `phrases::MATCHER_FILES`), remembered.
    pub fn matches(&self, table: &'static str, line: &str) -> bool {
        let Some(k) = MATCHER_FILES.iter().position(|&n| n == table) else {
            panic!("no phrase matcher named {table}");
        };
        let m = self.memo(line);
        *m.verdicts[k].get_or_init(|| {
            let may = || {
                m.candidates
                    .get_or_init(|| self.g.matchers.candidates(&m.shape))
                    .as_ref()
            };
            self.g.matchers.matches_file(k, &m.shape, &m.keys, &may)
        })
    }

    /// The verdict of the run of line heuristics starting at stage position `row` on `line`, remembered
    /// across the passes over this document (`decide` computes it the first time).
    pub fn row_verdict(&self, row: usize, line: &str, decide: impl FnOnce() -> Option<usize>) -> Option<usize> {
        let m = self.memo(line);
        let known = m.rows.borrow().iter().find(|(r, _)| *r == row).map(|&(_, v)| v);
        if let Some(v) = known {
            return v;
        }
        let v = decide();
        m.rows.borrow_mut().push((row, v));
        v
    }

    /// [`crate::region::is_prose`] of `line` with the page's stop words `sw`, remembered for the last `sw`
    /// asked (the generic data's sets live as long as it, so two of them never share an address).
    pub fn is_prose(&self, line: &str, sw: &'g WordSet) -> bool {
        let m = self.memo(line);
        let asked: *const WordSet = sw;
        if let Some((with, prose)) = m.prose.get() {
            if std::ptr::eq(with, asked) {
                return prose;
            }
        }
        let prose = crate::region::is_prose(&m.shape, sw);
        m.prose.set(Some((asked, prose)));
        prose
    }

    /// Stop words of the page's language, judged from the `kept` lines (empty when unknown).
    pub fn page_stopwords(&self, doc: &Document, kept: &[usize]) -> &'g WordSet {
        let memos: Vec<Rc<LineMemo>> = kept.iter().map(|&i| self.memo(&doc.lines[i])).collect();
        let lang = &self.g.lang;
        lang.page_stopwords_of_hits(
            memos
                .iter()
                .map(|m| m.hits.get_or_init(|| lang.hits(&m.shape.words)).as_slice()),
        )
    }

    /// `find()`, the main region of `doc` and the page's stop words, remembered for the last state asked.
    pub fn region_of(&self, doc: &Document, find: impl FnOnce() -> Found<'g>) -> Found<'g> {
        if let Some((state, found)) = &*self.region.borrow() {
            if state == doc {
                return found.clone();
            }
        }
        let found = find();
        let mut memo = self.region.borrow_mut();
        match &mut *memo {
            // Reuses the stored lines' buffers: most states differ from the last only in what is alive.
            Some((state, stored)) => {
                state.lines.clone_from(&doc.lines);
                state.alive.clone_from(&doc.alive);
                state.protected.clone_from(&doc.protected);
                *stored = found.clone();
            }
            None => *memo = Some((doc.clone(), found.clone())),
        }
        found
    }
}
