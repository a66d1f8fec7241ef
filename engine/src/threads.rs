//! A comment thread known by its shape, with no header and no vocabulary: three comments or more, each a
//! signature line (a name with the same date and time format every time, `Name says:`, or a commenter's web
//! address and name) right above its prose.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::scratch::Regex;

use crate::ctx::Ctx;
use crate::dates::is_number;
use crate::doc::{blank_line, Document};
use crate::heuristics::{Decide, Heuristic};
use crate::lang::WordSet;
use crate::removal::Removal;
use crate::shape::Shape;

/// A signature line has at most this many words (a name, a date, a time, `says:`).
pub const MAX_SIGNATURE_WORDS: f64 = 16.0;
/// A clock time: comments are stamped to the minute; a dated list in a story (a timeline, sources, an
/// archive) and a price have none.
static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d\d\b").expect("a valid pattern"));

/// Whether `text` holds a [`CLOCK_TIME`]: its colon asked first, as most dated lines have none.
fn has_clock_time(text: &str) -> bool {
    memchr::memchr(b':', text.as_bytes()).is_some() && CLOCK_TIME.is_match(text)
}

/// A signature's name (the words that are no date) is at most this many words: a name, `says`, `Reply`.
pub const MAX_NAME_WORDS: usize = 6;

/// An attribution line (`Name says:`) has at most this many words.
pub const MAX_ATTRIBUTION_WORDS: f64 = 8.0;
/// Signatures of one date format it takes to be a thread.
pub const MIN_COMMENTS: usize = 3;
/// A signature is at most this many kept lines above the prose of its comment.
pub const BODY_LOOKAHEAD: usize = 2;
/// Story prose (characters) above the thread: a short post's comments may outweigh it, not precede it.
/// A post of one short paragraph (a workout of the day, a quote, a photo with a few lines) has its
/// thread taken too: left, the thread outweighs the post and the story region takes it for the story.
pub const STORY_BEFORE_CHARS: usize = 200;

/// The date format of a signature line: its numbers (as `9`) and date words (as `w`: months differ
/// from one comment to the next, and so do `am` and `pm`) in order, without the name; none when the line is no signature (too long, a sentence, no name, or not two date tokens with
/// a number among them).
///
/// ```
/// use cleaner_engine::{shape::shape, threads::signature_format, lang::WordSet};
/// let names: WordSet = ["october", "at", "pm", "to"].iter().map(|w| w.to_string()).collect();
/// let a = signature_format(&shape("Jamie @ green beans October 28, 2012 at 11:03 pm"), &names);
/// let b = signature_format(&shape("Kim October 2, 2011 at 9:13 pm"), &names);
/// assert_eq!(a.as_deref(), Some("w 9 9 w 9 9 w"));
/// assert_eq!(a, b);
/// assert_eq!(signature_format(&shape("October 28, 2012"), &names), None);
/// assert_eq!(signature_format(&shape("Ann Lee, China's new plan, October 28, 2012"), &names), None);
/// assert_eq!(signature_format(&shape("Estimate: $8,000 to $12,000"), &names), None);
/// assert_eq!(signature_format(&shape("2. Who's Next? (Hartford Courant, October 20th, 2002)"), &names), None);
/// assert_eq!(signature_format(&shape("The vote on October 28, 2012 at 11 pm was close."), &names), None);
/// ```
pub fn signature_format(s: &Shape, names: &WordSet) -> Option<String> {
    if s.units > MAX_SIGNATURE_WORDS || s.terminal || s.bullet || !s.digits || !has_clock_time(&s.text) {
        return None;
    }
    let mut format = String::new();
    let (mut numbers, mut name) = (0usize, 0usize);
    for w in &s.words {
        if is_number(w) {
            numbers += 1;
            format.push_str(if format.is_empty() { "9" } else { " 9" });
        } else if names.contains(w) {
            format.push_str(if format.is_empty() { "w" } else { " w" });
        } else {
            name += 1;
        }
    }
    ((1..=MAX_NAME_WORDS).contains(&name) && numbers >= 1 && format.len() >= 5).then_some(format)
}

