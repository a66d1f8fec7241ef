//! Clean the same texts several times in one process, as `Cleaner()(text)` calls the engine (no metadata,
//! no removal's text, no site stage), and print the CPU seconds of each pass: the first pass pays what
//! the engine does on first sight (patterns compiled on first use, the lazy DFAs' states), the later
//! ones do not.
//!
//!     cargo build --release -p cleaner-engine --example cold_warm
//!     target/release/examples/cold_warm /work/all.list 3
//!
//! CPU time (user + system, from `/proc/self/stat`, 10 ms ticks) rather than wall time: on a machine
//! shared with other work the wall clock moves with their load. Compare `bench/cpu_ratio.py`'s call,
//! which is one cold pass over the same dumps (bench/README.md, "the cost around the engine").

use std::path::Path;

use cleaner_engine::generic::Generic;
use cleaner_engine::pipeline::{clean, Options};

/// The allocator of the Python binding (`src/lib.rs`), so that the figures are the binding's engine.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU seconds of this process so far (user + system), or None where `/proc` does not tell.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let list = args.next().expect("a file listing the dumps, one path a line");
    let passes: usize = args.next().map_or(2, |n| n.parse().expect("a number of passes"));
    let listed = std::fs::read_to_string(&list).expect("a readable list of paths");
    let texts: Vec<String> = listed
        .lines()
        .map(|p| std::fs::read_to_string(p).expect("a readable UTF-8 file"))
        .collect();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/generic");
    let g = Generic::load(&rules).expect("the shipped generic rules");
    let opts = Options {
        metadata: false,
        removal_texts: false,
        ..Options::default()
    };
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} documents, {mb:.2} MB", texts.len());
    for pass in 1..=passes {
        let start = cpu_seconds();
        let removed = timed_pass(&g, &texts, &opts);
        match (start, cpu_seconds()) {
            (Some(a), Some(b)) => println!(
                "pass {pass}: {removed} removals, {:.2} s CPU, {:.2} MB/s",
                b - a,
                mb / (b - a)
            ),
            _ => println!("pass {pass}: {removed} removals (no CPU clock here)"),
        }
    }
}

/// Clean every text once; the number of removals. Its own function so that `callgrind
/// --toggle-collect=cold_warm::timed_pass` counts the passes alone.
#[inline(never)]
fn timed_pass(g: &Generic, texts: &[String], opts: &Options) -> usize {
    texts
        .iter()
        .map(|text| {
            clean(g, text, opts, text.starts_with("# url:"), None)
                .expect("no site stage")
                .removed
                .len()
        })
        .sum()
}
