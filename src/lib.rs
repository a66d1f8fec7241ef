//! `cleaner._core`: the PyO3 binding of the engine crate (`engine/`).
//!
//! A thin layer: it converts types, releases the GIL while a document is cleaned, calls back into
//! Python only for a known site's rule file (its patterns are Python `regex` patterns), and turns
//! errors and panics into Python exceptions that say what failed.
#![forbid(unsafe_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
#[cfg(unix)]
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use cleaner_engine::ctx::Ctx;
use cleaner_engine::doc::Document;
use cleaner_engine::dump::utf8_dump;
#[cfg(unix)]
use cleaner_engine::files;
use cleaner_engine::generic::Generic;
use cleaner_engine::heuristics::{Decide, Stage, HEURISTICS};
use cleaner_engine::pipeline::{self, Held, Options, SiteStage};
use cleaner_engine::removal::Removal;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

mod linekeys;
mod literals;

/// The engine allocates many small blocks per line (its per-line memories, shapes, words): mimalloc
/// spends less time on them than glibc's malloc (see bench/README.md, "allocation").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _core,
    EngineError,
    PyRuntimeError,
    "The engine failed on one document (a bug: please report it)."
);

/// The compiled generic data of a folder, shared by every engine built from it in this process.
type Loaded = Arc<OnceLock<Result<Arc<Generic>, String>>>;

/// Folders compiled (or being compiled), with the process that compiles them.
static LOADED: Mutex<Vec<(PathBuf, u32, Loaded)>> = Mutex::new(Vec::new());

fn slot(dir: &PathBuf) -> Loaded {
    let pid = std::process::id();
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    // A forked child inherits the slots but not the thread that may be filling one: it compiles afresh.
    loaded.retain(|(_, owner, _)| *owner == pid);
    match loaded.iter().find(|(d, _, _)| d == dir) {
        Some((_, _, slot)) => Arc::clone(slot),
        None => {
            let slot = Loaded::default();
            loaded.push((dir.clone(), pid, Arc::clone(&slot)));
            slot
        }
    }
}

/// Compile `dir` once per process; a second caller, or one arriving while a `preload` thread compiles,
/// waits for that one result.
fn load_shared(dir: &PathBuf) -> Result<Arc<Generic>, String> {
    let slot = slot(dir);
    slot.get_or_init(|| match catch_unwind(|| Generic::load(dir)) {
        Ok(Ok(g)) => Ok(Arc::new(g)),
        Ok(Err(e)) => Err(format!("bad generic rule file {e}")),
        Err(panic) => Err(format!(
            "internal error loading {}: {}",
            dir.display(),
            panic_message(&panic)
        )),
    })
    .clone()
}

/// Start compiling the phrase files of `generic_dir` on a thread of its own, so that the Python imports
/// that follow run meanwhile (a fresh process, such as the pre-commit hook's, pays for both otherwise).
/// `Engine(generic_dir)` then takes the result, or waits for it.
#[pyfunction]
fn preload(generic_dir: PathBuf) {
    // A thread that cannot be started only means compiling later, in `Engine`.
    let _ = std::thread::Builder::new()
        .name("cleaner-preload".into())
        .spawn(move || load_shared(&generic_dir));
}

