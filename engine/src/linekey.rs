//! Lines as `cleaner learn` compares them (their keys), and the 64-bit hash it counts them by.
//!
//! The Python module `cleaner.learning.normalise` defines a key: the line lowered (`str.lower`), every
//! number (`\d+(?:[.,:/-]\d+)*`, Python `re`'s `\d`: decimal digits) made `\x01`, then, on a line with a
//! number of at most [`NAMES_UP_TO`] characters, every month name `\x02` and weekday name `\x03` (the
//! `[define]` alternations of `rules/generic/metadata.toml`, with the `regex` module's `\b`), and its
//! spaces normalised (`" ".join(line.split())`). The hash is BLAKE2b with an 8-byte digest, read
//! little-endian. This module gives the same keys and hashes, byte for byte (learned rule files do not
//! change), without the interpreter: learning hashes every line of a corpus twice.
//!
//! ```
//! use cleaner_engine::linekey::{key_hash, LineKeys};
//! let k = LineKeys::new("(?i:march|may)\\b", "(?i:mon|sun)(?i:day)?\\b\\.?").unwrap();
//! assert_eq!(k.keys("37 Comments\n\n  Posted  March 3, 2012 \nMarch on"),
//!            vec!["\x01 comments", "", "posted \x02 \x01, \x01", "march on"]);
//! assert_eq!(key_hash("home"), 0x934a_5870_f616_63a7);
//! ```

use std::path::Path;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::pattern::Pattern;
use crate::pystr;
use crate::tables::LoadError;

/// Longest line (in code points, numbers already blanked) whose month and weekday names are blanked.
pub const NAMES_UP_TO: usize = 200;

const NUMBER: char = '\u{1}';
const MONTH: char = '\u{2}';
const WEEKDAY: char = '\u{3}';

/// The key maker: the month and weekday patterns compiled once.
pub struct LineKeys {
    /// `\b(?:MONTH)|\b(?:WEEKDAY)`: where a name starts.
    names: Pattern,
    /// `\b(?:MONTH)`: whether the name found is a month (the alternation tries months first).
    months: Pattern,
    /// The hashes of short lines seen lately (see [`Seen`]).
    seen: Mutex<Seen<u64>>,
    /// The keys of short lines seen lately: a learned site's sample pages share their template's lines,
    /// keyed for the check in Python and again by its key stage, on every round.
    keys_seen: Mutex<Seen<Box<str>>>,
}

/// Longest line (in bytes) whose hash [`LineKeys::hashes`] and key [`LineKeys::keys`] remember: a site's menus, footers and labels
/// are short, and recur on its every page; a story's lines are long, and do not.
pub const REMEMBER_UP_TO: usize = 200;

/// Lines remembered per generation (see [`Seen`]).
pub const REMEMBERED: usize = 1 << 16;

/// Lines whose keys are remembered per generation: the check keys one site's sample pages at a time (a
/// few thousand lines), and a line and its key take more memory than a line and its hash.
pub const KEYS_REMEMBERED: usize = 1 << 13;

/// What was worked out of the lines seen lately (a key, or its hash: 0 for a blank line), by the line as
/// it stands, in two generations: a line found in the old one moves to the young one, and when the young one is full
/// it becomes the old one, and the old one is dropped. Lines that keep coming back stay; memory is bounded
/// (2 × its size lines of at most [`REMEMBER_UP_TO`] bytes).
struct Seen<V> {
    young: FxHashMap<Box<str>, V>,
    old: FxHashMap<Box<str>, V>,
    /// Lines per generation.
    size: usize,
}

impl<V: Clone> Seen<V> {
    fn new(size: usize) -> Self {
        Seen {
            young: FxHashMap::default(),
            old: FxHashMap::default(),
            size,
        }
    }

    fn get(&mut self, line: &str) -> Option<V> {
        if let Some(h) = self.young.get(line) {
            return Some(h.clone());
        }
        let (line, h) = self.old.remove_entry(line)?;
        self.keep(line, h.clone());
        Some(h)
    }

    fn put(&mut self, line: &str, h: V) {
        self.keep(line.into(), h);
    }

