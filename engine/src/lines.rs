//! The line-kind heuristics driven by phrase files: cross-links, metadata, captions, legal, prompts, teasers
//! (port of `generic/lines.py`).
//!
//! Each drops a kept line that matches its phrase file ([`crate::phrases`]); the consent notice instead
//! asks for a cookie word and a consent word of `consent.toml` on the same line, and the teaser also takes
//! a title glued to its summary ([`crate::shape::Shape::glued_teaser`]).

use aho_corasick::AhoCorasick;

use crate::ctx::Ctx;
use crate::heuristics::{Decide, Heuristic};
use crate::pattern::{case_fold, case_matches, folding_to_ascii};
use crate::pystr;
use crate::tables::{LoadError, Tables};

/// What this module compiles from the phrase files: the two word lists of `consent.toml` and the channel
/// names of `prompts.toml`.
#[derive(Debug, Default)]
pub struct Data {
    cookie: WordSearch,
    consent: WordSearch,
    channels: Channels,
    /// Whether no word of either list starts or ends with a character that folds to an ASCII space (as
    /// none does): then a word found in a line lies within the line's text between its ASCII spaces.
    solid_edges: bool,
}

impl Data {
    /// Compile from the phrase files.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let cookie = WordSearch::load(tables, "consent", "cookie")?;
        let consent = WordSearch::load(tables, "consent", "consent")?;
        let solid = |c: Option<&char>| c.is_some_and(|&c| !is_ascii_space(case_fold(c)));
        let solid_edges = [&cookie, &consent]
            .iter()
            .all(|list| list.phrases.iter().all(|p| solid(p.first()) && solid(p.last())));
        Ok(Data {
            cookie,
            consent,
            channels: Channels::load(tables)?,
            solid_edges,
        })
    }

    /// Whether a line of `words` (lower-cased, as [`crate::shape::Shape::words`]) is a row of share or
    /// follow buttons by its shape: two channel names or more (`prompts.toml`'s `[channels]`: Facebook,
    /// Twitter, WhatsApp, Email, Print ...) and, of its other words, at most the channel names' count less
    /// two that are not repeated. A row's own label in any language comes before each name and so repeats
    /// (`Icon Facebook Icon Twitter`, `Compartir en Facebook Compartir en Twitter`), or comes once
    /// (`Share Facebook Twitter Email`); a line about the networks (`Facebook and Twitter`) has words of its
    /// own. The caller rules out lines ending as sentences and lines with a comma.
    ///
    /// ```
    /// use cleaner_engine::{lines::Data, shape::shape, tables::Tables};
    /// let data = Data::load(&Tables::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap()).unwrap();
    /// let row = |line: &str| data.is_share_row(&shape(line).words);
    /// assert!(row("Icon Facebook Icon Twitter Icon LinkedIn Icon WhatsApp Icon Email"));
    /// assert!(row("Partilhar no Facebook Partilhar no Twitter Partilhar no WhatsApp"));
    /// assert!(row("twitter facebook"));
    /// assert!(!row("Facebook and Twitter"));
    /// assert!(!row("100 of 524 comments loaded twitter facebook"));
    /// ```
    pub fn is_share_row(&self, words: &crate::shape::Words) -> bool {
        let n = words.len();
        if !(2..=MAX_ROW_WORDS).contains(&n) {
            return false;
        }
        let named = words.iter().filter(|w| self.channels.holds(w)).count();
        if named < 2 {
            return false;
        }
        let others: Vec<&str> = words.iter().filter(|w| !self.channels.holds(w)).collect();
        let single = others
            .iter()
            .filter(|w| others.iter().filter(|o| o == w).count() == 1)
            .count();
        named >= single + 2
    }

    /// Whether a line of which `text` is the part between its ASCII spaces (`\t` to `\r` and ` `) holds
    /// each list's words only within `text`: so that [`Data::is_consent_ascii`] may be given the hits of
    /// `text`. A word's match starts and ends with characters that fold as its first and last do (see
    /// [`WordSearch`]), none of which folds to an ASCII space, which folds only to itself.
    pub fn words_within(&self, line: &str, text: &str) -> bool {
        self.solid_edges && crate::pystr::strip_ascii_spaces(line).len() == text.len()
    }

    /// Whether `line` names a cookie word and a consent word (Python's `_is_consent`).
    ///
    /// ```
    /// use cleaner_engine::{lines::Data, tables::Tables};
    /// let data = Data::load(&Tables::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap()).unwrap();
    /// assert!(data.is_consent("We use cookies on this website."));
    /// assert!(!data.is_consent("Cookies and cream."));
    /// ```
    pub fn is_consent(&self, line: &str) -> bool {
        self.cookie.found(line) && self.consent.found(line)
    }

    /// [`Data::is_consent`] of an ASCII `line`, given `hits`: for each list of [`crate::phrases::CONSENT_LISTS`], whether
    /// one of its words is in the line ignoring ASCII case, as [`crate::phrases::AsciiHits`] finds them.
    pub fn is_consent_ascii(&self, line: &str, hits: [bool; 2]) -> bool {
        let [cookie, consent] = hits;
        (self.cookie.empty || cookie)
            && self.cookie.found_folding(line)
            && (self.consent.empty || consent)
            && self.consent.found_folding(line)
    }
}