/// A removal as Python sees it: rule, start, end, reason, span (code points) or None, text.
type PyRemoval = (String, usize, usize, String, Option<(usize, usize)>, String);
/// Why the valve held a document: (everything, share of prose lost).
type PyHeld = (bool, f64);
/// What `Engine.clean` returns: text, title, removals, metadata pairs, held.
type PyOutput = (
    String,
    String,
    Vec<PyRemoval>,
    Vec<(&'static str, String)>,
    Option<PyHeld>,
);
/// What `Engine.clean_bytes` returns: the bytes to write, whether the text changed, the UTF-8 sizes of the
/// text read and of the text cleaned, (rule, removals) pairs, held.
type PyEncoded = (Py<PyBytes>, bool, usize, usize, Vec<(String, usize)>, Option<PyHeld>);
/// What `Engine.clean_counting` returns: text, title, (rule, removals) pairs, metadata pairs, held.
type PyCounted = (
    String,
    String,
    Vec<(String, usize)>,
    Vec<(&'static str, String)>,
    Option<PyHeld>,
);

fn to_py(r: Removal) -> PyRemoval {
    (r.rule, r.start, r.end, r.reason, r.span, r.text)
}

fn from_py(r: PyRemoval) -> Removal {
    let (rule, start, end, reason, span, text) = r;
    Removal {
        rule,
        start,
        end,
        reason,
        span,
        text,
    }
}

/// A site's rule file, run in Python: `decide(lines, alive, protected) -> (removals, protected)`.
struct PySite<'a> {
    decide: &'a Py<PyAny>,
    error: Option<PyErr>,
}

impl SiteStage for PySite<'_> {
    fn decide(&mut self, doc: &mut Document) -> Result<Vec<Removal>, String> {
        let called = Python::attach(|py| -> PyResult<(Vec<PyRemoval>, Vec<bool>)> {
            let lines: Vec<&str> = doc.lines.iter().map(|l| &**l).collect();
            let args = (lines, doc.alive.clone(), doc.protected.clone());
            self.decide.call1(py, args)?.extract(py)
        });
        match called {
            Ok((removals, protected)) if protected.len() == doc.len() => {
                doc.protected = protected;
                Ok(removals.into_iter().map(from_py).collect())
            }
            Ok(_) => Err("the site stage returned a protected list of the wrong length".into()),
            Err(e) => {
                self.error = Some(e);
                Err("the site stage failed".into())
            }
        }
    }
}

/// The engine, built once from the generic phrase and language files, then called per document.
///
/// Immutable and shared: threads may call `clean` at once (the GIL is released while it runs), and it
/// pickles as the folder it was built from.
#[pyclass(frozen, module = "cleaner._core")]
struct Engine {
    generic: Arc<Generic>,
    dir: PathBuf,
    /// The generic heuristics it runs: all but the ignored ones, listed once for every document.
    stage: Stage,
    ignored: Vec<String>,
}

#[pymethods]
impl Engine {
    /// Compile the phrase and language files of `generic_dir` (`rules/generic`); the heuristics whose
    /// ids `ignore` lists are never run (an id that names none is a ValueError).
    #[new]
    #[pyo3(signature = (generic_dir, ignore=Vec::new()))]
    fn new(py: Python<'_>, generic_dir: PathBuf, ignore: Vec<String>) -> PyResult<Self> {
        let ids: Vec<&str> = ignore.iter().map(String::as_str).collect();
        let stage = Stage::without(&ids).map_err(PyValueError::new_err)?;
        match py.detach(|| load_shared(&generic_dir)) {
            Ok(generic) => Ok(Engine {
                generic,
                dir: generic_dir,
                stage,
                ignored: ignore,
            }),
            Err(e) if e.starts_with("internal error") => Err(EngineError::new_err(e)),
            Err(e) => Err(PyValueError::new_err(e)),
        }
    }

    /// Whether the line heuristic `rule_id` drops `line` on its own (its documented example must be one).
    fn line_test(&self, rule_id: &str, line: &str) -> PyResult<bool> {
        let h = cleaner_engine::heuristics::by_id(rule_id)
            .ok_or_else(|| PyValueError::new_err(format!("no generic heuristic '{rule_id}'")))?;
        match h.decide {
            Decide::Line(test) => Ok(test(&Ctx::new(&self.generic), line)),
            Decide::Doc(_) | Decide::Settled(_) => Ok(false),
        }
    }

    /// Whether `line` matches phrase file `table` of `rules/generic/` (one that lines are matched against).
    fn matches(&self, table: &str, line: &str) -> PyResult<bool> {
        let name = cleaner_engine::phrases::MATCHER_FILES
            .iter()
            .find(|&&n| n == table)
            .ok_or_else(|| PyValueError::new_err(format!("no phrase file '{table}' is matched line by line")))?;
        Ok(Ctx::new(&self.generic).matches(name, line))
    }

