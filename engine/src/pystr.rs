//! Python's `str` semantics, for byte-identical results with the Python implementation this engine replaced.
//!
//! Python and Rust disagree on what a space, a letter, a digit or a case is (`str.isspace` takes
//! U+001C..U+001F, `char::is_whitespace` does not; `str.isalpha` is the letter categories, not the
//! Alphabetic property). The predicates here follow Python 3.11's `unicodedata`, and the `is_regex_*`
//! ones the character classes of the `regex` module the Python patterns ran with (its Unicode database is
//! newer than Python's and than the `regex` crate's), from tables that `pystr_gen.py` writes into
//! `pystr_tables.rs`.
//!
//! ```
//! use cleaner_engine::pystr;
//! assert_eq!(pystr::split("  Read\u{a0}more \n x"), vec!["Read", "more", "x"]);
//! assert_eq!(pystr::strip("\u{1c} a "), "a");
//! ```

use crate::pystr_tables as t;

/// [`in_ranges`]'s answers below U+0080 for a class whose ASCII members are the bits of `bits`: one load
/// per character, where shifting a `u128` by the code point cost several instructions on the hottest
/// path of the engine (every space, letter and case question about an ASCII character).
const fn ascii_table(bits: u128) -> [bool; 128] {
    let mut table = [false; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = (bits >> c) & 1 != 0;
        c += 1;
    }
    table
}

static ALNUM_ASCII: [bool; 128] = ascii_table(t::ALNUM_ASCII);
static ALPHA_ASCII: [bool; 128] = ascii_table(t::ALPHA_ASCII);
static CASED_ASCII: [bool; 128] = ascii_table(t::CASED_ASCII);
static CASE_IGNORABLE_ASCII: [bool; 128] = ascii_table(t::CASE_IGNORABLE_ASCII);
static DECIMAL_ASCII: [bool; 128] = ascii_table(t::DECIMAL_ASCII);
static DIGIT_ASCII: [bool; 128] = ascii_table(t::DIGIT_ASCII);
static HAS_CASE_ASCII: [bool; 128] = ascii_table(t::HAS_CASE_ASCII);
static RE_CJK_ASCII: [bool; 128] = ascii_table(t::RE_CJK_ASCII);
static RE_DIGIT_ASCII: [bool; 128] = ascii_table(t::RE_DIGIT_ASCII);
static RE_LETTER_ASCII: [bool; 128] = ascii_table(t::RE_LETTER_ASCII);
static RE_LOWER_ASCII: [bool; 128] = ascii_table(t::RE_LOWER_ASCII);
static RE_MARK_ASCII: [bool; 128] = ascii_table(t::RE_MARK_ASCII);
static RE_NUMBER_ASCII: [bool; 128] = ascii_table(t::RE_NUMBER_ASCII);
static RE_SPACE_ASCII: [bool; 128] = ascii_table(t::RE_SPACE_ASCII);
static RE_UPPER_ASCII: [bool; 128] = ascii_table(t::RE_UPPER_ASCII);
static RE_WORD_ASCII: [bool; 128] = ascii_table(t::RE_WORD_ASCII);
static SPACE_ASCII: [bool; 128] = ascii_table(t::SPACE_ASCII);
static UPPER_ASCII: [bool; 128] = ascii_table(t::UPPER_ASCII);

/// Whether `c` lies in one of the sorted inclusive `ranges` (`ascii` holds the answer below U+0080).
#[inline]
fn in_ranges(c: char, ascii: &[bool; 128], ranges: &[(u32, u32)]) -> bool {
    let c = c as u32;
    if let Some(&yes) = ascii.get(c as usize) {
        return yes;
    }
    let after = ranges.partition_point(|&(lo, _)| lo <= c);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|&(_, hi)| c <= hi)
}

/// `c.isspace()`.
///
/// ```
/// use cleaner_engine::pystr::is_space;
/// assert!(is_space('\u{1c}') && is_space('\u{a0}') && !is_space('\u{200b}'));
/// ```
#[inline]
pub fn is_space(c: char) -> bool {
    in_ranges(c, &SPACE_ASCII, &t::SPACE)
}

