//! Phrase-file line matchers: `exact`, `prefix`, `contains` and `regex` keys (port of `generic/linematch.py`).
//!
//! A file in `rules/generic/` may hold these keys, each a list or a table of lists by language:
//! `exact` (the phrase is the whole line, a closing colon or arrow allowed), `prefix` (the phrase, a
//! separator, then more text), `contains` (the phrase anywhere in the line) and `regex` (raw patterns).
//! `max_words` caps the length of a line that may match, so a story sentence that merely uses a phrase
//! stays. Matching ignores case and is done on the line without its bullet or w3m `[alt]` label
//! ([`Shape::text`]). Phrases ignore case; a raw pattern says so itself (`(?i:...)`), so that it can ask
//! for a capital with `\p{Lu}`.
//!
//! Python searched the `contains` phrases with the standard library's `re`, ignoring case: ASCII phrases
//! lower-cased in the line folded by `RE_FOLD`, the others with `re.IGNORECASE`. Both are Aho-Corasick
//! searches here, over the line folded the same way (see [`re_fold`]).

use std::cell::OnceCell;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::AhoCorasick;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM};
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Look, Repetition};

use crate::lang::{Sketch, WordSet};
use crate::pattern::Pattern;
use crate::pystr;
use crate::pystr_tables as t;
use crate::scratch::PerThread;
use crate::shape::{shape, Shape};
use crate::tables::{LoadError, Tables};

/// What may follow an exact phrase (a colon, an arrow, a count) and what separates a prefix from its text.
pub const EXACT_TAIL: &str = " \t:.!»›>→…-–—()0123456789";
/// Exact phrases are labels; a longer line is never one of them.
pub const EXACT_MAX_WORDS: f64 = 12.0;
/// `_PREFIX_SPLIT`'s `.{1,60}?`: the longest head a prefix phrase may be.
const PREFIX_MAX_CHARS: usize = 60;

/// The separators of `_PREFIX_SPLIT` (`[:|｜»›>→]+` after optional spaces).
fn is_prefix_separator(c: char) -> bool {
    matches!(c, ':' | '|' | '｜' | '»' | '›' | '>' | '→')
}

/// The dashes of `_PREFIX_SPLIT` (`[-–—]+` after at least one space).
fn is_prefix_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// `_PREFIX_MARK`: a line without any of these has no prefix.
fn is_prefix_mark(c: char) -> bool {
    is_prefix_separator(c) || is_prefix_dash(c)
}

/// A phrase or line head as looked up: case folded, spaces collapsed (Python's `_key`).
///
/// ```
/// assert_eq!(cleaner_engine::phrases::key("  Read   MORE "), "read more");
/// ```
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    key_into(text, &mut out);
    out
}

thread_local! {
    /// A buffer for the keys that are only looked up (the `exact` and `prefix` sets of every file).
    static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `f` of [`key`] of `text`, made in a buffer kept for the next.
fn with_key<T>(text: &str, f: impl FnOnce(&str) -> T) -> T {
    KEY.with_borrow_mut(|out| {
        out.clear();
        key_into(text, out);
        f(out)
    })
}

/// Append [`key`] of `text` to `out` (empty).
fn key_into(text: &str, out: &mut String) {
    // `casefold(normalise_space(text))` in one pass: case folding maps each character on its own, and a
    // space to itself.
    if text.is_ascii() {
        // Most lines: folding is lower-casing, and a byte is a character. Most of those have single spaces
        // between their words only: their key is the line lower-cased.
        // No space first or last, none after another, and no other kind of space: folds over the bytes and
        // the pairs of bytes in a row, without an early exit, which the compiler runs many bytes a step.
        let bytes = text.as_bytes();
        let other_space = bytes.iter().fold(0u8, |any, &b| any | pystr::other_ascii_space(b));
        let double_space = bytes
            .iter()
            .zip(bytes.get(1..).unwrap_or_default())
            .fold(0u8, |any, (&a, &b)| any | (u8::from(a == b' ') & u8::from(b == b' ')));
        let single_spaced = other_space == 0
            && double_space == 0
            && bytes.first().is_some_and(|&b| b != b' ')
            && bytes.last().is_some_and(|&b| b != b' ');
        if single_spaced {
            out.push_str(text);
            out.make_ascii_lowercase();
            return;
        }
        let mut gap = false;
        for c in text.bytes().map(char::from) {
            if pystr::is_space(c) {
                gap = !out.is_empty();
            } else {
                if gap {
                    out.push(' ');
                    gap = false;
                }
                out.push(c.to_ascii_lowercase());
            }
        }
        return;
    }
    for (k, word) in text.split(pystr::is_space).filter(|w| !w.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        pystr::casefold_into(out, word);
    }
}

/// The key of a line as an `exact` phrase (Python's `_exact_key`).
///
/// ```
/// assert_eq!(cleaner_engine::phrases::exact_key("Read  more »"), "read more");
/// ```
pub fn exact_key(text: &str) -> String {
    key(text.trim_end_matches(is_exact_tail))
}

/// Whether `c` is one of [`EXACT_TAIL`] (by a `match`: asked of the end of every short line).
fn is_exact_tail(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | ':' | '.' | '!' | '»' | '›' | '>' | '→' | '…' | '-' | '–' | '—' | '(' | ')' | '0'..='9'
    )
}

/// The key of a line's head before a separator, None when it has none (Python's `_prefix_key`).
///
/// ```
/// use cleaner_engine::phrases::prefix_key;
/// assert_eq!(prefix_key("Read also | Markets slide"), Some("read also".to_string()));
/// assert_eq!(prefix_key("No separator here"), None);
/// assert_eq!(prefix_key("Watch -"), None);
/// ```
pub fn prefix_key(text: &str) -> Option<String> {
    prefix_head_of(text).map(key)
}

/// The head of `text` whose key is [`prefix_key`]'s, none when it has no separator.
fn prefix_head_of(text: &str) -> Option<&str> {
    // Of ASCII bytes only `:|>-` are marks; any byte of a character outside ASCII is 0x80 or more. A fold
    // without an early exit, which the compiler runs many bytes a step: most lines have none of these.
    let marks = text.bytes().fold(0u8, |any, b| {
        any | u8::from(b == b':') | u8::from(b == b'|') | u8::from(b == b'>') | u8::from(b == b'-') | (b & 0x80)
    });
    if marks == 0 {
        return None;
    }
    prefix_head(text)
}

/// Whether a mark lies where [`prefix_head`]'s separator may start, a necessary condition for a head
/// (asked of a text outside ASCII before its characters are listed):
/// a separator's first mark follows a head of 1 to `PREFIX_MAX_CHARS` characters and the spaces after
/// it (at least one before a dash), so it is not the first character, and past the head's longest reach
/// only spaces can lie before it. A line with a dash or a colon late in a long paragraph is settled
/// here, from its first characters, not by the head search.
fn mark_in_reach(text: &str) -> bool {
    let mut after_space = false;
    for (k, c) in text.chars().enumerate() {
        if k >= 1 && (is_prefix_separator(c) || (k >= 2 && after_space && is_prefix_dash(c))) {
            return true;
        }
        let space = pystr::is_regex_space(c);
        if k >= PREFIX_MAX_CHARS && !space {
            return false;
        }
        after_space = space;
    }
    false
}

/// `_PREFIX_SPLIT.match(text).group(1)`, by hand: `^(.{1,60}?)(?:\s*[:|｜»›>→]+|\s+[-–—]+)\s*\S`.
fn prefix_head(text: &str) -> Option<&str> {
    if text.is_ascii() {
        // A byte is a character: no list of characters to build.
        let bytes = text.as_bytes();
        let at = |k: usize| bytes.get(k).map(|&b| char::from(b));
        for p in 1..=PREFIX_MAX_CHARS.min(bytes.len()) {
            if bytes[p - 1] == b'\n' {
                return None;
            }
            // As `head_chars`, where a separator can only start at a space or a mark: most heads are
            // passed over on their next byte.
            let next = bytes.get(p).map_or(b'a', |&b| b);
            if (matches!(next, b':' | b'|' | b'>' | b'-') || pystr::is_regex_space(char::from(next)))
                && separator_at(&at, bytes.len(), p)
            {
                return text.get(..p);
            }
        }
        return None;
    }
    if !mark_in_reach(text) {
        return None;
    }
    // The characters the search can read: the first `PREFIX_MAX_CHARS + 1`, the run of spaces and marks
    // on from there, and one more (a separator found at a head's end ends by its first other character);
    // not the whole line, which a paragraph with a dash somewhere was decoded and listed for.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(PREFIX_MAX_CHARS + 2);
    let mut all = text.char_indices();
    chars.extend(all.by_ref().take(PREFIX_MAX_CHARS + 1));
    if chars.len() > PREFIX_MAX_CHARS {
        for (b, c) in all {
            chars.push((b, c));
            if !(pystr::is_regex_space(c) || is_prefix_mark(c)) {
                break;
            }
        }
    }
    let p = head_chars(chars.len(), |k| chars.get(k).map(|&(_, c)| c))?;
    text.get(..chars.get(p).map_or(text.len(), |&(b, _)| b))
}

/// The length in characters of [`prefix_head`]'s head in a text of `n` characters, `at(k)` its `k`th.
///
/// The lazy head grows one character at a time (never over a `\n`, which `.` refuses); the first length
/// after which a separator follows, then a non-space, wins.
fn head_chars(n: usize, at: impl Fn(usize) -> Option<char>) -> Option<usize> {
    for p in 1..=PREFIX_MAX_CHARS.min(n) {
        if at(p - 1).is_none_or(|c| c == '\n') {
            return None;
        }
        if separator_at(&at, n, p) {
            return Some(p);
        }
    }
    None
}

/// Whether `(?:\s*[:|｜»›>→]+|\s+[-–—]+)\s*\S` matches at char `p` of a text of `n` characters.
///
/// After the spaces (all of them: the next character must be a mark, not a space) and the run of marks,
/// the rest matches if a non-space follows the spaces after the run, or, backtracking, if the run has two
/// marks or more (the last one is then the `\S`).
fn separator_at(at: &impl Fn(usize) -> Option<char>, n: usize, p: usize) -> bool {
    let is_space = |k: usize| at(k).is_some_and(pystr::is_regex_space);
    let mut q = p;
    while is_space(q) {
        q += 1;
    }
    let rest = |is_in: fn(char) -> bool| {
        let mut r = q;
        while at(r).is_some_and(is_in) {
            r += 1;
        }
        let mut u = r;
        while is_space(u) {
            u += 1;
        }
        r > q && (u < n || r - q >= 2)
    };
    rest(is_prefix_separator) || (q > p && rest(is_prefix_dash))
}

/// Simple lower case of one character in Python's database (`_sre.unicode_tolower`: `İ` gives `i`).
fn py_tolower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = c as u32;
    let after = t::LOWER.partition_point(|r| r.0 <= cp);
    if let Some(&(first, last, stride, delta)) = after.checked_sub(1).and_then(|i| t::LOWER.get(i)) {
        if cp <= last && (cp - first).checked_rem(u32::from(stride)) == Some(0) {
            if let Some(m) = char::from_u32(cp.wrapping_add_signed(delta)) {
                return m;
            }
        }
    }
    if c == '\u{130}' {
        'i'
    } else {
        c
    }
}