    /// The shape of a line, as a dict of its signals.
    fn shape<'py>(&self, py: Python<'py>, line: &str) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let s = cleaner_engine::shape::shape(line);
        let d = pyo3::types::PyDict::new(py);
        d.set_item("text", &*s.text)?;
        d.set_item("words", s.words.iter().collect::<Vec<_>>())?;
        d.set_item("units", s.units)?;
        d.set_item("terminal", s.terminal)?;
        d.set_item("bullet", s.bullet)?;
        d.set_item("capitalised", s.capitalised)?;
        d.set_item("digits", s.digits)?;
        d.set_item("table_row", s.table_row)?;
        d.set_item("glued_teaser", s.glued_teaser)?;
        Ok(d)
    }

    /// The language whose stop words `words` (lower-cased) use most, if any.
    fn detect_language(&self, words: Vec<String>) -> Option<String> {
        self.generic.lang.detect(&words).map(str::to_string)
    }

    /// The lines of `text` (newlines normalised) and what the learned heuristic reads on them in the
    /// first pass (`(line, features)` of each line it may remove; the model is not run). For
    /// `bench/train_scorer.py`; the features are named by `learned_features()`.
    #[allow(clippy::type_complexity)]
    fn learned_rows(&self, py: Python<'_>, text: String) -> PyResult<(Vec<String>, Vec<(usize, Vec<f64>)>)> {
        let g = Arc::clone(&self.generic);
        let outcome = py.detach(|| catch_unwind(AssertUnwindSafe(|| cleaner_engine::learned::first_pass(&g, &text))));
        match outcome {
            Ok((lines, rows)) => Ok((lines, rows.into_iter().map(|(i, x)| (i, x.to_vec())).collect())),
            Err(panic) => Err(EngineError::new_err(format!(
                "internal error: {}",
                panic_message(&panic)
            ))),
        }
    }

    /// The lines of `text` (newlines normalised) and the stretches the learned end model reads in the
    /// first pass (`(start, end, features)` of each stretch of paragraphs below the story's end that the
    /// footer region's hand walk leaves cut; the model is not run). For `bench/train_end.py`; the
    /// features are named by `end_features()`.
    #[allow(clippy::type_complexity)]
    fn end_rows(&self, py: Python<'_>, text: String) -> PyResult<(Vec<String>, Vec<(usize, usize, Vec<f64>)>)> {
        let g = Arc::clone(&self.generic);
        let outcome = py.detach(|| catch_unwind(AssertUnwindSafe(|| cleaner_engine::endmodel::first_pass(&g, &text))));
        match outcome {
            Ok((lines, rows)) => Ok((lines, rows.into_iter().map(|(a, b, x)| (a, b, x.to_vec())).collect())),
            Err(panic) => Err(EngineError::new_err(format!(
                "internal error: {}",
                panic_message(&panic)
            ))),
        }
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (PathBuf, Vec<String>))> {
        let e = slf.get();
        Ok((slf.get_type().into_any(), (e.dir.clone(), e.ignored.clone())))
    }

    /// The ids of the heuristics it does not run, as given.
    #[getter]
    fn ignored(&self) -> Vec<String> {
        self.ignored.clone()
    }

    /// The folder the engine was built from.
    #[getter]
    fn generic_dir(&self) -> PathBuf {
        self.dir.clone()
    }

    /// Clean one document (newlines normalised; a `str` or its UTF-8 bytes, which a non-ASCII `str`
    /// costs less as): `(text, title, removals, metadata, held)`. With
    /// `removals=False` the list of removals comes back empty (a caller that wants the text alone does
    /// not pay for turning them into Python objects).
    #[pyo3(signature = (text, *, generic=true, max_loss=0.9, force=false, metadata=true, max_line_chars=100_000, url_header=false, site=None, removals=true))]
    #[allow(clippy::too_many_arguments)]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        generic: bool,
        max_loss: f64,
        force: bool,
        metadata: bool,
        max_line_chars: usize,
        url_header: bool,
        site: Option<Py<PyAny>>,
        removals: bool,
    ) -> PyResult<PyOutput> {
        let text = utf8_text(text)?;
        let opts = Options {
            generic,
            max_loss,
            force,
            metadata,
            max_line_chars,
            removal_texts: removals,
            stage: self.stage.clone(),
        };
        let out = self.run(py, text, opts, url_header, site)?;
        let removed = if removals {
            out.removed.into_iter().map(to_py).collect()
        } else {
            Vec::new()
        };
        Ok((out.text, out.title, removed, out.metadata, held_of(out.held)))
    }

    /// `clean`, with the number of removals of each rule in place of the removals, in the order of
    /// each rule's first removal: all a run's summary needs, without a Python object per removal.
    #[pyo3(signature = (text, *, generic=true, max_loss=0.9, force=false, metadata=true, max_line_chars=100_000, url_header=false, site=None))]
    #[allow(clippy::too_many_arguments)]
    fn clean_counting(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        generic: bool,
        max_loss: f64,
        force: bool,
        metadata: bool,
        max_line_chars: usize,
        url_header: bool,
        site: Option<Py<PyAny>>,
    ) -> PyResult<PyCounted> {
        let text = utf8_text(text)?;
        let opts = Options {
            generic,
            max_loss,
            force,
            metadata,
            max_line_chars,
            removal_texts: false,
            stage: self.stage.clone(),
        };
        let out = self.run(py, text, opts, url_header, site)?;
        let counts = rule_counts(out.removed);
        Ok((out.text, out.title, counts, out.metadata, held_of(out.held)))
    }

    /// `clean_counting` on a file's bytes, for a caller that wants the bytes to write back, not the text:
    /// `(output, changed, bytes_in, bytes_out, counts, held)`, the output in the input's byte-order mark
    /// and newlines, or None when `data` is not a UTF-8 dump this call reads as `textio.decode_bytes`
    /// would (see `cleaner_engine::dump`). Reading, cleaning and encoding run with the GIL released, and
    /// no `str` is made: the conversions cost a `--jobs` worker a quarter of its time holding the GIL.
    #[pyo3(signature = (data, *, generic=true, max_loss=0.9, force=false, max_line_chars=100_000, url_header=false, site=None))]
    #[allow(clippy::too_many_arguments)]
    fn clean_bytes(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyBytes>,
        generic: bool,
        max_loss: f64,
        force: bool,
        max_line_chars: usize,
        url_header: bool,
        site: Option<Py<PyAny>>,
    ) -> PyResult<Option<PyEncoded>> {
        let opts = Options {
            generic,
            max_loss,
            force,
            metadata: false,
            max_line_chars,
            removal_texts: false,
            stage: self.stage.clone(),
        };
        let raw = data.as_bytes();
        let done = self.detached(py, site, |g, stage| {
            let Some(dump) = utf8_dump(raw) else {
                return Ok(None);
            };
            let out = pipeline::clean(g, &dump.text, &opts, url_header, stage)?;
            let changed = out.held.is_none() && out.text != dump.text;
            let bytes = dump.encode(&out.text);
            Ok(Some((
                bytes,
                changed,
                dump.text.len(),
                out.text.len(),
                out.removed,
                out.held,
            )))
        })?;
        Ok(done.map(|(bytes, changed, bytes_in, bytes_out, removed, held)| {
            let counts = rule_counts(removed);
            (
                PyBytes::new(py, &bytes).unbind(),
                changed,
                bytes_in,
                bytes_out,
                counts,
                held_of(held),
            )
        }))
    }

    /// `clean_bytes` on a task's files, read from and written to their paths here, with the GIL released
    /// for the whole task: the Python path's system calls each give the GIL up and take it back, and its
    /// path and file bookkeeping holds it (bench/README.md, "one engine call a task").
    ///
    /// `files`: `(path, target, site)`: `target` is the output file (`-o`), `site` the index in `stages`
    /// of the site the caller found for the path, -1 to detect it by `signatures` (another negative: a
    /// site the caller does not know, left to the Python path). `mode` 0 checks,
    /// 1 writes a changed file back in place (through its symlinks), 2 writes every file to its target.
    /// Each file's outcome is `(changed, bytes_in, bytes_out, counts, held)` as `clean_bytes` gives it,
    /// or None for a file left to the Python path as it was: one not read as a UTF-8 dump without a
    /// `# url:` line (not a regular file, unreadable, over `max_bytes`, another encoding), one whose
    /// site stage or cleaning failed, one that could not be written. The Python path then reports it in
    /// its own words. After a write's failure, and in place after any file left over (a file may be
    /// named twice and must be read as the first visit left it), the task's later files are left over
    /// too, unread. `-o` copies are synced by a second thread as they are written, while the next file
    /// is cleaned, and renamed once all are synced (`synced_folders`); each folder renamed into is
    /// synced once, at the end.
    #[pyo3(signature = (files, *, mode, max_bytes, umask, signatures=None, stages=Vec::new(), generic=true, max_loss=0.9, force=false, max_line_chars=100_000))]
    #[allow(clippy::too_many_arguments)]
    fn clean_files(
        &self,
        py: Python<'_>,
        files: Vec<(PathBuf, Option<PathBuf>, i64)>,
        mode: u8,
        max_bytes: u64,
        umask: u32,
        signatures: Option<Py<literals::SiteSignatures>>,
        stages: Vec<Py<PyAny>>,
        generic: bool,
        max_loss: f64,
        force: bool,
        max_line_chars: usize,
    ) -> PyResult<Vec<Option<PyFileDone>>> {
        if mode > 2 {
            return Err(PyValueError::new_err(format!("unknown mode {mode}")));
        }
        // Elsewhere, no permission bits to give a written copy: every file takes the Python path.
        #[cfg(not(unix))]
        let done: Vec<Option<PyFileDone>> = {
            let _ = (
                py,
                max_bytes,
                umask,
                signatures,
                stages,
                generic,
                max_loss,
                force,
                max_line_chars,
            );
            files.iter().map(|_| None).collect()
        };
        #[cfg(unix)]
        let done = {
            let opts = Options {
                generic,
                max_loss,
                force,
                metadata: false,
                max_line_chars,
                removal_texts: false,
                stage: self.stage.clone(),
            };
            let g = Arc::clone(&self.generic);
            let task = FileTask {
                g: &g,
                opts: &opts,
                mode,
                max_bytes,
                umask,
                signatures: signatures.as_ref().map(|s| s.get()),
                stages: &stages,
            };
            let (done, errors) = py.detach(|| task.run(&files));
            drop(errors); // a site stage's exception: the Python path meets and raises it again
            done.into_iter()
                .map(|d| {
                    d.map(|d| {
                        (
                            d.changed,
                            d.bytes_in,
                            d.bytes_out,
                            rule_counts(d.removed),
                            held_of(d.held),
                        )
                    })
                })
                .collect::<Vec<_>>()
        };
        Ok(done)
    }
}

