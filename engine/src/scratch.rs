//! `regex::Regex` with its search scratch kept per thread, for the worker threads of `--jobs N`.
//!
//! The `regex` crate keeps a regex's scratch (lazy DFA states, NFA stacks) in a pool: the first thread
//! to search the regex owns a scratch of its own, every other thread takes one from a locked stack and
//! puts it back (`Pool::get_slow`, `put_value`), and the owner writes the pool's owner word at each
//! search while the others read it, so that word's cache line moves between the cores. In a `--jobs 2`
//! run each pattern is owned by whichever worker met it first: a worker that was not first spent 2 %
//! more instructions in the engine (bench/README.md, branch `jobs6`), most of them in the patterns of
//! this crate's own `regex::Regex`es (ad markers, dates, comment threads).
//!
//! Here each thread that searches gets a slot number (the smallest free one, given back when it ends)
//! and uses its own slot of each regex, which no other thread touches while it lives. A thread past
//! [`SLOTS`], or one that finds its slot busy, searches through the crate's pool as before. The regex is
//! the one `regex::Regex::new` builds (same configuration) and each search the one its methods make, so
//! the answers are the same. [`PerThread`] gives any other scratch the same slots (the phrase files'
//! prefilter takes its lazy DFA caches once a line: 0.5 % of a second thread's instructions in its pool).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{meta, Input, MatchKind};

/// Threads searching at once that get a slot of their own (more share the crate's pool).
pub const SLOTS: usize = 8;

/// A compiled regex, searched with this thread's scratch.
///
/// ```
/// use cleaner_engine::scratch::Regex;
/// let re = Regex::new(r"\b\d{1,2}:\d\d\b").unwrap();
/// assert!(re.is_match("at 10:42 pm") && !re.is_match("at 1042"));
/// assert_eq!(re.find("at 10:42 pm"), Some((3, 8)));
/// assert!(Regex::new(r"(").is_err());
/// ```
#[derive(Debug)]
pub struct Regex {
    re: meta::Regex,
    /// Made with the regex (a few hundred bytes): the searches then need not ask whether they are there.
    slots: Box<[Slot<meta::Cache>]>,
}

/// One thread's scratch for one regex (or [`PerThread`]), alone on its cache line.
#[derive(Debug)]
#[repr(align(64))]
struct Slot<T>(Mutex<Option<Box<T>>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

/// Scratch values made by one function, one for each thread with a slot (as [`Regex`]'s), where a
/// `regex_automata` pool gives its first user a value directly but every other thread one through a locked
/// stack; the pool is kept for a thread past [`SLOTS`] or a use within a use.
pub struct PerThread<T: Send + 'static> {
    make: Arc<dyn Fn() -> T + Send + Sync>,
    slots: Box<[Slot<T>]>,
    /// For a thread past [`SLOTS`], or one that finds its slot busy (a search within a search).
    pool: Pool<T, Box<dyn Fn() -> T + Send + Sync>>,
}

impl<T: Send + 'static> PerThread<T> {
    pub fn new(make: Box<dyn Fn() -> T + Send + Sync>) -> PerThread<T> {
        let make: Arc<dyn Fn() -> T + Send + Sync> = Arc::from(make);
        let for_pool = Arc::clone(&make);
        PerThread {
            make,
            slots: (0..SLOTS).map(|_| Slot::default()).collect(),
            pool: Pool::new(Box::new(move || for_pool())),
        }
    }

    /// `work` with this thread's value (made on its first use), or one from the pool.
    pub fn with<R>(&self, work: impl FnOnce(&mut T) -> R) -> R {
        if let Some(slot) = slot_number().and_then(|i| self.slots.get(i)) {
            if let Ok(mut held) = slot.0.try_lock() {
                return work(held.get_or_insert_with(|| Box::new((self.make)())));
            }
        }
        work(&mut self.pool.get())
    }
}

impl Regex {
    /// `regex::Regex::new(source)`: the same regex, or the same error's words.
    pub fn new(source: &str) -> Result<Regex, String> {
        // `regex::RegexBuilder`'s defaults and what its `build` adds for a `&str` regex.
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let built = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::default().utf8(true))
            .build(source);
        match built {
            Ok(re) => Ok(Regex {
                re,
                slots: (0..SLOTS).map(|_| Slot::default()).collect(),
            }),
            // The crate's own words for what is wrong with it; ours should the crate ever accept what we refuse.
            Err(ours) => Err(regex::Regex::new(source)
                .err()
                .map_or_else(|| ours.to_string(), |e| e.to_string())),
        }
    }

    /// `regex::Regex::is_match`.
    pub fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        self.with_scratch(|re, scratch| match scratch {
            Some(cache) => re.search_half_with(cache, &input).is_some(),
            None => re.search_half(&input).is_some(),
        })
    }

    /// `regex::Regex::find`, as a byte span.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        let input = Input::new(text);
        let found = self.with_scratch(|re, scratch| match scratch {
            Some(cache) => re.search_with(cache, &input),
            None => re.search(&input),
        });
        found.map(|m| (m.start(), m.end()))
    }

    /// `search` with this thread's scratch, or with none (the crate's pool then) where it has no slot.
    fn with_scratch<T>(&self, search: impl FnOnce(&meta::Regex, Option<&mut meta::Cache>) -> T) -> T {
        let Some(slot) = slot_number().and_then(|i| self.slots.get(i)) else {
            return search(&self.re, None);
        };
        match slot.0.try_lock() {
            Ok(mut held) => {
                let cache = held.get_or_insert_with(|| Box::new(self.re.create_cache()));
                search(&self.re, Some(cache))
            }
            Err(_) => search(&self.re, None),
        }
    }
}

