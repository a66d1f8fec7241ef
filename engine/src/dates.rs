//! A lone date or time line: `1, March, 2024`, `Monday 18 November 2019 11:08 PM` (port of `generic/dates.py`).

use std::sync::LazyLock;

use crate::scratch::Regex;

use crate::ctx::Ctx;
use crate::heuristics::{Decide, Heuristic};
use crate::lang::WordSet;
use crate::pystr;
use crate::shape::Shape;

pub const MAX_WORDS: f64 = 12.0;

/// A number as dates print it: 18, 18th, 1er, 11h, 2019-11-18t20 (ISO stamps split at ":"), 19z.
///
/// Python's `$` also matches before a final newline; words never hold one (they are split at spaces).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d+(?:st|nd|rd|th|er|e|h|hs|am|pm|z|t\d+|[\-/.]\d+)*\.?$").expect("a valid pattern")
});

/// Whether a word is a number as dates print it.
///
/// ```
/// use cleaner_engine::dates::is_number;
/// assert!(is_number("18th") && is_number("2019-11-18t20") && is_number("20.") && is_number("11h"));
/// assert!(!is_number("march") && !is_number("th18") && !is_number(""));
/// ```
pub fn is_number(word: &str) -> bool {
    // The pattern opens with `\d`: a word opening with any other ASCII byte is told without a search
    // (callers ask of every word of many lines).
    match word.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() && !b.is_ascii_digit() => false,
        // An ASCII word is read by hand: the regex's setup costs more than the word (the comment
        // threads ask of every word of every dated line). `\d` of ASCII text is `[0-9]`.
        Some(_) => match ascii_number(word.as_bytes()) {
            Some(yes) => yes,
            // `\d` is category Nd, which `char::is_numeric` holds: a word opening with a letter outside
            // ASCII (most words that get here) is told without a search.
            None => word.chars().next().is_some_and(char::is_numeric) && NUMBER.is_match(word),
        },
    }
}

/// [`NUMBER`]'s answer for an ASCII word of at most 63 bytes, None for any other word.
///
/// The pattern's language, read left to right: the positions where a suffix may start are kept as bits,
/// since two readings may both go on (`1hsth`: `h`+`st`+`h` or `hs`+`th`). No suffix starts with a digit,
/// so each run of digits (`\d+`, `t\d+`, `[-/.]\d+`) is read whole.
fn ascii_number(w: &[u8]) -> Option<bool> {
    if w.len() >= 64 || !w.is_ascii() {
        return None;
    }
    let n = w.len();
    let digits_from = |at: usize| at + w[at.min(n)..].iter().take_while(|b| b.is_ascii_digit()).count();
    let first = digits_from(0);
    if first == 0 {
        return Some(false);
    }
    let mut reach: u64 = 1 << first;
    for at in first..n {
        if reach & (1 << at) == 0 {
            continue;
        }
        let two = w.get(at..at + 2);
        if matches!(two, Some(b"st" | b"nd" | b"rd" | b"th" | b"er" | b"hs" | b"am" | b"pm")) {
            reach |= 1 << (at + 2);
        }
        match w[at] {
            b'e' | b'h' | b'z' => reach |= 1 << (at + 1),
            b't' | b'-' | b'/' | b'.' => {
                let end = digits_from(at + 1);
                if end > at + 1 {
                    reach |= 1 << end;
                }
            }
            _ => {}
        }
    }
    Some(reach & (1 << n) != 0 || (w[n - 1] == b'.' && reach & (1 << (n - 1)) != 0))
}

/// Every word is a number, a month or weekday name, or a date label, and one is a number.
///
/// `names` are the date words of every language ([`crate::lang::Lang::date_words`]).
///
/// ```
/// # use cleaner_engine::{dates::is_date_line, shape::shape, lang::WordSet};
/// # let names: WordSet = ["march", "mittwoch", "november", "uhr"].iter().map(|w| w.to_string()).collect();
/// assert!(is_date_line(&shape("1, March, 2024"), &names));
/// assert!(is_date_line(&shape("Mittwoch, 20. November 2019, 08:42 Uhr"), &names));
/// assert!(!is_date_line(&shape("March 2024 was warm"), &names));
/// assert!(!is_date_line(&shape("12"), &names));
/// assert!(!is_date_line(&shape("+81 158-23-2012"), &names));
/// ```
pub fn is_date_line(s: &Shape, names: &WordSet) -> bool {
    if s.words.is_empty() || s.units > MAX_WORDS || !s.digits || s.text.starts_with('+') {
        // A leading plus is an international phone number, not a date.
        return false;
    }
    let mut numbers = 0usize;
    for w in &s.words {
        if is_number(w) {
            numbers += 1;
        } else if !names.contains(pystr::rstrip_chars(w, ".")) {
            return false;
        }
    }
    numbers >= 2 || s.words.len() >= 2
}

/// Lone date lines.
pub const DATE_LINE: Heuristic = Heuristic {
    id: "generic.date-line",
    reason: "lone date or time line",
    doc: "Drops a line made only of a date and time: numbers, month and weekday names and date labels \
(`at`, `Uhr`, `de`) in any language of rules/generic/lang/. A story sentence has other words.",
    example: "Monday, 18 November 2019, 11:08 PM",
    decide: Decide::Line(test_date_line),
};