/// What `Engine.clean_files` returns for a file it cleaned: changed, bytes_in, bytes_out, counts, held.
type PyFileDone = (bool, usize, usize, Vec<(String, usize)>, Option<PyHeld>);

/// A file `clean_files` cleaned (and wrote, where its mode writes).
#[cfg(unix)]
struct FileDone {
    changed: bool,
    bytes_in: usize,
    bytes_out: usize,
    removed: Vec<Removal>,
    held: Option<Held>,
}

/// What became of one file of a task.
#[cfg(unix)]
enum Step {
    Done(FileDone),
    /// Cleaned, its copy written and waiting for the task's end to be synced and renamed.
    Staged(FileDone, files::Staged),
    /// Left to the Python path; the task goes on.
    Skip,
    /// Left to the Python path, and so is the rest of the task.
    Stop,
}

/// The thread that syncs a task's `-o` copies as they come, and the way to hand it one.
#[cfg(unix)]
type Syncer<'s> = (
    mpsc::Sender<(usize, files::Staged)>,
    std::thread::ScopedJoinHandle<'s, Vec<(usize, Option<files::Staged>)>>,
);

/// A `clean_files` call's settings, shared by its files.
#[cfg(unix)]
struct FileTask<'a> {
    g: &'a Generic,
    opts: &'a Options,
    mode: u8,
    max_bytes: u64,
    umask: u32,
    signatures: Option<&'a literals::SiteSignatures>,
    stages: &'a [Py<PyAny>],
}

