//! Breadcrumb lines: short segments joined by separators (`Home > World > Politics`) (port of
//! `generic/breadcrumbs.py`).

use rustc_hash::FxHashSet as HashSet;

use crate::ctx::Ctx;
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::shape::Shape;
use crate::tables::{LoadError, Tables};

/// A breadcrumb is short; longer lines are not split at all.
pub const MAX_WORDS: f64 = 30.0;

/// A set of bytes, a flag for each.
#[derive(Debug)]
struct ByteSet([bool; 256]);

impl Default for ByteSet {
    fn default() -> ByteSet {
        ByteSet([false; 256])
    }
}

/// The separators and home words of `breadcrumbs.toml`.
#[derive(Debug, Default)]
pub struct Data {
    /// Distinct separators, longest first (code points): the order of Python's alternation.
    separators: Vec<String>,
    /// Whether a separator starts with a space: then a run of spaces must be searched from each of its
    /// characters, as a backtracking engine does.
    space_led: bool,
    /// The first characters of the separators: ASCII ones as bits, others listed.
    ascii_firsts: u128,
    firsts: Vec<char>,
    /// The first byte of each of those characters: a text none of whose bytes is one holds none of them,
    /// as its bytes tell without reading its characters (a byte's flag read by one load, in its scan).
    first_bytes: ByteSet,
    /// The home page's names, case folded.
    home: HashSet<String>,
    max_segment_words: usize,
    /// Separators that count only with a space on one side at least (`spaced`): between two words with
    /// no space, a slash joins them (`and/or`, `1/2 cup`, `Bulgaria/Israel`, a URL's path).
    spaced: Vec<String>,
}

