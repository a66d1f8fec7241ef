//! Shape of one line: the signals the structural heuristics weigh (port of `cleaner/generic/features.py`).
//!
//! Features are pure functions of the line's text, so every heuristic can ask for them (through
//! [`crate::ctx::Ctx::shape`], which remembers them) without recomputing.
//!
//! The Python code matched regular expressions of the `regex` module here; this port reads the
//! characters directly, with the `regex` module's character classes ([`pystr::is_regex_space`] for `\s`,
//! [`pystr::is_regex_lower`] for `\p{Ll}`, ...) so that it gives the same results, and quicker.

use std::rc::Rc;

use crate::pystr;
use crate::pystr_tables as t;

/// Signals of one line (bullets and leading w3m `[alt]` labels stripped).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The line without bullet, `[alt]` label and surrounding spaces (the line's own text when it has
    /// none of them, see [`shape_shared`]).
    pub text: Rc<str>,
    /// The words, lower-cased.
    pub words: Words,
    /// Word count, CJK characters counted at 2 per word.
    pub units: f64,
    pub terminal: bool,
    pub bullet: bool,
    /// Share of words that start with a capital (of words that have case).
    pub capitalised: f64,
    pub digits: bool,
    /// Cells apart by tabs or runs of spaces, with a number: a row of a table.
    pub table_row: bool,
    /// A title glued to a summary sentence: the shape of a teaser.
    pub glued_teaser: bool,
    /// `len(text)` in code points.
    pub chars: usize,
}

/// A line's words, lower-cased, in one buffer: a line's words cost two allocations, not one each.
///
/// ```
/// use cleaner_engine::shape::Words;
/// let w: Words = ["the", "cat"].into_iter().collect();
/// assert_eq!((w.len(), w.first(), w.iter().last()), (2, Some("the"), Some("cat")));
/// assert_eq!(w.bytes_len(), 6);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Words {
    text: String,
    /// Where each word lies in `text` (bytes).
    spans: Vec<(usize, usize)>,
}

impl PartialEq for Words {
    fn eq(&self, other: &Words) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Words {
    /// The words of a plain line, lower-cased as ASCII (`str.lower()` of words whose only letters are
    /// ASCII), at `spans` of `line`: the line is lower-cased once and the words are read from it.
    fn of_plain(line: &str, spans: Vec<(usize, usize)>) -> Words {
        Words {
            text: line.to_ascii_lowercase(),
            spans,
        }
    }

    /// At least the words' bytes, all together.
    pub fn bytes_len(&self) -> usize {
        self.text.len()
    }

    /// Add a word.
    pub fn push(&mut self, word: &str) {
        let start = self.text.len();
        self.text.push_str(word);
        self.spans.push((start, self.text.len()));
    }

    /// Add a word lower-cased ([`pystr::lower`]), with no buffer of its own.
    fn push_lower(&mut self, word: &str) {
        let start = self.text.len();
        pystr::lower_into(word, &mut self.text);
        self.spans.push((start, self.text.len()));
    }

    /// Add a word whose characters outside ASCII are their own lower case: its ASCII letters
    /// lower-cased in place (what [`pystr::lower`] gives such a word, without a look-up per character).
    fn push_ascii_lower(&mut self, word: &str) {
        let start = self.text.len();
        self.text.push_str(word);
        if let Some(added) = self.text.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        self.spans.push((start, self.text.len()));
    }

    /// Word `k`.
    pub fn get(&self, k: usize) -> Option<&str> {
        let &(start, end) = self.spans.get(k)?;
        self.text.get(start..end)
    }

    /// The first word.
    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there is no word.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The words in order.
    pub fn iter(&self) -> WordsIter<'_> {
        WordsIter { words: self, next: 0 }
    }

    /// The words' bytes in order (no check that each lies on characters' bounds: they do).
    ///
    /// ```
    /// use cleaner_engine::shape::Words;
    /// let w: Words = ["the", "café"].into_iter().collect();
    /// assert!(w.byte_words().eq(w.iter().map(str::as_bytes)));
    /// ```
    pub fn byte_words(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let text = self.text.as_bytes();
        self.spans
            .iter()
            .map(|&(start, end)| text.get(start..end).unwrap_or_default())
    }

    /// The buffer the words lie in and where each lies in it (bytes): a reader that needs only a word's
    /// ends and length, not its slice, reads them without making one.
    pub(crate) fn parts(&self) -> (&[u8], &[(usize, usize)]) {
        (self.text.as_bytes(), &self.spans)
    }
}

/// The words of a [`Words`], in order.
#[derive(Debug, Clone)]
pub struct WordsIter<'a> {
    words: &'a Words,
    next: usize,
}

impl<'a> Iterator for WordsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let w = self.words.get(self.next)?;
        self.next += 1;
        Some(w)
    }
}

impl<'a> IntoIterator for &'a Words {
    type Item = &'a str;
    type IntoIter = WordsIter<'a>;

    fn into_iter(self) -> WordsIter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Words {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Words {
        let mut out = Words::default();
        for w in words {
            out.push(w.as_ref());
        }
        out
    }
}

/// A glued teaser has at most this many words.
pub const MAX_TEASER_WORDS: usize = 50;
/// Share of capitalised words a glued title needs.
pub const GLUED_CAPITAL_SHARE: f64 = 0.6;
/// Words a glued teaser's summary has at least, from the glue on (`The road will reopen on Monday`).
pub const GLUED_SUMMARY_WORDS: usize = 6;
/// Share of capitalised words a glued title needs when a capitalised word (a name) follows the glue.
pub const GLUED_NAME_CAPITAL_SHARE: f64 = 0.85;
/// CJK text has no spaces: this many CJK characters count as one word.
pub const CJK_CHARS_PER_WORD: f64 = 2.0;

/// List markers a line may start with (`_BULLET`'s character class), besides `1.` and `2)`.
#[cfg(test)]
const BULLETS: &str = "•◦▪▫■□●○◆◇►▶▸‣⁃∙·*+-–—";
/// One of `BULLETS`, by a `match` (a search of the string per line cost a `memchr` call).
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '●'
            | '○'
            | '◆'
            | '◇'
            | '►'
            | '▶'
            | '▸'
            | '‣'
            | '⁃'
            | '∙'
            | '·'
            | '*'
            | '+'
            | '-'
            | '–'
            | '—'
    )
}

/// One of `TERMINAL_STOPS`, by a `match`.
fn is_terminal_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…' | ':' | ';')
}

/// Closing quotes and brackets that may follow a sentence's stop.
#[cfg(test)]
const CLOSERS: &str = "'\"”’»)]";

/// One of `CLOSERS`, by a `match` (a search of the string per character cost a `memchr` call).
fn is_closer(c: char) -> bool {
    matches!(c, '\'' | '"' | '”' | '’' | '»' | ')' | ']')
}

/// Stops that end a sentence.
#[cfg(test)]
const TERMINAL_STOPS: &str = ".!?。！？…:;";

/// The shape of a line.
///
/// ```
/// use cleaner_engine::shape::shape;
/// let s = shape("  • The cat sat on the mat.");
/// assert_eq!((s.units, s.terminal, s.bullet), (6.0, true, true));
/// assert_eq!(shape("日本語の文章です。").units, 4.0);
/// assert_eq!((shape("125 g\tFlour").table_row, shape("Home\tNews").table_row), (true, false));
/// ```
pub fn shape(line: &str) -> Shape {
    shape_with(line, |text| Rc::from(text))
}

/// [`shape`] of a line kept as `line`: when there is nothing to strip, [`Shape::text`] is `line` itself,
/// not a copy (most lines; a copy cost an allocation and a free per line).
pub fn shape_shared(line: &Rc<str>) -> Shape {
    shape_with(line, |text| {
        // `text` lies within `line`: the same length is the same text.
        if text.len() == line.len() {
            Rc::clone(line)
        } else {
            Rc::from(text)
        }
    })
}

fn shape_with(line: &str, keep: impl FnOnce(&str) -> Rc<str>) -> Shape {
    let (text, bullet) = shape_text(line);
    let read = read_text(text);
    let (units, capitalised, digits, glue, chars, words) = (
        read.latin as f64 + read.cjk as f64 / CJK_CHARS_PER_WORD,
        share(read.upper, read.cased),
        read.digits,
        read.glue,
        read.chars,
        read.words,
    );
    Shape {
        words,
        units,
        terminal: is_terminal(text),
        bullet,
        capitalised,
        digits,
        // Tabs and runs of spaces only matter on a line with a number.
        table_row: digits && {
            let (tabs, spaces) = tab_and_spaces(text);
            (tabs && tab_cells(text)) || (spaces && cells(text))
        },
        glued_teaser: glue && glued_after_glue_point(text),
        chars,
        text: keep(text),
    }
}

/// `upper / cased`, or 0 when no word has case.
fn share(upper: usize, cased: usize) -> f64 {
    if cased > 0 {
        upper as f64 / cased as f64
    } else {
        0.0
    }
}

