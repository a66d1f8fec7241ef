//! The phrase-file line heuristics: cross-links, metadata, captions, legal, prompts, pitches, consent, teasers (port of `generic/lines.py`).

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
pub const CROSS_LINK: Heuristic = Heuristic {
    id: "generic.cross_link",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_cross_link),
};

fn test_cross_link(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const METADATA_LINE: Heuristic = Heuristic {
    id: "generic.metadata_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_metadata_line),
};

fn test_metadata_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const CAPTION: Heuristic = Heuristic {
    id: "generic.caption",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_caption),
};

fn test_caption(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const LEGAL_LINE: Heuristic = Heuristic {
    id: "generic.legal_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_legal_line),
};

fn test_legal_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const PROMPT_LINE: Heuristic = Heuristic {
    id: "generic.prompt_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_prompt_line),
};

fn test_prompt_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const PITCH_LINE: Heuristic = Heuristic {
    id: "generic.pitch_line",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_pitch_line),
};

fn test_pitch_line(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const CONSENT_NOTICE: Heuristic = Heuristic {
    id: "generic.consent_notice",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_consent_notice),
};

fn test_consent_notice(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}

/// TODO port.
pub const TEASER: Heuristic = Heuristic {
    id: "generic.teaser",
    reason: "",
    doc: "",
    example: "",
    decide: Decide::Line(test_teaser),
};

fn test_teaser(cx: &Ctx, line: &str) -> bool {
    todo!("{}{}", cx.g.tables.dir().display(), line)
}
