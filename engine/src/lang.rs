//! Per-language word lists (`rules/generic/lang/<code>.toml`) and the page's language (port of `lang.py`).
//!
//! The language of a page is the list whose stop words it uses most; a line's share of
//! stop words in that language is a strong sign of prose (menus and labels have almost none).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use crate::pystr;
use crate::tables::LoadError;

/// A set of lower-cased words, with a [`Sketch`] of them: most words looked up are in no set, and the
/// sketch turns them away before they are hashed.
///
/// ```
/// use cleaner_engine::lang::WordSet;
/// let names: WordSet = ["october", "pm"].iter().map(|w| w.to_string()).collect();
/// assert!(names.contains("october") && names.contains("pm"));
/// assert!(!names.contains("octobers") && !names.contains("am") && !names.contains(""));
/// assert_eq!((names.len(), WordSet::default().is_empty()), (2, true));
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: HashSet<String>,
    sketch: Sketch,
}

impl WordSet {
    /// Whether `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.sketch.may_hold(word.as_bytes()) && self.words.contains(word)
    }

    /// Add `word`; false when it was in the set already.
    pub fn insert(&mut self, word: String) -> bool {
        self.sketch.add(word.as_bytes());
        self.words.insert(word)
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True for a set with no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, in no set order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

impl PartialEq for WordSet {
    fn eq(&self, other: &WordSet) -> bool {
        // The sketch follows from the words.
        self.words == other.words
    }
}

impl Eq for WordSet {}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::collections::hash_set::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        // Reserved as the set's own `extend` reserves.
        let words = words.into_iter();
        let more = words.size_hint().0;
        self.words
            .reserve(if self.words.is_empty() { more } else { more.div_ceil(2) });
        for w in words {
            self.insert(w);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

/// The [`sketch_bit`]s of a set of words (8 kB, none before the first word): a word whose bit is not set
/// is in no set the sketch was made of. Read in place, it costs a few instructions where a look-up hashes
/// the word's bytes and probes a table (about 70 instructions).
///
/// ```
/// use cleaner_engine::lang::Sketch;
/// let mut sketch = Sketch::default();
/// assert!(!sketch.may_hold(b"home"));
/// sketch.add(b"home");
/// assert!(sketch.may_hold(b"home") && !sketch.may_hold(b"homes") && !sketch.may_hold(b""));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Sketch {
    bits: Vec<u64>,
}

impl Sketch {
    /// Set the bit of `word`.
    pub fn add(&mut self, word: &[u8]) {
        self.bits.resize(1 << 10, 0);
        let bit = sketch_bit(word);
        if let Some(w) = self.bits.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
    }

    /// False when `word` was surely not added; true when it may have been.
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        self.has(sketch_bit(word))
    }

    /// [`Sketch::may_hold`] of `word`'s ASCII lower case, told from its ends without making it.
    ///
    /// ```
    /// use cleaner_engine::lang::Sketch;
    /// let mut sketch = Sketch::default();
    /// sketch.add(b"read");
    /// assert!(sketch.may_hold_ascii_lower(b"READ") && sketch.may_hold_ascii_lower(b"Read"));
    /// assert!(!sketch.may_hold_ascii_lower(b"Reader"));
    /// ```
    #[inline]
    pub fn may_hold_ascii_lower(&self, word: &[u8]) -> bool {
        let end = |b: Option<&u8>| b.copied().unwrap_or_default().to_ascii_lowercase();
        self.has(sketch_bit_of(end(word.first()), end(word.last()), word.len()))
    }

    #[inline]
    fn has(&self, bit: usize) -> bool {
        self.bits.get(bit >> 6).is_some_and(|w| w & (1 << (bit & 63)) != 0)
    }
}

/// Fewer stop-word hits than this on a whole page: no language is assumed.
pub const MIN_HITS: usize = 5;

/// The lists that make up [`Lang::date_words`].
const DATE_LISTS: [&str; 3] = ["months", "weekdays", "date_words"];

