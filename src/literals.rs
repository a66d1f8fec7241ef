//! `Literals`: many whitespace-tolerant literals found in one pass over a text (site signatures).
//!
//! A literal written `"Fusion Media"` also matches `"Fusion\u{a0}Media"` or a line break between the
//! words: each space of a literal matches a run of whitespace as `str.isspace` sees it. At one position
//! the longest literal wins, and matches do not overlap: what `cleaner/literals.py`'s trie pattern of
//! `re` found before. One `regex` alternation, longest literal first, does it; the crate's literal
//! prefilter skips the text between candidates, so a page that names no literal costs little.

use cleaner_engine::pystr;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use regex::{Regex, RegexBuilder};

/// `str.isspace()` as a class of the `regex` crate (its `\s` is Unicode White_Space, which lacks
/// U+001C..U+001F).
const SPACE: &str =
    r"[\t\n\x0B\x0C\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+";

/// Literals (whitespace runs as single spaces, none at the ends) and the pattern that finds them.
#[pyclass(frozen, module = "cleaner._core")]
pub struct Literals {
    keys: Vec<String>,
    pattern: Option<Regex>,
}

fn compile(keys: &[String]) -> Result<Option<Regex>, String> {
    if keys.is_empty() {
        return Ok(None);
    }
    let mut sorted: Vec<&String> = keys.iter().collect();
    // Two literals that match at one position are prefixes one of the other: the longer must be tried first.
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|k| k.split(' ').map(regex::escape).collect::<Vec<_>>().join(SPACE))
        .collect();
    RegexBuilder::new(&alternatives.join("|"))
        .size_limit(1 << 28)
        .dfa_size_limit(1 << 24)
        .build()
        .map(Some)
        .map_err(|e| format!("cannot compile {} literals: {e}", keys.len()))
}

impl Literals {
    fn find_in(&self, text: &str) -> Vec<String> {
        match &self.pattern {
            Some(re) => re.find_iter(text).map(|m| pystr::normalise_space(m.as_str())).collect(),
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
        let pattern = compile(&keys).map_err(PyValueError::new_err)?;
        Ok(Literals { keys, pattern })
    }

    /// The literal of every match in `text`, in text order (the GIL is released while searching).
    fn find<'py>(&self, py: Python<'py>, text: &Bound<'py, PyString>) -> Vec<String> {
        match text.to_str() {
            Ok(s) => py.detach(|| self.find_in(s)),
            // A str with lone surrogates has no UTF-8 form: search its lossy copy (no literal has U+FFFD).
            Err(_) => {
                let lossy = text.to_string_lossy();
                py.detach(|| self.find_in(&lossy))
            }
        }
    }

    /// `find` on UTF-8 bytes (a file's, before a `str` is made of them, if ever); bytes that are not UTF-8
    /// are searched as their lossy copy.
    fn find_bytes<'py>(&self, py: Python<'py>, data: &Bound<'py, PyBytes>) -> Vec<String> {
        let raw = data.as_bytes();
        py.detach(|| match simdutf8::basic::from_utf8(raw) {
            Ok(text) => self.find_in(text),
            Err(_) => self.find_in(&String::from_utf8_lossy(raw)),
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Vec<String>,))> {
        Ok((slf.get_type().into_any(), (slf.get().keys.clone(),)))
    }
}

/// Site detection by signatures (`SiteIndex.by_signature`) for a call that reads its files without the
/// GIL: the literals, the sites that own each (by index in the caller's list of sites), and how many
/// distinct signatures each site needs.
#[pyclass(frozen, module = "cleaner._core")]
pub struct SiteSignatures {
    literals: Literals,
    owners: std::collections::HashMap<String, Vec<usize>>,
    min_signatures: Vec<usize>,
}

#[pymethods]
impl SiteSignatures {
    /// `owners`: each normalised signature with the indexes of the sites that list it, in site order;
    /// `min_signatures`: per site index.
    #[new]
    fn new(owners: Vec<(String, Vec<usize>)>, min_signatures: Vec<usize>) -> PyResult<Self> {
        if let Some((_, bad)) = owners
            .iter()
            .find(|(_, sites)| sites.iter().any(|&s| s >= min_signatures.len()))
        {
            return Err(PyValueError::new_err(format!("site index out of range in {bad:?}")));
        }
        let owners: std::collections::HashMap<String, Vec<usize>> =
            owners.into_iter().filter(|(k, _)| !k.is_empty()).collect();
        let mut keys: Vec<String> = owners.keys().cloned().collect();
        keys.sort();
        let literals = Literals::new(keys)?;
        Ok(SiteSignatures {
            literals,
            owners,
            min_signatures,
        })
    }

    /// `detect` on a `str`, for tests that compare it with `SiteIndex.by_signature`.
    #[pyo3(name = "detect")]
    fn py_detect(&self, text: &str) -> Option<usize> {
        self.detect(text)
    }
}

impl SiteSignatures {
    /// The site whose signatures appear (at least its minimum of distinct ones; most wins, the first
    /// site to be hit on a tie), as `SiteIndex.by_signature` decides.
    pub fn detect(&self, text: &str) -> Option<usize> {
        let mut hits: Vec<(usize, Vec<String>)> = Vec::new();
        for literal in self.literals.find_in(text) {
            let Some(sites) = self.owners.get(&literal) else {
                continue;
            };
            for &site in sites {
                let at = match hits.iter().position(|(s, _)| *s == site) {
                    Some(at) => at,
                    None => {
                        hits.push((site, Vec::new()));
                        hits.len() - 1
                    }
                };
                if !hits[at].1.contains(&literal) {
                    hits[at].1.push(literal.clone());
                }
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for (site, found) in &hits {
            if found.len() >= self.min_signatures[*site] && best.is_none_or(|(n, _)| found.len() > n) {
                best = Some((found.len(), *site));
            }
        }
        best.map(|(_, site)| site)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(keys: &[&str]) -> Literals {
        Literals::new(keys.iter().map(|k| k.to_string()).collect()).unwrap()
    }

    #[test]
    fn leftmost_longest_without_overlap() {
        let l = lits(&["Fusion Media", "Fusion Media Limited", "InvestingPro"]);
        let found = l.find_in("(c) Fusion\u{a0}Media  Limited; InvestingProCLAIM");
        assert_eq!(found, ["Fusion Media Limited", "InvestingPro"]);
    }

    #[test]
    fn a_space_matches_any_str_isspace_run_and_nothing_else() {
        let l = lits(&["a b"]);
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let text = format!("a{c}{c}b");
            let want = pystr::is_space(c);
            assert_eq!(l.find_in(&text).len() == 1, want, "{c:?}");
        }
    }
}
