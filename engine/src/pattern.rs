//! A pattern of a phrase file, written in the syntax of Python's `regex` module, compiled for Rust.
//!
//! The source is translated, token by token, into the `regex` crate's syntax with the semantics the
//! `regex` module gives it (version 0 behaviour, the module's default):
//!
//! - Character classes follow the module's Unicode database, which is newer than the crate's: `\w`,
//!   `\d`, `\p{L}`, `\p{Lu}`, `\p{Ll}`, `\p{N}`, `\p{M}` (and `\W`, `\D`, their negations) are written
//!   out as explicit code-point ranges from [`crate::pystr`]'s tables (`\s` too; `.` agrees as it is).
//!   Other properties (`\p{Han}`...) are passed on and follow the crate's database (Unicode 16: they
//!   differ only on code points new in Unicode 17).
//! - Ignoring case (`(?i)`, `(?i:...)`) is done here, not by the crate: the module's case relation
//!   (`CASE_RUNS`) differs from the crate's simple case folding (`i` matches `İ`, `I` matches `ı`, and the
//!   case pairs that are new in Unicode 17), and under it a property matches only its own members, with
//!   `\p{Lu}`, `\p{Ll}` and `\p{Lt}` all meaning cased letters. A literal becomes the class of its cases; a
//!   bracket class becomes its members' cases plus its escapes' members, negated afterwards.
//! - The module's quirks of syntax: `{` that opens no valid repeat is a literal, `{,n}` is `{0,n}`,
//!   `[` inside a class is a literal, `]` first in a class is a member, `\Z` is the end of the text,
//!   any non-alphanumeric character may be escaped, `(?x)` whitespace and comments are dropped here
//!   (the crate would also drop spaces inside classes), `(?P=name)` is a back reference.
//! - Flags set mid-pattern (`a(?i)b`) apply up to the end of the enclosing group, in both.
//!
//! Most patterns compile with the `regex` crate (linear time, leftmost-first matching gives the span a
//! backtracking engine gives). Lookaround, atomic groups and back references, which the crate lacks,
//! go to `fancy-regex` (backtracking, as the module). Of the phrase files' patterns, these need it:
//! the byline pattern of `metadata-lines.toml` (a negative lookahead: the line does not end as a
//! sentence), the copyright-credit pattern of `captions.toml` (a lookahead: a full stop followed by
//! a non-space), the dotted-name mark of `program-code.toml` (a lookahead: not followed by `.` or `/`),
//! and the `published`, `updated` and `byline` patterns of `metadata.toml` (lookaheads in its fragments
//! stop a date value at a separator and keep a label from reading as a name). The consent word lists of
//! [`crate::lines`] are searched without patterns. A backtracking pattern (or one with `\b`, which the
//! crate's fast engines give up on in a non-ASCII text) is first tried as a loose pattern without its
//! assertions, in the crate: it matches wherever the pattern does, and tells most texts at once that the
//! pattern cannot match. A backtracking search that reaches `fancy-regex`'s step limit (a hostile line
//! with nested repeats, which Python would take ages on) is taken as no match.
//!
//! Two corners where the crate's own assertions differ are handled by other translations, built on
//! first need and used only for the texts concerned: `$` (the end, or before a final `\n`) becomes
//! `(?m:$)` on a text whose one `\n` ends it; `\b`/`\B` next to a character that is a word character in
//! one database only (new in Unicode 17), and `$` in a text with more `\n`s, become lookaround (the exact
//! translation, run by `fancy-regex`). Where the exact translation's backtracking gives up (it has no
//! delegated parts left), the main one answers.
//!
//! Unsupported (an error when compiling): possessive repeats, POSIX classes, `\N{...}`, flags other than
//! `i`, `m`, `s`, `x`, `u`, `V0`, conditionals and subroutine calls: `(?&name)` calls of a `[define]` table
//! are expanded by the caller before compiling.
//!
//! ```
//! use cleaner_engine::pattern::Pattern;
//! let p = Pattern::new(r"(?i:\bphoto\s*:\s*[^.:]{1,60}$)", std::path::Path::new("captions.toml")).unwrap();
//! assert!(p.search("A storm. PHOTO: AFP") && !p.search("A photo: see page 2. Then more."));
//! ```

use std::path::Path;
use std::sync::OnceLock;

use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM, WhichCaptures};
use regex_automata::{hybrid, meta, Anchored, Input, MatchKind};
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

use crate::pystr_tables as t;
use crate::scratch::PerThread;
use crate::tables::LoadError;

/// A repeat bounded above this (`{0,40}`) is slow to search with the crate's lazy DFA (a state per count).
const BOUNDED_REPEAT: usize = 8;

/// The most code points there are.
const MAX_CP: u32 = 0x10FFFF;

/// The `regex` crate's compiled-size cap, raised: the module has none, and explicit Unicode classes in
/// bounded repeats are large.
const SIZE_LIMIT: usize = 256 << 20;

/// The lazy DFA's cache, raised from the crate's 2 MB: with less, a pattern that repeats a Unicode class
/// (`[\w\s/.,\-]{0,40}` of `captions.toml`) has no room for its DFA and every search falls back to the
/// slow NFA simulation (a hundred times slower). The cache grows only as far as a pattern needs.
const DFA_CACHE: usize = 8 << 20;

/// A compiled pattern.
///
/// ```
/// use cleaner_engine::pattern::Pattern;
/// let p = Pattern::new(r"(?i:^photo\s*:\s*(?P<who>\S.*)$)", std::path::Path::new("captions.toml")).unwrap();
/// assert!(p.search("PHOTO: AFP"));
/// assert_eq!(p.search_group("Photo: AFP", "who"), Some("AFP"));
/// assert!(!p.search("A photo: AFP"));
/// ```
#[derive(Debug)]
pub struct Pattern {
    /// Compiled on first use: with the phrase files' prefilter most patterns never search a small
    /// document, and compiling them all would double a fresh process's start (the pre-commit hook's).
    main: OnceLock<Engine>,
    /// The translation of `main` (holed unless it backtracks), kept to build it and its anchored twin.
    translated: Translated,
    /// `translated` parsed, on first need: the main engine, its ASCII twin and its anchored twin are all
    /// built from it, and parsing the written-out classes is a third of compiling one.
    hir: OnceLock<Option<Hir>>,
    fancy: bool,
    anchored: OnceLock<Option<Engine>>,
    /// `main` with every class cut to ASCII, for an ASCII text (see [`ascii_only`]); `None` where that is
    /// `main` itself.
    ascii: OnceLock<Option<Engine>>,
    /// The source, kept to build the translations below on first need.
    source: String,
    /// `Mode::Dollar` and `Mode::Exact` translations (see [`Variant`]).
    dollar_engine: OnceLock<Option<Engine>>,
    exact_engine: OnceLock<Option<Engine>>,
    /// The loose translation (see `Mode::Loose`), when the pattern needs backtracking, has `\b` or a large
    /// bounded repeat; compiled on first use (`None` if it will not compile: then it rules nothing out).
    loose: Option<(Translated, OnceLock<Option<Engine>>)>,
    boundary: bool,
    /// The pattern has a large bounded repeat: the loose pattern (unbounded) rules lines out first.
    bounded: bool,
    dollar: bool,
    /// Whether the pattern is its own loose form (see [`Pattern::search_past_loose`]), on first need.
    own_loose: OnceLock<bool>,
}

/// Which translation answers for a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Main,
    /// The text's one `\n` ends it and the pattern has a `$`: `(?m:$)` is then the module's `$`.
    Dollar,
    /// The text has a character next to which the crate's `\b` is not the module's, or a `\n` before a
    /// final one.
    Exact,
}

#[derive(Debug)]
enum Engine {
    Plain(Box<Plain>),
    Fancy(fancy_regex::Regex),
}

/// A pattern for the `regex` crate. A `meta::Regex` compiles two NFAs (forward and reverse) for its lazy
/// DFAs, and compiling the explicit Unicode classes was 5 % of a cold pass (one cleaning of each of the
/// 2,576 dev dumps), paid by every process; every pattern that pass compiles is only asked whether it
/// matches. For a pattern anchored at one end that question needs one NFA ([`Test`]); the `meta::Regex`
/// is built when a span or group is asked for, or where [`Test`] does not apply.
#[derive(Debug)]
struct Plain {
    hir: Hir,
    test: Option<Test>,
    /// The forward NFA's PikeVM: where a lazy DFA gives up (a Unicode `\b` next to a non-ASCII byte, a
    /// cache cleared too often), it answers, as the `meta::Regex`'s does. Built with a forward [`Test`],
    /// on first need after a reverse one.
    vm: OnceLock<Vm>,
    full: OnceLock<meta::Regex>,
}

struct Vm {
    vm: PikeVM,
    caches: PerThread<pikevm::Cache>,
}

impl std::fmt::Debug for Vm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vm").finish_non_exhaustive()
    }
}

impl Vm {
    fn new(nfa: thompson::NFA) -> Result<Vm, String> {
        let vm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let for_caches = vm.clone();
        let caches = PerThread::new(Box::new(move || for_caches.create_cache()));
        Ok(Vm { vm, caches })
    }
}

/// `meta::Regex::is_match` of a pattern that is anchored at the start, or at the end only: a forward
/// search with a lazy DFA, as the `meta::Regex`'s for the first, or, for a pattern anchored at its end
/// only that has a Unicode `\b`, an anchored reverse search from the end (the crate's "reverse
/// anchored" strategy). Built from the one NFA that search needs.
struct Test {
    dfa: hybrid::dfa::DFA,
    caches: PerThread<hybrid::dfa::Cache>,
    reverse: bool,
    /// The least length of a match, in bytes: a shorter text cannot match (the `meta::Regex` asks too).
    min_len: usize,
}

impl std::fmt::Debug for Test {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Test")
            .field("reverse", &self.reverse)
            .field("min_len", &self.min_len)
            .finish_non_exhaustive()
    }
}

/// The configuration of `meta::Regex`'s NFAs for [`plain_config`].
fn nfa_config() -> thompson::Config {
    thompson::Config::new()
        .utf8(true)
        .shrink(false)
        .nfa_size_limit(Some(SIZE_LIMIT))
}