/// The languages (positions in [`Lang::codes`]) each stop word belongs to.
///
/// Every word of every line is looked up once, and most words of a page are no stop word: a bit by the
/// word's first and last bytes and its length ([`sketch_bit`]), set for every stop word, turns most of them
/// away. The others are found by that bit too, not by a hash of their bytes (which cost more than the rest of
/// a page's stop-word count): each bit's stop words are compared with the word, one or two of them.
#[derive(Debug, Default)]
struct StopIndex {
    /// [`sketch_bit`] of every stop word (empty before the first is added).
    sketch: Vec<u64>,
    /// By [`sketch_bit`]: 1 + the position in `words` of the last stop word added with that bit, 0 for
    /// none (empty before the first is added).
    slots: Vec<u32>,
    /// Each stop word, its languages, and 1 + the position of the one added before it with the same bit
    /// (0 for none).
    words: Vec<(Box<[u8]>, Vec<usize>, u32)>,
    /// By position in `words`: its languages as bits, for languages below [`MASK_LANGS`] (a word of a
    /// language past them is counted by [`Lang::line_hits`]'s general loop).
    masks: Vec<u32>,
}

/// The languages [`StopIndex::masks`] holds; [`Lang::line_hits`] counts in a fixed array while a page's
/// languages fit, not in a vector grown at each word's languages.
const MASK_LANGS: usize = 32;

/// The bit of a word in [`StopIndex::sketch`]: six bits of its first byte, six of its last, four of its
/// length (8 kB in all; the 618 stop words of the ten lists set about 500 of its 65,536 bits).
fn sketch_bit(word: &[u8]) -> usize {
    sketch_bit_of(
        word.first().copied().unwrap_or_default(),
        word.last().copied().unwrap_or_default(),
        word.len(),
    )
}

/// [`sketch_bit`] of a word with these first and last bytes and this length (read in place, no slice made).
#[inline(always)]
fn sketch_bit_of(first: u8, last: u8, len: usize) -> usize {
    (usize::from(first & 0x3f) << 10) | (usize::from(last & 0x3f) << 4) | (len & 0xf)
}

impl StopIndex {
    fn add(&mut self, word: &str, lang: usize) {
        let bit = sketch_bit(word.as_bytes());
        self.sketch.resize(1 << 10, 0);
        self.slots.resize(1 << 16, 0);
        if let Some(w) = self.sketch.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
        let mask = u32::try_from(lang)
            .ok()
            .and_then(|l| 1u32.checked_shl(l))
            .unwrap_or_default();
        let found = self.position(word.as_bytes(), bit);
        if let Some(k) = found {
            if let (Some((_, langs, _)), Some(m)) = (self.words.get_mut(k), self.masks.get_mut(k)) {
                langs.push(lang);
                *m |= mask;
            }
            return;
        }
        let Some(slot) = self.slots.get_mut(bit) else { return };
        let Ok(added) = u32::try_from(self.words.len() + 1) else {
            return;
        };
        self.words.push((word.as_bytes().into(), vec![lang], *slot));
        self.masks.push(mask);
        *slot = added;
    }

    /// The position in `words` of `word`, whose [`sketch_bit`] is `bit`.
    #[inline]
    fn position(&self, word: &[u8], bit: usize) -> Option<usize> {
        let mut at = *self.slots.get(bit)?;
        while let Some((w, _, before)) = self.words.get(usize::try_from(at).ok()?.checked_sub(1)?) {
            // Byte by byte: a stop word is a few bytes, and a comparison of slices is a call.
            if w.len() == word.len() && w.iter().zip(word).all(|(a, b)| a == b) {
                return usize::try_from(at - 1).ok();
            }
            at = *before;
        }
        None
    }

