//! Phrase-file line matchers: `exact`, `prefix`, `contains` and `regex` keys (port of `generic/linematch.py`).

use crate::shape::Shape;
use crate::tables::{LoadError, Tables};

/// One phrase file, ready to match a line.
#[derive(Debug)]
pub struct LineMatcher {}

impl LineMatcher {
    /// Compile `rules/generic/<name>.toml`.
    pub fn load(tables: &Tables, name: &str) -> Result<LineMatcher, LoadError> {
        todo!("{tables:?} {name}")
    }

    /// Whether the line whose shape is `s` is a line of this kind (Python's `LineMatcher.matches`).
    pub fn matches(&self, s: &Shape) -> bool {
        todo!("{s:?}")
    }
}

/// The phrase files that are matched line by line, by name.
pub const MATCHER_FILES: [&str; 10] = [
    "cross-links",
    "metadata-lines",
    "captions",
    "legal",
    "prompts",
    "pitches",
    "teasers",
    "comments",
    "trailing-blocks",
    "author-boxes",
];

/// Every matcher of [`MATCHER_FILES`].
#[derive(Debug, Default)]
pub struct Matchers {
    by_name: Vec<(&'static str, LineMatcher)>,
}

impl Matchers {
    /// Compile every file of [`MATCHER_FILES`].
    pub fn load(tables: &Tables) -> Result<Matchers, LoadError> {
        let mut by_name = Vec::new();
        for name in MATCHER_FILES {
            by_name.push((name, LineMatcher::load(tables, name)?));
        }
        Ok(Matchers { by_name })
    }

    /// The matcher of file `name` (one of [`MATCHER_FILES`]).
    pub fn get(&self, name: &str) -> &LineMatcher {
        match self.by_name.iter().find(|(n, _)| *n == name) {
            Some((_, m)) => m,
            None => panic!("no phrase matcher named {name}"),
        }
    }
}
