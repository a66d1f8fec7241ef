//! Lists of linked titles (port of `generic/titlelists.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const TITLE_LIST: Heuristic = Heuristic {
    id: "generic.title_list",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_title_list),
};

fn decide_title_list(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
