//! What the unit tests of the heuristics share: the shipped generic data, loaded once, and ways to run
//! one heuristic alone.

use std::sync::OnceLock;

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::generic::Generic;
use crate::heuristics::{Decide, Heuristic};
use crate::removal::Removal;

/// The compiled `rules/generic` of this repository (loaded once for all tests).
pub fn generic() -> &'static Generic {
    static G: OnceLock<Generic> = OnceLock::new();
    G.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        Generic::load(std::path::Path::new(dir)).expect("the shipped generic rules load")
    })
}

/// Start, end, reason, span and text of a removal.
pub type Row = (usize, usize, String, Option<(usize, usize)>, String);

/// What document heuristic `h` removes from `text` on its own.
pub fn run(h: &Heuristic, text: &str) -> Vec<Row> {
    let cx = Ctx::new(generic());
    let doc = Document::from_text(text);
    let (Decide::Doc(f) | Decide::Settled(f)) = h.decide else {
        panic!("not a document heuristic")
    };
    f(&cx, &doc)
        .into_iter()
        .map(|r| {
            // A line removal's text is what `apply_removals` records: the lines it takes.
            let text = if r.span.is_none() {
                doc.text_of(r.start, r.end)
            } else {
                r.text
            };
            (r.start, r.end, r.reason, r.span, text)
        })
        .collect()
}

/// The first line of each removal: what a document heuristic took, in order.
pub fn starts(removals: &[Removal]) -> Vec<usize> {
    removals.iter().map(|r| r.start).collect()
}

/// Whether line heuristic `h` drops `line`.
pub fn test(h: &Heuristic, line: &str) -> bool {
    let cx = Ctx::new(generic());
    let Decide::Line(f) = h.decide else {
        panic!("not a line heuristic")
    };
    f(&cx, line)
}

/// A fixed linear congruential generator: `next(n)` draws in `0..n`, the same sequence for one seed on every
/// run, for tests that compare two paths over many generated inputs.
pub fn draws(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    }
}

/// The texts of this repository's golden files, `golden/<site>/<case>.in.txt` (with `outputs`, the
/// hand-cleaned `.out.txt` beside them too), each with its path, in the order the folders list them: real
/// pages for tests that compare two paths line by line.
pub fn golden_texts(outputs: bool) -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../golden");
    let suffix = if outputs { ".txt" } else { ".in.txt" };
    let mut texts = Vec::new();
    for site in std::fs::read_dir(root).expect("the golden folder") {
        for file in std::fs::read_dir(site.expect("a site folder").path()).expect("a readable site folder") {
            let path = file.expect("a golden file").path();
            if path.to_string_lossy().ends_with(suffix) {
                let text = std::fs::read_to_string(&path).expect("a UTF-8 golden file");
                texts.push((path, text));
            }
        }
    }
    texts
}
