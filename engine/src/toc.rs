//! A table of contents: the story's own sub-headings, listed once above it as links (port of `generic/toc.py`).

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

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
    let mut out = String::with_capacity(s.words.bytes_len() + s.words.len());
    // A line with no digit has no word of digits: its words are not looked at (as in `key_words`).
    for w in s.words.iter().filter(|w| !s.digits || !pystr::is_str_digit(w)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The words of [`key`] of `s`, as bytes: two keys are the same text exactly when these are the same
/// words (no word holds a space).
fn key_parts(s: &Shape) -> impl Iterator<Item = &[u8]> + '_ {
    s.words.byte_words().filter(move |w| !s.digits || !digit_word(w))
}

/// [`pystr::is_str_digit`] of a word's bytes: an ASCII byte that is not a digit settles it, and only a word
/// outside ASCII has its characters read.
fn digit_word(w: &[u8]) -> bool {
    if w.iter().any(|b| b.is_ascii() && !b.is_ascii_digit()) {
        return false;
    }
    if w.is_ascii() {
        return !w.is_empty();
    }
    std::str::from_utf8(w).is_ok_and(pystr::is_str_digit)
}

/// A hash of [`key`] of `s`, read from its words where they lie (`None` for an empty key): the contents'
/// keys were copied into one buffer, a word at a time, and hashed as strings, and most were never looked
/// up.
fn key_hash(s: &Shape) -> Option<u64> {
    let mut h = FxHasher::default();
    let mut words = 0;
    for w in key_parts(s) {
        h.write(w);
        // Not a byte of UTF-8: a word's end is told from the next word's bytes.
        h.write_u8(0xff);
        words += 1;
    }
    (words > 0).then(|| h.finish())
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
    // The hash of each kept line's key (none when it cannot be an entry's, or is empty), and the last
    // line of each hash; two keys of one hash are told apart by their words.
    let hashes: Vec<Option<u64>> = kept
        .iter()
        .map(|&i| {
            let s = cx.shape_at(doc, i);
            (entry_words.get(key_words(&s, up_to)) == Some(&true))
                .then(|| key_hash(&s))
                .flatten()
        })
        .collect();
    let mut last_of_hash: FxHashMap<u64, usize> = FxHashMap::default();
    last_of_hash.reserve(hashes.len());
    for (pos, h) in hashes.iter().enumerate() {
        if let Some(h) = h {
            last_of_hash.insert(*h, pos);
        }
    }
    let same_key = |p: usize, q: usize| key_parts(&cx.shape_at(doc, kept[p])).eq(key_parts(&cx.shape_at(doc, kept[q])));
    let mut out = Vec::new();
    for block in blocks {
        // A block is a run of kept lines in a row: where its first lies in `kept`, and on from there.
        let Some(&first) = block.first() else { continue };
        let start = kept.partition_point(|&k| k < first);
        let run: Vec<usize> = (start..start + block.len()).collect();
        let Some(&last) = run.last() else { continue };
        let end = last + 1;
        // The last line with an entry's key, when below the block: a line of the same key has its hash,
        // so lies at or above the last line of that hash, which is the one unless two keys share the hash.
        let mut again: Vec<usize> = run
            .iter()
            .filter_map(|&p| {
                let h = hashes[p]?;
                let q = *last_of_hash.get(&h)?;
                if q < end || same_key(p, q) {
                    return Some(q);
                }
                (end..q).rev().find(|&r| hashes[r] == Some(h) && same_key(p, r))
            })
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
                    .map(|&p| TABLE_OF_CONTENTS.remove_lines(kept[p], kept[p] + 1, Some(&reason))),
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
    fn keys_read_in_place_are_the_keys() {
        // Words of digits in and outside ASCII, and words that only hold some, on lines with and without a digit.
        let lines = [
            "  • 2. Example Data:",
            "Chapter ١٢ The ²nd part 3a",
            "١٢٣ ² 12 x1 1x",
            "Introduction",
            "The data",
            "",
            "— 42 —",
            "Über die Straße",
        ];
        for line in lines {
            let s = crate::shape::shape(line);
            let words: Vec<&[u8]> = key_parts(&s).collect();
            assert_eq!(words.join(&b" "[..]), key(&s).as_bytes(), "{line:?}");
            assert_eq!(key_hash(&s).is_some(), !key(&s).is_empty(), "{line:?}");
            for w in s.words.iter() {
                assert_eq!(digit_word(w.as_bytes()), pystr::is_str_digit(w), "{w:?}");
            }
        }
        for (a, b) in [
            ("The data", "the DATA"),
            ("1. Results", "Results 2"),
            ("Results", "Result s"),
        ] {
            let (a, b) = (crate::shape::shape(a), crate::shape::shape(b));
            assert_eq!(key_hash(&a) == key_hash(&b), key(&a) == key(&b));
        }
    }

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