    fn keep(&mut self, line: Box<str>, h: V) {
        if self.young.capacity() < self.size {
            self.young.reserve(self.size); // grown once, not by doubling
        }
        if self.young.len() >= self.size {
            let fresh = FxHashMap::with_capacity_and_hasher(self.size, Default::default());
            self.old = std::mem::replace(&mut self.young, fresh);
        }
        self.young.insert(line, h);
    }
}

impl LineKeys {
    /// Compile the month and weekday alternations (Python `regex` syntax, as in `metadata.toml`).
    ///
    /// ```
    /// use cleaner_engine::linekey::LineKeys;
    /// assert!(LineKeys::new("(?i:may)\\b", "(").is_err());
    /// ```
    pub fn new(month: &str, weekday: &str) -> Result<LineKeys, LoadError> {
        let file = Path::new("metadata.toml");
        Ok(LineKeys {
            names: Pattern::new(&format!(r"\b(?:{month})|\b(?:{weekday})"), file)?,
            months: Pattern::new(&format!(r"\b(?:{month})"), file)?,
            seen: Mutex::new(Seen::new(REMEMBERED)),
            keys_seen: Mutex::new(Seen::new(KEYS_REMEMBERED)),
        })
    }

    /// The key of every `\n`-separated line of `text`, in order (`""` for a blank line).
    pub fn keys(&self, text: &str) -> Vec<String> {
        let mut buf = String::new();
        // Held for the page, as in `hashes`.
        let mut seen = self.keys_seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        text.split('\n')
            .map(|line| {
                self.key_seen(line, &mut seen, &mut buf);
                buf.clone()
            })
            .collect()
    }

    /// The key of `line` into `out`: remembered in `seen` when the line is short (see [`Seen`]).
    fn key_seen(&self, line: &str, seen: &mut Seen<Box<str>>, out: &mut String) {
        if line.len() > REMEMBER_UP_TO {
            return self.key_into(line, out);
        }
        if let Some(key) = seen.get(line) {
            out.clear();
            out.push_str(&key);
            return;
        }
        self.key_into(line, out);
        seen.put(line, out.as_str().into());
    }

    /// The hash of every `\n`-separated line's key, in order ([`key_hash`]; 0 for a blank line):
    /// the keys are made in one buffer, as a page's hashes are all most callers keep, and a short line
    /// seen lately is not keyed again (a site's template recurs on every page, and learning reads each
    /// page twice).
    ///
    /// ```
    /// use cleaner_engine::linekey::{key_hash, LineKeys};
    /// let k = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
    /// assert_eq!(k.hashes("Home\n \nMay 5"), vec![key_hash("home"), 0, key_hash("\x02 \x01")]);
    /// ```
    pub fn hashes(&self, text: &str) -> Vec<u64> {
        let mut buf = String::new();
        // Held for the page: one process learns on one thread (a second caller waits its turn).
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        text.split('\n')
            .map(|line| {
                let short = line.len() <= REMEMBER_UP_TO;
                if let Some(h) = short.then(|| seen.get(line)).flatten() {
                    return h;
                }
                self.key_into(line, &mut buf);
                let h = if buf.is_empty() { 0 } else { key_hash(&buf) };
                if short {
                    seen.put(line, h);
                }
                h
            })
            .collect()
    }

    /// The key of one line (no `\n` in it).
    ///
    /// ```
    /// use cleaner_engine::linekey::LineKeys;
    /// let k = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
    /// assert_eq!(k.key("Sunday, May 5"), "\x03, \x02 \x01");
    /// assert_eq!(k.key("Maybe Sunday"), "maybe sunday");
    /// ```
    pub fn key(&self, line: &str) -> String {
        let mut out = String::new();
        let mut seen = self.keys_seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.key_seen(line, &mut seen, &mut out);
        out
    }

    /// [`key`](Self::key) written into `out` (cleared first): a caller keying many lines reuses one buffer.
    pub fn key_into(&self, line: &str, out: &mut String) {
        out.clear();
        let (numbers, chars, regular) = if line.is_ascii() {
            // Most lines: lowered, numbers blanked and spaces normalised in one pass, nothing allocated.
            blank_ascii_into(line.as_bytes(), out)
        } else if line.chars().all(lowers_to_itself) {
            // Outside ASCII only punctuation (curly quotes, dashes): lowering changes ASCII letters alone,
            // which blank_into lowers itself.
            blank_into(line, out)
        } else {
            blank_into(&pystr::lower(line), out)
        };
        if !numbers || chars > NAMES_UP_TO {
            return;
        }
        if regular {
            // Spaced as a key is, the line lowered with its numbers blanked is `out` itself: the names are
            // matched on what Python matches them on, and blanking a name (never by a space) leaves the
            // spacing as it is.
            if let Some(named) = self.names_blanked(out) {
                *out = named;
            }
            return;
        }
        // Names are matched before the spaces are normalised, as in Python (a name pattern may hold one).
        let blanked = numbers_blanked(&pystr::lower(line));
        let named = self.names_blanked(&blanked);
        *out = pystr::normalise_space(named.as_deref().unwrap_or(&blanked));
    }

