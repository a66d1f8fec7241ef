//! A small learned model that reads what the hand-written heuristics left: block and context features
//! of each kept line, and a boosted tree ensemble whose weights are a data file
//! (`rules/generic/learned-block.toml`, written by `bench/train_scorer.py`).
//!
//! The hand heuristics judge a line by its text or find the story region; what they cannot weigh
//! together is a line's block (its size, its share of prose), the blocks around it, how close the
//! nearest removed line is, how many lines were removed around it, and how much of the page's prose
//! lies between the same removed lines (its stretch). The model does, and removes the kept lines it
//! finds most unlike story text. Without the data file it removes nothing.
//!
//! Not in the generic stage's list ([`crate::heuristics::HEURISTICS`]): trained on the tune pages of
//! the dev sets (December 2026) it gained under 0.004 F1 in cross-validation, lost on some sets, and
//! lost on five of the six check parts (docs/learned-line-model.md). Wiring it in is one line at the
//! end of that list, plus the data file `bench/train_scorer.py --write` makes.

use rustc_hash::FxHashMap;

use crate::ctx::Ctx;
use crate::doc::{blank_line, split_lines, Document};
use crate::generic::Generic;
use crate::heuristics::{Decide, Heuristic, HEURISTICS};
use crate::lang::WordSet;
use crate::pipeline::apply_removals;
use crate::pystr;
use crate::region::region_and_stopwords;
use crate::removal::Removal;
use crate::shape::Shape;
use crate::tables::{LoadError, Tables};

/// The data file's name in `rules/generic/` (without `.toml`).
pub const FILE: &str = "learned-block";

/// Line-distances beyond this count as "far" (no removed line near).
const FAR: usize = 200;
/// Kept lines on each side looked at for link-like neighbours.
const WINDOW: usize = 3;
/// A line of fewer words is short (a label, a link).
const SHORT_WORDS: f64 = 5.0;

/// Each feature's name (as the data file lists them) and what it says when it decides a removal.
pub const FEATURES: [(&str, &str); 35] = [
    ("words", "few words on the line"),
    ("chars", "a short line"),
    ("terminal", "no sentence end"),
    ("prose", "the line does not read as prose"),
    ("stop_share", "few stop words on the line"),
    ("capitalised", "capitalised words, as in a menu"),
    ("digits", "digits on the line"),
    ("bullet", "a list item"),
    ("colon_end", "a line ending with a colon"),
    ("in_region", "outside the story region"),
    ("region_distance", "far from the story region"),
    ("position", "its place on the page"),
    ("prose_above", "little of the story's prose above it"),
    ("block_lines", "the size of its block"),
    ("block_chars", "a small block"),
    ("block_prose", "a block with little prose"),
    ("block_short", "a block of short lines"),
    ("block_terminal", "a block with few sentence ends"),
    ("in_block", "its place in its block"),
    ("prev_block_prose", "little prose in the block above"),
    ("next_block_prose", "little prose in the block below"),
    ("removed_above", "lines removed right above its block"),
    ("removed_below", "lines removed right below its block"),
    ("removed_near_above", "a removed line close above"),
    ("removed_near_below", "a removed line close below"),
    ("removed_share", "much of the page removed"),
    ("repeats", "the line is repeated on the page"),
    ("short_neighbours", "link-like short lines around it"),
    ("kept_lines", "the number of kept lines"),
    ("region_share", "a small story region"),
    (
        "stretch_share",
        "little of the page's prose between the removed lines around it",
    ),
    (
        "stretch_main",
        "apart from the main run of story, removed lines between",
    ),
    ("stretch_side", "its side of the main run of story"),
    ("stretches_above", "runs of removed lines above it"),
    ("stretches_below", "runs of removed lines below it"),
];

/// Number of features.
pub const N: usize = FEATURES.len();

/// One regression tree: node `k` splits on `feature[k]` (`x <= cut[k]` goes `left`), or is a leaf
/// (`feature[k] < 0`); `value[k]` is the node's output (a leaf's, or its subtree's mean, which lets a
/// decision be put down to the features on its path).
#[derive(Debug, Clone, Default)]
struct Tree {
    feature: Vec<i64>,
    cut: Vec<f64>,
    left: Vec<usize>,
    right: Vec<usize>,
    value: Vec<f64>,
}