/// The most words a share row ([`Data::is_share_row`]) has.
const MAX_ROW_WORDS: usize = 24;

/// The channel names of `prompts.toml`'s `[channels]`, lower-cased, one word each.
#[derive(Debug, Default)]
struct Channels {
    names: Vec<String>,
    /// Bit `len` of entry `b` is set when a name of `len` bytes (under 32) starts with byte `b`: most
    /// words are ruled out by these two looks, without comparing them to the names.
    heads: Vec<u32>,
}

impl Channels {
    fn load(tables: &Tables) -> Result<Channels, LoadError> {
        let mut names = Vec::new();
        let mut heads = vec![0u32; 256];
        for name in tables.phrases("prompts", "channels")? {
            let name = pystr::lower(&name);
            let bytes = name.as_bytes();
            if bytes.is_empty() || bytes.len() >= 32 || crate::shape::shape(&name).words.len() != 1 {
                return Err(tables.error(
                    "prompts",
                    format!("`channels`: {name:?} is not one word of under 32 bytes"),
                ));
            }
            heads[usize::from(bytes[0])] |= 1 << bytes.len();
            names.push(name);
        }
        Ok(Channels { names, heads })
    }

    /// Whether the lower-cased word `w` is a channel's name.
    fn holds(&self, w: &str) -> bool {
        let bytes = w.as_bytes();
        let Some(&first) = bytes.first() else { return false };
        let lengths = self.heads.get(usize::from(first)).copied().unwrap_or(0);
        bytes.len() < 32 && lengths & (1 << bytes.len()) != 0 && self.names.iter().any(|n| n == w)
    }
}

/// `\t` to `\r` and ` `: the ASCII bytes [`crate::shape::Shape::text`] may be stripped of around a line
/// besides its bullet and label.
fn is_ascii_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | ' ')
}

/// The words of list `key` of phrase file `name` as [`WordSearch`] searches an ASCII line for them: folded
/// by [`case_fold`], those that are ASCII (no other can be in an ASCII line), the empty one left out.
pub fn ascii_folded(tables: &Tables, name: &str, key: &str) -> Result<Vec<String>, LoadError> {
    Ok(tables
        .phrases(name, key)?
        .iter()
        .map(|p| p.chars().map(case_fold).collect::<String>())
        .filter(|p| !p.is_empty() && p.is_ascii())
        .collect())
}

