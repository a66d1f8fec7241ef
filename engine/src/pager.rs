//! Pager links: a line that is a link to the previous or next page, drawn with a guillemet for its arrow.
//!
//! Blogs print `« Previous post | Main | Next post »` or `« Older title | Main` right above or below the
//! post, and news pages `Next Page »`, `More Headlines »`, `See more video »` under the story: the arrow
//! is the whole sign, in any language, so no word list is needed. `cross-links.toml` takes the same
//! shape with a true arrow (`← Older post`); a guillemet is also a quotation mark, so a line is a pager
//! link only when it cannot be a quote: no guillemet of the other side on the line (`« Il a dit oui. »`,
//! `»Wir schaffen das«`, `«Газпром» сообщил` stay) and no sentence stop before the arrow or at the end
//! (a quote running over paragraphs opens `« Nous sommes prêts.` or closes `... vite. »` on its own line).
//!
//! Some blogs print the link's label instead of an arrow, or before it: `Previous post: Title`, `« Previous
//! Post Title Next Post » Title`, `next post: Title`. Those lines open with a label of `cross-links.toml`'s
//! `pager_labels` (`previous post`, `next story`, `older entries` ...), in any case.

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::images::after_bullet;
use crate::pystr;
use crate::removal::Removal;
use crate::tables::{LoadError, Tables};

const OPENERS: &[char] = &['«', '‹'];
const CLOSERS: &[char] = &['»', '›'];
/// What ends a sentence or a quote: a line ending so (before its arrow) is text, not a link.
const STOPS: &[char] = &['.', '!', '?', '…', ':', ';', ',', '"', '”'];
/// Longer lines are text that happens to hold a guillemet (the limit of `cross-links.toml`'s arrow shape).
const MAX_CHARS: usize = 150;

/// Whether `line` is a link with a guillemet for its arrow: `« Title` (no closing guillemet), `Title »`
/// (no opening one), or a row of links between both (`« Older | Main | Newer »`), with no sentence stop
/// before the arrow.
///
/// ```
/// use cleaner_engine::pager::is_pager_line;
/// assert!(is_pager_line("« Previous Post | Next post »"));
/// assert!(is_pager_line("« 'Significant' Layoffs Made at National Whistleblowers Center | Main"));
/// assert!(is_pager_line("Next Page »"));
/// assert!(is_pager_line("  • Nächste Seite ››"));
/// assert!(!is_pager_line("« Il a dit oui. »"));
/// assert!(!is_pager_line("« Nous sommes prêts."));
/// assert!(!is_pager_line("Nous reconstruirons la ville. »"));
/// assert!(!is_pager_line("Le maire : « Nous reconstruirons »"));
/// ```
pub fn is_pager_line(line: &str) -> bool {
    let Some(text) = after_bullet(pystr::strip(line)) else {
        return false;
    };
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return false;
    };
    let opens = OPENERS.contains(&first);
    let closes = CLOSERS.contains(&last);
    // Most lines have no guillemet at either end: their characters are not counted.
    if !(opens || closes) || text.chars().count() > MAX_CHARS {
        return false;
    }
    if opens && closes {
        return text.contains(" | ");
    }
    if opens {
        let rest = text.get(first.len_utf8()..).unwrap_or("");
        let rest = rest.trim_start_matches(pystr::is_regex_space);
        return !rest.is_empty() && !rest.contains(CLOSERS) && !STOPS.contains(&last) && !rest.contains(OPENERS);
    }
    if closes {
        let before = text.trim_end_matches(CLOSERS).trim_end_matches(pystr::is_regex_space);
        return before
            .chars()
            .next_back()
            .is_some_and(|c| !STOPS.contains(&c) && !OPENERS.contains(&c))
            && !before.contains(OPENERS)
            && !before.contains(CLOSERS);
    }
    false
}

/// What this module reads from `rules/generic/cross-links.toml`: its `pager_labels`, lower-cased.
#[derive(Debug)]
pub struct Data {
    labels: Vec<String>,
    /// The labels' first words, sorted: a line whose first word is none of them is no labelled link, and
    /// most lines are ruled out by that word alone, with no lower-cased copy of the line.
    first_words: Vec<String>,
    /// The first bytes of those words, in both cases of an ASCII letter: most lines are ruled out by their
    /// first byte, before their first word is read.
    first_bytes: [bool; 256],
}

