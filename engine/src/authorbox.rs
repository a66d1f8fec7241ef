//! The author box: a header, the author's name and a short biography, printed by the site beside the story
//! (port of `generic/authorbox.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::lang::WordSet;
use crate::pattern::Pattern;
use crate::pystr;
use crate::region::{is_prose, region_and_stopwords, Region};
use crate::removal::Removal;
use crate::shape::{shape, Shape};
use crate::tables::{LoadError, Tables};

/// A name line under the header: a few capitalised words, no closing stop.
pub const NAME_MAX_WORDS: f64 = 5.0;
/// A biography is one or two sentences' lines of prose, none of them long.
pub const BIO_LINES: usize = 2;
/// See [`BIO_LINES`]: words at most in one line of biography.
pub const BIO_MAX_WORDS: f64 = 100.0;
/// A headerless box: the biography opens with its author's name, or speaks in the first person and names
/// them within its first words ("I'm Amy and ...").
pub const NAMED_WITHIN: usize = 12;
/// A tagline is one sentence or two on its own line.
pub const TAGLINE_MAX_WORDS: f64 = 80.0;
/// It is the story's last prose line; a handle or a tag line may follow it.
pub const TAGLINE_FROM_END: usize = 3;

const PHRASE_FILE: &str = "author-boxes";

/// What this module compiles from `rules/generic/author-boxes.toml`.
#[derive(Debug)]
pub struct Data {
    /// The first word (lower-cased) of each `first_person` opening: how a biography speaking for its author starts.
    pub first_person: WordSet,
    /// The `tagline` patterns as one alternation (case as written), matched at the start of a stripped line.
    pub tagline: Pattern,
}

impl Data {
    /// Compile from the phrase files.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let first_person = tables
            .phrases(PHRASE_FILE, "first_person")?
            .iter()
            .filter_map(|p| shape(p).words.first().map(str::to_string))
            .collect();
        let alternation: Vec<String> = tables
            .phrases(PHRASE_FILE, "tagline")?
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect();
        let tagline = Pattern::new(&alternation.join("|"), &tables.path(PHRASE_FILE))?;
        Ok(Data { first_person, tagline })
    }
}

/// A person's name alone on its line (its shape).
fn is_name(s: &Shape) -> bool {
    (1.0..=NAME_MAX_WORDS).contains(&s.units) && !s.terminal && s.capitalised >= 0.99
}

fn bio_lines(cx: &Ctx, doc: &Document, rest: &[usize], sw: &WordSet) -> Vec<usize> {
    let mut bio = Vec::new();
    for &j in rest.iter().take(BIO_LINES) {
        let s = cx.shape_at(doc, j);
        if !doc.alive[j] || !is_prose(&s, sw) || s.units > BIO_MAX_WORDS {
            break;
        }
        bio.push(j);
    }
    bio
}

/// A name alone on its line, then a short biography that names that person, closing the story.
///
/// It closes the story when the next line is gone (comments, footer, a removed label) or there is none.
fn headerless_box(cx: &Ctx, doc: &Document, region: &Region, sw: &WordSet) -> Vec<Removal> {
    let kept = &region.lines;
    let from = region.last.saturating_sub(BIO_LINES + 1);
    for pos in from..region.last {
        let name = &*doc.lines[kept[pos]];
        let name_shape = cx.shape_at(doc, kept[pos]);
        let stripped = pystr::strip(name);
        if !is_name(&name_shape) || !stripped.chars().all(|c| pystr::is_alpha(c) || " .-'’".contains(c)) {
            continue;
        }
        let rest = kept
            .get(pos + 1..(pos + 1 + BIO_LINES).min(kept.len()))
            .unwrap_or_default();
        let bio = bio_lines(cx, doc, rest, sw);
        // Every line of `bio` is one of `rest`, in order: the last is at `pos + bio.len()` in `kept`.
        if bio.is_empty() || pos + bio.len() + 1 < region.last {
            continue;
        }
        if pystr::lstrip(&doc.lines[bio[0]])
            .strip_prefix(stripped)
            .is_some_and(|after| after.starts_with(':'))
        {
            continue; // a sub-heading repeated as the paragraph's label, not a person
        }
        let opening_shape = cx.shape_at(doc, bio[0]);
        let opening = &opening_shape.words;
        let (Some(first), Some(open)) = (name_shape.words.first(), opening.first()) else {
            continue;
        };
        if open == first
            || (cx.g.authorbox.first_person.contains(open) && opening.iter().take(NAMED_WITHIN).any(|w| w == first))
        {
            return std::iter::once(kept[pos])
                .chain(bio)
                .map(|j| {
                    AUTHOR_BOX.remove_lines(j, j + 1, Some("author box: name and short biography closing the page"))
                })
                .collect();
        }
    }
    Vec::new()
}