/// The classes of lower-case characters `re` also takes for one another (its `_casefix._EXTRA_CASES`),
/// each as (character, the least of its class).
static RE_EXTRA_CASES: [(char, char); 50] = [
    ('\u{69}', '\u{69}'),
    ('\u{73}', '\u{73}'),
    ('\u{b5}', '\u{b5}'),
    ('\u{131}', '\u{69}'),
    ('\u{17f}', '\u{73}'),
    ('\u{345}', '\u{345}'),
    ('\u{390}', '\u{390}'),
    ('\u{3b0}', '\u{3b0}'),
    ('\u{3b2}', '\u{3b2}'),
    ('\u{3b5}', '\u{3b5}'),
    ('\u{3b8}', '\u{3b8}'),
    ('\u{3b9}', '\u{345}'),
    ('\u{3ba}', '\u{3ba}'),
    ('\u{3bc}', '\u{b5}'),
    ('\u{3c0}', '\u{3c0}'),
    ('\u{3c1}', '\u{3c1}'),
    ('\u{3c2}', '\u{3c2}'),
    ('\u{3c3}', '\u{3c2}'),
    ('\u{3c6}', '\u{3c6}'),
    ('\u{3d0}', '\u{3b2}'),
    ('\u{3d1}', '\u{3b8}'),
    ('\u{3d5}', '\u{3c6}'),
    ('\u{3d6}', '\u{3c0}'),
    ('\u{3f0}', '\u{3ba}'),
    ('\u{3f1}', '\u{3c1}'),
    ('\u{3f5}', '\u{3b5}'),
    ('\u{432}', '\u{432}'),
    ('\u{434}', '\u{434}'),
    ('\u{43e}', '\u{43e}'),
    ('\u{441}', '\u{441}'),
    ('\u{442}', '\u{442}'),
    ('\u{44a}', '\u{44a}'),
    ('\u{463}', '\u{463}'),
    ('\u{1c80}', '\u{432}'),
    ('\u{1c81}', '\u{434}'),
    ('\u{1c82}', '\u{43e}'),
    ('\u{1c83}', '\u{441}'),
    ('\u{1c84}', '\u{442}'),
    ('\u{1c85}', '\u{442}'),
    ('\u{1c86}', '\u{44a}'),
    ('\u{1c87}', '\u{463}'),
    ('\u{1c88}', '\u{1c88}'),
    ('\u{1e61}', '\u{1e61}'),
    ('\u{1e9b}', '\u{1e61}'),
    ('\u{1fbe}', '\u{345}'),
    ('\u{1fd3}', '\u{390}'),
    ('\u{1fe3}', '\u{3b0}'),
    ('\u{a64b}', '\u{1c88}'),
    ('\u{fb05}', '\u{fb05}'),
    ('\u{fb06}', '\u{fb05}'),
];

/// One character as the standard library's `re` compares it when it ignores case: its simple lower case,
/// then the least of its `_EXTRA_CASES` class. Two characters match each other exactly when their folds
/// are equal (an uncased pattern character is its own fold and no other character folds to it).
///
/// ```
/// use cleaner_engine::phrases::re_fold;
/// assert_eq!((re_fold('İ'), re_fold('ı'), re_fold('ſ'), re_fold('\u{212a}')), ('i', 'i', 's', 'k'));
/// assert_eq!((re_fold('Σ'), re_fold('ς'), re_fold('Ж')), ('ς', 'ς', 'ж'));
/// ```
pub fn re_fold(c: char) -> char {
    /// Characters below this are folded by a table made on first use: the scripts of most pages outside
    /// ASCII (Latin, Greek, Cyrillic) and the typographic punctuation, each a look-up instead of two
    /// binary searches.
    const TABLED: u32 = 0x2200;
    static FOLDS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        (0..TABLED)
            .map(|cp| char::from_u32(cp).map_or('\0', re_fold_searched))
            .collect()
    });
    if (c as u32) < TABLED {
        if let Some(&f) = FOLDS.get(c as usize) {
            return f;
        }
    }
    re_fold_searched(c)
}

/// [`re_fold`] by searching the tables.
fn re_fold_searched(c: char) -> char {
    let lo = py_tolower(c);
    if lo.is_ascii() && lo != 'i' && lo != 's' {
        return lo;
    }
    match RE_EXTRA_CASES.binary_search_by_key(&lo, |&(k, _)| k) {
        Ok(i) => RE_EXTRA_CASES.get(i).map_or(lo, |&(_, least)| least),
        Err(_) => lo,
    }
}

/// The non-ASCII characters that the standard library's `re` matches to an ASCII letter when it ignores
/// case (Python's `RE_ASCII_FOLDS`), and those letters.
pub const RE_ASCII_FOLDS: [(char, char); 4] = [('İ', 'i'), ('ı', 'i'), ('ſ', 's'), ('\u{212a}', 'k')];

/// `text` with each character folded by [`re_fold`]: a folded phrase is found in it exactly where `re`
/// finds the phrase ignoring case. Only [`RE_ASCII_FOLDS`] fold from outside ASCII into it (a test checks),
/// so an ASCII phrase is found in it where Python found it in the line folded by its `RE_FOLD`.
fn re_folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // A run of ASCII is copied and lower-cased at once: most of a line is, even outside ASCII.
        let run = ascii_run(rest.as_bytes());
        let (ascii, tail) = rest.split_at(run);
        let at = out.len();
        out.push_str(ascii);
        if let Some(copied) = out.get_mut(at..) {
            copied.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        match chars.next() {
            Some(c) => out.push(re_fold(c)),
            None => return out,
        }
        rest = chars.as_str();
    }
}

/// How many bytes at the start of `bytes` are ASCII: eight at a time, by one test of their high bits (a
/// byte at a time, the runs of [`re_folded`]'s lines, mostly ASCII prose, cost some five instructions a byte).
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut groups = bytes.chunks_exact(8);
    let mut run = 0;
    for group in groups.by_ref() {
        let high = <[u8; 8]>::try_from(group).map_or(HIGH, u64::from_le_bytes) & HIGH;
        if high != 0 {
            // The first byte outside ASCII is the lowest set bit's byte (little-endian).
            return run + (high.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    let tail = groups.remainder();
    run + tail.iter().position(|b| !b.is_ascii()).unwrap_or(tail.len())
}

/// One phrase file, ready to match a line.
#[derive(Debug)]
pub struct LineMatcher {
    exact: HashSet<String>,
    prefix: HashSet<String>,
    /// First words of the `contains` phrases: a line with none of them is not searched.
    contains_words: WordSet,
    /// Every `contains` phrase folded by [`re_fold`], ignoring ASCII case: searched in a line with
    /// characters outside ASCII folded the same way ([`LineKeys::folded`]), and in an ASCII line as it is
    /// (its fold is its ASCII lower case, and no other phrase than an ASCII one can be found in it). Most
    /// lines are not searched by this, but by [`AsciiHits`].
    contains_folded: Option<AhoCorasick>,
    /// The raw patterns: a line matches when any does (Python searched their alternation). Apart, each has
    /// a DFA of its own: one alternation of them all, with its bounded repeats of Unicode classes, would need
    /// a DFA far larger than the sum of theirs, and be twenty times slower.
    patterns: Vec<Pattern>,
    /// For each raw pattern, whether the prefilter's naming it a candidate for a line means that its loose
    /// pattern matches the line (see [`Prefilter::new`]): then [`Pattern::search_past_loose`] answers.
    past_loose: Vec<bool>,
    max_words: f64,
}

impl LineMatcher {
    /// Compile `rules/generic/<name>.toml`.
    pub fn load(tables: &Tables, name: &str) -> Result<LineMatcher, LoadError> {
        let file = tables.path(name);
        let exact = tables
            .phrases(name, "exact")?
            .iter()
            .map(|p| {
                let k = exact_key(p);
                if k.is_empty() {
                    key(p)
                } else {
                    k
                }
            })
            .collect();
        let prefix = tables.phrases(name, "prefix")?.iter().map(|p| key(p)).collect();
        let contains = tables.phrases(name, "contains")?;
        let contains_words = contains
            .iter()
            .filter_map(|p| shape(p).words.first().map(str::to_string))
            .collect();
        let folded: Vec<String> = contains.iter().map(|p| re_folded(p)).collect();
        let contains_folded = if folded.is_empty() {
            None
        } else {
            // A DFA: searched through whole lines (those outside ASCII), it reads a byte in a few instructions.
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&folded)
                .map_err(|e| tables.error(name, format!("contains phrases: {e}")))?;
            Some(ac)
        };
        let patterns = tables
            .phrases(name, "regex")?
            .iter()
            .map(|p| Pattern::new(p, &file))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(LineMatcher {
            exact,
            prefix,
            contains_words,
            contains_folded,
            past_loose: vec![false; patterns.len()],
            patterns,
            max_words: tables.number(name, "max_words", UNCAPPED)?,
        })
    }

    /// Whether the line whose shape is `s` is a line of this kind (Python's `LineMatcher.matches`).
    ///
    /// ```
    /// use cleaner_engine::{phrases::LineMatcher, shape::shape, tables::Tables};
    /// let tables = Tables::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// let m = LineMatcher::load(&tables, "cross-links").unwrap();
    /// assert!(m.matches(&shape("Read also | Markets slide")));
    /// assert!(!m.matches(&shape("Read also the report, which runs to forty pages.")));
    /// assert!(m.matches(&shape("Read more »")));
    /// ```
    pub fn matches(&self, s: &Shape) -> bool {
        self.matches_with(s, &LineKeys::default(), &|| None, &|| None, &|| None)
    }

    /// [`LineMatcher::matches`] with the line's keys (worked out on first need, and kept for the other
    /// files), `may()` the raw patterns that may match, ascending, as their positions in the file plus the
    /// number given with them (a prefilter's answer, asked only of a line that gets as far as the patterns;
    /// `None`: all may; a candidate the prefilter searched as its loose form itself is one that loose form
    /// matches),
    /// `label()` whether the line is an `exact` phrase or starts with a `prefix` one when that is known
    /// (see [`Matchers`]), and `hit()` whether a `contains` phrase is in the line when that is known
    /// (see [`AsciiHits`]).
    pub fn matches_with<'m>(
        &self,
        s: &Shape,
        keys: &LineKeys,
        may: &dyn Fn() -> Option<(&'m [u32], u32)>,
        label: &dyn Fn() -> Option<bool>,
        hit: &dyn Fn() -> Option<bool>,
    ) -> bool {
        if s.text.is_empty() || s.units > self.max_words {
            return false;
        }
        if label().unwrap_or_else(|| self.labels(s, keys)) {
            return true;
        }
        if !self.contains_words.is_empty() {
            let gate = || s.words.iter().any(|w| self.contains_words.contains(w));
            // An ASCII line's hits are one search for every file, made once: most lines hold no phrase of
            // the file, and then need no look-up of each of their words in its first words.
            let found = match hit() {
                Some(h) => h && gate(),
                None => gate() && self.contains_in(&s.text, &|| keys.folded(s)),
            };
            if found {
                return true;
            }
        }
        if self.patterns.is_empty() {
            return false;
        }
        match may() {
            Some((ids, first)) => ids.iter().any(|&id| {
                let Some(k) = usize::try_from(id.wrapping_sub(first)).ok() else {
                    return false;
                };
                self.patterns.get(k).is_some_and(|p| {
                    if self.past_loose.get(k).copied().unwrap_or(false) {
                        p.search_past_loose(&s.text)
                    } else {
                        p.search(&s.text)
                    }
                })
            }),
            None => self.patterns.iter().any(|p| p.search(&s.text)),
        }
    }

    /// Whether the line is an `exact` phrase or starts with a `prefix` one.
    fn labels(&self, s: &Shape, keys: &LineKeys) -> bool {
        if !self.exact.is_empty() && keys.exact(s).is_some_and(|k| self.exact.contains(k)) {
            return true;
        }
        !self.prefix.is_empty() && keys.prefix(s).is_some_and(|k| self.prefix.contains(k))
    }

    /// Whether a `contains` phrase is found in `text`, ignoring case as Python's `re` does.
    ///
    /// ```
    /// use cleaner_engine::{phrases::LineMatcher, tables::Tables};
    /// let tables = Tables::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// let m = LineMatcher::load(&tables, "prompts").unwrap();
    /// let found: Vec<bool> = ["SIGN UP for our newsletter", "ſign up for our newsletter", "Signed"]
    ///     .iter().map(|t| m.contains(t)).collect();
    /// assert_eq!(found, [true, true, false]);
    /// ```
    pub fn contains(&self, text: &str) -> bool {
        self.contains_in(text, &|| re_folded(text).into())
    }

    /// [`LineMatcher::contains`], `folded()` giving [`re_folded`] `text` (asked only if it is not ASCII).
    fn contains_in<'t>(&self, text: &str, folded: &dyn Fn() -> std::borrow::Cow<'t, str>) -> bool {
        if text.is_ascii() {
            return self.contains_folded.as_ref().is_some_and(|ac| ac.is_match(text));
        }
        self.contains_folded
            .as_ref()
            .is_some_and(|ac| ac.is_match(folded().as_ref()))
    }
}

