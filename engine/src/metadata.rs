//! Metadata found in a dump: publication and update dates and the byline (port of `cleaner/metadata.py`).

use crate::removal::Removal;
use crate::tables::{LoadError, Tables};

/// The compiled fields of `rules/generic/metadata.toml`.
#[derive(Debug, Default)]
pub struct Data {}

impl Data {
    /// Compile `metadata.toml` (its `[define]` calls expanded).
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let _ = tables;
        Ok(Data {})
    }

    /// Published date, updated date and byline, where the text shows them, in that order
    /// (Python's `extract_metadata(lines, removed)`).
    pub fn extract(&self, lines: &[String], removed: &[Removal]) -> Vec<(&'static str, String)> {
        todo!("{lines:?} {removed:?}")
    }
}
