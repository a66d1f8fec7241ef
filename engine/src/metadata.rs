//! Metadata found in a dump: publication and update dates and the byline (port of `cleaner/metadata.py`).
//!
//! The patterns live in `rules/generic/metadata.toml`. Values are reported as the page wrote them
//! (no date parsing): the first match of each field wins.
//!
//! Python compiles every pattern with the file's `[define]` fragments in a `(?(DEFINE)...)` block and
//! calls them with the `regex` module's `(?&name)`. Rust has no subroutine calls, so each call is
//! replaced by the fragment's body at load time. That is exact: a `regex` module call is an ordinary
//! group that can be backtracked into (not atomic), and it keeps the flags of its definition (a call
//! inside `(?i:...)` does not make the fragment case-insensitive), which the expansion reproduces with
//! `(?-i:...)`. The patterns use lookaround, so they are compiled with `fancy-regex`.

use std::collections::HashMap;
use std::sync::OnceLock;

use fancy_regex::Regex;

use crate::pystr;
use crate::removal::Removal;
use crate::tables::{LoadError, Tables};

/// The fields reported, in `Result.metadata` order.
pub const FIELDS: [&str; 3] = ["published", "updated", "byline"];

/// Dates and bylines sit near the top; lines further down are read only when a rule removed them.
pub const HEAD_LINES: usize = 60;

/// A longer line is prose, not a metadata line.
pub const MAX_LINE_CHARS: usize = 200;

/// Rule ids ending in one of these mark removed lines worth reading wherever they are.
const REMOVAL_HINTS: [&str; 5] = ["byline", "timestamp", "date", "dateline", "metadata"];

/// What `_clean_value` strips from both ends of a value.
const VALUE_STRIP: &str = " \t,;:|-–—•·";

/// The phrase file.
const FILE: &str = "metadata";

/// The sections of the file, in the order `Data::fields` holds them.
const KEYS: [&str; 4] = ["published", "updated", "byline", "date"];

/// Backtracking steps allowed per search. The patterns are bounded (`{1,60}`, `{0,3}`) and lines
/// of interest have at most [`MAX_LINE_CHARS`] characters, so real searches stay far below this;
/// a search that exceeds it counts as no match (Python would finish it, slowly).
const BACKTRACK_LIMIT: usize = 10_000_000;

/// One field of `metadata.toml`: a cheap pattern a line must contain, then the patterns tried in order.
#[derive(Debug)]
struct Field {
    requires: Option<Lazy>,
    patterns: Vec<Lazy>,
}

/// A pattern (its `[define]` calls expanded), its syntax checked when loading and compiled on first use:
/// most runs never extract metadata (the command line does not), and compiling them all took a tenth of
/// compiling the phrase files, which a fresh process (the pre-commit hook's) waits for.
#[derive(Debug)]
struct Lazy {
    source: String,
    compiled: OnceLock<Regex>,
}

impl Lazy {
    fn new(source: String) -> Result<Lazy, String> {
        fancy_regex::Expr::parse_tree(&source).map_err(|e| e.to_string())?;
        Ok(Lazy {
            source,
            compiled: OnceLock::new(),
        })
    }

    fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            match fancy_regex::RegexBuilder::new(&self.source)
                .backtrack_limit(BACKTRACK_LIMIT)
                .build()
            {
                Ok(re) => re,
                // Parsed when loading; `metadata_patterns_compile` compiles the shipped ones.
                Err(e) => panic!("{FILE}.toml: pattern {:?} does not compile: {e}", self.source),
            }
        })
    }
}

impl Field {
    /// Python's `_Field.search(line)`: the group `value` of the first pattern that matches
    /// (`Some("")` when the pattern has no such group or it took no part).
    fn search<'t>(&self, line: &'t str) -> Option<&'t str> {
        if let Some(requires) = &self.requires {
            if !requires.get().is_match(line).unwrap_or(false) {
                return None;
            }
        }
        self.patterns.iter().find_map(|p| match p.get().captures(line) {
            Ok(Some(caps)) => Some(caps.name("value").map_or("", |m| m.as_str())),
            _ => None,
        })
    }
}