/// The line without bullet, leading `[alt]` label and surrounding spaces ([`Shape::text`]), and whether
/// it had a bullet.
fn shape_text(line: &str) -> (&str, bool) {
    // The indent is read once, for `_BULLET` and for the strip: every `\s` of the `regex` module is a
    // space of `str.isspace()` (a test holds it), so the line stripped is the line past its indent stripped.
    let rest = trim_regex_space_start(line);
    let bullet_at = bullet_end(line, rest);
    let mut text = pystr::strip(bullet_at.and_then(|at| line.get(at..)).unwrap_or(rest));
    if let Some(label) = text.strip_prefix('[') {
        // w3m prints an image as its [alt text]; it labels the line, it is not part of it.
        if let Some(close) = label.find(']') {
            let rest = pystr::strip(label.get(close + 1..).unwrap_or(""));
            if !rest.is_empty() {
                text = rest;
            }
        }
    }
    (text, bullet_at.is_some())
}

/// Bits of a character's class ([`class_of`]), read by [`read_text`]. `[\p{L}\p{N}]`: starts a word.
const WORD_START: u16 = 1;
/// `[\p{L}\p{N}\p{M}'’\-]`: goes on with a word.
const WORD_ON: u16 = 1 << 1;
/// `str.isalpha()`.
const ALPHA: u16 = 1 << 2;
/// `str.isupper()`.
const UPPER: u16 = 1 << 3;
/// Han, Hiragana or Katakana.
const CJK: u16 = 1 << 4;
/// `str.isdigit()`.
const DIGIT: u16 = 1 << 5;
/// `[\p{Ll}\d?!)]`: may run into a capital at a glue point. One bit below [`UPPER_AFTER_GLUE`], so that
/// `(previous << 1) & class` has that bit where a glue point is.
const GLUE_BEFORE: u16 = 1 << 6;
/// `\p{Lu}`.
const UPPER_AFTER_GLUE: u16 = 1 << 7;
/// Its `str.lower()` may not be itself (every character outside ASCII that has a lower-case mapping).
const LOWERS: u16 = 1 << 8;
/// `c.lower() != c.upper()`: with [`ALPHA`], the initial of a word that has case.
const HAS_CASE: u16 = 1 << 9;

/// The class of `c`, from the predicates of [`pystr`] (the general path, which [`CLASSES`] holds for
/// every character below U+10000).
fn class_of(c: char) -> u16 {
    let bit = |yes: bool, bit: u16| if yes { bit } else { 0 };
    let start = pystr::is_regex_letter(c) || pystr::is_regex_number(c);
    let on = start || pystr::is_regex_mark(c) || matches!(c, '\'' | '’' | '-');
    bit(start, WORD_START)
        | bit(on, WORD_ON)
        | bit(pystr::is_alpha(c), ALPHA)
        | bit(pystr::has_case(c), HAS_CASE)
        | bit(pystr::is_upper(c), UPPER)
        | bit(pystr::is_regex_cjk(c), CJK)
        | bit(pystr::is_digit(c), DIGIT)
        | bit(glue_before(c), GLUE_BEFORE)
        | bit(pystr::is_regex_upper(c), UPPER_AFTER_GLUE)
        | bit(!c.is_ascii() && lower_changes(c), LOWERS)
}

/// Whether `str.lower()` may change `c`: a character of the case tables' lower-case mappings (as
/// [`pystr::lower`] reads them).
fn lower_changes(c: char) -> bool {
    let cp = c as u32;
    let after = t::LOWER.partition_point(|r| r.0 <= cp);
    let mapped = after
        .checked_sub(1)
        .and_then(|i| t::LOWER.get(i))
        .is_some_and(|&(first, last, stride, delta)| delta != 0 && cp <= last && (cp - first) % u32::from(stride) == 0);
    mapped || t::LOWER_MULTI.iter().any(|&(k, _)| k == cp)
}

/// [`class_of`] every character below U+10000, by code point: a line outside ASCII reads each of its
/// characters' classes with one load, where each predicate was a bisection of its table.
static CLASSES: std::sync::OnceLock<Box<[u16; 0x10000]>> = std::sync::OnceLock::new();

/// [`CLASSES`], made on first need from the tables' ranges (a pass over each range, not a bisection
/// per character and predicate).
fn classes() -> &'static [u16; 0x10000] {
    CLASSES.get_or_init(|| {
        let mut t = Box::new([0u16; 0x10000]);
        let mut mark = |ranges: &[(u32, u32)], bit: u16| {
            for &(lo, hi) in ranges {
                for cp in lo..=hi.min(0xffff) {
                    if let Some(k) = t.get_mut(cp as usize) {
                        *k |= bit;
                    }
                }
            }
        };
        mark(&t::RE_LETTER, WORD_START | WORD_ON);
        mark(&t::RE_NUMBER, WORD_START | WORD_ON);
        mark(&t::RE_MARK, WORD_ON);
        mark(&t::ALPHA, ALPHA);
        mark(&t::HAS_CASE, HAS_CASE);
        mark(&t::UPPER, UPPER);
        mark(&t::RE_CJK, CJK);
        mark(&t::DIGIT, DIGIT);
        mark(&t::RE_LOWER, GLUE_BEFORE);
        mark(&t::RE_DIGIT, GLUE_BEFORE);
        mark(&t::RE_UPPER, UPPER_AFTER_GLUE);
        mark(&[(0x27, 0x27), (0x2d, 0x2d), (0x2019, 0x2019)], WORD_ON);
        mark(&[(0x3f, 0x3f), (0x21, 0x21), (0x29, 0x29)], GLUE_BEFORE);
        for &(first, last, stride, delta) in t::LOWER.iter() {
            let mapped = (first..=last.min(0xffff)).filter(|cp| (cp - first) % u32::from(stride) == 0);
            for cp in mapped.filter(|&cp| delta != 0 && cp >= 0x80) {
                mark(&[(cp, cp)], LOWERS);
            }
        }
        for &(cp, _) in t::LOWER_MULTI.iter() {
            mark(&[(cp, cp)], LOWERS);
        }
        t
    })
}

/// What one pass over a line finds ([`read_text`]).
struct LineRead {
    words: Words,
    /// Words that do not start with a CJK character, those of them that have case, the capitals among these.
    latin: usize,
    cased: usize,
    upper: usize,
    cjk: usize,
    /// `len(text)` in code points.
    chars: usize,
    digits: bool,
    /// [`glue_point`] of the text.
    glue: bool,
}

/// The code point at `bytes[i]`, the first byte of a character outside ASCII of a `str` (so valid
/// UTF-8: no check), and its length in bytes.
fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let lead = u32::from(bytes.get(i).copied().unwrap_or_default());
    let next = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or_default() & 0x3f);
    if lead < 0xe0 {
        (((lead & 0x1f) << 6) | next(1), 2)
    } else if lead < 0xf0 {
        (((lead & 0x0f) << 12) | (next(1) << 6) | next(2), 3)
    } else {
        (((lead & 0x07) << 18) | (next(1) << 12) | (next(2) << 6) | next(3), 4)
    }
}

/// What the characters outside ASCII of a line add up to, read as [`read_text`] meets them (none on
/// most lines: all of it stays zero).
#[derive(Default)]
struct Wide {
    /// Their classes, or'ed.
    all: u16,
    cjk: usize,
    /// Their bytes beyond the first (`len(text)` is the length in bytes less these).
    extra: usize,
    /// The class of the last one met: the character before the next one, when a byte outside ASCII
    /// precedes that one (every character outside ASCII is met, in order).
    last: u16,
    /// A glue point one of whose two characters is outside ASCII (the ASCII pairs are [`ascii_folds`]'s).
    glue: bool,
    /// The classes of those that are part of a word, or'ed (no ASCII character has [`LOWERS`]).
    in_words: u16,
    /// Words that start with one: those that start with a CJK character, those that have case, the
    /// capitals among these.
    cjk_starts: usize,
    cased: usize,
    upper: usize,
}

impl Wide {
    /// The class and length of the character outside ASCII at `bytes[i]`: its code point decoded and
    /// (below U+10000) one load. Counted, and read with its neighbours for a glue point; each character
    /// must be met once, in order.
    #[inline(always)]
    fn meet(&mut self, bytes: &[u8], i: usize, table: &[u16; 0x10000]) -> (u16, usize) {
        let (cp, len) = decode(bytes, i);
        let class = match u16::try_from(cp) {
            Ok(k) => table[usize::from(k)],
            Err(_) => char::from_u32(cp).map_or(0, class_of),
        };
        let before = match i.checked_sub(1).and_then(|k| bytes.get(k)) {
            Some(&b) if b < 0x80 => table[usize::from(b)],
            Some(_) => self.last,
            None => 0,
        };
        let after = match bytes.get(i + len) {
            Some(&b) if b < 0x80 => table[usize::from(b)],
            // A character outside ASCII next reads this one as `last`.
            _ => 0,
        };
        self.glue |= ((before << 1) & class | (class << 1) & after) & UPPER_AFTER_GLUE != 0;
        self.last = class;
        self.all |= class;
        self.cjk += usize::from(class & CJK != 0);
        self.extra += len - 1;
        (class, len)
    }