impl Data {
    /// Read `separators`, `spaced`, `home` and `max_segment_words` of `breadcrumbs.toml`.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let mut separators = tables.phrases("breadcrumbs", "separators")?;
        if separators.iter().any(String::is_empty) {
            return Err(tables.error("breadcrumbs", "`separators` must not hold an empty string"));
        }
        // Python sorts a set by length: among equal lengths the order changes no match, as two
        // different separators of one length never match at the same place.
        separators.sort_by(|a, b| pystr::len(b).cmp(&pystr::len(a)).then_with(|| a.cmp(b)));
        separators.dedup();
        let space_led = separators.iter().any(|s| s.chars().next().is_some_and(pystr::is_space));
        let (mut ascii_firsts, mut firsts) = (0u128, Vec::new());
        let mut first_bytes = ByteSet::default();
        for c in separators.iter().filter_map(|s| s.chars().next()) {
            let mut utf8 = [0u8; 4];
            c.encode_utf8(&mut utf8);
            let lead = utf8[0];
            first_bytes.0[usize::from(lead)] = true;
            if c.is_ascii() {
                ascii_firsts |= 1u128 << (c as u32);
            } else if !firsts.contains(&c) {
                firsts.push(c);
            }
        }
        let home = tables
            .phrases("breadcrumbs", "home")?
            .iter()
            .map(|p| pystr::casefold(p))
            .collect();
        let max = tables.number("breadcrumbs", "max_segment_words", f64::NAN)?;
        if !(max.is_finite() && max >= 0.0) {
            return Err(tables.error("breadcrumbs", "`max_segment_words` must be a number of words"));
        }
        let spaced = tables.phrases("breadcrumbs", "spaced")?;
        if let Some(s) = spaced.iter().find(|s| !separators.contains(s)) {
            return Err(tables.error("breadcrumbs", format!("`spaced` holds '{s}', which is no separator")));
        }
        Ok(Data {
            separators,
            space_led,
            ascii_firsts,
            firsts,
            first_bytes,
            home,
            max_segment_words: max as usize,
            spaced,
        })
    }

    /// The separator that starts at byte `at` of `text`, if any: its byte length.
    fn separator_at(&self, text: &str, at: usize) -> Option<usize> {
        let rest = text.get(at..)?;
        let sep = self.separators.iter().find(|s| rest.starts_with(s.as_str()))?;
        if self.spaced.contains(sep) {
            let glued = |c: Option<char>| c.is_some_and(|c| !pystr::is_space(c));
            let before = text.get(..at).and_then(|t| t.chars().next_back());
            let after = rest.get(sep.len()..).and_then(|t| t.chars().next());
            if glued(before) && glued(after) {
                return None;
            }
        }
        Some(sep.len())
    }

    /// A match of `\s*(?:separators)\s*` starting at byte `at`: its byte end.
    fn match_at(&self, text: &str, at: usize) -> Option<usize> {
        let spaces = text[at..].len() - pystr::lstrip(&text[at..]).len();
        // Greedy `\s*`, then backing off one space at a time when no separator follows.
        let backing_off = text[at..at + spaces].char_indices().rev().map(|(k, _)| at + k);
        for sep_at in std::iter::once(at + spaces).chain(backing_off) {
            if let Some(n) = self.separator_at(text, sep_at) {
                let after = sep_at + n;
                return Some(text.len() - pystr::lstrip(&text[after..]).len());
            }
        }
        None
    }

    /// Python's `[p for p in re.split(r"\s*(?:seps)\s*", text) if p]`.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("cleaner-bc-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # std::fs::write(dir.join("breadcrumbs.toml"), "max_segment_words = 6\nseparators = [\">\", \"/\", \"::\"]\n[home]\nen = [\"Home\"]\n").unwrap();
    /// # let t = cleaner_engine::tables::Tables::load(&dir).unwrap();
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// let d = cleaner_engine::breadcrumbs::Data::load(&t).unwrap();
    /// assert_eq!(d.split("> Home > World::Politics /"), vec!["Home", "World", "Politics"]);
    /// ```
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.split_from(text, 0)
    }

    /// [`Data::split`], where no separator may start before byte `from` (read from there when no
    /// separator starts with a space).
    fn split_from<'t>(&self, text: &'t str, from: usize) -> Vec<&'t str> {
        let mut parts = Vec::new();
        let mut last = 0usize;
        if self.space_led {
            self.split_backtracking(text, &mut parts, &mut last);
        } else {
            // No separator starts with a space, so the leftmost match is the nearest separator with
            // the run of spaces right before it (a run a previous match did not take). Only the
            // characters a separator may start with are read as characters.
            let mut at = from;
            while let Some(sep_at) = self.next_may_start(text, at) {
                match self.separator_at(text, sep_at) {
                    Some(n) => {
                        parts.push(pystr::rstrip(&text[last..sep_at]));
                        let after = sep_at + n;
                        at = text.len() - pystr::lstrip(&text[after..]).len();
                        last = at;
                    }
                    None => at = sep_at + 1,
                }
            }
        }
        parts.push(&text[last..]);
        parts.retain(|p| !p.is_empty());
        parts
    }

    /// Whether a separator may start with `c`.
    fn may_start(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii_firsts & (1u128 << (c as u32)) != 0
        } else {
            self.firsts.contains(&c)
        }
    }

    /// Whether byte `b` is the first byte of a character a separator may start with.
    fn first_byte(&self, b: u8) -> bool {
        self.first_bytes.0[usize::from(b)]
    }

    /// The byte offset, `at` or past it, of the first character of `text` a separator may start with.
    ///
    /// A first byte is never a UTF-8 continuation byte, so each byte found starts a character; an ASCII
    /// one is that character.
    fn next_may_start(&self, text: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut from = at;
        loop {
            let found = from + bytes.get(from..)?.iter().position(|&b| self.first_byte(b))?;
            if bytes[found].is_ascii() || text.get(found..)?.chars().next().is_some_and(|c| self.may_start(c)) {
                return Some(found);
            }
            from = found + 1;
        }
    }

    /// The search of a backtracking engine, tried at every position (separators that start with a space).
    fn split_backtracking<'t>(&self, text: &'t str, parts: &mut Vec<&'t str>, last: &mut usize) {
        let mut at = 0usize;
        while at < text.len() {
            if let Some(end) = self.match_at(text, at) {
                parts.push(&text[*last..at]);
                *last = end;
                at = end;
                continue;
            }
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// Whether the shape's text is a breadcrumb: short segments joined by separators, starting at the
    /// home page or three deep.
    pub fn is_breadcrumb(&self, s: &Shape) -> bool {
        if s.text.is_empty() || s.terminal || s.units > MAX_WORDS {
            return false;
        }
        let parts = if self.space_led {
            self.split(&s.text)
        } else {
            // Where no separator can start, one part at most: most lines are settled by their bytes
            // (none is the first of a separator's first character), the others by the characters at
            // those bytes. The split goes on from the first.
            let Some(first) = self.next_may_start(&s.text, 0) else {
                return false;
            };
            self.split_from(&s.text, first)
        };
        // A segment's words are counted up to one past the most, not collected.
        let long = |p: &str| {
            p.split(pystr::is_space)
                .filter(|w| !w.is_empty())
                .nth(self.max_segment_words)
                .is_some()
        };
        if parts.len() < 2 || parts.iter().any(|p| long(p)) {
            return false;
        }
        parts.len() >= 3 || self.home.contains(&pystr::casefold(parts[0]))
    }
}