impl Tree {
    /// The leaf's value for `x`, adding each split's change of value to `contrib[feature]`.
    fn eval<const M: usize>(&self, x: &[f64; M], contrib: &mut [f64; M]) -> f64 {
        let mut k = 0;
        // A tree read from the file is checked to be acyclic (children after parents), so this ends.
        while let Some(f) = usize::try_from(self.feature[k]).ok().filter(|&f| f < M) {
            let next = if x[f] <= self.cut[k] {
                self.left[k]
            } else {
                self.right[k]
            };
            contrib[f] += self.value[next] - self.value[k];
            k = next;
        }
        self.value[k]
    }
}

/// The model of a data file: log-odds that a line (or a stretch) is story text = `base` + the trees'
/// sum over its `M` features; it is taken for boilerplate when its probability is below `threshold`.
#[derive(Debug, Clone, Default)]
pub struct Model<const M: usize = N> {
    base: f64,
    threshold: f64,
    trees: Vec<Tree>,
}

impl Model {
    /// Read the data file from `tables`; no file is a model that removes nothing.
    pub fn load(tables: &Tables) -> Result<Model, LoadError> {
        Model::load_file(tables, FILE, &FEATURES.map(|(n, _)| n), "bench/train_scorer.py")
    }
}

impl<const M: usize> Model<M> {
    /// Read the data file `file` from `tables`, whose `features` must be `want` in order (`trainer` is the
    /// script that writes it); no file is an empty model.
    pub fn load_file(tables: &Tables, file: &str, want: &[&str; M], trainer: &str) -> Result<Model<M>, LoadError> {
        let Ok(t) = tables.table(file) else {
            return Ok(Model::default());
        };
        let bad = |m: String| tables.error(file, m);
        let names: Vec<&str> = t
            .get("features")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        if names != want {
            return Err(bad(format!(
                "`features` must list the engine's features in order ({}); retrain with {trainer}",
                want.join(", ")
            )));
        }
        let mut trees = Vec::new();
        for (n, v) in t
            .get("tree")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .enumerate()
        {
            trees.push(read_tree(v, M).map_err(|m| bad(format!("tree {}: {m}", n + 1)))?);
        }
        Ok(Model {
            base: tables.number(file, "base", 0.0)?,
            threshold: tables.number(file, "threshold", 0.0)?,
            trees,
        })
    }

    /// Whether the model has no tree (no data file): it decides nothing.
    pub fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }

    /// The probability under which the model takes a line or stretch for boilerplate.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Probability that the line of features `x` is story text, and each feature's share of the log-odds.
    pub fn predict(&self, x: &[f64; M]) -> (f64, [f64; M]) {
        let mut contrib = [0.0; M];
        let z = self.base + self.trees.iter().map(|t| t.eval(x, &mut contrib)).sum::<f64>();
        (1.0 / (1.0 + (-z).exp()), contrib)
    }
}

fn read_tree(v: &toml::Value, features: usize) -> Result<Tree, String> {
    let list = |key: &str| -> Result<Vec<f64>, String> {
        v.get(key)
            .and_then(|a| a.as_array())
            .ok_or_else(|| format!("`{key}` must be a list of numbers"))?
            .iter()
            .map(|x| {
                x.as_float()
                    .or_else(|| x.as_integer().map(|i| i as f64))
                    .ok_or_else(|| format!("`{key}` must be a list of numbers"))
            })
            .collect()
    };
    let (feature, cut, left, right, value) = (
        list("feature")?,
        list("cut")?,
        list("left")?,
        list("right")?,
        list("value")?,
    );
    let n = feature.len();
    if n == 0 || [cut.len(), left.len(), right.len(), value.len()] != [n; 4] {
        return Err("`feature`, `cut`, `left`, `right` and `value` must be non-empty lists of one length".into());
    }
    if !cut.iter().chain(&value).all(|x| x.is_finite()) {
        return Err("`cut` and `value` must be finite numbers".into());
    }
    let index = |x: f64, k: usize| -> Result<usize, String> {
        // Children come after their parent: walking a tree always ends.
        if x.fract() == 0.0 && x > k as f64 && x < n as f64 {
            Ok(x as usize)
        } else {
            Err(format!("node {k}: a child must be a later node of the tree"))
        }
    };
    let mut tree = Tree {
        cut,
        value,
        ..Tree::default()
    };
    for k in 0..n {
        let f = feature[k];
        if f.fract() != 0.0 || f >= features as f64 {
            return Err(format!("node {k}: no feature {f}"));
        }
        tree.feature.push(f as i64);
        if f >= 0.0 {
            tree.left.push(index(left[k], k)?);
            tree.right.push(index(right[k], k)?);
        } else {
            tree.left.push(0);
            tree.right.push(0);
        }
    }
    Ok(tree)
}