/// The forward NFA of `hir`, with the captures a PikeVM needs to answer whether it matches.
fn forward_nfa(hir: &Hir) -> Result<thompson::NFA, String> {
    thompson::Compiler::new()
        .configure(nfa_config().which_captures(WhichCaptures::Implicit))
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

impl Test {
    /// The test and, for a forward one, the PikeVM of its NFA. `None` where the `meta::Regex` would
    /// answer otherwise (a pattern anchored at neither end), or the lazy DFA does not build (it needs room
    /// for a few states). An empty match can only be at the anchored end, never inside a character, so
    /// the `meta::Regex`'s care for those (`utf8_empty`) changes no answer here.
    fn new(hir: &Hir) -> Result<Option<(Test, Option<Vm>)>, String> {
        let props = hir.properties();
        let start = props.look_set_prefix().contains(Look::Start);
        let end = props.look_set_suffix().contains(Look::End);
        if !start && !end {
            return Ok(None);
        }
        // Not `None` where some branch of an alternation matches nothing (a class [`ascii_only`] emptied).
        let min_len = props.minimum_len().unwrap_or(0);
        // Only whether it matches is asked, which a forward search tells of a pattern anchored at its end
        // too: the crate's reverse NFA writes a Unicode class out as one branch per UTF-8 sequence (`\w`:
        // hundreds, unshared), all in every lazy state that can enter the class, and such a state took up
        // to ~60,000 instructions to build; the forward NFA shares them as a trie. Searched forward, a
        // Unicode `\b` makes the lazy DFA give up at the first non-ASCII byte of the line (the PikeVM
        // answers), where the reverse search often stops earlier: that pattern is searched in reverse.
        let forward = start || !props.look_set().contains_word_unicode();
        let nfa = if forward {
            // Only whether it matches is asked of the lazy DFA and the PikeVM built here, so the branches'
            // order does not matter: grouped by their first part, the NFA is smaller to compile, and a lazy
            // state holds fewer of its states.
            let grouped = crate::phrases::grouped_by_first_part(hir);
            forward_nfa(grouped.as_ref().unwrap_or(hir))?
        } else {
            thompson::Compiler::new()
                .configure(nfa_config().which_captures(WhichCaptures::None).reverse(true))
                .build_from_hir(hir)
                .map_err(|e| e.to_string())?
        };
        // The configuration of `meta::Regex`'s lazy DFAs for `plain_config()`, without a prefilter (it has
        // none for a pattern anchored at the start; one would change no answer).
        let dfa_config = hybrid::dfa::Config::new()
            .match_kind(if forward {
                MatchKind::LeftmostFirst
            } else {
                MatchKind::All
            })
            .byte_classes(true)
            .unicode_word_boundary(true)
            .cache_capacity(DFA_CACHE)
            .skip_cache_capacity_check(false)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let Ok(dfa) = hybrid::dfa::Builder::new()
            .configure(dfa_config)
            .build_from_nfa(nfa.clone())
        else {
            return Ok(None);
        };
        let vm = if forward { Some(Vm::new(nfa)?) } else { None };
        let for_caches = dfa.clone();
        let caches = PerThread::new(Box::new(move || for_caches.create_cache()));
        let test = Test {
            dfa,
            caches,
            reverse: !forward,
            min_len,
        };
        Ok(Some((test, vm)))
    }

    /// `None`: the lazy DFA gave up.
    fn is_match(&self, text: &str) -> Option<bool> {
        if text.len() < self.min_len {
            return Some(false);
        }
        let input = Input::new(text).earliest(true);
        self.caches
            .with(|cache| {
                if self.reverse {
                    self.dfa.try_search_rev(cache, &input.anchored(Anchored::Yes))
                } else {
                    self.dfa.try_search_fwd(cache, &input)
                }
            })
            .ok()
            .map(|found| found.is_some())
    }
}

impl Plain {
    fn new(hir: &Hir) -> Result<Plain, String> {
        let (vm, full) = (OnceLock::new(), OnceLock::new());
        if vm_only(hir) {
            let _ = vm.set(Vm::new(forward_nfa(hir)?)?);
            return Ok(Plain {
                hir: hir.clone(),
                test: None,
                vm,
                full,
            });
        }
        let test = Test::new(hir)?;
        let test = match test {
            Some((test, forward)) => {
                if let Some(forward) = forward {
                    let _ = vm.set(forward);
                }
                Some(test)
            }
            None => {
                let _ = full.set(meta_regex(hir)?);
                None
            }
        };
        Ok(Plain {
            hir: hir.clone(),
            test,
            vm,
            full,
        })
    }

    fn is_match(&self, text: &str) -> bool {
        let Some(test) = &self.test else {
            if let Some(vm) = self.vm.get() {
                return vm.caches.with(|cache| vm.vm.is_match(cache, text));
            }
            return self.full().is_match(text);
        };
        test.is_match(text).unwrap_or_else(|| {
            let vm = self.vm.get_or_init(|| match forward_nfa(&self.hir).and_then(Vm::new) {
                Ok(vm) => vm,
                Err(e) => panic!("pattern {} does not compile: {e}", self.hir),
            });
            vm.caches.with(|cache| vm.vm.is_match(cache, text))
        })
    }

    fn full(&self) -> &meta::Regex {
        self.full.get_or_init(|| match meta_regex(&self.hir) {
            Ok(re) => re,
            // Its NFAs are those of a test built from the same pattern within the same size limit.
            Err(e) => panic!("pattern {} does not compile: {e}", self.hir),
        })
    }
}

/// Whether `hir` is answered by its forward NFA's PikeVM alone, with no lazy DFA: a pattern anchored at
/// its end only (its test would search in reverse) that has a Unicode `\b` and repeats a Unicode class
/// more than [`BOUNDED_REPEAT`] times. Such a pattern's main engine is asked of non-ASCII texts only
/// (its ASCII twin answers the others, and its loose pattern rules most lines out first), and there its
/// lazy DFA gives up on the first non-ASCII byte it reads next to the `\b`, so the PikeVM is built for
/// those anyway; the reverse NFA costs a copy of the class's UTF-8 automaton per count, unshared (the
/// photo-credit pattern of `captions.toml`: 60,300 states, 40 ms, and 1.4 MB of lazy states, for 49
/// searches in a cold pass over the dev dumps). The PikeVM answers as the `meta::Regex` does.
fn vm_only(hir: &Hir) -> bool {
    let props = hir.properties();
    !props.look_set_prefix().contains(Look::Start)
        && props.look_set_suffix().contains(Look::End)
        && props.look_set().contains_word_unicode()
        && repeats_unicode_class(hir)
}

/// A class of more non-ASCII ranges than this (`\w`: 700 and more) makes a large UTF-8 automaton; one
/// of a few (`[^.:]`) a small one.
const LARGE_CLASS: usize = 64;

/// Whether `hir` repeats a class of many non-ASCII ranges (see [`LARGE_CLASS`]) more than [`BOUNDED_REPEAT`] times.
fn repeats_unicode_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let large = rep.max.is_some_and(|m| m as usize > BOUNDED_REPEAT);
            (large && has_unicode_class(&rep.sub)) || repeats_unicode_class(&rep.sub)
        }
        HirKind::Capture(cap) => repeats_unicode_class(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(repeats_unicode_class),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

fn has_unicode_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            class.ranges().iter().filter(|r| r.end() > '\x7f').count() > LARGE_CLASS
        }
        HirKind::Repetition(rep) => has_unicode_class(&rep.sub),
        HirKind::Capture(cap) => has_unicode_class(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_unicode_class),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => false,
    }
}

fn meta_regex(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(plain_config())
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// The crate's configuration of a `regex::Regex` (leftmost-first, empty matches only between characters),
/// with [`SIZE_LIMIT`] and [`DFA_CACHE`].
fn plain_config() -> meta::Config {
    meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(DFA_CACHE)
}

impl Engine {
    /// Compile a translation: text through `fancy-regex`, or parsed (holes filled) and built as the
    /// `regex` crate builds a `Regex` from the same text.
    fn new(out: &Translated) -> Result<Engine, String> {
        if out.fancy {
            fancy_regex::RegexBuilder::new(&out.text)
                .delegate_size_limit(SIZE_LIMIT)
                .delegate_dfa_size_limit(DFA_CACHE)
                .build()
                .map(Engine::Fancy)
                .map_err(|e| e.to_string())
        } else {
            Engine::plain(&holed_hir(out)?)
        }
    }

    fn plain(hir: &Hir) -> Result<Engine, String> {
        Plain::new(hir).map(|p| Engine::Plain(Box::new(p)))
    }

    // `None`: a backtracking search gave up (its step limit).
    fn is_match(&self, text: &str) -> Option<bool> {
        match self {
            Engine::Plain(p) => Some(p.is_match(text)),
            Engine::Fancy(r) => r.is_match(text).ok(),
        }
    }

    fn find(&self, text: &str) -> Option<Option<(usize, usize)>> {
        match self {
            Engine::Plain(p) => Some(p.full().find(text).map(|m| (m.start(), m.end()))),
            Engine::Fancy(r) => r.find(text).ok().map(|m| m.map(|m| (m.start(), m.end()))),
        }
    }

    fn group<'t>(&self, text: &'t str, name: &str) -> Option<Option<&'t str>> {
        let value = |m: Option<_>| m.map_or("", |m: fancy_regex::Match<'t>| m.as_str());
        match self {
            Engine::Plain(p) => {
                let r = p.full();
                let mut caps = r.create_captures();
                r.captures(text, &mut caps);
                Some(caps.is_match().then(|| {
                    caps.get_group_by_name(name)
                        .and_then(|span| text.get(span.range()))
                        .unwrap_or("")
                }))
            }
            Engine::Fancy(r) => r.captures(text).ok().map(|c| c.map(|c| value(c.name(name)))),
        }
    }
}

impl Pattern {
    /// Compile `source` (Python `regex` syntax). `file` names the phrase file for errors.
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let file = std::path::Path::new("x.toml");
    /// assert!(Pattern::new(r"a{", file).unwrap().search("a{"));
    /// assert!(Pattern::new(r"(?i:istanbul)", file).unwrap().search("İSTANBUL"));
    /// assert!(Pattern::new(r"(?<!\w)cookie", file).unwrap().is_fancy());
    /// assert!(Pattern::new(r"(", file).is_err());
    /// ```
    pub fn new(source: &str, file: &Path) -> Result<Pattern, LoadError> {
        let err = |message: String| LoadError {
            file: file.to_path_buf(),
            message,
        };
        let err = |m: String| err(format!("pattern {source:?}: {m}"));
        let out = translate_for_engine(source, Mode::Main).map_err(err)?;
        let main = OnceLock::new();
        if out.fancy {
            // Few patterns backtrack. The others' syntax was checked by translating them (the translator
            // parses the whole pattern), so compiling them can wait.
            let _ = main.set(Engine::new(&out).map_err(err)?);
        }
        // Checked now, so that a later translation cannot fail (holed: the check is the same, and cheaper).
        translate_with(source, Mode::Exact, true).map_err(err)?;
        // The crate's `\b` on a non-ASCII text, any backtracking search and large bounded repeats are slow: a
        // loose pattern, without assertions, tells most lines they cannot match at the speed of the crate's DFA.
        let loose = if out.fancy || out.boundary || out.bounded {
            let lo = translate_with(source, Mode::Loose, true).map_err(err)?;
            (!lo.fancy).then(|| (lo, OnceLock::new()))
        } else {
            None
        };
        Ok(Pattern {
            main,
            fancy: out.fancy,
            boundary: out.boundary,
            bounded: out.bounded,
            dollar: out.dollar,
            translated: out,
            hir: OnceLock::new(),
            anchored: OnceLock::new(),
            ascii: OnceLock::new(),
            source: source.to_string(),
            dollar_engine: OnceLock::new(),
            exact_engine: OnceLock::new(),
            loose,
            own_loose: OnceLock::new(),
        })
    }

    /// The parsed main translation; `None` for a backtracking one (text for `fancy-regex`).
    fn main_hir(&self) -> Result<&Hir, String> {
        self.hir
            .get_or_init(|| (!self.fancy).then(|| holed_hir(&self.translated).ok()).flatten())
            .as_ref()
            .ok_or_else(|| format!("pattern {:?} has no parsed translation", self.source))
    }

    fn main(&self) -> &Engine {
        let built = || match self.main_hir() {
            Ok(hir) => Engine::plain(hir),
            Err(_) => Engine::new(&self.translated),
        };
        self.main.get_or_init(|| match built() {
            Ok(e) => e,
            // The syntax was checked when loading; only the crate's size limit (256 MB) is left to fail.
            Err(e) => panic!("pattern {:?} does not compile: {e}", self.source),
        })
    }

    /// Whether the pattern needs the backtracking engine (lookaround, atomic group, back reference).
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let file = std::path::Path::new("x.toml");
    /// assert!(!Pattern::new(r"^\p{Lu}\w+$", file).unwrap().is_fancy());
    /// assert!(Pattern::new(r"a(?=b)", file).unwrap().is_fancy());
    /// ```
    pub fn is_fancy(&self) -> bool {
        self.fancy
    }

    /// Python's `pattern.search(text) is not None`.
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let p = Pattern::new(r"\bread more\b", std::path::Path::new("x.toml")).unwrap();
    /// assert!(p.search("… read more »") && !p.search("read mores"));
    /// ```
    pub fn search(&self, text: &str) -> bool {
        !self.surely_not(text) && self.answer(text, |e| e.is_match(text)).unwrap_or(false)
    }

    /// [`Pattern::search`] of a text that its loose pattern (see [`loose_hir`]) matches, as the phrase files'
    /// prefilter tells where it searched that very pattern (the caller's word: a text the loose pattern does
    /// not match may be answered wrongly). The loose test could only say that the pattern may match, so it is
    /// not asked (nor compiled); and a pattern that is its own loose form (no assertion but `^` and `$`,
    /// nothing that backtracks, no large bounded repeat: its loose translation is its main one) matches
    /// wherever that main translation answers (see [`Variant`]), without a search.
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let p = Pattern::new(r"(?i:^more\b.{0,40}\bstories$)", std::path::Path::new("x.toml")).unwrap();
    /// assert!(p.search_past_loose("More tech stories") && !p.search_past_loose("More stories ahead"));
    /// let own = Pattern::new(r"(?i:^photo\s*:\s*\S.*$)", std::path::Path::new("x.toml")).unwrap();
    /// assert!(own.search_past_loose("Photo: AFP") && own.search("Photo: AFP"));
    /// ```
    pub fn search_past_loose(&self, text: &str) -> bool {
        if self.variant(text) == Variant::Main && self.is_own_loose() {
            return true;
        }
        self.answer(text, |e| e.is_match(text)).unwrap_or(false)
    }

    /// Whether the loose translation is the main one (then so are their parsed patterns).
    pub(crate) fn is_own_loose(&self) -> bool {
        *self.own_loose.get_or_init(|| {
            !self.fancy
                && self.loose.is_none()
                && translate_with(&self.source, Mode::Loose, true)
                    .is_ok_and(|lo| !lo.fancy && lo.text == self.translated.text && lo.holes == self.translated.holes)
        })
    }

    /// Python's `pattern.match(text) is not None` (anchored at the start of `text`).
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let p = Pattern::new(r"b|ab", std::path::Path::new("x.toml")).unwrap();
    /// assert!(p.match_start("ab") && !p.match_start("cb"));
    /// ```
    pub fn match_start(&self, text: &str) -> bool {
        if self.surely_not(text) {
            return false;
        }
        let at_start = || {
            self.answer(text, |e| e.find(text))
                .flatten()
                .is_some_and(|(start, _)| start == 0)
        };
        if self.fancy || self.variant(text) != Variant::Main {
            // The leftmost match starts at 0 exactly when some match does; an anchored twin of a backtracking
            // pattern can take `fancy-regex` far more steps (up to its limit) than the pattern itself.
            return at_start();
        }
        let anchored = self.anchored.get_or_init(|| {
            let hir = self.main_hir().ok()?.clone();
            Engine::plain(&Hir::concat(vec![Hir::look(Look::Start), hir])).ok()
        });
        match anchored {
            Some(e) => e.is_match(text).unwrap_or(false),
            None => at_start(),
        }
    }