thread_local! {
    /// A text lower-cased as ASCII for [`WordSearch::may_hold`], in a buffer kept for the next.
    static LOWERED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Literal phrases found as whole words, ignoring case as the `regex` module does: Python's
/// `(?i:(?<!\w)(?:phrase|...)(?!\w))` search.
///
/// The alternation's order (longest first) changes no answer: the search fails only when no phrase
/// occurs at any position between non-word characters. So every occurrence the automaton finds, over
/// the text folded by [`case_fold`] (which folds alike every pair of characters the module's case
/// relation joins, and a few more), is checked: a non-word character (or the text's edge) on each side,
/// and each character one the phrase's own may match ([`case_matches`]).
#[derive(Debug, Default)]
struct WordSearch {
    /// The folded phrases, ignoring ASCII case: so also for an ASCII text as it is, since [`case_fold`]
    /// makes ASCII letters upper case: a folded phrase (no ASCII lower-case letter in it) is found in the
    /// folded text exactly where this finds it in the text. Most lines hold none: they are done without
    /// folding.
    automaton: Option<AhoCorasick>,
    /// For a text with characters outside ASCII: each folded phrase's longest ASCII run, ignoring ASCII case
    /// (`None` when a phrase has none). Where a phrase is found in the folded text, the characters under
    /// its ASCII run fold to ASCII: they are ASCII (the run is then in the text as it is, ignoring ASCII
    /// case) or among [`Self::to_ascii`] (then the text is folded and searched). The runs are lower-cased
    /// and searched in the text lower-cased as ASCII, the same answer: so the automaton matches case as it
    /// is, and asks only whether one occurs (leftmost-first), which lets it skip through the text by its
    /// packed (SIMD) search, where an automaton ignoring case read every byte.
    ascii_runs: Option<AhoCorasick>,
    /// The characters outside ASCII that fold to an ASCII one ([`folding_to_ascii`]).
    to_ascii: Vec<char>,
    /// The first two bytes of each of [`Self::to_ascii`] (none when there are more than 4, or none):
    /// a text without any of these pairs holds none of them, told by a fold over its pairs of bytes
    /// which the compiler runs many a step, where the text was decoded a character at a time.
    to_ascii_heads: Option<[[u8; 2]; 4]>,
    /// The phrases, as characters, by automaton pattern id.
    phrases: Vec<Vec<char>>,
    /// Whether the list holds an empty phrase (found between any two non-word characters).
    empty: bool,
}

impl WordSearch {
    fn load(tables: &Tables, name: &str, key: &str) -> Result<WordSearch, LoadError> {
        let mut phrases: Vec<String> = tables.phrases(name, key)?;
        let empty = phrases.iter().any(String::is_empty);
        phrases.retain(|p| !p.is_empty());
        let folded: Vec<String> = phrases.iter().map(|p| p.chars().map(case_fold).collect()).collect();
        let automaton = if phrases.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&folded)
                .map_err(|e| tables.error(name, format!("`{key}` phrases: {e}")))?;
            Some(ac)
        };
        let to_ascii = folding_to_ascii();
        let runs: Option<Vec<&str>> = folded.iter().map(|p| longest_ascii_run(p)).collect();
        let ascii_runs = match runs {
            Some(runs) if !runs.is_empty() => Some(
                AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(runs.iter().map(|r| r.to_ascii_lowercase()))
                    .map_err(|e| tables.error(name, format!("`{key}` phrases: {e}")))?,
            ),
            _ => None,
        };
        Ok(WordSearch {
            automaton,
            ascii_runs,
            to_ascii_heads: heads(&to_ascii),
            to_ascii,
            phrases: phrases.iter().map(|p| p.chars().collect()).collect(),
            empty,
        })
    }

    /// Whether the text may hold a phrase, by a search of the text as it is (false: it surely holds none).
    fn may_hold(&self, text: &str) -> bool {
        if text.is_ascii() {
            return self.automaton.as_ref().is_some_and(|ac| ac.is_match(text));
        }
        match &self.ascii_runs {
            // `to_ascii` holds no ASCII character: those are passed over without a look at the list.
            Some(ac) if !self.holds_to_ascii(text) => LOWERED.with_borrow_mut(|lowered| {
                lowered.clear();
                lowered.push_str(text);
                lowered.make_ascii_lowercase();
                ac.is_match(lowered.as_str())
            }),
            _ => true,
        }
    }

    /// Whether `text` holds one of [`Self::to_ascii`].
    fn holds_to_ascii(&self, text: &str) -> bool {
        if let Some(heads) = &self.to_ascii_heads {
            let bytes = text.as_bytes();
            let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
            let hit = pairs.fold(0u8, |any, (&a, &b)| {
                any | heads
                    .iter()
                    .fold(0u8, |m, h| m | (u8::from(a == h[0]) & u8::from(b == h[1])))
            });
            if hit == 0 {
                return false;
            }
        }
        text.chars().any(|c| !c.is_ascii() && self.to_ascii.contains(&c))
    }

    fn found(&self, text: &str) -> bool {
        (self.empty || self.may_hold(text)) && self.found_folding(text)
    }

    /// [`WordSearch::found`] by folding the text and searching it.
    fn found_folding(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let word_at = |k: usize| chars.get(k).is_some_and(|&c| pystr::is_regex_word(c));
        if self.empty && (0..=chars.len()).any(|k| !k.checked_sub(1).is_some_and(word_at) && !word_at(k)) {
            return true;
        }
        let Some(ac) = &self.automaton else { return false };
        let mut folded = String::with_capacity(text.len());
        // Byte offset in `folded` of each character (a phrase starts on a character: its first byte
        // is a UTF-8 lead byte).
        let mut starts = Vec::with_capacity(chars.len());
        for &c in &chars {
            starts.push(folded.len());
            folded.push(case_fold(c));
        }
        for m in ac.find_overlapping_iter(&folded) {
            let Ok(i) = starts.binary_search(&m.start()) else {
                continue;
            };
            let Some(phrase) = self.phrases.get(m.pattern().as_usize()) else {
                continue;
            };
            let j = i + phrase.len();
            if i.checked_sub(1).is_some_and(word_at) || word_at(j) {
                continue;
            }
            let Some(seen) = chars.get(i..j) else { continue };
            if phrase.iter().zip(seen).all(|(&p, &t)| case_matches(p, t)) {
                return true;
            }
        }
        false
    }
}