/// The compiled fields of `rules/generic/metadata.toml`.
#[derive(Debug, Default)]
pub struct Data {
    /// `published`, `updated`, `byline`, `date` (the order of [`KEYS`]); empty for a default `Data`.
    fields: Vec<Field>,
}

impl Data {
    /// Compile `metadata.toml` (its `[define]` calls expanded).
    ///
    /// ```
    /// use cleaner_engine::{metadata::Data, tables::Tables};
    /// let tables = Tables::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic").as_ref()).unwrap();
    /// let data = Data::load(&tables).unwrap();
    /// assert_eq!(data.value_in("byline", "By Jo Smith"), "Jo Smith");
    /// ```
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let table = tables.table(FILE)?;
        let err = |message: String| tables.error(FILE, message);
        let mut defines = HashMap::new();
        if let Some(define) = table.get("define") {
            let define = define
                .as_table()
                .ok_or_else(|| err("`define` must be a table".into()))?;
            for (name, body) in define {
                let body = body
                    .as_str()
                    .ok_or_else(|| err(format!("`define.{name}` must be a string")))?;
                defines.insert(name.as_str(), body);
            }
        }
        let compile = |source: &str| -> Result<Lazy, LoadError> {
            let expanded = expand(source, &defines).map_err(|e| err(format!("{e} in pattern {source:?}")))?;
            Lazy::new(expanded).map_err(|e| err(format!("{e} in pattern {source:?}")))
        };
        let mut fields = Vec::with_capacity(KEYS.len());
        for key in KEYS {
            let section = table
                .get(key)
                .and_then(|v| v.as_table())
                .ok_or_else(|| err(format!("missing table `[{key}]`")))?;
            let requires = match section.get("requires") {
                None => None,
                Some(v) => {
                    let source = v
                        .as_str()
                        .ok_or_else(|| err(format!("`{key}.requires` must be a string")))?;
                    // Python compiles "" when there is none: it matches every line.
                    if source.is_empty() {
                        None
                    } else {
                        Some(compile(source)?)
                    }
                }
            };
            let bad = || err(format!("`{key}.patterns` must be a list of strings"));
            let patterns = section
                .get("patterns")
                .ok_or_else(bad)?
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|p| p.as_str().ok_or_else(bad).and_then(compile))
                .collect::<Result<Vec<_>, _>>()?;
            fields.push(Field { requires, patterns });
        }
        Ok(Data { fields })
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.get(KEYS.iter().position(|k| *k == key)?)
    }

    /// The cleaned value of field `key` (`published`, `updated`, `byline`) on `line`, "" for none
    /// (Python's `_value_in`).
    ///
    /// ```
    /// # use cleaner_engine::{metadata::Data, tables::Tables};
    /// # let tables = Tables::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic").as_ref()).unwrap();
    /// let data = Data::load(&tables).unwrap();
    /// assert_eq!(data.value_in("published", "Published: 5 March 2024 | News"), "5 March 2024");
    /// assert_eq!(data.value_in("updated", "Posted Jan. 2, 2024, 9:05 a.m."), "");
    /// ```
    pub fn value_in(&self, key: &str, line: &str) -> String {
        match self.field(key).and_then(|f| f.search(line)) {
            Some(value) => clean_value(value).to_string(),
            None => String::new(),
        }
    }

    /// Whether `line` is only a date (field `date`, Python's `fields["date"].search(line)`).
    ///
    /// ```
    /// # use cleaner_engine::{metadata::Data, tables::Tables};
    /// # let tables = Tables::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic").as_ref()).unwrap();
    /// let data = Data::load(&tables).unwrap();
    /// assert!(data.is_date_line("Tuesday, 5 March 2024 at 10:08 CET"));
    /// assert!(!data.is_date_line("It rained on 5 March 2024."));
    /// ```
    pub fn is_date_line(&self, line: &str) -> bool {
        self.field("date").is_some_and(|f| f.search(line).is_some())
    }

    /// Published date, updated date and byline, where the text shows them, in that order
    /// (Python's `extract_metadata(lines, removed)`).
    ///
    /// `lines` are the document's original lines; `removed` the removals made, so a byline or date
    /// line a rule removed further down is read too.
    ///
    /// ```
    /// # use cleaner_engine::{metadata::Data, tables::Tables};
    /// # let tables = Tables::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic").as_ref()).unwrap();
    /// let data = Data::load(&tables).unwrap();
    /// let lines: Vec<String> = ["Title", "Published 01/12/2024, 10:08 PM", "Updated 01/12/2024, 10:11 PM", "By Jo Smith"]
    ///     .map(String::from)
    ///     .to_vec();
    /// assert_eq!(
    ///     data.extract(&lines, &[]),
    ///     [
    ///         ("published", "01/12/2024, 10:08 PM".to_string()),
    ///         ("updated", "01/12/2024, 10:11 PM".to_string()),
    ///         ("byline", "Jo Smith".to_string())
    ///     ]
    /// );
    /// let lines: Vec<String> = ["1, March, 2024", "Headline", "By the time we arrived, it was over."]
    ///     .map(String::from)
    ///     .to_vec();
    /// assert_eq!(data.extract(&lines, &[]), [("published", "1, March, 2024".to_string())]);
    /// ```
    pub fn extract(&self, lines: &[impl AsRef<str>], removed: &[Removal]) -> Vec<(&'static str, String)> {
        let [Some(published), Some(updated), Some(byline), Some(date)] = KEYS.map(|k| self.field(k)) else {
            return Vec::new();
        };
        let labelled = [published, updated, byline];
        let mut found: [Option<String>; 3] = [None, None, None];
        let mut lone_date: Option<String> = None;
        for line in candidates(lines, removed) {
            for (slot, field) in found.iter_mut().zip(labelled) {
                if slot.is_none() {
                    if let Some(value) = field.search(line) {
                        let value = clean_value(value);
                        if !value.is_empty() {
                            *slot = Some(value.to_string());
                        }
                    }
                }
            }
            if found[0].is_none() && lone_date.is_none() && date.search(line).is_some() {
                lone_date = Some(clean_value(line).to_string());
            }
            if found.iter().all(Option::is_some) {
                break;
            }
        }
        if found[0].is_none() {
            found[0] = lone_date.filter(|d| !d.is_empty());
        }
        FIELDS
            .into_iter()
            .zip(found)
            .filter_map(|(k, v)| Some((k, v?)))
            .collect()
    }
}

