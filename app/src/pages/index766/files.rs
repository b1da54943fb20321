//! The index's data files for the unit shown, loaded once its province is
//! known: the province's index file, and every province's series when the
//! unit is a province (only to rank it). The index page and the briefing's
//! index slide read them alike.

use crate::data::{load_index, load_provinces, LoadError};
use crate::state::Ctx;
use contract::index766::{IndexSnapshot, ProvincesSnapshot};
use leptos::prelude::*;
use std::sync::Arc;

/// The two loads, as resources that follow the model's province.
#[derive(Clone, Copy)]
pub struct IndexFiles {
    /// `None` inside: no model yet, or data without the index.
    pub file: LocalResource<Result<Option<Arc<IndexSnapshot>>, LoadError>>,
    /// `None`: not a province, or not loaded (the rank is then left out).
    pub provinces: LocalResource<Option<Arc<ProvincesSnapshot>>>,
}

impl IndexFiles {
    /// Starts loading; call it while building the component.
    pub fn load(ctx: Ctx) -> IndexFiles {
        // Data built without the index's rules have no index files.
        let province = Memo::new(move |_| {
            ctx.model.with(|m| {
                let m = m
                    .as_ref()
                    .ok()
                    .filter(|m| m.base.manifest.index.is_some())?;
                Some(m.unit.province.clone())
            })
        });
        let top = Memo::new(move |_| {
            ctx.model
                .with(|m| m.as_ref().is_ok_and(|m| m.unit.parent.is_none()))
        });
        let manifest = move || {
            ctx.model
                .with_untracked(|m| m.as_ref().ok().map(|m| m.base.clone()))
        };
        let file = LocalResource::new(move || {
            let (code, base) = (province.get(), manifest());
            async move {
                match (code, base) {
                    (Some(code), Some(base)) => load_index(&base.manifest, code).await.map(Some),
                    _ => Ok(None),
                }
            }
        });
        let provinces = LocalResource::new(move || {
            let (wanted, base) = (top.get(), manifest());
            async move {
                match (wanted, base) {
                    (true, Some(base)) => load_provinces(&base.manifest).await.ok(),
                    _ => None,
                }
            }
        });
        IndexFiles { file, provinces }
    }
}
