//! `Literals`: many whitespace-tolerant literals found in one pass over a text (site signatures).
//!
//! The text's whitespace runs (as `str.isspace` sees them) are read as one space, so a literal
//! written `"Fusion Media"` also matches `"Fusion\u{a0}Media"` or a line break between the words;
//! matches are leftmost-longest and do not overlap, which is what `cleaner/literals.py`'s trie
//! pattern of `re` found before, at a fraction of its cost.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};
use cleaner_engine::pystr;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// An automaton over literals whose whitespace runs are single spaces, none at the ends.
#[pyclass(frozen, module = "cleaner._core")]
pub struct Literals {
    keys: Vec<String>,
    automaton: Option<AhoCorasick>,
}

/// `text` with every whitespace run as one space: a literal's match here is its match in `text`.
fn squeeze(text: &str) -> Cow<'_, str> {
    let plain = !text
        .char_indices()
        .any(|(i, c)| pystr::is_space(c) && (c != ' ' || text[i + 1..].starts_with(pystr::is_space)));
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if pystr::is_space(c) {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    Cow::Owned(out)
}

impl Literals {
    fn find_in(&self, text: &str) -> Vec<usize> {
        match &self.automaton {
            Some(ac) => ac
                .find_iter(squeeze(text).as_ref())
                .map(|m| m.pattern().as_usize())
                .collect(),
            None => Vec::new(),
        }
    }
}

#[pymethods]
impl Literals {
    /// Compile `keys` (already normalised: `" ".join(key.split())`, none empty).
    #[new]
    fn new(keys: Vec<String>) -> PyResult<Self> {
        if let Some(bad) = keys.iter().find(|k| k.is_empty() || pystr::normalise_space(k) != **k) {
            return Err(PyValueError::new_err(format!("literal {bad:?} is not normalised")));
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keys)
                .map_err(|e| PyValueError::new_err(format!("cannot compile {} literals: {e}", keys.len())))?;
            Some(built)
        };
        Ok(Literals { keys, automaton })
    }

    /// The literal of every match in `text`, in text order (the GIL is released while searching).
    fn find<'py>(&self, py: Python<'py>, text: &Bound<'py, PyString>) -> Vec<String> {
        // A str with lone surrogates has no UTF-8 form: search its lossy copy (no literal has U+FFFD).
        let text: Cow<'_, str> = match text.to_str() {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => text.to_string_lossy(),
        };
        let found = py.detach(|| self.find_in(&text));
        found.into_iter().map(|i| self.keys[i].clone()).collect()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Vec<String>,))> {
        Ok((slf.get_type().into_any(), (slf.get().keys.clone(),)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(squeeze("a b"), "a b");
        assert!(matches!(squeeze("a b"), Cow::Borrowed(_)));
        assert_eq!(squeeze("a\u{a0}\n b\u{1c}c  "), "a b c ");
    }

    #[test]
    fn leftmost_longest_without_overlap() {
        let l = Literals::new(vec![
            "Fusion Media".into(),
            "Fusion Media Limited".into(),
            "InvestingPro".into(),
        ])
        .unwrap();
        let found: Vec<&str> = l
            .find_in("(c) Fusion\u{a0}Media  Limited; InvestingProCLAIM")
            .into_iter()
            .map(|i| l.keys[i].as_str())
            .collect();
        assert_eq!(found, ["Fusion Media Limited", "InvestingPro"]);
    }
}