/// Python's `_candidates`: the first [`HEAD_LINES`] lines, then the lines of whole-line removals
/// further down whose rule names a byline or a date; only non-blank lines of at most
/// [`MAX_LINE_CHARS`] characters.
fn candidates<'a, S: AsRef<str>>(lines: &'a [S], removed: &'a [Removal]) -> impl Iterator<Item = &'a str> {
    let head = lines.iter().take(HEAD_LINES).map(AsRef::as_ref);
    let further = removed
        .iter()
        .filter(|r| {
            let last = r.rule.rsplit('.').next().unwrap_or("");
            r.span.is_none() && REMOVAL_HINTS.iter().any(|h| last.starts_with(h)) && r.start >= HEAD_LINES
        })
        .flat_map(|r| r.text.split('\n'));
    head.chain(further).filter(|line| {
        // A line of at most MAX_LINE_CHARS bytes has at most that many characters: skip the count.
        (line.len() <= MAX_LINE_CHARS || line.chars().nth(MAX_LINE_CHARS).is_none()) && !pystr::strip(line).is_empty()
    })
}

/// Python's `_clean_value`: trim separators and dashes, and a final period unless it ends `a.m.`/`p.m.`.
///
/// Python compares `value[-4:].lower()` with `"a.m."` and `"p.m."`; no character but `A`, `M`, `P` lowers
/// to those letters, and none lowers to a `.`, so an ASCII case-insensitive test of the last four
/// characters is the same.
fn clean_value(value: &str) -> &str {
    let mut value = pystr::strip_chars(value, VALUE_STRIP);
    if value.ends_with('.') && !ends_with_meridiem(value) {
        value = value.trim_end_matches('.');
    }
    value.trim_start_matches('.')
}