impl Data {
    /// Read the labels from the phrase files.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let labels: Vec<String> = tables
            .phrases("cross-links", "pager_labels")?
            .iter()
            .map(|p| pystr::lower(pystr::strip(p)))
            .filter(|p| !p.is_empty())
            .collect();
        let mut first_words: Vec<String> = labels
            .iter()
            .filter_map(|l| l.split(|c: char| !c.is_alphanumeric()).next())
            .map(str::to_string)
            .collect();
        first_words.sort();
        first_words.dedup();
        let mut first_bytes = [false; 256];
        for b in first_words.iter().filter_map(|w| w.bytes().next()) {
            first_bytes[usize::from(b.to_ascii_lowercase())] = true;
            first_bytes[usize::from(b.to_ascii_uppercase())] = true;
        }
        Ok(Data {
            labels,
            first_words,
            first_bytes,
        })
    }

    /// Whether `line` is a pager link by its label: after a bullet and an arrow (`«`, `‹`, `←`), it opens
    /// with one of the labels, in any case, followed by its line's end or by no letter or digit
    /// (`Previous post: Title`, `« Previous Post Title Next Post » Title`). A sentence of the story may
    /// open with those words (`Next post, I will ...`): a line ending with a full stop, `!`, `,` or `;`,
    /// or longer than `MAX_CHARS` characters, stays. A title may end with a question mark.
    ///
    /// ```
    /// use cleaner_engine::pager::Data;
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
    /// let data = Data::load(&cleaner_engine::tables::Tables::load(std::path::Path::new(dir)).unwrap()).unwrap();
    /// assert!(data.is_labelled_link("Previous post: Curiosity Rover Takes a Self-Portrait"));
    /// assert!(data.is_labelled_link("« Previous Post How Much House Can You Get? Next Post » Open Houses"));
    /// assert!(!data.is_labelled_link("Next posting of the schedule is due on Monday."));
    /// assert!(!data.is_labelled_link("The previous post was about the rain."));
    /// assert!(!data.is_labelled_link("Next post, I will show how the garden looks in the spring."));
    /// ```
    pub fn is_labelled_link(&self, line: &str) -> bool {
        let Some(text) = after_bullet(pystr::strip(line)) else {
            return false;
        };
        let text = text.trim_start_matches(|c: char| OPENERS.contains(&c) || c == '←' || pystr::is_regex_space(c));
        if !text
            .as_bytes()
            .first()
            .is_some_and(|&b| self.first_bytes[usize::from(b)])
        {
            return false;
        }
        // Most lines left open with a word that opens no label: they are not lower-cased.
        let word = text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let known = if word.is_ascii() {
            self.first_words
                .iter()
                .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
        } else {
            self.first_words.binary_search(&pystr::lower(word)).is_ok()
        };
        if !known || text.ends_with(['.', '!', ',', ';']) || text.chars().count() > MAX_CHARS {
            return false;
        }
        let lower = pystr::lower(text);
        self.labels.iter().any(|label| {
            lower
                .strip_prefix(label.as_str())
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        })
    }
}

/// The kept pager lines of `doc` below its first line of text (a leading one stays, as a leading image
/// label does: the first kept line is read as the headline).
///
/// ```
/// use cleaner_engine::{doc::Document, pager::pager_lines};
/// let d = Document::from_text("« Back to blog\nThe river rose.\n\n« Older | Main | Newer »\nIt fell again.\nNext Page »");
/// assert_eq!(pager_lines(&d).iter().map(|r| r.start).collect::<Vec<_>>(), vec![3, 5]);
/// ```
pub fn pager_lines(doc: &Document) -> Vec<Removal> {
    let none = Data {
        labels: Vec::new(),
        first_words: Vec::new(),
        first_bytes: [false; 256],
    };
    links_among(doc, &doc.kept_indices(), &none)
}

/// [`pager_lines`] of `doc` whose kept lines are `kept` ([`Document::kept_indices`]), with the links
/// `data`'s labels tell too.
fn links_among(doc: &Document, kept: &[usize], data: &Data) -> Vec<Removal> {
    let link = |i: usize| is_pager_line(&doc.lines[i]) || data.is_labelled_link(&doc.lines[i]);
    let first_text = kept.iter().position(|&i| !link(i)).unwrap_or(kept.len());
    kept.iter()
        .skip(first_text)
        .filter(|&&i| link(i))
        .map(|&i| PAGER_LINK.remove_lines(i, i + 1, None))
        .collect()
}

/// Pager links. Run once the page has settled, as image labels are: such a line right under the story is
/// often what ends the story region above a comment thread, and a page read without it may let the region
/// run on into the comments (measured: removed with the other line heuristics, ten everywhereist.com pages
/// lost 0.03-0.71 F1 that way).
pub const PAGER_LINK: Heuristic = Heuristic {
    id: "generic.pager-link",
    reason: "link to the previous or next page",
    doc: "Drops a line that is a link with a guillemet for its arrow, as blogs and news pages print above \
or below a story: `« Previous post | Main | Next post »`, `« Older title | Main`, `Next Page »`, \
`More Headlines »`, in any language. A guillemet is also a quotation mark, so a line holding both an \
opening and a closing one stays unless it is a row of links (` | `), and so does a line with a sentence \
stop before its arrow or at its end. Lines above the page's first line of text stay. Runs once the page \
has settled (a pass where no other heuristic removed a line), so that the story region is found as before. \
A line that opens with a pager label (`pager_labels` in rules/generic/cross-links.toml: `Previous post: \
Title`, `« Previous Post Title Next Post » Title`, `next story ...`, in any case) goes the same way.",
    example: "« Previous Post | Next post »",
    decide: Decide::Settled(decide_pager_link),
};