    fn get(&self, word: &[u8]) -> &[usize] {
        let bit = sketch_bit(word);
        if self.sketch.get(bit / 64).is_none_or(|w| w & (1 << (bit % 64)) == 0) {
            return &[];
        }
        self.position(word, bit)
            .and_then(|k| self.words.get(k))
            .map_or(&[], |(_, langs, _)| langs.as_slice())
    }
}

/// Every language file, loaded once.
#[derive(Debug, Default)]
pub struct Lang {
    /// Language codes (file stems), in the order of the files' names.
    codes: Vec<String>,
    /// Stop words, by position in `codes`.
    stopwords: Vec<WordSet>,
    /// The languages (positions in `codes`) each stop word belongs to.
    index: StopIndex,
    date_words: WordSet,
    /// What [`Lang::page_stopwords`] gives when no language is assumed.
    none: WordSet,
}

impl Lang {
    /// Read every `lang/*.toml` under the generic rules folder (none when there is no `lang` folder).
    ///
    /// Each value of a file is a string of words apart by spaces, lower-cased as Python's `str.lower` does.
    ///
    /// ```
    /// use cleaner_engine::lang::Lang;
    /// let lang = Lang::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// assert!(lang.stopwords("en").unwrap().contains("the"));
    /// ```
    pub fn load(generic_dir: &Path) -> Result<Lang, LoadError> {
        let dir = generic_dir.join("lang");
        let err = |file: &Path, message: String| LoadError {
            file: file.to_path_buf(),
            message,
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            // Python globs the folder: a missing one has no files.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lang::default()),
            Err(e) => return Err(err(&dir, e.to_string())),
        };
        let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| err(&dir, e.to_string()))?.path();
            let Some(name) = path.file_name() else { continue };
            let name = name
                .to_str()
                .ok_or_else(|| err(&path, "the file name is not UTF-8".into()))?;
            if name.ends_with(".toml") {
                files.push((name.to_string(), path));
            }
        }
        files.sort();
        let mut lists: Vec<(String, HashMap<String, WordSet>)> = Vec::new();
        for (_, path) in &files {
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let text = std::fs::read_to_string(path).map_err(|e| err(path, e.to_string()))?;
            let table: toml::Table = text.parse().map_err(|e: toml::de::Error| err(path, e.to_string()))?;
            let mut by_name = HashMap::default();
            for (key, value) in table {
                let words = value
                    .as_str()
                    .ok_or_else(|| err(path, format!("`{key}` must be a string of words apart by spaces")))?;
                by_name.insert(
                    key,
                    pystr::split(words).into_iter().map(pystr::lower).collect::<WordSet>(),
                );
            }
            lists.push((code, by_name));
        }
        let mut lang = Lang::default();
        for (i, (code, mut by_name)) in lists.into_iter().enumerate() {
            for list in DATE_LISTS {
                lang.date_words.extend(by_name.get(list).into_iter().flatten().cloned());
            }
            let stopwords = by_name.remove("stopwords").unwrap_or_default();
            for w in &stopwords {
                lang.index.add(w, i);
            }
            lang.codes.push(code);
            lang.stopwords.push(stopwords);
        }
        Ok(lang)
    }

    /// The language codes, in the order of their files' names.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// The position (in [`Lang::codes`]) of the language whose stop words are `sw`, if `sw` is one of them.
    ///
    /// ```
    /// # let lang = cleaner_engine::lang::Lang::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// let de = lang.stopwords("de").unwrap();
    /// assert_eq!(lang.codes()[lang.position(de).unwrap()], "de");
    /// assert_eq!(lang.position(&Default::default()), None);
    /// ```
    pub fn position(&self, sw: &WordSet) -> Option<usize> {
        self.stopwords.iter().position(|s| std::ptr::eq(s, sw))
    }

    /// The stop words of language `code`, if there is such a language.
    pub fn stopwords(&self, code: &str) -> Option<&WordSet> {
        self.codes
            .iter()
            .position(|c| c == code)
            .and_then(|i| self.stopwords.get(i))
    }

    /// Month and weekday names and date labels of all languages together.
    ///
    /// ```
    /// # let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"));
    /// # let lang = cleaner_engine::lang::Lang::load(dir).unwrap();
    /// assert!(["march", "märz", "lundi"].iter().all(|w| lang.date_words().contains(*w)));
    /// ```
    pub fn date_words(&self) -> &WordSet {
        &self.date_words
    }

    /// The stop words of the language whose stop words the lines' words use most (Python's
    /// `language_of_hits` over each line's `stopword_hits`); an empty set when no language is assumed.
    ///
    /// ```
    /// # let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"));
    /// # let lang = cleaner_engine::lang::Lang::load(dir).unwrap();
    /// let lines: Vec<Vec<String>> = ["der hund und", "die katze in dem"]
    ///     .iter()
    ///     .map(|l| l.split(' ').map(String::from).collect())
    ///     .collect();
    /// assert!(lang.page_stopwords(lines.iter().map(Vec::as_slice)).contains("und"));
    /// ```
    pub fn page_stopwords<'a, I>(&self, lines_words: I) -> &WordSet
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let mut counts = vec![0usize; self.codes.len()];
        for words in lines_words {
            self.count(words, &mut counts);
        }
        self.most_used(&counts)
            .and_then(|i| self.stopwords.get(i))
            .unwrap_or(&self.none)
    }

    /// `detect_language`: the language code whose stop words occur most among `words`, if any.
    ///
    /// With [`MIN_HITS`] hits or more; on a tie, the greatest code.
    ///
    /// ```
    /// # let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"));
    /// # let lang = cleaner_engine::lang::Lang::load(dir).unwrap();
    /// let words: Vec<String> = "der hund und die katze sind in dem haus".split(' ').map(String::from).collect();
    /// assert_eq!(lang.detect(&words), Some("de"));
    /// assert_eq!(lang.detect(&["menu".to_string()]), None);
    /// ```
    pub fn detect(&self, words: &[String]) -> Option<&str> {
        let mut counts = vec![0usize; self.codes.len()];
        self.count(words, &mut counts);
        self.most_used(&counts)
            .and_then(|i| self.codes.get(i))
            .map(String::as_str)
    }

    /// Add the stop-word hits of `words` to `counts` (by language position).
    /// The stop-word hits of one line's words, by language position (Python's `stopword_hits`).
    ///
    /// ```
    /// let lang = cleaner_engine::lang::Lang::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// let hits = lang.hits(&["the".to_string(), "cat".to_string()]);
    /// assert_eq!(hits.iter().sum::<usize>(), 1);
    /// ```
    pub fn hits<S: AsRef<str>>(&self, words: impl IntoIterator<Item = S>) -> Vec<usize> {
        let mut counts = vec![0usize; self.codes.len()];
        self.count(words, &mut counts);
        counts
    }

    /// [`Lang::hits`] of a line's words, without the languages after the last one hit: empty (no
    /// allocation) for the lines with no stop word, most of a page's. A missing count is 0.
    ///
    /// ```
    /// # let lang = cleaner_engine::lang::Lang::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"))).unwrap();
    /// use cleaner_engine::shape::shape;
    /// let en = lang.codes().iter().position(|c| c == "en").unwrap();
    /// assert_eq!(lang.line_hits(&shape("The cat and the dog").words), lang.hits(["the", "cat", "and", "the", "dog"])[..=en]);
    /// assert!(lang.line_hits(&shape("Menu | Login").words).is_empty());
    /// ```
    pub fn line_hits(&self, words: &crate::shape::Words) -> Vec<usize> {
        if self.codes.len() <= MASK_LANGS {
            return self.line_hits_by_mask(words);
        }
        self.line_hits_by_list(words)
    }

    /// [`Lang::line_hits`] by each stop word's list of languages, for any number of languages.
    fn line_hits_by_list(&self, words: &crate::shape::Words) -> Vec<usize> {
        let mut hits = Vec::new();
        for w in words.byte_words() {
            for &lang in self.index.get(w) {
                if hits.len() <= lang {
                    if lang >= self.codes.len() {
                        continue;
                    }
                    // Room for every language at the first hit: one allocation a line.
                    hits.reserve_exact(self.codes.len() - hits.len());
                    hits.resize(lang + 1, 0);
                }
                if let Some(n) = hits.get_mut(lang) {
                    *n += 1;
                }
            }
        }
        hits
    }

    /// [`Lang::line_hits`] when every language has a bit in [`StopIndex::masks`]: a word is turned away by
    /// its ends and length read in place (no slice made), and a stop word's languages are counted from its
    /// bits into a fixed array, the vector made once at the end.
    fn line_hits_by_mask(&self, words: &crate::shape::Words) -> Vec<usize> {
        let index = &self.index;
        let Ok(sketch) = <&[u64; 1 << 10]>::try_from(index.sketch.as_slice()) else {
            // No stop word was added.
            return Vec::new();
        };
        let (text, spans) = words.parts();
        let mut counts = [0usize; MASK_LANGS];
        let mut seen = 0u32;
        for &(start, end) in spans {
            let (Some(&first), Some(&last)) = (text.get(start), text.get(end.wrapping_sub(1))) else {
                continue;
            };
            let bit = sketch_bit_of(first, last, end.wrapping_sub(start));
            if sketch[bit >> 6] & (1 << (bit & 63)) == 0 {
                continue;
            }
            let Some(word) = text.get(start..end) else { continue };
            if let Some(k) = index.position(word, bit) {
                let mut mask = index.masks.get(k).copied().unwrap_or_default();
                seen |= mask;
                while mask != 0 {
                    if let Some(n) = counts.get_mut(mask.trailing_zeros() as usize) {
                        *n += 1;
                    }
                    mask &= mask - 1;
                }
            }
        }
        if seen == 0 {
            return Vec::new();
        }
        // Room for every language, as the general loop makes at a line's first hit.
        let mut hits = Vec::with_capacity(self.codes.len());
        hits.extend_from_slice(&counts[..(32 - seen.leading_zeros()) as usize]);
        hits
    }

    /// `page_stopwords` from each line's [`Lang::hits`].
    pub fn page_stopwords_of_hits<'a, I>(&self, lines_hits: I) -> &WordSet
    where
        I: IntoIterator<Item = &'a [usize]>,
    {
        let mut counts = vec![0usize; self.codes.len()];
        for hits in lines_hits {
            for (n, h) in counts.iter_mut().zip(hits) {
                *n += h;
            }
        }
        self.page_stopwords_of_counts(&counts)
    }

    /// `page_stopwords` from the sum of the lines' [`Lang::hits`] (`counts`, by language).
    pub fn page_stopwords_of_counts(&self, counts: &[usize]) -> &WordSet {
        self.most_used(counts)
            .and_then(|i| self.stopwords.get(i))
            .unwrap_or(&self.none)
    }

    fn count<S: AsRef<str>>(&self, words: impl IntoIterator<Item = S>, counts: &mut [usize]) {
        for w in words {
            for &lang in self.index.get(w.as_ref().as_bytes()) {
                if let Some(n) = counts.get_mut(lang) {
                    *n += 1;
                }
            }
        }
    }

    /// Whether [`Lang::page_stopwords_of_counts`] of `counts` is already that of the sums to come, when the
    /// lines not counted yet hold `unseen` words: a word is at most one hit of each language, so when no
    /// language can overtake the one most used (or none can reach [`MIN_HITS`]), the rest of a page need not
    /// be read.
    ///
    /// ```
    /// # let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/generic"));
    /// # let lang = cleaner_engine::lang::Lang::load(dir).unwrap();
    /// let en = lang.codes().iter().position(|c| c == "en").unwrap();
    /// let mut counts = vec![0; lang.codes().len()];
    /// counts[en] = 12;
    /// assert!(lang.settled(&counts, 11));
    /// assert!(!lang.settled(&counts, 12));
    /// assert!(lang.settled(&vec![0; lang.codes().len()], 4));
    /// ```
    pub fn settled(&self, counts: &[usize], unseen: usize) -> bool {
        if unseen == 0 {
            return true;
        }
        let Some((best, top)) = self.leader(counts) else {
            return true;
        };
        let top_code = &self.codes[best];
        if top < MIN_HITS {
            return top.saturating_add(unseen) < MIN_HITS;
        }
        counts.iter().zip(&self.codes).enumerate().all(|(i, (&n, code))| {
            let most = n.saturating_add(unseen);
            // A tie goes to the greater code, as `leader` breaks it.
            i == best || most < top || (most == top && code < top_code)
        })
    }

    /// `_most_used`: `max(counts.items(), key=lambda kv: (kv[1], kv[0]))`, if it has `MIN_HITS` hits.
    fn most_used(&self, counts: &[usize]) -> Option<usize> {
        let (best, hits) = self.leader(counts)?;
        (hits >= MIN_HITS).then_some(best)
    }

    /// The language with the most hits and its count, a tie broken by the code (the greater wins).
    fn leader(&self, counts: &[usize]) -> Option<(usize, usize)> {
        counts
            .iter()
            .zip(&self.codes)
            .enumerate()
            .max_by(|(_, (a, ac)), (_, (b, bc))| a.cmp(b).then_with(|| ac.cmp(bc)))
            .map(|(i, (&hits, _))| (i, hits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Lang {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/generic");
        Lang::load(&dir).unwrap()
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn detect() {
        let lang = rules();
        assert_eq!(
            lang.detect(&words("der hund und die katze sind in dem haus")),
            Some("de")
        );
        assert_eq!(lang.detect(&words("menu")), None);
        assert!(lang.stopwords("en").unwrap().contains("the"));
    }

    #[test]
    fn lines() {
        let lang = rules();
        let lines = [words("der hund und"), words("die katze sind in dem haus")];
        let de = lang.stopwords("de").unwrap();
        assert!(std::ptr::eq(lang.page_stopwords(lines.iter().map(Vec::as_slice)), de));
        assert!(lang.page_stopwords(std::iter::empty()).is_empty());
    }

    #[test]
    fn date_words() {
        let lang = rules();
        assert!(["march", "märz", "lundi"].iter().all(|w| lang.date_words().contains(w)));
    }

    #[test]
    fn a_word_set_answers_as_its_words() {
        // Every stop word and date word, each with its ends and length changed: the sketch turns away only
        // words that are not in the set, whatever their bytes.
        let lang = rules();
        let all: Vec<&String> = lang.stopwords.iter().flatten().chain(lang.date_words()).collect();
        let mut asked: Vec<String> = vec![String::new(), "é".into(), "\u{3000}".into()];
        for w in &all {
            asked.push(w.to_string());
            asked.push(format!("{w}s"));
            asked.push(format!("x{w}"));
            asked.extend(w.char_indices().skip(1).map(|(b, _)| w[b..].to_string()));
        }
        for set in lang.stopwords.iter().chain([lang.date_words(), &WordSet::default()]) {
            for w in &asked {
                assert_eq!(set.contains(w), set.iter().any(|s| s == w), "{w:?}");
            }
        }
    }

    #[test]
    fn ties_go_to_the_greatest_code() {
        let lang = Lang {
            codes: vec!["aa".into(), "bb".into()],
            stopwords: vec![WordSet::default(), WordSet::default()],
            index: {
                let mut index = StopIndex::default();
                index.add("x", 0);
                index.add("x", 1);
                index
            },
            ..Lang::default()
        };
        assert_eq!(lang.detect(&words("x x x x x")), Some("bb"));
        assert_eq!(lang.detect(&words("x x x x")), None);
    }

    #[test]
    fn stop_words_short_and_long() {
        let mut index = StopIndex::default();
        index.add("a", 0);
        index.add("a\0", 1);
        index.add("fifteen-bytes-x", 2);
        index.add("sixteen-bytes-xx", 3);
        // Two words of one sketch bit (first and last byte, length), and a word added again.
        index.add("axb", 4);
        index.add("ayb", 5);
        index.add("axb", 6);
        assert_eq!(index.get(b"a"), [0]);
        assert_eq!(index.get(b"a\0"), [1]);
        assert_eq!(index.get(b"fifteen-bytes-x"), [2]);
        assert_eq!(index.get(b"sixteen-bytes-xx"), [3]);
        assert_eq!(index.get(b"axb"), [4, 6]);
        assert_eq!(index.get(b"ayb"), [5]);
        assert!(index.get(b"b").is_empty() && index.get(b"").is_empty() && index.get(b"sixteen-bytes-xy").is_empty());
        assert!(index.get(b"azb").is_empty() && index.get(b"a\0\0").is_empty());
    }

    #[test]
    fn line_hits_count_each_language_s_stop_words() {
        let lang = rules();
        // The reference: each word looked up in each language's set.
        let reference = |words: &crate::shape::Words| -> Vec<usize> {
            lang.stopwords
                .iter()
                .map(|sw| words.iter().filter(|w| sw.contains(w)).count())
                .collect()
        };
        let check = |line: &str| {
            let s = crate::shape::shape(line);
            let mut got = lang.line_hits(&s.words);
            assert!(got.last() != Some(&0), "{line:?}");
            got.resize(lang.codes.len(), 0);
            assert_eq!(got, reference(&s.words), "{line:?}");
            assert_eq!(lang.hits(s.words.iter()), got, "{line:?}");
            assert_eq!(
                lang.line_hits_by_list(&s.words),
                lang.line_hits_by_mask(&s.words),
                "{line:?}"
            );
        };
        let mut lines = 0;
        for (_, text) in crate::testkit::golden_texts(false) {
            for line in text.lines() {
                check(line);
                lines += 1;
            }
        }
        assert!(lines > 500, "{lines}");
        // Lines of stop words and words that share their first and last bytes and length with one.
        let all: Vec<&String> = lang.stopwords.iter().flatten().collect();
        let mut next = crate::testkit::draws(11);
        for _ in 0..20_000 {
            let n = 1 + next(12);
            let words: Vec<String> = (0..n)
                .map(|_| {
                    let w = all[next(all.len())].clone();
                    match next(4) {
                        0 if w.len() > 2 => {
                            let mut b = w.into_bytes();
                            let k = 1 + next(b.len() - 2);
                            b[k] = b'a' + u8::try_from(next(26)).unwrap();
                            String::from_utf8(b).unwrap_or_default()
                        }
                        1 => w.to_uppercase(),
                        _ => w,
                    }
                })
                .collect();
            check(&words.join(" "));
        }
    }

    #[test]
    fn the_sketch_turns_away_most_words_and_no_stop_word() {
        let lang = rules();
        for (k, sw) in lang.stopwords.iter().enumerate() {
            for w in sw {
                assert!(lang.index.get(w.as_bytes()).contains(&k), "{w}");
            }
        }
        let set: u32 = lang.index.sketch.iter().map(|w| w.count_ones()).sum();
        assert!(set < 1000, "{set}");
        let prose = "council members agreed yesterday evening whereas residents demanded cheaper housing";
        let passed = prose.split(' ').filter(|w| {
            let bit = sketch_bit(w.as_bytes());
            lang.index.sketch[bit / 64] & (1 << (bit % 64)) != 0
        });
        assert!(passed.count() <= 2);
    }

    #[test]
    fn no_folder_no_languages() {
        let lang = Lang::load(Path::new("/nonexistent/rules")).unwrap();
        assert_eq!(lang.detect(&words("the the the the the")), None);
    }
}