    /// [`Wide::meet`] the character at `bytes[i]`, met where a word may start: its length, and whether
    /// it starts one (then counted as the word's initial).
    #[cold] // Rare: kept out of the byte loops of [`read_text`], and their registers.
    #[inline(never)]
    fn meet_start(&mut self, bytes: &[u8], i: usize) -> (usize, bool) {
        let (class, len) = self.meet(bytes, i, classes());
        if class & WORD_START == 0 {
            return (len, false);
        }
        self.in_words |= class;
        if class & CJK != 0 {
            // A CJK character counts in `cjk`, not as a word.
            self.cjk_starts += 1;
        } else if class & (ALPHA | HAS_CASE) == ALPHA | HAS_CASE {
            self.cased += 1;
            self.upper += usize::from(class & UPPER != 0);
        }
        (len, true)
    }

    /// [`Wide::meet`] the character at `bytes[i]`, met inside a word: its length, and whether it goes on
    /// with the word (`[\p{L}\p{N}\p{M}'’\-]`).
    #[cold] // Rare: kept out of the byte loops of [`read_text`], and their registers.
    #[inline(never)]
    fn meet_on(&mut self, bytes: &[u8], i: usize) -> (usize, bool) {
        let (class, len) = self.meet(bytes, i, classes());
        let on = class & WORD_ON != 0;
        if on {
            self.in_words |= class;
        }
        (len, on)
    }
}

/// Words (`_WORD.findall`, lower-cased), initials, CJK characters, length, digits and glue point of a
/// line, reading each byte once in one loop, ASCII or not: ASCII bytes by [`BYTE_CLASS`] (a word's
/// bytes two at a time, by [`IN_WORD_PAIRS`]), each character
/// outside ASCII (13 % of the dev dumps' line bytes, on 18 % of their lines) by its class in
/// [`CLASSES`], out of line, read with its neighbours for a glue point; the ASCII digits and glue points
/// by [`ascii_folds`].
///
/// One loop for both: lines outside ASCII had a loop of their own that found a word's start and end
/// by `position` runs, some 70 instructions a word more than this one (and a plain line was first asked
/// whether it is ASCII).
#[inline(never)] // Inlined into `shape`, its loop's counters lived on the stack.
fn read_text(text: &str) -> LineRead {
    let bytes = text.as_bytes();
    let (ascii_digits, ascii_glue) = ascii_folds(bytes);
    // Words of three letters or more and the spaces between: no growth on most lines.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(bytes.len() / 4 + 1);
    let n = bytes.len();
    // A word's initial: letters in the low half, capitals in the high half (see `cased` below).
    let mut initials = 0u64;
    let mut wide = Wide::default();
    // The bytes not read yet: a suffix of `bytes`, so that a byte's position is `n - rest.len()`.
    let mut rest = bytes;
    'words: loop {
        // A word starts at `[\p{L}\p{N}]`: an ASCII letter or digit, or a character outside ASCII of that class.
        let start = loop {
            let [first, after @ ..] = rest else {
                break 'words;
            };
            let class = BYTE_CLASS[usize::from(*first)];
            if class & ALNUM != 0 {
                initials = initials.wrapping_add(INITIAL[usize::from(*first)]);
                let at = n - rest.len();
                rest = after;
                break at;
            }
            if class & WIDE_BYTE != 0 {
                let at = n - rest.len();
                let (len, starts) = wide.meet_start(bytes, at);
                rest = bytes.get(at + len..).unwrap_or_default();
                if starts {
                    break at;
                }
            } else {
                rest = after;
            }
        };
        // And on through `[\p{L}\p{N}\p{M}'’\-]`: its ASCII bytes two at a time, a character outside ASCII met.
        let end = loop {
            let run = ascii_word_run(rest);
            let at = n - rest.len() + run;
            let Some(&stop) = rest.get(run) else {
                rest = &[];
                break n;
            };
            if stop < 0x80 {
                // An ASCII byte that ends a word starts none: passed as a separator.
                rest = rest.get(run + 1..).unwrap_or_default();
                break at;
            }
            let (len, on) = wide.meet_on(bytes, at);
            rest = bytes.get(at + len..).unwrap_or_default();
            if !on {
                // Not part of a word, nor the start of the next one: met once, passed.
                break at;
            }
        };
        spans.push((start, end));
    }
    // Each half counts at most one initial a word, and a word and its separator take two bytes: the low
    // half cannot carry into the high one below 4 GiB of text; a longer line is counted again from its words.
    let (mut cased, mut upper) = ((initials & 0xffff_ffff) as usize, (initials >> 32) as usize);
    if u32::try_from(n).is_err() {
        let initial = |&(a, _): &(usize, usize)| BYTE_CLASS[usize::from(bytes.get(a).copied().unwrap_or_default())];
        cased = spans.iter().filter(|w| initial(w) & LETTER != 0).count();
        upper = spans.iter().filter(|w| initial(w) & CAPITAL != 0).count();
    }
    let words = if wide.in_words & LOWERS != 0 {
        // A word whose lower case is not its ASCII lower case: each word lower-cased as `str.lower()` does.
        lower_words(text, &spans)
    } else {
        Words::of_plain(text, spans)
    };
    LineRead {
        latin: words.len() - wide.cjk_starts,
        words,
        cased: cased + wide.cased,
        upper: upper + wide.upper,
        cjk: wide.cjk,
        chars: text.len() - wide.extra,
        digits: ascii_digits || wide.all & DIGIT != 0,
        glue: ascii_glue || wide.glue,
    }
}

/// The words of `text` at `spans`, each lower-cased as `str.lower()` does (some word has a character
/// outside ASCII that lower-cases to another): a word whose characters outside ASCII are their own lower
/// case (most, on such lines) by its bytes.
#[inline(never)] // Rare: kept out of [`read_text`] and its registers.
fn lower_words(text: &str, spans: &[(usize, usize)]) -> Words {
    let mut words = Words {
        text: String::with_capacity(text.len()),
        spans: Vec::with_capacity(spans.len()),
    };
    let table = classes();
    for &(a, b) in spans {
        let word = text.get(a..b).unwrap_or("");
        if word.is_ascii() || wide_lowers_to_itself(word, table) {
            words.push_ascii_lower(word);
        } else {
            words.push_lower(word);
        }
    }
    words
}

/// Whether `str.lower()` leaves each character outside ASCII of `word` as it is ([`LOWERS`] not set),
/// read by class: on a line where some word must be lower-cased as `str.lower()` does, most words need
/// no more than their ASCII letters lower-cased (a Cyrillic or Greek word in lower case, an ASCII
/// word), where [`pystr::lower_into`] looked each character up in the case tables.
fn wide_lowers_to_itself(word: &str, table: &[u16; 0x10000]) -> bool {
    word.chars().filter(|c| !c.is_ascii()).all(|c| {
        let class = u16::try_from(u32::from(c)).map_or_else(|_| class_of(c), |k| table[usize::from(k)]);
        class & LOWERS == 0
    })
}

/// What a byte is, for [`read_text`]: bits of [`BYTE_CLASS`]. `[A-Za-z0-9]`: starts a word.
const ALNUM: u8 = 1;
/// `[A-Za-z0-9'\-]`: goes on with a word.
const IN_WORD: u8 = 2;
/// A byte outside ASCII.
const WIDE_BYTE: u8 = 4;
/// `[A-Za-z]`: a word's initial that has case.
const LETTER: u8 = 8;
/// `[A-Z]`.
const CAPITAL: u8 = 16;

/// [`ALNUM`], [`IN_WORD`], [`LETTER`] and [`CAPITAL`] of each byte (none for bytes outside ASCII, which
/// are [`WIDE_BYTE`]).
const BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE_BYTE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_alphanumeric() {
            k |= ALNUM | IN_WORD;
        }
        if c.is_ascii_alphabetic() {
            k |= LETTER;
        }
        if c.is_ascii_uppercase() {
            k |= CAPITAL;
        }
        if c == b'\'' || c == b'-' {
            k |= IN_WORD;
        }
        t[b] = k;
        b += 1;
    }
    t
};

/// What a word's initial adds to [`read_text`]'s count of initials: 1 for an ASCII letter, and
/// `1 << 32` more for a capital (two counts kept by one add).
const INITIAL: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() {
            t[b] = 1;
        }
        if c.is_ascii_uppercase() {
            t[b] |= 1 << 32;
        }
        b += 1;
    }
    t
};

/// Two bytes `a`, `b` by `u16::from_le_bytes([a, b])`: bit 1 when `a` goes on with a word ([`IN_WORD`]),
/// bit 2 when both do. A word's ASCII bytes are read two at a time by one load of this table (a byte
/// at a time, a word's loop cost 8 instructions a byte).
static IN_WORD_PAIRS: [u8; 0x10000] = {
    let mut t = [0u8; 0x10000];
    let mut v = 0;
    while v < 0x10000 {
        let a = BYTE_CLASS[v & 0xff] & IN_WORD != 0;
        let b = BYTE_CLASS[v >> 8] & IN_WORD != 0;
        t[v] = a as u8 | (((a && b) as u8) << 1);
        v += 1;
    }
    t
};