/// The story's last line, when it is the note on its author ("Jane Doe is a professor of law at ...").
fn tagline(cx: &Ctx, doc: &Document, region: &Region, sw: &WordSet) -> Vec<Removal> {
    if region.last <= region.first {
        return Vec::new();
    }
    let stop = region.first.max(region.last.saturating_sub(TAGLINE_FROM_END));
    for pos in (stop + 1..=region.last).rev() {
        let i = region.lines[pos];
        let s = cx.shape_at(doc, i);
        if s.units <= TAGLINE_MAX_WORDS && cx.g.authorbox.tagline.match_start(pystr::strip(&doc.lines[i])) {
            return vec![AUTHOR_BOX.remove_lines(i, i + 1, Some("author's tagline closing the story"))];
        }
        if is_prose(&s, sw) {
            break; // the story goes on below: the line is the story's, not a note on its author
        }
    }
    Vec::new()
}

fn author_boxes(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    let blank = cx.blank_lines(doc);
    // Sized for the most it can hold: a filter's collect grew it by doubling (some four times a pass).
    let mut nonblank = Vec::with_capacity(doc.len());
    nonblank.extend((0..doc.len()).filter(|&i| !blank[i]));
    let headers = cx.matching_at(PHRASE_FILE, doc, &nonblank);
    if headers.is_empty() {
        // The page's stop words are those of the region's (kept) lines; with no region there is no box.
        let Some((region, sw)) = region_and_stopwords(cx, doc) else {
            return Vec::new();
        };
        let found = headerless_box(cx, doc, &region, sw);
        return if found.is_empty() {
            tagline(cx, doc, &region, sw)
        } else {
            found
        };
    }
    let sw = cx.page_stopwords(doc, &cx.kept(doc));
    let mut out = Vec::new();
    // A header an earlier heuristic removed (a lone "Author" is a byline label too) still opens the box.
    for &i in &headers {
        let k = nonblank.partition_point(|&j| j < i);
        let mut bx: Vec<usize> = if doc.alive[i] { vec![i] } else { Vec::new() };
        let mut rest = &nonblank[k + 1..];
        if let Some(&next) = rest.first() {
            if doc.alive[next] && is_name(&cx.shape_at(doc, next)) {
                bx.push(next);
                rest = &rest[1..];
            }
        }
        let bio = bio_lines(cx, doc, rest, sw);
        if !bio.is_empty() {
            out.extend(
                bx.into_iter()
                    .chain(bio)
                    .map(|j| AUTHOR_BOX.remove_lines(j, j + 1, None)),
            );
        }
    }
    out
}

/// Drops an author box: its header, the author's name and a short biography; or, with no header, a
/// name and biography or a tagline closing the story.
pub const AUTHOR_BOX: Heuristic = Heuristic {
    id: "generic.author-box",
    reason: "author box: header, name and short biography",
    doc: "Drops an author box: a header such as `About the author`, `Autoreninfo` or `Über Kathrin` \
          (rules/generic/author-boxes.toml), the author's name on the next line if it stands alone, and \
          the one or two short prose lines of biography under it. A header with no biography under it is \
          left to the other heuristics. With no header, a name alone on its line and one or two lines of \
          biography that open with that name (or say `I'm ...` and name them) go when they close the story, \
          and so does a one-line tagline such as `Jane Doe is a professor of law at ...` (shapes in the file's \
          `tagline` list).",
    example: "About the author\nJane Doe\nJane has covered science and health for the paper since 2015.",
    decide: Decide::Doc(author_boxes),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_name_doctests() {
        assert!(is_name(&shape("Jane Q. Doe")));
        assert!(!is_name(&shape("The storm moved east.")));
    }

    fn generic() -> crate::generic::Generic {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        crate::generic::Generic::load(std::path::Path::new(dir)).unwrap()
    }

    #[test]
    fn tagline_doctest() {
        let g = generic();
        let cx = Ctx::new(&g);
        let story = "The court ruled on Monday that the law stands, and the government welcomed the decision.";
        let doc = Document::from_text(&format!(
            "{story}\nJane Doe is a professor of law at Example University.\n"
        ));
        let region = crate::region::main_region(&cx, &doc).unwrap();
        let found = tagline(&cx, &doc, &region, &WordSet::default());
        assert_eq!(
            found.iter().map(|r| (r.start, r.reason.as_str())).collect::<Vec<_>>(),
            vec![(1, "author's tagline closing the story")]
        );
    }

    #[test]
    fn box_with_header() {
        let g = generic();
        let cx = Ctx::new(&g);
        let para = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n";
        let doc = Document::from_text(&format!("Rain at last\n{}{}", para.repeat(3), AUTHOR_BOX.example));
        let found = author_boxes(&cx, &doc);
        assert_eq!(
            found.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(),
            vec![(4, 5), (5, 6), (6, 7)]
        );
        assert!(found.iter().all(|r| r.reason == AUTHOR_BOX.reason));
    }

    #[test]
    fn heuristic_id() {
        assert_eq!(AUTHOR_BOX.id, "generic.author-box");
    }
}