fn ends_with_meridiem(value: &str) -> bool {
    let mut last4 = value.chars().rev().take(4);
    let (Some(d2), Some(m), Some(d1), Some(ap)) = (last4.next(), last4.next(), last4.next(), last4.next()) else {
        return false;
    };
    d2 == '.' && m.eq_ignore_ascii_case(&'m') && d1 == '.' && matches!(ap, 'a' | 'A' | 'p' | 'P')
}

/// `source` with every `(?&name)` call replaced by the body of `defines[name]` (recursively), ready
/// for `fancy-regex`.
///
/// Besides the calls, one difference of the `regex` module is rewritten: under `(?i)` it matches
/// `i` with `İ` (U+0130) and `I` with `ı` (U+0131), which Unicode simple case folding (Rust's) does
/// not; such letters become classes holding both.
fn expand(source: &str, defines: &HashMap<&str, &str>) -> Result<String, String> {
    let mut out = String::with_capacity(source.len() * 4);
    let mut calling = Vec::new();
    expand_into(source, defines, &mut calling, &mut out)?;
    Ok(out)
}

fn expand_into<'a>(
    source: &'a str,
    defines: &HashMap<&str, &'a str>,
    calling: &mut Vec<&'a str>,
    out: &mut String,
) -> Result<(), String> {
    // Case-insensitivity of each open group; the last entry is the current one.
    let mut scopes = vec![false];
    let mut rest = source;
    // `(?i)` leading the pattern sets the flag for the whole pattern (the only place Python allows it).
    if let Some(after) = rest.strip_prefix("(?i)") {
        scopes[0] = true;
        out.push_str("(?i)");
        rest = after;
    }
    while let Some(c) = rest.chars().next() {
        let ci = scopes.last().copied().unwrap_or(false);
        match c {
            '\\' => {
                let n = escape_len(rest);
                out.push_str(&rest[..n]);
                rest = &rest[n..];
            }
            '[' => {
                let n = class_len(rest).ok_or("unterminated character set")?;
                push_class(&rest[..n], ci, out);
                rest = &rest[n..];
            }
            '(' => {
                if let Some(call) = rest.strip_prefix("(?&") {
                    let end = call.find(')').ok_or("unterminated group call")?;
                    let name = &call[..end];
                    let body = *defines
                        .get(name)
                        .ok_or_else(|| format!("unknown group name `{name}`"))?;
                    if calling.contains(&name) {
                        return Err(format!("recursive group call `{name}`"));
                    }
                    // The body keeps the flags of its definition: no `(?i)` reaches it.
                    out.push_str(if ci { "(?-i:" } else { "(?:" });
                    calling.push(name);
                    expand_into(body, defines, calling, out)?;
                    calling.pop();
                    out.push(')');
                    rest = &call[end + 1..];
                    continue;
                }
                let named = rest.strip_prefix("(?P<").or_else(|| rest.strip_prefix("(?<"));
                let (group_ci, n) = match rest.strip_prefix("(?") {
                    // A group name is copied as it is (its letters are no pattern).
                    Some(_) if named.is_some_and(|s| !s.starts_with(['=', '!'])) => {
                        let name_end = rest.find('>').ok_or("unterminated group name")?;
                        (ci, name_end + 1)
                    }
                    Some(flags) => {
                        let len = flags.find([':', ')']).filter(|&i| is_flags(&flags[..i]));
                        match len {
                            Some(i) if flags[i..].starts_with(':') => (apply_flags(ci, &flags[..i]), 2 + i + 1),
                            Some(i) => {
                                // `(?flags)` in the middle: sets the flags for the rest of the group.
                                if let Some(s) = scopes.last_mut() {
                                    *s = apply_flags(ci, &flags[..i]);
                                }
                                out.push_str(&rest[..2 + i + 1]);
                                rest = &rest[2 + i + 1..];
                                continue;
                            }
                            None => (ci, 1),
                        }
                    }
                    None => (ci, 1),
                };
                scopes.push(group_ci);
                out.push_str(&rest[..n]);
                rest = &rest[n..];
            }
            ')' => {
                if scopes.len() > 1 {
                    scopes.pop();
                }
                out.push(')');
                rest = &rest[1..];
            }
            'i' if ci => {
                out.push_str("[i\u{130}]");
                rest = &rest[1..];
            }
            'I' if ci => {
                out.push_str("[I\u{131}]");
                rest = &rest[1..];
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Ok(())
}

/// Whether `s` is the flags part of `(?flags:` or `(?flags)`, such as `i`, `-i`, `ims-x`.
fn is_flags(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
}

/// The case-insensitivity after applying `flags` (`i` turns it on, `-i` off).
fn apply_flags(ci: bool, flags: &str) -> bool {
    let (on, off) = flags.split_once('-').unwrap_or((flags, ""));
    if off.contains('i') {
        false
    } else {
        ci || on.contains('i')
    }
}

/// The byte length of the escape at the start of `s` (`\x`, or `\p{..}`/`\P{..}`).
fn escape_len(s: &str) -> usize {
    let mut chars = s.char_indices().skip(1);
    match chars.next() {
        None => 1,
        Some((i, c @ ('p' | 'P'))) if s[i + 1..].starts_with('{') => {
            s[i..].find('}').map_or(i + c.len_utf8(), |j| i + j + 1)
        }
        Some((i, c)) => i + c.len_utf8(),
    }
}

/// The byte length of the character set `[...]` at the start of `s` (`None` if it never closes).
fn class_len(s: &str) -> Option<usize> {
    let mut i = 1;
    if s[i..].starts_with('^') {
        i += 1;
    }
    // A `]` first in the set is a literal.
    if s[i..].starts_with(']') {
        i += 1;
    }
    while let Some(c) = s[i..].chars().next() {
        match c {
            '\\' => i += escape_len(&s[i..]),
            ']' => return Some(i + 1),
            _ => i += c.len_utf8(),
        }
    }
    None
}

/// Copy the set `class` (`[...]`), adding `İ` and `ı` where a case-insensitive `i` or `I` in it would
/// match them in the `regex` module.
fn push_class(class: &str, ci: bool, out: &mut String) {
    let inner = &class[1..class.len() - 1];
    if !ci {
        out.push_str(class);
        return;
    }
    let (mut lower_i, mut upper_i) = (false, false);
    let mut covers = |a: char, b: char| {
        lower_i |= (a..=b).contains(&'i');
        upper_i |= (a..=b).contains(&'I');
    };
    let mut rest = inner.strip_prefix('^').unwrap_or(inner);
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            rest = &rest[escape_len(rest)..];
            prev = None;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match (c, prev, rest.chars().next()) {
            ('-', Some(a), Some(b)) if b != ']' && b != '\\' => {
                covers(a, b);
                rest = &rest[b.len_utf8()..];
                prev = None;
            }
            _ => {
                covers(c, c);
                prev = Some(c);
            }
        }
    }
    out.push_str(&class[..class.len() - 1]);
    if lower_i {
        out.push('\u{130}');
    }
    if upper_i {
        out.push('\u{131}');
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Data {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        Data::load(&Tables::load(dir.as_ref()).unwrap()).unwrap()
    }

    fn lines(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn metadata_patterns_compile() {
        let d = data();
        assert_eq!(d.fields.len(), KEYS.len());
        for field in &d.fields {
            for p in field.requires.iter().chain(&field.patterns) {
                let _ = p.get();
            }
        }
    }

    #[test]
    fn a_bad_pattern_is_a_load_error() {
        assert!(Lazy::new("(".to_string()).is_err());
        assert!(Lazy::new("a(?=b)".to_string()).is_ok());
    }

    #[test]
    fn expands_calls_recursively() {
        let defines: HashMap<&str, &str> = [("a", "x(?&b)"), ("b", "[y]")].into();
        assert_eq!(expand("^(?&a)+$", &defines).unwrap(), "^(?:x(?:[y]))+$");
        assert_eq!(expand(r"\(?&a)", &defines).unwrap(), r"\(?&a)");
        assert!(expand("(?&c)", &defines).is_err());
        let looped: HashMap<&str, &str> = [("a", "(?&b)"), ("b", "(?&a)")].into();
        assert!(expand("(?&a)", &looped).is_err());
    }

    #[test]
    fn calls_keep_definition_flags() {
        let defines: HashMap<&str, &str> = [("a", "ix")].into();
        assert_eq!(expand("(?i:(?&a))", &defines).unwrap(), "(?i:(?-i:ix))");
    }

    #[test]
    fn turkic_i_under_ignore_case() {
        let none = HashMap::new();
        assert_eq!(expand("(?i)publi|x", &none).unwrap(), "(?i)publ[i\u{130}]|x");
        assert_eq!(
            expand("(?i:I[a-z][^xi])i", &none).unwrap(),
            "(?i:[I\u{131}][a-z\u{130}][^xi\u{130}])i"
        );
        assert_eq!(expand(r"(?i:[\p{Lu}\i])", &none).unwrap(), r"(?i:[\p{Lu}\i])");
        assert_eq!(expand("(?i:(?-i:i)i)", &none).unwrap(), "(?i:(?-i:i)[i\u{130}])");
        assert_eq!(expand("[]i](?=i)", &none).unwrap(), "[]i](?=i)");
        assert_eq!(
            expand("(?i:(?P<id>i)(?<id2>i)(?<=i))", &none).unwrap(),
            "(?i:(?P<id>[i\u{130}])(?<id2>[i\u{130}])(?<=[i\u{130}]))"
        );
    }

    #[test]
    fn clean_value_keeps_meridiem() {
        assert_eq!(clean_value(" - 5 March 2024. "), "5 March 2024");
        assert_eq!(clean_value("10:08 P.M."), "10:08 P.M.");
        assert_eq!(clean_value("..x..."), "x");
        assert_eq!(clean_value("m."), "m");
        assert_eq!(clean_value("•·–—"), "");
    }

    #[test]
    fn python_doctests() {
        let d = data();
        let got = d.extract(
            &lines(&[
                "Title",
                "Published 01/12/2024, 10:08 PM",
                "Updated 01/12/2024, 10:11 PM",
                "By Jo Smith",
            ]),
            &[],
        );
        assert_eq!(
            got,
            [
                ("published", "01/12/2024, 10:08 PM".to_string()),
                ("updated", "01/12/2024, 10:11 PM".to_string()),
                ("byline", "Jo Smith".to_string())
            ]
        );
        let got = d.extract(
            &lines(&["1, March, 2024", "Headline", "By the time we arrived, it was over."]),
            &[],
        );
        assert_eq!(got, [("published", "1, March, 2024".to_string())]);
    }

    #[test]
    fn removed_lines_further_down_are_read() {
        let d = data();
        let mut doc = vec!["Title".to_string(); 70];
        doc[65] = "By Ann Lee".into();
        let byline = Removal::lines("generic.byline", 65, 66, "byline", "By Ann Lee".into());
        assert_eq!(
            d.extract(&doc, std::slice::from_ref(&byline)),
            [("byline", "Ann Lee".to_string())]
        );
        let early = Removal::lines("generic.byline", 59, 60, "byline", "By Ann Lee".into());
        assert_eq!(d.extract(&doc, &[early]), []);
        let cut = Removal::cut("generic.byline", 65, (0, 10), "byline", "By Ann Lee".into());
        assert_eq!(d.extract(&doc, &[cut]), []);
        let other = Removal::lines("generic.caption", 65, 66, "caption", "By Ann Lee".into());
        assert_eq!(d.extract(&doc, &[other]), []);
    }

    #[test]
    fn hostile_lines_do_not_panic() {
        let d = data();
        let long = "By ".to_string() + &"Ab ".repeat(5000);
        for line in [
            "",
            "\u{130}",
            "Published",
            "By",
            long.as_str(),
            "Posted on \u{301}\u{301}",
        ] {
            for key in FIELDS {
                let _ = d.value_in(key, line);
            }
            let _ = d.is_date_line(line);
        }
        assert!(Data::default().extract(&lines(&["By Jo Smith"]), &[]).is_empty());
    }
}
