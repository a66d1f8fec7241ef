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
    duplicates_by(&doc.kept_indices(), |i| key(&doc.lines[i]))
}

/// [`duplicates`] among the `kept` lines of a document (its kept indices), with `key(i)` the [`key`] of line `i` or anything that tells keys apart as well.
fn duplicates_by<K: Eq + Hash>(kept: &[usize], mut key: impl FnMut(usize) -> Option<K>) -> Vec<Removal> {
    let mut seen: FxHashSet<K> = FxHashSet::default();
    let mut out = Vec::new();
    for &i in kept {
        let Some(key) = key(i) else { continue };
        if seen.contains(&key) {
            out.push(DUPLICATE_LINE.remove_lines(i, i + 1, None));
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
    if single_spaced(line.as_bytes()) {
        return Cow::Borrowed(line);
    }
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
    duplicates_by(&cx.kept(doc), |i| cx.repeat_key_at(doc, i))
}

/// True when `text` surely has no space of `str.isspace()` but single `' '` between other characters: no
/// `' '` first, last or after another, no other ASCII space, and none of the UTF-8 sequences of the
/// spaces outside ASCII (`NON_ASCII_SPACES`, which the tests hold to [`pystr::is_space`]). Folds without an early exit over the bytes, the pairs and
/// the triples of bytes in a row, which the compiler runs many bytes a step: a line's characters were
/// decoded and each asked whether it is a space, about 10 instructions a byte of every line that counts.
/// A typographic character may share a space's first two bytes (`…` is `E2 80 A6`, a space `E2 80 80`
/// to `E2 80 8A`; `、` is `E3 80 81`): the third byte tells them apart, and is read.
fn single_spaced(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let other_space = bytes.iter().fold(0u8, |any, &b| any | pystr::other_ascii_space(b));
    let rest = bytes.get(1..).unwrap_or_default();
    let pairs = bytes.iter().zip(rest).fold(0u8, |any, (&a, &b)| {
        // Two spaces; U+0085, U+00A0 (`C2 85`, `C2 A0`).
        any | (u8::from(a == b' ') & u8::from(b == b' '))
            | (u8::from(a == 0xc2) & (u8::from(b == 0x85) | u8::from(b == 0xa0)))
    });
    let triples = bytes
        .iter()
        .zip(rest)
        .zip(bytes.get(2..).unwrap_or_default())
        .fold(0u8, |any, ((&a, &b), &c)| {
            // U+1680 (`E1 9A 80`); U+2000 to U+200A, U+2028, U+2029, U+202F (`E2 80 ..`); U+205F
            // (`E2 81 9F`); U+3000 (`E3 80 80`).
            let e2_80 = u8::from(c.wrapping_sub(0x80) <= 0x0a)
                | u8::from(c == 0xa8)
                | u8::from(c == 0xa9)
                | u8::from(c == 0xaf);
            let e2 = (u8::from(b == 0x80) & e2_80) | (u8::from(b == 0x81) & u8::from(c == 0x9f));
            let e1_e3 = (u8::from(a == 0xe1) & u8::from(b == 0x9a)) | (u8::from(a == 0xe3) & u8::from(b == 0x80));
            any | (u8::from(a == 0xe2) & e2) | (e1_e3 & u8::from(c == 0x80))
        });
    first != b' ' && last != b' ' && other_space == 0 && pairs == 0 && triples == 0
}

/// The spaces of `str.isspace()` outside ASCII, whose UTF-8 sequences [`single_spaced`] looks for.
#[cfg(test)]
const NON_ASCII_SPACES: &str = "\u{85}\u{a0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::run;

    #[test]
    fn the_spaces_outside_ascii_are_those_listed() {
        let listed: Vec<char> = NON_ASCII_SPACES.chars().collect();
        let spaces: Vec<char> = (0x80..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| pystr::is_space(c))
            .collect();
        assert_eq!(spaces, listed);
    }

    #[test]
    fn single_spaced_lines_are_told_by_their_bytes() {
        let ok = [
            "A headline of some length",
            "Été — “quoted” … ’tis",
            "日本語の 文章、です。",
            "a",
        ];
        for line in ok {
            assert!(single_spaced(line.as_bytes()), "{line:?}");
            assert!(matches!(normalised(line), Cow::Borrowed(_)));
        }
        let mut spaced: Vec<String> = vec![
            " a b".into(),
            "a b ".into(),
            "a  b".into(),
            "a\tb".into(),
            "a\x1fb".into(),
            String::new(),
        ];
        spaced.extend(NON_ASCII_SPACES.chars().map(|c| format!("a{c}b")));
        for line in &spaced {
            assert!(!single_spaced(line.as_bytes()), "{line:?}");
            assert_eq!(normalised(line), pystr::normalise_space(line), "{line:?}");
        }
    }

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