/// The phrase files that are matched line by line, by name.
pub const MATCHER_FILES: [&str; 10] = [
    "cross-links",
    "metadata-lines",
    "captions",
    "legal",
    "prompts",
    "pitches",
    "teasers",
    "comments",
    "trailing-blocks",
    "author-boxes",
];

/// What every phrase file asks of a line, each worked out on first need and then kept for all of them: its
/// `exact` key (for a line short enough to be a label) and its `prefix` key.
///
/// ```
/// use cleaner_engine::{phrases::LineKeys, shape::shape};
/// let (s, k) = (shape("Read also | Markets slide"), LineKeys::default());
/// assert_eq!((k.exact(&s), k.prefix(&s)), (Some("read also | markets slide"), Some("read also")));
/// ```
#[derive(Debug, Clone, Default)]
pub struct LineKeys {
    exact: OnceCell<Option<String>>,
    prefix: OnceCell<Option<String>>,
    folded: OnceCell<String>,
    /// The files (bit `k`: file `k` of [`MATCHER_FILES`]) of which the `exact` key is an `exact` phrase.
    exact_files: OnceCell<u32>,
    /// The files of which the `prefix` key is a `prefix` phrase.
    prefix_files: OnceCell<u32>,
    /// For an ASCII line, the word lists found in it ([`AsciiHits::hits`]).
    ascii_hits: OnceCell<Option<u32>>,
    /// Whether the first word of the line's `exact` or `prefix` key may be one of a phrase ([`may_be_label`]).
    may_label: OnceCell<bool>,
}

impl LineKeys {
    /// The `exact` key of the line whose shape is `s` (none for a line too long to be a label).
    pub fn exact(&self, s: &Shape) -> Option<&str> {
        self.exact
            .get_or_init(|| (s.units <= EXACT_MAX_WORDS).then(|| exact_key(&s.text)))
            .as_deref()
    }

    /// The `prefix` key of the line whose shape is `s` (none when it has no separator).
    pub fn prefix(&self, s: &Shape) -> Option<&str> {
        self.prefix.get_or_init(|| prefix_key(&s.text)).as_deref()
    }

    /// Whether the line may be an `exact` phrase or start with a `prefix` one, by [`may_be_label`].
    fn may_label(&self, s: &Shape, firsts: &LabelFirsts) -> bool {
        *self.may_label.get_or_init(|| may_be_label(&s.text, firsts))
    }

    /// The files of which the line's `exact` key is a phrase, by `files` (each key's files); `firsts` the
    /// first words of every `exact` and `prefix` phrase.
    fn exact_files(&self, s: &Shape, files: &HashMap<String, u32>, firsts: &LabelFirsts) -> u32 {
        *self.exact_files.get_or_init(|| match self.exact.get() {
            _ if !self.may_label(s, firsts) => 0,
            Some(k) => k.as_deref().and_then(|k| files.get(k)).copied().unwrap_or(0),
            // Only looked up: made in a buffer, not kept.
            None if s.units <= EXACT_MAX_WORDS => with_key(s.text.trim_end_matches(is_exact_tail), |k| {
                files.get(k).copied().unwrap_or(0)
            }),
            None => 0,
        })
    }

    /// The files of which the line's `prefix` key is a phrase, by `files` (each key's files); `firsts` as
    /// for [`LineKeys::exact_files`].
    fn prefix_files(&self, s: &Shape, files: &HashMap<String, u32>, firsts: &LabelFirsts) -> u32 {
        *self.prefix_files.get_or_init(|| match self.prefix.get() {
            _ if !self.may_label(s, firsts) => 0,
            Some(k) => k.as_deref().and_then(|k| files.get(k)).copied().unwrap_or(0),
            None => prefix_head_of(&s.text).map_or(0, |head| with_key(head, |k| files.get(k).copied().unwrap_or(0))),
        })
    }

    /// The word lists of `lists` found in the line whose shape is `s`, when it is ASCII (else none).
    pub fn ascii_hits(&self, s: &Shape, lists: &AsciiHits) -> Option<u32> {
        *self
            .ascii_hits
            .get_or_init(|| s.text.is_ascii().then(|| lists.hits(&s.text)))
    }

    /// The line folded by [`re_fold`], for the `contains` phrases of every file.
    fn folded(&self, s: &Shape) -> std::borrow::Cow<'_, str> {
        self.folded.get_or_init(|| re_folded(&s.text)).as_str().into()
    }
}

/// Whether the `exact` or `prefix` key of `text` may be a phrase whose key's first word is one of `firsts`:
/// a necessary condition, asked before either key is made (most lines start with a word no label starts
/// with, and were keyed, searched for a separator and looked up for nothing).
///
/// Both keys start with the fold of a part of the text's first word `w` (split as [`key`] splits): `w`
/// itself when the key reaches past it; for the `exact` key, `w` without the tail characters it may end
/// with, when the rest of the line is trimmed with them; for the `prefix` key, `w` up to a separator or a
/// space of `\s` where the head ends inside it.
///
/// ```
/// use cleaner_engine::phrases::{may_be_label, LabelFirsts};
/// let firsts = LabelFirsts::new(["read also", "more"]);
/// assert!(may_be_label("READ also | Markets slide", &firsts));
/// assert!(may_be_label("Read:Markets", &firsts));
/// assert!(may_be_label("MORE»", &firsts));
/// assert!(may_be_label("More12", &firsts));
/// assert!(!may_be_label("Reader's digest", &firsts));
/// assert!(!may_be_label("The cat sat on the mat.", &firsts));
/// ```
pub fn may_be_label(text: &str, firsts: &LabelFirsts) -> bool {
    let known = |w: &str| {
        let ascii = w.is_ascii();
        // The fold of a character is one character or more: a part longer than every first word is none
        // of them, unfolded (the whole line, for a first word in a script written without spaces).
        if (ascii && w.len() > firsts.chars) || (!ascii && w.chars().nth(firsts.chars).is_some()) {
            return false;
        }
        // An ASCII part's key is its lower case: made on the stack, not through the key buffer (asked of
        // nearly every line, where the buffer's keying cost more than the look-up).
        // Most are turned away by the sketch of its lower case's ends, before any copy is made.
        if ascii && !firsts.sketch.may_hold_ascii_lower(w.as_bytes()) {
            return false;
        }
        let mut lower = [0u8; 32];
        match lower.get_mut(..w.len()).filter(|_| ascii) {
            Some(out) => {
                out.copy_from_slice(w.as_bytes());
                out.make_ascii_lowercase();
                firsts.words.contains(&*out)
            }
            None => with_key(w, |k| {
                firsts.sketch.may_hold(k.as_bytes()) && firsts.words.contains(k.as_bytes())
            }),
        }
    };
    let Some((word, ascii)) = first_word(text) else {
        return known("");
    };
    if known(word) {
        return true;
    }
    let trimmed = word.trim_end_matches(is_exact_tail);
    if trimmed.len() < word.len() && known(trimmed) {
        return true;
    }
    let heads = firsts.chars.saturating_add(1);
    if ascii {
        // A character is a byte, the ASCII separators are `:`, `|` and `>`, and the word holds no ASCII
        // `\s` (each is a space of `str.isspace()`, which ends the word): the characters' decoding and
        // their two look-ups were most of this test on nearly every line.
        return word
            .bytes()
            .take(heads)
            .enumerate()
            .any(|(j, b)| matches!(b, b':' | b'|' | b'>') && word.get(..j).is_some_and(known));
    }
    word.char_indices()
        .take(heads)
        .any(|(j, c)| (is_prefix_separator(c) || pystr::is_regex_space(c)) && word.get(..j).is_some_and(known))
}

/// The first word of `text` as `text.split(pystr::is_space).find(|w| !w.is_empty())` finds it, and
/// whether it is ASCII: read by bytes, a printable ASCII byte (no space) by one comparison, a character
/// outside ASCII decoded where one starts (the split decoded every character and looked each up).
fn first_word(text: &str) -> Option<(&str, bool)> {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut ascii = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = match b {
            b'!'..=b'~' => (false, 1),
            0..=0x7f => (b == b' ' || pystr::other_ascii_space(b) != 0, 1),
            _ => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (pystr::is_space(c), c.len_utf8()),
                None => break,
            },
        };
        match (space, start) {
            (true, Some(s)) => return text.get(s..i).map(|w| (w, ascii)),
            (true, None) => {}
            (false, s) => {
                start = s.or(Some(i));
                ascii &= b < 0x80;
            }
        }
        i += len;
    }
    start.and_then(|s| text.get(s..)).map(|w| (w, ascii))
}

/// The first words of the `exact` and `prefix` phrases' keys (see [`may_be_label`]).
#[derive(Debug, Default)]
pub struct LabelFirsts {
    /// Each as bytes: an ASCII word is looked up as the bytes it was lower-cased into.
    words: HashSet<Vec<u8>>,
    /// Their sketch: most lines' first words are turned away by it, not hashed.
    sketch: Sketch,
    /// The most characters any has.
    chars: usize,
}