fn decide_pager_link(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    // The kept lines of the bound document's state, made from the last state's when a label went.
    links_among(doc, &cx.kept(doc), &cx.g.pager)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, starts};

    #[test]
    fn example_goes_and_text_around_it_stays() {
        let t = format!("The river rose.\n\n{}\n\nIt fell again.", PAGER_LINK.example);
        let r = run(&PAGER_LINK, &t);
        assert_eq!(
            r,
            vec![(
                2,
                3,
                PAGER_LINK.reason.to_string(),
                None,
                PAGER_LINK.example.to_string()
            )]
        );
    }

    #[test]
    fn links_with_a_guillemet_for_an_arrow_go() {
        for line in [
            "« Previous Article",
            "‹ Back to Story",
            "• « Back to blog",
            "More Headlines »",
            "See more video »",
            "No Comments »",
            "Summer Sale Ends Today! Save 50% on a Times Subscription. GO NOW»",
            "Weiter ››",
            "Main | Hiram residents seek local control on fracking »",
            "« Darkness and Light | Main | Permission To Be Bad »",
        ] {
            assert!(is_pager_line(line), "{line:?}");
        }
    }

    #[test]
    fn quotes_and_text_stay() {
        for line in [
            "",
            "«",
            "»",
            "« »",
            "«Quoted»",
            "« Previous Story Next Story »",
            "Il a dit : « oui »",
            "»Wir schaffen das«, sagte sie.",
            "Er sagte nur ›nein‹",
            "« Nous sommes prêts, a dit le maire,",
            "C'est fini. »",
            "Why? »",
            "The council met on Monday.",
            "← Older post",
        ] {
            assert!(!is_pager_line(line), "{line:?}");
        }
        assert!(!is_pager_line(&format!("« {}", "word ".repeat(40).trim_end())));
        // Too long with the arrow at either end; and a line with none, long or not, whose characters
        // are then not counted.
        assert!(!is_pager_line(&format!("{} »", "word ".repeat(40).trim_end())));
        assert!(is_pager_line(&format!("{} »", "word ".repeat(29).trim_end())));
        assert!(!is_pager_line(&"word ".repeat(40)));
    }

    #[test]
    fn links_by_their_label_go_and_sentences_that_open_so_stay() {
        let cx = Ctx::new(crate::testkit::generic());
        let links = [
            "Previous post: Curiosity Rover Takes a Self-Portrait",
            "next post: The biggest blogging mistake I ever made …",
            "« Previous Post How Much House Can You Get for $600,000? Next Post » Open Houses",
            "Next story in Science Save women, children first? Not likely",
            "Older Entries",
            "  • Artículo anterior: La ciudad reconstruye el puerto",
        ];
        let stays = [
            "Next posting of the schedule is due on Monday",
            "The previous post was about the rain",
            "Next post, I will show how the garden looks in the spring.",
            "Previous posts have covered the floods in some detail!",
        ];
        for line in links {
            assert!(cx.g.pager.is_labelled_link(line), "{line:?}");
        }
        for line in stays {
            assert!(!cx.g.pager.is_labelled_link(line), "{line:?}");
        }
        // Only once the page has settled, below its first line of text, as the guillemet links.
        let mut text = String::from("Previous post: Older news\nThe river rose.\n\n");
        for line in links.iter().chain(&stays) {
            text.push_str(line);
            text.push('\n');
        }
        let doc = Document::from_text(&text);
        cx.bind(&doc);
        assert_eq!(starts(&decide_pager_link(&cx, &doc)), [3, 4, 5, 6, 7, 8]);
        cx.unbind();
        // Without the labels (the guillemet shape alone), none of them is a pager link.
        assert!(pager_lines(&doc).is_empty());
    }

    #[test]
    fn on_a_bound_page_the_state_s_kept_lines_give_the_same_links() {
        let cx = Ctx::new(crate::testkit::generic());
        let mut doc = Document::from_text("« Back to blog\n\nThe river rose.\nNext Page »\n\nIt fell.\n« Older post\n");
        cx.bind(&doc);
        assert_eq!(starts(&decide_pager_link(&cx, &doc)), [3, 6]);
        // The first text line gone: the link under the leading one leads the page too, and stays.
        doc.alive[2] = false;
        cx.changed();
        assert_eq!(starts(&decide_pager_link(&cx, &doc)), starts(&pager_lines(&doc)));
        assert_eq!(starts(&decide_pager_link(&cx, &doc)), [6]);
        cx.unbind();
    }

    #[test]
    fn a_leading_pager_line_stays() {
        assert!(run(&PAGER_LINK, "« Back to blog\nNext Page »").is_empty());
        let r = run(
            &PAGER_LINK,
            "« Back to blog\nHeadline\nStory.\n« Older | Main | Newer »",
        );
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec![3]);
    }
}
