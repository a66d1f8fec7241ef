//! Leaked page code: minified script or style sheet in the dump (port of `generic/code.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// TODO port.
pub const LEAKED_CODE: Heuristic = Heuristic {
    id: "generic.leaked_code",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_leaked_code),
};

fn test_leaked_code(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}
