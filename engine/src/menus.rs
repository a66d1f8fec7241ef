//! Menus and link lists (port of `generic/menus.py`).

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
pub const MENU_RUN: Heuristic = Heuristic {
    id: "generic.menu_run",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_menu_run),
};

fn decide_menu_run(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
