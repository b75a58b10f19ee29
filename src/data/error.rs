//! Errors from loading a dataset, each naming the place it was found.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use crate::terminal_text::count;

/// One problem in a dataset: where it is and what is wrong. Dataset values
/// in `item` and `message` are quoted with `terminal_text::quoted`, escaped
/// and cut, where the problem is made.
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

/// How many problems of one kind a report lists; the rest are counted.
pub const LISTED_PER_KIND: usize = 20;

/// The problems found in a dataset, as a report lists them: the first
/// [`LISTED_PER_KIND`] of each kind, and a count of the others, so that a
/// file of a million bad records neither fills the memory nor the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    listed: Vec<Problem>,
    /// Each kind seen, in order of first appearance, with how many of it
    /// were listed and how many only counted. A kind is a message with its
    /// quoted values and figures left out (`without_values`).
    kinds: Vec<KindCount>,
    by_kind: HashMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct KindCount {
    /// The first problem's message with its values left out: ``unknown source `…` ``.
    summary: String,
    listed: usize,
    unlisted: usize,
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        let message = problem.message.clone();
        self.push_with(message, |_| problem);
    }

    /// Adds the problem `make` builds from `message`, or, when its kind has
    /// been listed often enough, only counts it without building it.
    pub fn push_with(&mut self, message: String, make: impl FnOnce(String) -> Problem) {
        // The kind leaves the field out: an unknown field's name is the
        // dataset's, and a million of them must still count as one kind.
        let kind = without_values(&message);
        let at = *self.by_kind.entry(kind).or_insert_with_key(|kind| {
            self.kinds.push(KindCount {
                summary: kind.clone(),
                listed: 0,
                unlisted: 0,
            });
            self.kinds.len() - 1
        });
        let counts = &mut self.kinds[at];
        if counts.listed < LISTED_PER_KIND {
            counts.listed += 1;
            self.listed.push(make(message));
        } else {
            counts.unlisted += 1;
        }
    }

    /// How many problems were found, listed or not.
    pub fn len(&self) -> usize {
        self.listed.len() + self.unlisted()
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// The problems a report lists, in file order once `sort`ed.
    pub fn listed(&self) -> &[Problem] {
        &self.listed
    }

    fn unlisted(&self) -> usize {
        self.kinds.iter().map(|k| k.unlisted).sum()
    }

    /// In file order: by line and column, problems without a place first.
    pub fn sort(&mut self) {
        self.listed.sort_by_key(|p| p.position.unwrap_or((0, 0)));
    }
}

impl Extend<Problem> for Problems {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, problems: I) {
        for problem in problems {
            self.push(problem);
        }
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(list: Vec<Problem>) -> Self {
        let mut problems = Self::default();
        problems.extend(list);
        problems
    }
}

/// `message` with what varies between problems of a kind replaced by `…`:
/// quoted values (`` `kim` ``, `"lots"`) and figures (`line 12`, `(200000)`).
fn without_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        match c {
            '`' | '"' => {
                // Skip to the closing mark; an unclosed one runs to the end.
                for inside in chars.by_ref() {
                    if inside == c {
                        break;
                    }
                }
                out.extend([c, '…', c]);
                previous = c;
            }
            '0'..='9' if !previous.is_alphanumeric() => {
                while chars
                    .next_if(|d| d.is_ascii_digit() || matches!(d, '.' | ',' | 'e'))
                    .is_some()
                {}
                out.push('…');
                previous = '0';
            }
            _ => {
                out.push(c);
                previous = c;
            }
        }
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The file is larger than the limit (`--max-size`), or is not a file
    /// that ends (a device such as /dev/zero).
    #[error("{path}: {reason}")]
    Refused { path: PathBuf, reason: String },
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
    Invalid { path: PathBuf, problems: Problems },
}

fn invalid_message(path: &std::path::Path, problems: &Problems) -> String {
    let total = problems.len();
    let mut text = format!(
        "{} is not a valid nkict dataset ({} problem{}):",
        path.display(),
        count(total),
        if total == 1 { "" } else { "s" }
    );
    for problem in problems.listed() {
        // `file:line:column: ...`, or `file: ...` for a problem with no place.
        let separator = if problem.position.is_some() { ":" } else { ": " };
        text.push_str(&format!("\n  {}{separator}{problem}", path.display()));
    }
    for kind in problems.kinds.iter().filter(|k| k.unlisted > 0) {
        text.push_str(&format!(
            "\n  … and {} more like that: {}",
            count(kind.unlisted),
            kind.summary
        ));
    }
    text
}

impl LoadError {
    /// True when the file was read but its content is wrong (exit code 2).
    pub fn is_invalid_data(&self) -> bool {
        !matches!(self, Self::Read { .. } | Self::Refused { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize, field: &str, message: &str) -> Problem {
        Problem {
            position: Some((line, 3)),
            item: Some(format!("record `r{line}`")),
            field: Some(field.into()),
            message: message.into(),
        }
    }

    #[test]
    fn values_and_figures_are_left_out_of_a_kind() {
        assert_eq!(without_values("unknown source `kim`"), "unknown source `…`");
        assert_eq!(
            without_values("duplicate record id (first at line 1,204)"),
            "duplicate record id (first at line …)"
        );
        assert_eq!(
            without_values(r#"invalid type: string "lots", expected f64"#),
            r#"invalid type: string "…", expected f64"#
        );
        assert_eq!(
            without_values("low (2.5e6) is greater than value (7)"),
            "low (…) is greater than value (…)"
        );
        assert_eq!(without_values("unclosed `quote"), "unclosed `…`");
    }

    #[test]
    fn a_report_lists_the_first_problems_of_each_kind_and_counts_the_rest() {
        let mut problems = Problems::default();
        for line in 1..=100_000 {
            problems.push(problem(
                line,
                "id",
                &format!("duplicate record id (first at line {line})"),
            ));
        }
        problems.push(problem(7, "source", "unknown source `kim`"));
        problems.sort();
        assert_eq!(problems.len(), 100_001);
        assert_eq!(problems.listed().len(), LISTED_PER_KIND + 1);
        let text = invalid_message(std::path::Path::new("x.json"), &problems);
        assert!(text.starts_with("x.json is not a valid nkict dataset (100,001 problems):\n"));
        assert!(
            text.contains("\n  x.json:7:3: record `r7`: field `source`: unknown source `kim`\n"),
            "{text}"
        );
        assert!(
            text.ends_with("\n  … and 99,980 more like that: duplicate record id (first at line …)"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 1 + LISTED_PER_KIND + 1 + 1);
    }
}
