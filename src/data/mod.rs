//! The dataset: its file format, loading with located errors, and validation.

pub mod date;
pub mod error;
pub mod load;
pub mod positions;
pub mod schema;
pub mod validate;

pub use date::PartialDate;
pub use error::{LoadError, Problem};
pub use load::{load_embedded, load_file, parse};
pub use schema::*;