impl LabelFirsts {
    /// The first words of `keys` (phrase keys: folded, single spaces).
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> LabelFirsts {
        let words: HashSet<Vec<u8>> = keys
            .into_iter()
            .map(|k| k.split(' ').next().unwrap_or_default().as_bytes().to_vec())
            .collect();
        let chars = words
            .iter()
            .map(|w| String::from_utf8_lossy(w).chars().count())
            .max()
            .unwrap_or(0);
        let mut sketch = Sketch::default();
        words.iter().for_each(|w| sketch.add(w));
        LabelFirsts { words, chars, sketch }
    }
}

/// The consent notice's word lists (keys of `consent.toml`), after the phrase files in [`AsciiHits`].
pub const CONSENT_LISTS: [&str; 2] = ["cookie", "consent"];

/// Which of several lists of phrases occur in an ASCII line, ignoring ASCII case, by one search of the line
/// for all of them: list `k` is bit `k` of the answer. The lists are every phrase file's `contains` phrases
/// (by its position in [`MATCHER_FILES`]) and the consent notice's words ([`CONSENT_LISTS`], after them),
/// each as the file's own search of an ASCII line has them: most lines are asked the cookie words, the
/// legal phrases and often the prompts, and were read once for each.
#[derive(Debug, Default)]
pub struct AsciiHits {
    automaton: Option<AhoCorasick>,
    /// The bit of each automaton pattern.
    bits: Vec<u32>,
}

impl AsciiHits {
    /// The search of `lists` (at most 32), each a list of ASCII phrases.
    fn new(lists: &[Vec<String>]) -> Result<AsciiHits, String> {
        let mut phrases = Vec::new();
        let mut bits = Vec::new();
        for (k, list) in lists.iter().enumerate().take(32) {
            for p in list {
                phrases.push(p.as_str());
                bits.push(1u32 << k);
            }
        }
        if phrases.is_empty() {
            return Ok(AsciiHits::default());
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .map_err(|e| e.to_string())?;
        Ok(AsciiHits {
            automaton: Some(automaton),
            bits,
        })
    }

    /// The lists with a phrase in `text`, ignoring ASCII case (bit `k`: list `k`).
    ///
    /// ```
    /// use cleaner_engine::{phrases::{Matchers, MATCHER_FILES}, tables::Tables};
    /// let tables = Tables::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// let m = Matchers::load(&tables).unwrap();
    /// let legal = MATCHER_FILES.iter().position(|&f| f == "legal").unwrap();
    /// let cookie = MATCHER_FILES.len();
    /// let hits = m.ascii.hits("We use COOKIES. All rights reserved.");
    /// assert!(hits & (1 << legal) != 0 && hits & (1 << cookie) != 0);
    /// assert_eq!(m.ascii.hits("The cat sat on the mat."), 0);
    /// ```
    pub fn hits(&self, text: &str) -> u32 {
        let Some(ac) = &self.automaton else { return 0 };
        // Most lines hold no phrase: a search that stops at the first one (with the automaton's prefilter,
        // which an overlapping search does without) tells them, and only the others are read for all.
        if !ac.is_match(text) {
            return 0;
        }
        let mut hits = 0;
        for m in ac.find_overlapping_iter(text) {
            hits |= self.bits.get(m.pattern().as_usize()).copied().unwrap_or_default();
        }
        hits
    }
}

/// Which raw patterns of the phrase files may match a line (see [`Matchers::candidates`]): their ids
/// (positions in the files' patterns, in file order), ascending. Most lines have none, and a file then
/// asks no pattern, one test and not one per pattern.
pub type Candidates = Box<[u32]>;

/// Every matcher of [`MATCHER_FILES`], and one prefilter for all their raw patterns.
#[derive(Debug, Default)]
pub struct Matchers {
    by_name: Vec<(&'static str, LineMatcher, usize)>,
    /// Every file's `contains` phrases and the consent notice's words, for ASCII lines.
    pub ascii: AsciiHits,
    /// Every file's `exact` phrases, each with the files it is one of (bit `k`: file `k`): a line's key is
    /// looked up once for all of them.
    exact_files: HashMap<String, u32>,
    /// The same for the `prefix` phrases.
    prefix_files: HashMap<String, u32>,
    /// The first word of every `exact` and `prefix` phrase (see [`may_be_label`]).
    label_firsts: LabelFirsts,
    /// Each raw pattern of every file (in file order) made loose: assertions dropped and large bounded
    /// repeats unbounded, so it matches wherever the pattern does. One search of a line tells which
    /// patterns may match: most lines of a page then meet no pattern at all.
    prefilter: Option<Prefilter>,
}

/// The loose patterns as lazy DFAs asking which patterns match a line, the NFA simulation of them all where a
/// DFA gives up. A `regex::RegexSet` of the same patterns answers the same, but also builds a reverse
/// automaton that a set never uses: a third of compiling the phrase files.
///
/// A line longer than every phrase file's `max_words` that caps a file with raw patterns is asked only the
/// patterns of the uncapped files: it has a search of its own, of those patterns alone, and as these are
/// anchored at the start of the line (or its end), it reads a few bytes from there instead of the whole
/// line (story paragraphs, the longest lines, are most of a page's bytes).
struct Prefilter {
    /// Every pattern, searched through the whole line.
    all: Search,
    /// The longest line (in [`Shape::units`]) a capped file may match, and the search of a longer line.
    long: Option<(f64, Search)>,
    /// Every loose pattern, for the NFA simulation of them all: built on the first line where a DFA gives
    /// up (if any: none of the dev dumps has one), not at load.
    unbounded: Vec<Hir>,
    vm: OnceLock<Option<PikeVM>>,
    caches: PerThread<Caches>,
}

/// What one thread's search of the [`Prefilter`] writes to: a cache for each DFA, and the NFA's.
/// And the set the answer is gathered in (empty between two searches): made once, not for every line.
type Caches = (Vec<Option<hybrid::dfa::Cache>>, Option<pikevm::Cache>, PatternSet);

/// Some of the patterns as up to three DFAs, by where their matches lie: those anchored at the start of the
/// text (searched anchored there, their large bounded repeats kept: the search stops where no pattern can
/// go on), those anchored at its end (reversed, searched backwards from the end), the others (searched
/// through the text). Each DFA has every pattern, the others as `Hir::fail()`, so that the pattern ids are
/// those of the phrase files and the answers of its searches are one set.
#[derive(Clone)]
struct Search {
    starts: Option<hybrid::dfa::DFA>,
    ends: Option<hybrid::dfa::DFA>,
    rest: Option<hybrid::dfa::DFA>,
}

/// Where every match of a pattern lies, by which a [`Search`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    End,
    Anywhere,
}

/// A raw pattern and its loose form, large bounded repeats unbounded (for a search through the text).
struct Loose {
    source: String,
    unbounded: Hir,
}

impl Loose {
    fn anchor(&self) -> Anchor {
        let p = self.unbounded.properties();
        if p.look_set_prefix().contains(Look::Start) {
            Anchor::Start
        } else if p.look_set_suffix().contains(Look::End) {
            Anchor::End
        } else {
            Anchor::Anywhere
        }
    }

    /// The loose form with its large bounded repeats kept (translated when needed: few patterns are).
    fn bounded(&self) -> Hir {
        crate::pattern::loose_bounded_hir(&self.source).unwrap_or_else(|_| self.unbounded.clone())
    }
}

impl std::fmt::Debug for Prefilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefilter")
            .field("patterns", &self.unbounded.len())
            .finish()
    }
}

/// The NFA of `hirs` (forward, or reversed for a search from the end).
fn prefilter_nfa(hirs: &[Hir], reverse: bool) -> Option<thompson::NFA> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(256 << 20))
                .which_captures(thompson::WhichCaptures::None)
                .reverse(reverse),
        )
        .build_many_from_hir(hirs)
        .ok()
}

/// The lazy DFA of `nfa`, as `regex::RegexSet` configures its own.
fn prefilter_dfa(nfa: thompson::NFA) -> Option<hybrid::dfa::DFA> {
    hybrid::dfa::Builder::new()
        .configure(
            hybrid::dfa::Config::new()
                .match_kind(MatchKind::All)
                .cache_capacity(16 << 20)
                .minimum_cache_clear_count(Some(3))
                .minimum_bytes_per_state(Some(10)),
        )
        .build_from_nfa(nfa)
        .ok()
}

/// The DFA of `hirs` (patterns that never match as `Hir::fail()`), none when no pattern can match; None when
/// it is too large to build.
fn part_dfa(hirs: Vec<Hir>, reverse: bool) -> Option<Option<hybrid::dfa::DFA>> {
    if hirs.iter().all(|h| h.properties().minimum_len().is_none()) {
        return Some(None);
    }
    prefilter_dfa(prefilter_nfa(&hirs, reverse)?).map(Some)
}

/// `h` with the branches of each alternation grouped by their first part, the same language: the
/// alternation `(?i:photo|photos|foto|fotos)` is compiled as `(?i:photo(?:|s)|foto(?:|s))`, two branches
/// where the search meets the first byte, not four. A lazy DFA through the line holds the first state of
/// every branch of every pattern in each of its states (the search may start a match at any byte), and a
/// new state costs in proportion to the NFA states it holds: grouped, they are fewer. (The NFA compiler
/// makes such a trie itself of an alternation of literals only, and `(?i:...)` words are classes.) A DFA
/// answers which patterns match, not where, so the branches' order does not matter.
///
/// It is built at load, so it costs little there: a pattern with nothing to group is returned as it is,
/// and the parts of one that has are moved into the new tree, not copied (Unicode classes are large), each
/// walked once.
///
/// ```text
/// (?i:credit|credits|courtesy)  ->  (?i:c(?:redit(?:|s)|ourtesy))
/// ```
fn by_first_part(h: Hir) -> Hir {
    if !has_shared_first_part(&h) {
        return h;
    }
    match h.into_kind() {
        HirKind::Alternation(branches) => grouped(branches),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(by_first_part).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(by_first_part(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(by_first_part(*c.sub)),
            ..c
        }),
        leaf => hir_of(leaf),
    }
}

/// `hir` grouped as [`by_first_part`] groups it, or None when it has nothing to group (most patterns): the
/// copy is made only then.
pub(crate) fn grouped_by_first_part(hir: &Hir) -> Option<Hir> {
    has_shared_first_part(hir).then(|| by_first_part(hir.clone()))
}

/// The Hir of `kind`, its properties worked out again (what `Hir::into_kind` gave up).
fn hir_of(kind: HirKind) -> Hir {
    match kind {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Repetition(r) => Hir::repetition(r),
        HirKind::Capture(c) => Hir::capture(c),
        HirKind::Concat(parts) => Hir::concat(parts),
        HirKind::Alternation(branches) => Hir::alternation(branches),
    }
}

/// The first part of an alternation's branch: a concatenation's first, any other branch whole.
fn first_part(branch: &Hir) -> &Hir {
    match branch.kind() {
        HirKind::Concat(parts) => parts.first().unwrap_or(branch),
        _ => branch,
    }
}

