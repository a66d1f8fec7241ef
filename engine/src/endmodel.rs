//! A learned decision where the story ends: a small model that reads the stretches of paragraphs the
//! footer region cut (below the story's end, the ones the revive walk of `generic.footer-region` looks
//! at and leaves cut) and leaves out of the cut those it reads as the story going on past a box.
//!
//! The hand-written walk revives a stretch of two paragraphs and 60 words; a single paragraph under a
//! box, two short ones, or a block of lines with no paragraph (a list, a table: [`BLOCK_MIN_WORDS`] words
//! or more) stays cut. The model weighs what tells a story's next paragraph from a pitch,
//! a reader's comment or an author's blurb: the stretch's size, prose and stop-word shares, the words it
//! shares with the story above, how far below the story's end it lies, the box between, what kind of
//! line ended the story, and how much story lies above. Its weights are a data file
//! (`rules/generic/learned-end.toml`, written by `bench/train_end.py`); without the file nothing
//! changes. Trained on the tune part of the dev sets, it is not shipped (docs/learned-line-model.md,
//! third try).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet as HashSet;

use crate::ctx::Ctx;
use crate::doc::{blank_line, split_lines, Document};
use crate::generic::Generic;
use crate::heuristics::{Decide, HEURISTICS};
use crate::lang::WordSet;
use crate::learned::Model;
use crate::pipeline::apply_removals;
use crate::region::{footer_with, header_with, Region, FOOTER_REGION, HEADER_REGION};

/// The data file's name in `rules/generic/` (without `.toml`).
pub const FILE: &str = "learned-end";

/// A line of fewer words is short (a label, a link).
const SHORT_WORDS: f64 = 5.0;
/// A block of kept lines with no paragraph (a list, a table) is read by the model from this many words.
pub const BLOCK_MIN_WORDS: f64 = 10.0;
/// A word of fewer bytes is not counted as a word the stretch shares with the story.
const SHARED_MIN_BYTES: usize = 4;

/// Each feature's name (as the data file lists them) and what it says when it decides a revival.
pub const FEATURES: [(&str, &str); 20] = [
    ("words", "its size"),
    ("paragraphs", "its paragraphs"),
    ("lines", "its lines"),
    ("prose_share", "its share of prose"),
    ("stop_share", "its stop words"),
    ("shared_words", "words it shares with the story"),
    ("copy_share", "shingles it shares with the story"),
    ("distance", "its distance to the story's end"),
    ("box_lines", "the box above it"),
    ("box_removed", "what earlier rules took of the box above it"),
    ("box_short", "the short lines of the box above it"),
    ("cut_words", "the line that ended the story"),
    ("cut_removed", "an earlier rule took the line that ended the story"),
    ("cut_prose", "prose ended the story"),
    ("cut_list", "a list item, table row or picture ended the story"),
    ("story_words", "the story's size above it"),
    ("story_paragraphs", "the story's paragraphs above it"),
    ("relative", "its size against the story's"),
    ("rank", "stretches before it"),
    ("above", "its place above the headline"),
];

/// Number of features.
pub const M: usize = FEATURES.len();

fn log1p(x: f64) -> f64 {
    x.ln_1p()
}

fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    x.hash(&mut h);
    h.finish()
}

/// What the features read of the story once per page: its words (content words, hashed), its size, and
/// the line that ended it.
pub(crate) struct Story {
    words: HashSet<u64>,
    units: f64,
    paragraphs: f64,
    cut: [f64; 4],
    end: usize,
}

impl Story {
    pub(crate) fn read(cx: &Ctx, doc: &Document, region: &Region, sw: &WordSet) -> Story {
        let body = &region.lines[region.first.min(region.last)..=region.last];
        let mut words = HashSet::default();
        let (mut units, mut paragraphs) = (0.0, 0.0);
        for &k in body {
            let s = cx.shape_at(doc, k);
            units += s.units;
            if s.units >= 15.0 && s.terminal {
                paragraphs += 1.0;
            }
            for w in s.words.iter() {
                if w.len() >= SHARED_MIN_BYTES && !sw.contains(w) {
                    words.insert(hash_of(w));
                }
            }
        }
        let end = region.lines[region.last];
        let cut = (end + 1..doc.len())
            .find(|&i| !blank_line(&doc.lines[i]))
            .map_or([0.0; 4], |i| {
                let s = cx.shape_at(doc, i);
                [
                    log1p(s.units),
                    f64::from(u8::from(!doc.alive[i])),
                    f64::from(u8::from(s.units >= 15.0 && s.terminal)),
                    f64::from(u8::from(s.bullet || s.table_row || s.units < 1.0)),
                ]
            });
        Story {
            words,
            units,
            paragraphs,
            cut,
            end,
        }
    }
}