/// The first two bytes of each of `chars` (characters outside ASCII: two bytes or more), the last repeated
/// up to 4; none for more than 4 or none.
fn heads(chars: &[char]) -> Option<[[u8; 2]; 4]> {
    let last = chars.len().checked_sub(1)?;
    if chars.len() > 4 {
        return None;
    }
    let mut heads = [[0u8; 2]; 4];
    for (k, head) in heads.iter_mut().enumerate() {
        let mut buf = [0u8; 4];
        match chars[k.min(last)].encode_utf8(&mut buf).as_bytes() {
            [a, b, ..] => *head = [*a, *b],
            _ => return None,
        }
    }
    Some(heads)
}

/// The longest run of ASCII characters in `text` (the first of the longest), none when it has none.
fn longest_ascii_run(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_ascii())
        .fold(None, |best: Option<&str>, run| match best {
            Some(b) if b.len() >= run.len() => Some(b),
            _ if run.is_empty() => best,
            _ => Some(run),
        })
}

/// Drops a line that points to another page.
pub const CROSS_LINK: Heuristic = Heuristic {
    id: "generic.cross-link",
    reason: "cross-link to another article",
    doc: "Drops a line that points to another page: a label such as `Read also`, `ALSO READ`, `WATCH`, \
          `Related:`, `Lesen Sie auch:` followed by a separator and a title, or a bare `Read more` / \
          `Weiterlesen` link. Labels by language in rules/generic/cross-links.toml.",
    example: "ALSO READ | Markets slide as rates rise",
    decide: Decide::Line(test_cross_link),
};

fn test_cross_link(cx: &Ctx, line: &str) -> bool {
    cx.matches("cross-links", line)
}