/// A short line that introduces a comment by its author (`Courtney says:`, `firefighter jeff said,`): its
/// format is its last word with the colon or comma, the same for every comment; none for other lines.
///
/// ```
/// use cleaner_engine::{shape::shape, threads::attribution_format};
/// assert_eq!(attribution_format(&shape("Meg B. says:")).as_deref(), Some("says:"));
/// assert_eq!(attribution_format(&shape("firefighter jeff said,")).as_deref(), Some("said,"));
/// assert_eq!(attribution_format(&shape("Courtney says")), None);
/// assert_eq!(attribution_format(&shape("Ingredients:")), None);
/// assert_eq!(attribution_format(&shape("Joey Fishkin      2. Who's Next? (June 20th,")), None);
/// ```
pub fn attribution_format(s: &Shape) -> Option<String> {
    let mark = s.text.chars().last().filter(|c| matches!(c, ':' | ','))?;
    // Cells apart by wide gaps are a row of a table.
    if !(2.0..=MAX_ATTRIBUTION_WORDS).contains(&s.units) || s.bullet || s.text.contains(['\t']) || s.text.contains("  ")
    {
        return None;
    }
    let last = s.words.get(s.words.len().checked_sub(1)?)?;
    Some(format!("{last}{mark}"))
}

/// A list item's head names its commenter in at most this many words (dates and numbers aside).
pub const MAX_HEAD_NAME_WORDS: usize = 3;

/// Leading spaces of a line: w3m indents a list item's body under its mark.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The head of a list item that signs a comment (` 2. MJ - August 8, 2012`; ` 1. dipitblack` over
/// `October 2, 2012, | Permalink`): w3m prints a comment list as items, the commenter's name and the date
/// after the item's mark, the comment indented under it. A head names someone in one to three words and is
/// dated, on its line or on the next (`next`, the line under it when that is no prose). Its format is the
/// mark (a digit for every number) and the mark's column, the same for every comment of a thread; none for
/// other lines (no mark, a sentence, a title of more than three words, no date).
///
/// ```
/// use cleaner_engine::{shape::shape, threads::list_head_format, lang::WordSet};
/// let names: WordSet = ["august", "october"].iter().map(|w| w.to_string()).collect();
/// let head = |line: &str, next: Option<&str>| {
///     let next = next.map(shape);
///     list_head_format(&shape(line), line, next.as_ref(), &names)
/// };
/// assert_eq!(head(" 2. MJ - August 8, 2012", None).as_deref(), Some("item 1 1"));
/// assert_eq!(head("  • dipitblack", Some("    October 2, 2012, | Permalink")).as_deref(), Some("item • 2"));
/// assert_eq!(head("  • Alayna F", None), None);
/// assert_eq!(head("MJ - August 8, 2012", None), None);
/// assert_eq!(head(" 1. Weiche & glatte Haut", None), None);
/// assert_eq!(head("  • Space news from NBCNews.com - August 8, 2012", None), None);
/// assert_eq!(head("  • August 8, 2012", None), None);
/// ```
pub fn list_head_format(s: &Shape, line: &str, next: Option<&Shape>, names: &WordSet) -> Option<String> {
    if !s.bullet || s.terminal || s.units > MAX_SIGNATURE_WORDS {
        return None;
    }
    let name = s.words.iter().filter(|&w| !is_number(w) && !names.contains(w)).count();
    if !(1..=MAX_HEAD_NAME_WORDS).contains(&name) {
        return None;
    }
    let dated = |s: &Shape| {
        s.units <= MAX_SIGNATURE_WORDS
            && !s.terminal
            && s.words.iter().any(is_number)
            && s.words.iter().any(|w| names.contains(w))
    };
    if !dated(s) && !next.is_some_and(dated) {
        return None;
    }
    let rest = line.trim_start_matches(' ');
    let mark = rest.chars().next()?;
    let mark = if mark.is_ascii_digit() { '1' } else { mark };
    Some(format!("item {mark} {}", indent(line)))
}

