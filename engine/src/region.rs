//! The main-content region (port of `generic/region.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const HEADER_REGION: Heuristic = Heuristic {
    id: "generic.header_region",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_header_region),
};

fn decide_header_region(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}

/// TODO port.
pub const FOOTER_REGION: Heuristic = Heuristic {
    id: "generic.footer_region",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_footer_region),
};

fn decide_footer_region(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}
