//! The per-document engine of cleaner: the generic stage, applying removals, tidying and metadata.
//!
//! An [`generic::Generic`] is built once from the phrase and language files of `rules/generic/`
//! (literal phrases into Aho-Corasick automata, patterns into the `regex` crate) and then cleans any
//! number of documents with [`pipeline::clean`]. Every removal carries a rule id and a reason.
//!
//! Semantics follow Python's `str` methods (what a line's words, spaces and case are), so the
//! engine gives byte for byte what the Python implementation it replaced gave: see [`pystr`].
#![forbid(unsafe_code)]

pub mod authorbox;
pub mod breadcrumbs;
pub mod code;
pub mod ctx;
pub mod dates;
pub mod doc;
pub mod dump;
pub mod endmodel;
#[cfg(unix)] // permission bits: elsewhere the binding leaves every file to the Python path
pub mod files;
pub mod generic;
pub mod heuristics;
pub mod images;
pub mod keystage;
pub mod lang;
pub mod learned;
pub mod learnpage;
pub mod linekey;
pub mod lines;
pub mod markers;
pub mod menus;
pub mod metadata;
pub mod pager;
pub mod pattern;
pub mod phrases;
pub mod pipeline;
pub mod pystr;
mod pystr_tables;
pub mod region;
pub mod removal;
pub mod repeats;
pub mod scratch;
pub mod shape;
pub mod tables;
#[cfg(test)]
mod testkit;
pub mod threads;
pub mod titlelists;
pub mod toc;
pub mod trailing;
