//! A table of contents: the story's own sub-headings, listed once above it as links (port of `generic/toc.py`).

use rustc_hash::FxHashMap;

use crate::ctx::Ctx;
use crate::doc::{blocks_of, Document};
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::removal::Removal;
use crate::shape::Shape;

pub const MIN_ENTRIES: usize = 3;
pub const MAX_WORDS: f64 = 15.0;
/// A run of short lines is a table of contents when at least this share of them come back later as lines.
pub const REPEAT_SHARE: f64 = 0.66;

/// A heading as compared: its words only, case folded (numbering and bullets left out).
///
/// ```
/// use cleaner_engine::shape::shape;
/// assert_eq!(cleaner_engine::toc::key(&shape("  • 2. Example Data:")), "example data");
/// ```
pub fn key(s: &Shape) -> String {
    let mut out = String::new();
    push_key(s, &mut out);
    out
}

/// Append [`key`] of `s` to `out`.
fn push_key(s: &Shape, out: &mut String) {
    let start = out.len();
    out.reserve(s.words.bytes_len() + s.words.len());
    // A line with no digit has no word of digits: its words are not looked at (as in `key_words`).
    for w in s.words.iter().filter(|w| !s.digits || !pystr::is_str_digit(w)) {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// How many words [`key_words`] tells apart: more are counted as this many, which no entry has (an
/// entry has fifteen units at most, and a word is at least half a unit: thirty words at most).
const KEY_WORDS_SEEN: usize = 32;

/// The number of words in [`key`] of `s`, up to `up_to`.
fn key_words(s: &Shape, up_to: usize) -> usize {
    // A line with no digit has no word of digits: its words are counted without a look at them (most
    // lines of prose, each read up to the longest entry's words and one more).
    if !s.digits {
        return s.words.len().min(up_to);
    }
    s.words.iter().filter(|w| !pystr::is_str_digit(w)).take(up_to).count()
}

/// A line that may be an entry of a table of contents: one to fifteen words, no closing stop but a colon.
pub fn entry(s: &Shape) -> bool {
    (1.0..=MAX_WORDS).contains(&s.units) && (!s.terminal || s.text.ends_with(':'))
}

/// Blocks of short lines most of which come back later, apart from each other.
pub fn tables_of_contents(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    // The entries of a table of contents stand in one block, one per line, with no blank line between.
    // Most pages have no such block: then no line's key is needed.
    let kept = cx.kept(doc);
    let blocks: Vec<&[usize]> = blocks_of(&kept)
        .filter(|block| block.len() >= MIN_ENTRIES && block.iter().all(|&i| entry(&cx.shape_at(doc, i))))
        .collect();
    if blocks.is_empty() {
        return Vec::new();
    }
    // Only a key with as many words as an entry's can be an entry's: most lines (prose, longer than
    // any entry) need none, and are told so by counting their words.
    let mut entry_words = [false; KEY_WORDS_SEEN];
    for &i in blocks.iter().copied().flatten() {
        if let Some(seen) = entry_words.get_mut(key_words(&cx.shape_at(doc, i), KEY_WORDS_SEEN)) {
            *seen = true;
        }
    }
    // A line with more key words than the longest entry's is told so after that many and one more:
    // the words of a paragraph are not all read.
    let up_to = entry_words.iter().rposition(|&seen| seen).map_or(0, |most| most + 1);
    // The kept lines' keys in one buffer: `keys[pos]` is the range of line `kept[pos]`'s (empty when
    // it cannot be an entry's).
    let mut all = String::new();
    let spans: Vec<(usize, usize)> = kept
        .iter()
        .map(|&i| {
            let start = all.len();
            let s = cx.shape_at(doc, i);
            if entry_words.get(key_words(&s, up_to)) == Some(&true) {
                push_key(&s, &mut all);
            }
            (start, all.len())
        })
        .collect();
    let keys: Vec<&str> = spans.iter().map(|&(a, b)| all.get(a..b).unwrap_or("")).collect();
    let mut last_seen: FxHashMap<&str, usize> = FxHashMap::default();
    last_seen.reserve(keys.len());
    for (pos, k) in keys.iter().enumerate() {
        if !k.is_empty() {
            last_seen.insert(k, pos);
        }
    }
    let mut out = Vec::new();
    for block in blocks {
        // A block is a run of kept lines in a row: where its first lies in `kept`, and on from there.
        let Some(&first) = block.first() else { continue };
        let start = kept.partition_point(|&k| k < first);
        let run: Vec<usize> = (start..start + block.len()).collect();
        let Some(&last) = run.last() else { continue };
        let end = last + 1;
        let mut again: Vec<usize> = run
            .iter()
            .filter(|&&p| !keys[p].is_empty())
            .filter_map(|&p| last_seen.get(keys[p]).copied())
            .filter(|&seen| seen >= end)
            .collect();
        again.sort_unstable();
        // Sub-headings stand apart, text between them; a menu printed again comes back as one run.
        let apart = again.windows(2).filter(|w| w[1] - w[0] > 1).count();
        let need = (MIN_ENTRIES as f64).max(REPEAT_SHARE * run.len() as f64);
        if again.len() as f64 >= need && apart + 1 >= again.len() {
            let reason = format!("one of {} entries listed again below", run.len());
            out.extend(
                run.iter()
                    .map(|&p| TABLE_OF_CONTENTS.remove_lines(doc, kept[p], kept[p] + 1, Some(&reason))),
            );
        }
    }
    out
}

/// Tables of contents above the story.
pub const TABLE_OF_CONTENTS: Heuristic = Heuristic {
    id: "generic.table-of-contents",
    reason: "table of contents: sub-headings listed above the story",
    doc: "Drops a block of three or more short lines when most of them come back later in the page as lines \
of their own, apart from each other: a table of contents repeating the story's sub-headings. The \
sub-headings themselves stay in place; without this, the copy in the contents would be kept and the \
real heading dropped as a duplicate.",
    example: "Contents\nIntroduction\nThe data\nResults\n...\nIntroduction\nThe study began in 2019.",
    decide: Decide::Doc(tables_of_contents),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::run;

    #[test]
    fn contents_listed_again_apart() {
        let t = "Introduction\nThe data\nResults\n\nIntroduction\n\nThe study began in 2019 and ran.\n\nThe data\n\n\
                 We used data from many places.\n\nResults\n\nIt worked.";
        let r = run(&TABLE_OF_CONTENTS, t);
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(r[1].2, "one of 3 entries listed again below");
        // A menu printed twice comes back as one run: not a table of contents.
        let t = "Introduction\nThe data\nResults\n\nStory text goes here.\n\nIntroduction\nThe data\nResults";
        assert!(run(&TABLE_OF_CONTENTS, t).is_empty());
        assert!(run(&TABLE_OF_CONTENTS, TABLE_OF_CONTENTS.example).is_empty());
    }

    fn sh(text: &str, words: &[&str], units: f64, terminal: bool) -> Shape {
        Shape {
            text: text.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            units,
            terminal,
            bullet: false,
            capitalised: 0.0,
            // As the shape pass tells it: a key skips the digit test of a line with no digit.
            digits: text.bytes().any(|b| b.is_ascii_digit()),
            table_row: false,
            glued_teaser: false,
            chars: pystr::len(text),
        }
    }

    #[test]
    fn keys_leave_numbers_out() {
        assert_eq!(
            key(&sh("2. Example Data:", &["2", "example", "data"], 3.0, true)),
            "example data"
        );
        assert_eq!(key(&sh("1 2", &["1", "2"], 2.0, false)), "");
    }

    #[test]
    fn entries() {
        assert!(entry(&sh("Example Data:", &["example", "data"], 2.0, true)));
        assert!(!entry(&sh("It rained.", &["it", "rained"], 2.0, true)));
        assert!(!entry(&sh("", &[], 0.0, false)));
        assert!(entry(&sh("Results", &["results"], 1.0, false)));
    }
}