/// The same as [`signature_format`] with no clock time asked for (`Jermaine 07 Nov 12`, `October 2, 2012, |
/// Permalink`): a date word and two date tokens with a number among them. A dated list in a story has this
/// shape too, so it is read only right under a comments header ([`signed_below`]), or when every signature
/// is a bare name over a short date ([`MAX_BARE_DATE_TOKENS`]).
///
/// ```
/// use cleaner_engine::{shape::shape, threads::dated_signature_format, lang::WordSet};
/// let names: WordSet = ["october", "nov"].iter().map(|w| w.to_string()).collect();
/// assert_eq!(dated_signature_format(&shape("Jermaine 07 Nov 12"), &names).as_deref(), Some("dated 9 w 9"));
/// assert_eq!(dated_signature_format(&shape("October 2, 2012, | Permalink"), &names).as_deref(), Some("dated w 9 9"));
/// assert_eq!(dated_signature_format(&shape("Radex 12"), &names), None);
/// assert_eq!(dated_signature_format(&shape("The vote on October 28, 2012 was close."), &names), None);
/// ```
pub fn dated_signature_format(s: &Shape, names: &WordSet) -> Option<String> {
    if s.units > MAX_SIGNATURE_WORDS || s.terminal || s.bullet || !s.digits {
        return None;
    }
    // Counted first, the format written only for a signature: most lines asked are none, and a string
    // grown token by token reallocates.
    let token = |w: &str| {
        if is_number(w) {
            Some(" 9")
        } else if names.contains(w) {
            Some(" w")
        } else {
            None
        }
    };
    let (mut numbers, mut words, mut name) = (0usize, 0usize, 0usize);
    for w in &s.words {
        match token(w) {
            Some(" 9") => numbers += 1,
            Some(_) => words += 1,
            None => name += 1,
        }
    }
    if !((1..=MAX_NAME_WORDS).contains(&name) && numbers >= 1 && words >= 1 && numbers + words >= 3) {
        return None;
    }
    let mut format = String::with_capacity("dated".len() + 2 * (numbers + words));
    format.push_str("dated");
    format.extend(s.words.iter().filter_map(token));
    Some(format)
}

/// A commenter's web address and name on one line (`http://twitter.com/kctipton Keith Tipton`), as a
/// comment system prints its signature over each comment: the format `url`; none for other lines (no
/// address first, no name, or a name of more than four words or ending like a sentence).
///
/// ```
/// use cleaner_engine::threads::url_signature_format;
/// assert_eq!(url_signature_format("http://twitter.com/kctipton Keith Tipton").as_deref(), Some("url"));
/// assert_eq!(url_signature_format("http://www.example.org/trackback/6a00d8"), None);
/// assert_eq!(url_signature_format("http://example.org is where the report was published."), None);
/// assert_eq!(url_signature_format("http://www.youtube.com/watch?v=Zy [youtube.com]"), None);
/// ```
pub fn url_signature_format(line: &str) -> Option<String> {
    let line = crate::pystr::strip(line);
    // The address is the line's first word, and its first letter or digit opens `http://`, `https://` or
    // `www.` (see [`crate::region::bare_url`]): a line that opens with any other letter or digit (most)
    // is told by its first character, where the split below read each character of its first word (of
    // the whole line in a script written without spaces) to find where the word ends.
    if line
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() && !matches!(c, 'h' | 'H' | 'w' | 'W'))
    {
        return None;
    }
    url_signature_read(line)
}

/// [`url_signature_format`] of a stripped line, read in full.
fn url_signature_read(line: &str) -> Option<String> {
    let (url, name) = line.split_once(char::is_whitespace)?;
    // The address first: few lines open with one, and the name's tests read the rest of the line.
    if !crate::region::bare_url(url) {
        return None;
    }
    let words = name.split_whitespace().count();
    let sentence = name.trim_end().ends_with(['.', '!', '?']);
    // A name's words open with a letter: `http://... [youtube.com]` is a link in a comment's text.
    let named = name
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_alphabetic));
    ((1..=MAX_URL_NAME_WORDS).contains(&words) && named && !sentence).then(|| "url".to_string())
}

/// A commenter's name after the address ([`url_signature_format`]) has at most this many words.
pub const MAX_URL_NAME_WORDS: usize = 4;

/// A dated signature without a clock time marks a thread with no header when its date is at most this
/// many tokens (`07 Nov 12`, `October 2, 2012`) and its name at most [`MAX_HEAD_NAME_WORDS`] words.
pub const MAX_BARE_DATE_TOKENS: usize = 4;

/// Signatures of one format that make a thread, by their positions in [`Page::kept`].
struct Thread {
    /// Dated with no clock time and no bare name: a thread only under a comments header.
    dated: bool,
    /// Bare names over short dates: a thread without a header.
    bare: bool,
    at: Vec<usize>,
}