/// 1 when ASCII byte `b` is a space of `str.isspace()` other than `' '` (tab to carriage return, and the
/// separators U+001C to U+001F), else 0: by comparisons, which a fold over a line's bytes runs many at a time.
///
/// ```
/// use cleaner_engine::pystr::other_ascii_space;
/// assert_eq!((other_ascii_space(b'\t'), other_ascii_space(0x1f), other_ascii_space(b' ')), (1, 1, 0));
/// ```
#[inline]
pub fn other_ascii_space(b: u8) -> u8 {
    u8::from(b.wrapping_sub(b'\t') <= b'\r' - b'\t') | u8::from(b.wrapping_sub(0x1c) <= 0x1f - 0x1c)
}

/// Whether the `regex` module's `\s` matches `c` (Unicode White_Space: unlike `str.isspace`, not
/// U+001C..U+001F).
///
/// ```
/// use cleaner_engine::pystr::is_regex_space;
/// assert!(is_regex_space(' ') && is_regex_space('\u{3000}') && !is_regex_space('\u{1c}'));
/// ```
#[inline]
pub fn is_regex_space(c: char) -> bool {
    in_ranges(c, &RE_SPACE_ASCII, &t::RE_SPACE)
}

/// `c.isalpha()`: categories Lu, Ll, Lt, Lm, Lo.
///
/// ```
/// use cleaner_engine::pystr::is_alpha;
/// assert!(is_alpha('é') && is_alpha('ª') && !is_alpha('\u{301}') && !is_alpha('1'));
/// ```
#[inline]
pub fn is_alpha(c: char) -> bool {
    in_ranges(c, &ALPHA_ASCII, &t::ALPHA)
}

/// `c.isdigit()`.
///
/// ```
/// use cleaner_engine::pystr::is_digit;
/// assert!(is_digit('7') && is_digit('²') && is_digit('٣') && !is_digit('½'));
/// ```
#[inline]
pub fn is_digit(c: char) -> bool {
    in_ranges(c, &DIGIT_ASCII, &t::DIGIT)
}

/// `c.isdecimal()`: category Nd in Python's Unicode database (the `regex` module's `\d` is
/// [`is_regex_digit`], from its own, newer, database).
///
/// ```
/// use cleaner_engine::pystr::is_decimal;
/// assert!(is_decimal('7') && is_decimal('٣') && !is_decimal('²'));
/// ```
#[inline]
pub fn is_decimal(c: char) -> bool {
    in_ranges(c, &DECIMAL_ASCII, &t::DECIMAL)
}

/// `c.isalnum()`.
///
/// ```
/// use cleaner_engine::pystr::is_alnum;
/// assert!(is_alnum('a') && is_alnum('½') && !is_alnum('_') && !is_alnum('-'));
/// ```
#[inline]
pub fn is_alnum(c: char) -> bool {
    in_ranges(c, &ALNUM_ASCII, &t::ALNUM)
}

/// `c.isupper()` for one character.
///
/// ```
/// use cleaner_engine::pystr::is_upper;
/// assert!(is_upper('A') && is_upper('Ⅷ') && !is_upper('ǅ') && !is_upper('a'));
/// ```
#[inline]
pub fn is_upper(c: char) -> bool {
    in_ranges(c, &UPPER_ASCII, &t::UPPER)
}

/// `c.lower() != c.upper()`: the character has case.
///
/// ```
/// use cleaner_engine::pystr::has_case;
/// assert!(has_case('a') && has_case('Σ') && !has_case('ª') && !has_case('1'));
/// ```
#[inline]
pub fn has_case(c: char) -> bool {
    in_ranges(c, &HAS_CASE_ASCII, &t::HAS_CASE)
}

/// The `regex` module's `\d` (category Nd of its Unicode database).
///
/// ```
/// use cleaner_engine::pystr::is_regex_digit;
/// assert!(is_regex_digit('٣') && !is_regex_digit('²'));
/// ```
#[inline]
pub fn is_regex_digit(c: char) -> bool {
    in_ranges(c, &RE_DIGIT_ASCII, &t::RE_DIGIT)
}

/// The `regex` module's `\w`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_word;
/// assert!(is_regex_word('_') && is_regex_word('é') && !is_regex_word('-'));
/// ```
#[inline]
pub fn is_regex_word(c: char) -> bool {
    in_ranges(c, &RE_WORD_ASCII, &t::RE_WORD)
}

/// The `regex` module's `\p{L}`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_letter;
/// assert!(is_regex_letter('ß') && !is_regex_letter('1'));
/// ```
#[inline]
pub fn is_regex_letter(c: char) -> bool {
    in_ranges(c, &RE_LETTER_ASCII, &t::RE_LETTER)
}

