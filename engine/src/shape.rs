//! Shape of one line: the signals the structural heuristics weigh (port of `cleaner/generic/features.py`).

/// Signals of one line (bullets and leading w3m `[alt]` labels stripped).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The line without bullet, `[alt]` label and surrounding spaces.
    pub text: String,
    /// The words, lower-cased.
    pub words: Vec<String>,
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

/// The shape of a line.
///
/// ```
/// use cleaner_engine::shape::shape;
/// let s = shape("  • The cat sat on the mat.");
/// assert_eq!((s.units, s.terminal, s.bullet), (6.0, true, true));
/// ```
pub fn shape(line: &str) -> Shape {
    todo!("{line}")
}