/// Slot numbers given back by threads that ended.
static FREE: Mutex<Vec<usize>> = Mutex::new(Vec::new());
/// The next number never given.
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A thread's slot number, given back when the thread ends.
struct SlotNumber(usize);

impl Drop for SlotNumber {
    fn drop(&mut self) {
        if let Ok(mut free) = FREE.lock() {
            free.push(self.0);
        }
    }
}

thread_local! {
    static SLOT_NUMBER: SlotNumber = {
        let reused = FREE.lock().ok().and_then(|mut free| {
            let smallest = (0..free.len()).min_by_key(|&i| free[i])?;
            Some(free.swap_remove(smallest))
        });
        SlotNumber(reused.unwrap_or_else(|| NEXT.fetch_add(1, Ordering::Relaxed)))
    };
}

/// This thread's slot number; None while the thread ends.
fn slot_number() -> Option<usize> {
    SLOT_NUMBER.try_with(|n| n.0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERNS: &[&str] = &[
        r"\b\d{1,2}:\d\d\b",
        r"^\d+(?:st|nd|rd|th|er|e|h|hs|am|pm|z|t\d+|[\-/.]\d+)*\.?$",
        r"(?i)^\s*(?:anzeige|advertisement|(?-i:[Aa])d)\s*$",
        r"\s*(?:Advertisement|اضافة اعلان)\s*$",
        r"",
        r"a*",
    ];
    const TEXTS: &[&str] = &[
        "",
        "at 10:42 pm",
        "18th",
        "2019-11-18t20",
        "  ADVERTISEMENT ",
        "Ad",
        "the story goes on.اضافة اعلان",
        "ünïcödé 1:23",
        "aaa",
    ];

    fn answers(re: &Regex, want: &regex::Regex) {
        for text in TEXTS {
            assert_eq!(re.is_match(text), want.is_match(text), "{want:?} on {text:?}");
            assert_eq!(
                re.find(text),
                want.find(text).map(|m| (m.start(), m.end())),
                "{want:?} on {text:?}"
            );
        }
    }

    #[test]
    fn the_answers_are_the_regex_crates_in_any_thread_with_or_without_a_slot() {
        let ours: Vec<Regex> = PATTERNS.iter().map(|p| Regex::new(p).unwrap()).collect();
        let theirs: Vec<regex::Regex> = PATTERNS.iter().map(|p| regex::Regex::new(p).unwrap()).collect();
        // More threads at once than slots: some search through the crate's pool.
        std::thread::scope(|s| {
            for _ in 0..SLOTS + 4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        for (re, want) in ours.iter().zip(&theirs) {
                            answers(re, want);
                        }
                    }
                });
            }
        });
    }

    #[test]
    fn a_bad_pattern_gets_the_regex_crates_error() {
        for bad in [r"(", r"[z-a]", r"\p{Nope}", r"a{99999999}"] {
            assert_eq!(
                Regex::new(bad).unwrap_err().to_string(),
                regex::Regex::new(bad).unwrap_err().to_string()
            );
        }
    }

    #[test]
    fn each_thread_keeps_its_own_value_and_threads_past_the_slots_share_the_pool() {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let made = &MADE;
        let values = PerThread::new(Box::new(|| {
            MADE.fetch_add(1, Ordering::Relaxed);
            Vec::<usize>::new()
        }));
        let values = &values;
        std::thread::scope(|s| {
            for _ in 0..SLOTS + 4 {
                s.spawn(move || {
                    for i in 0..20 {
                        values.with(|v| {
                            // Each use leaves the value as it found it, whoever held it before.
                            assert!(v.is_empty());
                            v.push(i);
                            // A use within a use gets another value.
                            values.with(|inner| assert!(inner.is_empty()));
                            v.clear();
                        });
                    }
                });
            }
        });
        // One value a thread at most, and the nested ones: far fewer than one a use.
        let n = made.load(Ordering::Relaxed);
        assert!((2..=3 * (SLOTS + 4)).contains(&n), "{n} values made");
    }

    #[test]
    fn a_thread_gets_its_value_back() {
        let values = PerThread::new(Box::new(Vec::<u8>::new));
        values.with(|v| v.reserve(100));
        assert!(values.with(|v| v.capacity() >= 100));
    }

    #[test]
    fn a_thread_that_ended_gives_its_number_back() {
        let before = NEXT.load(Ordering::Relaxed);
        for _ in 0..50 {
            std::thread::spawn(|| slot_number().unwrap()).join().unwrap();
        }
        // 50 threads one after the other: without numbers given back, 50 new ones (the other tests'
        // threads, a dozen at once, may take some meanwhile).
        assert!(NEXT.load(Ordering::Relaxed) - before < 30);
    }
}