    /// Python's `names.sub(placeholder, line)`, `None` when no name is found (the line as it is). Each
    /// search starts where the last name ended: there the text before is no word character, or the next
    /// one is none (every name ends in `\b`, or in a full stop), so the slice's `\b` at its start agrees
    /// with the line's, and a name needs a letter.
    fn names_blanked(&self, line: &str) -> Option<String> {
        let mut out = String::new();
        let mut at = 0;
        while let Some((start, end)) = line.get(at..).and_then(|rest| self.names.find(rest)) {
            let (start, end) = (at + start, at + end);
            if end <= start {
                break; // names are never empty; a pattern edited to match nothing must not loop
            }
            out.push_str(&line[at..start]);
            let month = self.months.find(&line[start..]).is_some_and(|(s, _)| s == 0);
            out.push(if month { MONTH } else { WEEKDAY });
            at = end;
        }
        if at == 0 {
            return None;
        }
        out.push_str(&line[at..]);
        Some(out)
    }
}

/// The lines of `text` (split at `\n`) that may be one text twice (`cleaner.learning.shapes.doubled`):
/// stripped, more than `shortest` and at most `longest` characters, their last `end` characters found
/// before them. A sieve for the Python test, which decides: learning looks at every line of a corpus,
/// and few pass.
///
/// ```
/// use cleaner_engine::linekey::doubled_candidates;
/// let text = "Short\n  Crowds cheered in Chicago.  Crowds cheered in Chicago. \nCrowds cheered in Chicago. And Boston.";
/// assert_eq!(doubled_candidates(text, 40, 200, 10), vec!["  Crowds cheered in Chicago.  Crowds cheered in Chicago. "]);
/// assert!(doubled_candidates(text, 40, 50, 10).is_empty());
/// ```
pub fn doubled_candidates(text: &str, shortest: usize, longest: usize, end: usize) -> Vec<&str> {
    text.split('\n')
        .filter(|line| {
            let s = pystr::strip(line);
            if s.len() <= shortest {
                return false; // no more characters than bytes
            }
            let n = s.chars().count();
            if n <= shortest || n > longest {
                return false;
            }
            if end == 0 || n <= end {
                return true; // not this sieve's case: the Python test decides
            }
            let cut = s.char_indices().nth_back(end - 1).map_or(0, |(i, _)| i);
            s[..cut].contains(&s[cut..])
        })
        .collect()
}

/// `" ".join(numbers_blanked(s).split())` in one pass, whether it blanked a number, and how many
/// characters `numbers_blanked(s)` has.
///
/// ```
/// use cleaner_engine::linekey::numbers_and_spaces;
/// assert_eq!(numbers_and_spaces("  page 1.5\u{1c} of  20 "), ("page \x01 of \x01".to_string(), true, 16));
/// ```
pub fn numbers_and_spaces(s: &str) -> (String, bool, usize) {
    let mut out = String::with_capacity(s.len());
    let (mut numbers, mut chars, mut space) = (false, 0usize, false);
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        chars += 1;
        if pystr::is_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if !pystr::is_decimal(c) {
            out.push(c);
            continue;
        }
        while it.next_if(|&d| pystr::is_decimal(d)).is_some() {}
        loop {
            // A separator joins two runs of digits only when a digit follows it.
            let mut ahead = it.clone();
            match (ahead.next(), ahead.next()) {
                (Some(sep), Some(d)) if ".,:/-".contains(sep) && pystr::is_decimal(d) => {
                    it.next();
                    while it.next_if(|&d| pystr::is_decimal(d)).is_some() {}
                }
                _ => break,
            }
        }
        numbers = true;
        out.push(NUMBER);
    }
    (out, numbers, chars)
}