/// How many bytes at the start of `rest` go on with a word ([`IN_WORD`]: ASCII), read two at a time.
#[inline(always)]
fn ascii_word_run(rest: &[u8]) -> usize {
    let mut pairs = rest.chunks_exact(2);
    let mut run = 0;
    for pair in pairs.by_ref() {
        let both = IN_WORD_PAIRS[usize::from(<[u8; 2]>::try_from(pair).map_or(0, u16::from_le_bytes))];
        if both & 2 == 0 {
            return run + usize::from(both & 1);
        }
        run += 2;
    }
    match pairs.remainder() {
        [last] if BYTE_CLASS[usize::from(*last)] & IN_WORD != 0 => run + 1,
        _ => run,
    }
}

/// Give `fold` the bytes in blocks of [`FOLD_BYTES`] and the blocks one byte on (their pairs' second
/// bytes): the last block ends at the end (a byte may be given twice), a short text is given as a
/// zero-padded copy (zero matches nothing).
///
/// Folds without an early exit over such blocks are what the compiler runs as vectors. Folds over the
/// whole slice left a scalar tail of up to 7 bytes at 8 to 22 instructions each, and one loop for words,
/// digits and glue read a byte in 14.
#[inline(always)]
fn fold_blocks(bytes: &[u8], mut fold: impl FnMut(&[u8; FOLD_BYTES], &[u8; FOLD_BYTES])) {
    let block = |at: usize| <&[u8; FOLD_BYTES]>::try_from(bytes.get(at..at + FOLD_BYTES)?).ok();
    match bytes.len().checked_sub(FOLD_BYTES + 1) {
        Some(last) => {
            let mut at = 0;
            while let (Some(a), Some(b)) = (block(at.min(last)), block(at.min(last) + 1)) {
                fold(a, b);
                if at >= last {
                    break;
                }
                at += FOLD_BYTES;
            }
        }
        None => {
            let (mut a, mut b) = ([0u8; FOLD_BYTES], [0u8; FOLD_BYTES]);
            if let (Some(to), Some(from)) = (a.get_mut(..bytes.len()), bytes.get(..)) {
                to.copy_from_slice(from);
            }
            if let (Some(to), Some(from)) = (b.get_mut(..bytes.len().saturating_sub(1)), bytes.get(1..)) {
                to.copy_from_slice(from);
            }
            fold(&a, &b);
        }
    }
}

/// Whether any of `v` is not zero.
fn any(v: [u8; FOLD_BYTES]) -> bool {
    v.iter().fold(0, |x, &y| x | y) != 0
}

/// Whether `bytes` hold an ASCII digit, and a glue point of two ASCII bytes (`[a-z0-9?!)][A-Z]`), by
/// [`fold_blocks`].
fn ascii_folds(bytes: &[u8]) -> (bool, bool) {
    let mut digits = [0u8; FOLD_BYTES];
    let mut glue = [0u8; FOLD_BYTES];
    fold_blocks(bytes, |a, b| {
        for k in 0..FOLD_BYTES {
            digits[k] |= u8::from(a[k].wrapping_sub(b'0') < 10);
            glue[k] |= glues_byte(a[k]) & u8::from(b[k].wrapping_sub(b'A') < 26);
        }
    });
    // The first bytes of the pairs are every byte but the last.
    (any(digits) || bytes.last().is_some_and(u8::is_ascii_digit), any(glue))
}

/// Whether `text` holds a tab, and two spaces in a row (`'\t' in text`, `"  " in text`), by
/// [`fold_blocks`]: asked of lines with a digit (a table row needs both), where a search for each
/// cost 150 to 200 instructions (the two-way searcher's set-up for the spaces).
fn tab_and_spaces(text: &str) -> (bool, bool) {
    let mut tab = [0u8; FOLD_BYTES];
    let mut spaces = [0u8; FOLD_BYTES];
    fold_blocks(text.as_bytes(), |a, b| {
        for k in 0..FOLD_BYTES {
            tab[k] |= u8::from(a[k] == b'\t') | u8::from(b[k] == b'\t');
            spaces[k] |= u8::from(a[k] == b' ') & u8::from(b[k] == b' ');
        }
    });
    (any(tab), any(spaces))
}

/// The bytes [`ascii_folds`] reads at a time (a vector register's).
const FOLD_BYTES: usize = 16;

/// `[a-z0-9?!)]`, with no branch (the glue fold of [`ascii_folds`] runs many pairs at a time).
fn glues_byte(a: u8) -> u8 {
    u8::from(a.wrapping_sub(b'a') < 26)
        | u8::from(a.wrapping_sub(b'0') < 10)
        | u8::from(a == b'?')
        | u8::from(a == b'!')
        | u8::from(a == b')')
}

/// `_ASCII_WORD.findall(text)` (`[A-Za-z0-9][A-Za-z0-9'’\-]*`), for plain text: [`read_text`]'s words on ASCII,
/// spelled as the pattern reads (the tests hold one to the other).
#[cfg(test)]
fn plain_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes.get(at..)?.iter().position(u8::is_ascii_alphanumeric)?;
        at = start + 1;
        loop {
            match bytes.get(at..) {
                Some([b, ..]) if b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-' => at += 1,
                Some([0xe2, 0x80, 0x99, ..]) => at += '’'.len_utf8(),
                _ => break,
            }
        }
        text.get(start..at)
    })
}

/// `_WORD.findall(text)` (`[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*`), as the pattern reads, character by
/// character: the general path [`read_text`] is held to.
#[cfg(test)]
fn unicode_words(text: &str) -> impl Iterator<Item = &str> {
    let starts = |c: char| pystr::is_regex_letter(c) || pystr::is_regex_number(c);
    let goes_on = move |c: char| starts(c) || pystr::is_regex_mark(c) || "'’-".contains(c);
    let mut rest = text;
    std::iter::from_fn(move || {
        let word = rest.get(rest.find(starts)?..)?;
        let first = word.chars().next().map_or(0, char::len_utf8);
        let end = word
            .get(first..)
            .and_then(|w| w.find(|c| !goes_on(c)))
            .map_or(word.len(), |e| first + e);
        rest = word.get(end..)?;
        word.get(..end)
    })
}

/// Where `_BULLET` (`^\s*(?:[•◦▪▫■□●○◆◇►▶▸‣⁃∙·*+\-–—]|\d{1,3}[.)])\s+`) ends its match on `line`, if it
/// matches; `rest` is `line` past its `\s` ([`trim_regex_space_start`]).
fn bullet_end(line: &str, rest: &str) -> Option<usize> {
    let &lead = rest.as_bytes().first()?;
    if lead.is_ascii_alphabetic() {
        // Most lines start with a letter (after their indent): no bullet or digit to read.
        return None;
    }
    let first = rest.chars().next()?;
    let marker = if is_bullet(first) {
        first.len_utf8()
    } else {
        // Backing off a digit leaves a digit where `[.)]` must match: only the whole run of 1 to 3 digits can.
        let digits = rest.find(|c| !pystr::is_regex_digit(c)).unwrap_or(rest.len());
        let ndigits = rest.get(..digits)?.chars().count();
        let after = rest.get(digits..)?;
        if !(1..=3).contains(&ndigits) || !(after.starts_with('.') || after.starts_with(')')) {
            return None;
        }
        digits + 1
    };
    let tail = rest.get(marker..)?;
    let text = trim_regex_space_start(tail);
    (text.len() < tail.len()).then_some(line.len() - text.len())
}

/// `s` without the `regex` module's `\s` in front: ASCII ones byte by byte (an indent of spaces cost a
/// dozen instructions a character, decoded), characters only from the first byte outside ASCII.
fn trim_regex_space_start(s: &str) -> &str {
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        // Most lines: no indent.
        return s;
    }
    let skip = pystr::space_groups(s.as_bytes());
    let at = s
        .as_bytes()
        .get(skip..)
        .and_then(|rest| rest.iter().position(|&b| !matches!(b, b'\t'..=b'\r' | b' ')))
        .map(|at| skip + at);
    match at.and_then(|at| s.get(at..)) {
        Some(rest) if starts_with_wide_space(rest.as_bytes()) => rest.trim_start_matches(pystr::is_regex_space),
        Some(rest) => rest,
        None => "",
    }
}

/// Whether `bytes` start with a `\s` of the `regex` module outside ASCII (U+0085, U+00A0, U+1680,
/// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), told by its UTF-8 bytes: a line that opens
/// outside ASCII (a quote, a dash, a bullet, a word of another script: some 120,000 of the dev dumps'
/// lines) was decoded and its first character looked up in the spaces' table.
fn starts_with_wide_space(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xc2, 0x85 | 0xa0, ..]
            | [0xe1, 0x9a, 0x80, ..]
            | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
            | [0xe2, 0x81, 0x9f, ..]
            | [0xe3, 0x80, 0x80, ..]
    )
}

