//! Blocks that follow the story: related and popular teasers, newsletters, comments (port of
//! `generic/trailing.py`).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::lang::WordSet;
use crate::pystr;
use crate::region::region_and_stopwords;
use crate::removal::Removal;
use crate::shape::Shape;

/// A box inside the story: its header, at most this many teaser lines, then the story goes on.
pub const MAX_BOX_LABELS: usize = 8;
/// A line of this many words is a story sentence even without a closing stop.
pub const LONG_LINE: f64 = 25.0;
/// Lines after a box that are looked at to see whether the story goes on.
pub const STORY_LOOKAHEAD: usize = 3;
/// Prose lines among the next [`STORY_LOOKAHEAD`] lines after a box that show the story goes on.
pub const STORY_GOES_ON: usize = 2;
/// Prose characters among the next [`STORY_LOOKAHEAD`] lines after a box that show the story goes on.
pub const STORY_GOES_ON_CHARS: usize = 150;
/// Lines after a box, from its first story sentence, in which two story sentences must follow one another
/// for the story to go on: teasers under a block's header alternate a title and a summary, each summary a
/// sentence, where a story's paragraphs come in a row between its sub-headings.
pub const STORY_ROW_LOOKAHEAD: usize = 10;
/// Story prose (characters) that must come before a comments header for it to end the page.
pub const COMMENTS_AFTER_CHARS: usize = 400;

/// Characters of each of the `kept` lines from position `from` on that is alive and reads as a story
/// sentence (0 for others).
///
/// A teaser title has no closing stop and a teaser summary is cut off (`...`), so only a
/// sentence that ends like one counts (or a very long line). A removed line counts as no prose: it is
/// not read (the comments' walk reads every line, and most removed ones were never asked for prose);
/// nor are the lines above `from`, where the walk does not go.
fn prose_chars<'g>(cx: &Ctx<'g>, doc: &Document, kept: &[usize], from: usize, sw: &'g WordSet) -> Vec<usize> {
    kept.iter()
        .enumerate()
        .map(|(pos, &i)| {
            if pos >= from && doc.alive[i] {
                story_sentence_chars(cx, doc, i, sw)
            } else {
                0
            }
        })
        .collect()
}

fn story_sentence_chars<'g>(cx: &Ctx<'g>, doc: &Document, i: usize, sw: &'g WordSet) -> usize {
    cx.story_chars_at(doc, i, sw, |s, prose| {
        let cut_off = s.text.ends_with("...") || s.text.ends_with('…');
        if prose && ((s.terminal && stops(&s.text)) || s.units >= LONG_LINE) && !cut_off {
            s.chars
        } else {
            0
        }
    })
}

/// Closing quotes and brackets that may follow a sentence's stop, and the spaces French typography sets
/// before a closing guillemet (`« Il a dit oui. »`).
const CLOSERS: &str = "'\"”’»)] \u{a0}\u{202f}";
/// Stops that end a sentence.
const STOPS: &str = ".!?。！？…:;";

/// Whether `text` ends with a stop, closing quotes and brackets aside: a headline that ends on a quoted
/// phrase (`Mayor: “We will rebuild”`) ends with a quote but not with a stop; a story's quote does.
fn stops(text: &str) -> bool {
    pystr::rstrip_chars(text, CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| STOPS.contains(c))
}

/// An item of a list, so not a block header: a numbered one ("7. Newsletter" in a meeting's agenda)
/// never is, and for comments no bulleted one is either (`• 3 Comments` is a link in a share row).
fn list_item(s: &Shape, line: &str, numbered_only: bool) -> bool {
    if !numbered_only {
        return s.bullet;
    }
    // The list marker is shape()'s.
    s.bullet && pystr::lstrip(line).chars().next().is_some_and(pystr::is_digit)
}

