//! Lists of linked titles: several headline-shaped lines in one block, with no paragraph between (port of
//! `generic/titlelists.py`).

use crate::ctx::Ctx;
use crate::doc::{blocks_of, Document};
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::removal::Removal;
use crate::shape::Shape;

/// Story paragraphs stand apart (a blank line between); this many titles in one block are a list of links.
pub const MIN_TITLES: usize = 4;
pub const MIN_WORDS: f64 = 4.0;
pub const MAX_WORDS: f64 = 20.0;
/// The most words of the heading over a bulleted list of titles (`Daily Tech: Facebook, the Next Gambling
/// Hub?` is a sentence, no heading).
pub const BOX_HEADING_WORDS: f64 = 8.0;

/// A headline-shaped line: a few words, a capital first, no closing stop but a question mark, no bullet,
/// not a table row.
///
/// A question is a headline too (`Wann blüht die Zaubernuss?`, `Is the 401(k) dead?`): lists of related
/// articles and of a site's FAQ pages mix them with plain titles. A story's own questions stand apart as
/// sub-headings, or sit inside its paragraphs.
///
/// ```
/// use cleaner_engine::shape::shape;
/// use cleaner_engine::titlelists::is_title;
/// assert!(is_title(&shape("How the city plans to fix its bridges")));
/// assert!(is_title(&shape("When does the witch hazel flower?")));
/// assert!(!is_title(&shape("The city will fix its bridges.")));
/// assert!(!is_title(&shape("The city will fix its bridges!")));
/// ```
pub fn is_title(s: &Shape) -> bool {
    !s.bullet && is_title_text(s)
}

fn is_title_text(s: &Shape) -> bool {
    (MIN_WORDS..=MAX_WORDS).contains(&s.units)
        && (!s.terminal || pystr::strip(&s.text).ends_with('?'))
        && !s.table_row
        && s.text.chars().next().is_some_and(pystr::is_upper)
}

/// Runs of four or more titles in a block that no line ending with a colon introduces; a run with bullets
/// only under a box's heading, below some story prose (see [`bulleted_list_of_titles`]).
pub fn title_lists(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    let mut out = Vec::new();
    let kept = cx.kept(doc);
    // One buffer for every block's run (a block's own cost an allocation per block with a title).
    let mut run: Vec<usize> = Vec::new();
    // A block of fewer lines than a list's titles holds no list: most blocks are one paragraph, and
    // neither the line above them nor their shapes are read.
    for block in blocks_of(&kept).filter(|block| block.len() >= MIN_TITLES) {
        match block.first() {
            Some(&first) if !doc.introduced(first) => {}
            _ => continue,
        }
        run.clear();
        for i in block.iter().copied().map(Some).chain([None]) {
            if let Some(i) = i {
                if is_title_text(&cx.shape_at(doc, i)) {
                    run.push(i);
                    continue;
                }
            }
            if let (true, Some(&first), Some(&last)) = (run.len() >= MIN_TITLES, run.first(), run.last()) {
                if run.iter().any(|&i| cx.shape_at(doc, i).bullet) && !bulleted_list_of_titles(cx, doc, &kept, first) {
                    run.clear();
                    continue;
                }
                if inside_paragraphs(cx, doc, &kept, first, last) {
                    run.clear();
                    continue;
                }
                let reason = format!("one of {} titles in a row", run.len());
                out.push(TITLE_LIST.remove_lines(first, last + 1, Some(&reason)));
            }
            run.clear();
        }
    }
    out
}

/// Whether a run of titles from `first` with bullets among them is a box of links, not the story's own list.
///
/// w3m prints every `<li>` with a bullet, Chromium none, so under w3m a bulleted run is either: a box of
/// related or latest titles under its short heading (`Recent Posts`, `Top stories`), or a list the story
/// leads into with a sentence. The nearest line above the run (blank lines and pictures' labels skipped)
/// tells them apart: a heading of a few words with no closing stop. And some story prose must lie above
/// the run: a list at the top of the page, above any prose, is the page's menu, which the header region
/// weighs whole (a short post whose menus went first would look lost to the safety valve).
fn bulleted_list_of_titles(cx: &Ctx, doc: &Document, kept: &[usize], first: usize) -> bool {
    let mut above = (0..first)
        .rev()
        .filter(|&i| !doc.is_blank(i) && !crate::images::is_image_label_line(&doc.lines[i]));
    match above.next() {
        Some(i) if heads_a_box(&cx.shape_at(doc, i)) => {
            let sw = cx.page_stopwords(doc, kept);
            above.any(|j| doc.alive[j] && cx.is_prose_at(doc, j, sw))
        }
        _ => false,
    }
}

