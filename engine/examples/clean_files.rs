//! Clean every file named on the command line (or listed, one path a line, in a file given as `@list`)
//! with the shipped generic rules, and print the throughput: a driver for profilers (`perf`, `callgrind`)
//! that runs the engine alone, without Python.
//!
//!     cargo run --release -p cleaner-engine --example clean_files -- ../shared/eval/*/chromium/input/*.txt
//!     CLEAN_FILES_WARM=1 valgrind --tool=callgrind --toggle-collect='clean_files::timed_run' target/release/examples/clean_files @list
//!
//! With `CLEAN_FILES_NO_METADATA=1` the timed round extracts no metadata and records no removal's text, as
//! `Cleaner()(text)` does;
//! with `CLEAN_FILES_THREAD=1` it runs in a thread that is not the patterns' first user.

use std::path::Path;
use std::time::Instant;

use cleaner_engine::generic::Generic;
use cleaner_engine::pipeline::{clean, Options};

/// The allocator of the Python binding (`src/lib.rs`), so that a profile here is the engine's there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.strip_prefix('@') {
            Some(list) => {
                let listed = std::fs::read_to_string(list).expect("a readable list of paths");
                paths.extend(listed.lines().map(str::to_string));
            }
            None => paths.push(arg),
        }
    }
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable UTF-8 file"))
        .collect();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/generic");
    let g = Generic::load(&rules).expect("the shipped generic rules");
    if std::env::var_os("CLEAN_FILES_WARM").is_some() {
        // Patterns compile and the lazy DFAs fill on first use: a long batch pays that once.
        for text in &texts {
            let _ = clean(&g, text, &Options::default(), text.starts_with("# url:"), None);
        }
    }
    let timed = || {
        let start = Instant::now();
        let removed = timed_run(&g, &texts);
        (removed, start.elapsed().as_secs_f64())
    };
    // `CLEAN_FILES_THREAD=1`: the timed round (and its warm-up) in a second thread, the main one having
    // warmed the patterns up first, as a `--jobs 2` worker cleans: the regex crate gives the first thread
    // to search a pattern its scratch space directly, and the others theirs through a locked pool.
    let (removed, secs) = if std::env::var_os("CLEAN_FILES_THREAD").is_some() {
        std::thread::scope(|s| {
            s.spawn(|| {
                if std::env::var_os("CLEAN_FILES_WARM").is_some() {
                    for text in &texts {
                        let _ = clean(&g, text, &Options::default(), text.starts_with("# url:"), None);
                    }
                }
                timed()
            })
            .join()
            .expect("no panic")
        })
    } else {
        timed()
    };
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} documents, {mb:.2} MB, {removed} removals in {secs:.3} s: {:.2} MB/s",
        texts.len(),
        mb / secs
    );
}

/// Clean every text once; the number of removals. Its own function, so that `callgrind
/// --toggle-collect=clean_files::timed_run` counts it alone (with `CLEAN_FILES_WARM=1`, after a first
/// untimed round: without the patterns' first-use compiles).
#[inline(never)]
fn timed_run(g: &Generic, texts: &[String]) -> usize {
    // `CLEAN_FILES_NO_METADATA=1`: as `Cleaner()(text)` calls the engine, which asks for no metadata and
    // no removals (so for no removal's text).
    let everything = std::env::var_os("CLEAN_FILES_NO_METADATA").is_none();
    let opts = Options {
        metadata: everything,
        removal_texts: everything,
        ..Options::default()
    };
    let mut removed = 0;
    for text in texts {
        let url_header = text.starts_with("# url:");
        removed += clean(g, text, &opts, url_header, None)
            .expect("no site stage")
            .removed
            .len();
    }
    removed
}