/// Breadcrumb lines.
pub const BREADCRUMB: Heuristic = Heuristic {
    id: "generic.breadcrumb",
    reason: "breadcrumb navigation",
    doc: "Drops a breadcrumb line: short segments joined by `>`, `›`, `/`, `|` or bullets, three or more \
of them, or two when the first is the home page (`Home`, `Startseite`, `Inicio`, `Accueil`). \
Bulleted and glued breadcrumbs above the headline go with the page header (generic.header-region). \
Separators and home words in rules/generic/breadcrumbs.toml.",
    example: "Home > World > Middle East",
    decide: Decide::Line(test_breadcrumb),
};

fn test_breadcrumb(cx: &Ctx, line: &str) -> bool {
    cx.g.breadcrumbs.is_breadcrumb(&cx.shape(line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::test;

    #[test]
    fn python_doctests() {
        assert!(test(&BREADCRUMB, "Home > World > Politics"));
        assert!(test(&BREADCRUMB, "Startseite › Politik"));
        assert!(!test(&BREADCRUMB, "Sales rose 5% in Q1 / Q2, the company said."));
        assert!(test(&BREADCRUMB, BREADCRUMB.example));
        assert!(!test(&BREADCRUMB, "World > Politics"));
    }

    /// The split as it read every character (before it jumped between the bytes a separator may start
    /// with): the oracle of the jumping split.
    fn split_by_characters<'t>(d: &Data, text: &'t str) -> Vec<&'t str> {
        let (mut parts, mut last, mut at) = (Vec::new(), 0usize, 0usize);
        let mut spaces_from: Option<usize> = None;
        while let Some(c) = text[at..].chars().next() {
            if d.may_start(c) {
                if let Some(n) = d.separator_at(text, at) {
                    parts.push(&text[last..spaces_from.unwrap_or(at)]);
                    at = text.len() - pystr::lstrip(&text[at + n..]).len();
                    last = at;
                    spaces_from = None;
                    continue;
                }
            }
            if pystr::is_space(c) {
                spaces_from.get_or_insert(at);
            } else {
                spaces_from = None;
            }
            at += c.len_utf8();
        }
        parts.push(&text[last..]);
        parts.retain(|p| !p.is_empty());
        parts
    }

    #[test]
    fn the_split_jumps_to_the_same_parts() {
        let d = &crate::testkit::generic().breadcrumbs;
        assert!(!d.space_led, "the jumping split is the one asked");
        let mut lines: Vec<String> = crate::testkit::golden_texts(false)
            .iter()
            .flat_map(|(_, t)| t.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        // Drawn lines: separators (and their look-alikes: `›` beside `’`, `·` beside `°` and a no-break
        // space, which share their first byte) among words and spaces of every kind.
        const PIECES: &[&str] = &[
            "Home",
            "World",
            "a",
            "1",
            "/",
            "//",
            ">",
            "›",
            "»",
            "|",
            "→",
            "::",
            ":",
            "•",
            "·",
            "’",
            "°",
            "\u{a0}",
            " ",
            "  ",
            "\t",
            "\u{2009}",
            "\u{3000}",
            "—",
            "é",
            "http://x.org/a/b",
        ];
        let mut draw = crate::testkit::draws(40);
        for _ in 0..20_000 {
            let n = 1 + draw(12);
            lines.push((0..n).map(|_| PIECES[draw(PIECES.len())]).collect());
        }
        let mut split = 0usize;
        for line in &lines {
            let want = split_by_characters(d, line);
            assert_eq!(d.split(line), want, "{line:?}");
            let first = line.char_indices().find(|&(_, c)| d.may_start(c)).map(|(k, _)| k);
            assert_eq!(d.next_may_start(line, 0), first, "{line:?}");
            if let Some(first) = first {
                assert_eq!(d.split_from(line, first), want, "{line:?}");
            }
            split += usize::from(want.len() > 1);
        }
        assert!(split > 5_000, "{split}");
    }

    #[test]
    fn a_slash_between_two_words_joins_them() {
        assert!(test(&BREADCRUMB, "News / World / Politics"));
        assert!(test(&BREADCRUMB, "Home /World"));
        assert!(!test(&BREADCRUMB, "http://www.example.org/petition/online/stop-it"));
        assert!(!test(
            &BREADCRUMB,
            "Path C: Scotland, Norway, Serbia, Bulgaria/Israel/Hungary/Romania*"
        ));
        assert!(!test(&BREADCRUMB, "1/2 cup milk combined with 1/2 cup heavy cream"));
        // Other separators count glued: a dump may run a breadcrumb's items together.
        assert!(test(&BREADCRUMB, "Home>World>Politics"));
    }
}