/// Drops bylines, publish and update stamps, relative times and reading times.
pub const METADATA_LINE: Heuristic = Heuristic {
    id: "generic.metadata-line",
    reason: "byline, timestamp or reading-time line",
    doc: "Drops bylines (`By Jane Doe`, `Von Max Muster`), publish/update stamps (`Published 01/12/2024`, \
          `Aktualisiert am ...`), relative times (`2 hours ago`) and reading time (`5 min read`). \
          Patterns in rules/generic/metadata-lines.toml.",
    example: "Updated: 12 March 2024, 10:08 AM",
    decide: Decide::Line(test_metadata_line),
};

fn test_metadata_line(cx: &Ctx, line: &str) -> bool {
    cx.matches("metadata-lines", line)
}

/// Drops picture credits and captions.
pub const CAPTION: Heuristic = Heuristic {
    id: "generic.caption",
    reason: "picture caption or photo credit",
    doc: "Drops picture credits and captions by their shape: `Photo: AFP`, `© Reuters. ...`, \
          `... (Photo: Agence France-Presse)`, `REUTERS/Name`, a line ending in `/ Getty Images`. \
          Patterns in rules/generic/captions.toml.",
    example: "Protesters gather outside parliament. (Photo: Agence France-Presse)",
    decide: Decide::Line(test_caption),
};

fn test_caption(cx: &Ctx, line: &str) -> bool {
    cx.matches("captions", line)
}

/// Drops copyright and rights notices, disclaimers and bare links to legal pages.
pub const LEGAL_LINE: Heuristic = Heuristic {
    id: "generic.legal-line",
    reason: "legal, copyright or policy line",
    doc: "Drops copyright and rights notices (`All rights reserved`, `Alle Rechte vorbehalten`), risk \
          disclosures and disclaimers, and bare links to terms, privacy and imprint pages. \
          Phrases in rules/generic/legal.toml.",
    example: "© 2007-2024 Example Media Limited. All Rights Reserved.",
    decide: Decide::Line(test_legal_line),
};

fn test_legal_line(cx: &Ctx, line: &str) -> bool {
    cx.matches("legal", line)
}

/// Drops share-button labels, login and newsletter prompts, cookie notices and comment-form text.
pub const PROMPT_LINE: Heuristic = Heuristic {
    id: "generic.prompt-line",
    reason: "share button, app, cookie, newsletter or comment prompt",
    doc: "Drops share-button labels (`Share`, `Tweet`, `WhatsApp`), login and newsletter prompts, \
          cookie notices and comment-form text. Phrases in rules/generic/prompts.toml; longer lines stay.",
    example: "Enable Notifications OK",
    decide: Decide::Line(test_prompt_line),
};

fn test_prompt_line(cx: &Ctx, line: &str) -> bool {
    cx.matches("prompts", line)
}

/// Drops a row of share buttons by its shape, in any language, once the page has settled.
pub const SHARE_ROW: Heuristic = Heuristic {
    id: "generic.share-row",
    reason: "row of share buttons",
    doc: "Drops a row of share or follow buttons by its shape, in any language: two channel names or more \
          (`[channels]` of rules/generic/prompts.toml: Facebook, Twitter, WhatsApp, Email, Print ...) and few \
          other words, those repeated before each name (`Icon Facebook Icon Twitter`, `Partager sur Facebook \
          Partager sur Twitter`) or one label (`Share Facebook Twitter Email`); no comma, no sentence stop at \
          the end. Runs once the page has settled (a pass where no other heuristic removed a line), as \
          `generic.pager-link` does: a share row under the story often ends the story region above the \
          comments, and taken first it let the region run on into them.",
    example: "Compartilhar no Facebook Compartilhar no Twitter Compartilhar no WhatsApp",
    decide: Decide::Settled(decide_share_row),
};

fn decide_share_row(cx: &Ctx, doc: &crate::doc::Document) -> Vec<crate::removal::Removal> {
    cx.kept(doc)
        .iter()
        .copied()
        .filter(|&i| !doc.protected[i] && is_share_row_at(cx, doc, i))
        .map(|i| SHARE_ROW.remove_lines(i, i + 1, None))
        .collect()
}