/// The `regex` module's `\p{Ll}`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_lower;
/// assert!(is_regex_lower('ß') && !is_regex_lower('ª') && !is_regex_lower('A'));
/// ```
#[inline]
pub fn is_regex_lower(c: char) -> bool {
    in_ranges(c, &RE_LOWER_ASCII, &t::RE_LOWER)
}

/// The `regex` module's `\p{Lu}`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_upper;
/// assert!(is_regex_upper('É') && !is_regex_upper('Ⅷ') && !is_regex_upper('a'));
/// ```
#[inline]
pub fn is_regex_upper(c: char) -> bool {
    in_ranges(c, &RE_UPPER_ASCII, &t::RE_UPPER)
}

/// The `regex` module's `\p{N}`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_number;
/// assert!(is_regex_number('½') && is_regex_number('7') && !is_regex_number('a'));
/// ```
#[inline]
pub fn is_regex_number(c: char) -> bool {
    in_ranges(c, &RE_NUMBER_ASCII, &t::RE_NUMBER)
}

/// The `regex` module's `\p{M}`.
///
/// ```
/// use cleaner_engine::pystr::is_regex_mark;
/// assert!(is_regex_mark('\u{301}') && !is_regex_mark('a'));
/// ```
#[inline]
pub fn is_regex_mark(c: char) -> bool {
    in_ranges(c, &RE_MARK_ASCII, &t::RE_MARK)
}

/// The `regex` module's `[\p{Han}\p{Hiragana}\p{Katakana}]` (none lies below U+2E80).
///
/// ```
/// use cleaner_engine::pystr::is_regex_cjk;
/// assert!(is_regex_cjk('日') && is_regex_cjk('の') && is_regex_cjk('カ') && !is_regex_cjk('한'));
/// ```
#[inline]
pub fn is_regex_cjk(c: char) -> bool {
    in_ranges(c, &RE_CJK_ASCII, &t::RE_CJK)
}

/// Cased, as the final sigma rule of `str.lower` reads it.
#[inline]
fn is_cased(c: char) -> bool {
    in_ranges(c, &CASED_ASCII, &t::CASED)
}

/// Case_Ignorable, as the final sigma rule of `str.lower` reads it.
#[inline]
fn is_case_ignorable(c: char) -> bool {
    in_ranges(c, &CASE_IGNORABLE_ASCII, &t::CASE_IGNORABLE)
}

/// `s.isspace()`: non-empty and every character a space.
pub fn is_str_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_space)
}

/// `s.isdigit()`: non-empty and every character a digit.
pub fn is_str_digit(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_digit)
}

/// `s.strip()`.
///
/// ```
/// use cleaner_engine::pystr::strip;
/// assert_eq!((strip("a b"), strip(" a\u{a0}"), strip("\u{3000}")), ("a b", "a", ""));
/// ```
pub fn strip(s: &str) -> &str {
    // Most lines start and end with a printable ASCII character (no space): settled by two bytes.
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => rstrip(lstrip(s)),
    }
}

/// How many bytes `bytes` starts with that are `' '`, in groups of eight read as one word each: at
/// most 7 spaces fewer than there are (w3m indents lines by tens of spaces, up to hundreds, which a
/// byte loop read at some 6 instructions a byte).
///
/// ```
/// use cleaner_engine::pystr::space_groups;
/// assert_eq!(space_groups(b"        Item"), 8);
/// assert_eq!(space_groups(b"                   x"), 16);
/// assert_eq!((space_groups(b"       x"), space_groups(b"\t       x")), (0, 0));
/// ```
pub fn space_groups(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    bytes
        .chunks_exact(8)
        .take_while(|group| <[u8; 8]>::try_from(*group).is_ok_and(|g| u64::from_le_bytes(g) == SPACES))
        .count()
        * 8
}

/// `s.lstrip()`.
pub fn lstrip(s: &str) -> &str {
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return s;
    }
    // An indent of ASCII spaces byte by byte (decoding each as a character cost a dozen instructions),
    // past its groups of eight `' '` ([`space_groups`]); characters only from the first byte outside ASCII.
    let skip = space_groups(s.as_bytes());
    let ascii = s
        .as_bytes()
        .get(skip..)
        .and_then(|rest| {
            rest.iter()
                .position(|&b| !SPACE_ASCII.get(usize::from(b)).is_some_and(|&yes| yes))
        })
        .map(|at| skip + at);
    match ascii.and_then(|at| s.get(at..)) {
        Some(rest) if rest.as_bytes().first().is_some_and(|&b| b >= 0x80) => rest.trim_start_matches(is_space),
        Some(rest) => rest,
        None => "",
    }
}

