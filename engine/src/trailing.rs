//! Blocks that follow the story (port of `generic/trailing.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const COMMENTS_BLOCK: Heuristic = Heuristic {
    id: "generic.comments_block",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_comments_block),
};

fn decide_comments_block(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}

/// TODO port.
pub const TRAILING_BLOCK: Heuristic = Heuristic {
    id: "generic.trailing_block",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_trailing_block),
};

fn decide_trailing_block(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