/// Whether the run `first..=last` is a list the story runs through: the line right above it (no blank line
/// between) is kept prose, and the two non-blank lines under it are kept prose too.
///
/// A story's own list sits in one block with a line that reads as prose: the sentence leading into it, or
/// one of its own items that is a sentence (a mailing's subject lines and their open rates, one of them
/// two sentences long; a string of quotations), and the story goes on for paragraphs under it. A box of
/// related titles inside a story stands apart from the paragraph above it (a blank line, or its own
/// heading), and a box under the story has at most a teaser's summary under it, not two paragraphs. A
/// table of contents with a sentence among its entries has the same shape and stays too.
fn inside_paragraphs(cx: &Ctx, doc: &Document, kept: &[usize], first: usize, last: usize) -> bool {
    let Some(above) = first.checked_sub(1) else {
        return false;
    };
    // The page's stop words are asked only for a kept line beside the run: most runs stand apart, a blank
    // line above them, and then their state's stop words may be asked by no other heuristic.
    let prose = |i: usize| doc.alive[i] && !doc.is_blank(i) && cx.is_prose_at(doc, i, cx.page_stopwords(doc, kept));
    let mut below = (last + 1..doc.lines.len()).filter(|&i| !doc.is_blank(i));
    prose(above) && below.next().is_some_and(prose) && below.next().is_some_and(prose)
}

/// A box's heading: one to [`BOX_HEADING_WORDS`] words, no bullet, no closing stop.
fn heads_a_box(s: &Shape) -> bool {
    !s.bullet && !s.terminal && (1.0..=BOX_HEADING_WORDS).contains(&s.units)
}