fn blocks(
    cx: &Ctx,
    doc: &Document,
    table: &'static str,
    heuristic: &Heuristic,
    min_before: usize,
    boxes: bool,
) -> Vec<Removal> {
    // The page's stop words are those of the region's (kept) lines.
    let Some((region, sw)) = region_and_stopwords(cx, doc) else {
        return Vec::new();
    };
    // Comments: a header an earlier heuristic took (`Comments` alone is also a share-row label) still
    // opens the section, so removed lines are read too; they count as no prose.
    let all: Vec<usize>;
    let kept: &[usize] = if min_before > 0 {
        let blank = cx.blank_lines(doc);
        // Sized once, not grown by doubling (each step a copy).
        let mut lines = Vec::with_capacity(doc.len());
        lines.extend((0..doc.len()).filter(|&i| !doc.protected[i] && !blank[i]));
        all = lines;
        &all
    } else {
        &region.lines
    };
    // A header counts below the start of the story (the same words in a top menu do not end the page),
    // or, when `min_before` is set, once that much prose is behind it: comments, the longest prose
    // on some pages, can outweigh the story in the region itself.
    let start = if min_before > 0 { 0 } else { region.first };
    let prose = prose_chars(cx, doc, kept, start, sw);
    let mut before = 0;
    let mut out = Vec::new();
    for pos in start..kept.len() {
        let i = kept[pos];
        let line = &doc.lines[i];
        // A taken header stands alone: one in a row of taken labels is a share row's `Comments` button.
        let alone =
            doc.alive[i] || (pos > 0 && doc.alive[kept[pos - 1]] && kept.get(pos + 1).is_none_or(|&j| doc.alive[j]));
        if before > min_before && alone && cx.matches_at(table, doc, i) && !list_item(&cx.shape_at(doc, i), line, boxes)
        {
            let mut end = pos + 1;
            // The block's teasers run to the first story sentence; a list item, however long, is a teaser.
            while end < kept.len() && (prose[end] == 0 || cx.shape_at(doc, kept[end]).bullet) {
                end += 1;
            }
            let after: Vec<usize> = prose
                .get(end..(end + STORY_LOOKAHEAD).min(prose.len()))
                .unwrap_or_default()
                .iter()
                .copied()
                .filter(|&c| c > 0)
                .collect();
            let in_a_row = prose
                .get(end..(end + STORY_ROW_LOOKAHEAD).min(prose.len()))
                .unwrap_or_default()
                .windows(2)
                .any(|pair| pair[0] > 0 && pair[1] > 0);
            let goes_on =
                after.len() >= STORY_GOES_ON && after.iter().sum::<usize>() >= STORY_GOES_ON_CHARS && in_a_row;
            let labels = kept[pos + 1..end]
                .iter()
                .filter(|&&j| !cx.shape_at(doc, j).words.is_empty())
                .count();
            let stop = kept.get(end).copied();
            match stop {
                Some(stop) if boxes && labels <= MAX_BOX_LABELS && goes_on => {
                    out.push(heuristic.remove_lines(i, stop, Some("box inside the story: header and teaser lines")));
                }
                _ => {
                    out.push(heuristic.remove_lines(i, doc.len(), None));
                    return out;
                }
            }
        }
        before += prose[pos];
    }
    out
}

fn trailing(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    blocks(cx, doc, "trailing-blocks", &TRAILING_BLOCK, 0, true)
}

fn comments(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    blocks(cx, doc, "comments", &COMMENTS_BLOCK, COMMENTS_AFTER_CHARS, false)
}

/// Drops a block of teasers (related, popular, latest, newsletter) from its header to the end of the page.
pub const TRAILING_BLOCK: Heuristic = Heuristic {
    id: "generic.trailing-block",
    reason: "block after the story (related, popular, latest, newsletter) and its teasers",
    doc: "Once the story has begun, a header such as `Latest articles`, `More like this`, `Most read`, \
          `Trending`, `Related stories`, `Mehr zum Thema`, `Lo más leído` starts a block of teasers that \
          runs to the end of the page: it is dropped from the header on. When the story goes on right after \
          a few teaser lines (a box inside the story: story sentences follow, two of them in a row within ten \
          lines, where teasers alternate titles and summaries), only the header and those lines go; a list item, however \
          long, is a teaser line, and so is a title that ends on a quoted phrase with no stop \
          (`Mayor: “We will rebuild”`). An item of a numbered list (`7. Newsletter`) is never a header. \
          Headers by language in rules/generic/trailing-blocks.toml.",
    example: "Most read\nMarkets slide as rates rise\nWhat the new tax rules mean for you",
    decide: Decide::Doc(trailing),
};

