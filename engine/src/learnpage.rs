//! Pass 2 of `cleaner learn` on one page: the evidence on each of the site's frequent lines it holds.
//!
//! The same figures as `cleaner.learning.count.gather_page` (its docstrings and `LineEvidence`'s say
//! what each one means), computed without the interpreter: pass 2 looks at every line of every page of
//! a corpus. Every figure is a count, a maximum, a minimum or the smallest examples, so the evidence
//! of many pages does not depend on their order.
//!
//! ```
//! use cleaner_engine::learnpage::{gather_page, SiteSets};
//! use cleaner_engine::linekey::{key_hash, LineKeys};
//! let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
//! let home = key_hash("home");
//! let sets = SiteSets::new(vec![home], vec![home], vec![home]);
//! let mut out = Default::default();
//! gather_page(&keys, "Home\nThe river broke its banks on Sunday, officials said today.", &sets, &mut out);
//! let ev = &out[&home];
//! assert_eq!((ev.pages, ev.head_ok, ev.leads_story, ev.examples.clone()), (1, 1, 1, vec!["Home".to_string()]));
//! ```

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::linekey::LineKeys;
use crate::pystr;

/// Examples kept per line: the smallest distinct ones.
pub const EXAMPLES: usize = 3;
/// Share of the lines below a footer line that may be new.
pub const FOOTER_STRAY: f64 = 0.1;
/// Runs of new prose below a line that make a comment thread, and times a separator's shape must recur.
pub const THREAD_RUNS: usize = 3;

/// The hashes pass 2 looks at on a site's pages (see `cleaner.learning.count.SiteSets`).
pub struct SiteSets {
    recurring: FxHashSet<u64>,
    frequent: FxHashSet<u64>,
    common: FxHashSet<u64>,
}

impl SiteSets {
    /// The sets from their hashes.
    pub fn new(recurring: Vec<u64>, frequent: Vec<u64>, common: Vec<u64>) -> SiteSets {
        SiteSets {
            recurring: recurring.into_iter().collect(),
            frequent: frequent.into_iter().collect(),
            common: common.into_iter().collect(),
        }
    }
}

/// What pass 2 saw of one frequent line over the pages it was given (see `LineEvidence`).
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub key: String,
    pub pages: u64,
    pub examples: Vec<String>,
    pub prose: bool,
    pub max_prose_share: f64,
    pub head_ok: u64,
    pub head_ok_max: i64,
    pub head_bad_min: i64,
    pub head_lines: u64,
    pub tail_ok: u64,
    pub tail_max_share: f64,
    pub tail_lines: u64,
    pub leads_story: u64,
    pub beside: u64,
    pub between: u64,
    pub story_above: u64,
    pub rest_share_max: f64,
    pub rest_thread: u64,
    pub rest_lines: u64,
}

impl Evidence {
    /// No pages seen yet.
    pub fn new(key: &str) -> Evidence {
        Evidence {
            key: key.to_string(),
            pages: 0,
            examples: Vec::new(),
            prose: false,
            max_prose_share: 0.0,
            head_ok: 0,
            head_ok_max: -1,
            head_bad_min: 1 << 60,
            head_lines: 0,
            tail_ok: 0,
            tail_max_share: 0.0,
            tail_lines: 0,
            leads_story: 0,
            beside: 0,
            between: 0,
            story_above: 0,
            rest_share_max: 0.0,
            rest_thread: 0,
            rest_lines: 0,
        }
    }
}