/// Whether line `i` of `doc` is a share row ([`Data::is_share_row`], no sentence stop at its end, no comma).
fn is_share_row_at(cx: &Ctx, doc: &crate::doc::Document, i: usize) -> bool {
    // Most lines the page keeps end as sentences: told by the shape, before a look at the words.
    let shape = cx.shape_at(doc, i);
    !shape.terminal && !shape.text.contains(',') && cx.g.lines.is_share_row(&shape.words)
}

/// Drops a paragraph, even a long one, that opens as a pitch of the site.
pub const PITCH_LINE: Heuristic = Heuristic {
    id: "generic.pitch-line",
    reason: "follow, subscribe or support pitch",
    doc: "Drops a paragraph, even a long one, that opens as a pitch of the site: `Follow <site> on Twitter ...`, \
          `Folgen Sie uns auf ...`, `If you value our journalism, please support us ...`, `Unterstützen Sie \
          unseren Journalismus ...`. Openings in rules/generic/pitches.toml.",
    example: "Follow The Daily Example on Twitter and Instagram @Example. Send us a message on WhatsApp or email us.",
    decide: Decide::Line(test_pitch_line),
};

fn test_pitch_line(cx: &Ctx, line: &str) -> bool {
    cx.matches("pitches", line)
}

/// Drops a line that names cookies or tracking together with the vocabulary of a consent notice.
pub const CONSENT_NOTICE: Heuristic = Heuristic {
    id: "generic.consent-notice",
    reason: "cookie or consent notice",
    doc: "Drops a line that names cookies or tracking together with the vocabulary of a consent notice \
          (website, browser, consent, accept, privacy, settings, third parties), at any length: browsers dump \
          the hidden consent dialog with the page. Words by language in rules/generic/consent.toml.",
    example: "We use cookies to give you the best experience on our website. By continuing you accept them.",
    decide: Decide::Line(test_consent_notice),
};

fn test_consent_notice(cx: &Ctx, line: &str) -> bool {
    cx.is_consent(line)
}

/// Drops a line shaped like a teaser for another article.
pub const TEASER: Heuristic = Heuristic {
    id: "generic.teaser",
    reason: "teaser for another article",
    doc: "Drops a line shaped like a teaser: a title glued to its summary with no space \
          (`Police Close Main StreetThe road will reopen...`), or a cut-off summary ending in a read-more \
          link (`... Read more`, `… Weiterlesen`). A sentence that merely contains `read more` stays.",
    example: "Markets Slide As Rates RiseStocks fell on Monday after... Read more",
    decide: Decide::Line(test_teaser),
};

fn test_teaser(cx: &Ctx, line: &str) -> bool {
    cx.shape(line).glued_teaser || cx.matches("teasers", line)
}

/// Drops the line right above a read-more link on its own line when it breaks off mid-sentence.
pub const TEASER_SUMMARY: Heuristic = Heuristic {
    id: "generic.teaser-summary",
    reason: "teaser summary cut off above its read-more link",
    doc: "Drops a kept line that breaks off mid-sentence (it ends on a letter, a digit or an ellipsis) when \
          the next line, at most one blank line below, is a read-more link `generic.cross-link` removed on \
          this pass (`Read more`, `See More`, `Read more »`): the summary of a teaser card, printed over its \
          link where `generic.teaser` finds the two glued on one line. A line ending as a sentence stays (a \
          story paragraph over a link to a related page).",
    example: "In recent months, hundreds of people have become acutely sick and have even died due to\n\nRead more",
    decide: Decide::Doc(decide_teaser_summary),
};

