//! The phrase files of `rules/generic/`, parsed once: the data every heuristic compiles from.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A rule or phrase file that could not be read or compiled: which file, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

/// The parsed `rules/generic/<name>.toml` files, by name.
///
/// ```no_run
/// use cleaner_engine::tables::Tables;
/// let t = Tables::load(std::path::Path::new("rules/generic")).unwrap();
/// assert!(t.phrases("ad-markers", "lines").unwrap().contains(&"Advertisement".to_string()));
/// ```
#[derive(Debug, Default)]
pub struct Tables {
    dir: PathBuf,
    files: HashMap<String, toml::Table>,
}

impl Tables {
    /// Parse every `*.toml` file directly in `dir`.
    pub fn load(dir: &Path) -> Result<Tables, LoadError> {
        let err = |file: &Path, message: String| LoadError {
            file: file.to_path_buf(),
            message,
        };
        let mut files = HashMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| err(dir, e.to_string()))?;
        for entry in entries {
            let path = entry.map_err(|e| err(dir, e.to_string()))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|e| err(&path, e.to_string()))?;
            let table: toml::Table = text.parse().map_err(|e: toml::de::Error| err(&path, e.to_string()))?;
            files.insert(name.to_string(), table);
        }
        Ok(Tables {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// The folder the files came from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of file `name` (for error messages).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.toml"))
    }

    /// An error about file `name`.
    pub fn error(&self, name: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.path(name),
            message: message.into(),
        }
    }

    /// The parsed file `name` (an empty table when there is no such file).
    pub fn table(&self, name: &str) -> Result<&toml::Table, LoadError> {
        self.files
            .get(name)
            .ok_or_else(|| self.error(name, "no such phrase file"))
    }

    /// Every phrase under `key` of file `name`, all languages together: a key holds a list, or a table of
    /// lists by language code, read in sorted code order (Python's `phrases`). A missing key gives none.
    pub fn phrases(&self, name: &str, key: &str) -> Result<Vec<String>, LoadError> {
        let bad = || {
            self.error(
                name,
                format!("`{key}` must be a list of strings or a table of such lists"),
            )
        };
        let strings = |v: &toml::Value| -> Result<Vec<String>, LoadError> {
            v.as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|x| x.as_str().map(str::to_string).ok_or_else(bad))
                .collect()
        };
        match self.table(name)?.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Table(by_lang)) => {
                let mut langs: Vec<&String> = by_lang.keys().collect();
                langs.sort();
                let mut out = Vec::new();
                for lang in langs {
                    out.extend(strings(&by_lang[lang])?);
                }
                Ok(out)
            }
            Some(v) => strings(v),
        }
    }

    /// A number under `key` of file `name` (integer or float), or `default` when absent.
    pub fn number(&self, name: &str, key: &str, default: f64) -> Result<f64, LoadError> {
        match self.table(name)?.get(key) {
            None => Ok(default),
            Some(toml::Value::Integer(i)) => Ok(*i as f64),
            Some(toml::Value::Float(f)) => Ok(*f),
            Some(_) => Err(self.error(name, format!("`{key}` must be a number"))),
        }
    }
}