impl Evidence {
    /// Fold in the evidence of other pages on the same line (`LineEvidence.merge`).
    ///
    /// ```
    /// use cleaner_engine::learnpage::Evidence;
    /// let mut a = Evidence { examples: vec!["b".into(), "d".into()], pages: 2, head_ok_max: 3, ..Evidence::new("x") };
    /// let b = Evidence { examples: vec!["a".into(), "c".into()], pages: 1, head_ok_max: 7, ..Evidence::new("x") };
    /// a.merge(&b);
    /// assert_eq!((a.examples, a.pages, a.head_ok_max), (vec!["a".into(), "b".into(), "c".into()], 3, 7));
    /// ```
    pub fn merge(&mut self, o: &Evidence) {
        if !o.key.is_empty() && (self.key.is_empty() || o.key < self.key) {
            self.key = o.key.clone();
        }
        self.pages += o.pages;
        if self.examples.windows(2).all(|w| w[0] < w[1]) && self.examples.len() <= EXAMPLES {
            // Sorted and distinct, as gather_page and merge leave them: each of the other's goes in its
            // place, when it is new and among the smallest, with no list made anew.
            for e in &o.examples {
                let at = self.examples.partition_point(|x| x < e);
                if at < EXAMPLES && self.examples.get(at) != Some(e) {
                    self.examples.insert(at, e.clone());
                    self.examples.truncate(EXAMPLES);
                }
            }
        } else {
            let mut examples: Vec<String> = self.examples.iter().chain(&o.examples).cloned().collect();
            examples.sort();
            examples.dedup();
            examples.truncate(EXAMPLES);
            self.examples = examples;
        }
        self.prose = self.prose || o.prose;
        self.max_prose_share = self.max_prose_share.max(o.max_prose_share);
        self.head_ok += o.head_ok;
        self.head_ok_max = self.head_ok_max.max(o.head_ok_max);
        self.head_bad_min = self.head_bad_min.min(o.head_bad_min);
        self.head_lines += o.head_lines;
        self.tail_ok += o.tail_ok;
        self.tail_max_share = self.tail_max_share.max(o.tail_max_share);
        self.tail_lines += o.tail_lines;
        self.leads_story += o.leads_story;
        self.beside += o.beside;
        self.between += o.between;
        self.story_above += o.story_above;
        self.rest_share_max = self.rest_share_max.max(o.rest_share_max);
        self.rest_thread += o.rest_thread;
        self.rest_lines += o.rest_lines;
    }
}

/// Words of a line when it reads like a sentence of a story (ten words or more, or five or more ending
/// in `.`, `!`, `?` or `…`, closing quotes and brackets after it allowed), else 0.
///
/// ```
/// use cleaner_engine::learnpage::prose_words;
/// assert_eq!(prose_words("The river broke its banks on Sunday, officials said."), 9);
/// assert_eq!(prose_words("“It rose,” she said. “Fast.”  "), 5);
/// assert_eq!(prose_words("Share this story"), 0);
/// ```
pub fn prose_words(line: &str) -> u64 {
    let words = word_count(line);
    if words >= 10 || (words >= 5 && ends_sentence(line)) {
        words
    } else {
        0
    }
}

