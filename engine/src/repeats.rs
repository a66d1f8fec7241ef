//! Repeated text (port of `generic/repeats.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const DUPLICATE_LINE: Heuristic = Heuristic {
    id: "generic.duplicate_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_duplicate_line),
};

fn decide_duplicate_line(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