/// Whether some alternation in `h` has two branches with the same first part, which [`by_first_part`]
/// groups: most patterns have none, and are left as they are.
fn has_shared_first_part(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Alternation(branches) => {
            branches
                .iter()
                .enumerate()
                .any(|(i, b)| branches[..i].iter().any(|a| first_part(a) == first_part(b)))
                || branches.iter().any(has_shared_first_part)
        }
        HirKind::Concat(parts) => parts.iter().any(has_shared_first_part),
        HirKind::Repetition(r) => has_shared_first_part(&r.sub),
        HirKind::Capture(c) => has_shared_first_part(&c.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// The alternation of `branches`, those with the same first part as one branch of that part followed by
/// the alternation of their rests, grouped in turn. A branch alone in its group is kept whole (its own
/// alternations grouped); the others are taken apart once, into [`by_parts`].
fn grouped(branches: Vec<Hir>) -> Hir {
    let shared: Vec<bool> = (0..branches.len())
        .map(|i| {
            let first = first_part(&branches[i]);
            branches
                .iter()
                .enumerate()
                .any(|(j, b)| j != i && first_part(b) == first)
        })
        .collect();
    let mut out = Vec::with_capacity(branches.len());
    let mut split = Vec::with_capacity(branches.len());
    for (branch, shared) in branches.into_iter().zip(shared) {
        if !shared {
            out.push(by_first_part(branch));
            continue;
        }
        let mut parts = match branch.into_kind() {
            HirKind::Concat(parts) => parts,
            kind => vec![hir_of(kind)],
        };
        parts.reverse();
        split.push(parts);
    }
    if !split.is_empty() {
        out.push(by_parts(split));
    }
    Hir::alternation(out)
}

/// The alternation of `branches`, each given as its parts, last first: the branches with the same first
/// part as that part followed by the alternation of their rests, grouped in turn (a trie of the parts).
/// Each part is moved, not copied, and each node of the trie built once.
fn by_parts(branches: Vec<Vec<Hir>>) -> Hir {
    // The group of each branch: the index of the first branch with its first part (none for an empty one).
    let group: Vec<usize> = (0..branches.len())
        .map(|i| {
            let first = branches[i].last();
            branches[..i].iter().position(|b| b.last() == first).unwrap_or(i)
        })
        .collect();
    let mut members: Vec<Vec<Vec<Hir>>> = branches.iter().map(|_| Vec::new()).collect();
    for (branch, g) in branches.into_iter().zip(group) {
        members[g].push(branch);
    }
    let mut out = Vec::with_capacity(members.len());
    for mut m in members {
        if m.len() == 1 {
            let parts = m.pop().unwrap_or_default();
            out.push(Hir::concat(parts.into_iter().rev().map(by_first_part).collect()));
            continue;
        }
        // The first part of each (the same), taken off: one kept, the others dropped.
        let mut first = None;
        for b in &mut m {
            let f = b.pop();
            first = first.or(f);
        }
        match first {
            Some(first) => out.push(Hir::concat(vec![by_first_part(first), by_parts(m)])),
            // Branches with no part left are all the empty pattern: one of them is enough.
            None if !m.is_empty() => out.push(Hir::empty()),
            None => {}
        }
    }
    Hir::alternation(out)
}

/// Whether the class `c` takes a letter of prose (`a`).
fn takes_letter(c: &Class) -> bool {
    match c {
        Class::Unicode(u) => u.ranges().iter().any(|r| r.start() <= 'a' && 'a' <= r.end()),
        Class::Bytes(b) => b.ranges().iter().any(|r| r.start() <= b'a' && b'a' <= r.end()),
    }
}

/// Whether `h` holds a loop without bound over a class that takes a letter (`.*`, `[^|]+`).
fn has_prose_loop(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Repetition(r) => {
            (r.max.is_none() && matches!(r.sub.kind(), HirKind::Class(c) if takes_letter(c))) || has_prose_loop(&r.sub)
        }
        HirKind::Capture(c) => has_prose_loop(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(has_prose_loop),
        _ => false,
    }
}

/// For a pattern anchored at the start of the line whose first part can read on through prose (a class
/// with letters, a loop of one, an optional part), with a loop without bound among them: what follows that
/// first part, which a search through the line finds wherever the pattern matches. None for any other.
///
/// ```text
/// ^.*\d+ of \d+$  ->  \d+ of \d+$        ^[^|]+\|\s*by\b  ->  \|\s*by
/// ^by\s+\p{Lu}.*$  ->  None (searched from the start: it dies at the first byte of most lines)
/// ```
fn after_prose_loop(h: &Hir) -> Option<Hir> {
    let HirKind::Concat(parts) = h.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let (rest, looped) = prose_head(rest);
    let tail = Hir::concat(rest.to_vec());
    (looped && tail.properties().minimum_len().is_some_and(|n| n > 0)).then_some(tail)
}

/// Whether `part` can read prose: a class with letters, a loop of one, or a part that may match nothing.
fn reads_prose(part: &Hir) -> bool {
    match part.kind() {
        HirKind::Class(c) => takes_letter(c),
        HirKind::Repetition(r) if matches!(r.sub.kind(), HirKind::Class(c) if takes_letter(c)) => true,
        _ => part.properties().minimum_len() == Some(0),
    }
}

/// `parts` after their first parts that read prose, and whether a loop without bound was among them.
fn prose_head(parts: &[Hir]) -> (&[Hir], bool) {
    let mut rest = parts;
    let mut looped = false;
    while let Some((part, tail)) = rest.split_first() {
        if !reads_prose(part) {
            break;
        }
        looped |= has_prose_loop(part);
        rest = tail;
    }
    (rest, looped)
}

/// A pattern searched through the line without the first parts that read prose (`\p{Ll}Foto:` as `Foto:`):
/// it matches wherever they did, and it is not started again at every letter. None when there are none.
fn after_prose(h: &Hir) -> Option<Hir> {
    let HirKind::Concat(parts) = h.kind() else {
        return None;
    };
    let (rest, _) = prose_head(parts);
    let tail = Hir::concat(rest.to_vec());
    (rest.len() < parts.len() && tail.properties().minimum_len().is_some_and(|n| n > 0)).then_some(tail)
}

/// A pattern searched through the line up to its first loop without bound over a class with letters (and
/// the parts before it that read prose): it matches wherever the pattern does, and stops being followed
/// there instead of going on through the rest of the line, in the states of every other pattern. None when
/// it has no such loop.
///
/// ```text
/// photo\s*:\s*[^.:]{1,60}$  ->  photo\s*:        (?:get|join)\s+our\s+.{0,40}newsletter$  ->  (?:get|join)\s+our\s+
/// ```
fn before_prose_loop(h: &Hir) -> Option<Hir> {
    let HirKind::Concat(parts) = h.kind() else {
        return None;
    };
    let is_loop = |p: &Hir| matches!(p.kind(), HirKind::Repetition(r) if r.max.is_none() && matches!(r.sub.kind(), HirKind::Class(c) if takes_letter(c)));
    let mut head = parts.get(..parts.iter().position(is_loop)?)?;
    while let Some((last, before)) = head.split_last() {
        if !reads_prose(last) {
            break;
        }
        head = before;
    }
    let head = Hir::concat(head.to_vec());
    head.properties().minimum_len().is_some_and(|n| n > 0).then_some(head)
}

impl Search {
    /// The search of the patterns `asked` of `loose` (the others never match), by where their matches lie.
    /// None when an automaton is too large to build.
    fn new(loose: &[Loose], asked: &[bool]) -> Option<Search> {
        let anchor = Loose::anchor;
        let part = |kind: Anchor| -> Option<Option<hybrid::dfa::DFA>> {
            let hirs: Vec<Hir> = loose
                .iter()
                .zip(asked)
                .map(|(l, &a)| match (a && anchor(l) == kind, kind) {
                    (false, _) => Hir::fail(),
                    (true, Anchor::Start) => l.bounded(),
                    // Bounded repeats make a DFA through the text, or backwards, far larger.
                    (true, _) => l.unbounded.clone(),
                })
                .collect();
            part_dfa(hirs, kind == Anchor::End)
        };
        Some(Search {
            starts: part(Anchor::Start)?,
            ends: part(Anchor::End)?,
            rest: part(Anchor::Anywhere)?,
        })
    }

    /// The search of every pattern of `loose` through a line of any length: those anchored at its start
    /// searched from there, unless they can read on through any prose (a first loop of a class with letters,
    /// as `^.{0,40}\bX` or `^[^|]{1,40}\|`): these are searched through the line by what follows the loop,
    /// with the others (those anchored at the end among them, searched forwards), each without its first
    /// parts that read prose and cut at its first loop over prose. A pattern searched through the line meets
    /// every byte in the states of all the others, and its DFA's states are their combinations: one that
    /// dies a few bytes into most lines builds few of them; the DFA through the text holds the patterns
    /// that must look everywhere, and each only as far as it must (a superset of lines, which the patterns
    /// themselves then tell apart).
    ///
    /// With it, for each pattern, whether it is searched as its loose form itself (not a looser part of it).
    fn through(loose: &[Loose]) -> Option<(Search, Vec<bool>)> {
        let mut starts = Vec::with_capacity(loose.len());
        let mut rest = Vec::with_capacity(loose.len());
        let mut whole = Vec::with_capacity(loose.len());
        for l in loose {
            let from_start = l.anchor() == Anchor::Start;
            match from_start.then(|| after_prose_loop(&l.unbounded)) {
                Some(None) => {
                    starts.push(l.unbounded.clone());
                    rest.push(Hir::fail());
                    whole.push(true);
                }
                Some(Some(tail)) => {
                    starts.push(Hir::fail());
                    rest.push(before_prose_loop(&tail).unwrap_or(tail));
                    whole.push(false);
                }
                None => {
                    starts.push(Hir::fail());
                    let h = after_prose(&l.unbounded).unwrap_or_else(|| l.unbounded.clone());
                    let h = before_prose_loop(&h).unwrap_or(h);
                    whole.push(h == l.unbounded);
                    rest.push(h);
                }
            }
        }
        // Grouped here, not in the long lines' search (`Search::new`): that one is asked of few lines, and
        // its grouping cost 0.8 M instructions at load for no fewer in a cold pass over the dev dumps.
        let by_part = |hirs: Vec<Hir>| -> Vec<Hir> { hirs.into_iter().map(by_first_part).collect() };
        let search = Search {
            starts: part_dfa(by_part(starts), false)?,
            ends: None,
            rest: part_dfa(by_part(rest), false)?,
        };
        Some((search, whole))
    }

    fn dfas(&self) -> [&Option<hybrid::dfa::DFA>; 3] {
        [&self.starts, &self.ends, &self.rest]
    }

    /// Add the patterns that match `text` to `set`; `caches` are this search's three.
    fn run(
        &self,
        text: &str,
        caches: &mut [Option<hybrid::dfa::Cache>],
        set: &mut PatternSet,
    ) -> Result<(), regex_automata::MatchError> {
        let anchored = Input::new(text).anchored(Anchored::Yes);
        let [starts, ends, rest] = caches else {
            return Err(regex_automata::MatchError::gave_up(0));
        };
        if let (Some(dfa), Some(cache)) = (&self.starts, starts.as_mut()) {
            // As through the text below: most lines meet no pattern at their start.
            if dfa.try_search_fwd(cache, &anchored.clone().earliest(true))?.is_some() {
                dfa.try_which_overlapping_matches(cache, &anchored, set)?;
            }
        }
        if let (Some(dfa), Some(cache)) = (&self.ends, ends.as_mut()) {
            let mut state = hybrid::dfa::OverlappingState::start();
            loop {
                dfa.try_search_overlapping_rev(cache, &anchored, &mut state)?;
                match state.get_match() {
                    Some(m) => {
                        let _ = set.try_insert(m.pattern());
                    }
                    None => break,
                }
            }
        }
        if let (Some(dfa), Some(cache)) = (&self.rest, rest.as_mut()) {
            // Most lines meet no pattern: one search that stops at the first match tells them (the DFA's
            // search loop with no overlapping matches to track reads a byte in about half the instructions),
            // and only a line where some pattern matches is read again for all of them.
            let input = Input::new(text).earliest(true);
            if dfa.try_search_fwd(cache, &input)?.is_some() {
                dfa.try_which_overlapping_matches(cache, &Input::new(text), set)?;
            }
        }
        Ok(())
    }
}

impl Prefilter {
    /// The automata of the loose patterns `loose`, pattern `k` capped at `cap[k]` words (the `max_words` of
    /// its file), or None when they are too large to build.
    ///
    /// With it, for each pattern, whether a line it is a candidate for is one its loose pattern matches: a
    /// pattern that [`Search::through`] searches as its loose form itself (a long line's search has each
    /// pattern as its loose form, its bounded repeats kept or not, so matching no more lines than it).
    fn new(loose: &[Loose], cap: &[f64]) -> Option<(Prefilter, Vec<bool>)> {
        let (all, whole) = Search::through(loose)?;
        // Most files cap the lines they match; a few (the uncapped ones) ask every line.
        let longest = cap
            .iter()
            .copied()
            .filter(|&c| c < UNCAPPED)
            .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.max(c))));
        let long = match longest {
            Some(longest) if cap.iter().any(|&c| c > longest) => {
                let asked: Vec<bool> = cap.iter().map(|&c| c > longest).collect();
                Some((longest, Search::new(loose, &asked)?))
            }
            _ => None,
        };
        let searches: Vec<Search> = std::iter::once(all.clone())
            .chain(long.as_ref().map(|(_, s)| s.clone()))
            .collect();
        let patterns = loose.len();
        let caches = PerThread::new(Box::new(move || {
            let dfas = searches
                .iter()
                .flat_map(|s| s.dfas())
                .map(|d| d.as_ref().map(hybrid::dfa::DFA::create_cache))
                .collect();
            (dfas, None, PatternSet::new(patterns))
        }));
        let prefilter = Prefilter {
            all,
            long,
            unbounded: loose.iter().map(|l| l.unbounded.clone()).collect(),
            vm: OnceLock::new(),
            caches,
        };
        Some((prefilter, whole))
    }

    /// Add the loose patterns that match `text` to `set` by the NFA simulation of them all (`cache` its
    /// cache, made on first need); false when that NFA is too large to build.
    fn by_nfa(&self, text: &str, cache: &mut Option<pikevm::Cache>, set: &mut PatternSet) -> bool {
        let vm = self.vm.get_or_init(|| {
            PikeVM::builder()
                .configure(PikeVM::config().match_kind(MatchKind::All))
                .build_from_nfa(prefilter_nfa(&self.unbounded, false)?)
                .ok()
        });
        let Some(vm) = vm else { return false };
        let cache = cache.get_or_insert_with(|| vm.create_cache());
        vm.which_overlapping_matches(cache, &Input::new(text), set);
        true
    }

    /// The patterns that may match the line of shape `s`: a superset of those that do, among those asked of
    /// a line of its length (None where no automaton could tell).
    fn matches(&self, s: &Shape) -> Option<Candidates> {
        self.caches.with(|(dfa_caches, vm_cache, set)| {
            let searched = match &self.long {
                Some((longest, long)) if s.units > *longest => {
                    long.run(&s.text, dfa_caches.get_mut(3..).unwrap_or_default(), set)
                }
                _ => self.all.run(&s.text, dfa_caches.get_mut(..3).unwrap_or_default(), set),
            };
            if searched.is_err() {
                set.clear();
                if !self.by_nfa(&s.text, vm_cache, set) {
                    // No candidates, rather than all: a candidate is one whose loose pattern matches.
                    return None;
                }
            }
            if set.is_empty() {
                return Some(Box::default());
            }
            let found = set.iter().filter_map(|id| u32::try_from(id.as_usize()).ok()).collect();
            set.clear();
            Some(found)
        })
    }
}