    /// The byte span of the first match (Python's `search(text).span()`, in bytes).
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let p = Pattern::new(r"é+", std::path::Path::new("x.toml")).unwrap();
    /// assert_eq!(p.find("caféé!"), Some((3, 7)));
    /// ```
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        if self.surely_not(text) {
            return None;
        }
        self.answer(text, |e| e.find(text)).flatten()
    }

    /// The text of named group `name` in the first match (Python's `search(text).group(name)`);
    /// `None` when there is no match, `Some("")` when the group did not take part.
    ///
    /// ```
    /// use cleaner_engine::pattern::Pattern;
    /// let p = Pattern::new(r"by (?P<who>\w+)|(?P<n>\d+)", std::path::Path::new("x.toml")).unwrap();
    /// assert_eq!(p.search_group("written by Jo", "who"), Some("Jo"));
    /// assert_eq!(p.search_group("page 12", "who"), Some(""));
    /// assert_eq!(p.search_group("none", "who"), None);
    /// ```
    pub fn search_group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        if self.surely_not(text) {
            return None;
        }
        self.answer(text, |e| e.group(text, name)).flatten()
    }

    /// Whether the loose pattern already says the pattern cannot match `text` (where it is worth asking:
    /// a backtracking pattern, or `\b` on a non-ASCII text). Not on a text the exact translation is for:
    /// the loose one reads `$` as the crate does.
    fn surely_not(&self, text: &str) -> bool {
        match &self.loose {
            Some((source, lo))
                if (self.fancy || self.bounded || (self.boundary && !text.is_ascii()))
                    && self.variant(text) == Variant::Main =>
            {
                let lo = lo.get_or_init(|| Engine::new(source).ok());
                lo.as_ref().is_some_and(|lo| lo.is_match(text) == Some(false))
            }
            _ => false,
        }
    }

    /// What `ask` gets from the engine that answers for `text` (see [`Variant`]). The exact translation
    /// backtracks everywhere (its assertions are lookaround) and may give up on nested repeats the module's
    /// own guards get through; the main one answers then. `None`: the backtracking main engine gave up too
    /// (a hostile line Python would take ages on; taken as no match).
    fn answer<T>(&self, text: &str, ask: impl Fn(&Engine) -> Option<T>) -> Option<T> {
        let engine = match self.variant(text) {
            Variant::Main if !self.fancy && text.is_ascii() => self.ascii_twin(),
            Variant::Main => None,
            Variant::Dollar => self.twin(&self.dollar_engine, Mode::Dollar),
            Variant::Exact => self.twin(&self.exact_engine, Mode::Exact),
        };
        if let Some(v) = engine.and_then(&ask) {
            return Some(v);
        }
        ask(self.main())
    }

    /// The main engine's ASCII twin, built on first need; `None` where the main engine is the same.
    fn ascii_twin(&self) -> Option<&Engine> {
        self.ascii
            .get_or_init(|| {
                let hir = self.main_hir().ok()?;
                let ascii = ascii_only(hir);
                (ascii != *hir).then(|| Engine::plain(&ascii).ok()).flatten()
            })
            .as_ref()
    }

    /// The engine of translation `mode` in `cell`, built on first need.
    fn twin<'a>(&'a self, cell: &'a OnceLock<Option<Engine>>, mode: Mode) -> Option<&'a Engine> {
        cell.get_or_init(|| Engine::new(&translate_for_engine(&self.source, mode).ok()?).ok())
            .as_ref()
    }

    fn variant(&self, text: &str) -> Variant {
        // Most characters of a text are below the first of `WORD_DELTA`: they are not looked up.
        let delta = |c: char| c >= WORD_DELTA_FIRST && in_ranges(c as u32, &WORD_DELTA);
        if self.boundary && !text.is_ascii() && text.chars().any(delta) {
            return Variant::Exact;
        }
        match text.strip_suffix('\n') {
            Some(head) if self.dollar => {
                if head.contains('\n') {
                    Variant::Exact
                } else {
                    Variant::Dollar
                }
            }
            _ => Variant::Main,
        }
    }
}

/// The least character `c` is related to under the `regex` module's case relation, directly or through
/// others: characters a case-insensitive pattern character may match all fold alike (a superset: the
/// relation is not transitive for `I`, `i`, `İ`, `ı`, where [`case_matches`] tells).
///
/// ```
/// use cleaner_engine::pattern::case_fold;
/// assert_eq!((case_fold('k'), case_fold('\u{212a}'), case_fold('ſ'), case_fold('ı')), ('K', 'K', 'S', 'I'));
/// assert_eq!((case_fold('ж'), case_fold('-')), ('Ж', '-'));
/// ```
pub fn case_fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    // Fx hashing: asked once per character of a line with letters outside ASCII.
    static FOLD: std::sync::LazyLock<rustc_hash::FxHashMap<u32, u32>> = std::sync::LazyLock::new(|| {
        // Components of the relation, each code point pointing at its least member.
        let mut least: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
        let find = |least: &rustc_hash::FxHashMap<u32, u32>, mut c: u32| {
            while let Some(&up) = least.get(&c) {
                if up == c {
                    break;
                }
                c = up;
            }
            c
        };
        for &(first, last, stride, delta) in &CASE_RUNS {
            let mut c = first;
            while c <= last {
                if let Some(t) = c.checked_add_signed(delta) {
                    let (a, b) = (find(&least, c), find(&least, t));
                    let (lo, hi) = (a.min(b), a.max(b));
                    least.insert(hi, lo);
                    least.entry(lo).or_insert(lo);
                }
                c += u32::from(stride);
            }
        }
        let keys: Vec<u32> = least.keys().copied().collect();
        keys.into_iter().map(|k| (k, find(&least, k))).collect()
    });
    FOLD.get(&(c as u32)).and_then(|&f| char::from_u32(f)).unwrap_or(c)
}

/// The characters outside ASCII that [`case_fold`] folds to an ASCII one (`İ`, `ı`, `ſ`, the Kelvin sign).
///
/// ```
/// let mut found = cleaner_engine::pattern::folding_to_ascii();
/// found.sort_unstable();
/// assert_eq!(found, ['\u{130}', '\u{131}', '\u{17f}', '\u{212a}']);
/// ```
pub fn folding_to_ascii() -> Vec<char> {
    // A character outside every pair of the relation folds to itself.
    let mut out = Vec::new();
    for &(first, last, stride, delta) in &CASE_RUNS {
        let mut c = first;
        while c <= last {
            for x in [Some(c), c.checked_add_signed(delta)].into_iter().flatten() {
                if let Some(ch) = char::from_u32(x).filter(|ch| !ch.is_ascii() && case_fold(*ch).is_ascii()) {
                    if !out.contains(&ch) {
                        out.push(ch);
                    }
                }
            }
            c += u32::from(stride);
        }
    }
    out
}

/// Whether the pattern character `p` matches the text character `t` when the `regex` module ignores case
/// (`t` is among the cases of `p`: `i` matches `İ`, `I` does not).
///
/// ```
/// use cleaner_engine::pattern::case_matches;
/// assert!(case_matches('i', 'İ') && case_matches('I', 'ı') && case_matches('s', 'ſ'));
/// assert!(!case_matches('I', 'İ') && !case_matches('i', 'ı') && !case_matches('a', 'b'));
/// ```
pub fn case_matches(p: char, t: char) -> bool {
    p == t || cases(p as u32).contains(&(t as u32))
}

/// A translation: the crate's syntax, whether it needs `fancy-regex`, and whether it has `\b`/`\B` or a
/// `$` that is not multi-line (see [`Variant`]).
#[derive(Debug, Default)]
struct Translated {
    text: String,
    fancy: bool,
    boundary: bool,
    dollar: bool,
    /// A repeat with a large upper bound (`{0,40}`): its DFA has a state per count, slow to build.
    bounded: bool,
    /// The classes left out of `text` (see [`HOLE`]), by number; empty for a translation written out whole.
    holes: Vec<Vec<(u32, u32)>>,
}

/// An open group: the flags to restore at its `)`, and where its text starts when it is to be dropped.
#[derive(Debug, Clone, Copy)]
struct Frame {
    flags: Flags,
    dropped_from: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    i: bool,
    m: bool,
    s: bool,
    x: bool,
}

/// A set of code points: sorted disjoint `ranges` united with `extras`, class items passed to the
/// crate as written (properties this module has no table for).
#[derive(Debug, Default, Clone)]
struct Set {
    ranges: Vec<(u32, u32)>,
    extras: Vec<String>,
}

impl Set {
    fn of(ranges: &[(u32, u32)]) -> Set {
        Set {
            ranges: normalise(ranges.to_vec()),
            extras: Vec::new(),
        }
    }

    fn extra(item: String) -> Set {
        Set {
            ranges: Vec::new(),
            extras: vec![item],
        }
    }

    fn union(&mut self, other: Set) {
        self.ranges.extend(other.ranges);
        self.ranges = normalise(std::mem::take(&mut self.ranges));
        self.extras.extend(other.extras);
    }

    fn negate(self) -> Set {
        if self.extras.is_empty() {
            Set {
                ranges: complement(&self.ranges),
                extras: Vec::new(),
            }
        } else {
            Set::extra(class_text(&self.ranges, &self.extras, true))
        }
    }

    fn text(&self) -> String {
        class_text(&self.ranges, &self.extras, false)
    }
}

/// Sorted, merged, and without surrogates (the crate takes no `\x{D800}`).
fn normalise(mut ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    ranges.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        let pieces = [(a, b.min(0xD7FF)), (a.max(0xE000), b)];
        for (lo, hi) in pieces {
            if lo > hi {
                continue;
            }
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
    }
    out
}

fn complement(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(a, b) in ranges {
        if a > next {
            out.push((next, a - 1));
        }
        next = b.saturating_add(1);
    }
    if next <= MAX_CP {
        out.push((next, MAX_CP));
    }
    normalise(out)
}

fn in_ranges(c: u32, ranges: &[(u32, u32)]) -> bool {
    let after = ranges.partition_point(|&(lo, _)| lo <= c);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|&(_, hi)| c <= hi)
}

fn push_cp(out: &mut String, c: u32) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => out.push(ch),
        // `\x{HEX}` written digit by digit: through `format!` this was a tenth of compiling the phrase files
        // (a class of Unicode letters has hundreds of ranges, and each is written for every translation).
        _ => {
            out.push_str("\\x{");
            let digits = (32 - c.leading_zeros()).div_ceil(4).max(1);
            for k in (0..digits).rev() {
                let d = (c >> (4 * k)) & 0xF;
                out.push(char::from(b"0123456789ABCDEF"[d as usize]));
            }
            out.push('}');
        }
    }
}

/// A bracket class of the crate (an empty one never matches, as an empty set should).
fn class_text(ranges: &[(u32, u32)], extras: &[String], negate: bool) -> String {
    if ranges.is_empty() && extras.is_empty() {
        return if negate {
            r"[\x{0}-\x{10FFFF}]"
        } else {
            r"[^\x{0}-\x{10FFFF}]"
        }
        .to_string();
    }
    let mut out = String::from(if negate { "[^" } else { "[" });
    for &(a, b) in ranges {
        push_cp(&mut out, a);
        if b > a {
            out.push('-');
            push_cp(&mut out, b);
        }
    }
    for e in extras {
        out.push_str(e);
    }
    out.push(']');
    out
}

/// The cases of `c` under the module's relation, `c` first (the others in [`CASE_RUNS`] order).
fn cases(c: u32) -> Vec<u32> {
    // By code point: asked for every literal character of a case-insensitive pattern, and the runs are
    // hundreds (scanning them was a tenth of compiling the phrase files).
    static OTHERS: std::sync::LazyLock<rustc_hash::FxHashMap<u32, Vec<u32>>> = std::sync::LazyLock::new(|| {
        let mut map: rustc_hash::FxHashMap<u32, Vec<u32>> = rustc_hash::FxHashMap::default();
        for &(first, last, stride, delta) in &CASE_RUNS {
            let mut c = first;
            while c <= last {
                if let Some(t) = c.checked_add_signed(delta) {
                    map.entry(c).or_default().push(t);
                }
                c += u32::from(stride);
            }
        }
        map
    });
    let mut out = vec![c];
    if let Some(others) = OTHERS.get(&c) {
        out.extend_from_slice(others);
    }
    out
}

/// `ranges` with every case of every member: the members of a bracket class under `(?i)`.
fn case_closure(ranges: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut out = ranges.clone();
    for &(first, last, stride, delta) in &CASE_RUNS {
        let stride = u32::from(stride);
        for &(a, b) in &ranges {
            let (lo, hi) = (a.max(first), b.min(last));
            if lo > hi {
                continue;
            }
            let mut c = first + (lo - first).div_ceil(stride) * stride;
            while c <= hi {
                if let Some(t) = c.checked_add_signed(delta) {
                    out.push((t, t));
                }
                c += stride;
            }
        }
    }
    normalise(out)
}