/// What [`signatures`] reads of a page: its non-blank lines, and for each whether it is kept prose and its
/// characters, by position in `kept`.
#[derive(Default)]
struct Page {
    kept: Vec<usize>,
    prose: Vec<bool>,
    chars: Vec<usize>,
}

/// The page's lines as read and, for each signature format that marks a thread (three commenters or more,
/// each signature right above its comment's prose), the positions in `kept` of its signatures, and whether
/// the format is one of dated signatures without a clock time ([`dated_signature_format`]) that needs a
/// comments header (not a bare name over a short date).
fn signatures(cx: &Ctx, doc: &Document) -> (Page, Vec<Thread>) {
    let alive = cx.kept(doc);
    if alive.is_empty() {
        return (Page::default(), Vec::new());
    }
    let sw = cx.page_stopwords(doc, &alive);
    // Signatures an earlier heuristic took (a byline, a date line) still mark the comments: every
    // non-blank line is read; only kept ones count as prose.
    // Sized for every line: a filter's collect grew the vector by doubling, a copy each time.
    let mut kept = Vec::with_capacity(doc.len());
    kept.extend((0..doc.len()).filter(|&i| !doc.protected[i] && !blank_line(&doc.lines[i])));
    let names = cx.g.lang.date_words();
    let shapes: Vec<_> = kept.iter().map(|&i| cx.shape_at(doc, i)).collect();
    let prose: Vec<bool> = kept
        .iter()
        .zip(&shapes)
        .map(|(&i, _)| doc.alive[i] && cx.is_prose_at(doc, i, sw))
        .collect();
    // The line under a list item's head, when it is no prose (the date under a commenter's name).
    let next_line = |pos: usize| -> Option<&Shape> {
        let next = pos + 1;
        (next < kept.len() && !prose[next]).then(|| &*shapes[next])
    };
    // A signature is no sentence; a dated sentence or list item is not one.
    let formats: Vec<Option<String>> = shapes
        .iter()
        .zip(&prose)
        .zip(&kept)
        .enumerate()
        .map(|(pos, ((s, &p), &i))| {
            if p {
                None
            } else {
                signature_format(s, names)
                    .or_else(|| attribution_format(s))
                    .or_else(|| list_head_format(s, &doc.lines[i], next_line(pos), names))
                    .or_else(|| dated_signature_format(s, names))
                    .or_else(|| url_signature_format(&s.text))
            }
        })
        .collect();
    // Signatures right above the prose of their comment, by date format; one comment's prose between two.
    // A map, not a scan of the formats seen: a hostile dump may hold thousands of distinct ones.
    let mut by_format: HashMap<&str, Vec<usize>> = HashMap::new();
    for (pos, format) in formats.iter().enumerate() {
        let Some(format) = format.as_deref() else { continue };
        let Some(body) = (pos + 1..(pos + 1 + BODY_LOOKAHEAD).min(kept.len())).find(|&p| prose[p]) else {
            continue;
        };
        // An item's comment is indented under its mark; a list of titles with summaries beside them is not.
        if format.starts_with("item ") && indent(&doc.lines[kept[body]]) <= indent(&doc.lines[kept[pos]]) {
            continue;
        }
        let at = by_format.entry(format).or_default();
        if at.last().is_none_or(|&last| (last + 1..pos).any(|p| prose[p])) {
            at.push(pos);
        }
    }
    // Attributions of three commenters at least: one speaker's label, over and over in an interview, is
    // none (dated signatures differ by their dates; a quoted one may repeat).
    let commenters = |format: &str, at: &[usize]| {
        if !format.ends_with([':', ',']) && !format.starts_with("item ") && format != "url" {
            return at.len();
        }
        let mut texts: Vec<&str> = at.iter().map(|&p| &*shapes[p].text).collect();
        texts.sort_unstable();
        texts.dedup();
        texts.len()
    };
    // A bare name over a short date, every time (`Jermaine 07 Nov 12`): a dated list in a story names a
    // title, a place or a source beside its dates, in more words or with more to the date.
    let bare = |format: &str, at: &[usize]| {
        format.split(' ').count() - 1 <= MAX_BARE_DATE_TOKENS
            && at.iter().all(|&p| {
                let name = shapes[p]
                    .words
                    .iter()
                    .filter(|w| !is_number(w) && !names.contains(w))
                    .count();
                name <= MAX_HEAD_NAME_WORDS
            })
    };
    let threads = by_format
        .into_iter()
        .filter(|(format, at)| commenters(format, at) >= MIN_COMMENTS)
        .map(|(format, at)| {
            let dated = format.starts_with("dated");
            let bare = dated && bare(format, &at);
            Thread {
                dated: dated && !bare,
                bare,
                at,
            }
        })
        .collect();
    let chars = shapes.iter().map(|s| s.chars).collect();
    (Page { kept, prose, chars }, threads)
}

