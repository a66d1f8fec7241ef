//! Menus and link lists left inside the story region: runs of short label-like lines (port of
//! `generic/menus.py`).

use std::collections::HashSet;

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::lang::WordSet;
use crate::pattern::Pattern;
use crate::pystr;
use crate::removal::Removal;
use crate::shape::Shape;
use crate::tables::{LoadError, Tables};

/// A lone short line is a sub-heading; three in a row are a menu or a link list.
pub const MIN_RUN: usize = 3;
pub const MAX_WORDS: f64 = 10.0;
pub const MAX_STOP_SHARE: f64 = 0.34;
pub const MIN_VALUES: usize = 3;

/// The marks of a line of program code (`program-code.toml`).
#[derive(Debug)]
pub struct Data {
    /// One pattern per mark: a line carries a mark when any of them matches (the search of Python's
    /// alternation of them all).
    code_marks: Vec<Pattern>,
}

impl Data {
    /// Compile the `regex` marks of `program-code.toml`.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let file = tables.path("program-code");
        let code_marks = tables
            .phrases("program-code", "regex")?
            .iter()
            .map(|p| Pattern::new(p, &file))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Data { code_marks })
    }

    /// Whether `line` carries a mark of program code.
    pub fn is_code_line(&self, line: &str) -> bool {
        self.code_marks.iter().any(|p| p.search(line))
    }

    /// Most lines read as program code (marks in rules/generic/program-code.toml): a tutorial's listing.
    ///
    /// Python's doctests: `["import os", "from django.conf import settings", "x = settings.DEBUG"]` is
    /// code; `["Home", "World", "Example.com", "Sport"]` and
    /// `["Spain -> D.O. Cava", "9:00 a.m - Comuna 13 pic.twitter.com/9CYgKmoyXT", "Sport"]` are not.
    pub fn is_code<S: AsRef<str>>(&self, texts: &[S]) -> bool {
        let mut unmarked = 0usize;
        for t in texts {
            unmarked += usize::from(!self.is_code_line(t.as_ref()));
            if 2 * unmarked >= texts.len() {
                return false; // a menu's lines have no marks: no majority is left to reach
            }
        }
        !texts.is_empty()
    }
}

/// A short line that does not read as text: no closing stop, few stop words, not a table row.
///
/// `sw` are the page's stop words.
///
/// ```
/// use cleaner_engine::{menus::is_label, shape::shape, lang::WordSet};
/// let the: WordSet = ["the".to_string()].into_iter().collect();
/// assert!(is_label(&shape("World News"), &the));
/// assert!(!is_label(&shape("It rained."), &WordSet::default()));
/// assert!(!is_label(&shape("1\tKyle Busch\t5040"), &WordSet::default()));
/// ```
pub fn is_label(s: &Shape, sw: &WordSet) -> bool {
    if s.terminal || s.units > MAX_WORDS || s.text.is_empty() || s.table_row {
        return false;
    }
    if s.units > 3.0 && !sw.is_empty() && !s.words.is_empty() {
        let hits = s.words.iter().filter(|&w| sw.contains(w)).count();
        return (hits as f64) / (s.words.len() as f64) <= MAX_STOP_SHARE;
    }
    true
}

/// `[^\W\d]` of Python's standard `re` on `str`: a word character that is no decimal digit.
fn is_unit_char(c: char) -> bool {
    (c == '_' || pystr::is_alnum(c)) && !pystr::is_decimal(c)
}

/// A table cell's value: a number, maybe with a unit (`5`, `12,5 %`, `3:1`, `40 km`).
///
/// Python's `re.fullmatch(r"[-+−]?\d[\d.,:/ ]*(?:%|°|[^\W\d]{1,3}\.?)?", text)`: the characters of
/// the number, the unit and its dot are disjoint, so one left-to-right reading decides.
///
/// ```
/// use cleaner_engine::menus::is_value;
/// assert!(is_value("5") && is_value("12,5 %") && is_value("3:1") && is_value("40 km") && is_value("−3 kg."));
/// assert!(!is_value("Next") && !is_value("5 kilos") && !is_value("") && !is_value("+") && !is_value("5%%"));
/// ```
pub fn is_value(text: &str) -> bool {
    let mut rest = text;
    if let Some(r) = rest.strip_prefix(['-', '+', '−']) {
        rest = r;
    }
    let mut chars = rest.chars();
    if !chars.next().is_some_and(pystr::is_decimal) {
        return false;
    }
    let rest = chars
        .as_str()
        .trim_start_matches(|c: char| pystr::is_decimal(c) || ".,:/ ".contains(c));
    if rest.is_empty() || rest == "%" || rest == "°" {
        return true;
    }
    let unit = rest.strip_suffix('.').unwrap_or(rest);
    let n = unit.chars().count();
    (1..=3).contains(&n) && unit.chars().all(is_unit_char)
}