/// Lists of related, latest or playlist titles.
pub const TITLE_LIST: Heuristic = Heuristic {
    id: "generic.title-list",
    reason: "list of linked titles (related, latest or playlist)",
    doc: "Drops four or more headline-shaped lines (four to twenty words, a capital first, no closing stop \
but a question mark) that follow each other with no blank line between: in a dump, story paragraphs stand \
apart, while lists of related articles, latest news and video playlists come as one block. A block \
under a line ending with a colon is the story's own list and stays. A bulleted run (w3m bullets every list item) \
goes only under a short heading with no closing stop, below some story prose: a list the story leads into \
with a sentence stays. So does a run in one block with a line of prose right above it (the sentence leading \
into it, or a long item of its own) and two paragraphs under it: the story runs through it.",
    example: "How the city plans to fix its bridges\nWhy rents keep rising in the north\n\
Five places to eat near the park\nWhat the new law means for drivers",
    decide: Decide::Doc(title_lists),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::run;

    #[test]
    fn example_is_a_title_list() {
        let r = run(&TITLE_LIST, TITLE_LIST.example);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].1, r[0].2.as_str()), (0, 4, "one of 4 titles in a row"));
        assert_eq!(r[0].4, TITLE_LIST.example);
    }

    #[test]
    fn questions_in_a_list_of_titles() {
        // A site's related and FAQ pages under a story: titles and questions in one block.
        let related = "How to prune witch hazel in spring\nWhen does the witch hazel flower?\n\
Where to plant witch hazel in the garden\nIs witch hazel poisonous to dogs?\nHow tall does witch hazel grow?";
        let r = run(&TITLE_LIST, related);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].1, r[0].2.as_str()), (0, 5, "one of 5 titles in a row"));
        // An interview's questions stand apart from their answers: no block of titles.
        let interview = "Why did you move to the coast?\n\nI wanted to be near the sea after the war ended.\n\n\
What do you miss about the city?\n\nThe noise at night, and my friends at the market.\n\n\
Will you go back one day?\n\nPerhaps, when the children have grown up and left home.\n\n\
Was it worth it?\n\nEvery day of it, even the hard winters.";
        assert!(run(&TITLE_LIST, interview).is_empty());
        // A story's list of questions is introduced by a line ending with a colon.
        let asked = "Before you buy, ask yourself:\n\nDo I need a new phone now?\nCan the old one be repaired?\n\
Will the new one last longer?\nWhat happens to the old phone?";
        assert!(run(&TITLE_LIST, asked).is_empty());
    }

    const STORY: &str = "The council met on Monday to decide what to do about the walls the storms left cracked.\n\n\
Builders will start on the north wall in March, and the work should be done before the summer.\n\n";

    #[test]
    fn a_bulleted_box_of_titles_under_its_heading_goes() {
        // w3m bullets the items of a related box under the story; Chromium prints them bare.
        let text = format!(
            "{STORY}Recent Posts\n\n  • How the city plans to fix its bridges\n  • Why rents keep rising in the north\n\
  • Five places to eat near the park\n  • What the new law means for drivers\n"
        );
        let r = run(&TITLE_LIST, &text);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].1, r[0].2.as_str()), (6, 10, "one of 4 titles in a row"));
        // A picture's label between the heading and the list changes nothing.
        let pictured = text.replace("Recent Posts\n\n", "Recent Posts\n\n[thumb_01]\n\n");
        assert_eq!(run(&TITLE_LIST, &pictured).len(), 1);
    }

    #[test]
    fn a_bulleted_list_the_story_leads_into_stays() {
        // The same items under a sentence are the story's list.
        let led = format!(
            "{STORY}We asked readers what they wanted to read about next.\n\n  • How the city plans to fix its bridges\n\
  • Why rents keep rising in the north\n  • Five places to eat near the park\n  • What the new law means for drivers\n"
        );
        assert!(run(&TITLE_LIST, &led).is_empty());
        // Under a heading, but with no story prose above: the page's menu, left to the header region.
        let top = "Sections\n\n  • How the city plans to fix its bridges\n  • Why rents keep rising in the north\n\
  • Five places to eat near the park\n  • What the new law means for drivers\n\n"
            .to_string()
            + STORY;
        assert!(run(&TITLE_LIST, &top).is_empty());
        // Under a heading that is a sentence (a closing stop), the list stays too.
        let asked = led.replace(
            "We asked readers what they wanted to read about next.",
            "What did readers ask?",
        );
        assert!(run(&TITLE_LIST, &asked).is_empty());
    }

    #[test]
    fn a_list_the_story_runs_through_stays() {
        // Printed right under the sentence that leads into it, with the story going on for two paragraphs.
        let list = "How the city plans to fix its bridges\nWhy rents keep rising in the north\n\
Five places to eat near the park\nWhat the new law means for drivers\n";
        let after = "\nThe first of them was read by more people than any other this year.\n\n\
Readers wrote in to ask for more about the bridges, so that is where we go next.\n";
        let led = format!("{STORY}These were the stories readers opened most in the spring.\n{list}{after}");
        assert!(run(&TITLE_LIST, &led).is_empty());
        // A blank line between the paragraph and the titles: a box set inside the story.
        let apart = led.replace("in the spring.\n", "in the spring.\n\n");
        let r = run(&TITLE_LIST, &apart);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].1, r[0].2.as_str()), (6, 10, "one of 4 titles in a row"));
        // One paragraph under the titles, then the page's end: a box under the story.
        let last = format!(
            "{STORY}These were the stories readers opened most in the spring.\n{list}\n\
The first of them was read by more people than any other this year.\n"
        );
        assert_eq!(run(&TITLE_LIST, &last).len(), 1);
    }

    fn sh(text: &str, units: f64, terminal: bool, bullet: bool) -> Shape {
        Shape {
            text: text.into(),
            words: Default::default(),
            units,
            terminal,
            bullet,
            capitalised: 0.0,
            digits: false,
            table_row: false,
            glued_teaser: false,
            chars: pystr::len(text),
        }
    }

    #[test]
    fn titles() {
        assert!(is_title(&sh(
            "How the city plans to fix its bridges",
            8.0,
            false,
            false
        )));
        assert!(!is_title(&sh("The city will fix its bridges.", 6.0, true, false)));
        assert!(!is_title(&sh("how the city plans", 4.0, false, false)));
        assert!(!is_title(&sh("Too short", 2.0, false, false)));
        assert!(!is_title(&sh("A bulleted title of words", 5.0, false, true)));
        assert!(!is_title(&sh("", 4.0, false, false)));
    }
}