/// Whether `text` (stripped) ends as a sentence does (`_is_terminal`).
///
/// A stop followed only by closing quotes and brackets, or a closing quote at the very end.
fn is_terminal(text: &str) -> bool {
    if text.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        // Most lines end with a letter or digit: no stop, closer or closing quote.
        return false;
    }
    let head = text.trim_end_matches(is_closer);
    head.chars().next_back().is_some_and(is_terminal_stop)
        || text.ends_with('"')
        || text.ends_with('”')
        || text.ends_with('»')
}

/// The maximal runs of the `regex` module's `\s` between two other characters: (start, end) in bytes.
fn inner_space_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = text.find(|c| !pystr::is_regex_space(c)).unwrap_or(text.len());
    std::iter::from_fn(move || {
        let start = at + text.get(at..)?.find(pystr::is_regex_space)?;
        at = start + text.get(start..)?.find(|c| !pystr::is_regex_space(c))?;
        Some((start, at))
    })
}

/// `_TAB_CELLS` (`\S\t+\S`) finds a match: two cells a browser put a tab between.
fn tab_cells(text: &str) -> bool {
    inner_space_runs(text).any(|(a, b)| text.get(a..b).is_some_and(|run| run.bytes().all(|x| x == b'\t')))
}

/// `_CELLS` (`\S(?:\t|\s{2,})\S(?:.*\S)?(?:\t|\s{2,})\S`) finds a match: two gaps (a tab alone or two
/// spaces or more, each a whole run between cells), with no line feed (which `.` does not match)
/// outside the gaps between them.
fn cells(text: &str) -> bool {
    let mut open = false;
    for (a, b) in inner_space_runs(text) {
        let run = text.get(a..b).unwrap_or("");
        if run == "\t" || run.chars().nth(1).is_some() {
            if open {
                return true;
            }
            open = true;
        } else if run == "\n" {
            open = false;
        }
    }
    false
}

/// A title of three or more words glued to the sentence that follows it (`_glued_teaser`).
///
/// The glue is a word of four letters or more running into a capital (`FinaleFord v`),
/// and the line is no longer than a teaser; brand names (`WeWork`, `McDonald`) and
/// long story paragraphs do not qualify.
#[cfg(test)]
fn glued_teaser(text: &str) -> bool {
    glue_point(text) && glued_after_glue_point(text)
}

/// [`glued_teaser`] of a text where [`glue_point`] found a glue.
fn glued_after_glue_point(text: &str) -> bool {
    // The match first: it reads at most `GLUED_TOKENS` tokens and fails on most lines with a glue point
    // (long story paragraphs, camel-case names), where the count of a teaser's words read up to 51.
    let Some((head_end, capital)) = glued_match(text) else {
        return false;
    };
    // Python's `len(text.split())`; on ASCII, byte by byte.
    let too_long = if text.is_ascii() {
        let mut words = text
            .as_bytes()
            .split(|&b| pystr::is_space(char::from(b)))
            .filter(|w| !w.is_empty());
        words.nth(MAX_TEASER_WORDS).is_some()
    } else {
        text.split(pystr::is_space)
            .filter(|w| !w.is_empty())
            .nth(MAX_TEASER_WORDS)
            .is_some()
    };
    if too_long {
        return false;
    }
    // What follows the glue is a summary, a sentence: a word or two (`CatCatAttack says:`, `Sparx and
    // SadiumBound for the videos`) is a name written in camel case inside a line of the story or a
    // comment's signature, which later heuristics read the page by.
    let summary = text.get(head_end..).unwrap_or("");
    // Counted up to the words needed, in place (`pystr::split` collected every word after the glue).
    if summary
        .split(pystr::is_space)
        .filter(|w| !w.is_empty())
        .nth(GLUED_SUMMARY_WORDS - 1)
        .is_none()
    {
        return false;
    }
    let head = text.get(..head_end).unwrap_or("");
    let words = pystr::split(head);
    let Some(last) = words.last() else { return false };
    if head.contains('.') || words.len() < 3 || last.chars().filter(|&c| pystr::is_alnum(c)).count() < 4 {
        return false;
    }
    let initials = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|&c| pystr::is_alpha(c));
    let (cased, upper) = initials.fold((0usize, 0usize), |(n, up), c| {
        (n + 1, up + usize::from(pystr::is_upper(c)))
    });
    // A capitalised word after the glue may be a name in a story sentence: then the title must be all capitals.
    let need = if capital {
        GLUED_NAME_CAPITAL_SHARE
    } else {
        GLUED_CAPITAL_SHARE
    };
    cased > 0 && upper as f64 / cased as f64 >= need
}

/// `_GLUE_POINT` (`[\p{Ll}\d?!)]\p{Lu}`) finds a match; on plain text it finds what `_ASCII_GLUE_POINT` finds.
#[cfg(test)]
fn glue_point(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .as_bytes()
            .windows(2)
            .any(|pair| matches!(pair, [b'a'..=b'z' | b'0'..=b'9' | b'?' | b'!' | b')', b'A'..=b'Z']));
    }
    let mut prev = None;
    text.chars().any(|c| {
        // Capitals are rarer than what may run into one: asked first.
        let glue = pystr::is_regex_upper(c) && prev.is_some_and(glue_before);
        prev = Some(c);
        glue
    })
}

/// `[\p{Ll}\d?!)]`: what may run into a capital at a glue.
fn glue_before(c: char) -> bool {
    pystr::is_regex_lower(c) || pystr::is_regex_digit(c) || matches!(c, '?' | '!' | ')')
}

/// Tokens `_GLUED` can reach: 20 before the glued one, the glued one, and 6 after it.
const GLUED_TOKENS: usize = 27;

/// `_GLUED.match(text)`: the end of group 1 (in bytes) and whether group `capital` took part.
///
/// `^((?:\S+\s+){2,20}\S*?[\p{Ll}\d?!)])\p{Lu}\p{Ll}*(?:\s+[\p{Ll}\d]|(?P<capital>(?:\s+\p{Lu}\S*){1,3}\s+\p{Ll}\S*(?:\s+\S+){2}))`
///
/// Every `\S+` and `\s+` can only take whole runs (a shorter one leaves the wrong kind of character
/// next), so the pattern reads whole tokens (runs of `\S`): `k` of them, then a glued token that ends in
/// `[\p{Ll}\d?!)]\p{Lu}\p{Ll}*`, then either a token starting with `[\p{Ll}\d]` or one to three tokens
/// starting with `\p{Lu}`, then one starting with `\p{Ll}`, then two more. Backtracking tries `k` from
/// 20 down to 2 and the first `k` that fits gives the match, as here.
fn glued_match(text: &str) -> Option<(usize, bool)> {
    // `^\S+`: the first token must start the text.
    if text.chars().next().is_none_or(pystr::is_regex_space) {
        return None;
    }
    // Where each token lies (bytes), in place: two vectors a call cost more than their tokens' reading.
    let mut spans = [(0usize, 0usize); GLUED_TOKENS];
    let mut n = 0;
    let mut at = 0;
    if text.is_ascii() {
        // Byte by byte: an ASCII `\s` is a byte of `[\t-\r ]` (decoding each character cost a dozen
        // instructions).
        let bytes = text.as_bytes();
        while let Some(slot) = spans.get_mut(n) {
            let rest = bytes.get(at..).unwrap_or_default();
            let Some(start) = rest.iter().position(|&b| !is_ascii_regex_space(b)) else {
                break;
            };
            let token = rest.get(start..).unwrap_or_default();
            let end = token
                .iter()
                .position(|&b| is_ascii_regex_space(b))
                .unwrap_or(token.len());
            *slot = (at + start, at + start + end);
            n += 1;
            at += start + end;
        }
    } else {
        while let Some(slot) = spans.get_mut(n) {
            let Some(rest) = text.get(at..) else { break };
            let Some(start) = rest.find(|c| !pystr::is_regex_space(c)) else {
                break;
            };
            let token = rest.get(start..).unwrap_or("");
            let end = token.find(pystr::is_regex_space).unwrap_or(token.len());
            *slot = (at + start, at + start + end);
            n += 1;
            at += start + end;
        }
    }
    let spans = spans.get(..n).unwrap_or_default();
    let token = |i: usize| spans.get(i).and_then(|&(a, b)| text.get(a..b));
    let first = |i: usize| token(i).and_then(|t| t.chars().next());
    let last_k = n.saturating_sub(1).min(20);
    for k in (2..=last_k).rev() {
        // The glued token must be followed by a space: another token comes after it.
        let (Some(glued), Some(&(start, _))) = (token(k), spans.get(k)) else {
            continue;
        };
        if k + 1 >= n {
            continue;
        }
        let Some(glue_at) = glue(glued) else { continue };
        if first(k + 1).is_some_and(|c| pystr::is_regex_lower(c) || pystr::is_regex_digit(c)) {
            return Some((start + glue_at, false));
        }
        let capitals = (k + 1..n)
            .take_while(|&i| first(i).is_some_and(pystr::is_regex_upper))
            .count();
        let after = k + 1 + capitals;
        if (1..=3).contains(&capitals) && first(after).is_some_and(pystr::is_regex_lower) && after + 2 < n {
            return Some((start + glue_at, true));
        }
    }
    None
}