/// Labels each followed by a number on the next line: a table flattened one cell per line.
///
/// The numbers differ (share counts all read `0`) and never stand two in a row (pagination).
///
/// ```
/// use cleaner_engine::menus::is_flat_table;
/// assert!(is_flat_table(&["Greens", "5", "Labour", "2", "Liberals", "0"]));
/// assert!(!is_flat_table(&["1", "2", "3", "4", "Next"]));
/// assert!(!is_flat_table(&["Facebook", "0", "Twitter", "0", "Email", "0"]));
/// ```
pub fn is_flat_table<S: AsRef<str>>(texts: &[S]) -> bool {
    let mut values: Vec<&str> = Vec::new();
    let mut adjacent = false;
    let mut previous = false;
    for t in texts {
        let v = pystr::strip(t.as_ref());
        let is = is_value(v);
        if is {
            values.push(v);
        }
        adjacent |= is && previous;
        previous = is;
    }
    let distinct = values.iter().collect::<HashSet<_>>().len();
    values.len() >= MIN_VALUES && distinct > 1 && !adjacent && 2 * values.len() + 1 >= texts.len()
}

fn menus(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    let kept = cx.kept(doc);
    let sw = cx.page_stopwords(doc, &kept);
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for i in kept.iter().copied().map(Some).chain([None]) {
        if let Some(i) = i {
            if is_label(&cx.shape_at(doc, i), sw) {
                run.push(i);
                continue;
            }
        }
        if let Some(&first) = run.first() {
            if run.len() >= MIN_RUN && !doc.introduced(first) && !lower_case_list(cx, doc, &run) {
                let texts: Vec<&str> = run.iter().map(|&j| &*doc.lines[j]).collect();
                if !is_flat_table(&texts) && !cx.g.menus.is_code(&texts) {
                    let reason = format!("one of {} short label lines in a row", run.len());
                    out.extend(run.iter().map(|&j| MENU_RUN.remove_lines(j, j + 1, Some(&reason))));
                }
            }
        }
        run.clear();
    }
    out
}

/// Most lines of the run are lower-case phrases of three words or more that start with no capital
/// (`1 egg, lightly beaten`, `salt and pepper to taste`): a list written in the story's text
/// (ingredients, amounts, items), not a menu's entries or teaser titles, which are names and titles.
///
/// Items differ: a control printed once per picture (`jump to photo #1`, `#2` ...) is one text, counted once.
fn lower_case_list(cx: &Ctx, doc: &Document, run: &[usize]) -> bool {
    let listed: HashSet<String> = run
        .iter()
        .filter_map(|&j| {
            let s = cx.shape_at(doc, j);
            let opening = s.text.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next();
            (s.units >= 3.0 && s.capitalised <= 0.5 && opening.is_some_and(|c| !c.is_uppercase()))
                .then(|| s.text.chars().filter(|c| !c.is_numeric()).collect())
        })
        .collect();
    listed.len() * 3 >= run.len() * 2
}