/// A `max_words` above every line's length (the default: the file matches lines of any length).
const UNCAPPED: f64 = 1e9;

impl Matchers {
    /// Compile every file of [`MATCHER_FILES`] (kept in that order).
    pub fn load(tables: &Tables) -> Result<Matchers, LoadError> {
        let mut by_name = Vec::new();
        let mut loose = Vec::new();
        let mut cap = Vec::new();
        for name in MATCHER_FILES {
            let m = LineMatcher::load(tables, name)?;
            let at = loose.len();
            for source in tables.phrases(name, "regex")? {
                // A pattern with no loose form (a back reference) is always asked.
                loose.push(Loose {
                    unbounded: crate::pattern::loose_hir(&source).unwrap_or_else(|_| Hir::empty()),
                    source,
                });
                cap.push(m.max_words);
            }
            by_name.push((name, m, at));
        }
        // Without the prefilter (a set too large to compile) every pattern is asked: slower, the same answers.
        let mut lists: Vec<Vec<String>> = Vec::new();
        for name in MATCHER_FILES {
            let contains = tables.phrases(name, "contains")?;
            lists.push(contains.iter().map(|p| re_folded(p)).filter(|p| p.is_ascii()).collect());
        }
        for key in CONSENT_LISTS {
            lists.push(crate::lines::ascii_folded(tables, "consent", key)?);
        }
        let mut exact_files: HashMap<String, u32> = HashMap::default();
        let mut prefix_files: HashMap<String, u32> = HashMap::default();
        for (k, (_, m, _)) in by_name.iter().enumerate().take(32) {
            for p in &m.exact {
                *exact_files.entry(p.clone()).or_default() |= 1 << k;
            }
            for p in &m.prefix {
                *prefix_files.entry(p.clone()).or_default() |= 1 << k;
            }
        }
        let label_firsts = LabelFirsts::new(exact_files.keys().chain(prefix_files.keys()).map(String::as_str));
        let (prefilter, whole) = Prefilter::new(&loose, &cap).unzip();
        if let Some(whole) = whole {
            for (_, m, at) in &mut by_name {
                m.past_loose = whole
                    .get(*at..*at + m.patterns.len())
                    .map(<[bool]>::to_vec)
                    .unwrap_or_default();
            }
        }
        Ok(Matchers {
            by_name,
            exact_files,
            prefix_files,
            label_firsts,
            ascii: AsciiHits::new(&lists).map_err(|e| tables.error("consent", format!("word lists: {e}")))?,
            prefilter,
        })
    }

    /// The raw patterns that may match the line whose shape is `s` (None without a prefilter, or where its
    /// automata could not tell: then all of them are asked).
    pub fn candidates(&self, s: &Shape) -> Option<Candidates> {
        self.prefilter.as_ref().and_then(|p| p.matches(s))
    }

