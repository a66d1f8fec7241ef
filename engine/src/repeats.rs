//! Repeated text: a second copy of the headline or of any paragraph (port of `generic/repeats.py`).

use std::borrow::Cow;
use std::hash::Hash;

use rustc_hash::FxHashSet;

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::removal::Removal;

/// Shorter repeated lines ("Share", "1") are left to other heuristics.
pub const MIN_CHARS: usize = 20;

/// The second and later copies of a line.
///
/// ```
/// use cleaner_engine::doc::Document;
/// use cleaner_engine::repeats::duplicates;
/// let d = Document::from_text("A headline of some length\nBody.\n A  headline of some length\nShort\nShort");
/// let r = duplicates(&d);
/// assert_eq!((r.len(), r[0].start), (1, 2));
/// ```
pub fn duplicates(doc: &Document) -> Vec<Removal> {
    duplicates_by(doc, &doc.kept_indices(), |i| key(&doc.lines[i]))
}

/// [`duplicates`] among the `kept` lines of `doc` (its kept indices), with `key(i)` the [`key`] of line `i` or anything that tells keys apart as well.
fn duplicates_by<K: Eq + Hash>(
    doc: &Document,
    kept: &[usize],
    mut key: impl FnMut(usize) -> Option<K>,
) -> Vec<Removal> {
    let mut seen: FxHashSet<K> = FxHashSet::default();
    let mut out = Vec::new();
    for &i in kept {
        let Some(key) = key(i) else { continue };
        if seen.contains(&key) {
            out.push(DUPLICATE_LINE.remove_lines(doc, i, i + 1, None));
        } else {
            seen.insert(key);
        }
    }
    out
}

/// What a line is compared by: its words joined by single spaces; none for a line too short to count.
///
/// ```
/// use cleaner_engine::repeats::key;
/// assert_eq!(key(" A  headline of some length").as_deref(), Some("A headline of some length"));
/// assert_eq!(key("Share  this"), None);
/// ```
pub fn key(line: &str) -> Option<Cow<'_, str>> {
    // The key is never longer than the line: short lines need no key.
    if line.len() < MIN_CHARS {
        return None;
    }
    let key = normalised(line);
    (pystr::len(&key) >= MIN_CHARS).then_some(key)
}

/// `" ".join(line.split())`, borrowed when the line is so already (most lines are).
fn normalised(line: &str) -> Cow<'_, str> {
    let mut previous_space = true;
    for c in line.chars() {
        let space = pystr::is_space(c);
        if space && (c != ' ' || previous_space) {
            return Cow::Owned(pystr::normalise_space(line));
        }
        previous_space = space;
    }
    if previous_space && !line.is_empty() {
        return Cow::Owned(pystr::normalise_space(line));
    }
    Cow::Borrowed(line)
}

/// Second copies of a line already kept.
pub const DUPLICATE_LINE: Heuristic = Heuristic {
    id: "generic.duplicate-line",
    reason: "second copy of a line already kept",
    doc: "Drops the second and later copies of a line (headline repeated under itself, \
a caption repeated, a paragraph printed twice). The first copy stays.",
    example: "US' Blinken discusses human rights with Chinese official",
    decide: Decide::Doc(decide_duplicate_line),
};

fn decide_duplicate_line(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    // Each line's key is worked out once per document and numbered: a pass compares numbers.
    duplicates_by(doc, &cx.kept(doc), |i| cx.repeat_key_at(doc, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::run;

    #[test]
    fn normalised_as_python() {
        for (line, want) in [
            ("a b", "a b"),
            (" a b", "a b"),
            ("a  b", "a b"),
            ("a b ", "a b"),
            ("a\u{a0}b", "a b"),
            ("", ""),
            (" ", ""),
            ("a\x1cb", "a b"),
        ] {
            assert_eq!(normalised(line), want, "{line:?}");
        }
        assert!(matches!(normalised("a b c"), Cow::Borrowed(_)));
    }

    #[test]
    fn second_copy_goes() {
        let t = format!("{0}\n\n{0}", DUPLICATE_LINE.example);
        let r = run(&DUPLICATE_LINE, &t);
        assert_eq!(
            r,
            vec![(
                2,
                3,
                DUPLICATE_LINE.reason.to_string(),
                None,
                DUPLICATE_LINE.example.to_string()
            )]
        );
    }
}