/// The set of a property name (`L`, `Lu`, `Han`, `^L`...) as `\p{name}` means it, `ci`: under `(?i)`.
fn property(name: &str, negated: bool, ci: bool) -> Set {
    let (name, negated) = match name.strip_prefix('^') {
        Some(rest) => (rest, !negated),
        None => (name, negated),
    };
    let mut key: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect::<String>()
        .to_lowercase();
    for prefix in ["generalcategory=", "gc=", "category="] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest.to_string();
        }
    }
    let cased_letters = || {
        let mut s = Set::of(&t::RE_UPPER);
        s.union(Set::of(&t::RE_LOWER));
        s.union(Set::extra(r"\p{Lt}".to_string()));
        s
    };
    let set = match key.as_str() {
        "l" | "letter" => Set::of(&t::RE_LETTER),
        "lu" | "uppercaseletter" | "ll" | "lowercaseletter" | "lt" | "titlecaseletter" if ci => cased_letters(),
        "lc" | "l&" | "casedletter" => cased_letters(),
        "lu" | "uppercaseletter" => Set::of(&t::RE_UPPER),
        "ll" | "lowercaseletter" => Set::of(&t::RE_LOWER),
        "n" | "number" => Set::of(&t::RE_NUMBER),
        "m" | "mark" | "combiningmark" => Set::of(&t::RE_MARK),
        "nd" | "decimalnumber" => Set::of(&t::RE_DIGIT),
        "lowercase" | "uppercase" | "lower" | "upper" if ci => Set::extra(r"\p{Cased}".to_string()),
        _ => Set::extra(format!(r"\p{{{name}}}")),
    };
    if negated {
        set.negate()
    } else {
        set
    }
}

/// What an escape stands for: one character, a set, or something the translator writes itself.
enum Escape {
    Char(char),
    Set(Set),
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    mode: Mode,
    out: Translated,
    flags: Flags,
    /// Whether classes without crate properties go to `out.holes` instead of the text.
    holed: bool,
    /// Whether a loose translation keeps large bounded repeats bounded.
    bounds: bool,
}

/// The loose translation of `source`: every assertion dropped, atomic groups made plain and large bounded
/// repeats unbounded, in the crate's syntax; it matches wherever `source` does (and more). An error for a
/// pattern that has no loose form (a back reference) or does not compile.
///
/// ```
/// let loose = cleaner_engine::pattern::loose(r"\bvia [a-z]{0,40}$").unwrap();
/// let re = regex::Regex::new(&loose).unwrap();
/// assert!(re.is_match("seen via reuters") && re.is_match("xvia y"));
/// ```
pub fn loose(source: &str) -> Result<String, String> {
    let lo = translate(source, Mode::Loose)?;
    if lo.fancy {
        return Err("no loose form".into());
    }
    Ok(lo.text)
}

/// [`loose`], parsed: what the crate's parser makes of its text, built without writing its classes out.
///
/// ```
/// let hir = cleaner_engine::pattern::loose_hir(r"\bvia \w{0,40}$").unwrap();
/// let set = regex_automata::meta::Regex::builder().build_many_from_hir(&[hir]).unwrap();
/// assert!(set.is_match("seen via reuters") && !set.is_match("via"));
/// ```
pub fn loose_hir(source: &str) -> Result<Hir, String> {
    loose_hir_with(source, false)
}

/// [`loose_hir`] with its large bounded repeats kept bounded: an automaton searching from where every match
/// of the pattern starts (or ends) then stops after the repeat's bound, instead of reading on to the end of
/// the text (the unbounded form is for a search through the whole text, where a state per count is slow).
///
/// ```
/// let hir = cleaner_engine::pattern::loose_bounded_hir(r"^[^|]{1,3}\|").unwrap();
/// let set = regex_automata::meta::Regex::builder().build_many_from_hir(&[hir]).unwrap();
/// assert!(set.is_match("abc|") && !set.is_match("abcd|"));
/// ```
pub fn loose_bounded_hir(source: &str) -> Result<Hir, String> {
    loose_hir_with(source, true)
}

fn loose_hir_with(source: &str, bounds: bool) -> Result<Hir, String> {
    let mut tr = Translator {
        chars: source.chars().collect(),
        pos: 0,
        mode: Mode::Loose,
        out: Translated::default(),
        flags: Flags::default(),
        holed: !source.contains(HOLE),
        bounds,
    };
    tr.run()?;
    if tr.out.fancy {
        return Err("no loose form".into());
    }
    holed_hir(&tr.out)
}

/// How to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// For the crate, its `\b` and `$` standing for the module's.
    Main,
    /// `\b`, `\B` and `$` as the module means them, with lookaround.
    Exact,
    /// As `Main`, but `$` (not multi-line) as `(?m:$)`: the module's `$` in a text whose one `\n` ends it.
    Dollar,
    /// Every assertion (`\b`, `\B`, lookaround) dropped, atomic groups made plain and large bounded
    /// repeats unbounded: a pattern that matches wherever the original does, and more, checked first
    /// where the original is slow.
    Loose,
}

/// Translate `source` (module syntax) into the crate's, every class written out.
fn translate(source: &str, mode: Mode) -> Result<Translated, String> {
    translate_with(source, mode, false)
}

/// Translate `source`, with its classes left as holes when `holed` (see [`HOLE`]).
fn translate_with(source: &str, mode: Mode, holed: bool) -> Result<Translated, String> {
    let mut tr = Translator {
        chars: source.chars().collect(),
        pos: 0,
        mode,
        out: Translated::default(),
        flags: Flags::default(),
        holed: holed && !source.contains(HOLE),
        bounds: false,
    };
    tr.run()?;
    Ok(tr.out)
}

/// Translate `source` for [`Engine::new`]: with holes, unless the translation needs `fancy-regex`
/// (which reads text only).
fn translate_for_engine(source: &str, mode: Mode) -> Result<Translated, String> {
    let out = translate_with(source, mode, true)?;
    if out.fancy {
        translate(source, mode)
    } else {
        Ok(out)
    }
}

/// The group name that marks a hole: a class the translation leaves out of its text, as `(?P<__holeN>a)`,
/// and [`fill`] puts back in the parsed pattern. Written out, the module's classes (`\w`, `\p{L}`) are
/// explicit lists of hundreds of ranges, and the crate's parser took most of the time of compiling the
/// phrase files (a fresh process's start) reading them. A group keeps the hole apart: the parser merges
/// neighbouring literals and single-character alternatives, never a group. A source that has a group of
/// that name is translated whole.
const HOLE: &str = "__hole";

/// The parsed pattern of a holed translation, its holes filled: what parsing the whole text would give.
fn holed_hir(out: &Translated) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&out.text)
        .map_err(|e| e.to_string())?;
    let mut next = 1;
    Ok(fill(hir, &out.holes, &mut next))
}

/// `hir` with each hole group replaced by its class, and the other groups numbered again in order
/// (from `next`), as if the holes had never been groups.
fn fill(hir: Hir, holes: &[Vec<(u32, u32)>], next: &mut u32) -> Hir {
    match hir.into_kind() {
        HirKind::Capture(cap) => {
            let hole = cap
                .name
                .as_deref()
                .and_then(|n| n.strip_prefix(HOLE))
                .and_then(|k| k.parse::<usize>().ok());
            match hole.and_then(|k| holes.get(k)) {
                Some(ranges) => {
                    Hir::class(Class::Unicode(ClassUnicode::new(ranges.iter().filter_map(
                        |&(a, b)| Some(ClassUnicodeRange::new(char::from_u32(a)?, char::from_u32(b)?)),
                    ))))
                }
                None => {
                    let index = *next;
                    *next += 1;
                    let sub = Box::new(fill(*cap.sub, holes, next));
                    Hir::capture(Capture {
                        index,
                        name: cap.name,
                        sub,
                    })
                }
            }
        }
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fill(*rep.sub, holes, next)),
            ..rep
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(|h| fill(h, holes, next)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(|h| fill(h, holes, next)).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
    }
}