/// Non-blank lines between a comments header and its thread's first signature, at most (a first comment
/// may be signed below its prose, or have none that reads as prose).
pub const HEADER_TO_SIGNATURE: usize = 10;
/// Story prose (characters) above a thread that starts under a comments header: any sentence. The header
/// and the signatures together tell the thread from the story, whatever the post's length.
pub const STORY_BEFORE_HEADER_CHARS: usize = 1;
/// The reason of a thread taken from its comments header: the safety valve counts it as no loss however
/// short the post above it ([`crate::pipeline`]).
pub const THREAD_UNDER_HEADER: &str =
    "comment thread under its comments header (signature lines of one format, each above its comment)";

/// The reason of a thread taken, with no comments header, from bare names over short dates
/// ([`MAX_BARE_DATE_TOKENS`]): the safety valve counts it as no loss under a story the output keeps, as a
/// headed one ([`crate::pipeline`]).
pub const THREAD_OF_BARE_NAMES: &str =
    "comment thread with no comments header (bare names over short dates, each above its comment)";

fn thread(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    let (Page { kept, prose, chars }, threads) = signatures(cx, doc);
    if threads.is_empty() {
        return Vec::new();
    }
    // A comments header just above a thread's first signature: the section starts there.
    let header = |first: usize| {
        (first.saturating_sub(HEADER_TO_SIGNATURE + 1)..first)
            .rev()
            .find(|&p| cx.matches_at("comments", doc, kept[p]) && !cx.shape_at(doc, kept[p]).bullet)
    };
    // Dated signatures without a clock time mark a thread only under a header, or as bare names over short
    // dates: a dated list in a story (a timeline, an archive) has their shape.
    let Some((start, headed, bare)) = threads
        .iter()
        .filter_map(|t| match header(t.at[0]) {
            Some(h) => Some((h, true, false)),
            None => (!t.dated).then_some((t.at[0], false, t.bare)),
        })
        .min()
    else {
        return Vec::new();
    };
    let before: usize = (0..start).filter(|&p| prose[p]).map(|p| chars[p]).sum();
    if before
        < if headed {
            STORY_BEFORE_HEADER_CHARS
        } else {
            STORY_BEFORE_CHARS
        }
    {
        return Vec::new();
    }
    let reason = if headed {
        Some(THREAD_UNDER_HEADER)
    } else {
        bare.then_some(THREAD_OF_BARE_NAMES)
    };
    vec![COMMENT_THREAD.remove_lines(kept[start], doc.len(), reason)]
}

