//! Pieces several views share, each taking the data it draws.

pub mod axis;
pub mod checklist;
pub mod detail;
pub mod footer;
pub mod header;
pub mod help;
pub mod histogram;
pub mod logscale;
pub mod notice;
pub mod prompt;
pub mod table;

use super::keys::{self, Table};

/// A mode's shown keys for a popup's border: ` Enter apply · Esc cancel `.
pub fn border_hints(table: &Table) -> String {
    let pairs = keys::pairs(&keys::shown(table), 0);
    let text: Vec<String> = pairs.into_iter().map(|(key, does)| format!("{key} {does}")).collect();
    format!(" {} ", text.join(" · "))
}