/// `hir` with each class cut to its ASCII part and each word boundary made ASCII's: on an ASCII text it
/// matches exactly where `hir` does (every character the text has, and every neighbour a boundary looks
/// at, is ASCII), and a Unicode class such as `\w` or `\p{Lu}`, above all in a bounded repeat, makes an
/// automaton many times larger (slower to compile, and each lazy DFA state dearer to build).
///
/// ```
/// use cleaner_engine::pattern::Pattern;
/// let p = Pattern::new(r"(?i:\bvia\s+[\w\s]{0,40}$)", std::path::Path::new("x.toml")).unwrap();
/// assert!(p.search("Photo via Getty Images") && p.search("Photo via Ünal"));
/// assert!(!p.search("Photo viaduct"));
/// ```
fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = class.clone();
            ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(ascii_only(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(ascii_only(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_only).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_only).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) => hir.clone(),
    }
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn emit(&mut self, s: &str) {
        self.out.text.push_str(s);
    }

    fn run(&mut self) -> Result<(), String> {
        let mut stack: Vec<Frame> = Vec::new();
        // Whether the last token was a repeat: a second one is an error in the module (possessive `*+`
        // included, which the crate would read as a repeat of a repeat).
        let mut repeated = false;
        while let Some(c) = self.next() {
            if self.flags.x {
                if c.is_whitespace() {
                    continue;
                }
                if c == '#' {
                    while let Some(d) = self.next() {
                        if d == '\n' {
                            break;
                        }
                    }
                    continue;
                }
            }
            let mut is_repeat = false;
            match c {
                '\\' => self.escape_outside()?,
                '[' => self.class()?,
                '(' => self.group(&mut stack)?,
                ')' => {
                    let frame = stack.pop().ok_or("unbalanced parenthesis")?;
                    self.flags = frame.flags;
                    match frame.dropped_from {
                        Some(start) => {
                            self.out.text.truncate(start);
                            self.emit("(?:)");
                        }
                        None => self.emit(")"),
                    }
                }
                '|' | '.' | '^' => self.out.text.push(c),
                '$' => {
                    if self.flags.m {
                        self.emit("$");
                    } else {
                        self.out.dollar = true;
                        match self.mode {
                            Mode::Exact => {
                                self.out.fancy = true;
                                self.emit(r"(?=\n?\z)");
                            }
                            Mode::Dollar => self.emit("(?m:$)"),
                            Mode::Main | Mode::Loose => self.emit("$"),
                        }
                    }
                }
                '*' | '+' | '?' => {
                    if repeated {
                        return Err("multiple repeat (possessive repeats are not supported)".into());
                    }
                    self.out.text.push(c);
                    self.lazy();
                    is_repeat = true;
                }
                '{' => match self.brace_repeat() {
                    Some(rep) => {
                        if repeated {
                            return Err("multiple repeat (possessive repeats are not supported)".into());
                        }
                        self.emit(&rep);
                        self.lazy();
                        is_repeat = true;
                    }
                    None => self.emit(r"\{"),
                },
                '}' => self.emit(r"\}"),
                _ => self.literal(c),
            }
            repeated = is_repeat;
        }
        if !stack.is_empty() {
            return Err("missing )".into());
        }
        Ok(())
    }

    fn lazy(&mut self) {
        if self.eat('?') {
            self.emit("?");
        }
    }

    /// A valid `{m}`, `{m,}`, `{,n}`, `{m,n}` or `{,}` after the `{` just read (the crate's form), or
    /// None: then the `{` is a literal.
    fn brace_repeat(&mut self) -> Option<String> {
        let mut k = 0;
        let mut min = String::new();
        let mut max = String::new();
        let mut comma = false;
        loop {
            let c = self.peek_at(k)?;
            k += 1;
            match c {
                '0'..='9' if comma => max.push(c),
                '0'..='9' => min.push(c),
                ',' if !comma => comma = true,
                '}' => break,
                _ => return None,
            }
        }
        self.pos += k;
        let min = if min.is_empty() { "0".to_string() } else { min };
        let large = comma && max.parse::<usize>().map_or(true, |n| n > BOUNDED_REPEAT);
        self.out.bounded |= large;
        Some(if comma && large && self.mode == Mode::Loose && !self.bounds {
            // A superset: the loose pattern only rules lines out.
            format!("{{{min},}}")
        } else if comma {
            format!("{{{min},{max}}}")
        } else {
            format!("{{{min}}}")
        })
    }

    /// A literal character: under `(?i)`, the class of its cases.
    fn literal(&mut self, c: char) {
        if self.flags.i {
            let cs = cases(c as u32);
            if cs.len() > 1 {
                let ranges: Vec<(u32, u32)> = cs.iter().map(|&x| (x, x)).collect();
                let text = class_text(&normalise(ranges), &[], false);
                self.emit(&text);
                return;
            }
        }
        if r"\.+*?()|[]{}^$#&-~".contains(c) {
            self.out.text.push('\\');
            self.out.text.push(c);
        } else if c.is_whitespace() || c.is_control() {
            let mut s = String::new();
            push_cp(&mut s, c as u32);
            self.emit(&s);
        } else {
            self.out.text.push(c);
        }
    }

    fn word_class(&self) -> String {
        Set::of(&t::RE_WORD).text()
    }

    fn escape_outside(&mut self) -> Result<(), String> {
        let c = self.next().ok_or("bad escape (end of pattern)")?;
        match c {
            'b' | 'B' => {
                self.out.boundary = true;
                if self.mode == Mode::Loose {
                    self.emit("(?:)");
                } else if self.mode == Mode::Exact {
                    self.out.fancy = true;
                    let w = self.word_class();
                    let text = if c == 'b' {
                        format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))")
                    } else {
                        format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
                    };
                    self.emit(&text);
                } else {
                    self.emit(if c == 'b' { r"\b" } else { r"\B" });
                }
            }
            'A' => self.emit(r"\A"),
            'Z' => self.emit(r"\z"),
            '1'..='9' if !self.is_octal(c) => {
                let mut n = c.to_string();
                if let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    self.pos += 1;
                    n.push(d);
                }
                self.out.fancy = true;
                self.emit(&format!(r"\{n}"));
            }
            'g' => {
                if !self.eat('<') {
                    return Err(r"bad escape \g".into());
                }
                let name = self.name_until('>')?;
                self.out.fancy = true;
                self.emit(&format!(r"\k<{name}>"));
            }
            _ => match self.escape_common(c, false)? {
                Escape::Char(ch) => self.literal(ch),
                Escape::Set(set) => self.emit_set(set, false),
            },
        }
        Ok(())
    }

    /// Whether the digit `c` just read opens a three-digit octal escape (else a group reference).
    fn is_octal(&self, c: char) -> bool {
        let oct = |x: Option<char>| x.is_some_and(|x| ('0'..='7').contains(&x));
        c <= '3' && oct(self.peek()) && oct(self.peek_at(1))
    }

    /// The escapes that mean the same inside and outside a class.
    fn escape_common(&mut self, c: char, in_class: bool) -> Result<Escape, String> {
        let set = |s: Set| Ok(Escape::Set(s));
        match c {
            'd' => set(Set::of(&t::RE_DIGIT)),
            'D' => set(Set::of(&t::RE_DIGIT).negate()),
            'w' => set(Set::of(&t::RE_WORD)),
            'W' => set(Set::of(&t::RE_WORD).negate()),
            's' => set(Set::of(&t::RE_SPACE)),
            'S' => set(Set::of(&t::RE_SPACE).negate()),
            'p' | 'P' => {
                let name = if self.eat('{') {
                    self.name_until('}')?
                } else {
                    self.next().ok_or("bad property")?.to_string()
                };
                set(property(&name, c == 'P', self.flags.i))
            }
            'b' if in_class => Ok(Escape::Char('\u{8}')),
            'a' => Ok(Escape::Char('\u{7}')),
            'f' => Ok(Escape::Char('\u{c}')),
            'n' => Ok(Escape::Char('\n')),
            'r' => Ok(Escape::Char('\r')),
            't' => Ok(Escape::Char('\t')),
            'v' => Ok(Escape::Char('\u{b}')),
            'x' => {
                let hex = if self.eat('{') {
                    self.name_until('}')?
                } else {
                    self.take_hex(2)?
                };
                self.code_point(&hex)
            }
            'u' => {
                let hex = self.take_hex(4)?;
                self.code_point(&hex)
            }
            'U' => {
                let hex = self.take_hex(8)?;
                self.code_point(&hex)
            }
            '0' => {
                let mut oct = String::from("0");
                while oct.len() < 3 && self.peek().is_some_and(|x| ('0'..='7').contains(&x)) {
                    oct.extend(self.next());
                }
                self.octal(&oct)
            }
            '1'..='7' if self.is_octal(c) => {
                let mut oct = c.to_string();
                oct.extend(self.next());
                oct.extend(self.next());
                self.octal(&oct)
            }
            c if c.is_ascii_alphanumeric() => Err(format!(r"bad or unsupported escape \{c}")),
            c => Ok(Escape::Char(c)),
        }
    }

    fn take_hex(&mut self, n: usize) -> Result<String, String> {
        let mut hex = String::new();
        for _ in 0..n {
            match self.next() {
                Some(c) if c.is_ascii_hexdigit() => hex.push(c),
                _ => return Err("incomplete hex escape".into()),
            }
        }
        Ok(hex)
    }

    fn code_point(&self, hex: &str) -> Result<Escape, String> {
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(Escape::Char)
            .ok_or_else(|| format!("bad hex escape {hex}"))
    }

    fn octal(&self, oct: &str) -> Result<Escape, String> {
        u32::from_str_radix(oct, 8)
            .ok()
            .and_then(char::from_u32)
            .map(Escape::Char)
            .ok_or_else(|| format!("bad octal escape {oct}"))
    }

    fn name_until(&mut self, end: char) -> Result<String, String> {
        let mut name = String::new();
        loop {
            match self.next() {
                Some(c) if c == end => return Ok(name),
                Some(c) => name.push(c),
                None => return Err(format!("missing {end}")),
            }
        }
    }

    /// A bracket class, the `[` read: the union of its items, the literal ones with their cases under
    /// `(?i)`, negated last (so `(?i)[^i]` refuses `İ`, as the module does).
    fn class(&mut self) -> Result<(), String> {
        let negate = self.eat('^');
        let mut set = Set::default();
        let mut literals: Vec<(u32, u32)> = Vec::new();
        let mut first = true;
        loop {
            let c = self.next().ok_or("unterminated character set")?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '\\' => {
                    let e = self.next().ok_or("unterminated character set")?;
                    match self.escape_common(e, true)? {
                        Escape::Char(ch) => ch,
                        Escape::Set(s) => {
                            set.union(s);
                            continue;
                        }
                    }
                }
                '[' if self.peek() == Some(':') => return Err("POSIX classes are not supported".into()),
                c => c,
            };
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|x| x != ']') {
                self.pos += 1;
                let c2 = self.next().ok_or("unterminated character set")?;
                let hi = if c2 == '\\' {
                    let e = self.next().ok_or("unterminated character set")?;
                    match self.escape_common(e, true)? {
                        Escape::Char(ch) => ch,
                        Escape::Set(_) => return Err("bad character range".into()),
                    }
                } else {
                    c2
                };
                if hi < lo {
                    return Err("bad character range".into());
                }
                literals.push((lo as u32, hi as u32));
            } else {
                literals.push((lo as u32, lo as u32));
            }
        }
        let literals = normalise(literals);
        let literals = if self.flags.i { case_closure(literals) } else { literals };
        set.union(Set {
            ranges: literals,
            extras: Vec::new(),
        });
        self.emit_set(set, negate);
        Ok(())
    }

    /// A class: written out, or as a hole (one without crate properties, when holes are asked for).
    fn emit_set(&mut self, set: Set, negate: bool) {
        if self.holed && set.extras.is_empty() {
            let ranges = if negate { complement(&set.ranges) } else { set.ranges };
            let k = self.out.holes.len();
            self.out.holes.push(ranges);
            self.emit(&format!("(?P<{HOLE}{k}>a)"));
        } else {
            let text = class_text(&set.ranges, &set.extras, negate);
            self.emit(&text);
        }
    }

    /// A group or flag setting, the `(` read.
    fn group(&mut self, stack: &mut Vec<Frame>) -> Result<(), String> {
        let frame = Frame {
            flags: self.flags,
            dropped_from: None,
        };
        if !self.eat('?') {
            stack.push(frame);
            self.emit("(");
            return Ok(());
        }
        let c = self.next().ok_or("unexpected end of pattern")?;
        match c {
            ':' => {
                stack.push(frame);
                self.emit("(?:");
            }
            'P' if self.eat('<') => {
                let name = self.name_until('>')?;
                stack.push(frame);
                self.emit(&format!("(?P<{name}>"));
            }
            'P' if self.eat('=') => {
                let name = self.name_until(')')?;
                self.out.fancy = true;
                self.emit(&format!(r"\k<{name}>"));
            }
            '<' if self.peek() == Some('=') || self.peek() == Some('!') => {
                let kind = self.next().unwrap_or('=');
                self.lookaround(stack, frame, &format!("(?<{kind}"));
            }
            '<' => {
                let name = self.name_until('>')?;
                stack.push(frame);
                self.emit(&format!("(?P<{name}>"));
            }
            '=' | '!' => self.lookaround(stack, frame, &format!("(?{c}")),
            '>' if self.mode == Mode::Loose => {
                stack.push(frame);
                self.emit("(?:");
            }
            '>' => {
                stack.push(frame);
                self.out.fancy = true;
                self.emit("(?>");
            }
            '#' => {
                self.name_until(')')?;
            }
            c if c.is_ascii_alphabetic() || c == '-' => {
                self.pos -= 1;
                self.flag_group(stack)?;
            }
            c => return Err(format!("unsupported group (?{c}")),
        }
        Ok(())
    }

    /// A lookaround group opened by `open`: dropped, up to its `)`, from a loose translation.
    fn lookaround(&mut self, stack: &mut Vec<Frame>, mut frame: Frame, open: &str) {
        if self.mode == Mode::Loose {
            frame.dropped_from = Some(self.out.text.len());
        } else {
            self.out.fancy = true;
        }
        stack.push(frame);
        self.emit(open);
    }

    /// `(?flags)`, `(?flags:`, `(?flags-flags:` after the `(?`: `i` and `x` are applied here, `m` and `s`
    /// passed on.
    fn flag_group(&mut self, stack: &mut Vec<Frame>) -> Result<(), String> {
        let mut on = true;
        let mut flags = self.flags;
        let mut passed = String::new();
        loop {
            let c = self.next().ok_or("missing )")?;
            match c {
                '-' if on => {
                    on = false;
                    passed.push('-');
                }
                'i' => flags.i = on,
                'x' => flags.x = on,
                'm' => {
                    flags.m = on;
                    passed.push('m');
                }
                's' => {
                    flags.s = on;
                    passed.push('s');
                }
                'u' => {}
                'V' if self.eat('0') => {}
                ':' => {
                    stack.push(Frame {
                        flags: self.flags,
                        dropped_from: None,
                    });
                    self.flags = flags;
                    let passed = passed.trim_end_matches('-');
                    self.emit(&format!("(?{passed}:"));
                    return Ok(());
                }
                ')' => {
                    self.flags = flags;
                    let passed = passed.trim_end_matches('-');
                    if !passed.is_empty() {
                        self.emit(&format!("(?{passed})"));
                    }
                    return Ok(());
                }
                c => return Err(format!("unsupported flag {c}")),
            }
        }
    }
}

/// The code points that are word characters in the module's database and not in the crate's, or the
/// other way round (all new in Unicode 17): next to one, the crate's `\b` is not the module's. The test
/// `word_delta_is_the_difference` checks it against `pystr`'s `\w` table and the crate.
/// The least code point of [`WORD_DELTA`] (its test checks it).
const WORD_DELTA_FIRST: char = '\u{558}';

#[rustfmt::skip]
static WORD_DELTA: [(u32, u32); 60] = [
    (0x558, 0x558), (0x58B, 0x58C), (0x5C8, 0x5C9), (0x88F, 0x88F), (0xB53, 0xB54), (0xC5C, 0xC5C), (0xCDC, 0xCDC),
    (0x1ACF, 0x1AF0), (0x208F, 0x208F), (0x209D, 0x209F), (0xA7CE, 0xA7CF), (0xA7D2, 0xA7D2), (0xA7D4, 0xA7D4),
    (0xA7DD, 0xA7DD), (0xA7E2, 0xA7E2), (0xA7F1, 0xA7F1), (0xAB6C, 0xAB6D), (0x107BB, 0x107BF), (0x10940, 0x10959),
    (0x10EC5, 0x10EC7), (0x10ECB, 0x10ECF), (0x10ED9, 0x10EEE), (0x10EF0, 0x10EFB), (0x11B0A, 0x11B0A),
    (0x11B60, 0x11B67), (0x11DB0, 0x11DDB), (0x11DE0, 0x11DE9), (0x11DF0, 0x11DF1), (0x1246F, 0x1246F),
    (0x12475, 0x1247F), (0x12550, 0x12686), (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16FF2, 0x16FF6),
    (0x187F8, 0x187FF), (0x18CD6, 0x18CDA), (0x18D09, 0x18D20), (0x18D80, 0x18DF2), (0x18E00, 0x19191),
    (0x191A0, 0x191D2), (0x1B123, 0x1B128), (0x1B168, 0x1B168), (0x1D127, 0x1D128), (0x1D250, 0x1D252),
    (0x1D25B, 0x1D25C), (0x1D25F, 0x1D25F), (0x1D280, 0x1D281), (0x1D6A6, 0x1D6A6), (0x1DF1F, 0x1DF24),
    (0x1DF2B, 0x1DF81), (0x1DF90, 0x1DF96), (0x1DFCD, 0x1DFFF), (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5),
    (0x1E6FE, 0x1E6FF), (0x2B73A, 0x2B73F), (0x2B81E, 0x2B81E), (0x2CEA2, 0x2CEAD), (0x323B0, 0x33479),
    (0x3D000, 0x3FC3F),
];