fn decide_teaser_summary(cx: &Ctx, doc: &crate::doc::Document) -> Vec<crate::removal::Removal> {
    // A removed line with text, at `j`: the link's place under a kept line.
    let removed = |j: usize| j < doc.len() && !doc.alive[j] && !doc.is_blank(j);
    let mut out = Vec::new();
    // From each kept line, the next line or the one under a blank line: the kept lines' list is the
    // context's, so no line is asked whether it is blank but those two (a walk over every line asking it
    // cost 0.9 % of the cold pass), and a kept line is read only with a removed link-sized line under it.
    for &a in cx.kept(doc).iter() {
        let i = if removed(a + 1) {
            a + 1
        } else if a + 2 < doc.len() && doc.is_blank(a + 1) && removed(a + 2) {
            a + 2
        } else {
            continue;
        };
        let line = &doc.lines[i];
        if !doc.protected[a] && bare_link(line) && breaks_off(&doc.lines[a]) && cx.matches("cross-links", line) {
            out.push(TEASER_SUMMARY.remove_lines(a, a + 1, None));
        }
    }
    out
}

/// Words a read-more link has at most (`Read more »`); a pager's `← Title of the previous post` has more.
const LINK_MAX_WORDS: usize = 3;

/// Words a cut-off summary has at least: a sentence, not a URL or a count.
const SUMMARY_MIN_WORDS: usize = 6;

/// Whether `line` is short enough for a bare read-more link.
fn bare_link(line: &str) -> bool {
    line.split(pystr::is_space)
        .filter(|w| !w.is_empty())
        .nth(LINK_MAX_WORDS)
        .is_none()
}

