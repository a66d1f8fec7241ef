//! The shape of every distinct line of each listed dump (as `Ctx` asks it: once per text and document),
//! to weigh `shape::shape` alone under callgrind:
//!
//!     cargo build --release -p cleaner-engine --example shape_lines
//!     valgrind --tool=callgrind --toggle-collect='shape_lines::timed' target/release/examples/shape_lines /work/q128.list
//!
//! `SHAPE_LINES=ascii` (or `other`) keeps only the lines that are all ASCII (or not).

use std::collections::HashSet;

use cleaner_engine::shape::shape;

/// The allocator of the Python binding (`src/lib.rs`), so that the figures are the binding's engine.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[inline(never)]
fn timed(docs: &[Vec<&str>]) -> f64 {
    let mut sum = 0.0;
    for lines in docs {
        for line in lines {
            let s = shape(line);
            sum += s.units + s.chars as f64 + s.words.bytes_len() as f64 + f64::from(u8::from(s.glued_teaser));
        }
    }
    sum
}

fn main() {
    let list = std::env::args()
        .nth(1)
        .expect("a file listing the dumps, one path a line");
    let keep = std::env::var("SHAPE_LINES").unwrap_or_default();
    let listed = std::fs::read_to_string(&list).expect("a readable list of paths");
    let texts: Vec<String> = listed
        .lines()
        .map(|p| std::fs::read_to_string(p).expect("a readable UTF-8 file"))
        .collect();
    let docs: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| {
            let mut seen = HashSet::new();
            t.lines()
                .filter(|l| match keep.as_str() {
                    "ascii" => l.is_ascii(),
                    "other" => !l.is_ascii(),
                    _ => true,
                })
                .filter(|l| seen.insert(*l))
                .collect()
        })
        .collect();
    let n: usize = docs.iter().map(Vec::len).sum();
    let bytes: usize = docs.iter().flatten().map(|l| l.len()).sum();
    println!("{n} lines, {bytes} bytes, {}", timed(&docs));
}
