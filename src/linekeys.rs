//! `cleaner._core.LineKeys`, `SiteSets`, `SiteEvidence` and `KeyStage`: the line keys, hashes, pass-2
//! evidence and rule check of `cleaner learn` (see `cleaner_engine::linekey`, `learnpage` and
//! `keystage`), with the GIL released while a page is read.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use cleaner_engine::keystage::{check, check_options, CheckPage, KeyStage as Stage};
use cleaner_engine::learnpage::{gather_hashed, gather_page, Evidence, SiteSets as Sets};
use cleaner_engine::linekey::{key_hash, LineKeys as Keys};
use cleaner_engine::pipeline::{self, SiteStage};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::PyRemoval;

/// Keys and hashes of a page's lines, with the month and weekday names of `metadata.toml`.
#[pyclass(frozen, module = "cleaner._core")]
pub struct LineKeys {
    keys: Keys,
}

#[pymethods]
impl LineKeys {
    #[new]
    fn new(month: &str, weekday: &str) -> PyResult<Self> {
        let keys = Keys::new(month, weekday).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(LineKeys { keys })
    }

    /// The key of every line of `text` (split at `\n`), `""` for a blank line.
    fn keys(&self, py: Python<'_>, text: &str) -> Vec<String> {
        py.detach(|| self.keys.keys(text))
    }

    /// The keys of `text`'s lines and their hashes (0 for a blank line).
    fn keyed(&self, py: Python<'_>, text: &str) -> (Vec<String>, Vec<u64>) {
        py.detach(|| {
            let keys = self.keys.keys(text);
            let hashes = keys
                .iter()
                .map(|k| if k.is_empty() { 0 } else { key_hash(k) })
                .collect();
            (keys, hashes)
        })
    }

    /// The distinct hashes of `text`'s non-blank lines, sorted.
    fn page_hashes(&self, py: Python<'_>, text: &str) -> Vec<u64> {
        py.detach(|| {
            let mut out = self.keys.hashes(text);
            out.retain(|&h| h != 0);
            out.sort_unstable();
            out.dedup();
            out
        })
    }

    /// The hash of every line of `text` (0 for a blank line), as native-endian bytes, for pass 2 to take
    /// back (`gather_hashed`), and the distinct hashes of its non-blank lines, sorted (`page_hashes`).
    fn line_hashes<'py>(&self, py: Python<'py>, text: &str) -> (Vec<u64>, Bound<'py, PyBytes>) {
        let (distinct, all) = py.detach(|| {
            let all = self.keys.hashes(text);
            let mut distinct: Vec<u64> = all.iter().copied().filter(|&h| h != 0).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let bytes: Vec<u8> = all.iter().flat_map(|h| h.to_ne_bytes()).collect();
            (distinct, bytes)
        });
        (distinct, PyBytes::new(py, &all))
    }

    /// `gather` with the line hashes `line_hashes` gave for `text` (made again when they do not fit it).
    fn gather_hashed(
        &self,
        py: Python<'_>,
        text: &str,
        hashes: &[u8],
        mut into: PyRefMut<'_, SiteEvidence>,
    ) -> PyResult<()> {
        let into: &mut SiteEvidence = &mut into;
        let Some(sets) = into.sets.clone() else {
            return Err(PyValueError::new_err("this evidence was built without the site's sets"));
        };
        let hashes: Vec<u64> = hashes
            .chunks_exact(8)
            .map(|b| u64::from_ne_bytes(b.try_into().unwrap_or_default()))
            .collect();
        py.detach(|| gather_hashed(&self.keys, text, &hashes, &sets, &mut into.found));
        Ok(())
    }

    /// Pass 2 on one page of a site: its evidence added to `into`.
    fn gather(&self, py: Python<'_>, text: &str, mut into: PyRefMut<'_, SiteEvidence>) -> PyResult<()> {
        let into: &mut SiteEvidence = &mut into;
        let Some(sets) = into.sets.clone() else {
            return Err(PyValueError::new_err("this evidence was built without the site's sets"));
        };
        py.detach(|| gather_page(&self.keys, text, &sets, &mut into.found));
        Ok(())
    }
}

/// A site's recurring, frequent and common line hashes, built once per process.
#[pyclass(frozen, module = "cleaner._core")]
pub struct SiteSets {
    sets: Arc<Sets>,
}