/// Whether `line` ends mid-sentence (on a letter or a digit, or on an ellipsis: `...`, `…`) and holds
/// [`SUMMARY_MIN_WORDS`] words or more, no more than a teaser's summary
/// ([`crate::region::TEASER_MAX_WORDS`]: a longer paragraph over a link is a story's excerpt).
fn breaks_off(line: &str) -> bool {
    let line = pystr::rstrip(line);
    let ends = line.ends_with("...")
        || line
            .chars()
            .next_back()
            .is_some_and(|c| c == '\u{2026}' || pystr::is_alnum(c));
    if !ends {
        return false;
    }
    // Counted up to one word past a teaser's summary.
    let most = crate::region::TEASER_MAX_WORDS as usize;
    let words = line
        .split(pystr::is_space)
        .filter(|w| !w.is_empty())
        .take(most + 1)
        .count();
    (SUMMARY_MIN_WORDS..=most).contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Data {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic");
        Data::load(&Tables::load(std::path::Path::new(dir)).unwrap()).unwrap()
    }

    #[test]
    fn consent_needs_both_words_as_whole_words() {
        let d = data();
        let got: Vec<bool> = ["We use cookies on this website.", "Cookies and cream.", "Hello"]
            .iter()
            .map(|l| d.is_consent(l))
            .collect();
        assert_eq!(got, [true, false, false]);
        assert!(!d.is_consent("We use cookiesX on this website."));
        assert!(d.is_consent("WE USE COOKİES ON THİS WEBSİTE."));
        assert!(!d.is_consent("WE USE COOKıES ON THıS WEBSıTE."));
    }

    #[test]
    fn searching_the_text_as_it_is_rules_out_only_lines_without_a_phrase() {
        let d = data();
        let lines = [
            "We use cookies on this website.",
            "Мы используем файлы cookie на этом сайте.",
            "Мы используем файлы COOKIE.",
            "Wir verwenden Cookies – für Statistik.",
            "We uſe cookieſ on this ſite.",
            "WE USE COOKİES",
            "Nous utilisons des traceurs sur ce site « pour vous ».",
            "Używamy plików cookie.",
            "Używamy plików",
            "Ein Text über Kekse – ohne das Wort.",
            "",
            "é",
        ];
        for search in [&d.cookie, &d.consent] {
            for line in lines {
                assert_eq!(search.found(line), search.found_folding(line), "{line}");
            }
        }
        assert!(d.cookie.found("Мы используем файлы cookie на этом сайте."));
        assert!(d.cookie.found("We uſe cookieſ on this ſite."));
        // Outside ASCII, the runs are looked for in the text lower-cased as ASCII: any case of them.
        assert!(d.cookie.may_hold("Мы используем файлы CooKIE."));
        assert!(d.cookie.may_hold("Wir nutzen LOCALSTORAGE – und mehr."));
        assert!(!d.cookie.may_hold("Мы используем файлы."));
        assert!(!d.cookie.may_hold("Wir nutzen – Kekse."));
        // The characters that fold to ASCII are told by their first two bytes.
        assert!(d.cookie.to_ascii_heads.is_some());
        for c in folding_to_ascii() {
            assert!(d.cookie.holds_to_ascii(&format!("ab{c}cd")), "{c}");
        }
        assert!(!d.cookie.holds_to_ascii("Мы используем файлы — «cookie» …"));
        // A character outside ASCII that folds to an ASCII one: the text is folded and searched.
        assert!(d.cookie.may_hold("Wir nutzen – Keksſ."));
        assert!(!d.cookie.found("Wir nutzen – Keksſ."));
    }

    #[test]
    fn share_rows_go_in_any_language_and_lines_about_the_networks_stay() {
        let t = format!(
            "The river rose.\n\n{}\n\nIt fell again.\n• Facebook Facebook\nFacebook and Twitter\nShare: Facebook, Twitter",
            SHARE_ROW.example
        );
        let r = crate::testkit::run(&SHARE_ROW, &t);
        let taken: Vec<usize> = r.iter().map(|row| row.0).collect();
        assert_eq!(taken, [2, 5]);
        let d = data();
        let row = |line: &str| d.is_share_row(&crate::shape::shape(line).words);
        for line in [
            "Icon Facebook Icon Twitter Icon LinkedIn Icon Google Plus Icon WhatsApp Icon Email",
            "Partager sur Facebook Partager sur Twitter Partager sur LinkedIn",
            "Share Facebook Twitter Email",
            "Previous Post Print Print Email Email Share Share",
            "Feed Twitter Facebook Youtube",
            "twitter facebook",
        ] {
            assert!(row(line), "{line:?}");
        }
        for line in [
            "Twitter",
            "Facebook and Twitter",
            "Facebook buys WhatsApp",
            "Follow us on Twitter and Facebook",
            "100 of 524 comments loaded twitter facebook",
            &"Facebook Twitter ".repeat(13),
        ] {
            assert!(!row(line), "{line:?}");
        }
    }

    #[test]
    fn a_summary_cut_off_over_a_removed_read_more_link_goes_and_sentences_stay() {
        let text = "The river rose on Monday and the town closed its bridge for the night.\n\n\
                    Hundreds of people in the valley have become sick and some have even died due to\n\n\
                    Read more\n\
                    The river fell again on Tuesday and the bridge opened before noon.\n\
                    Read more\n\
                    The council met that evening to talk about the flood and the people who\n\
                    \u{2190} The council's earlier meeting about the bridge and the river\n\
                    See all roads\n\
                    Read more";
        let cx = Ctx::new(crate::testkit::generic());
        let mut doc = crate::doc::Document::from_text(text);
        // The links as `generic.cross-link` leaves them on the pass: removed, still in the document.
        for i in [4, 6, 8, 10] {
            assert!(cx.matches("cross-links", &doc.lines[i]) || i == 8, "{:?}", doc.lines[i]);
            doc.alive[i] = false;
        }
        let taken: Vec<usize> = decide_teaser_summary(&cx, &doc).iter().map(|r| r.start).collect();
        // A sentence over a link stays; so does a line over a pager link of more than three words, and a
        // line of fewer than six words.
        assert_eq!(taken, [2]);
        assert!(breaks_off("Gifts For the Geek in Your Life ..."));
        assert!(!breaks_off(&"word ".repeat(40)));
    }

    #[test]
    fn longest_ascii_runs() {
        assert_eq!(longest_ascii_run("файлы COOKIE"), Some(" COOKIE"));
        assert_eq!(longest_ascii_run("ab é abc"), Some(" abc"));
        assert_eq!(longest_ascii_run("сайт"), None);
    }
}