/// The `regex` module's `\s` of an ASCII byte (not U+001C to U+001F, which `str.isspace` takes).
fn is_ascii_regex_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Where in `token` the capital of `[\p{Ll}\d?!)]\p{Lu}\p{Ll}*$` starts (in bytes), if it ends so.
fn glue(token: &str) -> Option<usize> {
    let head = token.trim_end_matches(pystr::is_regex_lower);
    let capital = head.chars().next_back().filter(|&c| pystr::is_regex_upper(c))?;
    let before = head.len() - capital.len_utf8();
    head.get(..before)?.chars().next_back().filter(|&c| glue_before(c))?;
    Some(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape as the patterns read it, character by character with the predicates of [`pystr`] (the
    /// general path): what [`shape`]'s byte and table paths must give, on any line.
    fn shape_by_patterns(line: &str) -> Shape {
        let bullet_at = bullet_by_chars(line);
        fn strip(s: &str) -> &str {
            s.trim_matches(pystr::is_space)
        }
        let mut text = strip(bullet_at.and_then(|at| line.get(at..)).unwrap_or(line));
        if let Some(label) = text.strip_prefix('[') {
            if let Some(close) = label.find(']') {
                let rest = strip(label.get(close + 1..).unwrap_or(""));
                if !rest.is_empty() {
                    text = rest;
                }
            }
        }
        let mut words = Words::default();
        let (mut latin, mut cased, mut upper) = (0usize, 0usize, 0usize);
        for w in unicode_words(text) {
            if let Some(c) = w.chars().next().filter(|&c| !pystr::is_regex_cjk(c)) {
                latin += 1;
                if pystr::is_alpha(c) && pystr::has_case(c) {
                    cased += 1;
                    upper += usize::from(pystr::is_upper(c));
                }
            }
            words.push(&pystr::lower(w));
        }
        let cjk = text.chars().filter(|&c| pystr::is_regex_cjk(c)).count();
        let digits = text.chars().any(pystr::is_digit);
        let head = pystr::rstrip_chars(text, CLOSERS);
        Shape {
            words,
            units: latin as f64 + cjk as f64 / CJK_CHARS_PER_WORD,
            terminal: head.chars().next_back().is_some_and(|c| TERMINAL_STOPS.contains(c))
                || text.ends_with(['"', '”', '»']),
            bullet: bullet_at.is_some(),
            capitalised: if cased > 0 { upper as f64 / cased as f64 } else { 0.0 },
            digits,
            table_row: digits && ((text.contains('\t') && tab_cells(text)) || (text.contains("  ") && cells(text))),
            glued_teaser: glued_teaser(text),
            chars: text.chars().count(),
            text: text.into(),
        }
    }

    /// `_GLUED.match`, as [`glued_match`] read it with a vector of tokens, each found character by
    /// character: the reference its byte path and arrays are held to.
    fn glued_match_by_chars(text: &str) -> Option<(usize, bool)> {
        let mut tokens: Vec<&str> = Vec::with_capacity(GLUED_TOKENS);
        let mut starts: Vec<usize> = Vec::with_capacity(GLUED_TOKENS);
        let mut at = 0;
        // `^\S+`: the first token must start the text.
        if text.chars().next().is_none_or(pystr::is_regex_space) {
            return None;
        }
        while tokens.len() < GLUED_TOKENS {
            let Some(rest) = text.get(at..) else { break };
            let Some(start) = rest.find(|c| !pystr::is_regex_space(c)) else {
                break;
            };
            let token = rest.get(start..).unwrap_or("");
            let end = token.find(pystr::is_regex_space).unwrap_or(token.len());
            tokens.push(token.get(..end).unwrap_or(""));
            starts.push(at + start);
            at += start + end;
        }
        let first = |i: usize| tokens.get(i).and_then(|t| t.chars().next());
        let last_k = tokens.len().saturating_sub(1).min(20);
        for k in (2..=last_k).rev() {
            // The glued token must be followed by a space: another token comes after it.
            let (Some(glued), Some(&start)) = (tokens.get(k), starts.get(k)) else {
                continue;
            };
            if tokens.get(k + 1).is_none() {
                continue;
            }
            let Some(glue_at) = glue(glued) else { continue };
            if first(k + 1).is_some_and(|c| pystr::is_regex_lower(c) || pystr::is_regex_digit(c)) {
                return Some((start + glue_at, false));
            }
            let capitals = (k + 1..tokens.len())
                .take_while(|&i| first(i).is_some_and(pystr::is_regex_upper))
                .count();
            let after = k + 1 + capitals;
            if (1..=3).contains(&capitals)
                && first(after).is_some_and(pystr::is_regex_lower)
                && tokens.get(after + 2).is_some()
            {
                return Some((start + glue_at, true));
            }
        }
        None
    }

    /// `_BULLET`'s match, character by character.
    fn bullet_by_chars(line: &str) -> Option<usize> {
        let rest = line.trim_start_matches(pystr::is_regex_space);
        let first = rest.chars().next()?;
        let marker = if BULLETS.contains(first) {
            first.len_utf8()
        } else {
            let digits = rest.find(|c| !pystr::is_regex_digit(c)).unwrap_or(rest.len());
            let after = rest.get(digits..)?;
            if !(1..=3).contains(&rest.get(..digits)?.chars().count()) || !after.starts_with(['.', ')']) {
                return None;
            }
            digits + 1
        };
        let tail = rest.get(marker..)?;
        let text = tail.trim_start_matches(pystr::is_regex_space);
        (text.len() < tail.len()).then_some(line.len() - text.len())
    }

    /// Characters where the paths could part: letters with and without case, titlecase, final sigma,
    /// a capital whose lower case is two characters, combining marks, Unicode spaces (and U+001C, a space
    /// to `str.isspace` but not to `\s`), digits and numbers of other scripts, CJK, a letter and an emoji
    /// above U+FFFF, bullets, stops, closers and the glue's characters.
    const TRICKY: &[&str] = &[
        "a",
        "Z",
        "q",
        "é",
        "É",
        "ǅ",
        "Σ",
        "ς",
        "ΑΣ",
        "İ",
        "ß",
        "ﬁ",
        "Ⅷ",
        "ª",
        "\u{301}",
        "\u{a0}",
        "\u{3000}",
        "\u{2003}",
        "\u{1c}",
        "\u{85}",
        "٣",
        "²",
        "½",
        "日",
        "の",
        "カ",
        "한",
        "Ж",
        "ж",
        " ",
        "  ",
        "\t",
        "\n",
        "’",
        "-",
        "'",
        ".",
        "?",
        "!",
        ")",
        "\"",
        "”",
        "»",
        "…",
        "•",
        "–",
        "1",
        "42",
        "123",
        "1234",
        "[",
        "]",
        "𐐀",
        "😀",
        "The",
        "News",
        "WeWork",
        "\u{200b}",
        "\r",
        "©",
        ":",
        "。",
        "café",
        "Über",
        "straße",
        "━━",
        "ÄB",
        "aÉ",
        "Éa",
        "é1",
        "żE",
        "Ы",
        "ы",
        "\u{ad}",
        "“",
        "—",
        "☆",
        "x’y",
        "don't",
        "-a-",
        "well-known",
        "ǈ",
        "ᾈ",
        "\u{2028}",
    ];

    #[test]
    fn fast_paths_read_as_the_general_path() {
        let mut lines: Vec<String> = [
            "  • The cat sat on the mat.",
            "ΟΔΟΣ ΑΣ. Σ Ναός",
            "ǅemal Ǆ ǆ Élan été İstanbul",
            "e\u{301}cole E\u{301}COLE",
            "12)\u{a0}Item\u{3000}one  ",
            "\u{1c} ١٢٣. ² ½ ٣ items",
            "日本語の文章です。カタカナ 한국어",
            "Big News In TownToday Joe said it all",
            "Flour\u{a0}\u{a0}125 g  sifted\t12",
            "“Quoted,” he said.’",
            "[logo] Über uns",
            "𐐀𐐨 Deseret 😀 done!",
            "a\t b\t c1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Lines of up to 12 pieces of TRICKY, drawn by a fixed linear congruential generator.
        let mut next = crate::testkit::draws(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let pieces = 1 + next(12);
            lines.push((0..pieces).map(|_| TRICKY[next(TRICKY.len())]).collect());
        }
        for line in &lines {
            assert_eq!(shape(line), shape_by_patterns(line), "{line:?}");
        }
    }

    /// Lines of up to 16 pieces of [`TRICKY`] with at least one character outside ASCII (what
    /// [`read_text`] meets outside ASCII), by a fixed draw.
    fn wide_lines(seed: u64, n: usize) -> Vec<String> {
        let mut next = crate::testkit::draws(seed);
        let mut lines = Vec::with_capacity(n);
        while lines.len() < n {
            let line: String = (0..1 + next(16)).map(|_| TRICKY[next(TRICKY.len())]).collect();
            if !line.is_ascii() {
                lines.push(line);
            }
        }
        lines
    }

    /// What [`read_text`] counts, read character by character: a word starts at `[\p{L}\p{N}]` and goes on
    /// through `[\p{L}\p{N}\p{M}'’\-]`, each character's class asked of [`pystr`]'s predicates; the
    /// words lower-cased, then the words not started by a CJK character, those whose initial has case,
    /// the capitals among these, the CJK characters, the characters, a digit, a glue point.
    #[allow(clippy::type_complexity)]
    /// What `read_by_chars` reads: words, latin, cased, upper, cjk, chars, digits, glue.
    type CharReading = (Vec<String>, usize, usize, usize, usize, usize, bool, bool);

    fn read_by_chars(text: &str) -> CharReading {
        let starts = |c: char| pystr::is_regex_letter(c) || pystr::is_regex_number(c);
        let goes_on = |c: char| starts(c) || pystr::is_regex_mark(c) || matches!(c, '\'' | '’' | '-');
        let (mut words, mut word): (Vec<String>, Option<String>) = (Vec::new(), None);
        let (mut latin, mut cased, mut upper) = (0, 0, 0);
        for c in text.chars() {
            match word.as_mut() {
                Some(w) if goes_on(c) => w.push(c),
                _ => {
                    words.extend(word.take());
                    if starts(c) {
                        word = Some(c.to_string());
                        if !pystr::is_regex_cjk(c) {
                            latin += 1;
                            if pystr::is_alpha(c) && pystr::has_case(c) {
                                cased += 1;
                                upper += usize::from(pystr::is_upper(c));
                            }
                        }
                    }
                }
            }
        }
        words.extend(word);
        let chars: Vec<char> = text.chars().collect();
        let glue = chars.windows(2).any(|p| {
            (pystr::is_regex_lower(p[0]) || pystr::is_regex_digit(p[0]) || matches!(p[0], '?' | '!' | ')'))
                && pystr::is_regex_upper(p[1])
        });
        (
            words.iter().map(|w| pystr::lower(w)).collect(),
            latin,
            cased,
            upper,
            chars.iter().filter(|&&c| pystr::is_regex_cjk(c)).count(),
            chars.len(),
            chars.iter().any(|&c| pystr::is_digit(c)),
            glue,
        )
    }

    #[test]
    fn the_word_loop_counts_as_read_by_characters() {
        // ASCII words of every length from 1 to 9 (a word's bytes are read two at a time: odd and even
        // runs), capitals and digits at every place in them, each separator, Latin, CJK and mixed pieces.
        const ASCII: &[&str] = &[
            "a",
            "Z",
            "7",
            "ab",
            "aB",
            "Ab",
            "AB",
            "a1",
            "1A",
            "abc",
            "aBc",
            "abC",
            "ABC",
            "x9y",
            "abcd",
            "abcD",
            "aBCd",
            "wxyz1",
            "abcdE",
            "Hello",
            "HELLO",
            "iPhone",
            "McDonald",
            "well-known",
            "don't",
            "o'Neil",
            "x--Y",
            "abcdefgH",
            "2026",
            "abcdefghi",
            "ABCDEFGHi",
            "a9",
            "x19",
            "b2B",
        ];
        const SEPARATORS: &[&str] = &[
            " ", "  ", ".", "?", "!", ")", "(", ",", "-", "'", "\t", "/", ":", "\"", "—", "’", "\u{a0}",
        ];
        const WIDE: &[&str] = &[
            "é",
            "É",
            "straße",
            "ÜBER",
            "Ärger",
            "naïve",
            "Œuvre",
            "日本語",
            "カタカナ",
            "中文字",
            "한국어",
            "Жук",
            "σοφία",
            "e\u{301}",
            "A\u{301}B",
            "١٢٣",
            "²",
            "😀",
            "𐐀x",
            "x’y",
            "“",
            "aÉ",
            "Éa",
            "żE",
            "…",
            // Words lower-cased by a look-up beside words of the same lines that lower to themselves.
            "ΣΟΦΟΣ",
            "Σοφός",
            "мир",
            "İstanbul",
            "ǅemal",
        ];
        let mut next = crate::testkit::draws(0x0bad_5eed_1234_5678);
        let mut lines: Vec<String> = Vec::new();
        for style in 0..4 {
            for _ in 0..6_000 {
                let mut line = String::new();
                for _ in 0..1 + next(14) {
                    let pick = match style {
                        // ASCII; Latin and other scripts; CJK; all mixed.
                        0 => ASCII[next(ASCII.len())],
                        1 if next(3) == 0 => WIDE[next(12)],
                        2 if next(2) == 0 => WIDE[7 + next(4)],
                        3 if next(3) == 0 => WIDE[next(WIDE.len())],
                        _ => ASCII[next(ASCII.len())],
                    };
                    line.push_str(pick);
                    if next(4) != 0 {
                        line.push_str(SEPARATORS[next(SEPARATORS.len())]);
                    }
                }
                lines.push(line);
            }
        }
        for text in &lines {
            let read = read_text(text);
            let (words, latin, cased, upper, cjk, chars, digits, glue) = read_by_chars(text);
            assert_eq!(read.words.iter().collect::<Vec<_>>(), words, "{text:?}");
            assert_eq!(
                (
                    read.latin,
                    read.cased,
                    read.upper,
                    read.cjk,
                    read.chars,
                    read.digits,
                    read.glue
                ),
                (latin, cased, upper, cjk, chars, digits, glue),
                "{text:?}"
            );
        }
        // Every style drew lines with and without a glue point and a digit.
        for style in lines.chunks(6_000) {
            let found = |f: fn(&CharReading) -> bool| style.iter().filter(|t| f(&read_by_chars(t))).count();
            assert!((100..5_900).contains(&found(|r| r.6)), "digits");
            assert!((100..5_900).contains(&found(|r| r.7)), "glue");
        }
    }

    #[test]
    fn the_wide_path_reads_as_the_patterns() {
        // Each character outside ASCII between, before and after ASCII runs of every kind, so that the
        // ASCII bytes read as bytes meet the characters read by class at every seam (words, glue points).
        for text in wide_lines(0x9e37_79b9_7f4a_7c15, 30_000) {
            let read = read_text(&text);
            let words: Vec<String> = unicode_words(&text).map(pystr::lower).collect();
            assert_eq!(read.words.iter().collect::<Vec<_>>(), words, "{text:?}");
            assert_eq!(read.glue, glue_point(&text), "{text:?}");
            assert_eq!(read.digits, text.chars().any(pystr::is_digit), "{text:?}");
            assert_eq!(read.chars, text.chars().count(), "{text:?}");
            assert_eq!(
                read.cjk,
                text.chars().filter(|&c| pystr::is_regex_cjk(c)).count(),
                "{text:?}"
            );
            let initials: Vec<char> = unicode_words(&text)
                .filter_map(|w| w.chars().next())
                .filter(|&c| !pystr::is_regex_cjk(c))
                .collect();
            let cased: Vec<char> = initials
                .iter()
                .copied()
                .filter(|&c| pystr::is_alpha(c) && pystr::has_case(c))
                .collect();
            assert_eq!(read.latin, initials.len(), "{text:?}");
            assert_eq!(read.cased, cased.len(), "{text:?}");
            assert_eq!(
                read.upper,
                cased.iter().filter(|&&c| pystr::is_upper(c)).count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn byte_classes_are_the_ascii_classes() {
        // `read_text` reads an ASCII byte by `BYTE_CLASS` and its initial as an ASCII letter or digit.
        let table = classes();
        for b in 0..0x80u8 {
            let class = table[usize::from(b)];
            let bytes = BYTE_CLASS[usize::from(b)];
            assert_eq!(bytes & ALNUM != 0, class & WORD_START != 0, "{b}");
            assert_eq!(bytes & IN_WORD != 0, class & WORD_ON != 0, "{b}");
            if class & WORD_START != 0 {
                assert_eq!(class & CJK, 0, "{b}");
                assert_eq!(
                    class & (ALPHA | HAS_CASE) == ALPHA | HAS_CASE,
                    bytes & LETTER != 0,
                    "{b}"
                );
                assert_eq!(class & UPPER != 0, bytes & CAPITAL != 0, "{b}");
            } else {
                assert_eq!(bytes & (LETTER | CAPITAL), 0, "{b}");
            }
            assert_eq!(class & LOWERS, 0, "{b}");
        }
    }

    #[test]
    fn wide_spaces_are_told_by_their_bytes() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(
                starts_with_wide_space(text.as_bytes()),
                pystr::is_regex_space(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn regex_spaces_are_python_spaces() {
        // `shape_text` strips a line past the indent `_BULLET` read: the strip must take that indent whole.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert!(!pystr::is_regex_space(c) || pystr::is_space(c), "{c:?}");
        }
    }

    #[test]
    fn class_table_holds_the_predicates() {
        let table = classes();
        for cp in 0..0x10000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            assert_eq!(table.get(cp as usize).copied(), Some(class_of(c)), "{c:?}");
            if !c.is_ascii() && table.get(cp as usize).is_some_and(|&k| k & LOWERS == 0) {
                // Where the table says `str.lower()` keeps a character, it does.
                assert_eq!(pystr::lower(&c.to_string()), c.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn folds_find_what_the_byte_pairs_hold() {
        // Every length around the blocks of the folds, a glue point, a digit, a tab or two spaces at
        // every position, against what the text holds as the Python code asked it.
        let folds = |text: &[u8]| {
            let s = std::str::from_utf8(text).unwrap_or_default();
            let asked = (
                s.bytes().any(|b| b.is_ascii_digit()),
                glue_point(s),
                s.contains('\t'),
                s.contains("  "),
            );
            let (digits, glue) = ascii_folds(text);
            let (tab, spaces) = tab_and_spaces(s);
            assert_eq!((digits, glue, tab, spaces), asked, "{s:?}");
            asked
        };
        for n in 0..3 * FOLD_BYTES {
            assert_eq!(folds(&vec![b'x'; n]), (false, false, false, false), "{n}");
            for at in 0..n.saturating_sub(1) {
                let mut text = vec![b'x'; n];
                text[at] = b')';
                text[at + 1] = b'Q';
                assert!(folds(&text).1, "{n} {at}");
                text[at] = b' ';
                text[at + 1] = b' ';
                assert!(folds(&text).3, "{n} {at}");
            }
            for at in 0..n {
                let mut text = vec![b'Z'; n];
                text[at] = b'7';
                assert_eq!(folds(&text), (true, at + 1 < n, false, false), "{n} {at}");
                text[at] = b'\t';
                assert!(folds(&text).2, "{n} {at}");
                // One space alone is not two.
                text[at] = b' ';
                assert!(!folds(&text).3, "{n} {at}");
            }
        }
    }

    #[test]
    fn strips_as_python() {
        for s in [
            "",
            " ",
            "\u{1c}a b\u{a0}",
            "\t\u{3000} x\u{2028}\n",
            "é ",
            " é",
            "  a  ",
            "\u{85}",
            // Indents of a w3m dump: groups of eight spaces, then what is left of the indent.
            "                    \u{a0}x ",
            "                 \t x",
            "        \u{1c}       \u{3000}Item",
            "                                                                ",
            "                                                                 x  ",
            "        ",
            "       é",
        ] {
            assert_eq!(pystr::strip(s), s.trim_matches(pystr::is_space), "{s:?}");
            assert_eq!(pystr::lstrip(s), s.trim_start_matches(pystr::is_space), "{s:?}");
            assert_eq!(pystr::rstrip(s), s.trim_end_matches(pystr::is_space), "{s:?}");
            assert_eq!(
                trim_regex_space_start(s),
                s.trim_start_matches(pystr::is_regex_space),
                "{s:?}"
            );
        }
    }

    #[test]
    fn character_classes_by_match_as_listed() {
        let listed = BULLETS.chars().chain(CLOSERS.chars()).chain(TERMINAL_STOPS.chars());
        for c in (0..0x3100).filter_map(char::from_u32).chain(listed) {
            assert_eq!(is_bullet(c), BULLETS.contains(c), "{c:?}");
            assert_eq!(is_closer(c), CLOSERS.contains(c), "{c:?}");
            assert_eq!(is_terminal_stop(c), TERMINAL_STOPS.contains(c), "{c:?}");
        }
    }

    #[test]
    fn terminal() {
        let got: Vec<bool> = ["Done.", "He said \"no.\"", "(see above)", "Home", "«Quoted»", ""]
            .iter()
            .map(|t| is_terminal(t))
            .collect();
        assert_eq!(got, [true, true, false, false, true, false]);
    }

    #[test]
    fn capitalised() {
        assert_eq!(shape("The cat 1 École").capitalised, 2.0 / 3.0);
        assert_eq!(shape("123 456").capitalised, 0.0);
    }

    #[test]
    fn glued() {
        assert!(glued_teaser(
            "Harvick Fails To Rally In NASCAR FinaleFord v Toyota flopped at the track."
        ));
        assert!(!glued_teaser("He ate at McDonald's with the iPhone team."));
        // A camel-case name with a few words after it is no title glued to a summary.
        assert!(!glued_teaser("Thanks to Sparx and SadiumBound for the videos"));
        assert!(!glued_teaser("Jul, 2012 / CatCatAttack says:"));
        assert!(glued_teaser("Police Close Main StreetThe road will reopen on Monday."));
        assert!(!glued_teaser(
            "The Attorney General is investigating WeWork, according to two people."
        ));
    }

    #[test]
    fn glued_tokens_read_as_by_characters() {
        // Titles glued to sentences or not, of up to 40 words apart by spaces of every kind (U+001C is a
        // space to `str.split` but not to `\s`), ASCII or not.
        const WORDS: &[&str] = &[
            "Big",
            "News",
            "In",
            "townToday",
            "TownToday",
            "Joe",
            "said",
            "it",
            "all",
            "and",
            "a",
            "cD",
            "E",
            "F",
            "h",
            "9Z",
            "x)Y",
            "ok?Now",
            "wow!Then",
            "Über",
            "ÉcoleÉté",
            "straßeZ",
            "élanÉcole",
            "42",
            "St.",
            "'s",
            "McDonald",
            "iPhone",
            "Ω",
            "ω",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", "\u{a0}", "\u{1c}", "\n", "\u{3000}"];
        let mut next = crate::testkit::draws(0x2f1c_0a4d_77e3_91b5);
        let mut kinds = [0usize; 2];
        for _ in 0..40_000 {
            let mut line = String::new();
            for w in 0..1 + next(40) {
                if w > 0 {
                    line.push_str(GAPS[next(GAPS.len())]);
                }
                line.push_str(WORDS[next(WORDS.len())]);
            }
            let got = glued_match(&line);
            assert_eq!(got, glued_match_by_chars(&line), "{line:?}");
            if let Some((_, capital)) = got {
                kinds[usize::from(capital)] += 1;
            }
        }
        // Both ways of a match were drawn, and often.
        assert!(kinds.iter().all(|&k| k > 100), "{kinds:?}");
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_regex_space(b), pystr::is_regex_space(char::from(b)), "{b}");
        }
    }

    #[test]
    fn glued_capital_group() {
        // A name after the glue: the title needs 85% capitals, here 3 of 4; without one, 60% is enough.
        assert_eq!(glued_match("Big News In townToday Joe said it all"), Some((16, true)));
        assert!(!glued_teaser("Big News In townToday Joe said it all again"));
        assert!(glued_teaser("Big News In TownToday Joe said it all again"));
        assert_eq!(glued_match("Big News In townToday and said it all"), Some((16, false)));
        assert!(glued_teaser("Big News In townToday and said it all again"));
        assert_eq!(glued_match("a b cD E F G h i j"), Some((5, true)));
        assert_eq!(glued_match("a b cD E F G H i j k"), None);
    }

    #[test]
    fn a_line_with_nothing_to_strip_is_its_own_text() {
        for (line, own) in [
            ("Plain story line.", true),
            ("École fermée", true),
            ("  indented", false),
            ("• Item", false),
            ("[logo] Home", false),
            ("", true),
        ] {
            let kept: Rc<str> = Rc::from(line);
            let s = shape_shared(&kept);
            assert_eq!(s, shape(line), "{line:?}");
            assert_eq!(Rc::ptr_eq(&s.text, &kept), own, "{line:?}");
        }
    }

    #[test]
    fn bullets_and_labels() {
        let s = shape("12) [logo] Item one");
        assert_eq!((s.bullet, &*s.text), (true, "Item one"));
        assert!(!shape("1234) Item").bullet);
        assert!(!shape("\u{1c}• Item").bullet);
        assert_eq!(&*shape("[only a label]").text, "[only a label]");
        assert_eq!(&*shape("•").text, "•");
    }

    #[test]
    fn words() {
        let words = |t: &str| shape(t).words.iter().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words("It’s a well-known «ΟΔΟΣ»"), ["it’s", "a", "well-known", "οδος"]);
        assert_eq!(words("Don't-stop 42x"), ["don't-stop", "42x"]);
    }

    #[test]
    fn one_pass_reads_as_the_patterns() {
        for text in [
            "It’s a well-known fact’ 42x ‘quoted’ don't-stop",
            "FinaleFord v Toyota?Yes! (aside)Then 3D",
            "a’B ’’ x’’y - -a a- ’",
            "",
            "“Quoted” and this – © 2024 Inc. are plain: no letter outside ASCII",
            "a)B c?D e!F 9Z ’G x’Y (Q) -R A",
        ] {
            let read = read_text(text);
            let words: Vec<String> = plain_words(text).map(str::to_ascii_lowercase).collect();
            assert_eq!(read.words.iter().collect::<Vec<_>>(), words, "{text}");
            assert_eq!(read.chars, text.chars().count(), "{text}");
            assert_eq!(read.glue, glue_point(text), "{text}");
            assert_eq!(read.digits, text.bytes().any(|b| b.is_ascii_digit()), "{text}");
        }
    }

    #[test]
    fn cells_and_rows() {
        assert!(shape("Flour  125 g  sifted").table_row);
        assert!(!shape("Flour  125 g\nx  y").table_row);
        assert!(shape("Flour  125\r g  x").table_row);
        assert!(!shape("Flour 125 g").table_row);
    }
}