#[pymethods]
impl SiteSets {
    #[new]
    fn new(recurring: Vec<u64>, frequent: Vec<u64>, common: Vec<u64>) -> Self {
        SiteSets {
            sets: Arc::new(Sets::new(recurring, frequent, common)),
        }
    }
}

/// One line's evidence: hash, key, examples, whether it is prose, then the counts and the shares.
type Row = (u64, String, Vec<String>, bool, Vec<i64>, Vec<f64>);

/// The evidence of pass 2 on some pages of one site. It pickles as its rows (without the sets: a
/// worker's evidence travels to the parent process, which only merges it).
#[pyclass(module = "cleaner._core")]
pub struct SiteEvidence {
    sets: Option<Arc<Sets>>,
    found: HashMap<u64, Evidence>,
}

#[pymethods]
impl SiteEvidence {
    #[new]
    #[pyo3(signature = (sets=None))]
    fn new(sets: Option<&SiteSets>) -> Self {
        SiteEvidence {
            sets: sets.map(|s| Arc::clone(&s.sets)),
            found: HashMap::new(),
        }
    }

    /// Evidence from rows (see `rows`).
    #[staticmethod]
    fn from_rows(rows: Vec<Row>) -> PyResult<Self> {
        let mut found = HashMap::with_capacity(rows.len());
        for (h, key, examples, prose, counts, shares) in rows {
            let (
                &[pages, head_ok, head_ok_max, head_bad_min, head_lines, tail_ok, tail_lines, leads_story, beside, between, story_above, rest_thread, rest_lines],
                &[max_prose_share, tail_max_share, rest_share_max],
            ) = (counts.as_slice(), shares.as_slice())
            else {
                return Err(PyValueError::new_err("a row of evidence has 13 counts and 3 shares"));
            };
            let n = |c: i64| c.max(0) as u64;
            let ev = Evidence {
                key,
                pages: n(pages),
                examples,
                prose,
                max_prose_share,
                head_ok: n(head_ok),
                head_ok_max,
                head_bad_min,
                head_lines: n(head_lines),
                tail_ok: n(tail_ok),
                tail_max_share,
                tail_lines: n(tail_lines),
                leads_story: n(leads_story),
                beside: n(beside),
                between: n(between),
                story_above: n(story_above),
                rest_share_max,
                rest_thread: n(rest_thread),
                rest_lines: n(rest_lines),
            };
            found.insert(h, ev);
        }
        Ok(SiteEvidence { sets: None, found })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Vec<Row>,))> {
        let from_rows = slf.get_type().getattr("from_rows")?;
        Ok((from_rows, (slf.borrow().rows(),)))
    }

    /// Fold in another's evidence (other pages of the same site), taking it: `other` is left empty (a
    /// batch's evidence is merged once, and its lines move rather than being copied).
    fn merge(&mut self, mut other: PyRefMut<'_, SiteEvidence>) {
        for (h, ev) in std::mem::take(&mut other.found) {
            match self.found.get_mut(&h) {
                Some(mine) => mine.merge(&ev),
                None => {
                    self.found.insert(h, ev);
                }
            }
        }
    }

    /// Lines with evidence.
    fn __len__(&self) -> usize {
        self.found.len()
    }

    /// Per line seen, sorted by hash: `(hash, key, examples, prose, counts, shares)`; counts are pages,
    /// head_ok, head_ok_max, head_bad_min, head_lines, tail_ok, tail_lines, leads_story, beside,
    /// between, story_above, rest_thread, rest_lines; shares are max_prose_share, tail_max_share,
    /// rest_share_max.
    fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .found
            .iter()
            .map(|(&h, e)| {
                let counts = [e.pages, e.head_ok]
                    .map(|c| c as i64)
                    .into_iter()
                    .chain([e.head_ok_max, e.head_bad_min]);
                let more = [
                    e.head_lines,
                    e.tail_ok,
                    e.tail_lines,
                    e.leads_story,
                    e.beside,
                    e.between,
                    e.story_above,
                    e.rest_thread,
                    e.rest_lines,
                ];
                let counts = counts.chain(more.map(|c| c as i64)).collect();
                let shares = vec![e.max_prose_share, e.tail_max_share, e.rest_share_max];
                (h, e.key.clone(), e.examples.clone(), e.prose, counts, shares)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

/// The lines of `text` that may be one text twice (`cleaner_engine::linekey::doubled_candidates`).
#[pyfunction]
pub fn doubled_candidates(py: Python<'_>, text: &str, shortest: usize, longest: usize, end: usize) -> Vec<String> {
    py.detach(|| {
        cleaner_engine::linekey::doubled_candidates(text, shortest, longest, end)
            .into_iter()
            .map(String::from)
            .collect()
    })
}

/// The 64-bit hash of a key (BLAKE2b, 8-byte digest, little-endian).
#[pyfunction]
pub fn line_key_hash(key: &str) -> u64 {
    key_hash(key)
}

/// A page's plain run's removals (when asked) and its learned run's (`KeyStage.check`).
type PyRuns = (Option<Vec<PyRemoval>>, Vec<PyRemoval>);

/// A learned site's rules matched by key (`cleaner_engine::keystage`): what `cleaner learn` checks its
/// rules with on a sample of the site's pages, in the engine from end to end.
#[pyclass(frozen, module = "cleaner._core")]
pub struct KeyStage {
    keys: Py<LineKeys>,
    head: Option<String>,
    head_max: usize,
    foot: Option<String>,
    lines: HashSet<String>,
}

impl KeyStage {
    fn stage(&self) -> Stage<'_> {
        let keys = &self.keys.get().keys;
        Stage::new(
            keys,
            self.head.clone(),
            self.head_max,
            self.foot.clone(),
            self.lines.clone(),
        )
    }
}

#[pymethods]
impl KeyStage {
    #[new]
    fn new(
        keys: Py<LineKeys>,
        head: Option<String>,
        head_max: usize,
        foot: Option<String>,
        lines: HashSet<String>,
    ) -> Self {
        KeyStage {
            keys,
            head,
            head_max,
            foot,
            lines,
        }
    }

    /// The removals of `lines` on a first pass (every line there): `(rule, start, end, reason, span, text)`.
    fn decide(&self, py: Python<'_>, lines: Vec<String>) -> Vec<PyRemoval> {
        py.detach(|| {
            let alive = vec![true; lines.len()];
            self.stage()
                .decide(&lines, &alive)
                .into_iter()
                .map(crate::to_py)
                .collect()
        })
    }

    /// For each `(text, plain)` page, the removals of its plain run (`Engine.clean` with no site stage, no
    /// metadata; `plain` says whether its first line is a `# url:` header; `None`: not wanted) and those
    /// of `clean` below, the pages sharing what the engine works out about their lines
    /// (`cleaner_engine::keystage::check`), the interpreter's lock released all along.
    fn check(
        &self,
        py: Python<'_>,
        engine: PyRef<'_, crate::Engine>,
        pages: Vec<(String, Option<bool>)>,
        max_line_chars: usize,
    ) -> PyResult<Vec<PyRuns>> {
        let generic = Arc::clone(&engine.generic);
        let outcome = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let pages: Vec<CheckPage<'_>> = pages
                    .iter()
                    .map(|(text, plain)| CheckPage { text, plain: *plain })
                    .collect();
                check(&generic, &mut self.stage(), &pages, max_line_chars)
            }))
        });
        let to_py = |rs: Vec<cleaner_engine::removal::Removal>| rs.into_iter().map(crate::to_py).collect();
        match outcome {
            Ok(Ok(runs)) => Ok(runs
                .into_iter()
                .map(|(plain, learned)| (plain.map(to_py), to_py(learned)))
                .collect()),
            Ok(Err(message)) => Err(crate::EngineError::new_err(message)),
            Err(panic) => Err(crate::EngineError::new_err(format!(
                "internal error: {}",
                crate::panic_message(&panic)
            ))),
        }
    }

    /// The removals of `engine.clean(text, force=True, metadata=False, max_line_chars=..., site=STAGE)`
    /// with this stage as the site stage, the interpreter's lock released all along.
    fn clean(
        &self,
        py: Python<'_>,
        engine: PyRef<'_, crate::Engine>,
        text: String,
        max_line_chars: usize,
    ) -> PyResult<Vec<PyRemoval>> {
        let generic = Arc::clone(&engine.generic);
        let opts = check_options(max_line_chars);
        let outcome = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let mut stage = self.stage();
                pipeline::clean(&generic, &text, &opts, false, Some(&mut stage as &mut dyn SiteStage))
            }))
        });
        match outcome {
            Ok(Ok(out)) => Ok(out.removed.into_iter().map(crate::to_py).collect()),
            Ok(Err(message)) => Err(crate::EngineError::new_err(message)),
            Err(panic) => Err(crate::EngineError::new_err(format!(
                "internal error: {}",
                crate::panic_message(&panic)
            ))),
        }
    }
}