fn stop_share(s: &Shape, sw: &WordSet) -> f64 {
    if s.words.is_empty() {
        return 0.0;
    }
    s.words.iter().filter(|&w| sw.contains(w)).count() as f64 / s.words.len() as f64
}

fn log1p(x: usize) -> f64 {
    (x as f64).ln_1p()
}

/// Per block: lines, characters, prose characters, short lines, lines with a sentence end.
#[derive(Default, Clone, Copy)]
struct Block {
    lines: usize,
    chars: usize,
    prose: usize,
    short: usize,
    terminal: usize,
    /// Removed (non-blank) lines between the block above and this one.
    removed_above: usize,
}

impl Block {
    fn prose_share(&self) -> f64 {
        self.prose as f64 / self.chars.max(1) as f64
    }
}

/// The features of every kept line but the first (the headline, never removed), after the heuristics
/// before this one decided: `(line index, features)` in order.
///
/// ```
/// use cleaner_engine::{ctx::Ctx, doc::Document, generic::Generic, learned::{features, N}};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let doc = Document::from_text("Title\n\nThe rain fell all day on the town and its fields.\nHome\n");
/// let rows = features(&Ctx::new(&g), &doc);
/// assert_eq!(rows.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![2, 3]);
/// assert_eq!(rows[0].1.len(), N);
/// ```
pub fn features(cx: &Ctx, doc: &Document) -> Vec<(usize, [f64; N])> {
    let Some((region, sw)) = region_and_stopwords(cx, doc) else {
        return Vec::new();
    };
    let kept = &region.lines;
    if kept.len() < 2 {
        return Vec::new();
    }
    let n = doc.len();
    // Removed non-blank lines, how close one is above and below each line, and how often a text repeats.
    let mut repeats: FxHashMap<&str, usize> = FxHashMap::default();
    let mut removed_total = 0usize;
    let mut nonblank = 0usize;
    let gone: Vec<bool> = (0..n).map(|i| !doc.alive[i] && !blank_line(&doc.lines[i])).collect();
    let mut near_above = Vec::with_capacity(n);
    let mut last: Option<usize> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        near_above.push(last.map_or(FAR, |r| (i - r).min(FAR)));
        if blank_line(line) {
            continue;
        }
        nonblank += 1;
        *repeats.entry(pystr::strip(line)).or_default() += 1;
        if gone[i] {
            removed_total += 1;
            last = Some(i);
        }
    }
    let mut near_below = vec![FAR; n];
    last = None;
    for (i, below) in near_below.iter_mut().enumerate().rev() {
        *below = last.map_or(FAR, |r| (r - i).min(FAR));
        if gone[i] {
            last = Some(i);
        }
    }
    // Blocks of kept lines: runs broken by a blank or a removed line.
    let shapes: Vec<_> = kept.iter().map(|&i| cx.shape(&doc.lines[i])).collect();
    let prose: Vec<bool> = kept.iter().map(|&i| cx.is_prose(&doc.lines[i], sw)).collect();
    let mut block_of = vec![0usize; kept.len()];
    let mut blocks: Vec<Block> = Vec::new();
    // Stretches: runs of kept lines with no removed line between them (blank lines do not part them).
    let mut stretch_of = vec![0usize; kept.len()];
    let mut stretch_prose: Vec<usize> = Vec::new();
    let mut prev: Option<usize> = None;
    for (k, &i) in kept.iter().enumerate() {
        let starts = prev.is_none_or(|p| p + 1 != i);
        let removed_run = gone[prev.map_or(0, |p| p + 1)..i].iter().filter(|&&g| g).count();
        if removed_run > 0 || stretch_prose.is_empty() {
            stretch_prose.push(0);
        }
        stretch_of[k] = stretch_prose.len() - 1;
        if let Some(last) = stretch_prose.last_mut().filter(|_| prose[k]) {
            *last += shapes[k].chars;
        }
        if starts {
            blocks.push(Block {
                removed_above: removed_run,
                ..Block::default()
            });
        }
        let b = blocks.len() - 1;
        block_of[k] = b;
        let s = &shapes[k];
        let blk = &mut blocks[b];
        blk.lines += 1;
        blk.chars += s.chars;
        blk.prose += if prose[k] { s.chars } else { 0 };
        blk.short += usize::from(s.units < SHORT_WORDS);
        blk.terminal += usize::from(s.terminal);
        prev = Some(i);
    }
    let removed_after_last = prev.map_or(0, |p| gone[p + 1..].iter().filter(|&&g| g).count());
    let main_stretch = (0..stretch_prose.len())
        .max_by_key(|&t| (stretch_prose[t], std::cmp::Reverse(t)))
        .unwrap_or(0);
    let link_like: Vec<bool> = shapes.iter().map(|s| s.units < SHORT_WORDS && !s.terminal).collect();
    let prose_total: usize = (0..kept.len()).filter(|&k| prose[k]).map(|k| shapes[k].chars).sum();
    let mut prose_above = 0usize;
    let mut start_of_block = 0usize;
    let mut rows = Vec::with_capacity(kept.len());
    for (k, &i) in kept.iter().enumerate() {
        let s = &shapes[k];
        let b = block_of[k];
        if k == 0 || block_of[k - 1] != b {
            start_of_block = k;
        }
        let blk = blocks[b];
        let below = blocks.get(b + 1);
        let (lo, hi) = (k.saturating_sub(WINDOW), (k + WINDOW).min(kept.len() - 1));
        let short_around = (lo..=hi).filter(|&j| j != k && link_like[j]).count();
        let region_distance = if k < region.first {
            -log1p(region.first - k)
        } else if k > region.last {
            log1p(k - region.last)
        } else {
            0.0
        };
        let x = [
            s.units.ln_1p(),
            log1p(s.chars),
            f64::from(u8::from(s.terminal)),
            f64::from(u8::from(prose[k])),
            stop_share(s, sw),
            s.capitalised,
            f64::from(u8::from(s.digits)),
            f64::from(u8::from(s.bullet)),
            f64::from(u8::from(s.text.ends_with(':'))),
            f64::from(u8::from(k >= region.first && k <= region.last)),
            region_distance,
            k as f64 / kept.len() as f64,
            prose_above as f64 / prose_total.max(1) as f64,
            log1p(blk.lines),
            log1p(blk.chars),
            blk.prose_share(),
            blk.short as f64 / blk.lines as f64,
            blk.terminal as f64 / blk.lines as f64,
            (k - start_of_block) as f64 / blk.lines as f64,
            if b > 0 { blocks[b - 1].prose_share() } else { -1.0 },
            below.map_or(-1.0, Block::prose_share),
            log1p(blk.removed_above),
            log1p(below.map_or(removed_after_last, |nb| nb.removed_above)),
            log1p(near_above[i]),
            log1p(near_below[i]),
            removed_total as f64 / nonblank.max(1) as f64,
            log1p(repeats.get(pystr::strip(&doc.lines[i])).copied().unwrap_or(1) - 1),
            short_around as f64,
            log1p(kept.len()),
            (region.last + 1).saturating_sub(region.first) as f64 / kept.len() as f64,
            stretch_prose[stretch_of[k]] as f64 / prose_total.max(1) as f64,
            f64::from(u8::from(stretch_of[k] == main_stretch)),
            match stretch_of[k].cmp(&main_stretch) {
                std::cmp::Ordering::Less => -1.0,
                std::cmp::Ordering::Equal => 0.0,
                std::cmp::Ordering::Greater => 1.0,
            },
            log1p(stretch_of[k]),
            log1p(stretch_prose.len() - 1 - stretch_of[k]),
        ];
        if prose[k] {
            prose_above += s.chars;
        }
        if k > 0 {
            rows.push((i, x));
        }
    }
    rows
}

