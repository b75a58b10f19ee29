//! The dataset: its file format, loading with located errors, and validation.

pub(crate) mod bundled_texts;
pub mod date;
pub mod embedded;
pub mod error;
pub mod fast;
pub mod load;
pub mod positions;
pub mod schema;
pub mod text;
pub mod validate;

pub use date::PartialDate;
pub use error::{LoadError, Problem, Problems};
pub use load::{DEFAULT_MAX_SIZE, load_embedded, load_file, load_file_with_limit, parse};
pub use schema::*;