/// Drops a comment thread that has no header, from its first signature to the end of the page.
pub const COMMENT_THREAD: Heuristic = Heuristic {
    id: "generic.comment-thread",
    reason:
        "comment thread (signature lines of one format, a name with a date and time or `says:`, each above its comment)",
    doc: "Comments come as a signature line above the comment's prose: a short name with a date and a clock \
          time, or a short attribution ending in a colon or comma (`Ann says:`, `jeff said,`). Three \
          signatures or more of one format (the numbers and date words in order, the name left out; or the \
          attribution's last word, from three commenters; or, as w3m prints a comment list, a list item's dated \
          head of one to three name words with the comment indented under its mark, from three commenters; or a \
          commenter's web address and a name of one to four words, `http://twitter.com/ann Ann Lee`, from \
          three commenters), \
          each right above prose and with a comment's prose \
          between two, after 200 characters of story prose, are a comment thread, header or not: it is dropped \
          from the first signature to the end of the page. A signature an earlier heuristic took (as a byline or \
          a date line) counts too. A thread whose first signature is at most 10 lines under a comments header \
          (`119 Comments`, rules/generic/comments.toml) is dropped from the header on under any story sentence, \
          a short post's too, and then its signatures may be dated with no clock time (`Jermaine 07 Nov 12`, \
          `October 2, 2012, | Permalink`); the safety valve counts such a thread as no loss. No vocabulary but \
          the date words of rules/generic/lang/ and the comments headers.",
    example: "Ann October 2, 2012 at 9:13 pm\nLovely post, thank you so much for sharing it with us all!\n\
              Bob October 3, 2012 at 8:01 am\nI made this last night and my whole family loved it a lot.\n\
              Cy October 4, 2012 at 7:45 pm\nWhere did you find the recipe for this, I would like to know?",
    decide: Decide::Doc(thread),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::run;

    const STORY: &str = "The drought ended on Monday when rain fell across the region, and farmers were glad of it.\n\
        Rivers rose again, wells filled up and the first green shoots came up in the dry fields by the road.\n\
        The town council said the water limits would stay in force until the reservoirs were full again.\n\
        Farmers in the valley said they had lost most of the year's wheat but hoped to save the maize.\n\
        Forecasters expect more rain this week, with storms in the hills on Thursday and Friday nights.\n";

    #[test]
    fn a_clock_time_needs_its_colon() {
        for (text, yes) in [
            ("March 3, 2019 at 10:42 pm", true),
            ("9:05", true),
            ("\u{663}:\u{664}\u{665}", true),
            ("123:45", false),
            ("1:2", false),
            ("1\u{2236}05", false),
            ("March 3, 2019 at 1042 pm", false),
            ("", false),
        ] {
            assert_eq!(has_clock_time(text), yes, "{text:?}");
            assert_eq!(has_clock_time(text), CLOCK_TIME.is_match(text), "{text:?}");
        }
    }

    #[test]
    fn a_url_signature_is_told_by_its_first_character_as_read_in_full() {
        let heads = [
            "http://x.org/a",
            "HTTPS://x.org",
            "www.x.org",
            "Www.x",
            "(http://x.org)",
            "»www.x.org",
            "hello",
            "World",
            "Über",
            "読む",
            "12",
            "‘http://x.org’",
            "\u{a0}http://x.org",
            "—",
            "",
        ];
        let tails = [
            "",
            " Keith Tipton",
            " Keith",
            " a b c d e",
            " is where it was.",
            " [x.com]",
            "\u{3000}Name",
        ];
        for head in heads {
            for tail in tails {
                for line in [format!("{head}{tail}"), format!("  {head}{tail} ")] {
                    let full = url_signature_read(crate::pystr::strip(&line));
                    assert_eq!(url_signature_format(&line), full, "{line:?}");
                }
            }
        }
        assert_eq!(
            url_signature_format("http://x.org/a Keith Tipton").as_deref(),
            Some("url")
        );
        assert_eq!(url_signature_format("(www.x.org) Keith").as_deref(), Some("url"));
    }

    #[test]
    fn a_thread_after_the_story_goes_from_its_first_signature() {
        let text = format!("{STORY}{}\nFooter links\n", COMMENT_THREAD.example);
        let rows = run(&COMMENT_THREAD, &text);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].0, rows[0].1), (5, 12));
    }

    #[test]
    fn two_comments_or_dated_lines_without_prose_below_are_no_thread() {
        let two = "Ann October 2, 2012 at 9:13 pm\nLovely post, thank you so much for sharing it with us all!\n\
                   Bob October 3, 2012 at 8:01 am\nI made this last night and my whole family loved it a lot.\n";
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{two}")).is_empty());
        let schedule = "Talk by Ann October 2, 2012 at 9 pm\nTalk by Bob October 3, 2012 at 8 pm\n\
                        Talk by Cy October 4, 2012 at 7 pm\nTalk by Di October 5, 2012 at 7 pm\n";
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{schedule}")).is_empty());
        // A list of dated titles, one under the other, each with no comment below.
        let list = "Why FISA is Important (Dec. 22, 2005)\nThe ABA Report (Aug. 8, 2006)\nOn Zelikow (June 3, 2007)\n\
                    The President was wrong about the law, and the courts said so plainly in their opinion.\n";
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{list}")).is_empty());
    }

    #[test]
    fn attributions_of_three_commenters_are_a_thread_one_speakers_label_is_not() {
        let said = "Ann Lee says:\nLovely post, thank you so much for sharing it with us all!\n\
                    Bob says:\nI made this last night and my whole family loved it a lot.\n\
                    Cy Young says:\nWhere did you find the recipe for this, I would like to know?\n";
        let rows = run(&COMMENT_THREAD, &format!("{STORY}{said}"));
        assert_eq!((rows.len(), rows[0].0), (1, 5));
        let interview = "Ann Lee, mayor:\nWe will open the new library next spring, as we promised the town.\n\
                         Bob, reporter:\nWhat will it cost the town, and who is going to pay for all of it?\n\
                         Ann Lee, mayor:\nThe state pays half of it and a local foundation gives the rest of it.\n";
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{interview}")).is_empty());
    }

    #[test]
    fn signatures_an_earlier_heuristic_took_still_mark_the_thread() {
        let cx = crate::ctx::Ctx::new(crate::testkit::generic());
        let text = format!("{STORY}{}\n", COMMENT_THREAD.example);
        let mut doc = Document::from_text(&text);
        // A byline heuristic took the signatures (lines 5, 7, 9); their comments are still kept.
        for i in [5, 7, 9] {
            doc.alive[i] = false;
        }
        let rows = thread(&cx, &doc);
        assert_eq!((rows.len(), rows[0].start), (1, 5));
    }

    #[test]
    fn signatures_of_a_web_address_and_a_name_are_a_thread() {
        let comments =
            "http://twitter.com/annlee Ann Lee\nLovely post, thank you so much for sharing it with us all!\n\
                        http://www.example.org/bob Bob Stone\nI made this last night and my whole family loved it.\n\
                        http://cy.example.net Cy\nWhere did you find the recipe for this, I would like to know?\n";
        let rows = run(&COMMENT_THREAD, &format!("{STORY}{comments}"));
        assert_eq!((rows.len(), rows[0].0), (1, 5));
        // w3m prints the comment system's list with its bullets.
        let bulleted = comments.replace("http://", "  • http://");
        let rows = run(&COMMENT_THREAD, &format!("{STORY}{bulleted}"));
        assert_eq!((rows.len(), rows[0].0), (1, 5));
        // One commenter three times is no thread (a story's source cited under three of its paragraphs).
        let cited = comments.replace("example.org/bob Bob Stone", "twitter.com/annlee Ann Lee");
        let cited = cited.replace("cy.example.net Cy", "twitter.com/annlee Ann Lee");
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{cited}")).is_empty());
    }

    #[test]
    fn a_short_posts_thread_goes_too() {
        // One paragraph of some 230 characters: the post of a daily log, shorter than a news story.
        let post = "Run ten miles and do one hundred and fifty pull-ups today, split up the run and the pull-ups as you need to.\n\
                    The workout honours a soldier who was killed in the war this spring, and his family thanks you.\n";
        assert!(post.len() > STORY_BEFORE_CHARS && post.len() < 2 * STORY_BEFORE_CHARS);
        let rows = run(&COMMENT_THREAD, &format!("{post}{}", COMMENT_THREAD.example));
        assert_eq!((rows.len(), rows[0].0), (1, 2));
    }

    #[test]
    fn w3m_comment_items_with_dated_heads_are_a_thread_a_listicle_is_not() {
        // w3m prints a comment list as numbered items: the commenter and date after the mark, the comment
        // indented under it; the same comments in Chromium's dump have neither mark nor indentation.
        let items = [
            " 1. William Kirk - August 8, 2012\n\n    Shatner rules, and that pitch was a strike right down the middle.\n\n",
            " 2. MJ - August 8, 2012\n\n    Congrats to him for throwing a legit strike, many celebrities miss.\n\n",
            " 3. Dead Jim - August 9, 2012\n\n    Hilarious hearing the theme played by that ball park organ today!\n",
        ]
        .concat();
        let rows = run(&COMMENT_THREAD, &format!("{STORY}\n{items}"));
        assert_eq!((rows.len(), rows[0].0), (1, 6));
        // The name after the mark, the date on the line under it (` 1. dipitblack` / `October 2, 2012`).
        let dated_below = [
            " 1. dipitblack\n    October 2, 2012, | Permalink\n\n    Love her and love her outfit, and what an amazing bag that is!\n",
            " 2. Cristine\n    October 2, 2012, | Permalink\n\n    Love this look so much, the shoes and the tie go so well together.\n",
            " 3. Emilie\n    October 3, 2012, | Permalink\n\n    Wicked colour combo, I love the shoes and the tie and the bag too.\n",
        ]
        .concat();
        let rows = run(&COMMENT_THREAD, &format!("{STORY}\n{dated_below}"));
        assert_eq!((rows.len(), rows[0].0), (1, 6));
        // A listicle: titled items, their paragraphs indented under them, and no date.
        let listicle = [
            " 1. Soft skin\n\n    For soft skin you need the right care, and it depends on your own skin type.\n\n",
            " 2. Nice hands\n\n    A must for every bride: as soon as the ring is on, everyone wants to see it.\n\n",
            " 3. A bright smile\n\n    Soft lips and white teeth: in the wedding pictures we all want to shine.\n",
        ]
        .concat();
        assert!(run(&COMMENT_THREAD, &format!("{STORY}\n{listicle}")).is_empty());
        // The same dated heads with their text not indented under them: a list of dated titles and summaries.
        let flat = items.replace("\n\n    ", "\n");
        assert!(run(&COMMENT_THREAD, &format!("{STORY}\n{flat}")).is_empty());
    }

    /// A two-line post, its comments header and three comments signed with a date and no clock time, the
    /// name on the line above the date (Chromium's dump of a fashion blog's thread).
    const SHORT_POST: &str = "Back in Paris\n\
        I love this coat, found it in a small shop near the river last week and wore it all day.\n\
        119 Comments\n\
        dipitblack\nOctober 2, 2012, | Permalink\nLove her and love her outfit, and what an amazing bag that is!\n\
        Cristine\nOctober 2, 2012, | Permalink\nLove this look so much, the shoes and the tie go so well together.\n\
        Emilie\nOctober 3, 2012, | Permalink\nWicked colour combo, I love the shoes and the tie and the bag too.\n";

    #[test]
    fn a_thread_under_its_comments_header_goes_from_the_header_under_a_short_post() {
        let rows = run(&COMMENT_THREAD, SHORT_POST);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].0, rows[0].1), (2, 12));
        // Without the header, dated signatures with no clock time are no thread (a dated list has them too),
        // and the post is too short for one with a clock.
        let headless = SHORT_POST.replace("119 Comments\n", "");
        assert!(run(&COMMENT_THREAD, &headless).is_empty());
        // A first comment signed below its prose: the header is still within reach of the next signature.
        let first = "Ann\nSo good, thank you for this and for all the other posts you wrote about it.\n";
        let rows = run(
            &COMMENT_THREAD,
            &SHORT_POST.replace("119 Comments\n", &format!("119 Comments\n{first}")),
        );
        assert_eq!((rows.len(), rows[0].0), (1, 2));
    }

    #[test]
    fn bare_names_over_short_dates_are_a_thread_without_a_header_titles_are_not() {
        let thread = "Jermaine 07 Nov 12\nLove it. The little details that matter and make a difference to us all.\n\
            Radex 07 Nov 12\nThat is great, but it would be a bit more clear with the day of the week in it.\n\
            Jason Fried 07 Nov 12\nRadex: the day of the week would be nice, yes, and thank you for that.\n";
        let rows = run(&COMMENT_THREAD, &format!("{STORY}\n{thread}"));
        assert_eq!((rows.len(), rows[0].0), (1, STORY.lines().count() + 1));
        // Titles of four words or more beside the same dates: a list of dated posts, kept.
        let titles = thread
            .replace("Jermaine", "The little details matter")
            .replace("Radex", "What a week this was")
            .replace("Jason Fried", "Why we wrote the book");
        assert!(run(&COMMENT_THREAD, &format!("{STORY}\n{titles}")).is_empty());
    }

    #[test]
    fn a_dated_list_under_a_story_is_no_thread() {
        let list =
            "Talk by Ann\nOctober 2, 2012\nThe new library and what it will hold for the children of the town.\n\
                    Talk by Bob\nOctober 3, 2012\nThe river walk, and why it took the council ten years to build it.\n\
                    Talk by Cy\nOctober 4, 2012\nOld maps of the valley, from the first survey to the one of today.\n";
        assert!(run(&COMMENT_THREAD, &format!("{STORY}{list}")).is_empty());
    }

    #[test]
    fn no_thread_without_story_prose_above() {
        assert!(run(&COMMENT_THREAD, COMMENT_THREAD.example).is_empty());
        let short = "A short post with only one sentence of its own before the comments.\n";
        assert!(run(&COMMENT_THREAD, &format!("{short}{}", COMMENT_THREAD.example)).is_empty());
    }
}
