//! Advertisement markers: whole marker lines, and markers glued to a story line (port of `generic/markers.py`).

use crate::pattern::case_fold;
use crate::scratch::Regex;

use crate::ctx::Ctx;
use crate::doc::Document;
use crate::heuristics::{Decide, Heuristic};
use crate::pystr;
use crate::removal::Removal;
use crate::tables::{LoadError, Tables};

/// The marker patterns of `ad-markers.toml`.
#[derive(Debug)]
pub struct Data {
    /// `(?i)^\s*(?:lines)\s*$`: a line that is only a marker.
    line: Regex,
    /// The most code points of a `lines` marker. Case folding matches a character with one character, so
    /// a line whose text between its spaces is longer is not a marker, whatever the regex would say.
    line_chars: usize,
    /// What a line's text between its spaces must have to be a `lines` marker, when no marker starts or
    /// ends with a character that folds as a space does (else none): see [`LineGate`].
    line_gate: Option<LineGate>,
    /// `\s*(?:glued)\s*$`: a marker at the end of a line.
    glued: Regex,
    /// The `glued` markers: the regex (case-sensitive) can match only a line that ends with one of them
    /// before its trailing spaces.
    glued_phrases: Vec<String>,
}

/// Two facts of a `lines` marker, told by the text between a line's spaces before the regex is asked.
/// The regex matches a marker character by character, each character one the marker's own is a case of,
/// and [`case_fold`] folds such characters alike: where it matches (between the line's spaces, as the
/// markers' ends are no spaces), the text has as many characters as a marker, and its first character
/// folds as that marker's does. Most short lines fail one of the two, told in a few instructions.
#[derive(Debug)]
struct LineGate {
    /// Bit `n`: a marker has `n` characters (`n` < 128; a longer marker lets every length through).
    lengths: u128,
    /// The folds of the markers' first characters: the ASCII ones as bits, the others listed.
    ascii_firsts: u128,
    firsts: Vec<char>,
}

impl LineGate {
    fn new(markers: &[String]) -> LineGate {
        let mut gate = LineGate {
            lengths: 0,
            ascii_firsts: 0,
            firsts: Vec::new(),
        };
        for m in markers {
            let n = m.chars().count();
            gate.lengths |= 1u128
                .checked_shl(u32::try_from(n).unwrap_or(u32::MAX))
                .unwrap_or(u128::MAX);
            match m.chars().next().map(case_fold) {
                Some(c) if c.is_ascii() => gate.ascii_firsts |= 1u128 << (c as u32),
                Some(c) if !gate.firsts.contains(&c) => gate.firsts.push(c),
                _ => {}
            }
        }
        gate
    }

    /// Whether `core` (a line's text between its spaces) may be a marker.
    fn may_be(&self, core: &str) -> bool {
        let n = if core.is_ascii() {
            core.len()
        } else {
            core.chars().count()
        };
        if n < 128 && self.lengths & (1u128 << n) == 0 {
            return false;
        }
        match core.chars().next().map(case_fold) {
            Some(c) if c.is_ascii() => self.ascii_firsts & (1u128 << (c as u32)) != 0,
            Some(c) => self.firsts.contains(&c),
            None => false,
        }
    }
}

/// `s.trim_matches(char::is_whitespace)`: ASCII spaces byte by byte, characters only from a byte outside
/// ASCII at either end (most lines end in ASCII; w3m indents them with ASCII spaces).
fn trim_white(s: &str) -> &str {
    let mid = pystr::strip_ascii_spaces(s);
    let wide = |b: Option<&u8>| b.is_some_and(|&b| b >= 0x80);
    if wide(mid.as_bytes().first()) || wide(mid.as_bytes().last()) {
        mid.trim_matches(char::is_whitespace)
    } else {
        mid
    }
}

/// A regex alternation of literal phrases, longest first (in text order among equal lengths): Python's
/// `phrase_alternation`. Which of two equal-length phrases is tried first changes no match.
///
/// ```
/// assert_eq!(cleaner_engine::markers::phrase_alternation(&["ad".into(), "advert".into(), "Ad".into()]), "(?:advert|Ad|ad)");
/// ```
pub fn phrase_alternation(items: &[String]) -> String {
    alternation(items, regex::escape)
}

