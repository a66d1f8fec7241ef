//! Pager links: a line that is a link to the previous or next page, drawn with a guillemet for its arrow.
//!
//! Blogs print `« Previous post | Main | Next post »` or `« Older title | Main` right above or below the
//! post, and news pages `Next Page »`, `More Headlines »`, `See more video »` under the story: the arrow
//! is the whole sign, in any language, so no word list is needed. `cross-links.toml` takes the same
//! shape with a true arrow (`← Older post`); a guillemet is also a quotation mark, so a line is a pager
//! link only when it cannot be a quote: no guillemet of the other side on the line (`« Il a dit oui. »`,
//! `»Wir schaffen das«`, `«Газпром» сообщил` stay) and no sentence stop before the arrow or at the end
//! (a quote running over paragraphs opens `« Nous sommes prêts.` or closes `... vite. »` on its own line).

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::images::after_bullet;
use crate::pystr;
use crate::removal::Removal;

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

/// The kept pager lines of `doc` below its first line of text (a leading one stays, as a leading image
/// label does: the first kept line is read as the headline).
///
/// ```
/// use cleaner_engine::{doc::Document, pager::pager_lines};
/// let d = Document::from_text("« Back to blog\nThe river rose.\n\n« Older | Main | Newer »\nIt fell again.\nNext Page »");
/// assert_eq!(pager_lines(&d).iter().map(|r| r.start).collect::<Vec<_>>(), vec![3, 5]);
/// ```
pub fn pager_lines(doc: &Document) -> Vec<Removal> {
    links_among(doc, &doc.kept_indices())
}

/// [`pager_lines`] of `doc` whose kept lines are `kept` ([`Document::kept_indices`]).
fn links_among(doc: &Document, kept: &[usize]) -> Vec<Removal> {
    let first_text = kept
        .iter()
        .position(|&i| !is_pager_line(&doc.lines[i]))
        .unwrap_or(kept.len());
    kept.iter()
        .skip(first_text)
        .filter(|&&i| is_pager_line(&doc.lines[i]))
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
has settled (a pass where no other heuristic removed a line), so that the story region is found as before.",
    example: "« Previous Post | Next post »",
    decide: Decide::Settled(decide_pager_link),
};

fn decide_pager_link(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    // The kept lines of the bound document's state, made from the last state's when a label went.
    links_among(doc, &cx.kept(doc))
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
