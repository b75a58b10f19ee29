//! Pieces several views share, each taking the data it draws.

pub mod detail;
pub mod footer;
pub mod header;
pub mod help;
pub mod histogram;
pub mod logscale;
pub mod notice;
pub mod picker;
pub mod prompt;
pub mod series_chart;
pub mod table;