/// The features of the stretch of non-blank lines `lines` (paragraphs and the sub-headings between) below
/// the story, under a box of non-blank lines `boxed` (the lines between the story's part above and the
/// stretch), the `rank`-th stretch the walk looked at; `copy` is the share of its shingles in the story.
#[allow(clippy::too_many_arguments)]
pub(crate) fn features<'g>(
    cx: &Ctx<'g>,
    doc: &Document,
    sw: &'g WordSet,
    story: &Story,
    lines: &[usize],
    boxed: &[usize],
    copy: f64,
    rank: usize,
) -> [f64; M] {
    let first = lines.first().copied().unwrap_or(story.end);
    let distance = (story.end + 1..first).filter(|&k| !blank_line(&doc.lines[k])).count();
    read_features(cx, doc, sw, story, lines, boxed, (copy, rank, distance, 0.0))
}

/// The features of a block of kept lines `lines` above the headline, over the non-blank lines `boxed`
/// between it and the headline (its distance to the story).
#[allow(clippy::too_many_arguments)]
pub(crate) fn features_above<'g>(
    cx: &Ctx<'g>,
    doc: &Document,
    sw: &'g WordSet,
    story: &Story,
    lines: &[usize],
    boxed: &[usize],
    copy: f64,
    rank: usize,
) -> [f64; M] {
    read_features(cx, doc, sw, story, lines, boxed, (copy, rank, boxed.len(), 1.0))
}

fn read_features<'g>(
    cx: &Ctx<'g>,
    doc: &Document,
    sw: &'g WordSet,
    story: &Story,
    lines: &[usize],
    boxed: &[usize],
    (copy, rank, distance, above): (f64, usize, usize, f64),
) -> [f64; M] {
    let (mut units, mut paragraphs, mut chars, mut prose, mut words, mut stops) =
        (0.0, 0.0, 0usize, 0usize, 0usize, 0usize);
    let mut distinct: HashSet<u64> = HashSet::default();
    for &k in lines {
        let s = cx.shape_at(doc, k);
        units += s.units;
        chars += s.chars;
        if s.units >= 15.0 && s.terminal {
            paragraphs += 1.0;
        }
        if cx.region_facts_at(doc, k, sw).prose {
            prose += s.chars;
        }
        for w in s.words.iter() {
            words += 1;
            if sw.contains(w) {
                stops += 1;
            } else if w.len() >= SHARED_MIN_BYTES {
                distinct.insert(hash_of(w));
            }
        }
    }
    let shared = distinct.iter().filter(|h| story.words.contains(h)).count();
    let removed = boxed.iter().filter(|&&k| !doc.alive[k]).count();
    let short = boxed
        .iter()
        .filter(|&&k| cx.shape_at(doc, k).units < SHORT_WORDS)
        .count();
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    [
        log1p(units),
        paragraphs,
        lines.len() as f64,
        share(prose, chars),
        share(stops, words),
        share(shared, distinct.len()),
        copy,
        log1p(distance as f64),
        log1p(boxed.len() as f64),
        share(removed, boxed.len()),
        share(short, boxed.len()),
        story.cut[0],
        story.cut[1],
        story.cut[2],
        story.cut[3],
        log1p(story.units),
        log1p(story.paragraphs),
        units / story.units.max(1.0),
        log1p(rank as f64),
        above,
    ]
}