/// `len(line.split())`, counted without making the words: every line of a corpus is counted.
fn word_count(line: &str) -> u64 {
    let (mut words, mut in_word) = (0u64, false);
    for c in line.chars() {
        let space = pystr::is_space(c);
        words += u64::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// The `regex` module's `[.!?…]["”’)\]]*\s*$` found in `line` (one without `\n`).
fn ends_sentence(line: &str) -> bool {
    let tail = line.trim_end_matches(pystr::is_regex_space);
    let tail = tail.trim_end_matches(['"', '”', '’', ')', ']']);
    tail.ends_with(['.', '!', '?', '…'])
}

/// Pass 2 on one page: evidence on each frequent line of `sets` it holds, at its first occurrence.
pub fn gather_page(keys: &LineKeys, text: &str, sets: &SiteSets, out: &mut HashMap<u64, Evidence>) {
    gather_hashed(keys, text, &keys.hashes(text), sets, out);
}

/// [`gather_page`] with the hashes of the page's lines given ([`LineKeys::hashes`] of `text`, kept from
/// pass 1: keying every line again would cost pass 2 more than the evidence does). Hashes that are not
/// one per line are made again.
///
/// ```
/// use cleaner_engine::learnpage::{gather_hashed, gather_page, SiteSets};
/// use cleaner_engine::linekey::{key_hash, LineKeys};
/// let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
/// let home = key_hash("home");
/// let sets = SiteSets::new(vec![home], vec![home], vec![home]);
/// let page = "Home\nThe river broke its banks on Sunday, officials said today.";
/// let (mut a, mut b, mut c) = Default::default();
/// gather_page(&keys, page, &sets, &mut a);
/// gather_hashed(&keys, page, &keys.hashes(page), &sets, &mut b);
/// gather_hashed(&keys, page, &[home], &sets, &mut c);
/// assert!(a == b && a == c && a[&home].pages == 1);
/// ```
pub fn gather_hashed(keys: &LineKeys, text: &str, hashes: &[u64], sets: &SiteSets, out: &mut HashMap<u64, Evidence>) {
    let raw: Vec<&str> = text.split('\n').collect();
    let made;
    let hashes = if hashes.len() == raw.len() {
        hashes
    } else {
        made = keys.hashes(text);
        &made
    };
    // Keys are made again for the few lines that start an evidence: the hashes are all the rest needs.
    let words: Vec<u64> = raw
        .iter()
        .zip(hashes)
        .map(|(line, &h)| if h != 0 { prose_words(line) } else { 0 })
        .collect();
    let total_prose: u64 = words.iter().sum();
    let n = raw.len();
    let (recurring, frequent, common) = (&sets.recurring, &sets.frequent, &sets.common);
    let mut on_page: FxHashMap<u64, usize> = FxHashMap::default();
    for &h in hashes {
        *on_page.entry(h).or_insert(0) += 1;
    }
    let mut below_lines = vec![0u64; n + 1];
    let mut below_new = vec![0u64; n + 1];
    let mut below_prose = vec![0u64; n + 1];
    let mut below_runs = vec![0usize; n + 1];
    let mut below_run_words = vec![0u64; n + 1];
    let mut below_longest = vec![0u64; n + 1];
    let (mut in_run, mut run_words) = (false, 0u64);
    for i in (0..n).rev() {
        let (h, w) = (hashes[i], words[i]);
        let filled = h != 0;
        below_lines[i] = below_lines[i + 1] + u64::from(filled);
        below_new[i] = below_new[i + 1] + u64::from(filled && !recurring.contains(&h));
        below_prose[i] = below_prose[i + 1] + if filled && !frequent.contains(&h) { w } else { 0 };
        below_runs[i] = below_runs[i + 1];
        below_run_words[i] = below_run_words[i + 1];
        below_longest[i] = below_longest[i + 1];
        if filled && w == 0 && on_page.get(&h).copied().unwrap_or(0) >= THREAD_RUNS {
            in_run = false;
        } else if filled && w > 0 && !recurring.contains(&h) {
            if !in_run {
                in_run = true;
                run_words = 0;
                below_runs[i] += 1;
            }
            run_words += w;
            below_run_words[i] += w;
            below_longest[i] = below_longest[i].max(run_words);
        }
    }
    let mut prose_of: FxHashMap<u64, u64> = FxHashMap::default();
    for (&h, &w) in hashes.iter().zip(&words) {
        if frequent.contains(&h) {
            *prose_of.entry(h).or_insert(0) += w;
        }
    }
    let share = |part: u64| part as f64 / total_prose as f64;
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let mut above_all_recurring = true;
    let mut new_prose_above = 0u64;
    let filled: Vec<usize> = (0..n).filter(|&i| hashes[i] != 0).collect();
    for (at, &i) in filled.iter().enumerate() {
        let h = hashes[i];
        if frequent.contains(&h) && seen.insert(h) {
            let ev = out.entry(h).or_insert_with(|| Evidence::new(&keys.key(raw[i])));
            ev.pages += 1;
            let line = pystr::strip(raw[i]);
            let has = ev.examples.iter().any(|e| e == line);
            if !has && (ev.examples.len() < EXAMPLES || ev.examples.last().is_some_and(|l| line < l.as_str())) {
                ev.examples.push(line.to_string());
                ev.examples.sort();
                ev.examples.truncate(EXAMPLES);
            }
            ev.prose = ev.prose || words[i] > 0;
            if total_prose > 0 {
                ev.max_prose_share = ev.max_prose_share.max(share(prose_of.get(&h).copied().unwrap_or(0)));
                ev.tail_max_share = ev.tail_max_share.max(share(below_prose[i + 1]));
            }
            if above_all_recurring {
                ev.head_ok += 1;
                ev.head_ok_max = ev.head_ok_max.max(i as i64);
                ev.head_lines += at as u64 + 1;
            } else {
                ev.head_bad_min = ev.head_bad_min.min(i as i64);
            }
            let nxt = filled.get(at + 1).copied();
            if nxt.is_some_and(|j| words[j] > 0 && !recurring.contains(&hashes[j])) {
                ev.leads_story += 1;
            }
            let prev = at.checked_sub(1).map(|a| filled[a]);
            let template = |j: Option<usize>| j.is_none_or(|j| common.contains(&hashes[j]) && words[j] == 0);
            let (t_prev, t_next) = (template(prev), template(nxt));
            if (t_prev && prev.is_some()) || (t_next && nxt.is_some()) {
                ev.beside += 1;
            }
            if t_prev && t_next {
                ev.between += 1;
            }
            if below_new[i + 1] as f64 <= FOOTER_STRAY * below_lines[i + 1] as f64 {
                ev.tail_ok += 1;
                ev.tail_lines += below_lines[i + 1] + 1;
            }
            if new_prose_above > 0 {
                ev.story_above += 1;
            }
            if below_runs[i + 1] >= THREAD_RUNS && 2 * below_longest[i + 1] <= below_run_words[i + 1] {
                ev.rest_thread += 1;
            } else if total_prose > 0 {
                ev.rest_share_max = ev.rest_share_max.max(share(below_prose[i + 1]));
            }
            ev.rest_lines += below_lines[i + 1] + 1;
        }
        if !recurring.contains(&h) {
            above_all_recurring = false;
            new_prose_above += words[i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linekey::key_hash;

    #[test]
    fn examples_merge_to_the_smallest_distinct_of_both() {
        let sets: [&[&str]; 6] = [
            &[],
            &["b"],
            &["a", "c"],
            &["b", "c", "d"],
            &["a", "b", "z"],
            &["c", "a"],
        ];
        for a in sets {
            for b in sets {
                let mut x = Evidence {
                    examples: a.iter().map(|s| s.to_string()).collect(),
                    ..Evidence::new("k")
                };
                let y = Evidence {
                    examples: b.iter().map(|s| s.to_string()).collect(),
                    ..Evidence::new("k")
                };
                let mut want: Vec<String> = x.examples.iter().chain(&y.examples).cloned().collect();
                want.sort();
                want.dedup();
                want.truncate(EXAMPLES);
                x.merge(&y);
                assert_eq!(x.examples, want, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_str_split_counts_them() {
        for line in [
            "",
            " ",
            "a",
            " a  b\tc\u{1c}d\u{a0}e\u{3000} ",
            "é ß\u{200b}x",
            "\u{85}a\u{85}",
        ] {
            assert_eq!(word_count(line), pystr::split(line).len() as u64, "{line:?}");
        }
    }

    #[test]
    fn sentences_end_as_the_pattern_says() {
        assert!(ends_sentence("a b.\u{a0} "));
        assert!(ends_sentence("said “no.”)"));
        assert!(!ends_sentence("said no.” x"));
        assert!(!ends_sentence("a.\u{1c}"), "U+001C is no space to the regex module");
        assert!(!ends_sentence(""));
    }

    #[test]
    fn hostile_pages_do_not_panic() {
        let keys = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
        let h = key_hash("x");
        let sets = SiteSets::new(vec![h], vec![h], vec![h]);
        let mut out = HashMap::new();
        for page in [
            "",
            "\n\n",
            "x",
            "x\nx\nx",
            &"x\n".repeat(10_000),
            "\u{0}\nx\n\u{10ffff}",
        ] {
            gather_page(&keys, page, &sets, &mut out);
        }
        assert_eq!(out[&h].pages, 4);
    }
}