fn alternation(items: &[String], escape: fn(&str) -> String) -> String {
    let mut uniq: Vec<&str> = items.iter().map(String::as_str).collect();
    // Rust orders strings by bytes, which in UTF-8 is Python's code-point order.
    uniq.sort_unstable_by(|a, b| pystr::len(b).cmp(&pystr::len(a)).then_with(|| a.cmp(b)));
    uniq.dedup();
    let escaped: Vec<String> = uniq.iter().map(|p| escape(p)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// A literal for a pattern under `(?i)` that matches what Python's `regex` module matches under `(?i)`.
///
/// The `regex` module matches a character case-insensitively against all of its cases, which for the
/// characters of the table `CASES` is not the `regex` crate's simple case folding (Turkish `İ` and `ı`, which
/// the module takes as cases of `i` and `I`; `ß`; letters newer than the crate's Unicode tables).
/// Those characters get the module's exact set, matched case-sensitively.
///
/// ```
/// let p = regex::Regex::new(&format!("(?i)^{}$", cleaner_engine::markers::escape_ignoring_case("Anzeige"))).unwrap();
/// assert!(p.is_match("ANZEİGE") && p.is_match("anzeige") && !p.is_match("ANZEıGE"));
/// ```
pub fn escape_ignoring_case(phrase: &str) -> String {
    let mut out = String::new();
    let mut buf = [0u8; 4];
    for c in phrase.chars() {
        match CASES.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(k) => {
                out.push_str("(?-i:[");
                for &x in CASES[k].1 {
                    out.push_str(&regex::escape(x.encode_utf8(&mut buf)));
                }
                out.push_str("])");
            }
            Err(_) => out.push_str(&regex::escape(c.encode_utf8(&mut buf))),
        }
    }
    out
}

impl Data {
    /// Compile the `lines` and `glued` markers of `ad-markers.toml`.
    pub fn load(tables: &Tables) -> Result<Data, LoadError> {
        let compile = |source: String| {
            Regex::new(&source).map_err(|e| tables.error("ad-markers", format!("cannot compile markers: {e}")))
        };
        // Python's `$` also matches before a final newline; `\s*` takes that newline first, so plain
        // end of text is the same.
        let line_phrases = tables.phrases("ad-markers", "lines")?;
        let glued_phrases = tables.phrases("ad-markers", "glued")?;
        let lines = alternation(&line_phrases, escape_ignoring_case);
        let glued = phrase_alternation(&glued_phrases);
        // A space folds only to itself (a test holds this), so a marker whose ends do not fold to one
        // starts and ends its match with characters the regex's `\s*` does not take.
        let solid = |c: Option<char>| c.is_some_and(|c| !case_fold(c).is_whitespace());
        let line_gate = line_phrases
            .iter()
            .all(|p| solid(p.chars().next()) && solid(p.chars().next_back()))
            .then(|| LineGate::new(&line_phrases));
        Ok(Data {
            line: compile(format!(r"(?i)^\s*{lines}\s*$"))?,
            line_chars: line_phrases.iter().map(|p| pystr::len(p)).max().unwrap_or(0),
            line_gate,
            glued: compile(format!(r"\s*{glued}\s*$"))?,
            glued_phrases,
        })
    }

    /// Whether `line` is only an ad marker (case and surrounding whitespace ignored).
    pub fn is_marker_line(&self, line: &str) -> bool {
        // Most lines are longer than any marker: told without a search. The regex's `\s` is Unicode's
        // White_Space, as `char::is_whitespace` is.
        let core = trim_white(line);
        // A character takes at most four bytes: only a short text's characters need counting.
        if core.len() > 4 * self.line_chars
            || (core.len() > self.line_chars && core.chars().nth(self.line_chars).is_some())
        {
            return false;
        }
        if self.line_gate.as_ref().is_some_and(|gate| !gate.may_be(core)) {
            return false;
        }
        self.line.is_match(line)
    }

    /// Where an ad marker glued to the end of story text sits in `line`, in code points.
    pub fn glued_marker(&self, line: &str) -> Option<(usize, usize)> {
        let tail = line.trim_end_matches(char::is_whitespace);
        if !self.glued_phrases.iter().any(|p| tail.ends_with(p.as_str())) {
            return None;
        }
        let (start, end) = self.glued.find(line)?;
        if start == 0 || pystr::strip(&line[..start]).is_empty() {
            return None;
        }
        let a = pystr::len(&line[..start]);
        Some((a, a + pystr::len(&line[start..end])))
    }

    /// The cuts of [`AD_MARKER_CUT`]: every alive line's glued marker.
    pub fn cuts(&self, doc: &Document) -> Vec<Removal> {
        let mut out = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            if !doc.alive.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(span) = self.glued_marker(line) {
                let text: String = line.chars().skip(span.0).take(span.1 - span.0).collect();
                out.push(Removal::cut(AD_MARKER_CUT.id, i, span, AD_MARKER_CUT.reason, text));
            }
        }
        out
    }
}

