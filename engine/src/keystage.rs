//! A learned site's rules as a site stage matching lines by key: how `cleaner learn` checks the rules it
//! chose on a sample of the site's pages (`cleaner.learning.verify`, whose `KeyStage` defines it).
//!
//! The rules are run by their keys (the normalised lines their patterns stand for), not by their
//! patterns: the same lines, and no pattern is compiled for a check. Removals are ids `learned` (the
//! header before the `head` line, the footer from the `foot` line) and `learned:KEY` (one line).
//!
//! ```
//! use cleaner_engine::keystage::KeyStage;
//! use cleaner_engine::linekey::LineKeys;
//! let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
//! let stage = KeyStage::new(&keys, None, 0, Some("related".into()), ["home".to_string()].into());
//! let lines: Vec<String> = ["Home", "Story.", "Related", "x"].map(String::from).into();
//! let found: Vec<_> = stage.decide(&lines, &[true; 4]).into_iter().map(|r| (r.rule, r.start, r.end)).collect();
//! assert_eq!(found, [("learned".to_string(), 2, 4), ("learned:home".to_string(), 0, 1)]);
//! ```

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::generic::Generic;
use crate::linekey::LineKeys;
use crate::pipeline::{self, Options, SiteStage};
use crate::removal::Removal;

/// Id of the header and footer removals; a line's is `learned:` and its key.
pub const LEARNED: &str = "learned";

/// A site's learned header line (with the most lines it may close), footer line and line keys.
pub struct KeyStage<'k> {
    keys: &'k LineKeys,
    head: Option<String>,
    head_max: usize,
    foot: Option<String>,
    lines: HashSet<String>,
    /// Each line met as a site stage (see [`SiteStage`]) and its key when a rule names it: a page's
    /// later passes, its other runs and the site's other pages meet most lines again, and a key costs
    /// more than looking its line up (numbers, month and weekday names).
    seen: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl<'k> KeyStage<'k> {
    /// The stage of these rules, keying lines with `keys`.
    pub fn new(
        keys: &'k LineKeys,
        head: Option<String>,
        head_max: usize,
        foot: Option<String>,
        lines: HashSet<String>,
    ) -> KeyStage<'k> {
        KeyStage {
            keys,
            head,
            head_max,
            foot,
            lines,
            seen: FxHashMap::default(),
        }
    }

    /// The removals of `lines` (those not `alive` are gone already): everything up to the first live
    /// `head` line when it is among the first `head_max`, everything from the first live `foot` line
    /// that is left, then every line left whose key is a learned line's.
    pub fn decide<S: AsRef<str>>(&self, lines: &[S], alive: &[bool]) -> Vec<Removal> {
        let keys = lines
            .iter()
            .map(|line| self.named(self.keys.key(line.as_ref())))
            .collect();
        self.decide_keys(lines, alive, keys)
    }

    /// `key` when a rule names it (the header line, the footer line, a learned line), else `None`.
    fn named(&self, key: String) -> Option<Box<str>> {
        let named = self.head.as_deref() == Some(key.as_str())
            || self.foot.as_deref() == Some(key.as_str())
            || (!key.is_empty() && self.lines.contains(&key));
        named.then(|| key.into_boxed_str())
    }

    /// [`decide`](Self::decide), each line's key given (`None`: no rule names it).
    fn decide_keys<S: AsRef<str>>(&self, lines: &[S], alive: &[bool], keys: Vec<Option<Box<str>>>) -> Vec<Removal> {
        let mut live: Vec<bool> = (0..lines.len())
            .map(|i| alive.get(i).copied().unwrap_or(false))
            .collect();
        let first = |live: &[bool], want: &str| (0..keys.len()).find(|&i| live[i] && keys[i].as_deref() == Some(want));
        let mut out = Vec::new();
        if let Some(i) = self.head.as_deref().and_then(|h| first(&live, h)) {
            if i < self.head_max {
                out.push(Removal::lines(LEARNED, 0, i + 1, "header", String::new()));
                live[..=i].iter_mut().for_each(|x| *x = false);
            }
        }
        if let Some(i) = self.foot.as_deref().and_then(|f| first(&live, f)) {
            out.push(Removal::lines(LEARNED, i, lines.len(), "footer", String::new()));
            live[i..].iter_mut().for_each(|x| *x = false);
        }
        for (i, key) in keys.iter().enumerate() {
            let Some(key) = key.as_deref() else { continue };
            if live[i] && !key.is_empty() && self.lines.contains(key) {
                out.push(Removal::lines(
                    &format!("{LEARNED}:{key}"),
                    i,
                    i + 1,
                    "line",
                    lines[i].as_ref().to_string(),
                ));
            }
        }
        out
    }
}