fn test_date_line(cx: &Ctx, line: &str) -> bool {
    is_date_line(&cx.shape(line), cx.g.lang.date_words())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::test;

    #[test]
    fn is_number_answers_as_its_pattern_does() {
        // Words opening with a non-ASCII digit (Arabic-Indic, Devanagari, full-width) still reach the pattern.
        let words = [
            "",
            "1",
            "18th",
            "2019-11-18t20",
            "20.",
            "11h",
            "march",
            "th18",
            "a1",
            "-1",
            ".5",
            "\u{663}",
            "\u{663}\u{664}th",
            "\u{967}\u{968}",
            "\u{ff11}",
            "\u{b2}",
            "\u{bd}",
            "\u{2160}",
            "\u{e9}t\u{e9}",
            "1st.",
            "12:30",
            "9am",
            " 1",
        ];
        for w in words {
            assert_eq!(is_number(w), NUMBER.is_match(w), "{w:?}");
        }
        assert!(is_number("\u{663}\u{664}") && !is_number("\u{b2}"));
    }

    #[test]
    fn words_opening_outside_ascii_answer_as_the_pattern_does() {
        // Every character of the planes where digits are assigned, opening a word that is a number
        // after it: the gate before the search must turn away no character the pattern's `\d` takes.
        let mut numbers = 0usize;
        for c in (0x80u32..0x3_2000).filter_map(char::from_u32) {
            let w = format!("{c}1");
            let want = NUMBER.is_match(&w);
            assert_eq!(is_number(&w), want, "{w:?}");
            numbers += usize::from(want);
        }
        assert!(numbers > 600, "{numbers}");
    }

    #[test]
    fn ascii_words_answer_as_the_pattern_does() {
        // Every word of up to four bytes over the bytes the pattern names (and one it does not), then
        // longer words drawn from the suffixes, some past the 63 bytes read by hand.
        const BYTES: &[u8] = b"1stndrhemapz-/.x";
        let mut asked = 0usize;
        let mut word = Vec::new();
        for len in 1..=4u32 {
            for mut k in 0..BYTES.len().pow(len) {
                word.clear();
                for _ in 0..len {
                    word.push(BYTES[k % BYTES.len()]);
                    k /= BYTES.len();
                }
                let w = std::str::from_utf8(&word).unwrap();
                assert_eq!(is_number(w), NUMBER.is_match(w), "{w:?}");
                asked += 1;
            }
        }
        const PIECES: &[&str] = &[
            "1", "22", "st", "nd", "rd", "th", "er", "e", "h", "hs", "am", "pm", "z", "t4", "-5", "/6", ".7", ".", "t",
            "s", "r", "x", "\u{663}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..10_000 {
            let mut w = String::from("1");
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pieces = 1 + (seed % 40) as usize;
            for k in 0..pieces {
                w.push_str(PIECES[((seed >> (k % 50)) as usize + k * 7) % PIECES.len()]);
            }
            assert_eq!(is_number(&w), NUMBER.is_match(&w), "{w:?}");
            asked += 1;
        }
        assert!(asked > 75_000);
        assert!(is_number("1hsth") && is_number("1erd") && is_number("1hst5") && !is_number("1ert"));
    }

    #[test]
    fn example_and_doctests_with_real_words() {
        assert!(test(&DATE_LINE, DATE_LINE.example));
        assert!(test(&DATE_LINE, "1, March, 2024"));
        assert!(test(&DATE_LINE, "Mittwoch, 20. November 2019, 08:42 Uhr"));
        assert!(!test(&DATE_LINE, "March 2024 was warm"));
        assert!(!test(&DATE_LINE, "12"));
        assert!(!test(&DATE_LINE, "+81 158-23-2012"));
    }

    fn sh(text: &str, words: &[&str], digits: bool) -> Shape {
        Shape {
            text: text.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            units: words.len() as f64,
            terminal: false,
            bullet: false,
            capitalised: 0.0,
            digits,
            table_row: false,
            glued_teaser: false,
            chars: pystr::len(text),
        }
    }

    fn names() -> WordSet {
        ["march", "mittwoch", "november", "uhr"]
            .iter()
            .map(|w| w.to_string())
            .collect()
    }

    #[test]
    fn python_doctests() {
        let n = names();
        assert!(is_date_line(&sh("1, March, 2024", &["1", "march", "2024"], true), &n));
        assert!(is_date_line(
            &sh(
                "Mittwoch, 20. November 2019, 08:42 Uhr",
                &["mittwoch", "20", "november", "2019", "08", "42", "uhr"],
                true
            ),
            &n
        ));
        assert!(!is_date_line(
            &sh("March 2024 was warm", &["march", "2024", "was", "warm"], true),
            &n
        ));
        assert!(!is_date_line(&sh("12", &["12"], true), &n));
        assert!(!is_date_line(&sh("+81 158-23-2012", &["81", "158-23-2012"], true), &n));
    }

    #[test]
    fn numbers() {
        for w in [
            "18",
            "18th",
            "1er",
            "1e",
            "11h",
            "11hs",
            "9am",
            "19z",
            "2019-11-18t20",
            "3.",
            "1/2/3",
            "١٢",
        ] {
            assert!(is_number(w), "{w}");
        }
        for w in ["", "a1", "18x", "1-", "1..", "t20", "18 th"] {
            assert!(!is_number(w), "{w}");
        }
    }
}