/// `s.rstrip()`.
pub fn rstrip(s: &str) -> &str {
    if s.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
        return s;
    }
    // As [`lstrip`]: ASCII spaces byte by byte, characters only from a byte outside ASCII.
    let ascii = s
        .bytes()
        .rposition(|b| !SPACE_ASCII.get(usize::from(b)).is_some_and(|&yes| yes));
    match ascii.and_then(|at| s.get(..=at)) {
        Some(head) if head.as_bytes().last().is_some_and(|&b| b >= 0x80) => head.trim_end_matches(is_space),
        Some(head) => head,
        None => "",
    }
}

/// `s.strip(" \t\n\x0b\x0c\r")`: the ASCII bytes of Unicode's White_Space (not Python's `\x1c`-`\x1f`),
/// byte by byte: for a caller that treats a character outside ASCII at either end itself.
///
/// ```
/// use cleaner_engine::pystr::strip_ascii_spaces;
/// assert_eq!(strip_ascii_spaces("\t Ad \r\n"), "Ad");
/// assert_eq!(strip_ascii_spaces("\u{a0}Ad\x1c"), "\u{a0}Ad\x1c");
/// assert_eq!(strip_ascii_spaces(" \n"), "");
/// assert_eq!(strip_ascii_spaces("                 Ad\t"), "Ad");
/// assert_eq!(strip_ascii_spaces("                "), "");
/// ```
pub fn strip_ascii_spaces(s: &str) -> &str {
    // Byte by byte: a character predicate decodes each end character, which costs more on every line.
    // An indent (w3m's, a few dozen spaces) past its groups of eight `' '` first ([`space_groups`]).
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let skip = space_groups(bytes);
    let start = bytes
        .get(skip..)
        .and_then(|rest| rest.iter().position(|b| !space(b)))
        .map_or(bytes.len(), |at| skip + at);
    let end = bytes.iter().rposition(|b| !space(b)).map_or(start, |e| e + 1);
    s.get(start..end).unwrap_or_default()
}

/// `s.strip(chars)`.
pub fn strip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_matches(|c| chars.contains(c))
}

/// `s.lstrip(chars)`.
pub fn lstrip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_start_matches(|c| chars.contains(c))
}

/// `s.rstrip(chars)`.
pub fn rstrip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_end_matches(|c| chars.contains(c))
}

/// `s.split()`: the runs of non-space characters.
pub fn split(s: &str) -> Vec<&str> {
    s.split(is_space).filter(|w| !w.is_empty()).collect()
}

/// `" ".join(s.split())`.
///
/// ```
/// use cleaner_engine::pystr::normalise_space;
/// assert_eq!(normalise_space("   Home  |\tNews \u{3000}more\u{a0} é x "), "Home | News more é x");
/// assert_eq!(normalise_space(" \u{2003} "), "");
/// ```
pub fn normalise_space(s: &str) -> String {
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Whether the character that starts at byte `i` is a space (of `str.isspace()`), and its length: ASCII
    // bytes by their value, a character outside ASCII decoded; past the end, no space of length 0.
    let char_at = |i: usize| match bytes.get(i) {
        None => (false, 0),
        Some(&b) if b < 0x80 => (b == b' ' || other_ascii_space(b) != 0, 1),
        Some(_) => s
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or((false, 1), |c| (is_space(c), c.len_utf8())),
    };
    let mut out = String::with_capacity(n);
    // An indent's groups of eight `' '` at once (w3m indents the lines this is asked of).
    let mut i = space_groups(bytes);
    // Runs of words apart by one `' '` each are copied whole (the lines of a text browser are mostly
    // single-spaced words under an indent): a push for each run, not one for each word. A run starts and
    // ends where a space starts or at an end, on characters' bounds.
    loop {
        while let (true, len) = char_at(i) {
            i += len;
        }
        if i >= n {
            break;
        }
        let start = i;
        loop {
            // A word's printable ASCII bytes by one comparison each (no space is one), then whatever
            // character stopped them by its class: every byte was asked whether a space starts there.
            loop {
                let rest = bytes.get(i..).unwrap_or_default();
                i += rest.iter().position(|b| !b.is_ascii_graphic()).unwrap_or(rest.len());
                match char_at(i) {
                    (false, len) if len > 0 => i += len,
                    _ => break,
                }
            }
            if bytes.get(i) == Some(&b' ') && matches!(char_at(i + 1), (false, len) if len > 0) {
                i += 1;
            } else {
                break;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s.get(start..i).unwrap_or_default());
    }
    out
}

/// `len(s)`: code points.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// `s.lower()`: full mappings (`İ` gives two characters), and `Σ` as Python does it: `ς` after a cased
/// character (case-ignorable ones between) and not before one, else `σ`.
///
/// ```
/// use cleaner_engine::pystr::lower;
/// assert_eq!(lower("ÉTÉ İ"), "été i\u{307}");
/// assert_eq!(lower("ΟΔΟΣ Σ ΑΣ."), "οδος σ ας.");
/// ```
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    lower_into(s, &mut out);
    out
}