/// The `regex` module's case relation under IGNORECASE (version 0, its Unicode 17 database), as runs
/// `(first, last, stride, delta)`: every `c = first + k * stride <= last` has `c + delta` among its cases.
/// It is symmetric but not transitive (`i`~`I`, `i`~`İ`, not `I`~`İ`). Written by:
///
/// ```text
/// import regex, regex._regex as R
/// pairs = [(c, t - c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
///          for t in R.get_all_cases(regex.I, c) if t != c]
/// # grouped by delta into runs of code points with a constant stride (at most 255), sorted
/// ```
#[rustfmt::skip]
static CASE_RUNS: [(u32, u32, u8, i32); 458] = [
    (0x41, 0x5A, 1, 32), (0x49, 0x49, 1, 232), (0x4B, 0x4B, 1, 8415), (0x53, 0x53, 1, 300), (0x61, 0x7A, 1, -32),
    (0x69, 0x69, 1, 199), (0x6B, 0x6B, 1, 8383), (0x73, 0x73, 1, 268), (0xB5, 0xB5, 1, 743), (0xB5, 0xB5, 1, 775),
    (0xC0, 0xD6, 1, 32), (0xC5, 0xC5, 1, 8294), (0xD8, 0xDE, 1, 32), (0xDF, 0xDF, 1, 7615), (0xDF, 0xDF, 1, 122550),
    (0xE0, 0xF6, 1, -32), (0xE5, 0xE5, 1, 8262), (0xF8, 0xFE, 1, -32), (0xFF, 0xFF, 1, 121), (0x100, 0x12E, 2, 1),
    (0x101, 0x12F, 2, -1), (0x130, 0x130, 1, -199), (0x131, 0x131, 1, -232), (0x132, 0x136, 2, 1),
    (0x133, 0x137, 2, -1), (0x139, 0x147, 2, 1), (0x13A, 0x148, 2, -1), (0x14A, 0x176, 2, 1), (0x14B, 0x177, 2, -1),
    (0x178, 0x178, 1, -121), (0x179, 0x17D, 2, 1), (0x17A, 0x17E, 2, -1), (0x17F, 0x17F, 1, -300),
    (0x17F, 0x17F, 1, -268), (0x180, 0x180, 1, 195), (0x181, 0x181, 1, 210), (0x182, 0x184, 2, 1),
    (0x183, 0x185, 2, -1), (0x186, 0x186, 1, 206), (0x187, 0x18B, 4, 1), (0x188, 0x18C, 4, -1),
    (0x189, 0x18A, 1, 205), (0x18E, 0x18E, 1, 79), (0x18F, 0x18F, 1, 202), (0x190, 0x190, 1, 203),
    (0x191, 0x198, 7, 1), (0x192, 0x199, 7, -1), (0x193, 0x193, 1, 205), (0x194, 0x194, 1, 207),
    (0x195, 0x195, 1, 97), (0x196, 0x19C, 6, 211), (0x197, 0x197, 1, 209), (0x19A, 0x19A, 1, 163),
    (0x19B, 0x19B, 1, 42561), (0x19D, 0x19D, 1, 213), (0x19E, 0x19E, 1, 130), (0x19F, 0x19F, 1, 214),
    (0x1A0, 0x1A4, 2, 1), (0x1A1, 0x1A5, 2, -1), (0x1A6, 0x1A9, 3, 218), (0x1A7, 0x1AC, 5, 1), (0x1A8, 0x1AD, 5, -1),
    (0x1AE, 0x1AE, 1, 218), (0x1AF, 0x1B3, 4, 1), (0x1B0, 0x1B4, 4, -1), (0x1B1, 0x1B2, 1, 217), (0x1B5, 0x1B8, 3, 1),
    (0x1B6, 0x1B9, 3, -1), (0x1B7, 0x1B7, 1, 219), (0x1BC, 0x1C4, 8, 1), (0x1BD, 0x1C5, 8, -1), (0x1BF, 0x1BF, 1, 56),
    (0x1C4, 0x1CA, 3, 2), (0x1C5, 0x1C7, 2, 1), (0x1C6, 0x1C8, 2, -1), (0x1C6, 0x1CC, 3, -2), (0x1C8, 0x1CA, 2, 1),
    (0x1C9, 0x1CB, 2, -1), (0x1CB, 0x1DB, 2, 1), (0x1CC, 0x1DC, 2, -1), (0x1DD, 0x1DD, 1, -79), (0x1DE, 0x1EE, 2, 1),
    (0x1DF, 0x1EF, 2, -1), (0x1F1, 0x1F1, 1, 2), (0x1F1, 0x1F2, 1, 1), (0x1F2, 0x1F3, 1, -1), (0x1F3, 0x1F3, 1, -2),
    (0x1F4, 0x1F8, 4, 1), (0x1F5, 0x1F9, 4, -1), (0x1F6, 0x1F6, 1, -97), (0x1F7, 0x1F7, 1, -56), (0x1FA, 0x21E, 2, 1),
    (0x1FB, 0x21F, 2, -1), (0x220, 0x220, 1, -130), (0x222, 0x232, 2, 1), (0x223, 0x233, 2, -1),
    (0x23A, 0x23A, 1, 10795), (0x23B, 0x241, 6, 1), (0x23C, 0x242, 6, -1), (0x23D, 0x23D, 1, -163),
    (0x23E, 0x23E, 1, 10792), (0x23F, 0x240, 1, 10815), (0x243, 0x243, 1, -195), (0x244, 0x244, 1, 69),
    (0x245, 0x245, 1, 71), (0x246, 0x24E, 2, 1), (0x247, 0x24F, 2, -1), (0x250, 0x250, 1, 10783),
    (0x251, 0x251, 1, 10780), (0x252, 0x252, 1, 10782), (0x253, 0x253, 1, -210), (0x254, 0x254, 1, -206),
    (0x256, 0x257, 1, -205), (0x259, 0x259, 1, -202), (0x25B, 0x25B, 1, -203), (0x25C, 0x25C, 1, 42319),
    (0x260, 0x260, 1, -205), (0x261, 0x261, 1, 42315), (0x263, 0x263, 1, -207), (0x264, 0x264, 1, 42343),
    (0x265, 0x265, 1, 42280), (0x266, 0x26A, 4, 42308), (0x268, 0x268, 1, -209), (0x269, 0x26F, 6, -211),
    (0x26B, 0x26B, 1, 10743), (0x26C, 0x26C, 1, 42305), (0x271, 0x271, 1, 10749), (0x272, 0x272, 1, -213),
    (0x275, 0x275, 1, -214), (0x277, 0x27C, 5, 42342), (0x27D, 0x27D, 1, 10727), (0x280, 0x283, 3, -218),
    (0x282, 0x282, 1, 42307), (0x287, 0x287, 1, 42282), (0x288, 0x288, 1, -218), (0x289, 0x289, 1, -69),
    (0x28A, 0x28B, 1, -217), (0x28C, 0x28C, 1, -71), (0x292, 0x292, 1, -219), (0x29D, 0x29D, 1, 42261),
    (0x29E, 0x29E, 1, 42258), (0x345, 0x345, 1, 84), (0x345, 0x345, 1, 7289), (0x345, 0x37F, 58, 116),
    (0x370, 0x372, 2, 1), (0x371, 0x373, 2, -1), (0x376, 0x3C2, 76, 1), (0x377, 0x3C3, 76, -1),
    (0x37B, 0x37D, 1, 130), (0x386, 0x386, 1, 38), (0x388, 0x38A, 1, 37), (0x38C, 0x3B5, 41, 64),
    (0x38E, 0x38F, 1, 63), (0x390, 0x390, 1, 7235), (0x391, 0x3A1, 1, 32), (0x392, 0x392, 1, 62),
    (0x395, 0x395, 1, 96), (0x398, 0x398, 1, 57), (0x398, 0x398, 1, 92), (0x399, 0x399, 1, -84),
    (0x399, 0x399, 1, 7205), (0x39A, 0x39A, 1, 86), (0x39C, 0x39C, 1, -743), (0x3A0, 0x3BA, 26, 54),
    (0x3A1, 0x400, 95, 80), (0x3A3, 0x3A3, 1, 31), (0x3A3, 0x3AB, 1, 32), (0x3A6, 0x3A6, 1, 47),
    (0x3A9, 0x3A9, 1, 7549), (0x3AC, 0x3AC, 1, -38), (0x3AD, 0x3AF, 1, -37), (0x3B0, 0x3B0, 1, 7219),
    (0x3B1, 0x3C1, 1, -32), (0x3B2, 0x3B2, 1, 30), (0x3B8, 0x3B8, 1, 25), (0x3B8, 0x3B8, 1, 60),
    (0x3B9, 0x3B9, 1, 7173), (0x3B9, 0x3F3, 58, -116), (0x3BC, 0x3BC, 1, -775), (0x3C0, 0x3C0, 1, 22),
    (0x3C1, 0x3C1, 1, 48), (0x3C2, 0x3C2, 1, -31), (0x3C3, 0x3CB, 1, -32), (0x3C6, 0x4C0, 250, 15),
    (0x3C9, 0x3C9, 1, 7517), (0x3CC, 0x3F5, 41, -64), (0x3CD, 0x3CE, 1, -63), (0x3CF, 0x3CF, 1, 8),
    (0x3D0, 0x3D0, 1, -62), (0x3D0, 0x3D0, 1, -30), (0x3D1, 0x3D1, 1, -57), (0x3D1, 0x3D1, 1, -25),
    (0x3D1, 0x3D1, 1, 35), (0x3D5, 0x3D5, 1, -47), (0x3D5, 0x4CF, 250, -15), (0x3D6, 0x3D6, 1, -22),
    (0x3D6, 0x3F0, 26, -54), (0x3D7, 0x3D7, 1, -8), (0x3D8, 0x3EE, 2, 1), (0x3D9, 0x3EF, 2, -1),
    (0x3F0, 0x3F0, 1, -86), (0x3F1, 0x3F1, 1, -48), (0x3F1, 0x450, 95, -80), (0x3F2, 0x3F2, 1, 7),
    (0x3F4, 0x3F4, 1, -92), (0x3F4, 0x3F4, 1, -60), (0x3F4, 0x3F4, 1, -35), (0x3F5, 0x3F5, 1, -96),
    (0x3F7, 0x3FA, 3, 1), (0x3F8, 0x3FB, 3, -1), (0x3F9, 0x3F9, 1, -7), (0x3FD, 0x3FF, 1, -130),
    (0x401, 0x40F, 1, 80), (0x410, 0x42F, 1, 32), (0x412, 0x412, 1, 6254), (0x414, 0x414, 1, 6253),
    (0x41E, 0x41E, 1, 6244), (0x421, 0x422, 1, 6242), (0x422, 0x422, 1, 6243), (0x42A, 0x42A, 1, 6236),
    (0x430, 0x44F, 1, -32), (0x432, 0x432, 1, 6222), (0x434, 0x434, 1, 6221), (0x43E, 0x43E, 1, 6212),
    (0x441, 0x442, 1, 6210), (0x442, 0x442, 1, 6211), (0x44A, 0x44A, 1, 6204), (0x451, 0x45F, 1, -80),
    (0x460, 0x480, 2, 1), (0x461, 0x481, 2, -1), (0x462, 0x462, 1, 6181), (0x463, 0x463, 1, 6180),
    (0x48A, 0x4BE, 2, 1), (0x48B, 0x4BF, 2, -1), (0x4C1, 0x4CD, 2, 1), (0x4C2, 0x4CE, 2, -1), (0x4D0, 0x52E, 2, 1),
    (0x4D1, 0x52F, 2, -1), (0x531, 0x556, 1, 48), (0x561, 0x586, 1, -48), (0x10A0, 0x10C5, 1, 7264),
    (0x10C7, 0x10CD, 6, 7264), (0x10D0, 0x10FA, 1, 3008), (0x10FD, 0x10FF, 1, 3008), (0x13A0, 0x13EF, 1, 38864),
    (0x13F0, 0x13F5, 1, 8), (0x13F8, 0x13FD, 1, -8), (0x1C80, 0x1C80, 1, -6254), (0x1C80, 0x1C80, 1, -6222),
    (0x1C81, 0x1C81, 1, -6253), (0x1C81, 0x1C81, 1, -6221), (0x1C82, 0x1C82, 1, -6244), (0x1C82, 0x1C82, 1, -6212),
    (0x1C83, 0x1C84, 1, -6242), (0x1C83, 0x1C84, 1, -6210), (0x1C84, 0x1C89, 5, 1), (0x1C85, 0x1C85, 1, -6243),
    (0x1C85, 0x1C85, 1, -6211), (0x1C85, 0x1C8A, 5, -1), (0x1C86, 0x1C86, 1, -6236), (0x1C86, 0x1C86, 1, -6204),
    (0x1C87, 0x1C87, 1, -6181), (0x1C87, 0x1C87, 1, -6180), (0x1C88, 0x1C88, 1, 35266), (0x1C88, 0x1C88, 1, 35267),
    (0x1C90, 0x1CBA, 1, -3008), (0x1CBD, 0x1CBF, 1, -3008), (0x1D79, 0x1D79, 1, 35332), (0x1D7D, 0x1D7D, 1, 3814),
    (0x1D8E, 0x1D8E, 1, 35384), (0x1E00, 0x1E94, 2, 1), (0x1E01, 0x1E95, 2, -1), (0x1E60, 0x1E60, 1, 59),
    (0x1E61, 0x1E61, 1, 58), (0x1E9B, 0x1E9B, 1, -59), (0x1E9B, 0x1E9B, 1, -58), (0x1E9E, 0x1E9E, 1, -7615),
    (0x1E9E, 0x1E9E, 1, 114935), (0x1EA0, 0x1EFE, 2, 1), (0x1EA1, 0x1EFF, 2, -1), (0x1F00, 0x1F07, 1, 8),
    (0x1F08, 0x1F0F, 1, -8), (0x1F10, 0x1F15, 1, 8), (0x1F18, 0x1F1D, 1, -8), (0x1F20, 0x1F27, 1, 8),
    (0x1F28, 0x1F2F, 1, -8), (0x1F30, 0x1F37, 1, 8), (0x1F38, 0x1F3F, 1, -8), (0x1F40, 0x1F45, 1, 8),
    (0x1F48, 0x1F4D, 1, -8), (0x1F51, 0x1F57, 2, 8), (0x1F59, 0x1F5F, 2, -8), (0x1F60, 0x1F67, 1, 8),
    (0x1F68, 0x1F6F, 1, -8), (0x1F70, 0x1F71, 1, 74), (0x1F72, 0x1F75, 1, 86), (0x1F76, 0x1F77, 1, 100),
    (0x1F78, 0x1F79, 1, 128), (0x1F7A, 0x1F7B, 1, 112), (0x1F7C, 0x1F7D, 1, 126), (0x1F80, 0x1F87, 1, 8),
    (0x1F88, 0x1F8F, 1, -8), (0x1F90, 0x1F97, 1, 8), (0x1F98, 0x1F9F, 1, -8), (0x1FA0, 0x1FA7, 1, 8),
    (0x1FA8, 0x1FAF, 1, -8), (0x1FB0, 0x1FB1, 1, 8), (0x1FB3, 0x1FC3, 16, 9), (0x1FB8, 0x1FB9, 1, -8),
    (0x1FBA, 0x1FBB, 1, -74), (0x1FBC, 0x1FCC, 16, -9), (0x1FBE, 0x1FBE, 1, -7289), (0x1FBE, 0x1FBE, 1, -7205),
    (0x1FBE, 0x1FBE, 1, -7173), (0x1FC8, 0x1FCB, 1, -86), (0x1FD0, 0x1FD1, 1, 8), (0x1FD3, 0x1FD3, 1, -7235),
    (0x1FD8, 0x1FD9, 1, -8), (0x1FDA, 0x1FDB, 1, -100), (0x1FE0, 0x1FE1, 1, 8), (0x1FE3, 0x1FE3, 1, -7219),
    (0x1FE5, 0x1FE5, 1, 7), (0x1FE8, 0x1FE9, 1, -8), (0x1FEA, 0x1FEB, 1, -112), (0x1FEC, 0x1FEC, 1, -7),
    (0x1FF3, 0x1FF3, 1, 9), (0x1FF8, 0x1FF9, 1, -128), (0x1FFA, 0x1FFB, 1, -126), (0x1FFC, 0x1FFC, 1, -9),
    (0x2126, 0x2126, 1, -7549), (0x2126, 0x2126, 1, -7517), (0x212A, 0x212A, 1, -8415), (0x212A, 0x212A, 1, -8383),
    (0x212B, 0x212B, 1, -8294), (0x212B, 0x212B, 1, -8262), (0x2132, 0x2132, 1, 28), (0x214E, 0x214E, 1, -28),
    (0x2160, 0x216F, 1, 16), (0x2170, 0x217F, 1, -16), (0x2183, 0x2183, 1, 1), (0x2184, 0x2184, 1, -1),
    (0x24B6, 0x24CF, 1, 26), (0x24D0, 0x24E9, 1, -26), (0x2C00, 0x2C2F, 1, 48), (0x2C30, 0x2C5F, 1, -48),
    (0x2C60, 0x2C67, 7, 1), (0x2C61, 0x2C68, 7, -1), (0x2C62, 0x2C62, 1, -10743), (0x2C63, 0x2C63, 1, -3814),
    (0x2C64, 0x2C64, 1, -10727), (0x2C65, 0x2C65, 1, -10795), (0x2C66, 0x2C66, 1, -10792), (0x2C69, 0x2C6B, 2, 1),
    (0x2C6A, 0x2C6C, 2, -1), (0x2C6D, 0x2C6D, 1, -10780), (0x2C6E, 0x2C6E, 1, -10749), (0x2C6F, 0x2C6F, 1, -10783),
    (0x2C70, 0x2C70, 1, -10782), (0x2C72, 0x2C75, 3, 1), (0x2C73, 0x2C76, 3, -1), (0x2C7E, 0x2C7F, 1, -10815),
    (0x2C80, 0x2CE2, 2, 1), (0x2C81, 0x2CE3, 2, -1), (0x2CEB, 0x2CED, 2, 1), (0x2CEC, 0x2CEE, 2, -1),
    (0x2CF2, 0x2CF2, 1, 1), (0x2CF3, 0x2CF3, 1, -1), (0x2D00, 0x2D25, 1, -7264), (0x2D27, 0x2D2D, 6, -7264),
    (0xA640, 0xA66C, 2, 1), (0xA641, 0xA66D, 2, -1), (0xA64A, 0xA64A, 1, -35266), (0xA64B, 0xA64B, 1, -35267),
    (0xA680, 0xA69A, 2, 1), (0xA681, 0xA69B, 2, -1), (0xA722, 0xA72E, 2, 1), (0xA723, 0xA72F, 2, -1),
    (0xA732, 0xA76E, 2, 1), (0xA733, 0xA76F, 2, -1), (0xA779, 0xA77B, 2, 1), (0xA77A, 0xA77C, 2, -1),
    (0xA77D, 0xA77D, 1, -35332), (0xA77E, 0xA786, 2, 1), (0xA77F, 0xA787, 2, -1), (0xA78B, 0xA790, 5, 1),
    (0xA78C, 0xA791, 5, -1), (0xA78D, 0xA78D, 1, -42280), (0xA792, 0xA796, 4, 1), (0xA793, 0xA797, 4, -1),
    (0xA794, 0xA794, 1, 48), (0xA798, 0xA7A8, 2, 1), (0xA799, 0xA7A9, 2, -1), (0xA7AA, 0xA7AE, 4, -42308),
    (0xA7AB, 0xA7AB, 1, -42319), (0xA7AC, 0xA7AC, 1, -42315), (0xA7AD, 0xA7AD, 1, -42305),
    (0xA7B0, 0xA7B0, 1, -42258), (0xA7B1, 0xA7B1, 1, -42282), (0xA7B2, 0xA7B2, 1, -42261), (0xA7B3, 0xA7B3, 1, 928),
    (0xA7B4, 0xA7C2, 2, 1), (0xA7B5, 0xA7C3, 2, -1), (0xA7C4, 0xA7C4, 1, -48), (0xA7C5, 0xA7C5, 1, -42307),
    (0xA7C6, 0xA7C6, 1, -35384), (0xA7C7, 0xA7C9, 2, 1), (0xA7C8, 0xA7CA, 2, -1), (0xA7CB, 0xA7CB, 1, -42343),
    (0xA7CC, 0xA7DA, 2, 1), (0xA7CD, 0xA7DB, 2, -1), (0xA7DC, 0xA7DC, 1, -42561), (0xA7DD, 0xA7E2, 5, -42342),
    (0xA7F5, 0xA7F5, 1, 1), (0xA7F6, 0xA7F6, 1, -1), (0xAB4B, 0xAB4C, 1, 33), (0xAB53, 0xAB53, 1, -928),
    (0xAB6C, 0xAB6D, 1, -33), (0xAB70, 0xABBF, 1, -38864), (0xFB05, 0xFB05, 1, 1), (0xFB06, 0xFB06, 1, -1),
    (0xFF21, 0xFF3A, 1, 32), (0xFF41, 0xFF5A, 1, -32), (0x10400, 0x10427, 1, 40), (0x10428, 0x1044F, 1, -40),
    (0x104B0, 0x104D3, 1, 40), (0x104D8, 0x104FB, 1, -40), (0x10570, 0x1057A, 1, 39), (0x1057C, 0x1058A, 1, 39),
    (0x1058C, 0x10592, 1, 39), (0x10594, 0x10595, 1, 39), (0x10597, 0x105A1, 1, -39), (0x105A3, 0x105B1, 1, -39),
    (0x105B3, 0x105B9, 1, -39), (0x105BB, 0x105BC, 1, -39), (0x10C80, 0x10CB2, 1, 64), (0x10CC0, 0x10CF2, 1, -64),
    (0x10D50, 0x10D65, 1, 32), (0x10D70, 0x10D85, 1, -32), (0x118A0, 0x118BF, 1, 32), (0x118C0, 0x118DF, 1, -32),
    (0x16E40, 0x16E5F, 1, 32), (0x16E60, 0x16E7F, 1, -32), (0x16EA0, 0x16EB8, 1, 27), (0x16EBB, 0x16ED3, 1, -27),
    (0x1DF40, 0x1DF48, 8, 1), (0x1DF41, 0x1DF49, 8, -1), (0x1DF4A, 0x1DF4D, 3, 1), (0x1DF4B, 0x1DF4E, 3, -1),
    (0x1DF51, 0x1DF68, 23, 1), (0x1DF52, 0x1DF69, 23, -1), (0x1DF6A, 0x1DF6E, 2, 1), (0x1DF6B, 0x1DF6F, 2, -1),
    (0x1DF72, 0x1DF7E, 2, 1), (0x1DF73, 0x1DF7F, 2, -1), (0x1DF95, 0x1DF95, 1, -122550),
    (0x1DF95, 0x1DF95, 1, -114935), (0x1E900, 0x1E921, 1, 34), (0x1E922, 0x1E943, 1, -34),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn p(source: &str) -> Pattern {
        Pattern::new(source, Path::new("test.toml")).unwrap()
    }

    #[test]
    fn push_cp_writes_what_format_wrote() {
        let samples = (0..0x300).chain([
            0xFFF,
            0x1000,
            0xD7FF,
            0xE000,
            0xFFFF,
            0x1_0000,
            0x10_FFFF,
            0x11_0000,
            u32::MAX,
        ]);
        for c in samples {
            let mut out = String::from("[");
            push_cp(&mut out, c);
            let want = match char::from_u32(c) {
                Some(ch) if ch.is_ascii_alphanumeric() => format!("[{ch}"),
                _ => format!("[\\x{{{c:X}}}"),
            };
            assert_eq!(out, want, "code point {c:#x}");
        }
    }

    #[test]
    fn word_delta_is_the_difference() {
        let crate_word = regex::Regex::new(r"^\w$").unwrap();
        let mut delta: Vec<(u32, u32)> = Vec::new();
        for c in (0..=MAX_CP).filter_map(char::from_u32) {
            let module = in_ranges(c as u32, &t::RE_WORD);
            if module != crate_word.is_match(c.encode_utf8(&mut [0; 4])) {
                match delta.last_mut() {
                    Some(last) if last.1 + 1 == c as u32 => last.1 = c as u32,
                    _ => delta.push((c as u32, c as u32)),
                }
            }
        }
        assert_eq!(delta, WORD_DELTA.to_vec());
        assert_eq!(Some(WORD_DELTA_FIRST as u32), WORD_DELTA.first().map(|&(lo, _)| lo));
    }

    #[test]
    fn cases_by_code_point_are_the_runs() {
        for c in 0..=MAX_CP {
            let mut scanned = vec![c];
            for &(first, last, stride, delta) in &CASE_RUNS {
                if first <= c && c <= last && (c - first) % u32::from(stride) == 0 {
                    scanned.extend(c.checked_add_signed(delta));
                }
            }
            assert_eq!(cases(c), scanned, "{c:X}");
        }
    }

    #[test]
    fn holed_translations_match_as_the_whole_text() {
        let sources = [
            r"(?i:^(?:by|von)\s+\p{Lu}[\p{L}.\x27’\-]*(?:\s+\p{Lu}\w+){0,3}$)",
            r"^(?P<who>\w+|[^\W\d])\s*(?:\d|-)+$",
            r"(?s:.|\w)[^a-z\p{Han}]\b",
            r"(?x) (?P<v>[\w\s/.,\-]{0,40}) \)? \s* $",
        ];
        let texts = [
            "By Jo Smith",
            "by ÉLODIE Durand",
            "von İlker Öz Ab Cd Ef",
            "word 12-3",
            "é 1",
            "ab_9 --",
            "x漢字 y",
            "a\n",
            "ab.\u{1acf}",
            "Reuters/ photo, 2024 )  ",
            "",
            "\u{f0000}",
            "—",
            "by  Jo\n",
        ];
        for source in sources {
            for mode in [Mode::Main, Mode::Loose, Mode::Dollar] {
                let whole = translate(source, mode).unwrap();
                let holed = translate_with(source, mode, true).unwrap();
                assert!(
                    !holed.holes.is_empty() && holed.text.len() < whole.text.len(),
                    "{source}"
                );
                let want = regex::Regex::new(&whole.text).unwrap();
                let got = Engine::new(&holed).unwrap();
                for text in texts {
                    let span = want.find(text).map(|m| (m.start(), m.end()));
                    assert_eq!(got.find(text), Some(span), "{source} {mode:?} {text:?}");
                    for name in ["who", "v"] {
                        let group = want.captures(text).map(|c| c.name(name).map_or("", |m| m.as_str()));
                        assert_eq!(got.group(text, name), Some(group), "{source} {mode:?} {text:?}");
                    }
                }
            }
        }
        // A source naming a group as the holes are named is translated whole.
        assert!(translate_with(r"(?P<__hole0>\w)", Mode::Main, true)
            .unwrap()
            .holes
            .is_empty());
    }

    #[test]
    fn one_nfa_answers_as_the_regex_crate_does() {
        // Anchored at the start (forward; a Unicode `\b` makes the lazy DFA give up on non-ASCII texts, and
        // the PikeVM answers), at the end only (forward, or reverse with a Unicode `\b`), at neither end
        // (the `meta::Regex`), with a branch that matches no text (a class emptied by `ascii_only`), or
        // matching "".
        let sources = [
            (
                r"(?i:^(?:by|von)\s+\p{Lu}[\p{L}.\x27’\-]*(?:\s+\p{Lu}\w+){0,3}\b)",
                Some(false),
            ),
            (r"^\s*@\w", Some(false)),
            (r"^\p{Lu}\w+$", Some(false)),
            // The PikeVM alone (see `vm_only`).
            (
                r"(?i:(?:[|/•]\s*|\bvia\s+|\(\s*)(?:getty images|afp|ap)[\w\s/.,\-]{0,40}\)?\s*$)",
                None,
            ),
            (r"\.\s+(?:By|Von)\s+\p{Lu}[\p{Lu}\d .&/\-]{3,60}$", Some(false)),
            (r"\.\s+(?:By|Von)\s+\p{Lu}\w+\b[\p{Lu}\d .&/\-]+$", Some(true)),
            (r"\p{Ll}(?:Bild|Foto)\s*:\s*[^.:]+$", Some(false)),
            (r"(?i:\b(?:photo|bild)\s*:\s*[^.:]{1,60}$)", Some(true)),
            (r"\w\(", None),
            (r"^\w*", Some(false)),
            (r"^(?:[^\x00-\x{10FFFF}]x|W\w*)$", Some(false)),
            (r"(?:^|a)\b", None),
            (r"^\b|\B$", None),
            (r"^(?:\w+|)$", Some(false)),
            (r"(?:\w+|)$", Some(false)),
            (r"(?:\w+\b|)$", Some(true)),
            // Branches with a first part in common, grouped in a forward test.
            (r"(?i:^(?:photo|photos|foto|fotos|bild|by)\s*:)", Some(false)),
            (
                r"(?:Next article|Next post|News|Nächster Artikel|N\w+)\s*$",
                Some(false),
            ),
        ];
        let texts = [
            "by Jo Smith",
            "von İlker Öz Ab Cd Ef",
            "by Jo Smithé",
            "by Éa",
            "  @handle",
            "@é",
            "Photo via Getty Images",
            "(AP Photo/Jörg Müller)",
            "| AFP/ 2024, x )  ",
            "| AFP/ ünïcödé wörds, x )",
            "It ended. By JO SMITH & CO/X",
            "Ended. Von ÄÖÜ ÉÈ",
            "Bild: Jörg",
            "aFoto: Jörg Müller",
            "aBild: a. b",
            "ébild: x",
            "Word",
            "Wörd",
            "Photos : x",
            "FOTO:",
            "photographer:",
            "by:",
            "Next post ",
            "Next posts",
            "Nächster Artikel",
            "Nord",
            "f(x)",
            "x",
            "",
            "—",
        ];
        for (source, reverse) in sources {
            let hir = holed_hir(&translate_for_engine(source, Mode::Main).unwrap()).unwrap();
            let want = regex::Regex::new(&translate(source, Mode::Main).unwrap().text).unwrap();
            let plain = Plain::new(&hir).unwrap();
            let test = plain.test.as_ref();
            let vm_alone = vm_only(&hir);
            assert_eq!(test.map(|t| t.reverse), reverse, "{source}");
            // Only the NFA (and PikeVM) of a forward test or of `vm_only`, or the `meta::Regex` alone, are built.
            assert_eq!(plain.vm.get().is_some(), reverse == Some(false) || vm_alone, "{source}");
            assert_eq!(plain.full.get().is_some(), test.is_none() && !vm_alone, "{source}");
            for text in texts {
                // A fresh one for each text: a PikeVM that a reverse test built for one text answers the next.
                let plain = Plain::new(&hir).unwrap();
                assert_eq!(plain.is_match(text), want.is_match(text), "{source} {text:?}");
            }
            assert!(plain.full.get().is_none() || test.is_none(), "{source}");
        }
    }

    #[test]
    fn the_patterns_answered_by_their_pikevm_alone_answer_as_the_regex_crate_does() {
        // Every pattern of the generic rules that `vm_only` takes (the photo credit of `captions.toml`),
        // asked of every line of the golden inputs (the seed dumps among them), each line's tails, and
        // 20,000 lines drawn from credit-like pieces (agencies after each opening, non-ASCII words, counts
        // around the bound of 40, closing brackets and spaces): the crate's `Regex` is the answer the
        // reverse lazy DFA gave before (`one_nfa_answers_as_the_regex_crate_does`).
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
        let mut sources = Vec::new();
        let mut dirs = vec![root.join("rules/generic")];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
        for path in files {
            let Ok(table) = std::fs::read_to_string(&path).unwrap().parse::<toml::Table>() else {
                continue;
            };
            fn strings(v: &toml::Value, out: &mut Vec<String>) {
                match v {
                    toml::Value::String(s) => out.push(s.clone()),
                    toml::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
                    toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
                    _ => {}
                }
            }
            if let Some(regex) = table.get("regex") {
                strings(regex, &mut sources);
            }
        }
        let taken: Vec<(String, Hir)> = sources
            .into_iter()
            .filter_map(|source| {
                let out = translate_for_engine(&source, Mode::Main).ok()?;
                let hir = (!out.fancy).then(|| holed_hir(&out).ok()).flatten()?;
                vm_only(&hir).then_some((source, hir))
            })
            .collect();
        assert!(
            taken.iter().any(|(s, _)| s.contains("getty images")),
            "the credit pattern is taken: {taken:?}"
        );
        let mut lines: Vec<String> = Vec::new();
        for (_, text) in crate::testkit::golden_texts(false) {
            for line in text.lines() {
                let cuts = line.char_indices().map(|(i, _)| i).step_by(7);
                lines.extend(cuts.map(|i| line[i..].to_string()));
            }
        }
        let openings = ["| ", "/", "•", " via ", "VIA\u{a0}", "(", "( ", "·", "vía ", "x/", "ſ"];
        let agencies = [
            "Getty Images",
            "AFP",
            "reuters",
            "AP Photo",
            "AP",
            "dpa",
            "EPA",
            "Shutterstock",
            "iStock",
            "imago",
            "picture alliance",
            "Picture-Alliance",
            "keystone",
            "EFE",
            "Anadolu",
            "APA",
            "aF",
        ];
        let words = [
            " ",
            "Jörg Müller",
            "/",
            "ünal",
            ".",
            ",",
            "-",
            "2024",
            "_",
            "Øyvind",
            "Ωmega",
            "日本",
            "\u{a0}",
            "  ",
            "x",
            "—",
            ":",
            "é",
            "\t",
        ];
        let ends = ["", ")", ") ", " )", "))", ").", "\u{3000}", "!"];
        let mut next = crate::testkit::draws(25);
        for _ in 0..20_000 {
            let mut line: String = (0..next(3)).map(|_| words[next(words.len())]).collect();
            line.push_str(openings[next(openings.len())]);
            line.push_str(agencies[next(agencies.len())]);
            // Often near the bound: runs of one- and two-character words up to 50 characters.
            for _ in 0..next(30) {
                line.push_str(words[next(words.len())]);
            }
            line.push_str(ends[next(ends.len())]);
            lines.push(line);
        }
        for (source, hir) in &taken {
            let want = regex::Regex::new(&translate(source, Mode::Main).unwrap().text).unwrap();
            let plain = Plain::new(hir).unwrap();
            assert!(plain.test.is_none() && plain.full.get().is_none(), "{source}");
            let (mut yes, mut wide) = (0, 0);
            for line in &lines {
                let expected = want.is_match(line);
                assert_eq!(plain.is_match(line), expected, "{source} {line:?}");
                yes += usize::from(expected);
                wide += usize::from(expected && !line.is_ascii());
            }
            assert!(
                yes > 2000 && wide > 1000,
                "{source}: {yes} matches, {wide} outside ASCII"
            );
        }
    }

    #[test]
    fn the_ascii_twin_finds_what_the_main_engine_finds_in_ascii_texts() {
        // Unicode classes (cased letters that fold outside ASCII: `k`, `s`, `i`), boundaries, groups.
        let sources = [
            r"(?i:(?:[|/•]\s*|\bvia\s+|\(\s*)(?:getty images|afp|ap)[\w\s/.,\-]{0,40}\)?\s*$)",
            r"\.\s+(?:By|BY|Von)\s+\p{Lu}[\p{Lu}\d .&/\-]{3,60}$",
            r"^(?i:by|von)\s+(?P<who>\p{Lu}[\p{L}.\x27’\-]*)(?:\s+\p{Lu}\w+){0,3}$",
            r"\b[a-z_]\w+\.[a-z_]\w*\b",
            r"(?i:\bkiss\b)|[^\W\d]\B.",
        ];
        let mut texts: Vec<String> = [
            "Photo via Getty Images",
            "(AP Photo/Jo Smith)",
            "| AFP/ 2024, x )  ",
            "It ended. By JO SMITH & CO/X",
            "by Jo Smith Ab Cd",
            "VON Ann",
            "see os.path.join here",
            "a KISS, skis; ſ",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Every text of up to three characters over a small alphabet of word, space, case and mark bytes.
        let alphabet = ['a', 'K', 's', 'I', '_', '1', ' ', '.', '(', '\n'];
        let mut short = vec![String::new()];
        for _ in 0..3 {
            short = short
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(short.iter().cloned());
        }
        for source in sources {
            let p = Pattern::new(source, Path::new("x.toml")).unwrap();
            let twin = p.ascii_twin().expect("a twin: the pattern has Unicode classes");
            for text in texts.iter().filter(|t| p.variant(t) == Variant::Main) {
                assert_eq!(twin.find(text), p.main().find(text), "{source} {text:?}");
                assert_eq!(
                    twin.group(text, "who"),
                    p.main().group(text, "who"),
                    "{source} {text:?}"
                );
            }
        }
        // A pattern whose classes are ASCII already has no twin: the main engine answers.
        assert!(Pattern::new(r"^[a-z]+-[0-9]$", Path::new("x.toml"))
            .unwrap()
            .ascii_twin()
            .is_none());
    }

    #[test]
    fn case_relation_is_the_modules() {
        assert_eq!(cases('i' as u32), vec![0x69, 0x49, 0x130]);
        assert_eq!(cases('I' as u32), vec![0x49, 0x69, 0x131]);
        assert_eq!(cases(0x130), vec![0x130, 0x69]);
        assert_eq!(cases('k' as u32), vec![0x6B, 0x4B, 0x212A]);
        assert_eq!(cases('ß' as u32), vec![0xDF, 0x1E9E, 0x1DF95]);
        assert_eq!(cases('-' as u32), vec![0x2D]);
        for &(first, last, stride, delta) in &CASE_RUNS {
            let mut c = first;
            while c <= last {
                let other = c.checked_add_signed(delta).unwrap();
                assert!(cases(other).contains(&c), "{c:X} ~ {other:X} is symmetric");
                c += u32::from(stride);
            }
        }
    }

    #[test]
    fn syntax_of_the_module() {
        assert!(p(r"a{").search("a{") && p(r"a{x}").search("a{x}") && p(r"x}").search("x}"));
        assert!(p(r"^a{,2}b$").search("aab") && !p(r"^a{,2}b$").search("aaab"));
        assert!(p(r"[]a]+$").search("]a]") && p(r"[^]a]").search("b") && p(r"[a-]").search("-"));
        assert!(p(r"[[]").search("[") && p(r"[&&]").search("&") && p(r"[~]").search("~"));
        assert!(p(r"(?x) r e a d  # comment").search("read") && p(r"(?x)[ ]").search(" "));
        assert!(p(r"a\Z").search("a") && !p(r"a\Z").search("a\n") && p(r"a$").search("a\n"));
        assert!(p(r"\x41\u00e9\'\-").search("Aé'-") && p(r"[\b]").search("\u{8}"));
        assert!(p(r"(?:(?i)b)c").search("Bc") && !p(r"(?:(?i)b)c").search("BC"));
        assert!(p(r"a(?i)b").search("aB") && !p(r"a(?i)b").search("AB"));
        assert!(p(r"(?i)(?-i:A)b").search("AB") && !p(r"(?i)(?-i:A)b").search("aB"));
        assert!(p(r"(?P<x>a)(?P=x)").search("aa") && p(r"(a)\1").search("aa") && !p(r"(a)\1").search("ab"));
        assert_eq!(p(r"(?P<v>\d+)").search_group("ab 12", "v"), Some("12"));
    }

    #[test]
    fn classes_of_the_module() {
        // U+0295 is a lower-case letter to the crate, not to the module (Unicode 17); U+1ACF a mark to
        // the module only.
        assert!(!p(r"\p{Ll}").search("\u{295}") && p(r"\p{Ll}").search("a"));
        assert!(p(r"\w").search("\u{1acf}") && p(r"\p{M}").search("\u{1acf}"));
        assert!(p(r"(?i)\p{Lu}").search("ĸ") && !p(r"(?i)[^\p{Lu}]").search("a"));
        assert!(p(r"(?i)[h-j]").search("İ") && !p(r"(?i)[H-J]").search("İ") && p(r"(?i)[H-J]").search("ı"));
        assert!(!p(r"(?i)[^i]").search("İ") && p(r"(?i)[^I]").search("İ"));
        assert!(p(r"(?i)ß").search("ẞ") && !p(r"(?i)ss").search("ß"));
        // Next to a character that is a word character to the module only, `\b` is the module's.
        assert!(!p(r"a\b").search("a\u{1acf}") && p(r"a\B").search("a\u{1acf}"));
        assert!(p(r"\bcookie\b").search("a cookie."));
    }

    #[test]
    fn unsupported_syntax_is_an_error() {
        for bad in [
            r"(?&name)",
            r"(?(DEFINE)(?P<a>x))",
            r"a*+",
            r"a**",
            r"\N{DASH}",
            r"[[:alpha:]]",
            r"\q",
            r"(?a)x",
            r"(",
        ] {
            assert!(Pattern::new(bad, Path::new("x.toml")).is_err(), "{bad}");
        }
    }
}