/// The model's decision on a stretch: `None` when it stays cut, else the reason the box above it gives
/// (naming the feature that weighed most towards the story).
pub(crate) fn decide(model: &Model<M>, x: &[f64; M]) -> Option<String> {
    if model.is_empty() {
        return None;
    }
    let (p, contrib) = model.predict(x);
    if p < model.threshold() {
        return None;
    }
    let main = (0..M).max_by(|&a, &b| contrib[a].total_cmp(&contrib[b])).unwrap_or(0);
    Some(format!(
        "box inside the story: the learned end model reads the paragraphs under it as story ({})",
        FEATURES[main].1
    ))
}

/// One stretch the revive walk looked at and the hand rule left cut: lines `start..end` and its features.
pub type Row = (usize, usize, [f64; M]);

/// The lines of `text` (newlines normalised) and the stretches the model would read in the first pass of
/// the generic stage (every heuristic before `generic.footer-region` run in order on the whole dump, no
/// site rules): the blocks above the headline the header cuts, then the footer's revive walk, with no
/// model. What `bench/train_end.py` learns from.
///
/// ```
/// use cleaner_engine::{generic::Generic, endmodel::first_pass};
/// let g = Generic::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
/// let p = "The council met on Monday and agreed to spend more on the roads of the town next year.";
/// let b = "Sport\nWeather\nTravel\nCulture\nMusic\n\n";
/// let text = format!("Readers in the town have written to us about the roads for years, and here is why.\n\n{b}\
///     Council to mend the roads\n\n{p}\n\n{p} Again.\n\n{p} Twice.\n\n{b}\
///     The mayor said the plan would be paid back within ten years by the road tax.\n");
/// let (lines, rows) = first_pass(&g, &text);
/// assert_eq!(lines.len(), 23);
/// // The line above the headline's box (feature `above` 1), the paragraph under the story's box (0).
/// let last = rows.iter().map(|r| (r.0, r.1, r.2[r.2.len() - 1])).collect::<Vec<_>>();
/// assert_eq!(last, vec![(0, 1, 1.0), (22, 23, 0.0)]);
/// ```
pub fn first_pass(g: &Generic, text: &str) -> (Vec<String>, Vec<Row>) {
    let cx = Ctx::new(g);
    let mut doc = Document::new(split_lines(text));
    let mut rows = Vec::new();
    for h in HEURISTICS.iter().take_while(|h| h.id != FOOTER_REGION.id) {
        let decided = match h.decide {
            Decide::Line(test) => doc
                .kept_indices()
                .into_iter()
                .filter(|&i| !doc.protected[i] && test(&cx, &doc.lines[i]))
                .map(|i| h.remove_lines(i, i + 1, None))
                .collect(),
            Decide::Doc(_) | Decide::Settled(_) if h.id == HEADER_REGION.id => {
                header_with(&cx, &doc, &Model::default(), Some(&mut rows))
            }
            Decide::Doc(decide) | Decide::Settled(decide) => decide(&cx, &doc),
        };
        apply_removals(&mut doc, decided);
    }
    footer_with(&cx, &doc, &Model::default(), Some(&mut rows));
    (doc.lines.iter().map(|l| l.to_string()).collect(), rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::footer_with;
    use crate::tables::Tables;
    use crate::testkit::generic;

    const STORY: &str =
        "The council met on Monday and agreed to spend more money on the roads of the town next year.\n\n\
The mayor said the council would borrow the money for the roads and pay it back over ten years.\n\n\
Residents of the town asked the council to mend the roads near the schools first, before winter.\n\n";
    const BOX: &str = "Sport\nWeather\nTravel\nCulture\nMusic\n\n";

    fn feature(name: &str) -> usize {
        FEATURES.iter().position(|(n, _)| *n == name).unwrap()
    }

    /// A one-split model: a stretch that shares a third of its words with the story is story.
    fn shared_words_model() -> Model<M> {
        one_split("shared_words", 0.3)
    }

    /// A model of one split: a stretch whose feature `name` is above `cut` is story.
    fn one_split(name: &str, cut: f64) -> Model<M> {
        let f = feature(name);
        let text = format!(
            "features = [{}]\nbase = 0.0\nthreshold = 0.5\n\n[[tree]]\nfeature = [{f}, -1, -1]\ncut = [{cut:?}, 0.0, 0.0]\n\
             left = [1, 0, 0]\nright = [2, 0, 0]\nvalue = [0.0, -4.0, 4.0]\n",
            FEATURES.map(|(n, _)| format!("{n:?}")).join(", ")
        );
        let dir = std::env::temp_dir().join(format!("cleaner-endmodel-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{FILE}.toml")), text).unwrap();
        let model = Tables::load(&dir)
            .and_then(|t| Model::load_file(&t, FILE, &FEATURES.map(|(n, _)| n), "bench/train_end.py"))
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        model
    }

    fn footer_of(text: &str, model: &Model<M>) -> Vec<(usize, usize, String)> {
        let cx = Ctx::new(generic());
        let doc = Document::from_text(text);
        footer_with(&cx, &doc, model, None)
            .into_iter()
            .map(|r| (r.start, r.end, r.reason))
            .collect()
    }

    #[test]
    fn a_paragraph_under_a_box_that_reads_as_story_stays_out_of_the_cut() {
        let text = format!(
            "Town to mend its roads\n\n{STORY}{BOX}The council will publish the list of roads and the schools near them on Monday.\n\n{BOX}"
        );
        // Without a model the hand walk wants two paragraphs: the one under the box goes with the footer.
        let plain = footer_of(&text, &Model::default());
        assert_eq!(plain.len(), 1);
        assert_eq!((plain[0].0, plain[0].1), (8, 22));
        let learned = footer_of(&text, &shared_words_model());
        assert_eq!(
            learned.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(),
            vec![(8, 14), (15, 22)],
            "the paragraph at line 14 stays"
        );
        assert_eq!(
            learned[0].2,
            "box inside the story: the learned end model reads the paragraphs under it as story (words it shares with the story)"
        );
        assert_eq!(learned[1].2, crate::region::FOOTER_REGION.reason);
    }

    #[test]
    fn a_paragraph_that_shares_no_words_with_the_story_stays_cut() {
        let text = format!(
            "Town to mend its roads\n\n{STORY}{BOX}Sign up for our weekly newsletter and get the best offers from our partners delivered.\n\n{BOX}"
        );
        let learned = footer_of(&text, &shared_words_model());
        assert_eq!(learned.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(), vec![(8, 22)]);
    }

    #[test]
    fn a_block_above_the_headline_that_reads_as_story_stays_out_of_the_header_cut() {
        let text = format!(
            "Readers in the town have written to us about the roads for years, and here is why.\n\n{BOX}Town to mend its roads\n\n{STORY}"
        );
        let cx = Ctx::new(generic());
        let doc = Document::from_text(&text);
        let cut = |model: &Model<M>| -> Vec<(usize, usize, String)> {
            header_with(&cx, &doc, model, None)
                .into_iter()
                .map(|r| (r.start, r.end, r.reason))
                .collect()
        };
        assert_eq!(
            cut(&Model::default()).iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(),
            vec![(0, 8)]
        );
        let learned = cut(&one_split("above", 0.5));
        assert_eq!(
            learned.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(),
            vec![(1, 8)],
            "line 0 stays"
        );
        assert!(
            learned[0].2.ends_with("(its place above the headline)"),
            "{}",
            learned[0].2
        );
    }

    #[test]
    fn features_of_a_stretch() {
        let text = format!(
            "Town to mend its roads\n\n{STORY}{BOX}The council will publish the list of roads and the schools near them on Monday.\n\n{BOX}"
        );
        let (lines, rows) = first_pass(generic(), &text);
        assert_eq!(
            lines[rows[0].0],
            "The council will publish the list of roads and the schools near them on Monday."
        );
        let x = rows[0].2;
        assert_eq!(x[feature("paragraphs")], 1.0);
        assert_eq!(x[feature("lines")], 1.0);
        assert_eq!(x[feature("prose_share")], 1.0);
        // The box of five labels: none removed by an earlier rule, all short.
        assert_eq!(x[feature("box_lines")], 5f64.ln_1p());
        assert_eq!(x[feature("box_short")], 1.0);
        assert!(
            x[feature("shared_words")] > 0.5,
            "council, roads, schools, monday: {}",
            x[feature("shared_words")]
        );
        assert_eq!(x[feature("rank")], 0.0);
    }
}