fn marker_cuts(cx: &Ctx, doc: &Document) -> Vec<Removal> {
    cx.g.markers.cuts(doc)
}

/// Ad markers glued to the end of a story line.
pub const AD_MARKER_CUT: Heuristic = Heuristic {
    id: "generic.ad-marker-cut",
    reason: "advertisement marker glued to story text",
    doc: "Cuts an ad marker glued to the end of a story line and keeps the rest of the line.",
    example: "...tensions run high.اضافة اعلان",
    decide: Decide::Doc(marker_cuts),
};

/// Lines that are only an ad marker.
pub const AD_MARKER_LINE: Heuristic = Heuristic {
    id: "generic.ad-marker-line",
    reason: "advertisement marker line",
    doc: "Drops a line that is only an ad marker (`Advertisement`, `Anzeige`, `Publicidad`, ...). \
Markers come from rules/generic/ad-markers.toml, by language.",
    example: "Advertisement",
    decide: Decide::Line(test_ad_marker_line),
};

fn test_ad_marker_line(cx: &Ctx, line: &str) -> bool {
    cx.g.markers.is_marker_line(line)
}

/// Characters whose cases under `(?i)` differ between Python's `regex` module (2026.12.2, Unicode 17) and
/// the `regex` crate's simple case folding, with every character the module matches for them, by code
/// point. Made by comparing `regex._regex.get_all_cases(regex.I, c)` with `regex_syntax`'s
/// `ClassUnicode::case_fold_simple` over all code points; everywhere else the two agree.
static CASES: &[(char, &[char])] = &[
    ('\u{49}', &['\u{49}', '\u{69}', '\u{131}']),
    ('\u{69}', &['\u{49}', '\u{69}', '\u{130}']),
    ('\u{df}', &['\u{df}', '\u{1e9e}', '\u{1df95}']),
    ('\u{130}', &['\u{69}', '\u{130}']),
    ('\u{131}', &['\u{49}', '\u{131}']),
    ('\u{277}', &['\u{277}', '\u{a7dd}']),
    ('\u{27c}', &['\u{27c}', '\u{a7e2}']),
    ('\u{1e9e}', &['\u{df}', '\u{1e9e}', '\u{1df95}']),
    ('\u{a7ce}', &['\u{a7ce}', '\u{a7cf}']),
    ('\u{a7cf}', &['\u{a7ce}', '\u{a7cf}']),
    ('\u{a7d2}', &['\u{a7d2}', '\u{a7d3}']),
    ('\u{a7d3}', &['\u{a7d2}', '\u{a7d3}']),
    ('\u{a7d4}', &['\u{a7d4}', '\u{a7d5}']),
    ('\u{a7d5}', &['\u{a7d4}', '\u{a7d5}']),
    ('\u{a7dd}', &['\u{277}', '\u{a7dd}']),
    ('\u{a7e2}', &['\u{27c}', '\u{a7e2}']),
    ('\u{ab4b}', &['\u{ab4b}', '\u{ab6c}']),
    ('\u{ab4c}', &['\u{ab4c}', '\u{ab6d}']),
    ('\u{ab6c}', &['\u{ab4b}', '\u{ab6c}']),
    ('\u{ab6d}', &['\u{ab4c}', '\u{ab6d}']),
    ('\u{16ea0}', &['\u{16ea0}', '\u{16ebb}']),
    ('\u{16ea1}', &['\u{16ea1}', '\u{16ebc}']),
    ('\u{16ea2}', &['\u{16ea2}', '\u{16ebd}']),
    ('\u{16ea3}', &['\u{16ea3}', '\u{16ebe}']),
    ('\u{16ea4}', &['\u{16ea4}', '\u{16ebf}']),
    ('\u{16ea5}', &['\u{16ea5}', '\u{16ec0}']),
    ('\u{16ea6}', &['\u{16ea6}', '\u{16ec1}']),
    ('\u{16ea7}', &['\u{16ea7}', '\u{16ec2}']),
    ('\u{16ea8}', &['\u{16ea8}', '\u{16ec3}']),
    ('\u{16ea9}', &['\u{16ea9}', '\u{16ec4}']),
    ('\u{16eaa}', &['\u{16eaa}', '\u{16ec5}']),
    ('\u{16eab}', &['\u{16eab}', '\u{16ec6}']),
    ('\u{16eac}', &['\u{16eac}', '\u{16ec7}']),
    ('\u{16ead}', &['\u{16ead}', '\u{16ec8}']),
    ('\u{16eae}', &['\u{16eae}', '\u{16ec9}']),
    ('\u{16eaf}', &['\u{16eaf}', '\u{16eca}']),
    ('\u{16eb0}', &['\u{16eb0}', '\u{16ecb}']),
    ('\u{16eb1}', &['\u{16eb1}', '\u{16ecc}']),
    ('\u{16eb2}', &['\u{16eb2}', '\u{16ecd}']),
    ('\u{16eb3}', &['\u{16eb3}', '\u{16ece}']),
    ('\u{16eb4}', &['\u{16eb4}', '\u{16ecf}']),
    ('\u{16eb5}', &['\u{16eb5}', '\u{16ed0}']),
    ('\u{16eb6}', &['\u{16eb6}', '\u{16ed1}']),
    ('\u{16eb7}', &['\u{16eb7}', '\u{16ed2}']),
    ('\u{16eb8}', &['\u{16eb8}', '\u{16ed3}']),
    ('\u{16ebb}', &['\u{16ea0}', '\u{16ebb}']),
    ('\u{16ebc}', &['\u{16ea1}', '\u{16ebc}']),
    ('\u{16ebd}', &['\u{16ea2}', '\u{16ebd}']),
    ('\u{16ebe}', &['\u{16ea3}', '\u{16ebe}']),
    ('\u{16ebf}', &['\u{16ea4}', '\u{16ebf}']),
    ('\u{16ec0}', &['\u{16ea5}', '\u{16ec0}']),
    ('\u{16ec1}', &['\u{16ea6}', '\u{16ec1}']),
    ('\u{16ec2}', &['\u{16ea7}', '\u{16ec2}']),
    ('\u{16ec3}', &['\u{16ea8}', '\u{16ec3}']),
    ('\u{16ec4}', &['\u{16ea9}', '\u{16ec4}']),
    ('\u{16ec5}', &['\u{16eaa}', '\u{16ec5}']),
    ('\u{16ec6}', &['\u{16eab}', '\u{16ec6}']),
    ('\u{16ec7}', &['\u{16eac}', '\u{16ec7}']),
    ('\u{16ec8}', &['\u{16ead}', '\u{16ec8}']),
    ('\u{16ec9}', &['\u{16eae}', '\u{16ec9}']),
    ('\u{16eca}', &['\u{16eaf}', '\u{16eca}']),
    ('\u{16ecb}', &['\u{16eb0}', '\u{16ecb}']),
    ('\u{16ecc}', &['\u{16eb1}', '\u{16ecc}']),
    ('\u{16ecd}', &['\u{16eb2}', '\u{16ecd}']),
    ('\u{16ece}', &['\u{16eb3}', '\u{16ece}']),
    ('\u{16ecf}', &['\u{16eb4}', '\u{16ecf}']),
    ('\u{16ed0}', &['\u{16eb5}', '\u{16ed0}']),
    ('\u{16ed1}', &['\u{16eb6}', '\u{16ed1}']),
    ('\u{16ed2}', &['\u{16eb7}', '\u{16ed2}']),
    ('\u{16ed3}', &['\u{16eb8}', '\u{16ed3}']),
    ('\u{1df40}', &['\u{1df40}', '\u{1df41}']),
    ('\u{1df41}', &['\u{1df40}', '\u{1df41}']),
    ('\u{1df48}', &['\u{1df48}', '\u{1df49}']),
    ('\u{1df49}', &['\u{1df48}', '\u{1df49}']),
    ('\u{1df4a}', &['\u{1df4a}', '\u{1df4b}']),
    ('\u{1df4b}', &['\u{1df4a}', '\u{1df4b}']),
    ('\u{1df4d}', &['\u{1df4d}', '\u{1df4e}']),
    ('\u{1df4e}', &['\u{1df4d}', '\u{1df4e}']),
    ('\u{1df51}', &['\u{1df51}', '\u{1df52}']),
    ('\u{1df52}', &['\u{1df51}', '\u{1df52}']),
    ('\u{1df68}', &['\u{1df68}', '\u{1df69}']),
    ('\u{1df69}', &['\u{1df68}', '\u{1df69}']),
    ('\u{1df6a}', &['\u{1df6a}', '\u{1df6b}']),
    ('\u{1df6b}', &['\u{1df6a}', '\u{1df6b}']),
    ('\u{1df6c}', &['\u{1df6c}', '\u{1df6d}']),
    ('\u{1df6d}', &['\u{1df6c}', '\u{1df6d}']),
    ('\u{1df6e}', &['\u{1df6e}', '\u{1df6f}']),
    ('\u{1df6f}', &['\u{1df6e}', '\u{1df6f}']),
    ('\u{1df72}', &['\u{1df72}', '\u{1df73}']),
    ('\u{1df73}', &['\u{1df72}', '\u{1df73}']),
    ('\u{1df74}', &['\u{1df74}', '\u{1df75}']),
    ('\u{1df75}', &['\u{1df74}', '\u{1df75}']),
    ('\u{1df76}', &['\u{1df76}', '\u{1df77}']),
    ('\u{1df77}', &['\u{1df76}', '\u{1df77}']),
    ('\u{1df78}', &['\u{1df78}', '\u{1df79}']),
    ('\u{1df79}', &['\u{1df78}', '\u{1df79}']),
    ('\u{1df7a}', &['\u{1df7a}', '\u{1df7b}']),
    ('\u{1df7b}', &['\u{1df7a}', '\u{1df7b}']),
    ('\u{1df7c}', &['\u{1df7c}', '\u{1df7d}']),
    ('\u{1df7d}', &['\u{1df7c}', '\u{1df7d}']),
    ('\u{1df7e}', &['\u{1df7e}', '\u{1df7f}']),
    ('\u{1df7f}', &['\u{1df7e}', '\u{1df7f}']),
    ('\u{1df95}', &['\u{df}', '\u{1e9e}', '\u{1df95}']),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{generic, run};

    #[test]
    fn examples() {
        let cx = crate::ctx::Ctx::new(generic());
        assert!(test_ad_marker_line(&cx, AD_MARKER_LINE.example));
        let r = run(&AD_MARKER_CUT, AD_MARKER_CUT.example);
        assert_eq!(
            r,
            vec![(
                0,
                1,
                AD_MARKER_CUT.reason.to_string(),
                Some((21, 32)),
                "اضافة اعلان".to_string()
            )]
        );
    }

    fn data() -> Data {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("cleaner-markers-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("ad-markers.toml"),
            "[lines]\nen = [\"Advertisement\", \"Ad\", \"a.d\"]\nar = [\"اضافة اعلان\"]\n[glued]\nar = [\"اضافة اعلان\"]\n",
        )
        .unwrap();
        let t = Tables::load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        Data::load(&t).unwrap()
    }

    #[test]
    fn marker_lines() {
        let d = data();
        assert!(d.is_marker_line("Advertisement"));
        assert!(d.is_marker_line("  ADVERTISEMENT \t"));
        assert!(d.is_marker_line("ad"));
        assert!(d.is_marker_line("A.D"));
        assert!(!d.is_marker_line("aXd"));
        assert!(!d.is_marker_line("Advertisement here"));
    }

    /// The fold gate's proof: a space folds to itself only, so a marker whose ends fold to no space is
    /// matched between the line's spaces.
    #[test]
    fn spaces_fold_to_themselves() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            assert_eq!(case_fold(c), c, "{c:?}");
        }
        assert!(generic().markers.line_gate.is_some());
        assert!(data().line_gate.is_some());
    }

    /// Every line of the seed dumps, and each of them cut to its first and last characters, answered by
    /// the gates as by the regex.
    #[test]
    fn every_seed_line_answers_as_the_regex() {
        let d = &generic().markers;
        let mut files = 0;
        let mut markers = 0;
        for (_, text) in crate::testkit::golden_texts(false) {
            files += 1;
            for line in text.lines() {
                let n = line.chars().count();
                let heads = (1..=n.min(40)).map(|k| line.chars().take(k).collect::<String>());
                let tails = (1..=n.min(40)).map(|k| line.chars().skip(n - k).collect::<String>());
                for piece in std::iter::once(line.to_string()).chain(heads).chain(tails) {
                    let is_marker = d.line.is_match(&piece);
                    assert_eq!(d.is_marker_line(&piece), is_marker, "{piece:?}");
                    markers += usize::from(is_marker);
                }
            }
        }
        assert!(files >= 5 && markers > 0, "{files} seed files, {markers} marker lines");
    }

    #[test]
    fn case_table_is_sorted() {
        assert!(CASES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CASES.iter().all(|(c, set)| set.contains(c)));
    }

    #[test]
    fn turkish_cases_as_python() {
        let d = data();
        assert!(d.is_marker_line("ADVERTİSEMENT"));
        assert!(d.is_marker_line("advertİsement"));
        assert!(!d.is_marker_line("ADVERTıSEMENT"));
        assert!(!d.is_marker_line("advertısement"));
    }

    #[test]
    fn glued_markers() {
        let d = data();
        let line = "...tensions run high. اضافة اعلان ";
        let (a, b) = d.glued_marker(line).unwrap();
        assert_eq!((a, b), (21, 34));
        assert_eq!(line.chars().skip(a).take(b - a).collect::<String>(), " اضافة اعلان ");
        assert_eq!(d.glued_marker("اضافة اعلان"), None);
        assert_eq!(d.glued_marker("  اضافة اعلان"), None);
        assert_eq!(d.glued_marker("text"), None);
    }

    /// The length bound and the ending check answer as the regexes do, on the shipped markers glued to
    /// spaces of every kind, words and characters whose cases differ in width (`ſ`, `K`, `İ`).
    #[test]
    fn shortcuts_answer_as_the_regexes() {
        let d = &generic().markers;
        let pieces = [
            "Advertisement",
            "ADVERTIſEMENT",
            "ADVERTİSEMENT",
            "advertısement",
            "PUBLİCİDAD",
            "РЕКЛАМА",
            "реклама",
            "Werbung",
            "WERBUNG",
            "Anzeige",
            "Story continues below advertisement",
            "Реклама",
            "اضافة اعلان",
            "إعلان",
            "Ad",
            "ad",
            "Sponsored content",
            "Sponsored",
            "İ",
            "K",
            "ſ",
            "x",
            "the news",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "\u{3000}",
            "\u{200b}",
            "\u{feff}",
            ".",
            "",
        ];
        let mut next = crate::testkit::draws(7);
        let (mut lines, mut glued) = (0, 0);
        for _ in 0..20_000 {
            let line: String = (0..1 + next(5)).map(|_| pieces[next(pieces.len())]).collect();
            let is_marker = d.line.is_match(&line);
            assert_eq!(d.is_marker_line(&line), is_marker, "{line:?}");
            assert_eq!(trim_white(&line), line.trim_matches(char::is_whitespace), "{line:?}");
            let by_regex = d.glued.find(&line).is_some();
            (lines, glued) = (lines + usize::from(is_marker), glued + usize::from(by_regex));
            let tail = line.trim_end_matches(char::is_whitespace);
            let ends = d.glued_phrases.iter().any(|p| tail.ends_with(p.as_str()));
            assert!(ends || !by_regex, "{line:?}");
        }
        // Both kinds of line were drawn, not only lines that neither regex matches.
        assert!(lines > 200 && glued > 200, "{lines} marker lines, {glued} glued");
    }
}
