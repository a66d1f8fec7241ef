//! A pattern of a phrase file, written in the syntax of Python's `regex` module, compiled for Rust.
//!
//! Most patterns compile with the `regex` crate (linear time). Lookaround, which the crate lacks,
//! goes to `fancy-regex`; `(?&name)` calls of a `[define]` table are expanded before compiling.

use crate::tables::LoadError;

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {}

impl Pattern {
    /// Compile `source` (Python `regex` syntax). `file` names the phrase file for errors.
    pub fn new(source: &str, file: &std::path::Path) -> Result<Pattern, LoadError> {
        todo!("{source} {}", file.display())
    }

    /// Python's `pattern.search(text) is not None`.
    pub fn search(&self, text: &str) -> bool {
        todo!("{text}")
    }

    /// Python's `pattern.match(text) is not None` (anchored at the start of `text`).
    pub fn match_start(&self, text: &str) -> bool {
        todo!("{text}")
    }

    /// The byte span of the first match (Python's `search(text).span()`, in bytes).
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        todo!("{text}")
    }

    /// The text of named group `name` in the first match (Python's `search(text).group(name)`);
    /// `None` when there is no match, `Some("")` when the group did not take part.
    pub fn search_group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        todo!("{text} {name}")
    }
}