/// The lines of `text` (newlines normalised) and what the model reads on them in the first pass of
/// the generic stage: every heuristic before it run in order on the whole dump, no site rules. What
/// `bench/train_scorer.py` learns from (the model itself is not run).
///
/// ```
/// use cleaner_engine::{generic::Generic, learned::first_pass};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let (lines, rows) = first_pass(&g, "Title\n\nAdvertisement\n\nThe rain fell all day on the town and its fields.\n");
/// assert_eq!(lines.len(), 5);
/// assert_eq!(rows.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![4]);
/// ```
pub fn first_pass(g: &Generic, text: &str) -> (Vec<String>, Vec<(usize, [f64; N])>) {
    let cx = Ctx::new(g);
    let mut doc = Document::new(split_lines(text));
    for h in HEURISTICS.iter().take_while(|h| h.id != LEARNED_BLOCK.id) {
        let decided = match h.decide {
            Decide::Line(test) => doc
                .kept_indices()
                .into_iter()
                .filter(|&i| !doc.protected[i] && test(&cx, &doc.lines[i]))
                .map(|i| h.remove_lines(i, i + 1, None))
                .collect(),
            Decide::Doc(decide) | Decide::Settled(decide) => decide(&cx, &doc),
        };
        apply_removals(&mut doc, decided);
    }
    let rows = features(&cx, &doc);
    (doc.lines.iter().map(|l| l.to_string()).collect(), rows)
}

