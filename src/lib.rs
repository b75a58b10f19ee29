//! nkict: a terminal dashboard over North Korea's ICT, every figure traced to
//! the sentence it came from.
//!
//! `data` reads and checks the dataset, `model` filters and queries it,
//! `export` writes a view back out, `quotes` checks quotes against their
//! sources' texts, `cli` is the command line and `tui` the dashboard.
//! `terminal_text` escapes text on its way to a terminal and `signals`
//! cleans up when a signal ends nkict; every layer may use those two.

pub mod cite;
pub mod cli;
pub mod data;
pub mod export;
pub mod model;
pub mod quotes;
pub mod signals;
pub mod terminal_text;
mod threads;
pub mod tui;