/// Runs of short label-like lines.
pub const MENU_RUN: Heuristic = Heuristic {
    id: "generic.menu-run",
    reason: "run of short label-like lines (menu, tag list, link list)",
    doc: "Drops runs of three or more consecutive short lines that do not read as text (no closing stop, \
few stop words, at most ten words, not a table row): menus, tag lists, share rows and lists of \
teaser titles. A single short line between paragraphs is a sub-heading and stays, and so do a list \
right under a line ending with a colon, a \
table flattened one cell per line (labels, each followed by a number), a listing of program code \
(dotted names, calls, assignments) and a list written in lower case (most lines three words or more, \
opening with no capital and mostly uncapitalised, each a different text: `1 egg, lightly beaten`).",
    example: "World\nBusiness\nMarkets\nOpinion",
    decide: Decide::Doc(menus),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{generic, run};

    #[test]
    fn example_is_a_menu() {
        let r = run(&MENU_RUN, MENU_RUN.example);
        assert_eq!(r.len(), 4);
        assert_eq!(
            (r[3].0, r[3].1, r[3].2.as_str(), r[3].4.as_str()),
            (3, 4, "one of 4 short label lines in a row", "Opinion")
        );
        assert!(run(&MENU_RUN, "You will need:\nFlour\nSugar\nEggs").is_empty());
    }

    #[test]
    fn a_lower_case_list_is_no_menu() {
        // A recipe's ingredients under w3m or Chromium: no colon line right above them.
        let ingredients = "4 snow peas, trimmed and julienned\n1 spring onion, trimmed and thinly sliced\n\
                           1 egg, lightly beaten\nsalt and pepper to taste";
        assert!(run(&MENU_RUN, ingredients).is_empty());
        // Titles of other stories, even in sentence case, open with a capital: a teaser list.
        let teasers = "Your brain on multitasking\nJust-in-time vs. just-in-case learning\nWhy users stop reading";
        assert_eq!(run(&MENU_RUN, teasers).len(), 3);
        // One control printed once per picture is one item, not a list.
        let controls = "jump to photo #1\njump to photo #2\njump to photo #3\njump to photo #4";
        assert_eq!(run(&MENU_RUN, controls).len(), 4);
    }

    #[test]
    fn code_listings() {
        let m = &generic().menus;
        assert!(m.is_code(&["import os", "from django.conf import settings", "x = settings.DEBUG"]));
        assert!(!m.is_code(&["Home", "World", "Example.com", "Sport"]));
        assert!(!m.is_code(&[
            "Spain -> D.O. Cava",
            "9:00 a.m - Comuna 13 pic.twitter.com/9CYgKmoyXT",
            "Sport"
        ]));
        assert!(!m.is_code::<&str>(&[]));
    }

    fn sh(text: &str, words: &[&str], terminal: bool, table_row: bool) -> Shape {
        Shape {
            text: text.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            units: words.len() as f64,
            terminal,
            bullet: false,
            capitalised: 0.0,
            digits: false,
            table_row,
            glued_teaser: false,
            chars: pystr::len(text),
        }
    }

    #[test]
    fn labels() {
        let the: WordSet = ["the", "of", "a"].iter().map(|w| w.to_string()).collect();
        assert!(is_label(&sh("World News", &["world", "news"], false, false), &the));
        assert!(!is_label(
            &sh("It rained.", &["it", "rained"], true, false),
            &WordSet::default()
        ));
        assert!(!is_label(
            &sh("1\tKyle Busch\t5040", &["1", "kyle", "busch", "5040"], false, true),
            &the
        ));
        assert!(!is_label(
            &sh("The end of a story", &["the", "end", "of", "a", "story"], false, false),
            &the
        ));
        assert!(is_label(
            &sh("The end of a story", &["the", "end", "of", "a", "story"], false, false),
            &WordSet::default()
        ));
        assert!(!is_label(&sh("", &[], false, false), &the));
    }

    #[test]
    fn values() {
        for v in [
            "5", "-5", "+5", "−5", "12,5 %", "3:1", "40 km", "40 km.", "1 2 3", "5°", "5abc", "5ab.", "١٢", "5_",
        ] {
            assert!(is_value(v), "{v}");
        }
        for v in [
            "", "-", "a5", "5 kilo", "5abcd", "5%.", "5..a1", "--5", "5a1", "5 %%", "5ab..",
        ] {
            assert!(!is_value(v), "{v}");
        }
    }

    #[test]
    fn flat_tables() {
        assert!(is_flat_table(&["Greens", "5", "Labour", "2", "Liberals", "0"]));
        assert!(!is_flat_table(&["1", "2", "3", "4", "Next"]));
        assert!(!is_flat_table(&["Facebook", "0", "Twitter", "0", "Email", "0"]));
        assert!(is_flat_table(&["A", "1", "B", "2", "C", "3", "D"]));
        assert!(!is_flat_table(&["A", "1", "B", "2", "C", "3", "D", "E", "F"]));
    }
}