    /// Whether the line of shape `s` and keys `keys` matches phrase file `name`; `may()` gives the
    /// prefilter's answer (see [`Matchers::candidates`]), asked only when a raw pattern is.
    pub fn matches<'m>(
        &self,
        name: &str,
        s: &Shape,
        keys: &LineKeys,
        may: &dyn Fn() -> Option<&'m Candidates>,
    ) -> bool {
        match MATCHER_FILES.iter().position(|&n| n == name) {
            Some(file) => self.matches_file(file, s, keys, may),
            None => panic!("no phrase matcher named {name}"),
        }
    }

    /// [`Matchers::matches`] for the phrase file at position `file` of [`MATCHER_FILES`] (the caller has
    /// looked the name up once).
    pub fn matches_file<'m>(
        &self,
        file: usize,
        s: &Shape,
        keys: &LineKeys,
        may: &dyn Fn() -> Option<&'m Candidates>,
    ) -> bool {
        match self.by_name.get(file) {
            Some((_, m, at)) => {
                let at = u32::try_from(*at).unwrap_or(u32::MAX);
                let end = at.saturating_add(u32::try_from(m.patterns.len()).unwrap_or(u32::MAX));
                // This file's candidates: a stretch of the ascending ids.
                let may = || {
                    let ids = may()?;
                    let from = ids.partition_point(|&id| id < at);
                    let to = ids.partition_point(|&id| id < end);
                    Some((ids.get(from..to).unwrap_or_default(), at))
                };
                let bit = 1u32.checked_shl(u32::try_from(file).unwrap_or(u32::MAX)).unwrap_or(0);
                let label = || {
                    if bit == 0 {
                        return None;
                    }
                    let firsts = &self.label_firsts;
                    let exact = !m.exact.is_empty() && keys.exact_files(s, &self.exact_files, firsts) & bit != 0;
                    Some(exact || (!m.prefix.is_empty() && keys.prefix_files(s, &self.prefix_files, firsts) & bit != 0))
                };
                m.matches_with(s, keys, &may, &label, &|| {
                    keys.ascii_hits(s, &self.ascii).map(|h| h & bit != 0)
                })
            }
            None => panic!("no phrase matcher at {file}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_split_follows_the_pattern() {
        assert_eq!(prefix_key("Read also | Markets slide"), Some("read also".into()));
        assert_eq!(prefix_key("Watch: x"), Some("watch".into()));
        assert_eq!(prefix_key("Watch :: "), Some("watch".into()));
        assert_eq!(prefix_key("Watch : "), None);
        assert_eq!(prefix_key("Watch - x"), Some("watch".into()));
        assert_eq!(prefix_key("Watch-x"), None);
        assert_eq!(prefix_key("Watch --"), Some("watch".into()));
        assert_eq!(prefix_key(":x"), None);
        assert_eq!(prefix_key("a\n: x"), Some("a".into()));
        assert_eq!(prefix_key("ab\ncd: x"), None);
        assert_eq!(prefix_key(&format!("{}: x", "a".repeat(61))), None);
        assert_eq!(prefix_key(&format!("{}: x", "a".repeat(60))), Some("a".repeat(60)));
        // Outside ASCII: the characters read end with the run of spaces and marks after the 61st.
        let e60 = "é".repeat(60);
        assert_eq!(prefix_key(&format!("{e60}: x")), Some(e60.clone()));
        assert_eq!(prefix_key(&format!("{e60} \u{a0} —— — ")), Some(e60.clone()));
        assert_eq!(prefix_key(&format!("{e60}    —  y")), Some(e60.clone()));
        assert_eq!(prefix_key(&format!("{e60}    -")), None);
        assert_eq!(prefix_key(&format!("{e60}é: x")), None);
        assert_eq!(prefix_key(&format!("Überblick — {e60}: x")), Some("überblick".into()));
        assert_eq!(prefix_key(&format!("{e60}{e60} — x")), None);
    }

    #[test]
    fn other_ascii_spaces_are_python_spaces() {
        for b in 0..128u8 {
            let other = b != b' ' && pystr::is_space(char::from(b));
            assert_eq!(pystr::other_ascii_space(b) == 1, other, "{b}");
        }
        assert_eq!(key("  Read \t MORE\x1c "), "read more");
        assert_eq!(key("Read more"), "read more");
    }

    #[test]
    fn the_head_search_skips_only_what_cannot_split() {
        // The reference: the lazy head search over every character of the text.
        fn reference(text: &str) -> Option<&str> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let p = head_chars(chars.len(), |k| chars.get(k).map(|&(_, c)| c))?;
            text.get(..chars.get(p).map_or(text.len(), |&(b, _)| b))
        }
        let alphabet = [
            'a', 'b', ' ', ' ', '-', ':', '|', '>', '\t', '\n', 'é', '—', '»', '\u{a0}',
        ];
        let mut next = crate::testkit::draws(7);
        for _ in 0..20_000 {
            let len = next(90);
            // Mostly letters, so that marks fall on both sides of the head's reach.
            let text: String = (0..len)
                .map(|_| {
                    if next(4) == 0 {
                        alphabet[next(alphabet.len())]
                    } else {
                        'a'
                    }
                })
                .collect();
            assert_eq!(prefix_head_of(&text), reference(&text), "{text:?}");
        }
    }

    fn matcher(name: &str) -> LineMatcher {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        LineMatcher::load(&Tables::load(std::path::Path::new(dir)).unwrap(), name).unwrap()
    }

    #[test]
    fn python_doctests() {
        let m = matcher("cross-links");
        assert!(m.matches(&shape("Read also | Markets slide")));
        assert!(!m.matches(&shape("Read also the report, which runs to forty pages.")));
        assert!(m.matches(&shape("Read more »")));
        let captions = matcher("captions");
        let got: Vec<bool> = ["Photo: AFP", "A quiet day. (Photo: AFP)", "A quiet day."]
            .iter()
            .map(|l| captions.matches(&shape(l)))
            .collect();
        assert_eq!(got, [true, true, false]);
        assert!(matcher("legal").matches(&shape("All rights reserved.")));
        let prompts = matcher("prompts");
        let got: Vec<bool> = ["SIGN UP for our newsletter", "ſign up for our newsletter", "Signed"]
            .iter()
            .map(|t| prompts.contains(t))
            .collect();
        assert_eq!(got, [true, true, false]);
    }

    #[test]
    fn contains_ignores_case_as_re_does() {
        let legal = matcher("legal");
        assert!(legal.contains("ВСЕ ПРАВА ЗАЩИЩЕНЫ"));
        assert!(legal.contains("TOUS DROITS RÉSERVÉS"));
        assert!(legal.contains("ALL RİGHTS RESERVED"));
        assert!(legal.contains("all rıghts reserved"));
        assert!(!legal.contains("All rights reserve"));
    }

    #[test]
    fn alternations_grouped_by_their_first_part_match_the_same_lines_with_fewer_states() {
        let patterns = [
            r"(?i:\b(?:photo|photos|foto|fotos|bild|image|imagen|crédit|credit|credits|courtesy)\s*:)",
            r"^(?:Next article|Next post|Previous article|Nächster Artikel)$",
            r"(?i:a(?:b|c)|a|ab|)x",
            r"(?:ab)+c|ac|a[bc]d",
            r"(?:a|a|ab|ab|)x|(?:|)y|(?:b|b)*z",
            r"(?i:^(?:more|other|latest)\b.{0,8}\b(?:stories|story|news)$)",
            r"\p{Lu}[\p{L}.’]*(?:\s+(?:and|und|y)\s+\p{Lu}[\p{L}]*){0,2}$",
        ];
        let texts = [
            "",
            "x",
            "ax",
            "abx",
            "acx",
            "AX",
            "abc",
            "ac",
            "acd",
            "abd",
            "ababc",
            "y",
            "bbz",
            "z",
            "Photo: AFP",
            "Fotos : dpa",
            "CRÉDIT: x",
            "credits:",
            "image:",
            "imagery:",
            "Next article",
            "Next post",
            "Next",
            "Nächster Artikel",
            "More stories",
            "other news",
            "latest: story",
            "Latest in news",
            "more than ten stories",
            "Jane Doe",
            "Jane und Émile",
            "by Jane and mary",
            "JANE y Ørsted",
        ];
        for p in patterns {
            let hir = regex_syntax::parse(p).unwrap();
            let grouped = by_first_part(hir.clone());
            let built = |h: &Hir| regex_automata::meta::Regex::builder().build_from_hir(h).unwrap();
            let (plain, by_part) = (built(&hir), built(&grouped));
            for t in texts {
                assert_eq!(plain.is_match(t), by_part.is_match(t), "{p} on {t:?}");
            }
            let states = |h: &Hir| prefilter_nfa(std::slice::from_ref(h), false).unwrap().states().len();
            assert!(states(&grouped) <= states(&hir), "{p}: {grouped:?}");
        }
        let credits = regex_syntax::parse("(?i:credit|credits|courtesy)").unwrap();
        let states = |h: &Hir| prefilter_nfa(std::slice::from_ref(h), false).unwrap().states().len();
        assert!(states(&by_first_part(credits.clone())) < states(&credits));
    }

    #[test]
    fn the_prefilter_keeps_every_pattern_that_matches_a_line_of_its_length() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let tables = Tables::load(std::path::Path::new(dir)).unwrap();
        let all = Matchers::load(&tables).unwrap();
        assert!(all.prefilter.as_ref().is_some_and(|p| p.long.is_some()));
        let story = "The council met on Tuesday and agreed that the road would stay closed for the summer, \
                     while the works on the bridge go on and the buses take the long way round the town centre";
        // Anchored at the start, but searched through the line by what follows their first loop.
        let from_start = [
            "Showing 1-10 of 250 results",
            "Markets | By Jane Doe",
            "Like this? Sign up for our daily newsletter",
            "Next story →",
            "Discussion (12 comments)",
        ];
        let mut lines = vec![
            "Photo: AFP".to_string(),
            "5 Comments".to_string(),
            "More From The Times".to_string(),
            "A quiet day in the park. (Photo: Agence France-Presse)".to_string(),
            format!("2 comments on {story}"),
            format!("More from {story}"),
            format!("{story}. (Photo: Agence France-Presse)"),
            format!("{story} {story}. Read more"),
            format!("Related stories {story}"),
            format!("{story} © Reuters"),
            story.to_string(),
        ];
        lines.extend(from_start.map(String::from));
        let mut unmet = Vec::new();
        for line in &lines {
            let s = shape(line);
            let set = all.candidates(&s).unwrap();
            // The NFA a DFA falls back on answers for the loose patterns themselves: within the DFAs' answer.
            let mut by_nfa = PatternSet::new(set_len(&all));
            assert!(all.prefilter.as_ref().unwrap().by_nfa(&s.text, &mut None, &mut by_nfa));
            for id in by_nfa.iter() {
                let id = u32::try_from(id.as_usize()).unwrap();
                assert!(
                    s.units > 80.0 || set.binary_search(&id).is_ok(),
                    "pattern {id} on {line:?}"
                );
            }
            let mut met = false;
            for (name, m, at) in &all.by_name {
                if s.units > m.max_words {
                    continue;
                }
                for (k, p) in m.patterns.iter().enumerate() {
                    if p.search(&s.text) {
                        met = true;
                        let id = u32::try_from(at + k).unwrap();
                        assert!(set.binary_search(&id).is_ok(), "{name} pattern {k} on {line:?}");
                    }
                }
            }
            if !met {
                unmet.push(line.as_str());
            }
        }
        for line in from_start {
            assert!(!unmet.contains(&line), "no pattern matches {line:?}");
        }
        // A long line is read from its ends only, and meets no pattern there.
        let long = shape(&format!("{story} {story} {story}"));
        let found = all.candidates(&long).unwrap();
        assert!(long.units > 80.0 && found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_candidate_let_past_its_loose_test_matches_its_loose_pattern_and_answers_as_searched() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let tables = Tables::load(std::path::Path::new(dir)).unwrap();
        let all = Matchers::load(&tables).unwrap();
        let flags: Vec<bool> = all
            .by_name
            .iter()
            .flat_map(|(_, m, _)| m.past_loose.iter().copied())
            .collect();
        let (known, total) = (flags.iter().filter(|&&f| f).count(), flags.len());
        assert!(known > 0 && known < total, "{known} of {total}");
        // Each pattern's loose form, compiled apart from the prefilter, on first need.
        let mut loose: Vec<Option<regex_automata::meta::Regex>> = (0..total).map(|_| None).collect();
        let story = "The council met on Tuesday and agreed that the road would stay closed for the summer";
        let mut lines: Vec<String> = crate::testkit::golden_texts(true)
            .iter()
            .flat_map(|(_, text)| text.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        // The heads of bylines, datelines, follow prompts, comment counts and captions, with names, prose,
        // words outside ASCII and nothing after them.
        let heads = [
            "By",
            "BY",
            "von",
            "Published",
            "Updated:",
            "Posted by",
            "3 hours ago",
            "vor 2 Stunden",
            "Follow us on",
            "More stories",
            "Latest from",
            "12 comments",
            "(5 Kommentare)",
            "←",
            "Photo:",
            "©",
            "Mehr aus",
            "Más de",
            "One thought on",
            "Written by",
        ];
        let tails = [
            "Jane Doe",
            "JANE DOE",
            "Żaneta Kowalska",
            "the council met.",
            "Twitter",
            "東京",
            "Reuters/AP",
            "",
        ];
        for head in heads {
            lines.extend(tails.iter().map(|tail| format!("{head} {tail}")));
            lines.push(format!("{head} {story} {story} {story}"));
        }
        let (mut asked, mut own) = (0, 0);
        for line in &lines {
            let s = shape(line);
            let Some(set) = all.candidates(&s) else { continue };
            for (name, m, at) in &all.by_name {
                for (k, p) in m.patterns.iter().enumerate() {
                    let id = u32::try_from(at + k).unwrap();
                    if !m.past_loose[k] || set.binary_search(&id).is_err() {
                        continue;
                    }
                    asked += 1;
                    own += usize::from(p.is_own_loose());
                    let re = loose[at + k].get_or_insert_with(|| {
                        let source = &tables.phrases(name, "regex").unwrap()[k];
                        let hir = crate::pattern::loose_hir(source).unwrap();
                        regex_automata::meta::Regex::builder().build_from_hir(&hir).unwrap()
                    });
                    assert!(re.is_match(&*s.text), "{name} pattern {k}'s loose form on {line:?}");
                    assert_eq!(
                        p.search_past_loose(&s.text),
                        p.search(&s.text),
                        "{name} pattern {k} on {line:?}"
                    );
                }
            }
        }
        assert!(
            asked > 100 && own > 20,
            "{asked} candidates let past their loose test, {own} answered by it"
        );
    }

    fn set_len(m: &Matchers) -> usize {
        m.prefilter.as_ref().map_or(0, |p| p.unbounded.len())
    }

    #[test]
    fn a_pattern_that_reads_on_through_prose_from_the_start_is_searched_by_what_follows() {
        let tail = |p: &str| after_prose_loop(&crate::pattern::loose_hir(p).unwrap());
        let searched = |p: &str, text: &str| {
            let hir = tail(p).unwrap();
            let set = regex_automata::meta::Regex::builder()
                .build_many_from_hir(&[hir])
                .unwrap();
            set.is_match(text)
        };
        // The first loop, and what may be left out before the rest, dropped.
        assert!(searched(r"^.{0,40}\b\d+ of \d+$", "1 of 3"));
        assert!(searched(r"(?i:^[^|]{1,40}\|\s*by\s+\S.*$)", "| By Jane"));
        assert!(searched(r"^(?:[^.?!]{1,40}[?!]\s+)?(?:join|get)\s+our\b", "join our"));
        assert!(searched(r"^\S.{0,150}\s*[→⟶]$", "→"));
        assert!(!searched(r"^\S.{0,150}\s*[→⟶]$", "→ Next"));
        // Those that die in a few bytes of most lines stay searched from the start: a literal or a class
        // without letters first, or no loop without bound in their first part.
        for p in [
            r"^by\s+\p{Lu}.*$",
            r"^[←⟵]\s*\S.*$",
            r"^\[?\s*\d+\s+comments$",
            r"^(?:\p{Lu}\w*\s+){2,3}is\b",
            r"\bvia\s+.*$",
        ] {
            assert!(tail(p).is_none(), "{p}");
        }
    }

    #[test]
    fn a_pattern_searched_through_the_line_drops_what_reads_prose_at_its_ends() {
        let searched = |cut: fn(&Hir) -> Option<Hir>, p: &str, text: &str| {
            let hir = cut(&crate::pattern::loose_hir(p).unwrap()).unwrap();
            let set = regex_automata::meta::Regex::builder()
                .build_many_from_hir(&[hir])
                .unwrap();
            set.is_match(text)
        };
        // The pattern up to its first loop over prose: what follows it no longer asked.
        assert!(searched(
            before_prose_loop,
            r"(?i:\bphoto\s*:\s*[^.:]{1,60}$)",
            "Photo: AFP. Reuters."
        ));
        assert!(searched(
            before_prose_loop,
            r"(?i:join\s+our\s+.{0,40}newsletter$)",
            "join our club"
        ));
        assert!(!searched(
            before_prose_loop,
            r"(?i:join\s+our\s+.{0,40}newsletter$)",
            "join their club"
        ));
        // Its first parts that read prose dropped.
        assert!(searched(after_prose, r"\p{Ll}(?:Foto|Bild)\s*:", "Foto: dpa"));
        assert!(!searched(after_prose, r"\p{Ll}(?:Foto|Bild)\s*:", "Fotograf dpa"));
        // Nothing to cut: a literal at the ends, or a loop over no letter.
        assert!(before_prose_loop(&crate::pattern::loose_hir(r"\.\s+(?:AFP|AP)$").unwrap()).is_none());
        assert!(after_prose(&crate::pattern::loose_hir(r"©\s*\p{L}.*$").unwrap()).is_none());
    }

    #[test]
    fn keys_looked_up_in_a_buffer_answer_as_kept_keys() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let tables = Tables::load(std::path::Path::new(dir)).unwrap();
        let all = Matchers::load(&tables).unwrap();
        let lines = [
            "Read more »",
            "READ  MORE",
            "Read also | Markets slide",
            "Lesen Sie auch: Die Märkte fallen",
            "Weiterlesen …",
            "Share",
            "Straße: 12",
            "All rights reserved.",
            "The cat sat on the mat.",
        ];
        for line in lines {
            let s = shape(line);
            for (k, (name, m, _)) in all.by_name.iter().enumerate() {
                // Fresh keys each time: the buffer's lookup, then the kept keys of the file's own matcher.
                let by_buffer = all.matches_file(k, &s, &LineKeys::default(), &|| None);
                assert_eq!(by_buffer, m.matches(&s), "{name}: {line:?}");
            }
        }
    }

    #[test]
    fn the_first_word_gate_lets_every_label_through() {
        // Each phrase as a line in the shapes a label comes in: the gated look-ups of all files must find
        // what each file's own keys find, and the gate must shut on lines that start no phrase.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let tables = Tables::load(std::path::Path::new(dir)).unwrap();
        let all = Matchers::load(&tables).unwrap();
        let mut phrases: Vec<String> = Vec::new();
        for name in MATCHER_FILES {
            phrases.extend(tables.phrases(name, "exact").unwrap());
            phrases.extend(tables.phrases(name, "prefix").unwrap());
        }
        assert!(phrases.len() > 500);
        let mut labels = 0;
        for p in &phrases {
            let upper = p.to_uppercase();
            for line in [
                p.clone(),
                upper.clone(),
                format!("{p}:"),
                format!("{p} (12)"),
                format!("{upper}12"),
                format!("{p}: Markets slide"),
                format!("{p}|Markets slide"),
                format!("{p} \u{a0}— Markets slide"),
                format!("  {p}  »"),
            ] {
                let s = shape(&line);
                for (k, (name, m, _)) in all.by_name.iter().enumerate() {
                    let own = m.labels(&s, &LineKeys::default());
                    labels += usize::from(own);
                    let gated = all.matches_file(k, &s, &LineKeys::default(), &|| None);
                    assert!(!own || gated, "{name}: {line:?}");
                }
            }
        }
        assert!(labels >= phrases.len());
        for line in [
            "Cats sat on the mat.",
            "Straße: 12",
            "Reader's digest: 12",
            "Ökonomen warnen",
        ] {
            assert!(!may_be_label(line, &all.label_firsts), "{line:?}");
        }
        // A word longer than every first word is none of them, but its head or its trimmed self may be.
        assert!(!may_be_label(&"読む".repeat(40), &all.label_firsts));
        assert!(may_be_label(&format!("More{}", "1".repeat(40)), &all.label_firsts));
        assert!(may_be_label(&format!("Read:{}", "x".repeat(40)), &all.label_firsts));
    }

    #[test]
    fn ascii_runs_end_at_the_first_byte_outside_ascii() {
        for n in 0..40 {
            for at in 0..=n {
                let mut bytes = vec![b'a'; n];
                if let Some(b) = bytes.get_mut(at) {
                    *b = 0xc3;
                }
                let byte_by_byte = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(n);
                assert_eq!(ascii_run(&bytes), byte_by_byte, "{n} {at}");
                if let Some(b) = bytes.last_mut() {
                    *b = 0xa9;
                }
                let byte_by_byte = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(n);
                assert_eq!(ascii_run(&bytes), byte_by_byte, "{n} {at}");
            }
        }
    }

    /// [`may_be_label`] as it read the line before, by characters (its `known` unchanged).
    fn may_be_label_by_chars(text: &str, firsts: &LabelFirsts) -> bool {
        let known = |w: &str| {
            let ascii = w.is_ascii();
            if (ascii && w.len() > firsts.chars) || (!ascii && w.chars().nth(firsts.chars).is_some()) {
                return false;
            }
            if ascii && !firsts.sketch.may_hold_ascii_lower(w.as_bytes()) {
                return false;
            }
            with_key(w, |k| firsts.words.contains(k.as_bytes()))
        };
        let Some(word) = text.split(pystr::is_space).find(|w| !w.is_empty()) else {
            return known("");
        };
        if known(word) {
            return true;
        }
        let trimmed = word.trim_end_matches(is_exact_tail);
        if trimmed.len() < word.len() && known(trimmed) {
            return true;
        }
        word.char_indices()
            .take(firsts.chars.saturating_add(1))
            .any(|(j, c)| (is_prefix_separator(c) || pystr::is_regex_space(c)) && word.get(..j).is_some_and(known))
    }

    #[test]
    fn first_words_and_gates_read_as_by_characters() {
        // The byte readings of `may_be_label` held to the character readings they replaced, on drawn
        // lines of ASCII, spaces of both kinds, separators and characters outside ASCII.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let tables = Tables::load(std::path::Path::new(dir)).unwrap();
        let firsts = Matchers::load(&tables).unwrap().label_firsts;
        let by_chars = |text: &str| may_be_label_by_chars(text, &firsts);
        let parts = [
            "read",
            "More",
            "ADVERTISEMENT",
            "x",
            "12",
            ":",
            "|",
            ">",
            "»",
            "→",
            "｜",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{1c}",
            "\u{7}",
            "é",
            "Ö",
            "読む",
            "—",
            ".",
            "(3)",
            "also",
            "Über",
            "ſ",
            "K",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut passed = 0;
        for _ in 0..20_000 {
            let line: String = (0..1 + next(6)).map(|_| parts[next(parts.len())]).collect();
            let split = line.split(pystr::is_space).find(|w| !w.is_empty());
            assert_eq!(first_word(&line).map(|(w, _)| w), split, "{line:?}");
            assert_eq!(
                first_word(&line).map(|(w, a)| a == w.is_ascii()),
                split.map(|_| true),
                "{line:?}"
            );
            let gate = may_be_label(&line, &firsts);
            assert_eq!(gate, by_chars(&line), "{line:?}");
            passed += usize::from(gate);
        }
        // Both answers drawn often.
        assert!((2_000..18_000).contains(&passed), "{passed}");
    }

    #[test]
    fn shareable_between_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<LineMatcher>();
        send_sync::<Matchers>();
        send_sync::<crate::lines::Data>();
        send_sync::<Pattern>();
    }

    #[test]
    fn character_tests_agree_with_their_lists() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_exact_tail(c), EXACT_TAIL.contains(c), "{c:?}");
            assert_eq!(is_prefix_mark(c), ":|｜»›>→-–—".contains(c), "{c:?}");
            assert_eq!(is_prefix_separator(c), ":|｜»›>→".contains(c), "{c:?}");
            assert_eq!(is_prefix_dash(c), "-–—".contains(c), "{c:?}");
        }
        assert!(is_prefix_separator('｜') && !is_exact_tail('｜'));
    }

    #[test]
    fn ascii_keys_are_python_keys() {
        // `casefold(" ".join(text.split()))`, the definition, against the ASCII path.
        let reference = |t: &str| pystr::casefold(&pystr::normalise_space(t));
        for t in [
            "  Read\tMORE\x1c now ",
            "\x1f",
            "",
            "A-B:  C",
            "x\x0b\x0cy\r\n",
            "ALL CAPS",
        ] {
            assert_eq!(key(t), reference(t), "{t:?}");
        }
        assert_eq!(key("Straße  Ünd"), reference("Straße  Ünd"));
    }

    #[test]
    fn only_four_characters_fold_into_ascii() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let f = re_fold(c);
            assert_eq!(f.is_ascii(), RE_ASCII_FOLDS.contains(&(c, f)), "{c:?}");
        }
        for c in (0..0x80).filter_map(char::from_u32) {
            assert_eq!(re_fold(c), c.to_ascii_lowercase());
        }
    }

    #[test]
    fn keys_fold_and_collapse() {
        assert_eq!(key("  Read   MORE "), "read more");
        assert_eq!(exact_key("Read  more »"), "read more");
        assert_eq!(exact_key("Straße: 12"), "strasse");
    }
}
