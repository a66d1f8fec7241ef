//! A lone date or time line (port of `generic/dates.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const DATE_LINE: Heuristic = Heuristic {
    id: "generic.date_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_date_line),
};

fn test_date_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}
