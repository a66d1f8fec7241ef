//! One document through the engine: the ordered stages, the one place that applies removals, tidying,
//! the passes to a fixed point, metadata and the safety valve (port of `cleaner/pipeline.py`).

use crate::generic::Generic;
use crate::removal::Removal;

/// How to clean.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run the generic stage.
    pub generic: bool,
    /// Share of prose that, once exceeded, holds the document back.
    pub max_loss: f64,
    /// Clean whatever the valve says.
    pub force: bool,
    /// Extract metadata.
    pub metadata: bool,
    /// Longer lines are kept untouched and unread (0: no limit).
    pub max_line_chars: usize,
}

/// What cleaning one document gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub text: String,
    pub title: String,
    pub removed: Vec<Removal>,
    pub metadata: Vec<(&'static str, String)>,
    pub held: Option<String>,
}

/// The site stage of a known site: sets protected lines on the document and returns its removals.
pub trait SiteStage {
    /// Decide on `doc` (one pass); an error aborts the document.
    fn decide(&mut self, doc: &mut crate::doc::Document) -> Result<Vec<Removal>, String>;
}

/// Clean `text`. `url_header`: the first line is a `# url:` header to take out.
pub fn clean(
    g: &Generic,
    text: &str,
    opts: &Options,
    url_header: bool,
    site: Option<&mut dyn SiteStage>,
) -> Result<Output, String> {
    todo!("{g:?} {text} {opts:?} {url_header} {}", site.is_some())
}