/// Append `s`, an ASCII text, lower-cased: the fast path of [`lower_into`] and [`casefold_into`], which
/// agree with Python on ASCII.
fn push_ascii_lower(out: &mut String, s: &str) {
    let start = out.len();
    out.push_str(s);
    if let Some(added) = out.get_mut(start..) {
        added.make_ascii_lowercase();
    }
}

/// Append [`lower`] of `s` to `out` (one buffer for many words).
///
/// ```
/// let mut out = String::from("a ");
/// cleaner_engine::pystr::lower_into("ΑΣ", &mut out);
/// assert_eq!(out, "a ας");
/// ```
pub fn lower_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        push_ascii_lower(out, s);
        return;
    }
    out.reserve(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\u{3a3}' {
            out.push(if final_sigma(s, i) { '\u{3c2}' } else { '\u{3c3}' });
        } else {
            push_mapped(out, c, &t::LOWER, &t::LOWER_MULTI);
        }
    }
}

/// CPython's `handle_capital_sigma`: the sigma at byte `at` follows a cased character (skipping
/// case-ignorable ones) and no cased character follows it (likewise).
fn final_sigma(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("").chars().rev().find(|&c| !is_case_ignorable(c));
    if !before.is_some_and(is_cased) {
        return false;
    }
    let after = s
        .get(at + '\u{3a3}'.len_utf8()..)
        .unwrap_or("")
        .chars()
        .find(|&c| !is_case_ignorable(c));
    !after.is_some_and(is_cased)
}

/// Push the mapping of `c` by `runs` (see `pystr_gen.py`) and `multi`, or `c` itself.
fn push_mapped(out: &mut String, c: char, runs: &[(u32, u32, u8, i32)], multi: &[(u32, &str)]) {
    let cp = c as u32;
    let after = runs.partition_point(|r| r.0 <= cp);
    if let Some(&(first, last, stride, delta)) = after.checked_sub(1).and_then(|i| runs.get(i)) {
        if cp <= last && (cp - first).checked_rem(u32::from(stride)) == Some(0) {
            if let Some(m) = char::from_u32(cp.wrapping_add_signed(delta)) {
                out.push(m);
                return;
            }
        }
    }
    match multi
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .and_then(|i| multi.get(i))
    {
        Some(&(_, m)) => out.push_str(m),
        None => out.push(c),
    }
}

/// `s.casefold()` (character by character: no final sigma rule).
///
/// ```
/// use cleaner_engine::pystr::casefold;
/// assert_eq!(casefold("Straße ΣΑΣ ﬁ"), "strasse σασ fi");
/// ```
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    casefold_into(&mut out, s);
    out
}