/// Kept lines the model finds unlike story text, as removals naming the feature that weighed most.
pub const LEARNED_BLOCK: Heuristic = Heuristic {
    id: "generic.learned-block",
    reason: "learned block model: unlike story text",
    doc: "Runs last, on what the hand-written heuristics left. A small boosted tree ensemble \
(rules/generic/learned-block.toml, trained by bench/train_scorer.py on the tune part of the dev sets) \
reads each kept line's block and context (its block's size and share of prose, the blocks around it, \
the nearest removed lines, its place against the story region, the share of the page's prose in its \
stretch between removed lines, link-like lines around it, repeats) and removes the lines it finds \
least like story text. The reason names the feature that weighed most. The first kept line (the \
headline) always stays.",
    example: "Home\nNews\nSport\nWeather",
    decide: Decide::Doc(decide_learned_block),
};

fn decide_learned_block(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    decide_with(&cx.g.learned, cx, doc)
}

fn decide_with(model: &Model, cx: &Ctx, doc: &Document) -> Vec<Removal> {
    if model.trees.is_empty() {
        return Vec::new();
    }
    let rows = features(cx, doc);
    let mut out: Vec<Removal> = Vec::new();
    for (i, x) in rows {
        let (p, contrib) = model.predict(&x);
        if p >= model.threshold {
            continue;
        }
        let main = (0..N).min_by(|&a, &b| contrib[a].total_cmp(&contrib[b])).unwrap_or(0);
        let reason = format!("learned block model: {}", FEATURES[main].1);
        match out.last_mut() {
            // Next to the last removal and for the same reason: one removal of both.
            Some(r) if r.end == i && r.reason == reason => {
                r.end = i + 1;
                r.text = doc.text_of(r.start, r.end);
            }
            _ => out.push(LEARNED_BLOCK.remove_lines(i, i + 1, Some(&reason))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::generic;

    const STORY: &str = "The council met on Monday and agreed to spend more on the town's roads next year.\n\n\
It will borrow the money, the mayor said, and pay it back over ten years from the road tax.\n\n";

    fn feature(name: &str) -> usize {
        FEATURES.iter().position(|(n, _)| *n == name).unwrap()
    }

    /// One tree: a block mostly of short lines is not story text.
    fn menu_model() -> Model {
        let f = feature("block_short") as i64;
        Model {
            base: 2.0,
            threshold: 0.5,
            trees: vec![Tree {
                feature: vec![f, -1, -1],
                cut: vec![0.5, 0.0, 0.0],
                left: vec![1, 0, 0],
                right: vec![2, 0, 0],
                value: vec![0.0, 0.0, -5.0],
            }],
        }
    }

    #[test]
    fn the_documented_example_goes_and_the_reason_names_the_feature() {
        let text = format!("Headline\n\n{STORY}{}\n", LEARNED_BLOCK.example);
        let doc = Document::from_text(&text);
        let cx = Ctx::new(generic());
        let r = decide_with(&menu_model(), &cx, &doc);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, LEARNED_BLOCK.example);
        assert_eq!(r[0].reason, "learned block model: a block of short lines");
        assert_eq!(r[0].rule, LEARNED_BLOCK.id);
    }

    #[test]
    fn without_a_model_nothing_goes() {
        let doc = Document::from_text(&format!("Headline\n\n{STORY}{}\n", LEARNED_BLOCK.example));
        assert!(decide_with(&Model::default(), &Ctx::new(generic()), &doc).is_empty());
    }

    #[test]
    fn features_of_a_block_and_its_context() {
        let text = format!("Headline\nHome\n\n{STORY}{}\n", LEARNED_BLOCK.example);
        let mut doc = Document::from_text(&text);
        // An earlier heuristic took "Home".
        doc.alive[1] = false;
        let rows = features(&Ctx::new(generic()), &doc);
        let story = &rows[0];
        assert_eq!(story.0, 3);
        assert_eq!(story.1[feature("removed_near_above")], 2f64.ln_1p());
        assert_eq!(story.1[feature("removed_above")], 1f64.ln_1p());
        // "Home" parts the headline's stretch from the story's, which holds all the prose.
        assert_eq!(story.1[feature("stretch_share")], 1.0);
        assert_eq!(story.1[feature("stretch_main")], 1.0);
        assert_eq!(story.1[feature("stretch_side")], 0.0);
        assert_eq!(story.1[feature("stretches_above")], 1f64.ln_1p());
        assert_eq!(story.1[feature("stretches_below")], 0.0);
        let menu: Vec<_> = rows.iter().filter(|(i, _)| *i >= 7).collect();
        assert_eq!(menu.len(), 4);
        let x = &menu[0].1;
        assert_eq!(x[feature("block_lines")], 4f64.ln_1p());
        assert_eq!(x[feature("block_short")], 1.0);
        // The other three menu lines, and the headline three kept lines up.
        assert_eq!(x[feature("short_neighbours")], 4.0);
        assert!(x[feature("prev_block_prose")] > 0.9);
        assert_eq!(x[feature("next_block_prose")], -1.0);
    }

    #[test]
    fn hostile_text_gives_features_without_panicking() {
        for text in [
            "",
            "\n\n\n",
            "a",
            "\u{200b}\nx\n\u{e838}",
            &"word ".repeat(50_000),
            "|\n|\n|\n|",
        ] {
            let (_, rows) = first_pass(generic(), text);
            assert!(rows.iter().all(|(_, x)| x.iter().all(|v| v.is_finite())), "{text:?}");
        }
    }

    fn model_file(text: &str) -> Result<Model, LoadError> {
        let dir = std::env::temp_dir().join(format!("cleaner-learned-{}-{}", std::process::id(), text.len()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{FILE}.toml")), text).unwrap();
        let loaded = Tables::load(&dir).and_then(|t| Model::load(&t));
        std::fs::remove_dir_all(&dir).unwrap();
        loaded
    }

    fn names() -> String {
        let quoted: Vec<String> = FEATURES.iter().map(|(n, _)| format!("{n:?}")).collect();
        format!("features = [{}]\n", quoted.join(", "))
    }

    #[test]
    fn a_model_file_is_read_and_checked() {
        let tree = "[[tree]]\nfeature = [16, -1, -1]\ncut = [0.5, 0, 0]\n\
                    left = [1, 0, 0]\nright = [2, 0, 0]\nvalue = [0, 0, -5]\n";
        let m = model_file(&format!("{}base = 2.0\nthreshold = 0.5\n{tree}", names())).unwrap();
        assert_eq!((m.trees.len(), m.base, m.threshold), (1, 2.0, 0.5));
        let wrong_features = model_file(&format!("features = [\"words\"]\n{tree}")).unwrap_err();
        assert!(wrong_features.message.contains("retrain with bench/train_scorer.py"));
        // A child that points back up would loop forever.
        let cycle = tree.replace("left = [1, 0, 0]", "left = [0, 0, 0]");
        let err = model_file(&format!("{}{cycle}", names())).unwrap_err();
        assert!(err.message.contains("tree 1: node 0"), "{}", err.message);
        let no_feature = tree.replace("[16, -1, -1]", "[99, -1, -1]");
        assert!(model_file(&format!("{}{no_feature}", names())).is_err());
        let not_finite = tree.replace("value = [0, 0, -5]", "value = [0, nan, -5]");
        assert!(model_file(&format!("{}{not_finite}", names())).is_err());
    }
}