/// Drops the comment section, from its header to the end of the page.
pub const COMMENTS_BLOCK: Heuristic = Heuristic {
    id: "generic.comments-block",
    reason: "comment section after the story",
    doc: "A comments header (`Comments`, `12 comments`, `Leave a reply`, `Kommentare`, `Comentarios`) \
          after a good part of the story starts the comment section, which runs to the end of the page: \
          it is dropped from the header on. A list item (`• Comments`, a link in a share row) is not the \
          section's header. A header an earlier heuristic took (`Comments` alone is also a share label) still \
          opens the section when it stands alone, not in a row of taken labels. Headers by language in \
          rules/generic/comments.toml.",
    example: "3 Comments\nGreat article, thanks!\nI disagree with the second point.",
    decide: Decide::Doc(comments),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_item_doctests() {
        let item = |line: &str, numbered_only| list_item(&crate::shape::shape(line), line, numbered_only);
        assert_eq!(
            (
                item("  7. Newsletter", true),
                item("Newsletter", true),
                item("2 Comments", true)
            ),
            (true, false, false)
        );
        assert_eq!(
            (item("  • 3 Comments", true), item("  • 3 Comments", false)),
            (false, true)
        );
    }

    #[test]
    fn blocks_to_the_end() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        let g = crate::generic::Generic::load(std::path::Path::new(dir)).unwrap();
        let cx = Ctx::new(&g);
        let para = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n";
        let d = Document::from_text(&format!("Rain at last\n{}{}", para.repeat(3), TRAILING_BLOCK.example));
        let found = trailing(&cx, &d);
        assert_eq!(found.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(), vec![(4, 7)]);
        assert_eq!(d.text_of(found[0].start, found[0].end), TRAILING_BLOCK.example);
        let d = Document::from_text(&format!("Rain at last\n{}{}", para.repeat(6), COMMENTS_BLOCK.example));
        let found = comments(&cx, &d);
        assert_eq!(
            found.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(),
            vec![(7, 10)]
        );
        // Too little prose before the header: not the comment section.
        let d = Document::from_text(&format!("Rain at last\n{}{}", para.repeat(3), COMMENTS_BLOCK.example));
        assert!(comments(&cx, &d).is_empty());
    }

    #[test]
    fn a_comments_header_an_earlier_heuristic_took_still_opens_the_section_unless_in_a_share_row() {
        let cx = Ctx::new(crate::testkit::generic());
        let para = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n";
        let thread = "Great article, thanks!\nI disagree with the second point.\n";
        // `Comments` alone (line 7), taken as a share label: the section still starts there.
        let mut d = Document::from_text(&format!("Rain at last\n{}Comments\n{thread}", para.repeat(6)));
        d.alive[7] = false;
        let found = comments(&cx, &d);
        assert_eq!(
            found.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(),
            vec![(7, 10)]
        );
        // In a row of taken share labels it is a button, and the story goes on below it.
        let row = "Share\nComments\nEmail\n";
        let mut d = Document::from_text(&format!("Rain at last\n{}{row}{}", para.repeat(6), para.repeat(3)));
        for i in 7..10 {
            d.alive[i] = false;
        }
        assert!(comments(&cx, &d).is_empty());
    }

    #[test]
    fn a_stop_ends_a_sentence_a_quote_alone_does_not() {
        for t in [
            "He said: “We will rebuild.”",
            "Done!",
            "« Il a dit oui. »",
            "(It rained.)",
            "Why? »",
        ] {
            assert!(stops(t), "{t:?}");
        }
        for t in [
            "Mayor: “We will rebuild”",
            "Le maire : « Nous reconstruirons »",
            "A title",
            "",
            "”",
        ] {
            assert!(!stops(t), "{t:?}");
        }
    }

    #[test]
    fn teasers_that_end_on_a_quote_belong_to_the_box() {
        let cx = Ctx::new(crate::testkit::generic());
        let para = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n";
        let teasers = "Farmer on the harvest: “We have never seen a year like this one”\n\
                       Minister promises help: “Nobody will be left behind in the valley”\n";
        let d = Document::from_text(&format!(
            "Rain at last\n{}Most read\n{teasers}{}",
            para.repeat(3),
            para.repeat(3)
        ));
        let found = trailing(&cx, &d);
        // The header and both teasers go (a box inside the story); the story below stays.
        assert_eq!(found.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(), vec![(4, 7)]);
    }

    #[test]
    fn summaries_under_titles_after_a_header_are_no_story_going_on() {
        let cx = Ctx::new(crate::testkit::generic());
        let para = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n";
        let summary = "The council met on Tuesday and agreed to keep the library open for longer hours this winter.\n";
        let pairs: String = [
            "Library stays open late",
            "Bridge to close for repairs",
            "School wins the cup",
        ]
        .iter()
        .map(|title| format!("{title}\n{summary}"))
        .collect();
        let d = Document::from_text(&format!(
            "Rain at last\n{}Most read\nFloods in the south\n{pairs}",
            para.repeat(3)
        ));
        // Title and summary in turn, never two story sentences in a row: the block runs to the page's end.
        assert_eq!(
            trailing(&cx, &d).iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(),
            vec![(4, d.len())]
        );
        // The story going on in paragraphs under one sub-heading: only the box goes.
        let d = Document::from_text(&format!(
            "Rain at last\n{}Most read\nFloods in the south\n{summary}Harvest\n{}",
            para.repeat(3),
            para.repeat(3)
        ));
        assert_eq!(
            trailing(&cx, &d).iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(),
            vec![(4, 6)]
        );
    }

    #[test]
    fn heuristic_ids() {
        assert_eq!(TRAILING_BLOCK.id, "generic.trailing-block");
        assert_eq!(COMMENTS_BLOCK.id, "generic.comments-block");
    }
}
