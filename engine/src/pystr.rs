//! Python's `str` semantics, for byte-identical results with the Python implementation this engine replaced.
//!
//! Python and Rust disagree on what a space, a letter, a digit or a case is (`str.isspace` takes
//! U+001C..U+001F, `char::is_whitespace` does not; `str.isalpha` is the letter categories, not the
//! Alphabetic property). The predicates here follow Python 3.11's `unicodedata`, from tables that
//! `pystr_gen.py` writes into `pystr_tables.rs`.
//!
//! ```
//! use cleaner_engine::pystr;
//! assert_eq!(pystr::split("  Read\u{a0}more \n x"), vec!["Read", "more", "x"]);
//! assert_eq!(pystr::strip("\u{1c} a "), "a");
//! ```

/// `c.isspace()`.
pub fn is_space(c: char) -> bool {
    todo!("{c}")
}

/// Whether the `regex` module's `\s` matches `c` (Unicode White_Space).
pub fn is_regex_space(c: char) -> bool {
    todo!("{c}")
}

/// `c.isalpha()`: categories Lu, Ll, Lt, Lm, Lo.
pub fn is_alpha(c: char) -> bool {
    todo!("{c}")
}

/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    todo!("{c}")
}

/// `c.isdecimal()` (what `\d` matches: category Nd).
pub fn is_decimal(c: char) -> bool {
    todo!("{c}")
}

/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    todo!("{c}")
}

/// `c.isupper()` for one character.
pub fn is_upper(c: char) -> bool {
    todo!("{c}")
}

/// `c.lower() != c.upper()`: the character has case.
pub fn has_case(c: char) -> bool {
    todo!("{c}")
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
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.lstrip()`.
pub fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// `s.rstrip()`.
pub fn rstrip(s: &str) -> &str {
    s.trim_end_matches(is_space)
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
pub fn normalise_space(s: &str) -> String {
    split(s).join(" ")
}

/// `len(s)`: code points.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// `s.lower()` (full mappings, final sigma as Python does it).
pub fn lower(s: &str) -> String {
    todo!("{s}")
}

/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    todo!("{s}")
}
