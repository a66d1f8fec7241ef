//! What the heuristics share while one document is cleaned: the compiled generic data and per-line memories.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::doc::Document;
use crate::generic::Generic;
use crate::lang::WordSet;
use crate::shape::{shape, Shape};

/// The generic data, and the shapes and phrase-file verdicts of the lines seen so far in this document.
pub struct Ctx<'g> {
    pub g: &'g Generic,
    shapes: RefCell<HashMap<String, Rc<Shape>>>,
    verdicts: RefCell<HashMap<(&'static str, String), bool>>,
}

impl<'g> Ctx<'g> {
    /// A context with empty memories.
    pub fn new(g: &'g Generic) -> Ctx<'g> {
        Ctx { g, shapes: RefCell::default(), verdicts: RefCell::default() }
    }

    /// The shape of a line (computed once per text).
    pub fn shape(&self, line: &str) -> Rc<Shape> {
        if let Some(s) = self.shapes.borrow().get(line) {
            return Rc::clone(s);
        }
        let s = Rc::new(shape(line));
        self.shapes.borrow_mut().insert(line.to_string(), Rc::clone(&s));
        s
    }

    /// Whether `line` matches phrase file `table` (one of `phrases::MATCHER_FILES`), remembered.
    pub fn matches(&self, table: &'static str, line: &str) -> bool {
        let key = (table, line.to_string());
        if let Some(&v) = self.verdicts.borrow().get(&key) {
            return v;
        }
        let v = self.g.matchers.get(table).matches(&self.shape(line));
        self.verdicts.borrow_mut().insert(key, v);
        v
    }

    /// Stop words of the page's language, judged from the `kept` lines (empty when unknown).
    pub fn page_stopwords(&self, doc: &Document, kept: &[usize]) -> &'g WordSet {
        let shapes: Vec<Rc<Shape>> = kept.iter().map(|&i| self.shape(&doc.lines[i])).collect();
        self.g.lang.page_stopwords(shapes.iter().map(|s| s.words.as_slice()))
    }
}