#[cfg(unix)]
impl FileTask<'_> {
    /// Every file's outcome (None: left to the Python path), and the site stages' exceptions.
    ///
    /// A `-o` task's copies are synced by a second thread as they are staged, while this one cleans the
    /// next file, so that the disk's waits do not stop the cleaning. The renames still wait for every
    /// copy's sync: copies synced, then renamed, then each folder synced once, as without that thread.
    fn run(&self, files: &[(PathBuf, Option<PathBuf>, i64)]) -> (Vec<Option<FileDone>>, Vec<PyErr>) {
        if self.mode != 2 || files.len() < 2 {
            return self.run_then_sync(files, None);
        }
        std::thread::scope(|scope| {
            let (to_sync, copies) = mpsc::channel::<(usize, files::Staged)>();
            let syncer = std::thread::Builder::new()
                .name("cleaner-sync".into())
                .spawn_scoped(scope, move || {
                    copies.into_iter().map(|(i, copy)| (i, files::sync(copy))).collect()
                });
            // Without a thread to be had, the copies are synced here at the end.
            self.run_then_sync(files, syncer.ok().map(|handle| (to_sync, handle)))
        })
    }

    fn run_then_sync(
        &self,
        files: &[(PathBuf, Option<PathBuf>, i64)],
        syncer: Option<Syncer<'_>>,
    ) -> (Vec<Option<FileDone>>, Vec<PyErr>) {
        let mut done: Vec<Option<FileDone>> = Vec::with_capacity(files.len());
        let mut staged: Vec<(usize, files::Staged)> = Vec::new();
        let mut sent: Vec<usize> = Vec::new();
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut errors = Vec::new();
        for (path, target, site) in files {
            let step = catch_unwind(AssertUnwindSafe(|| {
                self.one(path, target.as_deref(), *site, &mut folders, &mut errors)
            }))
            .unwrap_or(Step::Stop);
            match step {
                Step::Done(d) => done.push(Some(d)),
                Step::Staged(d, copy) => {
                    let i = done.len();
                    done.push(Some(d));
                    let unsent = match &syncer {
                        Some((to_sync, _)) => to_sync.send((i, copy)).err().map(|mpsc::SendError(back)| back),
                        None => Some((i, copy)),
                    };
                    match unsent {
                        Some(back) => staged.push(back),
                        None => sent.push(i),
                    }
                }
                Step::Skip => done.push(None),
                Step::Stop => break,
            }
        }
        let mut synced: Vec<(usize, Option<files::Staged>)> = Vec::with_capacity(sent.len() + staged.len());
        if let Some((to_sync, handle)) = syncer {
            drop(to_sync); // the queue ends: the syncer hands its copies back
            match handle.join() {
                Ok(from_thread) => synced = from_thread,
                // Lost in a panic, unrenamed: the Python path writes them again.
                Err(_) => synced.extend(sent.iter().map(|&i| (i, None))),
            }
        }
        // The copies synced back to back (the first journal commit takes the others along), then renamed.
        synced.extend(staged.into_iter().map(|(i, copy)| (i, files::sync(copy))));
        synced.sort_by_key(|&(i, _)| i);
        for (i, copy) in synced {
            let renamed = copy.and_then(|copy| {
                let folder = copy.folder();
                files::commit(copy, false, self.umask).ok()?;
                Some(folder)
            });
            match renamed {
                Some(folder) if !folders.contains(&folder) => folders.push(folder),
                Some(_) => {}
                None => done[i] = None,
            }
        }
        for folder in &folders {
            files::sync_folder(folder);
        }
        done.resize_with(files.len(), || None);
        (done, errors)
    }

    fn one(
        &self,
        path: &std::path::Path,
        target: Option<&std::path::Path>,
        site: i64,
        folders: &mut Vec<PathBuf>,
        errors: &mut Vec<PyErr>,
    ) -> Step {
        let skip = if self.mode == 1 { Step::Stop } else { Step::Skip };
        let Some((raw, file_mode)) = files::read_regular(path, self.max_bytes) else {
            return skip;
        };
        let Some(dump) = utf8_dump(&raw) else {
            return skip;
        };
        if dump.text.starts_with('#') {
            return skip; // a `# url:` line, maybe: the Python path reads it
        }
        let site = match usize::try_from(site) {
            Ok(i) => Some(i),
            Err(_) if site == -1 => self.signatures.and_then(|s| s.detect(&dump.text)),
            Err(_) => return skip, // an unknown site: the Python path names it
        };
        let mut stage = match site {
            Some(i) => match self.stages.get(i) {
                Some(decide) => Some(PySite { decide, error: None }),
                None => return Step::Stop,
            },
            None => None,
        };
        let cleaned = pipeline::clean(
            self.g,
            &dump.text,
            self.opts,
            false,
            stage.as_mut().map(|s| s as &mut dyn SiteStage),
        );
        if let Some(err) = stage.and_then(|s| s.error) {
            errors.push(err);
            return Step::Stop;
        }
        let Ok(out) = cleaned else {
            return Step::Stop;
        };
        let changed = out.held.is_none() && out.text != dump.text;
        let done = FileDone {
            changed,
            bytes_in: dump.text.len(),
            bytes_out: out.text.len(),
            removed: out.removed,
            held: out.held,
        };
        match (self.mode, target) {
            (0, _) => Step::Done(done),
            (1, _) if !changed => Step::Done(done),
            (1, _) => {
                // Through a symlink to the file it names, so the link stays a link.
                let Ok(real) = std::fs::canonicalize(path) else {
                    return Step::Stop;
                };
                let mode = files::target_mode(&real, None, self.umask);
                let bytes = dump.encode(&out.text);
                let Ok(copy) = files::stage(&real, &bytes, mode) else {
                    return Step::Stop;
                };
                let folder = copy.folder();
                if files::commit(copy, true, self.umask).is_err() {
                    return Step::Stop;
                }
                if !folders.contains(&folder) {
                    folders.push(folder);
                }
                Step::Done(done)
            }
            (_, Some(target)) => {
                let mode = files::target_mode(target, Some(file_mode), self.umask);
                match files::stage(target, &dump.encode(&out.text), mode) {
                    Ok(copy) => Step::Staged(done, copy),
                    Err(_) => Step::Stop,
                }
            }
            (_, None) => Step::Stop,
        }
    }
}

