//! Breadcrumb lines (port of `generic/breadcrumbs.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;
use crate::tables::{LoadError, Tables};

/// What this module compiles from the phrase files.
#[derive(Debug, Default)]
pub struct Data {}

impl Data {
    /// Compile from the phrase files.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let _ = tables;
        Ok(Data {})
    }
}

/// TODO port.
pub const BREADCRUMB: Heuristic = Heuristic {
    id: "generic.breadcrumb",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_breadcrumb),
};

fn test_breadcrumb(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}
