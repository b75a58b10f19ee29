//! Errors from loading a dataset, each naming the place it was found.

use std::fmt;
use std::path::PathBuf;

/// One problem in a dataset: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column in the file, where known.
    pub position: Option<(usize, usize)>,
    /// The item at fault: ``record `kcc-founded` `` or `records[3]`.
    pub item: Option<String>,
    /// The field at fault, e.g. `period.end`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.position {
            write!(f, "{line}:{column}: ")?;
        }
        if let Some(item) = &self.item {
            write!(f, "{item}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: the file is not valid UTF-8 text")]
    NotUtf8 { path: PathBuf, line: usize, column: usize },
    #[error("{path}:{line}:{column}: invalid JSON: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", invalid_message(path, problems))]
    Invalid { path: PathBuf, problems: Vec<Problem> },
}

fn invalid_message(path: &std::path::Path, problems: &[Problem]) -> String {
    let count = problems.len();
    let mut text = format!(
        "{} is not a valid nkict dataset ({count} problem{}):",
        path.display(),
        if count == 1 { "" } else { "s" }
    );
    for problem in problems {
        // `file:line:column: ...`, or `file: ...` for a problem with no place.
        let separator = if problem.position.is_some() { ":" } else { ": " };
        text.push_str(&format!("\n  {}{separator}{problem}", path.display()));
    }
    text
}

impl LoadError {
    /// True when the file was read but its content is wrong (exit code 2).
    pub fn is_invalid_data(&self) -> bool {
        !matches!(self, Self::Read { .. })
    }
}
