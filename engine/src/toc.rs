//! A table of contents (port of `generic/toc.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const TABLE_OF_CONTENTS: Heuristic = Heuristic {
    id: "generic.table_of_contents",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_table_of_contents),
};

fn decide_table_of_contents(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