/// The number of removals of each rule, in the order of each rule's first removal.
fn rule_counts(removed: Vec<Removal>) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in removed {
        match counts.iter_mut().find(|(rule, _)| *rule == r.rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.rule, 1)),
        }
    }
    counts
}

impl Engine {
    /// The pipeline on one document with the GIL released; a site stage's exception is raised as it is.
    fn run(
        &self,
        py: Python<'_>,
        text: &str,
        opts: Options,
        url_header: bool,
        site: Option<Py<PyAny>>,
    ) -> PyResult<pipeline::Output> {
        self.detached(py, site, |g, stage| pipeline::clean(g, text, &opts, url_header, stage))
    }

    /// `work` on the generic data and the site stage with the GIL released; a site stage's exception is
    /// raised as it is, an engine error or a panic as an EngineError.
    fn detached<T: Send>(
        &self,
        py: Python<'_>,
        site: Option<Py<PyAny>>,
        work: impl FnOnce(&Generic, Option<&mut dyn SiteStage>) -> Result<T, String> + Send,
    ) -> PyResult<T> {
        let g = Arc::clone(&self.generic);
        let mut stage = site.as_ref().map(|decide| PySite { decide, error: None });
        let outcome = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let site = stage.as_mut().map(|s| s as &mut dyn SiteStage);
                work(&g, site)
            }))
        });
        if let Some(err) = stage.and_then(|s| s.error) {
            return Err(err);
        }
        match outcome {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(message)) => Err(EngineError::new_err(message)),
            Err(panic) => Err(EngineError::new_err(format!(
                "internal error: {}",
                panic_message(&panic)
            ))),
        }
    }
}

