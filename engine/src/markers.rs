//! Advertisement markers: whole marker lines, and markers glued to a story line (port of `generic/markers.py`).

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
pub const AD_MARKER_CUT: Heuristic = Heuristic {
    id: "generic.ad_marker_cut",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Doc(decide_ad_marker_cut),
};

fn decide_ad_marker_cut(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    todo!("{}{}", cx.g.tables.dir().display(), doc.len())
}

/// TODO port.
pub const AD_MARKER_LINE: Heuristic = Heuristic {
    id: "generic.ad_marker_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_ad_marker_line),
};

fn test_ad_marker_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}