impl SiteStage for KeyStage<'_> {
    fn decide(&mut self, doc: &mut Document) -> Result<Vec<Removal>, String> {
        let mut keys = Vec::with_capacity(doc.lines.len());
        for line in &doc.lines {
            let key = match self.seen.get(&**line) {
                Some(key) => key.clone(),
                None => {
                    let key = self.named(self.keys.key(line));
                    self.seen.insert((&**line).into(), key.clone());
                    key
                }
            };
            keys.push(key);
        }
        Ok(self.decide_keys(&doc.lines, &doc.alive, keys))
    }
}

/// A sample page of the check: its text, and whether the plain run (no site stage) is wanted too, with
/// whether its first line is a `# url:` header that run takes out (`None`: the learned run alone).
pub struct CheckPage<'t> {
    /// The page, newlines normalised.
    pub text: &'t str,
    /// `Some(url_header)`: make its plain run too.
    pub plain: Option<bool>,
}

/// The removals of each page's plain run (when asked) and of its run with `stage` as the site stage,
/// both generic, without metadata, shielding lines longer than `max_line_chars`. The pages share one
/// context: a page's two runs, and a site's pages, have most lines in common, and each is worked out once
/// ([`pipeline::clean_in`]). The safety valve changes no removal: it is left open.
///
/// ```
/// use cleaner_engine::{generic::Generic, keystage::{check, CheckPage, KeyStage}, linekey::LineKeys};
/// use cleaner_engine::pipeline::{clean, Options};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
/// let mut stage = KeyStage::new(&keys, None, 0, None, ["home".to_string()].into());
/// let text = "Title\nHome\nAdvertisement\nThe story goes on and on, as stories do.\n";
/// let pages = [CheckPage { text, plain: Some(false) }, CheckPage { text, plain: None }];
/// let opts = Options::default();
/// let runs = check(&g, &mut stage, &pages, opts.max_line_chars).unwrap();
/// assert_eq!(runs[0].0, Some(clean(&g, text, &opts, false, None).unwrap().removed));
/// assert_eq!(runs[0].1[0].rule, "learned:home");
/// assert_eq!((runs[1].0.is_none(), &runs[1].1), (true, &runs[0].1));
/// ```
pub fn check(
    g: &Generic,
    stage: &mut KeyStage<'_>,
    pages: &[CheckPage<'_>],
    max_line_chars: usize,
) -> Result<CheckRuns, String> {
    let cx = Ctx::new(g);
    let opts = check_options(max_line_chars);
    pages
        .iter()
        .map(|page| {
            let plain = match page.plain {
                Some(url_header) => Some(pipeline::clean_in(&cx, page.text, &opts, url_header, None)?.removed),
                None => None,
            };
            let learned = pipeline::clean_in(&cx, page.text, &opts, false, Some(stage as &mut dyn SiteStage))?;
            Ok((plain, learned.removed))
        })
        .collect()
}

/// The options of the check's runs: the generic stage, forced (the safety valve changes no removal), no
/// metadata, lines longer than `max_line_chars` shielded.
///
/// ```
/// let opts = cleaner_engine::keystage::check_options(5000);
/// assert!(opts.generic && opts.force && !opts.metadata && opts.max_line_chars == 5000);
/// ```
pub fn check_options(max_line_chars: usize) -> Options {
    Options {
        generic: true,
        max_loss: 0.9,
        force: true,
        metadata: false,
        max_line_chars,
        removal_texts: true,
        stage: Default::default(),
    }
}

/// Per page of [`check`]: the plain run's removals (when asked) and the learned run's.
pub type CheckRuns = Vec<(Option<Vec<Removal>>, Vec<Removal>)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_past_its_limit_is_left_and_dead_lines_are_skipped() {
        let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
        let stage = KeyStage::new(&keys, Some("top".into()), 2, None, ["home".to_string()].into());
        let lines: Vec<String> = ["a", "b", "Top", "Home", "HOME"].map(String::from).into();
        let found: Vec<_> = stage
            .decide(&lines, &[true, true, true, false, true])
            .into_iter()
            .map(|r| (r.rule, r.start, r.end))
            .collect();
        assert_eq!(found, [("learned:home".to_string(), 4, 5)]);
        assert!(
            stage.decide(&lines, &[true; 2]).is_empty(),
            "lines past `alive` count as gone"
        );
    }
}