/// The UTF-8 text of a `str`, or of the bytes `str.encode()` made of one. A caller hands the bytes when the
/// `str` is not ASCII: asked for its UTF-8 form, such a `str` makes and keeps a copy as long as it lives,
/// new memory each time (page faults: 9,000 over the dev dumps, 40 % of the encoding's CPU time), where
/// bytes dropped after the call leave memory that the next document's bytes reuse.
fn utf8_text<'a>(text: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    match text.cast::<PyBytes>() {
        Ok(bytes) => simdutf8::compat::from_utf8(bytes.as_bytes())
            .map_err(|e| PyValueError::new_err(format!("the text's bytes are not UTF-8: {e}"))),
        Err(_) => Ok(text.cast::<PyString>()?.to_str()?),
    }
}

fn held_of(held: Option<Held>) -> Option<PyHeld> {
    held.map(|h| match h {
        Held::Everything => (true, 1.0),
        Held::Loss(loss) => (false, loss),
    })
}

thread_local! {
    /// Where the last panic of this thread happened: the silent hook keeps it for the exception's message.
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Panics become exceptions with their message and place: the default hook's report on stderr would
/// only repeat them (a CLI run over 50,000 files must not print backtraces between its lines).
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        PANIC_AT.with(|p| *p.borrow_mut() = at);
    }));
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let what = if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    };
    what + &PANIC_AT.with(|p| p.borrow().clone())
}

