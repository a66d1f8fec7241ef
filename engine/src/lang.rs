//! Per-language word lists (`rules/generic/lang/<code>.toml`) and the page's language (port of `lang.py`).

use std::collections::HashSet;

use crate::tables::LoadError;

/// A set of lower-cased words.
pub type WordSet = HashSet<String>;

/// Every language file, loaded once.
#[derive(Debug, Default)]
pub struct Lang {}

impl Lang {
    /// Read every `lang/*.toml` under the generic rules folder.
    pub fn load(generic_dir: &std::path::Path) -> Result<Lang, LoadError> {
        todo!("{}", generic_dir.display())
    }

    /// Month and weekday names and date labels of all languages together.
    pub fn date_words(&self) -> &WordSet {
        todo!()
    }

    /// The stop words of the language whose stop words the lines' words use most (Python's
    /// `language_of_hits` over each line's `stopword_hits`); an empty set when no language is assumed.
    pub fn page_stopwords<'a, I>(&self, lines_words: I) -> &WordSet
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let _ = lines_words.into_iter();
        todo!()
    }

    /// `detect_language`: the language code whose stop words occur most among `words`, if any.
    pub fn detect(&self, words: &[String]) -> Option<&str> {
        todo!("{words:?}")
    }
}