/// [`numbers_and_spaces`] of `s` appended to `out`, its ASCII letters lowered on the way (so that an
/// ASCII line need not be lowered first): whether it blanked a number, and how many characters
/// `numbers_blanked` of it has, and whether `s` is spaced as a key is (every white space an ASCII space
/// between two other characters: then what it appends is `numbers_blanked(s)` itself, `s` lowered).
/// Runs of plain ASCII are copied whole; other characters are looked up.
fn blank_into(s: &str, out: &mut String) -> (bool, usize, bool) {
    let bytes = s.as_bytes();
    let (mut numbers, mut chars, mut space) = (false, 0usize, false);
    let base = out.len();
    let mut regular = true;
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| PLAIN[usize::from(b)]).count();
        if run > 0 {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            let start = out.len();
            out.push_str(&s[i..i + run]);
            if let Some(added) = out.get_mut(start..) {
                added.make_ascii_lowercase();
            }
            chars += run;
            i += run;
            continue;
        }
        if bytes[i].is_ascii() && !bytes[i].is_ascii_digit() {
            // The only other ASCII bytes not in PLAIN: a space (every word ends in one, so not looked up).
            regular &= bytes[i] == b' ' && !space && out.len() > base;
            chars += 1;
            space = true;
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        chars += 1;
        if pystr::is_space(c) {
            regular = false;
            space = true;
            i += c.len_utf8();
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if !pystr::is_decimal(c) {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        i = decimals_from(s, i);
        // A separator joins two runs of digits only when a digit follows it.
        while bytes.get(i).is_some_and(|c| b".,:/-".contains(c)) && decimals_from(s, i + 1) > i + 1 {
            i = decimals_from(s, i + 1);
        }
        numbers = true;
        out.push(NUMBER);
    }
    (numbers, chars, regular && !space)
}

/// [`blank_into`] of an ASCII text, byte by byte: a line's words are short, and copying each as a run
/// cost more than the bytes (a call to copy, another to lower, per word).
fn blank_ascii_into(s: &[u8], out: &mut String) -> (bool, usize, bool) {
    let (mut numbers, mut chars, mut space) = (false, 0usize, false);
    let base = out.len();
    let mut regular = true;
    out.reserve(s.len());
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        chars += 1;
        if PLAIN[usize::from(b)] {
            if space && out.len() > base {
                out.push(' ');
            }
            space = false;
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        if !b.is_ascii_digit() {
            // Not PLAIN and no digit: one of the spaces.
            regular &= b == b' ' && !space && out.len() > base;
            space = true;
            i += 1;
            continue;
        }
        if space && out.len() > base {
            out.push(' ');
        }
        space = false;
        i = ascii_digits_from(s, i);
        // A separator joins two runs of digits only when a digit follows it.
        while s.get(i).is_some_and(|c| b".,:/-".contains(c)) && s.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = ascii_digits_from(s, i + 1);
        }
        numbers = true;
        out.push(NUMBER);
    }
    (numbers, chars, regular && !space)
}

/// Whether `str.lower` leaves `c` as it is, or lowers it as [`blank_into`] does on its own (ASCII), for
/// the characters outside ASCII that stories hold most: Latin-1's signs (U+00A0..U+00BF) and general
/// punctuation (U+2000..U+206F), none of them a letter with case or a digit. `false` says nothing.
fn lowers_to_itself(c: char) -> bool {
    c.is_ascii() || ('\u{a0}'..='\u{bf}').contains(&c) || ('\u{2000}'..='\u{206f}').contains(&c)
}

/// Where the run of ASCII digits starting at byte `i` of `s` ends.
fn ascii_digits_from(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Bytes that [`blank_into`] copies as they are (lowered): ASCII, neither a space nor a digit.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // `str.isspace` on ASCII: \t \n \v \f \r, U+001C..U+001F and the space.
        let space = matches!(c, b'\t'..=b'\r' | 0x1c..=0x1f | b' ');
        t[b] = !space && !c.is_ascii_digit();
        b += 1;
    }
    t
};

