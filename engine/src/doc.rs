//! The document every stage reads: its lines, what is still alive, what is protected, and blocks.

use std::rc::Rc;

use crate::pystr;

/// Split normalised text into lines without their endings (only `\n` separates lines).
///
/// ```
/// use cleaner_engine::doc::split_lines;
/// assert_eq!(split_lines("a\nb\n"), vec!["a", "b"]);
/// assert!(split_lines("").is_empty());
/// ```
pub fn split_lines(text: &str) -> Vec<String> {
    line_slices(text).into_iter().map(str::to_string).collect()
}

/// [`split_lines`] as slices of `text`: the pipeline reads its input this way, copying each line once,
/// into the first pass's document.
///
/// ```
/// use cleaner_engine::doc::line_slices;
/// assert_eq!(line_slices("a\n\nb"), vec!["a", "", "b"]);
/// ```
pub fn line_slices(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut lines: Vec<&str> = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    // Line by line with `memchr` (`str::split` sets up a searcher per line); a newline byte is a whole
    // character, so every cut is on a character boundary.
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        lines.push(text.get(start..end).unwrap_or_default());
        start = end + 1;
    }
    lines.push(text.get(start..).unwrap_or_default());
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Turn `\r\n` and lone `\r` into `\n` and drop a leading BOM.
///
/// ```
/// use cleaner_engine::doc::normalise_newlines;
/// assert_eq!(normalise_newlines("\u{feff}a\r\nb\rc"), "a\nb\nc");
/// ```
pub fn normalise_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

fn shows_nothing(c: char) -> bool {
    pystr::is_space(c)
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || c == '\u{2060}'
        || c == '\u{feff}'
        || c == '\u{00ad}'
        || ('\u{e000}'..='\u{f8ff}').contains(&c)
}

/// A line that shows no text: empty, whitespace, invisible characters such as U+200B, icon glyphs.
///
/// ```
/// use cleaner_engine::doc::blank_line;
/// assert!(blank_line("") && blank_line("  \t") && blank_line("\u{200b}") && blank_line(" \u{e838}\u{a0}"));
/// assert!(!blank_line("a\u{200b}"));
/// ```
#[inline]
pub fn blank_line(line: &str) -> bool {
    // Every space shows nothing, so this is "empty, all spaces, or all invisible"; it stops at the first
    // character that shows, which for most lines is the first, and most often a printable ASCII one
    // (settled here, inlined in the callers' loops over every line).
    if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    shows_nothing_at_all(line)
}

fn shows_nothing_at_all(line: &str) -> bool {
    // Empty lines and lines indented with spaces or tabs (w3m's) are settled byte by byte, past the
    // indent's groups of eight spaces (`pystr::space_groups`).
    let skip = crate::pystr::space_groups(line.as_bytes());
    let lead = skip
        + line
            .as_bytes()
            .get(skip..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    match line.as_bytes().get(lead) {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        Some(_) => line.get(lead..).is_some_and(|rest| rest.chars().all(shows_nothing)),
    }
}

/// [`Document::blocks`] of a document whose kept lines are `kept` ([`Document::kept_indices`]): a
/// line between two kept ones is blank or removed, so a block is a run of kept lines in a row.
///
/// ```
/// use cleaner_engine::doc::blocks_of;
/// assert_eq!(blocks_of(&[0, 1, 3]).collect::<Vec<_>>(), vec![&[0, 1][..], &[3][..]]);
/// ```
pub fn blocks_of(kept: &[usize]) -> impl Iterator<Item = &[usize]> {
    kept.chunk_by(|&a, &b| a + 1 == b)
}

/// Lines of one dump plus the state the pipeline keeps while stages decide.
///
/// `lines` holds the current text of every line (inline cuts applied); `alive[i]` is false once a
/// removal took line `i`; `protected[i]` is true when a rule said the line must stay. A line's text is
/// shared (`Rc<str>`): the context's memory of a line ([`crate::ctx::Ctx`]) keeps the document's text
/// instead of a copy of its own.
///
/// ```
/// use cleaner_engine::doc::Document;
/// let d = Document::from_text("Title\n\nBody line.\n");
/// assert_eq!(d.kept_indices(), vec![0, 2]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Rc<str>>,
    pub alive: Vec<bool>,
    pub protected: Vec<bool>,
}

impl Document {
    /// A document of these lines, all alive, none protected.
    ///
    /// ```
    /// use cleaner_engine::doc::Document;
    /// assert_eq!(&*Document::new(vec!["a", "b"]).lines[1], "b");
    /// ```
    pub fn new<T: Into<Rc<str>>>(lines: Vec<T>) -> Self {
        // Lines given as `Rc<str>` are collected in place, without a copy.
        let lines: Vec<Rc<str>> = lines.into_iter().map(Into::into).collect();
        let n = lines.len();
        Document {
            lines,
            alive: vec![true; n],
            protected: vec![false; n],
        }
    }

    /// Build a document from raw text (newlines normalised here).
    pub fn from_text(text: &str) -> Self {
        Document::new(line_slices(&normalise_newlines(text)))
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True for a document with no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// True for a line that shows nothing (see [`blank_line`]).
    pub fn is_blank(&self, i: usize) -> bool {
        blank_line(&self.lines[i])
    }

    /// Whether the nearest non-blank line above `first` is kept and ends with a colon: the lines from
    /// `first` on are a list the text introduces (`You will need:`).
    ///
    /// ```
    /// use cleaner_engine::doc::Document;
    /// assert!(Document::from_text("You will need:\nFlour\nSugar").introduced(1));
    /// ```
    pub fn introduced(&self, first: usize) -> bool {
        match (0..first).rev().find(|&i| !self.is_blank(i)) {
            Some(above) => self.alive[above] && pystr::rstrip(&self.lines[above]).ends_with(':'),
            None => false,
        }
    }

    /// Indices of alive, non-blank lines, in order.
    pub fn kept_indices(&self) -> Vec<usize> {
        let mut kept = Vec::with_capacity(self.lines.len());
        kept.extend((0..self.lines.len()).filter(|&i| self.alive[i] && !blank_line(&self.lines[i])));
        kept
    }

    /// Runs of alive non-blank lines separated by blank or removed lines.
    ///
    /// ```
    /// use cleaner_engine::doc::Document;
    /// assert_eq!(Document::from_text("a\nb\n\nc").blocks(), vec![vec![0, 1], vec![3]]);
    /// ```
    pub fn blocks(&self) -> Vec<Vec<usize>> {
        blocks_of(&self.kept_indices()).map(<[usize]>::to_vec).collect()
    }

    /// The lines `start..end` joined by `\n` (the text of a removal).
    pub fn text_of(&self, start: usize, end: usize) -> String {
        self.lines[start.min(self.len())..end.min(self.len())].join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_read_past_long_indents() {
        // Indents of spaces by groups of eight and not, then what shows or does not at every offset.
        for n in 0..40 {
            for tail in [
                "",
                "x",
                "\t",
                "\tx",
                "\u{a0}",
                "\u{a0}x",
                "\u{200b}",
                " \u{e838}",
                "é",
                "\u{1c}",
            ] {
                let line = format!("{}{tail}", " ".repeat(n));
                assert_eq!(blank_line(&line), line.chars().all(shows_nothing), "{line:?}");
            }
        }
    }
}
