//! Compile the phrase files' matchers, `metadata.toml` or all of `rules/generic` N times: a driver for
//! `perf stat` when working on the start-up of a fresh process (the pre-commit hook's).
//!
//!     perf stat -e task-clock target/release/examples/load_matchers matchers 20
use std::path::Path;

use cleaner_engine::tables::Tables;

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/generic");
    let what = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let tables = Tables::load(&rules).unwrap();
    for _ in 0..n {
        match what.as_str() {
            "matchers" => drop(cleaner_engine::phrases::Matchers::load(&tables).unwrap()),
            "metadata" => drop(cleaner_engine::metadata::Data::load(&tables).unwrap()),
            "generic" => drop(cleaner_engine::generic::Generic::load(&rules).unwrap()),
            _ => panic!("what to compile: matchers | metadata | generic"),
        }
    }
}
