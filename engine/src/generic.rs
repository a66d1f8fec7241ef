//! The compiled generic data: every phrase and language file of `rules/generic/`, built once.

use std::path::Path;

use crate::lang::Lang;
use crate::phrases::Matchers;
use crate::tables::{LoadError, Tables};

/// Everything the generic stage compiles from `rules/generic/`, built once and shared by every document.
#[derive(Debug)]
pub struct Generic {
    pub tables: Tables,
    pub lang: Lang,
    pub matchers: Matchers,
    pub lines: crate::lines::Data,
    pub markers: crate::markers::Data,
    pub breadcrumbs: crate::breadcrumbs::Data,
    pub menus: crate::menus::Data,
    pub authorbox: crate::authorbox::Data,
    pub metadata: crate::metadata::Data,
    pub region: crate::region::Data,
    pub pager: crate::pager::Data,
    pub learned: crate::learned::Model,
    pub end_model: crate::learned::Model<{ crate::endmodel::M }>,
}

impl Generic {
    /// Load and compile the files of `dir` (the `rules/generic` folder).
    pub fn load(dir: &Path) -> Result<Generic, LoadError> {
        let tables = Tables::load(dir)?;
        Ok(Generic {
            lang: Lang::load(dir)?,
            matchers: Matchers::load(&tables)?,
            lines: crate::lines::Data::load(&tables)?,
            markers: crate::markers::Data::load(&tables)?,
            breadcrumbs: crate::breadcrumbs::Data::load(&tables)?,
            menus: crate::menus::Data::load(&tables)?,
            authorbox: crate::authorbox::Data::load(&tables)?,
            metadata: crate::metadata::Data::load(&tables)?,
            region: crate::region::Data::load(&tables)?,
            pager: crate::pager::Data::load(&tables)?,
            learned: crate::learned::Model::load(&tables)?,
            end_model: crate::learned::Model::load_file(
                &tables,
                crate::endmodel::FILE,
                &crate::endmodel::FEATURES.map(|(n, _)| n),
                "bench/train_end.py",
            )?,
            tables,
        })
    }
}