/// The names of the learned heuristic's features, in the order `Engine.learned_rows` gives them.
#[pyfunction]
fn learned_features() -> Vec<&'static str> {
    cleaner_engine::learned::FEATURES
        .iter()
        .map(|(name, _)| *name)
        .collect()
}

/// The names of the learned end model's features, in the order `Engine.end_rows` gives them.
#[pyfunction]
fn end_features() -> Vec<&'static str> {
    cleaner_engine::endmodel::FEATURES
        .iter()
        .map(|(name, _)| *name)
        .collect()
}

/// Every generic heuristic in the order the stage runs them: `(id, reason, doc, example, kind)`, where
/// kind is `"line"` (decides each line by its text alone) or `"document"`.
#[pyfunction]
fn heuristics() -> Vec<(&'static str, &'static str, &'static str, &'static str, &'static str)> {
    let kind = |d: &Decide| {
        if matches!(d, Decide::Line(_)) {
            "line"
        } else {
            "document"
        }
    };
    HEURISTICS
        .iter()
        .map(|h| (h.id, h.reason, h.doc, h.example, kind(&h.decide)))
        .collect()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    install_panic_hook();
    m.add_class::<Engine>()?;
    m.add_class::<literals::Literals>()?;
    m.add_class::<literals::SiteSignatures>()?;
    m.add_class::<linekeys::LineKeys>()?;
    m.add_class::<linekeys::SiteSets>()?;
    m.add_class::<linekeys::SiteEvidence>()?;
    m.add_class::<linekeys::KeyStage>()?;
    m.add_function(wrap_pyfunction!(linekeys::line_key_hash, m)?)?;
    m.add_function(wrap_pyfunction!(linekeys::doubled_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(heuristics, m)?)?;
    m.add_function(wrap_pyfunction!(learned_features, m)?)?;
    m.add_function(wrap_pyfunction!(end_features, m)?)?;
    m.add_function(wrap_pyfunction!(preload, m)?)?;
    m.add("URL_HEADER_RULE", pipeline::URL_HEADER_RULE)?;
    m.add("URL_HEADER_REASON", pipeline::URL_HEADER_REASON)?;
    m.add("EngineError", m.py().get_type::<EngineError>())?;
    Ok(())
}
