//! Pieces several views share.

pub mod checklist;
pub mod detail;
pub mod footer;
pub mod header;
pub mod help;
pub mod logscale;
pub mod notice;
pub mod prompt;
pub mod table;
pub mod text;
