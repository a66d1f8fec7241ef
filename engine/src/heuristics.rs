//! What a heuristic is (a stable id, a reason, docs, an example, and a function that decides), and the
//! generic stage: the explicit ordered list of them.

use std::sync::{Arc, OnceLock};

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::removal::Removal;

/// How a heuristic decides.
#[derive(Clone, Copy)]
pub enum Decide {
    /// By a line's text alone: true drops the line (every kept line is asked).
    Line(fn(&Ctx, &str) -> bool),
    /// By reading the whole document.
    Doc(fn(&Ctx, &Document) -> Vec<Removal>),
    /// By reading the whole document, on a pass where every other heuristic removed nothing: what it
    /// removes then changes no decision the others took on the page as it was.
    Settled(fn(&Ctx, &Document) -> Vec<Removal>),
}

/// A named generic heuristic: `doc` says what it does and why; `example` is text it removes.
#[derive(Clone, Copy)]
pub struct Heuristic {
    pub id: &'static str,
    pub reason: &'static str,
    pub doc: &'static str,
    pub example: &'static str,
    pub decide: Decide,
}

impl Heuristic {
    /// A removal of lines `start..end` (exclusive) by this heuristic, with its reason or `reason`, and no
    /// text: the pipeline records the text of what a removal takes as it applies it ([`apply_removals`]),
    /// and only when asked (a text joined here was dropped there, for every block removed).
    ///
    /// [`apply_removals`]: crate::pipeline::apply_removals
    ///
    /// ```
    /// use cleaner_engine::heuristics::by_id;
    /// let r = by_id("generic.duplicate-line").unwrap().remove_lines(2, 3, None);
    /// assert_eq!((r.start, r.end, r.reason.as_str(), r.text.as_str()), (2, 3, "second copy of a line already kept", ""));
    /// ```
    pub fn remove_lines(&self, start: usize, end: usize, reason: Option<&str>) -> Removal {
        Removal::lines(self.id, start, end, reason.unwrap_or(self.reason), String::new())
    }
}

/// The generic stage, in the order it runs.
pub const HEURISTICS: [Heuristic; 27] = [
    crate::markers::AD_MARKER_CUT,
    crate::markers::AD_MARKER_LINE,
    crate::code::LEAKED_CODE,
    crate::breadcrumbs::BREADCRUMB,
    crate::lines::CROSS_LINK,
    crate::lines::METADATA_LINE,
    crate::dates::DATE_LINE,
    crate::lines::CAPTION,
    crate::lines::LEGAL_LINE,
    crate::lines::PROMPT_LINE,
    crate::lines::PITCH_LINE,
    crate::lines::CONSENT_NOTICE,
    crate::lines::TEASER,
    crate::toc::TABLE_OF_CONTENTS,
    crate::titlelists::TITLE_LIST,
    crate::authorbox::AUTHOR_BOX,
    crate::threads::COMMENT_THREAD,
    crate::trailing::COMMENTS_BLOCK,
    crate::trailing::TRAILING_BLOCK,
    crate::region::HEADER_REGION,
    crate::region::FOOTER_REGION,
    crate::menus::MENU_RUN,
    crate::lines::TEASER_SUMMARY,
    crate::repeats::DUPLICATE_LINE,
    crate::images::IMAGE_LABEL,
    crate::pager::PAGER_LINK,
    crate::lines::SHARE_ROW,
];

/// Look a heuristic up by id.
///
/// ```
/// assert_eq!(cleaner_engine::heuristics::by_id("generic.duplicate-line").unwrap().id, "generic.duplicate-line");
/// ```
pub fn by_id(id: &str) -> Option<&'static Heuristic> {
    HEURISTICS.iter().find(|h| h.id == id)
}

/// The generic stage a caller runs: [`HEURISTICS`] in order, less those it ignores (`--ignore`). Built
/// once per engine and shared by its documents, so an ignored heuristic costs nothing per line: it is not
/// in the list the passes walk.
///
/// ```
/// use cleaner_engine::heuristics::Stage;
/// let stage = Stage::without(&["generic.caption"]).unwrap();
/// assert_eq!(stage.heuristics().len(), Stage::default().heuristics().len() - 1);
/// assert!(stage.heuristics().iter().all(|h| h.id != "generic.caption"));
/// assert_eq!(Stage::without(&["generic.nope"]).unwrap_err(), "no generic heuristic 'generic.nope'");
/// ```
#[derive(Clone)]
pub struct Stage(Arc<[Heuristic]>);

impl Stage {
    /// Every heuristic but those of `ignored` (ids of [`HEURISTICS`]; another id is an error naming it).
    pub fn without(ignored: &[&str]) -> Result<Stage, String> {
        if let Some(unknown) = ignored.iter().find(|id| by_id(id).is_none()) {
            return Err(format!("no generic heuristic '{unknown}'"));
        }
        if ignored.is_empty() {
            return Ok(Stage::default());
        }
        Ok(Stage(
            HEURISTICS
                .iter()
                .filter(|h| !ignored.contains(&h.id))
                .copied()
                .collect(),
        ))
    }

    /// The heuristics to run, in order.
    pub fn heuristics(&self) -> &[Heuristic] {
        &self.0
    }
}

impl Default for Stage {
    /// The whole generic stage, one list shared by every caller that ignores nothing.
    fn default() -> Stage {
        static ALL: OnceLock<Arc<[Heuristic]>> = OnceLock::new();
        Stage(Arc::clone(ALL.get_or_init(|| HEURISTICS.as_slice().into())))
    }
}

impl std::fmt::Debug for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|h| h.id)).finish()
    }
}