/// Where the run of decimal digits starting at byte `i` of `s` ends (`i` when there is none).
fn decimals_from(s: &str, mut i: usize) -> usize {
    while let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) {
        if !pystr::is_decimal(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Every `\d+(?:[.,:/-]\d+)*` (decimal digits) made one `\x01`.
///
/// ```
/// use cleaner_engine::linekey::numbers_blanked;
/// assert_eq!(numbers_blanked("v1.2.3-x, 4/5/ and 7."), "v\x01-x, \x01/ and \x01.");
/// assert_eq!(numbers_blanked("٣٤ pages"), "\x01 pages");
/// ```
pub fn numbers_blanked(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !pystr::is_decimal(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        while i < chars.len() && pystr::is_decimal(chars[i]) {
            i += 1;
        }
        while i + 1 < chars.len() && ".,:/-".contains(chars[i]) && pystr::is_decimal(chars[i + 1]) {
            i += 1;
            while i < chars.len() && pystr::is_decimal(chars[i]) {
                i += 1;
            }
        }
        out.push(NUMBER);
    }
    out
}

/// The 64-bit hash of a key: BLAKE2b with an 8-byte digest, read little-endian (Python's
/// `int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")`).
///
/// ```
/// use cleaner_engine::linekey::key_hash;
/// assert_eq!(key_hash(""), 0xb4b2_7974_57a0_a6e4);
/// assert_ne!(key_hash("home"), key_hash("menu"));
/// ```
pub fn key_hash(key: &str) -> u64 {
    blake2b_64(key.as_bytes())
}

/// BLAKE2b (RFC 7693), unkeyed, with an 8-byte digest, read little-endian.
fn blake2b_64(data: &[u8]) -> u64 {
    use blake2::digest::{Update, VariableOutput};
    let mut hasher = blake2::Blake2bVar::new(8).expect("8 bytes is a valid BLAKE2b digest size");
    hasher.update(data);
    let mut digest = [0u8; 8];
    hasher
        .finalize_variable(&mut digest)
        .expect("the buffer has the digest's size");
    u64::from_le_bytes(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_pythons_blake2b() {
        // int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little"), from Python 3.11:
        // an empty key, one block, exactly one and two blocks, a block and a byte, several blocks.
        let cases = [
            ("\u{1} comments".to_string(), 0x8660_71c5_8961_f564_u64),
            ("é".repeat(64), 0x91b5_bbe3_6a45_5b6e),
            ("x".repeat(128), 0x0224_e1e8_74e3_1c90),
            ("y".repeat(129), 0xe601_539f_147a_617c),
            ("z".repeat(256), 0x6c09_0db7_ff86_d1fb),
            ("ab".repeat(200), 0x6447_51db_ad96_0630),
        ];
        for (key, want) in &cases {
            assert_eq!(key_hash(key), *want, "{key:?}");
        }
        assert_eq!(key_hash("home"), 0x934a_5870_f616_63a7);
    }

    #[test]
    fn blanking_in_runs_gives_what_numbers_and_spaces_gives() {
        let lines = [
            "ΟΔΟΣ Σ ΑΣ. 12 İstanbul 3 ſunday 4 K 5",
            "٣٤ pages, ۱۲ comments, 1.2.3-4, 5/, 6,7 8:9:10 ٣.x ٣.٣ 1.٣",
            "  37\u{a0}Comments \u{2003}\u{1c}\u{1f} 4\tlikes\u{b}\u{c} ",
            "‹ back   to   story › \u{200b} é1é 1\u{3000}2 \u{85}x",
            "",
            " ",
            "\t\x0b\x0c\r\x1c\x1d\x1e\x1f",
            "  Posted  March 3, 2012 ",
            "1.2.3-x, 4/5/ and 7. v10:30 -8 1,000,000.",
            "ABC 12abc34 1..2 1.,2 3-",
            "a\x00b\x7f 9",
            "Home | News | SPORT",
            "99",
            "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30",
        ];
        let long = format!("{} 1 {}", "x".repeat(150), "y ".repeat(40));
        for line in lines.iter().copied().chain([long.as_str()]) {
            // An ASCII line as it stands, any line once lowered.
            for text in [line.to_string(), pystr::lower(line)] {
                if text != line || line.is_ascii() {
                    let mut fast = String::new();
                    let (numbers, chars, regular) = blank_into(&text, &mut fast);
                    if text.is_ascii() {
                        let mut bytewise = String::new();
                        let got = blank_ascii_into(text.as_bytes(), &mut bytewise);
                        assert_eq!((&bytewise, got), (&fast, (numbers, chars, regular)), "{line:?}");
                    }
                    if regular {
                        assert_eq!(fast, numbers_blanked(&pystr::lower(&text)), "{line:?}");
                    }
                    assert_eq!(
                        (fast, numbers, chars),
                        numbers_and_spaces(&pystr::lower(&text)),
                        "{line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn punctuation_kept_by_lowering_is_blanked_as_lowered() {
        for c in ('\u{a0}'..='\u{bf}').chain('\u{2000}'..='\u{206f}') {
            assert!(lowers_to_itself(c));
            assert_eq!(pystr::lower(&c.to_string()), c.to_string(), "{c:?}");
            let line = format!("Posted{c}MAY 5,{c} 2024 “Quote” — {c}ÀB");
            let (mut raw, mut lowered) = (String::new(), String::new());
            let line_head = line.split('À').next().unwrap_or("");
            assert_eq!(
                blank_into(line_head, &mut raw),
                blank_into(&pystr::lower(line_head), &mut lowered),
                "{c:?}"
            );
            assert_eq!(raw, lowered, "{c:?}");
        }
        assert!(!lowers_to_itself('À') && !lowers_to_itself('Σ'));
    }

    #[test]
    fn keys_of_lines_spaced_as_keys_are_the_keys_made_the_long_way() {
        let k = LineKeys::new("(?i:may|jan\\.)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
        let long_way = |line: &str| {
            let blanked = numbers_blanked(&pystr::lower(line));
            let named = k.names_blanked(&blanked).unwrap_or(blanked);
            pystr::normalise_space(&named)
        };
        let cases = [
            ("Sunday, May 5", true),
            ("SUNDAY 12 JAN. 2024", true),
            ("Maybe 3 Sundays", true),
            ("Μάιος 5, Sun.", true),
            ("May 5 ", false),
            (" May 5", false),
            ("May  5", false),
            ("May\t5", false),
            ("May\u{a0}5 Sunday", false),
            ("Home 4", true),
        ];
        for (line, regular) in cases {
            let mut out = String::new();
            let lowered = pystr::lower(line);
            assert_eq!(blank_into(&lowered, &mut out).2, regular, "{line:?}");
            assert_eq!(k.key(line), long_way(line), "{line:?}");
        }
        assert_eq!(k.key("Sunday, May 5"), "\x03, \x02 \x01");
    }

    #[test]
    fn remembered_lines_hash_as_when_first_seen() {
        let k = LineKeys::new("(?i:may)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
        // Lines with distinct keys, coming back after more than a generation's worth of others.
        let letters = |mut n: usize| {
            let mut s = String::new();
            while n > 0 {
                s.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            s
        };
        let lines: Vec<String> = (0..3 * REMEMBERED)
            .map(|n| format!("Menu {} May 5", letters(n % (REMEMBERED + 7))))
            .collect();
        let text = lines.join("\n");
        let fresh = |l: &str| {
            let mut out = String::new();
            k.key_into(l, &mut out);
            out
        };
        let want_keys: Vec<String> = lines.iter().map(|l| fresh(l)).collect();
        let want: Vec<u64> = want_keys.iter().map(|key| key_hash(key)).collect();
        assert_eq!(k.hashes(&text), want);
        assert_eq!(k.hashes(&text), want, "with the lines remembered");
        assert!(k.seen.lock().unwrap().young.len() <= REMEMBERED);
        assert_eq!(k.keys(&text), want_keys);
        assert_eq!(k.keys(&text), want_keys, "with the keys remembered");
        assert!(lines.iter().zip(&want_keys).all(|(l, key)| k.key(l) == *key));
        assert!(k.keys_seen.lock().unwrap().young.len() <= KEYS_REMEMBERED);
    }

    #[test]
    fn hostile_lines_do_not_panic() {
        let k = LineKeys::new("(?i:may|jan\\.)\\b", "(?i:sun)(?i:day)?\\b\\.?").unwrap();
        let long = "1 may ".repeat(50_000);
        assert_eq!(k.key(&long).matches('\u{1}').count(), 50_000);
        for s in ["\u{0}", "\u{10ffff}1", "1jan.may.", "1 \u{130}may", "1ſunday", "٣may"] {
            let _ = k.key(s);
        }
    }
}