/// `s.casefold()` added to `out`.
///
/// ```
/// let mut out = String::from("a ");
/// cleaner_engine::pystr::casefold_into(&mut out, "Straße");
/// assert_eq!(out, "a strasse");
/// ```
pub fn casefold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        push_ascii_lower(out, s);
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            push_mapped(out, c, &t::FOLD, &t::FOLD_MULTI);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_space_joins_the_split_words() {
        // Every golden input line, and words between every pair of spaces (ASCII, outside ASCII, none).
        let oracle = |s: &str| split(s).join(" ");
        let spaces = [
            "",
            " ",
            "  ",
            "\t",
            " \t ",
            "\u{1c}",
            "\u{85}",
            "\u{a0}",
            "\u{3000}",
            " \u{2003}",
            "                 ",
            "        \t",
        ];
        let mut asked: Vec<String> = Vec::new();
        for a in spaces {
            for b in spaces {
                for c in spaces {
                    asked.push(format!("{a}x{b}é{c}"));
                    asked.push(format!("{a}ab cd{b}\u{3000}{c}ef gh{a}"));
                    asked.push(format!("{a}a\u{7}b »c{b}\u{1b}{c}—d é{a}"));
                }
            }
        }
        for (_, text) in crate::testkit::golden_texts(false) {
            asked.extend(text.lines().map(str::to_string));
        }
        for s in &asked {
            assert_eq!(normalise_space(s), oracle(s), "{s:?}");
        }
    }

    /// Bisection needs sorted ranges that do not overlap.
    fn sorted(ranges: &[(u32, u32)]) -> bool {
        ranges.iter().all(|&(a, b)| a <= b) && ranges.windows(2).all(|w| w[0].1 < w[1].0)
    }

    #[test]
    fn strip_ascii_spaces_past_an_indent_of_any_length() {
        let ascii_space = |c: char| matches!(c, '\t'..='\r' | ' ');
        for indent in 0..40 {
            for (head, tail) in [(" ", ""), ("\t", " "), ("", "\n"), ("\u{a0}", "\u{a0}"), ("", "")] {
                for core in ["", "Ad", "x y", "\u{e9}"] {
                    let text = format!("{}{head}{core}{tail}", " ".repeat(indent));
                    assert_eq!(strip_ascii_spaces(&text), text.trim_matches(ascii_space), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn tables_are_sorted() {
        for table in [
            &t::SPACE[..],
            &t::ALPHA,
            &t::DIGIT,
            &t::DECIMAL,
            &t::ALNUM,
            &t::UPPER,
            &t::HAS_CASE,
            &t::CASED,
            &t::CASE_IGNORABLE,
            &t::RE_SPACE,
            &t::RE_DIGIT,
            &t::RE_WORD,
            &t::RE_LETTER,
            &t::RE_LOWER,
            &t::RE_UPPER,
            &t::RE_NUMBER,
            &t::RE_MARK,
            &t::RE_CJK,
        ] {
            assert!(sorted(table));
        }
        for runs in [&t::LOWER[..], &t::FOLD] {
            assert!(runs.iter().all(|r| r.0 <= r.1 && (r.2 == 1 || r.2 == 2)));
            assert!(runs.windows(2).all(|w| w[0].1 < w[1].0));
        }
        assert!(t::FOLD_MULTI.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn spaces() {
        assert_eq!(
            split("\u{1c}a\u{1f}b\u{85}c\u{3000}d\u{200b}e"),
            ["a", "b", "c", "d\u{200b}e"]
        );
        assert_eq!(strip("\u{a0}\u{2028} x \u{1e}"), "x");
        assert_eq!(normalise_space(" a \t b\n"), "a b");
        assert!(is_str_space("\u{1c} ") && !is_str_space(""));
        assert!(!is_regex_space('\u{1c}') && !is_regex_space('\u{200b}'));
    }

    #[test]
    fn final_sigma_rule() {
        // As CPython: final after a cased letter, case-ignorable characters skipped on both sides.
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("ΑΣ"), "ας");
        assert_eq!(lower("ΑΣΑ"), "ασα");
        assert_eq!(lower("Α'Σ"), "α'ς");
        assert_eq!(lower("ΑΣ'Α"), "ασ'α");
        assert_eq!(lower("ΑΣ'"), "ας'");
        assert_eq!(lower("1Σ"), "1σ");
        assert_eq!(lower("ΑΣ1"), "ας1");
        // U+02B0 is cased but also case-ignorable: skipped, it leaves nothing cased before.
        assert_eq!(lower("ʰΣ"), "ʰσ");
        assert_eq!(casefold("ΑΣ"), "ασ");
    }

    #[test]
    fn case_mappings() {
        assert_eq!(lower("İSTANBUL ǅ Ⅷ Ａ"), "i\u{307}stanbul ǆ ⅷ ａ");
        assert_eq!(casefold("ẞ ŉ \u{390} Ｆ"), "ss ʼn \u{3b9}\u{308}\u{301} ｆ");
        assert_eq!(lower("ABC"), "abc");
        assert_eq!(len("aé日🎉"), 4);
    }
}
