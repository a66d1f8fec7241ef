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

use crate::doc::Document;
use crate::linekey::LineKeys;
use crate::pipeline::SiteStage;
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
        }
    }

    /// The removals of `lines` (those not `alive` are gone already): everything up to the first live
    /// `head` line when it is among the first `head_max`, everything from the first live `foot` line
    /// that is left, then every line left whose key is a learned line's.
    pub fn decide(&self, lines: &[String], alive: &[bool]) -> Vec<Removal> {
        let keys: Vec<String> = lines.iter().map(|line| self.keys.key(line)).collect();
        let mut live: Vec<bool> = (0..lines.len())
            .map(|i| alive.get(i).copied().unwrap_or(false))
            .collect();
        let first = |live: &[bool], want: &str| (0..keys.len()).find(|&i| live[i] && keys[i] == want);
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
            if live[i] && !key.is_empty() && self.lines.contains(key) {
                out.push(Removal::lines(
                    &format!("{LEARNED}:{key}"),
                    i,
                    i + 1,
                    "line",
                    lines[i].clone(),
                ));
            }
        }
        out
    }
}

impl SiteStage for KeyStage<'_> {
    fn decide(&mut self, doc: &mut Document) -> Result<Vec<Removal>, String> {
        Ok(KeyStage::decide(self, &doc.lines, &doc.alive))
    }
}

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
